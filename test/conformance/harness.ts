/**
 * Conformance against ONNX's own operator test models (Debian libonnx-testdata): for each
 * model, the graph output shapes we infer, with the file's declared output shapes and
 * value_info ignored, are compared with the shapes of the expected outputs in test_data_set_0.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModel, decodeTensorBody } from '../../src/formats/onnx/decode.js';
import { Reader } from '../../src/formats/onnx/wire.js';
import { inferModel } from '../../src/analysis/infer.js';
import type { Info } from '../../src/graph/info.js';
import type { Dim } from '../../src/graph/model.js';

export const TESTDATA_ROOT = '/usr/share/libonnx-testdata/data';
export const SUITES = ['node', 'pytorch-converted', 'pytorch-operator', 'simple'];

export type Verdict = 'match' | 'unknown' | 'wrong';

export interface CaseResult {
  suite: string;
  name: string;
  verdict: Verdict;
  detail: string;
}

/** Expected value of one output file: a tensor's dims, a sequence's items, or an optional's content. */
type Expected = { kind: 'tensor'; dims: number[] } | { kind: 'sequence'; items: number[][] } | { kind: 'optional'; value: Expected | null };

function decodeExpected(bytes: Uint8Array, declared: Info | null): Expected {
  if (declared?.kind === 'sequence') return decodeSequence(new Reader(bytes));
  if (declared?.kind === 'optional') {
    // OptionalProto: 1 name, 2 elem_type, 3 tensor_value, 5 sequence_value
    const r = new Reader(bytes);
    let value: Expected | null = null;
    while (!r.done) {
      const tag = r.tag();
      if (tag >>> 3 === 3) {
        const [s, e] = r.span();
        value = { kind: 'tensor', dims: decodeTensorBody(new Reader(bytes, s, e)).dims };
      } else if (tag >>> 3 === 5) {
        const [s, e] = r.span();
        value = decodeSequence(new Reader(bytes, s, e));
      } else r.skip(tag & 7);
    }
    return { kind: 'optional', value };
  }
  return { kind: 'tensor', dims: decodeTensorBody(new Reader(bytes)).dims };
}

/** SequenceProto: 3 tensor_values (repeated TensorProto). */
function decodeSequence(r: Reader): Expected {
  const items: number[][] = [];
  while (!r.done) {
    const tag = r.tag();
    if (tag >>> 3 === 3) {
      const [s, e] = r.span();
      items.push(decodeTensorBody(new Reader(r.buf, s, e)).dims);
    } else r.skip(tag & 7);
  }
  return { kind: 'sequence', items };
}

/** 'match' | 'unknown' | 'wrong' for one tensor shape against its expected dims. */
function compareShape(shape: Dim[] | null, dims: number[]): Verdict {
  if (shape === null) return 'unknown';
  if (shape.length !== dims.length) return 'wrong';
  let unknown = false;
  for (let i = 0; i < dims.length; i++) {
    const d = shape[i];
    if (typeof d === 'number') {
      if (d !== dims[i]) return 'wrong';
    } else unknown = true;
  }
  return unknown ? 'unknown' : 'match';
}

function compare(info: Info | null, expected: Expected): Verdict {
  if (!info) return 'unknown';
  if (expected.kind === 'tensor') {
    if (info.kind === 'optional') return info.elem ? compare(info.elem, expected) : 'unknown';
    return info.kind === 'tensor' ? compareShape(info.shape, expected.dims) : 'unknown';
  }
  if (expected.kind === 'sequence') {
    if (info.kind !== 'sequence') return info.kind === 'optional' && info.elem ? compare(info.elem, expected) : 'unknown';
    if (info.items) {
      if (info.items.length !== expected.items.length) return 'wrong';
      return worst(info.items.map((it, i) => compareShape(it.shape, expected.items[i])));
    }
    if (info.elem && expected.items.length > 0) {
      const v = worst(expected.items.map((d) => compareShape(info.elem!.shape, d)));
      // An element shape alone does not tell the sequence's length: never a full match.
      return v === 'wrong' ? 'wrong' : 'unknown';
    }
    return 'unknown';
  }
  if (info.kind !== 'optional') return 'unknown';
  if (expected.value === null) return info.present === false ? 'match' : 'unknown';
  if (info.present === false) return 'wrong';
  return info.present === true && info.elem ? compare(info.elem, expected.value) : 'unknown';
}

function worst(vs: Verdict[]): Verdict {
  if (vs.includes('wrong')) return 'wrong';
  if (vs.includes('unknown') || vs.length === 0) return 'unknown';
  return 'match';
}

export function runCase(suite: string, name: string): CaseResult {
  const dir = join(TESTDATA_ROOT, suite, name);
  const result = (verdict: Verdict, detail: string): CaseResult => ({ suite, name, verdict, detail });
  let inferred;
  let model;
  try {
    model = decodeModel(readFileSync(join(dir, 'model.onnx')));
    inferred = inferModel(model, { useDeclaredShapes: false, defaultDim: null });
  } catch (e) {
    return result('unknown', `error: ${(e as Error).message}`);
  }
  const dataDir = join(dir, 'test_data_set_0');
  const verdicts: Verdict[] = [];
  const details: string[] = [];
  inferred.outputs.forEach((out, i) => {
    const file = join(dataDir, `output_${i}.pb`);
    if (!existsSync(file)) {
      verdicts.push('unknown');
      details.push(`${out.name}: no expected output file`);
      return;
    }
    const declaredType = model.graph.outputs[i]?.type ?? null;
    const declaredKind: Info | null =
      declaredType?.kind === 'sequence' ? { kind: 'sequence', elem: null } : declaredType?.kind === 'optional' ? { kind: 'optional', elem: null } : null;
    let expected: Expected;
    try {
      expected = decodeExpected(readFileSync(file), declaredKind);
    } catch (e) {
      verdicts.push('unknown');
      details.push(`${out.name}: expected output unreadable (${(e as Error).message})`);
      return;
    }
    const v = compare(out.info, expected);
    verdicts.push(v);
    if (v !== 'match') details.push(`${out.name}: got ${describe(out.info)}, expected ${JSON.stringify(expected)}`);
  });
  return result(worst(verdicts), details.join('; '));
}

function describe(info: Info | null): string {
  if (!info) return 'nothing';
  if (info.kind === 'tensor') return `${info.dtype ?? '?'}${JSON.stringify(info.shape)}`;
  if (info.kind === 'sequence') return `sequence(${info.items ? info.items.map((t) => JSON.stringify(t.shape)).join(',') : describe(info.elem)})`;
  if (info.kind === 'optional') return `optional(${String(info.present ?? '?')}, ${describe(info.elem)})`;
  return info.kind;
}

export function listCases(filter?: RegExp): { suite: string; name: string }[] {
  const out: { suite: string; name: string }[] = [];
  for (const suite of SUITES) {
    const root = join(TESTDATA_ROOT, suite);
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      if (!existsSync(join(root, name, 'model.onnx'))) continue;
      if (filter && !filter.test(`${suite}/${name}`)) continue;
      out.push({ suite, name });
    }
  }
  return out;
}

export interface Summary {
  total: number;
  match: number;
  unknown: number;
  wrong: number;
  results: CaseResult[];
}

export function runAll(filter?: RegExp): Summary {
  const results = listCases(filter).map((c) => runCase(c.suite, c.name));
  const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  return { total: results.length, match: count('match'), unknown: count('unknown'), wrong: count('wrong'), results };
}

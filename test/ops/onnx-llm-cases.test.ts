/**
 * ONNX's own test cases for the LLM operators of opset 23+ (Attention 23 / 24 / 25,
 * RMSNormalization 23, RotaryEmbedding 23), which Debian's libonnx-testdata (ONNX 1.12) predates.
 *
 * onnx-llm-cases.json lists every case that onnx/backend/test/case/node/{attention,
 * rmsnormalization,rotaryembedding}.py writes (onnx commit f7546912, Aug 2026): the node's
 * inputs (shape, dtype; '' for an omitted optional one), attributes, opset, and the output shapes
 * ONNX's reference implementation (onnx/reference/ops/op_attention.py, ...) produced for them.
 * Only shapes and attributes were transcribed, nothing of ONNX's code. Two cases whose
 * generators need a newer numpy helper were not recorded (qk_matmul_output mode 3 with
 * softmax_precision, a rank-4 local-window GQA mask).
 *
 * For each case: the shape rule must give the reference's output shapes, and the cost rule the
 * dense formula computed here from the inputs (see src/ops/attention.ts, src/ops/normalization.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DType } from '../../src/graph/dtype.js';
import { outShape, runOp, t, type AttrValue } from '../helpers/op.js';

interface Case {
  name: string;
  op: 'Attention' | 'RMSNormalization' | 'RotaryEmbedding';
  opset: number;
  attrs: Record<string, number>;
  /** The inputs given, in order of the non-empty input names. */
  inputs: [number[], string][];
  inputNames: string[];
  outputNames: string[];
  outputs: [number[], string][];
}

const CASES = JSON.parse(readFileSync(new URL('./onnx-llm-cases.json', import.meta.url), 'utf8')) as Case[];
const prod = (xs: number[]): number => xs.reduce((a, b) => a * b, 1);

function run(c: Case) {
  const given = [...c.inputs];
  const inputs = c.inputNames.map((n) => {
    if (n === '') return undefined;
    const [shape, dtype] = given.shift()!;
    return t(dtype as DType, shape);
  });
  const omit = c.inputNames.flatMap((n, i) => (n === '' ? [i] : []));
  // Whole-number floats (scale 1.0, softcap 2.0) must stay float attributes.
  const attrs: Record<string, AttrValue> = {};
  for (const [k, v] of Object.entries(c.attrs)) attrs[k] = k === 'scale' || k === 'softcap' || k === 'epsilon' ? { type: 'float', value: v } : v;
  return runOp(c.op, { inputs, omit, attrs, opset: c.opset, outputs: c.outputNames.length });
}

/** Inputs by name, for the formulas. */
function named(c: Case): Map<string, number[]> {
  const m = new Map<string, number[]>();
  let j = 0;
  for (const n of c.inputNames) if (n !== '') m.set(n, c.inputs[j++][0]);
  return m;
}

/** Dense attention cost, as the spec's pattern computes it (Q·√s, K·√s, QKᵀ, softcap, bias, softmax, ·V). */
function attentionCost(c: Case): { macs: number; flops: number } {
  const ins = c.inputNames.filter((n) => n !== '');
  const shapeOf = (i: number): number[] | undefined => (c.inputNames[i] ? c.inputs[ins.indexOf(c.inputNames[i])][0] : undefined);
  const [q, k, v] = [shapeOf(0)!, shapeOf(1)!, shapeOf(2)!];
  const past = shapeOf(4);
  let b: number, qN: number, s: number, h: number, kvN: number, l: number, hv: number;
  if (q.length === 4) [b, qN, s, h, kvN, l, hv] = [q[0], q[1], q[2], q[3], k[1], k[2], v[3]];
  else {
    qN = c.attrs.q_num_heads;
    kvN = c.attrs.kv_num_heads;
    [b, s, h, l, hv] = [q[0], q[1], q[2] / qN, k[1], v[2] / kvN];
  }
  const total = (past ? past[2] : 0) + l;
  const scores = b * qN * s * total;
  const macs = scores * h + scores * hv;
  const windowed = (c.attrs.left_window_size ?? -1) >= 0 || (c.attrs.right_window_size ?? -1) >= 0;
  const bias = c.inputNames[3] || c.attrs.is_causal || windowed ? 1 : 0;
  const softcap = (c.attrs.softcap ?? 0) > 0 ? 3 : 0;
  const scaling = b * qN * s * h + b * kvN * total * h;
  return { macs, flops: 2 * macs + scaling + scores * (5 + bias + softcap) };
}

describe("ONNX's test cases for Attention, RMSNormalization, RotaryEmbedding (opset 23+)", () => {
  it('covers every operator and variant the cases exercise', () => {
    const count = (op: string) => CASES.filter((c) => c.op === op).length;
    expect(count('Attention')).toBeGreaterThanOrEqual(80);
    expect(count('RMSNormalization')).toBeGreaterThanOrEqual(15);
    expect(count('RotaryEmbedding')).toBeGreaterThanOrEqual(8);
    // 3-D and 4-D inputs, GQA, past / present, masks, qk output, opsets 23, 24 and 25.
    const names = CASES.map((c) => c.name).join(' ');
    for (const part of ['3d_gqa', '4d_gqa', 'with_past_and_present', 'attn_mask', 'qk_matmul', 'softcap', 'nonpad']) expect(names).toContain(part);
    expect(new Set(CASES.map((c) => c.opset))).toEqual(new Set([23, 24, 25]));
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: shapes of the reference outputs, cost from the formula', (_, c) => {
    const r = run(c);
    expect(r.warnings).toEqual([]);
    const produced = c.outputNames.flatMap((n, i) => (n === '' ? [] : [i]));
    produced.forEach((slot, j) => {
      expect(outShape(r, slot), `output ${c.outputNames[slot]}`).toEqual(c.outputs[j][0]);
      expect(r.outputs[slot]).toMatchObject({ dtype: c.outputs[j][1] });
    });
    const ins = named(c);
    if (c.op === 'Attention') {
      const want = attentionCost(c);
      expect(r.cost).toEqual({ macs: want.macs, flops: want.flops, coreMacs: want.macs });
    } else if (c.op === 'RMSNormalization') {
      const x = ins.get(c.inputNames[0])!;
      const axis = (c.attrs.axis ?? -1) < 0 ? (c.attrs.axis ?? -1) + x.length : c.attrs.axis;
      // 4 per element (square, sum, divide, scale) + 3 per row (mean divide, add eps, sqrt).
      expect(r.cost).toEqual({ macs: 0, flops: 4 * prod(x) + 3 * prod(x.slice(0, axis)), coreMacs: 0 });
    } else {
      const x = ins.get(c.inputNames[0])!;
      const heads = x.length === 4 ? x[1] : c.attrs.num_heads;
      const head = x.length === 4 ? x[3] : x[2] / heads;
      const rotated = c.attrs.rotary_embedding_dim || head;
      // 3 per rotated element (x1·cos − x2·sin and x1·sin + x2·cos: 6 per pair); the rest is copied.
      expect(r.cost).toEqual({ macs: 0, flops: (3 * prod(x) * rotated) / head, coreMacs: 0 });
    }
  });
});

/**
 * Test harness for operator rules: run a registered operator on hand-written input infos.
 *
 *   const r = runOp('Conv', { inputs: [t('float32', [1, 3, 224, 224]), t('float32', [64, 3, 7, 7])],
 *                             attrs: { strides: [2, 2], pads: [3, 3, 3, 3] } });
 *   expect(r.outputs[0]).toMatchObject({ shape: [1, 64, 112, 112] });
 */
import type { Attr, Graph, Node } from '../../src/graph/model.js';
import type { Dim, Shape } from '../../src/graph/model.js';
import type { DType } from '../../src/graph/dtype.js';
import { tensor, type Info, type TensorInfo } from '../../src/graph/info.js';
import { lookupOp } from '../../src/ops/registry.js';
import { applyOp, type ApplyResult, type SubgraphRunner } from '../../src/analysis/apply.js';

export type AttrValue = number | string | number[] | string[] | Attr;

export interface RunOpOptions {
  inputs: (Info | undefined)[];
  attrs?: Record<string, AttrValue>;
  opset?: number;
  domain?: string;
  /** Number of outputs the node declares (default 1). */
  outputs?: number;
  /** Names of inputs (default i0, i1, ...; '' for an omitted optional input where inputs[i] is undefined and omit is set). */
  omit?: number[];
  subgraph?: SubgraphRunner;
}

/** A tensor info. Floats in `attrs` must be written as Attr objects when they are whole numbers. */
export function t(dtype: DType | null, shape: Shape, value?: Dim[]): TensorInfo {
  return tensor(dtype, shape, value);
}

export function toAttr(v: AttrValue): Attr {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'type' in v) return v;
  if (typeof v === 'number') return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return { type: 'strings', value: v };
  const nums = v;
  return nums.every((x) => Number.isInteger(x)) ? { type: 'ints', value: nums } : { type: 'floats', value: nums };
}

export function floatAttr(value: number): Attr {
  return { type: 'float', value };
}

export function graphAttr(value: Graph): Attr {
  return { type: 'graph', value };
}

export function makeNode(opType: string, o: RunOpOptions): Node {
  const attrs = new Map<string, Attr>();
  for (const [k, v] of Object.entries(o.attrs ?? {})) attrs.set(k, toAttr(v));
  const omit = new Set(o.omit ?? []);
  return {
    name: `${opType}_0`,
    opType,
    domain: o.domain ?? '',
    inputs: o.inputs.map((_, i) => (omit.has(i) ? '' : `i${i}`)),
    outputs: Array.from({ length: o.outputs ?? 1 }, (_, i) => `o${i}`),
    attrs,
  };
}

export function runOp(opType: string, o: RunOpOptions): ApplyResult {
  const def = lookupOp(o.domain ?? '', opType);
  if (!def) throw new Error(`operator ${o.domain ?? ''}:${opType} is not registered`);
  const node = makeNode(opType, o);
  return applyOp(def, node, o.inputs, o.opset ?? 21, o.subgraph);
}

/** Shape of output i, for terse assertions. */
export function outShape(r: ApplyResult, i = 0): Shape | undefined {
  const v = r.outputs[i];
  return v && v.kind === 'tensor' ? v.shape : undefined;
}

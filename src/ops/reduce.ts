/**
 * Reduction family: Reduce* (axes as an attribute, or as input 1 from opset 13 for ReduceSum and
 * opset 18 for the others; keepdims; noop_with_empty_axes) and ArgMax / ArgMin.
 *
 * FLOP counts: each reduction applies its per-element step to every input element ("in"),
 * accumulates every input element (1 add / multiply / comparison each), and finishes each
 * output element ("out"). With noop_with_empty_axes and no axes there is nothing to
 * accumulate: only the per-element and finishing steps remain (ReduceSumSquare squares, ...).
 *
 * | operator         | FLOPs           | formula                      |
 * |------------------|-----------------|------------------------------|
 * | ReduceSum        | in              | sum(x)                       |
 * | ReduceMean       | in + out        | sum(x) / n                   |
 * | ReduceMax/Min    | in              | one comparison per element   |
 * | ReduceProd       | in              | prod(x)                      |
 * | ReduceL1         | 2 in            | sum(abs(x))                  |
 * | ReduceL2         | 2 in + out      | sqrt(sum(x * x))             |
 * | ReduceSumSquare  | 2 in            | sum(x * x)                   |
 * | ReduceLogSum     | in + out        | log(sum(x))                  |
 * | ReduceLogSumExp  | 2 in + out      | log(sum(exp(x)))             |
 * | ArgMax / ArgMin  | in              | one comparison per element   |
 *
 * Value propagation: ReduceSum, ReduceProd, ReduceMax and ReduceMin of small tensors whose
 * elements are known (shape arithmetic such as the product of some dims) compute their result.
 */
import type { Dim, Shape } from '../graph/model.js';
import { MAX_TRACKED_ELEMENTS, tensor, type TensorInfo } from '../graph/info.js';
import type { DType } from '../graph/dtype.js';
import { isConcrete, normAxis, numel } from '../graph/shape.js';
import { knownInts, type InferCtx, type OpCost, type OpDef } from './types.js';
import { addIn, fitDtype, maxOf, minOf, mulIn } from './elementwise.js';

/** Which axes a node reduces. `axes` null: present but unknown; [] with `noop` false: all axes. */
interface AxesSpec {
  axes: number[] | null;
  /** Number of axes when only the axes input's length is known. */
  count: number | null;
  noop: boolean;
}

/** Axes from the attribute (before `inputFrom`) or from input 1 (from `inputFrom` on). */
function axesSpec(ctx: InferCtx, inputFrom: number): AxesSpec {
  const fromInput = ctx.opset >= inputFrom;
  const noop = fromInput && ctx.attrs.int('noop_with_empty_axes', 0) !== 0;
  if (fromInput && ctx.has(1)) {
    const t = ctx.input(1);
    const axes = knownInts(t);
    if (axes) return { axes: [...axes], count: axes.length, noop };
    const len = t?.shape?.length === 1 && typeof t.shape[0] === 'number' ? t.shape[0] : null;
    // A known-empty axes input is as good as a known value.
    return len === 0 ? { axes: [], count: 0, noop } : { axes: null, count: len, noop };
  }
  // Some exporters keep the attribute past the opset that moved it to an input: honour it.
  const attr = ctx.attrs.ints('axes') ?? [];
  return { axes: [...attr], count: attr.length, noop };
}

/** Normalised, sorted, de-duplicated axes; null when one is out of range. */
function normAxes(axes: number[], rank: number): number[] | null {
  const out = new Set<number>();
  for (const a of axes) {
    const n = normAxis(a, rank);
    if (n === null) return null;
    out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}

/** The output shape of a reduction, and the reduced axes when known (null for identity). */
function reducedShape(shape: Shape, spec: AxesSpec, keepdims: boolean): { shape: Shape; axes: number[] | null } {
  if (shape === null) return { shape: null, axes: null };
  const rank = shape.length;
  if (spec.axes !== null && spec.axes.length === 0 && spec.noop) return { shape: [...shape], axes: null };
  if (spec.axes === null) {
    // Unknown axes: each kept dim is itself or 1. Without keepdims the rank is known only for a
    // single axis (several could repeat one, which removes fewer dims).
    if (keepdims) return { shape: shape.map((d) => (d === 1 ? 1 : null)), axes: null };
    return { shape: spec.count === 1 && rank >= 1 ? new Array(rank - 1).fill(null) : null, axes: null };
  }
  const axes = spec.axes.length === 0 ? shape.map((_, i) => i) : normAxes(spec.axes, rank);
  if (axes === null) return { shape: null, axes: null };
  const out: Dim[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepdims) out.push(1);
  });
  return { shape: out, axes };
}

type Combine = (dtype: DType) => (a: Dim, b: Dim) => Dim;

/** Elements of the reduction of a small tensor whose elements are known. */
function reduceValue(x: TensorInfo, axes: number[], combine: Combine, empty: number | null): Dim[] | undefined {
  if (!x.value || !x.dtype || !isConcrete(x.shape) || numel(x.shape) !== x.value.length) return undefined;
  const shape = x.shape;
  const outSize = numel(shape.map((d, i) => (axes.includes(i) ? 1 : d)))!;
  if (outSize > MAX_TRACKED_ELEMENTS) return undefined;
  const f = combine(x.dtype);
  const acc: (Dim | undefined)[] = new Array<Dim | undefined>(outSize).fill(undefined);
  const index = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < x.value.length; k++) {
    let o = 0;
    for (let d = 0; d < shape.length; d++) o = o * (axes.includes(d) ? 1 : shape[d]) + (axes.includes(d) ? 0 : index[d]);
    const prev = acc[o];
    acc[o] = prev === undefined ? x.value[k] : fitDtype(f(prev, x.value[k]), x.dtype);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return acc.map((v) => (v === undefined ? empty : v));
}

interface ReduceSteps {
  /** Per input element before accumulating (abs, square, exp). */
  pre: number;
  /** Per output element after accumulating (divide, sqrt, log). */
  post: number;
  /** Value propagation, when the reduction is exact shape arithmetic. */
  combine?: Combine;
  /** Result of reducing an empty set (null: not propagated). */
  empty?: number | null;
}

function reduceOp(opType: string, inputFrom: number, steps: ReduceSteps): OpDef {
  return {
    opType,
    opClass: 'reduction',
    infer(ctx) {
      const x = ctx.input(0);
      const keepdims = ctx.attrs.int('keepdims', 1) !== 0;
      const spec = axesSpec(ctx, inputFrom);
      const r = reducedShape(x?.shape ?? null, spec, keepdims);
      let value: Dim[] | undefined;
      if (x && steps.combine) {
        const identity = spec.noop && spec.axes?.length === 0;
        // The identity (noop) case keeps the elements; a real reduction computes them.
        if (identity && x.value && steps.pre === 0 && steps.post === 0) value = [...x.value];
        else if (r.axes) value = reduceValue(x, r.axes, steps.combine, steps.empty ?? null);
      }
      return [tensor(x?.dtype ?? null, r.shape, value)];
    },
    cost(ctx): OpCost | null {
      const n = numel(ctx.input(0)?.shape ?? null);
      const out = numel(ctx.output(0)?.shape ?? null);
      if (n === null || out === null) return null;
      const spec = axesSpec(ctx, inputFrom);
      const accumulate = spec.noop && spec.axes?.length === 0 ? 0 : 1;
      return { macs: 0, flops: n * (steps.pre + accumulate) + out * steps.post, coreMacs: 0 };
    },
  };
}

/** ArgMax / ArgMin: one axis (attribute, default 0), keepdims, int64 indices. */
function argOp(opType: string): OpDef {
  return {
    opType,
    opClass: 'reduction',
    infer(ctx) {
      const x = ctx.input(0);
      const keepdims = ctx.attrs.int('keepdims', 1) !== 0;
      const spec: AxesSpec = { axes: [ctx.attrs.int('axis', 0)], count: 1, noop: false };
      return [tensor('int64', reducedShape(x?.shape ?? null, spec, keepdims).shape)];
    },
    cost(ctx) {
      const n = numel(ctx.input(0)?.shape ?? null);
      return n === null ? null : { macs: 0, flops: n, coreMacs: 0 };
    },
  };
}

export const ops: OpDef[] = [
  reduceOp('ReduceSum', 13, { pre: 0, post: 0, combine: addIn, empty: 0 }),
  reduceOp('ReduceMean', 18, { pre: 0, post: 1 }),
  reduceOp('ReduceMax', 18, { pre: 0, post: 0, combine: () => maxOf }),
  reduceOp('ReduceMin', 18, { pre: 0, post: 0, combine: () => minOf }),
  reduceOp('ReduceProd', 18, { pre: 0, post: 0, combine: mulIn, empty: 1 }),
  reduceOp('ReduceL1', 18, { pre: 1, post: 0 }),
  reduceOp('ReduceL2', 18, { pre: 1, post: 1 }),
  reduceOp('ReduceSumSquare', 18, { pre: 1, post: 0 }),
  reduceOp('ReduceLogSum', 18, { pre: 0, post: 1 }),
  reduceOp('ReduceLogSumExp', 18, { pre: 1, post: 1 }),
  argOp('ArgMax'),
  argOp('ArgMin'),
];

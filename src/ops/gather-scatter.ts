/**
 * Gather / scatter family: indexing operators. Gathers carry values (Gather(Shape(x), 0) is the
 * usual way a graph reads one dim); data-dependent outputs (NonZero, Unique, Compress) get their
 * sizes from their inputs' elements when those are known, else an unknown dim.
 *
 * FLOP counts (PRODUCT.md: data movement is 0; a comparison counts 1):
 *
 * | operator                                   | FLOPs                                   | formula                              |
 * |--------------------------------------------|-----------------------------------------|--------------------------------------|
 * | Gather, GatherElements, GatherND, Compress,| 0                                       | data movement                        |
 * | Scatter, OneHot, TensorScatter             |                                         |                                      |
 * | ScatterND, ScatterElements                 | 0 (reduction none), else 1 per update   | out[i] = f(out[i], update), f=add... |
 * | NonZero                                    | 1 per input element                     | x != 0                               |
 * | TopK                                       | input elements x max(1, ceil(log2 k))   | heap of k: log2 k compares / element |
 * | Unique                                     | n x ceil(log2 n), n = input elements    | comparison sort                      |
 * | NonMaxSuppression                          | B*C*(n + n*ceil(log2 n) + 19*n(n-1)/2)  | score threshold, sort, IoU of every  |
 * |                                            |                                         | box pair (worst case, see IOU_FLOPS) |
 *
 * Timing (the roofline's `timing.bytes`): a gather's kernel reads only the rows (elements) its
 * indices name, not the whole data tensor: Gather, GatherElements and GatherND move
 * min(|data|, |output|) bytes of data (every output element is one element read, and no more
 * than the table is read) + |indices| + |output| bytes. Their tensor bytes (bytesRead, the
 * memory-traffic metric) still count the whole table.
 */
import type { Dim } from '../graph/model.js';
import { tensor, type Info } from '../graph/info.js';
import { isConcrete, normAxis, numel } from '../graph/shape.js';
import { ZERO_COST, type CostCtx, type InferCtx, type OpCost, type OpDef } from './types.js';
import { inputElements, tensorBytes } from './common.js';
import { buildValue, flatIndex, knownTensor, noCost, scalarArg, type KnownTensor } from './shape.js';

/** An index into a dim of size `size`, negatives counted from the end; null when out of range. */
function wrapIndex(i: Dim, size: number): number | null {
  if (typeof i !== 'number' || !Number.isInteger(i)) return null;
  const v = i < 0 ? i + size : i;
  return v >= 0 && v < size ? v : null;
}

/** Known tensor whose elements are all numbers (index tensors). */
function knownIndices(info: Info | null | undefined): { shape: number[]; value: number[] } | null {
  const k = knownTensor(info);
  if (!k || !k.value.every((v) => typeof v === 'number')) return null;
  return { shape: k.shape, value: k.value };
}

// ---------------------------------------------------------------------------------------------
// Gather, GatherElements, GatherND
// ---------------------------------------------------------------------------------------------

function inferGather(ctx: InferCtx): (Info | null)[] {
  const data = ctx.input(0);
  const ind = ctx.input(1);
  const dtype = data?.dtype ?? null;
  if (!data?.shape || !ind?.shape) return [tensor(dtype, null)];
  const axis = normAxis(ctx.attrs.int('axis', 0), data.shape.length);
  if (axis === null) return [tensor(dtype, null)];
  const q = ind.shape.length;
  const out = [...data.shape.slice(0, axis), ...ind.shape, ...data.shape.slice(axis + 1)];
  const kd = knownTensor(data);
  const ki = knownIndices(ind);
  let value: Dim[] | undefined;
  if (kd && ki) {
    const size = kd.shape[axis];
    value = buildValue(out, (idx) => {
      const k = wrapIndex(ki.value[flatIndex(idx.slice(axis, axis + q), ki.shape)], size);
      if (k === null) return null;
      return kd.value[flatIndex([...idx.slice(0, axis), k, ...idx.slice(axis + q)], kd.shape)];
    });
  }
  return [tensor(dtype, out, value)];
}

function inferGatherElements(ctx: InferCtx): (Info | null)[] {
  const data = ctx.input(0);
  const ind = ctx.input(1);
  const dtype = data?.dtype ?? null;
  const shape = ind?.shape ?? null;
  const kd = knownTensor(data);
  const ki = knownIndices(ind);
  let value: Dim[] | undefined;
  if (kd && ki && kd.shape.length === ki.shape.length) {
    const axis = normAxis(ctx.attrs.int('axis', 0), kd.shape.length);
    if (axis !== null) {
      value = buildValue(ki.shape, (idx) => {
        const k = wrapIndex(ki.value[flatIndex(idx, ki.shape)], kd.shape[axis]);
        if (k === null) return null;
        const src = [...idx];
        src[axis] = k;
        return kd.value[flatIndex(src, kd.shape)];
      });
    }
  }
  return [tensor(dtype, shape ? [...shape] : null, value)];
}

function inferGatherND(ctx: InferCtx): (Info | null)[] {
  const data = ctx.input(0);
  const ind = ctx.input(1);
  const dtype = data?.dtype ?? null;
  const b = ctx.attrs.int('batch_dims', 0);
  if (!data?.shape || !ind?.shape || ind.shape.length < 1) return [tensor(dtype, null)];
  const q = ind.shape.length;
  const last = ind.shape[q - 1];
  if (typeof last !== 'number' || b + last > data.shape.length) return [tensor(dtype, null)];
  const out = [...ind.shape.slice(0, q - 1), ...data.shape.slice(b + last)];
  const kd = knownTensor(data);
  const ki = knownIndices(ind);
  let value: Dim[] | undefined;
  if (kd && ki) {
    value = buildValue(out, (idx) => {
      const src: number[] = idx.slice(0, b);
      for (let j = 0; j < last; j++) {
        const k = wrapIndex(ki.value[flatIndex([...idx.slice(0, q - 1), j], ki.shape)], kd.shape[b + j]);
        if (k === null) return null;
        src.push(k);
      }
      return kd.value[flatIndex([...src, ...idx.slice(q - 1)], kd.shape)];
    });
  }
  return [tensor(dtype, out, value)];
}

/** Gather, GatherElements, GatherND: no arithmetic; the kernel moves the rows it indexes (see the header). */
function costGather(ctx: CostCtx): OpCost {
  const out = tensorBytes(ctx.output(0));
  const indices = tensorBytes(ctx.input(1));
  if (out === null || indices === null) return ZERO_COST;
  const data = tensorBytes(ctx.input(0));
  const rows = data === null ? out : Math.min(data, out);
  return { ...ZERO_COST, timing: { bytes: rows + indices + out } };
}

// ---------------------------------------------------------------------------------------------
// Scatter family
// ---------------------------------------------------------------------------------------------

/** Combine an existing element with an update under a scatter `reduction`. */
function reduceElement(reduction: string, old: Dim, upd: Dim): Dim {
  if (reduction === 'none') return upd;
  if (typeof old !== 'number' || typeof upd !== 'number') return null;
  switch (reduction) {
    case 'add':
      return old + upd;
    case 'mul':
      return old * upd;
    case 'max':
      return Math.max(old, upd);
    case 'min':
      return Math.min(old, upd);
    default:
      return null;
  }
}

/** The data tensor with `updates` written at the flat offsets `target(k)` (null = bad index). */
function scatterValue(data: KnownTensor, updates: KnownTensor, reduction: string, target: (k: number[]) => number | null): Dim[] | undefined {
  const out = [...data.value];
  let ok = true;
  buildValue(updates.shape, (idx) => {
    const off = target(idx);
    if (off === null) ok = false;
    else out[off] = reduceElement(reduction, out[off], updates.value[flatIndex(idx, updates.shape)]);
    return null;
  });
  return ok ? out : undefined;
}

function inferScatterND(ctx: InferCtx): (Info | null)[] {
  const data = ctx.input(0);
  const kd = knownTensor(data);
  const ki = knownIndices(ctx.input(1));
  const ku = knownTensor(ctx.input(2));
  const reduction = ctx.attrs.string('reduction', 'none');
  let value: Dim[] | undefined;
  if (kd && ki && ku && ki.shape.length >= 1) {
    const q = ki.shape.length;
    const last = ki.shape[q - 1];
    value = scatterValue(kd, ku, reduction, (idx) => {
      const dst: number[] = [];
      for (let j = 0; j < last; j++) {
        const k = wrapIndex(ki.value[flatIndex([...idx.slice(0, q - 1), j], ki.shape)], kd.shape[j]);
        if (k === null) return null;
        dst.push(k);
      }
      return flatIndex([...dst, ...idx.slice(q - 1)], kd.shape);
    });
  }
  return [tensor(data?.dtype ?? null, data?.shape ?? null, value)];
}

function inferScatterElements(ctx: InferCtx): (Info | null)[] {
  const data = ctx.input(0);
  const kd = knownTensor(data);
  const ki = knownIndices(ctx.input(1));
  const ku = knownTensor(ctx.input(2));
  const reduction = ctx.node.opType === 'Scatter' ? 'none' : ctx.attrs.string('reduction', 'none');
  let value: Dim[] | undefined;
  if (kd && ki && ku && ki.shape.length === kd.shape.length) {
    const axis = normAxis(ctx.attrs.int('axis', 0), kd.shape.length);
    if (axis !== null) {
      value = scatterValue(kd, ku, reduction, (idx) => {
        const k = wrapIndex(ki.value[flatIndex(idx, ki.shape)], kd.shape[axis]);
        if (k === null) return null;
        const dst = [...idx];
        dst[axis] = k;
        return flatIndex(dst, kd.shape);
      });
    }
  }
  return [tensor(data?.dtype ?? null, data?.shape ?? null, value)];
}

/** 1 FLOP per update element when the scatter reduces (add/mul/max/min), else 0. */
function costScatterReduce(ctx: CostCtx): OpCost | null {
  if (ctx.attrs.string('reduction', 'none') === 'none') return ZERO_COST;
  const n = inputElements(ctx, 2);
  return n === null ? null : { macs: 0, flops: n, coreMacs: 0 };
}

function inferTensorScatter(ctx: InferCtx): (Info | null)[] {
  const past = ctx.input(0);
  return [tensor(past?.dtype ?? ctx.input(1)?.dtype ?? null, past?.shape ?? null)];
}

// ---------------------------------------------------------------------------------------------
// Compress, NonZero
// ---------------------------------------------------------------------------------------------

function inferCompress(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const cond = knownTensor(ctx.input(1));
  const axisAttr = ctx.attrs.int('axis');
  const flags = cond?.value.map((v) => (typeof v === 'number' ? v !== 0 : null)) ?? null;
  /** Number of true flags among the first `len`; null when unknown. */
  const count = (len: Dim): number | null => {
    if (!flags || typeof len !== 'number') return null;
    const used = flags.slice(0, len);
    return used.includes(null) ? null : used.filter(Boolean).length;
  };
  if (axisAttr === undefined) {
    const n = x?.shape ? numel(x.shape) : null;
    const c = count(n);
    const kx = knownTensor(x);
    let value: Dim[] | undefined;
    if (kx && flags && c !== null) value = kx.value.filter((_, i) => flags[i] === true);
    // Upper-bound runs: at most every element is kept.
    return [tensor(dtype, [c ?? (x?.shape ? (ctx.upTo?.(x.shape) ?? null) : null)], value)];
  }
  if (!x?.shape) return [tensor(dtype, null)];
  const axis = normAxis(axisAttr, x.shape.length);
  if (axis === null) return [tensor(dtype, null)];
  const out = [...x.shape];
  out[axis] = count(x.shape[axis]) ?? ctx.upTo?.([x.shape[axis]]) ?? null;
  const kx = knownTensor(x);
  let value: Dim[] | undefined;
  if (kx && flags && out[axis] !== null) {
    const kept = flags.flatMap((f, i) => (f && i < kx.shape[axis] ? [i] : []));
    value = buildValue(out, (idx) => {
      const src = [...idx];
      src[axis] = kept[idx[axis]];
      return kx.value[flatIndex(src, kx.shape)];
    });
  }
  return [tensor(dtype, out, value)];
}

function inferNonZero(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  if (!x?.shape) return [tensor('int64', [null, null])];
  const rank = x.shape.length;
  const kx = knownTensor(x);
  // Upper-bound runs: at most every element is non-zero.
  if (!kx || kx.value.some((v) => typeof v !== 'number')) return [tensor('int64', [Math.max(rank, 1), ctx.upTo?.(x.shape) ?? null])];
  if (rank === 0) {
    // A scalar is treated as a 1-element vector (ONNX Runtime and the reference agree): [1, 0|1].
    const nz = kx.value[0] !== 0;
    return [tensor('int64', [1, nz ? 1 : 0], nz ? [0] : [])];
  }
  const coords: number[][] = [];
  buildValue(kx.shape, (idx) => {
    if (kx.value[flatIndex(idx, kx.shape)] !== 0) coords.push([...idx]);
    return null;
  });
  const n = coords.length;
  return [
    tensor(
      'int64',
      [rank, n],
      buildValue([rank, n], (idx) => coords[idx[1]][idx[0]]),
    ),
  ];
}

function costNonZero(ctx: CostCtx): OpCost | null {
  const n = inputElements(ctx);
  return n === null ? null : { macs: 0, flops: n, coreMacs: 0 };
}

// ---------------------------------------------------------------------------------------------
// TopK, Unique
// ---------------------------------------------------------------------------------------------

function topkK(ctx: InferCtx): Dim {
  if (ctx.opset < 10) return ctx.attrs.int('k') ?? null;
  const k = scalarArg(ctx.input(1));
  return k === undefined ? null : k;
}

function inferTopK(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null), tensor('int64', null)];
  const axis = normAxis(ctx.attrs.int('axis', -1), x.shape.length);
  if (axis === null) return [tensor(dtype, null), tensor('int64', null)];
  const out = [...x.shape];
  // k is at most the axis' length (upper-bound runs).
  out[axis] = topkK(ctx) ?? ctx.upTo?.([x.shape[axis]]) ?? null;
  return [tensor(dtype, out), tensor('int64', [...out])];
}

function costTopK(ctx: CostCtx): OpCost | null {
  const n = inputElements(ctx);
  let k = topkK(ctx);
  if (k === null) {
    // k unknown: the output's axis (an upper-bound run costs at its maximum).
    const x = ctx.input(0)?.shape;
    const axis = x ? normAxis(ctx.attrs.int('axis', -1), x.length) : null;
    const y = ctx.output(0)?.shape;
    if (axis !== null && y && y.length === x!.length) k = y[axis];
  }
  if (n === null || typeof k !== 'number') return null;
  return { macs: 0, flops: n * Math.max(1, Math.ceil(Math.log2(Math.max(k, 1)))), coreMacs: 0 };
}

/** Lexicographic order of two element lists of numbers. */
function compareLists(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** Unique over slices: outputs (slices, first index, inverse, counts), in ONNX order. */
function uniqueSlices(slices: number[][], sorted: boolean) {
  const keyOf = (s: number[]) => s.join(',');
  const first = new Map<string, number>();
  slices.forEach((s, i) => {
    if (!first.has(keyOf(s))) first.set(keyOf(s), i);
  });
  let order = [...first.values()];
  if (sorted) order = order.sort((a, b) => compareLists(slices[a], slices[b]));
  const pos = new Map(order.map((i, p) => [keyOf(slices[i]), p]));
  const inverse = slices.map((s) => pos.get(keyOf(s))!);
  const counts = order.map(() => 0);
  for (const p of inverse) counts[p]++;
  return { order, inverse, counts };
}

function inferUnique(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const sorted = ctx.attrs.int('sorted', 1) === 1;
  const axisAttr = ctx.attrs.int('axis');
  const kx = knownTensor(x);
  const numeric = kx && kx.value.every((v) => typeof v === 'number') ? kx.value : null;
  if (axisAttr === undefined) {
    const n = x?.shape ? numel(x.shape) : null;
    if (!kx || !numeric) {
      // Upper-bound runs: at most every element is unique (one dim: y, indices, counts agree).
      const m = x?.shape ? (ctx.upTo?.(x.shape) ?? null) : null;
      return [tensor(dtype, [m]), tensor('int64', [m]), tensor('int64', [n]), tensor('int64', [m])];
    }
    const u = uniqueSlices(
      numeric.map((v) => [v]),
      sorted,
    );
    const m = u.order.length;
    return [
      tensor(
        dtype,
        [m],
        u.order.map((i) => numeric[i]),
      ),
      tensor('int64', [m], u.order),
      tensor('int64', [numeric.length], u.inverse),
      tensor('int64', [m], u.counts),
    ];
  }
  if (!x?.shape) return [tensor(dtype, null), tensor('int64', [null]), tensor('int64', [null]), tensor('int64', [null])];
  const axis = normAxis(axisAttr, x.shape.length);
  if (axis === null) return [tensor(dtype, null), tensor('int64', [null]), tensor('int64', [null]), tensor('int64', [null])];
  const yShape = [...x.shape];
  const most = ctx.upTo?.([x.shape[axis]]) ?? null;
  yShape[axis] = most;
  if (!kx || !numeric) {
    return [tensor(dtype, yShape), tensor('int64', [most]), tensor('int64', [x.shape[axis]]), tensor('int64', [most])];
  }
  const len = kx.shape[axis];
  const sliceShape = kx.shape.filter((_, i) => i !== axis);
  const slices = Array.from({ length: len }, (_, j) => {
    const s: number[] = [];
    buildValue(sliceShape, (idx) => {
      s.push(numeric[flatIndex([...idx.slice(0, axis), j, ...idx.slice(axis)], kx.shape)]);
      return null;
    });
    return s;
  });
  const u = uniqueSlices(slices, sorted);
  const m = u.order.length;
  const outShape = [...kx.shape];
  outShape[axis] = m;
  const y = buildValue(outShape, (idx) => numeric[flatIndex([...idx.slice(0, axis), u.order[idx[axis]], ...idx.slice(axis + 1)], kx.shape)]);
  return [tensor(dtype, outShape, y), tensor('int64', [m], u.order), tensor('int64', [len], u.inverse), tensor('int64', [m], u.counts)];
}

function costUnique(ctx: CostCtx): OpCost | null {
  const n = inputElements(ctx);
  if (n === null) return null;
  return { macs: 0, flops: n > 1 ? n * Math.ceil(Math.log2(n)) : 0, coreMacs: 0 };
}

// ---------------------------------------------------------------------------------------------
// OneHot, NonMaxSuppression
// ---------------------------------------------------------------------------------------------

function inferOneHot(ctx: InferCtx): (Info | null)[] {
  const ind = ctx.input(0);
  const values = ctx.input(2);
  const dtype = values?.dtype ?? null;
  if (!ind?.shape) return [tensor(dtype, null)];
  const rank = ind.shape.length + 1;
  const axis = normAxis(ctx.attrs.int('axis', -1), rank);
  if (axis === null) return [tensor(dtype, null)];
  const d = scalarArg(ctx.input(1));
  const depth = typeof d === 'number' ? Math.trunc(d) : null;
  const out = [...ind.shape.slice(0, axis), depth, ...ind.shape.slice(axis)];
  const ki = knownIndices(ind);
  const kv = knownTensor(values);
  let value: Dim[] | undefined;
  if (ki && kv && kv.value.length === 2 && depth !== null) {
    value = buildValue(out, (idx) => {
      const raw = ki.value[flatIndex([...idx.slice(0, axis), ...idx.slice(axis + 1)], ki.shape)];
      const k = wrapIndex(Math.trunc(raw), depth);
      return kv.value[k === idx[axis] ? 1 : 0];
    });
  }
  return [tensor(dtype, out, value)];
}

function inferNMS(ctx: InferCtx): (Info | null)[] {
  const max = scalarArg(ctx.input(2));
  // No boxes are selected when max_output_boxes_per_class is absent or 0.
  if (!ctx.has(2) || max === 0) return [tensor('int64', [0, 3], [])];
  // Upper-bound runs: at most min(max_output_boxes_per_class, boxes) per batch and class.
  const scores = ctx.input(1)?.shape;
  if (!ctx.upTo || !scores || scores.length !== 3) return [tensor('int64', [null, 3])];
  const [b, c, n] = scores;
  const perClass = typeof max === 'number' && max > 0 && typeof n === 'number' ? Math.min(max, n) : n;
  return [tensor('int64', [ctx.upTo([b, c, perClass]), 3])];
}

/** FLOPs of one IoU test: intersection (4 min/max, 2 sub, 2 clamp, 1 mul), two areas (3 each), union (add, sub), divide, compare. */
export const IOU_FLOPS = 19;

function costNMS(ctx: CostCtx): OpCost | null {
  const scores = ctx.input(1)?.shape;
  if (!scores || scores.length !== 3 || !isConcrete(scores)) return null;
  const [b, c, n] = scores;
  const sort = n > 1 ? n * Math.ceil(Math.log2(n)) : 0;
  const perClass = n + sort + (IOU_FLOPS * n * (n - 1)) / 2;
  return { macs: 0, flops: b * c * perClass, coreMacs: 0 };
}

// ---------------------------------------------------------------------------------------------

export const ops: OpDef[] = [
  { opType: 'Gather', opClass: 'data-movement', infer: inferGather, cost: costGather },
  { opType: 'GatherElements', opClass: 'data-movement', infer: inferGatherElements, cost: costGather },
  { opType: 'GatherND', opClass: 'data-movement', infer: inferGatherND, cost: costGather },
  { opType: 'ScatterND', opClass: 'data-movement', infer: inferScatterND, cost: costScatterReduce },
  { opType: 'ScatterElements', opClass: 'data-movement', infer: inferScatterElements, cost: costScatterReduce },
  { opType: 'Scatter', opClass: 'data-movement', infer: inferScatterElements, cost: noCost },
  { opType: 'TensorScatter', opClass: 'data-movement', infer: inferTensorScatter, cost: noCost },
  { opType: 'Compress', opClass: 'data-movement', infer: inferCompress, cost: noCost },
  { opType: 'NonZero', opClass: 'data-movement', infer: inferNonZero, cost: costNonZero },
  // TopK, Unique and NonMaxSuppression sort or select along an axis: reductions.
  { opType: 'TopK', opClass: 'reduction', infer: inferTopK, cost: costTopK },
  { opType: 'Unique', opClass: 'reduction', infer: inferUnique, cost: costUnique },
  { opType: 'OneHot', opClass: 'data-movement', infer: inferOneHot, cost: noCost },
  { opType: 'NonMaxSuppression', opClass: 'reduction', infer: inferNMS, cost: costNMS },
];

/**
 * Slice / concat family: operators that cut, join, pad and permute tensors. Concat, Slice,
 * Split and Transpose carry values, since shape sub-graphs build shape vectors with them
 * (Concat(Unsqueeze(Gather(Shape(x), 0)), [-1]), Shape(x)[2:] ...).
 *
 * FLOP counts: every operator here is data movement, 0 FLOPs (PRODUCT.md; bytes are counted by
 * the driver). Pad's reflect / edge / wrap modes and CenterCropPad only choose source indices.
 *
 * | operator                                                              | FLOPs |
 * |-----------------------------------------------------------------------|-------|
 * | Concat, Split, Slice, Pad, Transpose, DepthToSpace, SpaceToDepth,     | 0     |
 * | ReverseSequence, CenterCropPad                                        |       |
 */
import type { Dim, Shape } from '../graph/model.js';
import { tensor, type Info, type TensorInfo } from '../graph/info.js';
import { addDims, isConcrete, mergeDim, mulDims, normAxis } from '../graph/shape.js';
import { dimValues, ZERO_COST, type CostCtx, type InferCtx, type OpCost, type OpDef } from './types.js';
import { tensorBytes } from './common.js';
import { buildValue, flatIndex, hasKnownEntry, intsArg, knownTensor, noCost, normAxes, scalarArg } from './shape.js';

/** a / k when it is a whole number; a symbol survives division by 1 only. */
function divDim(a: Dim, k: number): Dim {
  if (k === 1) return a;
  return typeof a === 'number' && a % k === 0 ? a / k : null;
}

/** Elements of `x` cut to `outShape`, reading input index `src(outIdx)` (null = unknown). */
function remapValue(x: TensorInfo | undefined, outShape: Shape, src: (idx: number[]) => number[] | null): Dim[] | undefined {
  const k = knownTensor(x);
  if (!k) return undefined;
  return buildValue(outShape, (idx) => {
    const s = src(idx);
    return s === null ? null : k.value[flatIndex(s, k.shape)];
  });
}

// ---------------------------------------------------------------------------------------------
// Concat
// ---------------------------------------------------------------------------------------------

function inferConcat(ctx: InferCtx): (Info | null)[] {
  const ins = ctx.inputs.map((_, i) => ctx.input(i));
  const dtype = ins.find((t) => t?.dtype)?.dtype ?? null;
  const ranked = ins.filter((t): t is TensorInfo & { shape: Dim[] } => !!t && t.shape !== null);
  if (ranked.length === 0) return [tensor(dtype, null)];
  const rank = ranked[0].shape.length;
  const axis = normAxis(ctx.attrs.int('axis', 1), rank);
  if (axis === null || ranked.some((t) => t.shape.length !== rank)) return [tensor(dtype, null)];
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    if (i === axis) continue;
    let d: Dim = null;
    for (const t of ranked) d = mergeDim(d, t.shape[i]);
    out.push(d);
  }
  let total: Dim = ranked.length === ins.length ? 0 : null;
  if (total !== null) for (const t of ranked) total = addDims(total, t.shape[axis]);
  out.splice(axis, 0, total);
  return [tensor(dtype, out, concatValue(ins, axis, out))];
}

/**
 * Elements of a Concat whose inputs all have concrete shapes; an input without a tracked value
 * contributes nulls, so Concat(Shape(x)[0:1], unknown[1]) still yields [batch, null].
 */
function concatValue(ins: (TensorInfo | undefined)[], axis: number, out: Dim[]): Dim[] | undefined {
  if (!isConcrete(out) || !ins.every((t) => t && isConcrete(t.shape))) return undefined;
  if (!ins.some((t) => t?.value)) return undefined;
  const starts: number[] = [];
  let acc = 0;
  for (const t of ins) {
    starts.push(acc);
    acc += (t!.shape as number[])[axis];
  }
  const value = buildValue(out, (idx) => {
    let j = ins.length - 1;
    // The last input starting at or before the index holds it (empty inputs are skipped so).
    while (j > 0 && starts[j] > idx[axis]) j--;
    const k = knownTensor(ins[j]);
    if (!k) return null;
    const src = [...idx];
    src[axis] -= starts[j];
    return k.value[flatIndex(src, k.shape)];
  });
  return hasKnownEntry(value) ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Split
// ---------------------------------------------------------------------------------------------

/** Sizes of Split's outputs along the axis; null entries are unknown. */
function splitSizes(ctx: InferCtx, dim: Dim, n: number): Dim[] {
  const split = intsArg(ctx, 1, 'split', 13);
  if (split) return split;
  if (split === null) {
    // Given but unknown: outputs' sizes are unknown unless the value is partly tracked.
    const v = dimValues(ctx.input(1));
    return v && v.length === n ? v : new Array<Dim>(n).fill(null);
  }
  const parts = ctx.opset >= 18 ? ctx.attrs.int('num_outputs', n) : n;
  if (parts === 1) return [dim];
  if (typeof dim !== 'number') return new Array<Dim>(n).fill(null);
  // Uneven splits: all but the last get ceil(dim / parts) (Split-18; the reference does the same before).
  const chunk = Math.ceil(dim / parts);
  const last = dim - chunk * (parts - 1);
  if (last < 0) return new Array<Dim>(n).fill(null);
  return Array.from({ length: n }, (_, i) => (i === parts - 1 ? last : chunk));
}

function inferSplit(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const n = ctx.node.outputs.length;
  if (!x?.shape) return new Array(n).fill(null).map(() => tensor(dtype, null));
  const axis = normAxis(ctx.attrs.int('axis', 0), x.shape.length);
  if (axis === null) return new Array(n).fill(null).map(() => tensor(dtype, null));
  const sizes = splitSizes(ctx, x.shape[axis], n);
  let offset: number | null = 0;
  return sizes.slice(0, n).map((size) => {
    const shape = [...x.shape!];
    shape[axis] = size;
    const start = offset;
    offset = offset !== null && typeof size === 'number' ? offset + size : null;
    const value =
      start === null
        ? undefined
        : remapValue(x, shape, (idx) => {
            const s = [...idx];
            s[axis] += start;
            return s;
          });
    return tensor(dtype, shape, value);
  });
}

// ---------------------------------------------------------------------------------------------
// Slice
// ---------------------------------------------------------------------------------------------

/** INT64_MAX and friends arrive as huge doubles; anything this big means "to the end". */
const HUGE = 2 ** 52;

/** One axis of a slice: its output length and, when numeric, its start and step. */
interface AxisSlice {
  len: Dim;
  start: number | null;
  step: number;
}

/** Slice one axis of size `d` with start `s`, end `e` and step `step` (ONNX clamping rules). */
export function sliceAxis(d: Dim, s: Dim, e: Dim, step: number): AxisSlice {
  if (step === 0) return { len: null, start: null, step };
  if (typeof d !== 'number') {
    // A symbolic dim survives x[0:], x[0:d] and x[0:INT_MAX] (step 1).
    const toEnd = e === d || (typeof e === 'number' && e >= HUGE);
    if (step === 1 && s === 0 && toEnd) return { len: d, start: 0, step };
    return { len: null, start: null, step };
  }
  if (typeof s !== 'number' || typeof e !== 'number') return { len: null, start: null, step };
  let start = s < 0 ? s + d : s;
  let end = e < 0 ? e + d : e;
  if (step > 0) {
    start = Math.min(Math.max(start, 0), d);
    end = Math.min(Math.max(end, 0), d);
  } else {
    start = Math.min(Math.max(start, 0), d - 1);
    end = Math.min(Math.max(end, -1), d - 1);
  }
  const len = Math.max(0, Math.ceil((end - start) / step));
  return { len, start, step };
}

/** Slice parameters as dims: from attributes before opset 10, inputs after. */
function sliceParams(ctx: InferCtx) {
  if (ctx.opset < 10) {
    const starts = ctx.attrs.ints('starts') ?? null;
    const ends = ctx.attrs.ints('ends') ?? null;
    return { starts, ends, axes: ctx.attrs.ints('axes') ?? undefined, steps: undefined as Dim[] | undefined | null };
  }
  const starts = dimValues(ctx.input(1));
  const ends = dimValues(ctx.input(2));
  const axes = ctx.has(3) ? dimValues(ctx.input(3)) : undefined;
  const steps = ctx.has(4) ? dimValues(ctx.input(4)) : undefined;
  return { starts, ends, axes, steps };
}

function inferSlice(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const { starts, ends, axes, steps } = sliceParams(ctx);
  const axesNum = axes === undefined ? undefined : axes && axes.every((a) => typeof a === 'number') ? axes : null;
  const count = starts?.length ?? ends?.length ?? (ctx.opset >= 10 ? ctx.input(1)?.shape?.[0] : null);
  const defaultAxes = typeof count === 'number' && count <= rank ? Array.from({ length: count }, (_, i) => i) : null;
  const normalized = axesNum === undefined ? defaultAxes : axesNum && normAxes(axesNum, rank);
  if (normalized === null || axesNum === null) {
    // Which axes are cut is unknown: only the rank survives.
    return [
      tensor(
        dtype,
        x.shape.map(() => null),
      ),
    ];
  }
  const out: Dim[] = [...x.shape];
  const perAxis: (AxisSlice | null)[] = new Array<AxisSlice | null>(rank).fill(null);
  normalized.forEach((axis, i) => {
    const step = steps === undefined ? 1 : steps?.[i];
    if (!starts || !ends || typeof step !== 'number') {
      out[axis] = null;
      perAxis[axis] = { len: null, start: null, step: 1 };
      return;
    }
    const a = sliceAxis(x.shape![axis], starts[i], ends[i], step);
    out[axis] = a.len;
    perAxis[axis] = a;
  });
  const known = perAxis.every((a) => a === null || a.start !== null);
  const value = known ? remapValue(x, out, (idx) => idx.map((v, i) => (perAxis[i] ? perAxis[i].start! + v * perAxis[i].step : v))) : undefined;
  return [tensor(dtype, out, value)];
}

// ---------------------------------------------------------------------------------------------
// Pad, CenterCropPad
// ---------------------------------------------------------------------------------------------

function inferPad(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const pads = ctx.opset < 11 ? (ctx.attrs.ints('pads') ?? ctx.attrs.ints('paddings') ?? null) : (dimValues(ctx.input(1)) ?? null);
  let axes: number[] | null = x.shape.map((_, i) => i);
  if (ctx.opset >= 18 && ctx.has(3)) {
    const a = dimValues(ctx.input(3));
    axes = a && a.every((v) => typeof v === 'number') ? normAxes(a, rank) : null;
  }
  if (pads === null || axes === null || pads.length !== 2 * axes.length)
    return [
      tensor(
        dtype,
        x.shape.map(() => null),
      ),
    ];
  const out: Dim[] = [...x.shape];
  const begin = new Array<number>(rank).fill(0);
  let numeric = true;
  axes.forEach((axis, i) => {
    const [b, e] = [pads[i], pads[i + axes.length]];
    if (typeof b !== 'number' || typeof e !== 'number') {
      out[axis] = null;
      numeric = false;
      return;
    }
    out[axis] = addDims(addDims(x.shape![axis], b), e);
    if (typeof out[axis] === 'number' && out[axis] < 0) out[axis] = null;
    begin[axis] = b;
  });
  let value: Dim[] | undefined;
  const mode = ctx.attrs.string('mode', 'constant');
  if (numeric && mode === 'constant' && x.value) {
    const fill = ctx.opset < 11 ? ctx.attrs.float('value', 0) : ctx.has(2) ? scalarArg(ctx.input(2)) : 0;
    const shape = x.shape;
    if (fill !== undefined && isConcrete(shape)) {
      const k = knownTensor(x);
      value = k
        ? buildValue(out, (idx) => {
            const src = idx.map((v, i) => v - begin[i]);
            return src.every((v, i) => v >= 0 && v < shape[i]) ? k.value[flatIndex(src, shape)] : fill;
          })
        : undefined;
    }
  }
  return [tensor(dtype, out, value)];
}

function inferCenterCropPad(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const attrAxes = ctx.attrs.ints('axes');
  const axes = attrAxes ? normAxes(attrAxes, rank) : x.shape.map((_, i) => i);
  const target = dimValues(ctx.input(1));
  if (axes === null || target === null || target.length !== axes.length) {
    const out = [...x.shape];
    for (const a of axes ?? out.map((_, i) => i)) out[a] = null;
    return [tensor(dtype, out)];
  }
  const out = [...x.shape];
  axes.forEach((a, i) => (out[a] = target[i]));
  return [tensor(dtype, out)];
}

// ---------------------------------------------------------------------------------------------
// Transpose, DepthToSpace, SpaceToDepth, ReverseSequence
// ---------------------------------------------------------------------------------------------

function inferTranspose(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const perm = ctx.attrs.ints('perm') ?? x.shape.map((_, i) => rank - 1 - i);
  const norm = normAxes(perm, rank);
  if (norm === null || norm.length !== rank)
    return [
      tensor(
        dtype,
        x.shape.map(() => null),
      ),
    ];
  const out = norm.map((p) => x.shape![p]);
  const value = remapValue(x, out, (idx) => {
    const src = new Array<number>(rank);
    norm.forEach((p, i) => (src[p] = idx[i]));
    return src;
  });
  return [tensor(dtype, out, value)];
}

function inferDepthToSpace(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const b = ctx.attrs.int('blocksize', 0);
  if (!x?.shape || x.shape.length !== 4 || b <= 0) return [tensor(dtype, x?.shape ? x.shape.map(() => null) : null)];
  const [n, c, h, w] = x.shape;
  return [tensor(dtype, [n, divDim(c, b * b), mulDims(h, b), mulDims(w, b)])];
}

function inferSpaceToDepth(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const b = ctx.attrs.int('blocksize', 0);
  if (!x?.shape || x.shape.length !== 4 || b <= 0) return [tensor(dtype, x?.shape ? x.shape.map(() => null) : null)];
  const [n, c, h, w] = x.shape;
  return [tensor(dtype, [n, mulDims(c, b * b), divDim(h, b), divDim(w, b)])];
}

function inferSameShape(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  return [tensor(x?.dtype ?? null, x?.shape ? [...x.shape] : null)];
}

// ---------------------------------------------------------------------------------------------

/**
 * Slice: no arithmetic; the kernel reads only the part it keeps (q, k and v out of a fused qkv
 * projection read a third each), so the roofline's `timing.bytes` is that part, written once.
 */
function costSlice(ctx: CostCtx): OpCost {
  const out = tensorBytes(ctx.output(0));
  return out === null ? ZERO_COST : { ...ZERO_COST, timing: { bytes: 2 * out } };
}

export const ops: OpDef[] = [
  { opType: 'Concat', opClass: 'data-movement', infer: inferConcat, cost: noCost },
  { opType: 'Split', opClass: 'data-movement', infer: inferSplit, cost: noCost },
  { opType: 'Slice', opClass: 'data-movement', infer: inferSlice, cost: costSlice },
  { opType: 'Pad', opClass: 'data-movement', infer: inferPad, cost: noCost },
  { opType: 'CenterCropPad', opClass: 'data-movement', infer: inferCenterCropPad, cost: noCost },
  { opType: 'Transpose', opClass: 'data-movement', infer: inferTranspose, cost: noCost },
  { opType: 'DepthToSpace', opClass: 'data-movement', infer: inferDepthToSpace, cost: noCost },
  { opType: 'SpaceToDepth', opClass: 'data-movement', infer: inferSpaceToDepth, cost: noCost },
  { opType: 'ReverseSequence', opClass: 'data-movement', infer: inferSameShape, cost: noCost },
];

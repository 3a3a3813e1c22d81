/**
 * Shape family: the operators of shape sub-graphs (Shape, Reshape, Squeeze, Expand, Range,
 * ConstantOfShape ...) plus constants and casts. These carry *values*: when the elements of
 * their inputs are known (numbers, dim symbols such as `batch`, or null for an unknown entry)
 * they compute their outputs' elements, so `Reshape(x, Concat(Shape(x)[0], -1))` resolves.
 *
 * This file also exports the value helpers the other data-movement families share
 * (gather-scatter, slice-concat, resize, sequence).
 *
 * Per-element FLOP counts (PRODUCT.md: data movement is 0 FLOPs; bytes are the driver's job):
 *
 * | operator                                         | FLOPs per output element | formula            |
 * |--------------------------------------------------|--------------------------|--------------------|
 * | Constant, Shape, Size, Reshape, Flatten, Squeeze,| 0                        | data movement /    |
 * | Unsqueeze, Expand, Identity, Cast, CastLike,     |                          | metadata only      |
 * | BitCast, ConstantOfShape, EyeLike, Tile, Trilu   |                          | (Trilu's mask is   |
 * |                                                  |                          | index arithmetic)  |
 * | Range                                            | 2                        | start + i * delta  |
 * | Dropout (inference, or training unknown)         | 0                        | identity           |
 * | Dropout (training_mode known true)               | 2                        | mask = u >= ratio; |
 * |                                                  |                          | y = x * mask*scale |
 */
import type { Dim, Shape, TensorData, SparseTensorData } from '../graph/model.js';
import { MAX_TRACKED_ELEMENTS, tensor, type Info, type TensorInfo } from '../graph/info.js';
import { INT_RANGE, dtypeFromCode, isFloat, isInteger, type DType } from '../graph/dtype.js';
import { broadcastDim, isConcrete, normAxis, numel } from '../graph/shape.js';
import { readTensorValues } from '../formats/onnx/tensor-values.js';
import type { OpClass } from '../devices/op-class.js';
import { ZERO_COST, dimValues, knownInts, type CostCtx, type InferCtx, type OpCost, type OpDef } from './types.js';
import { outputElements, refuse } from './common.js';

// ---------------------------------------------------------------------------------------------
// Value helpers shared by the data-movement families
// ---------------------------------------------------------------------------------------------

/** A tensor whose shape is concrete and whose elements are tracked. */
export interface KnownTensor {
  shape: number[];
  value: Dim[];
}

/** The concrete shape and elements of `info`, or null when either is not known. */
export function knownTensor(info: Info | null | undefined): KnownTensor | null {
  if (!info || info.kind !== 'tensor' || !info.value || !isConcrete(info.shape)) return null;
  if (info.value.length !== numel(info.shape)) return null;
  return { shape: info.shape, value: info.value };
}

/** Row-major flat offset of a multi-index. */
export function flatIndex(idx: readonly number[], shape: readonly number[]): number {
  let f = 0;
  for (let d = 0; d < shape.length; d++) f = f * shape[d] + idx[d];
  return f;
}

/**
 * Elements of a tensor of `shape`, computed one multi-index at a time (row-major). Undefined
 * when the shape is not concrete or the tensor is too big to track. `at` must not keep `idx`.
 */
export function buildValue(shape: Shape, at: (idx: number[]) => Dim): Dim[] | undefined {
  if (!isConcrete(shape)) return undefined;
  const n = numel(shape)!;
  if (n > MAX_TRACKED_ELEMENTS) return undefined;
  const out: Dim[] = new Array<Dim>(n);
  const idx = new Array<number>(shape.length).fill(0);
  for (let f = 0; f < n; f++) {
    out[f] = at(idx);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** True when a value carries at least one known entry (an all-null value is not worth keeping). */
export function hasKnownEntry(value: readonly Dim[] | undefined): boolean {
  return !!value && value.some((v) => v !== null);
}

/**
 * An integer list argument that moved from an attribute to an input at opset `inputSince`
 * (Squeeze axes, Slice starts, Pad pads ...). Returns undefined when it is not given, null when
 * it is given but its value is unknown. The other form is accepted as a fallback, since files
 * in the wild sometimes mix them.
 */
export function intsArg(ctx: InferCtx, input: number, attr: string, inputSince: number): number[] | null | undefined {
  const fromInput = (): number[] | null | undefined => (ctx.has(input) ? knownInts(ctx.input(input)) : undefined);
  const fromAttr = (): number[] | undefined => ctx.attrs.ints(attr);
  if (ctx.opset >= inputSince) {
    const v = fromInput();
    return v !== undefined ? v : fromAttr();
  }
  const a = fromAttr();
  return a !== undefined ? a : fromInput();
}

/** The single element of a scalar (or one-element) input, as a dim; undefined when unknown. */
export function scalarArg(info: Info | null | undefined): Dim | undefined {
  const v = dimValues(info);
  return v && v.length === 1 ? v[0] : undefined;
}

/** Normalise a list of axes against a rank; null when one is out of range or repeated. */
export function normAxes(axes: readonly number[], rank: number): number[] | null {
  const out: number[] = [];
  for (const a of axes) {
    const n = normAxis(a, rank);
    if (n === null || out.includes(n)) return null;
    out.push(n);
  }
  return out;
}

/** The zero cost of pure data movement. */
export function noCost(): OpCost {
  return ZERO_COST;
}

/** A cost rule charging `perElement` FLOPs per element of output 0 (no MACs). */
export function perElementCost(perElement: number): (ctx: CostCtx) => OpCost | null {
  return (ctx) => {
    const n = outputElements(ctx);
    return n === null ? null : { macs: 0, flops: n * perElement, coreMacs: 0 };
  };
}

/** The input tensor passed through with a new shape, keeping its dtype and (row-major) value. */
function reshaped(input: TensorInfo | undefined, shape: Shape): TensorInfo {
  const value = input?.value && shape !== null && numel(shape) === input.value.length ? input.value : undefined;
  return tensor(input?.dtype ?? null, shape, value);
}

// ---------------------------------------------------------------------------------------------
// Symbolic products: shape arithmetic over dims that are numbers or symbols
// ---------------------------------------------------------------------------------------------

/** coef x product of symbols (with multiplicity). */
interface SymProduct {
  coef: number;
  syms: Map<string, number>;
}

/** The product of dims as coefficient x symbols; null when a dim is unknown. */
function symProduct(dims: readonly Dim[]): SymProduct | null {
  const p: SymProduct = { coef: 1, syms: new Map() };
  for (const d of dims) {
    if (d === null) return null;
    if (typeof d === 'number') p.coef *= d;
    else p.syms.set(d, (p.syms.get(d) ?? 0) + 1);
  }
  return p;
}

/** a / b, when it is a whole coefficient times symbols; null otherwise. */
function symDivide(a: SymProduct, b: SymProduct): SymProduct | null {
  if (b.coef === 0 || a.coef % b.coef !== 0) return null;
  const syms = new Map(a.syms);
  for (const [s, n] of b.syms) {
    const left = (syms.get(s) ?? 0) - n;
    if (left < 0) return null;
    if (left === 0) syms.delete(s);
    else syms.set(s, left);
  }
  return { coef: a.coef / b.coef, syms };
}

/** A product as a single dim: a number, a lone symbol, or null when it is neither. */
function symToDim(p: SymProduct | null): Dim {
  if (p === null) return null;
  if (p.syms.size === 0) return p.coef;
  if (p.coef === 0) return 0;
  if (p.coef === 1 && p.syms.size === 1) {
    const [[s, n]] = [...p.syms];
    if (n === 1) return s;
  }
  return null;
}

/** Product of dims as one dim (0 wins over unknowns; symbols survive when alone). */
export function productDim(dims: readonly Dim[]): Dim {
  if (dims.includes(0)) return 0;
  return symToDim(symProduct(dims));
}

/**
 * Fill in the one unknown dim of `out` (null) from the element count of `input`: a reshape
 * keeps the number of elements. Returns `out` unchanged when that cannot be done.
 */
export function solveOneUnknown(input: Shape, out: Dim[]): Dim[] {
  const unknown = out.flatMap((d, i) => (d === null ? [i] : []));
  if (unknown.length !== 1 || input === null) return out;
  const others = out.filter((_, i) => i !== unknown[0]);
  const total = symProduct(input);
  const rest = symProduct(others);
  if (total === null || rest === null || rest.coef === 0) return out;
  const q = symToDim(symDivide(total, rest));
  if (q === null) return out;
  const solved = [...out];
  solved[unknown[0]] = q;
  return solved;
}

// ---------------------------------------------------------------------------------------------
// Element conversions
// ---------------------------------------------------------------------------------------------

/**
 * One element converted by Cast to `to`. Symbols (dims) survive integer and float casts, since
 * a dim is a whole number either way; anything whose result is not certain becomes null.
 */
export function castElement(v: Dim, to: DType): Dim {
  if (v === null) return null;
  if (to === 'bool') return typeof v === 'number' ? (v !== 0 ? 1 : 0) : null;
  if (typeof v === 'string') return isInteger(to) || isFloat(to) ? v : null;
  if (isInteger(to)) {
    if (!Number.isFinite(v)) return null;
    const t = Math.trunc(v);
    const r = INT_RANGE[to];
    return r && t >= r[0] && t <= r[1] ? t : null;
  }
  switch (to) {
    case 'float64':
      return v;
    case 'float32':
      return Math.fround(v);
    case 'float16':
      // Whole numbers up to 2048 are exact in half precision; others would need rounding rules.
      return Number.isInteger(v) && Math.abs(v) <= 2048 ? v : null;
    case 'bfloat16':
      return Number.isInteger(v) && Math.abs(v) <= 256 ? v : null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Constant
// ---------------------------------------------------------------------------------------------

/** Info of a tensor attribute: dtype, dims and (small, numeric) elements. */
export function tensorDataInfo(t: TensorData): TensorInfo {
  const value = readTensorValues(t, MAX_TRACKED_ELEMENTS);
  return tensor(t.dtype, [...t.dims], value ?? undefined);
}

/** Dense info of a sparse tensor attribute, elements included when small. */
function sparseInfo(s: SparseTensorData): TensorInfo {
  const dims = [...s.dims];
  const n = numel(dims);
  const dtype = s.values.dtype;
  if (n === null || n > MAX_TRACKED_ELEMENTS) return tensor(dtype, dims);
  const values = readTensorValues(s.values, MAX_TRACKED_ELEMENTS);
  const indices = readTensorValues(s.indices, MAX_TRACKED_ELEMENTS * Math.max(1, dims.length));
  if (!values || !indices) return tensor(dtype, dims);
  const dense: Dim[] = new Array<Dim>(n).fill(0);
  // Indices are either linear offsets [NNZ] or coordinates [NNZ, rank].
  const coords = s.indices.dims.length === 2;
  for (let k = 0; k < values.length; k++) {
    const off = coords ? flatIndex(indices.slice(k * dims.length, (k + 1) * dims.length), dims) : indices[k];
    if (!(off >= 0 && off < n)) return tensor(dtype, dims);
    dense[off] = values[k];
  }
  return tensor(dtype, dims, dense);
}

function inferConstant(ctx: InferCtx): (Info | null)[] {
  const a = ctx.attrs;
  const t = a.tensor('value');
  if (t) return [tensorDataInfo(t)];
  const sparse = a.raw.get('sparse_value');
  if (sparse?.type === 'sparse_tensor') return [sparseInfo(sparse.value)];
  const raw = (name: string) => a.raw.get(name);
  if (raw('value_float')) return [tensor('float32', [], [Math.fround(a.float('value_float', 0))])];
  if (raw('value_floats')) {
    const v = a.floats('value_floats') ?? [];
    return [tensor('float32', [v.length], v.map(Math.fround))];
  }
  if (raw('value_int')) return [tensor('int64', [], [a.int('value_int', 0)])];
  if (raw('value_ints')) {
    const v = a.ints('value_ints') ?? [];
    return [tensor('int64', [v.length], [...v])];
  }
  if (raw('value_string')) return [tensor('string', [])];
  if (raw('value_strings')) return [tensor('string', [a.strings('value_strings')?.length ?? null])];
  return [null];
}

// ---------------------------------------------------------------------------------------------
// Shape, Size
// ---------------------------------------------------------------------------------------------

/** Clamp a Shape start/end bound (opset 15) into [0, rank]. */
function clampBound(b: number, rank: number): number {
  const v = b < 0 ? b + rank : b;
  return Math.min(Math.max(v, 0), rank);
}

function inferShape(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  if (!x || x.shape === null) return [tensor('int64', [null])];
  const rank = x.shape.length;
  const start = ctx.opset >= 15 ? clampBound(ctx.attrs.int('start', 0), rank) : 0;
  const end = ctx.opset >= 15 ? clampBound(ctx.attrs.int('end', rank), rank) : rank;
  const dims = x.shape.slice(start, Math.max(start, end));
  return [tensor('int64', [dims.length], dims)];
}

function inferSize(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const n = x && x.shape !== null ? productDim(x.shape) : null;
  return [tensor('int64', [], n === null ? undefined : [n])];
}

// ---------------------------------------------------------------------------------------------
// Reshape, Flatten, Squeeze, Unsqueeze
// ---------------------------------------------------------------------------------------------

/** Output dims of Reshape from the target's elements (0 copies unless allowzero; -1 is inferred). */
export function reshapeDims(input: Shape, target: readonly Dim[], allowzero: boolean): Dim[] {
  const out: Dim[] = target.map((v, i) => {
    if (v === 0 && !allowzero) return input !== null && i < input.length ? input[i] : null;
    if (typeof v === 'number' && v < 0) return null; // -1 (inferred below) or invalid
    return v;
  });
  return solveOneUnknown(input, out);
}

function inferReshape(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const inShape = x?.shape ?? null;
  const allowzero = ctx.opset >= 14 && ctx.attrs.int('allowzero', 0) === 1;
  let target: Dim[] | null;
  let targetLen: Dim = null;
  if (ctx.opset < 5 || (!ctx.has(1) && ctx.attrs.has('shape'))) {
    target = ctx.attrs.ints('shape') ?? null;
  } else {
    const s = ctx.input(1);
    target = dimValues(s);
    targetLen = s?.shape?.length === 1 ? s.shape[0] : null;
  }
  if (target !== null) {
    // Only -1 (inferred) and 0 (copied) are special; any other negative is invalid ONNX.
    let inferred = 0;
    for (const v of target) {
      if (typeof v !== 'number') continue;
      if (!Number.isInteger(v) || v < -1) throw refuse(ctx, `shape element ${v} is invalid (only -1 and 0 are special)`);
      if (v === -1 && ++inferred > 1) throw refuse(ctx, 'the shape has more than one -1');
    }
  }
  if (target === null) {
    if (typeof targetLen !== 'number') return [tensor(x?.dtype ?? null, null)];
    const out = solveOneUnknown(inShape, new Array<Dim>(targetLen).fill(null));
    return [reshaped(x, out)];
  }
  return [reshaped(x, reshapeDims(inShape, target, allowzero))];
}

function inferFlatten(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  if (!x || x.shape === null) return [tensor(x?.dtype ?? null, [null, null])];
  const rank = x.shape.length;
  let axis = ctx.attrs.int('axis', 1);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis > rank) return [tensor(x.dtype, [null, null])];
  return [reshaped(x, [productDim(x.shape.slice(0, axis)), productDim(x.shape.slice(axis))])];
}

function inferSqueeze(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const axes = intsArg(ctx, 1, 'axes', 13);
  const inShape = x?.shape ?? null;
  if (axes === undefined) {
    // No axes: every dim of size 1 goes, so every dim must be known to be 1 or not.
    if (inShape === null || !inShape.every((d) => typeof d === 'number')) return [tensor(dtype, null)];
    return [
      reshaped(
        x,
        inShape.filter((d) => d !== 1),
      ),
    ];
  }
  if (inShape === null) return [tensor(dtype, null)];
  if (axes === null) {
    const n = ctx.input(1)?.shape?.[0];
    return [tensor(dtype, typeof n === 'number' && n <= inShape.length ? new Array(inShape.length - n).fill(null) : null)];
  }
  const norm = normAxes(axes, inShape.length);
  if (norm === null) return [tensor(dtype, null)];
  return [
    reshaped(
      x,
      inShape.filter((_, i) => !norm.includes(i)),
    ),
  ];
}

function inferUnsqueeze(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const axes = intsArg(ctx, 1, 'axes', 13);
  const inShape = x?.shape ?? null;
  if (inShape === null || axes === undefined) return [tensor(dtype, null)];
  if (axes === null) {
    const n = ctx.input(1)?.shape?.[0];
    return [tensor(dtype, typeof n === 'number' ? new Array(inShape.length + n).fill(null) : null)];
  }
  const rank = inShape.length + axes.length;
  const norm = normAxes(axes, rank);
  if (norm === null) return [tensor(dtype, null)];
  const out: Dim[] = [];
  let j = 0;
  for (let i = 0; i < rank; i++) out.push(norm.includes(i) ? 1 : inShape[j++]);
  return [reshaped(x, out)];
}

// ---------------------------------------------------------------------------------------------
// Expand, Tile
// ---------------------------------------------------------------------------------------------

/** Broadcast the elements of `x` to `outShape` (numpy rules), when both are known. */
export function broadcastValue(x: KnownTensor | null, outShape: Shape): Dim[] | undefined {
  if (!x || !isConcrete(outShape)) return undefined;
  const off = outShape.length - x.shape.length;
  if (off < 0) return undefined;
  return buildValue(outShape, (idx) => {
    const src = x.shape.map((d, i) => (d === 1 ? 0 : idx[i + off]));
    return x.value[flatIndex(src, x.shape)];
  });
}

function inferExpand(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const s = ctx.input(1);
  let target = dimValues(s);
  if (target === null) {
    const len = s?.shape?.length === 1 ? s.shape[0] : null;
    if (typeof len !== 'number') return [tensor(dtype, null)];
    target = new Array<Dim>(len).fill(null);
  }
  // The output rank is at least the target's, but without the input's rank it is unknown.
  if (!x || x.shape === null) return [tensor(dtype, null)];
  const a = x.shape;
  const rank = Math.max(a.length, target.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - target.length ? 1 : target[i - (rank - target.length)];
    out.push(broadcastDim(da, db));
  }
  return [tensor(dtype, out, broadcastValue(knownTensor(x), out))];
}

function inferTile(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const reps = dimValues(ctx.input(1));
  if (!x || x.shape === null) return [tensor(dtype, null)];
  if (reps === null || reps.length !== x.shape.length)
    return [
      tensor(
        dtype,
        x.shape.map(() => null),
      ),
    ];
  const out = x.shape.map((d, i) => productDim([d, reps[i]]));
  const k = knownTensor(x);
  const value = k
    ? buildValue(
        out,
        (idx) =>
          k.value[
            flatIndex(
              idx.map((v, i) => v % k.shape[i]),
              k.shape,
            )
          ],
      )
    : undefined;
  return [tensor(dtype, out, value)];
}

// ---------------------------------------------------------------------------------------------
// Cast, CastLike, BitCast, Identity
// ---------------------------------------------------------------------------------------------

function castTo(x: TensorInfo | undefined, to: DType | null): TensorInfo {
  const value = to && x?.value ? x.value.map((v) => castElement(v, to)) : undefined;
  return tensor(to, x?.shape ?? null, hasKnownEntry(value) ? value : undefined);
}

function inferCast(ctx: InferCtx): (Info | null)[] {
  const code = ctx.attrs.int('to');
  return [castTo(ctx.input(0), code === undefined ? null : dtypeFromCode(code))];
}

function inferCastLike(ctx: InferCtx): (Info | null)[] {
  return [castTo(ctx.input(0), ctx.input(1)?.dtype ?? null)];
}

function inferBitCast(ctx: InferCtx): (Info | null)[] {
  const code = ctx.attrs.int('to');
  return [tensor(code === undefined ? null : dtypeFromCode(code), ctx.input(0)?.shape ?? null)];
}

function inferIdentity(ctx: InferCtx): (Info | null)[] {
  return [ctx.inputs[0] ?? null];
}

// ---------------------------------------------------------------------------------------------
// ConstantOfShape, Range, EyeLike, Trilu
// ---------------------------------------------------------------------------------------------

function inferConstantOfShape(ctx: InferCtx): (Info | null)[] {
  const t = ctx.attrs.tensor('value');
  const dtype: DType | null = t ? t.dtype : 'float32';
  const fill: Dim | undefined = t ? (readTensorValues(t, 1)?.[0] ?? undefined) : 0;
  const s = ctx.input(0);
  let dims = dimValues(s);
  if (dims === null) {
    const len = s?.shape?.length === 1 ? s.shape[0] : null;
    return [tensor(dtype, typeof len === 'number' ? new Array<Dim>(len).fill(null) : null)];
  }
  dims = dims.map((d) => (typeof d === 'number' && d < 0 ? null : d));
  return [tensor(dtype, dims, fill === undefined ? undefined : buildValue(dims, () => fill))];
}

/** Number of elements of Range(start, limit, delta) as a dim. */
function rangeLength(start: Dim | undefined, limit: Dim | undefined, delta: Dim | undefined): Dim {
  if (typeof start === 'number' && typeof limit === 'number' && typeof delta === 'number') {
    if (delta === 0) return null;
    return Math.max(Math.ceil((limit - start) / delta), 0);
  }
  // arange(n) over a symbolic n: the count is n itself.
  if (start === 0 && delta === 1 && typeof limit === 'string') return limit;
  return null;
}

function inferRange(ctx: InferCtx): (Info | null)[] {
  const [s, l, d] = [ctx.input(0), ctx.input(1), ctx.input(2)];
  const dtype = s?.dtype ?? l?.dtype ?? d?.dtype ?? null;
  const start = scalarArg(s);
  const delta = scalarArg(d);
  const n = rangeLength(start, scalarArg(l), delta);
  const value = typeof n === 'number' && typeof start === 'number' && typeof delta === 'number' ? buildValue([n], (idx) => start + idx[0] * delta) : undefined;
  return [tensor(dtype, [n], value)];
}

function inferEyeLike(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const code = ctx.attrs.int('dtype');
  const dtype = code !== undefined ? dtypeFromCode(code) : (x?.dtype ?? null);
  const k = ctx.attrs.int('k', 0);
  const shape = x?.shape ?? null;
  const value = shape?.length === 2 ? buildValue(shape, (idx) => (idx[1] - idx[0] === k ? 1 : 0)) : undefined;
  return [tensor(dtype, shape, value)];
}

function inferTrilu(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const upper = ctx.attrs.int('upper', 1) === 1;
  const kv = ctx.has(1) ? scalarArg(ctx.input(1)) : 0;
  const kx = knownTensor(x);
  let value: Dim[] | undefined;
  if (kx && kx.shape.length >= 2 && typeof kv === 'number') {
    const r = kx.shape.length;
    value = buildValue(kx.shape, (idx) => {
      const diff = idx[r - 1] - idx[r - 2];
      const keep = upper ? diff >= kv : diff <= kv;
      return keep ? kx.value[flatIndex(idx, kx.shape)] : 0;
    });
  }
  return [tensor(x?.dtype ?? null, x?.shape ?? null, value)];
}

// ---------------------------------------------------------------------------------------------
// Dropout
// ---------------------------------------------------------------------------------------------

/** Whether a Dropout runs in training mode: true, false, or null when unknown. */
function dropoutTraining(ctx: InferCtx): boolean | null {
  if (ctx.opset < 7) return ctx.attrs.int('is_test', 0) === 0 ? null : false;
  if (ctx.opset < 12 || !ctx.has(2)) return false;
  const t = scalarArg(ctx.input(2));
  return typeof t === 'number' ? t !== 0 : null;
}

function inferDropout(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const training = dropoutTraining(ctx);
  const y = tensor(x?.dtype ?? null, x?.shape ?? null, training === false ? x?.value : undefined);
  const maskType: DType | null = ctx.opset >= 10 ? 'bool' : (x?.dtype ?? null);
  const maskValue = training === false && numel(x?.shape ?? null) !== null ? buildValue(x!.shape, () => 1) : undefined;
  return [y, tensor(maskType, x?.shape ?? null, maskValue)];
}

function costDropout(ctx: CostCtx): OpCost | null {
  if (dropoutTraining(ctx) !== true) return ZERO_COST;
  return perElementCost(2)(ctx);
}

/** An inference Dropout passes its input through (a view); one known to train draws a mask per element. */
function dropoutClass(ctx: InferCtx): OpClass {
  return dropoutTraining(ctx) === true ? 'elementwise' : 'view';
}

// ---------------------------------------------------------------------------------------------

export const ops: OpDef[] = [
  // Classes: metadata and small generated tensors are 'shape'; ops that only relabel a buffer
  // are 'view'; ops that copy elements to new places are 'data-movement'.
  { opType: 'Constant', opClass: 'shape', infer: inferConstant, cost: noCost },
  { opType: 'Shape', opClass: 'shape', infer: inferShape, cost: noCost },
  { opType: 'Size', opClass: 'shape', infer: inferSize, cost: noCost },
  { opType: 'Reshape', opClass: 'view', infer: inferReshape, cost: noCost },
  { opType: 'Flatten', opClass: 'view', infer: inferFlatten, cost: noCost },
  { opType: 'Squeeze', opClass: 'view', infer: inferSqueeze, cost: noCost },
  { opType: 'Unsqueeze', opClass: 'view', infer: inferUnsqueeze, cost: noCost },
  { opType: 'Expand', opClass: 'data-movement', infer: inferExpand, cost: noCost },
  { opType: 'Tile', opClass: 'data-movement', infer: inferTile, cost: noCost },
  { opType: 'Identity', opClass: 'view', infer: inferIdentity, cost: noCost },
  { opType: 'Cast', opClass: 'elementwise', infer: inferCast, cost: noCost },
  { opType: 'CastLike', opClass: 'elementwise', infer: inferCastLike, cost: noCost },
  // Reinterprets the bits in place (no conversion): a view.
  { opType: 'BitCast', opClass: 'view', infer: inferBitCast, cost: noCost },
  // Generators of (usually small) tensors from a shape or size: folded at load time by runtimes.
  { opType: 'ConstantOfShape', opClass: 'shape', infer: inferConstantOfShape, cost: noCost },
  { opType: 'Range', opClass: 'shape', infer: inferRange, cost: perElementCost(2) },
  { opType: 'EyeLike', opClass: 'shape', infer: inferEyeLike, cost: noCost },
  { opType: 'Trilu', opClass: 'data-movement', infer: inferTrilu, cost: noCost },
  { opType: 'Dropout', opClass: dropoutClass, infer: inferDropout, cost: costDropout },
];

/**
 * Elementwise family: unary math, binary arithmetic / comparison / logic with multidirectional
 * (numpy) broadcasting, the variadic Sum / Mean / Max / Min, Where, Clip, CumSum / CumProd, Det,
 * and com.microsoft BiasAdd. It also exports the builders the activation family reuses.
 *
 * FLOP counts (every arithmetic operation of the defining formula counts 1 per element it is
 * applied to, a transcendental function counts 1, a comparison counts 1). "out" is the number of
 * output elements, n the number of inputs of a variadic op.
 *
 * | operator                                    | FLOPs            | formula                              |
 * |---------------------------------------------|------------------|--------------------------------------|
 * | Abs Neg Sign Floor Ceil Round Reciprocal    | 1 x out          | one operation per element            |
 * | Exp Log Sqrt Erf Sin Cos Tan Asin Acos Atan | 1 x out          | one transcendental per element       |
 * | Sinh Cosh Asinh Acosh Atanh                 | 1 x out          | one transcendental per element       |
 * | IsNaN IsInf                                 | 1 x out          | one comparison per element           |
 * | Not BitwiseNot                              | 1 x out          | one logical operation per element    |
 * | Add Sub Mul Div Pow Mod BitShift            | 1 x out          | a (op) b, broadcast                  |
 * | And Or Xor BitwiseAnd BitwiseOr BitwiseXor  | 1 x out          | a (op) b, broadcast                  |
 * | Equal Greater Less                          | 1 x out          | one comparison per element           |
 * | GreaterOrEqual LessOrEqual                  | 1 x out          | one comparison per element           |
 * | Sum Max Min                                 | (n - 1) x out    | n - 1 adds / comparisons             |
 * | Mean                                        | n x out          | n - 1 adds + 1 divide                |
 * | Where                                       | 1 x out          | one select per element               |
 * | Clip                                        | b x out          | b = bounds given (min, max): 0..2    |
 * | CumSum CumProd                              | 1 x out          | y[i] = y[i-1] (op) x[i]              |
 * | Det                                         | per M x M matrix | LU factorisation: M(M-1)/2 divides,  |
 * |                                             |                  | (M-1)M(2M-1)/3 multiplies and        |
 * |                                             |                  | subtracts in the row updates, M - 1  |
 * |                                             |                  | multiplies for the diagonal product  |
 * | BiasAdd (com.microsoft)                     | 2 x out          | x + bias + skip                      |
 *
 * Value propagation (shape sub-graphs): when the inputs' elements are known, Add Sub Mul Div Mod
 * Pow Neg Abs Sign Floor Ceil Round Sqrt Reciprocal, the comparisons, Not And Or Xor, Sum Mean
 * Max Min, Where, Clip and CumSum compute the output's elements, rounded the way the output
 * dtype stores them (integer Div truncates toward zero, as ONNX Runtime's kernels do). Symbols
 * (dims from Shape of a symbolic input, hence >= 0) pass only through exact identities
 * (x + 0, x * 1, x - x, Max(x, x), Where with a known condition...). Transcendentals are not
 * evaluated: libm results differ between platforms in the last bit.
 */
import type { Dim, Shape } from '../graph/model.js';
import { MAX_TRACKED_ELEMENTS, tensor, type TensorInfo } from '../graph/info.js';
import { INT_RANGE, isFloat, isInteger, type DType } from '../graph/dtype.js';
import { broadcastAll, isConcrete, normAxis, numel } from '../graph/shape.js';
import type { OpClass } from '../devices/op-class.js';
import type { CostCtx, InferCtx, OpCost, OpDef } from './types.js';
import { knownInts } from './types.js';
import { outputElements, perOutputElement } from './common.js';

// ---------------------------------------------------------------------------------------------
// Numbers as a dtype stores them
// ---------------------------------------------------------------------------------------------

function roundHalfEven(q: number): number {
  const f = Math.floor(q);
  const d = q - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Round to a binary float with `p` significand bits, minimum normal exponent `emin`, largest finite `max`. */
function roundBinary(x: number, p: number, emin: number, max: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  const ulp = 2 ** (Math.max(e, emin) - (p - 1));
  const r = roundHalfEven(a / ulp) * ulp;
  return Math.sign(x) * (r > max ? Infinity : r);
}

/** A float value rounded to `dtype`'s precision; null for float types this module does not model. */
function roundFloat(x: number, dtype: DType): number | null {
  switch (dtype) {
    case 'float64':
      return x;
    case 'float32':
      return Math.fround(x);
    case 'float16':
      return roundBinary(x, 11, -14, 65504);
    case 'bfloat16':
      return roundBinary(x, 8, -126, 3.3895313892515355e38);
    default:
      return null;
  }
}

/**
 * An element as `dtype` stores it: floats rounded to their precision, bools 0/1, integers
 * checked against their range (out of range gives null: wrapping is not ours to guess).
 * Symbols are dims (integers >= 0): they pass for integer and float types.
 */
export function fitDtype(x: Dim, dtype: DType | null): Dim {
  if (x === null || dtype === null) return null;
  if (typeof x === 'string') return dtype === 'bool' ? null : x;
  if (dtype === 'bool') return Number.isNaN(x) ? null : x !== 0 ? 1 : 0;
  const range = INT_RANGE[dtype];
  if (range) return Number.isInteger(x) && x >= range[0] && x <= range[1] ? x : null;
  if (isFloat(dtype)) return roundFloat(x, dtype);
  return null;
}

/** An integer-typed arithmetic result, or null when it lost precision as a double. */
function intResult(x: number, dtype: DType): number | null {
  if (!isInteger(dtype)) return x;
  return Number.isSafeInteger(x) ? x : null;
}

// ---------------------------------------------------------------------------------------------
// Evaluating elements with broadcasting
// ---------------------------------------------------------------------------------------------

/** Computes one output element from the corresponding (broadcast) input elements. */
export type ElemFn = (args: Dim[]) => Dim;

/** Row-major strides of `shape` aligned to an output of rank `rank`, 0 on broadcast axes. */
function broadcastStrides(shape: number[], out: number[]): number[] {
  const rank = out.length;
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const j = i + rank - shape.length;
    strides[j] = shape[i] === 1 && out[j] !== 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

/**
 * The output's elements, when every input's elements are known and the output is small.
 * `dtype` is the output's: each result is stored as that dtype stores it.
 */
export function evalBroadcast(inputs: readonly (TensorInfo | undefined)[], outShape: Shape, dtype: DType | null, fn: ElemFn): Dim[] | undefined {
  if (dtype === null || !isConcrete(outShape)) return undefined;
  const n = numel(outShape)!;
  if (n > MAX_TRACKED_ELEMENTS) return undefined;
  const strides: number[][] = [];
  const values: Dim[][] = [];
  for (const t of inputs) {
    if (!t?.value || !isConcrete(t.shape) || numel(t.shape) !== t.value.length) return undefined;
    if (t.shape.length > outShape.length) return undefined;
    strides.push(broadcastStrides(t.shape, outShape));
    values.push(t.value);
  }
  const out: Dim[] = new Array<Dim>(n);
  const index = new Array<number>(outShape.length).fill(0);
  const args: Dim[] = new Array<Dim>(inputs.length);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < inputs.length; i++) {
      let off = 0;
      for (let d = 0; d < index.length; d++) off += index[d] * strides[i][d];
      args[i] = values[i][off];
    }
    out[k] = fitDtype(fn(args), dtype);
    for (let d = index.length - 1; d >= 0; d--) {
      if (++index[d] < outShape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Element functions (numbers, and symbols through exact identities only)
// ---------------------------------------------------------------------------------------------

/** Same dim on both sides (same number or same symbol). */
function same(a: Dim, b: Dim): boolean {
  return a !== null && a === b;
}

type NumFn = (a: number, b: number, dtype: DType) => number | null;

/** Lift a numeric binary function to dims; `sym` handles the cases involving a symbol. */
function lift(num: NumFn, sym: (a: Dim, b: Dim) => Dim, dtype: DType): (a: Dim, b: Dim) => Dim {
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return num(a, b, dtype);
    if (a === null || b === null) return null;
    return sym(a, b);
  };
}

/** a + b as `dtype` computes it (symbols: x + 0 only). */
export function addIn(dtype: DType): (a: Dim, b: Dim) => Dim {
  return lift(addNum, addSym, dtype);
}

/** a * b as `dtype` computes it (symbols: x * 1, x * 0 only). */
export function mulIn(dtype: DType): (a: Dim, b: Dim) => Dim {
  return lift(mulNum, mulSym, dtype);
}

/** The element function of a binary operator. */
function binary(num: NumFn, sym: (a: Dim, b: Dim) => Dim, dtype: DType): ElemFn {
  const f = lift(num, sym, dtype);
  return ([a, b]) => f(a, b);
}

const addNum: NumFn = (a, b, dt) => intResult(a + b, dt);
const subNum: NumFn = (a, b, dt) => intResult(a - b, dt);
const mulNum: NumFn = (a, b, dt) => intResult(a * b, dt);
const divNum: NumFn = (a, b, dt) => {
  if (isInteger(dt)) return b === 0 ? null : intResult(Math.trunc(a / b), dt);
  return a / b;
};

function modNum(fmod: boolean): NumFn {
  return (a, b, dt) => {
    if (isInteger(dt) && b === 0) return null;
    const r = a % b; // C fmod: sign of the dividend
    if (fmod || !isInteger(dt)) return r;
    return r !== 0 && r < 0 !== b < 0 ? r + b : r; // Python-style: sign of the divisor
  };
}

const powNum: NumFn = (a, b, dt) => {
  const r = Math.pow(a, b);
  if (!Number.isFinite(r)) return isInteger(dt) ? null : r;
  if (isInteger(dt)) return intResult(Math.trunc(r), dt);
  // pow() is not correctly rounded everywhere; exact small integers are the safe subset.
  return Number.isInteger(r) && Math.abs(r) <= 2 ** 24 ? r : null;
};

function addSym(a: Dim, b: Dim): Dim {
  if (b === 0) return a;
  if (a === 0) return b;
  return null;
}
function subSym(a: Dim, b: Dim): Dim {
  if (b === 0) return a;
  if (same(a, b)) return 0;
  return null;
}
function mulSym(a: Dim, b: Dim): Dim {
  if (a === 0 || b === 0) return 0;
  if (b === 1) return a;
  if (a === 1) return b;
  return null;
}
function divSym(a: Dim, b: Dim): Dim {
  return b === 1 ? a : null;
}
const noSym = (): Dim => null;

/**
 * Possible signs of a - b as [lowest, highest], or null when nothing is known. Symbols are
 * dims, so a symbol is >= 0 (never below a negative number).
 */
function signRange(a: Dim, b: Dim): [number, number] | null {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    const s = Math.sign(a - b);
    return [s, s];
  }
  if (same(a, b)) return [0, 0];
  if (typeof a === 'string' && typeof b === 'number') return b < 0 ? [1, 1] : b === 0 ? [0, 1] : null;
  if (typeof a === 'number' && typeof b === 'string') return a < 0 ? [-1, -1] : a === 0 ? [-1, 0] : null;
  return null;
}

/** A comparison decided by the sign of a - b: known when every possible sign agrees; NaN compares false. */
function compare(test: (sign: number) => boolean): ElemFn {
  return ([a, b]) => {
    if (typeof a === 'number' && typeof b === 'number' && (Number.isNaN(a) || Number.isNaN(b))) return 0;
    const r = signRange(a, b);
    if (!r) return null;
    const first = test(r[0]);
    for (let s = r[0] + 1; s <= r[1]; s++) if (test(s) !== first) return null;
    return first ? 1 : 0;
  };
}

/** Max of two elements (NaN wins, as in the kernels); symbols only when the order is known. */
export function maxOf(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
  const r = signRange(a, b);
  if (!r) return null;
  if (r[0] >= 0) return a;
  if (r[1] <= 0) return b;
  return null;
}

/** Min of two elements; symbols only when the order is known. */
export function minOf(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b);
  const r = signRange(a, b);
  if (!r) return null;
  if (r[1] <= 0) return a;
  if (r[0] >= 0) return b;
  return null;
}

/** Fold a binary element function over all arguments in order, storing each partial result as `dtype` does. */
function fold(f: (a: Dim, b: Dim) => Dim, dtype: DType): ElemFn {
  return (args) => args.reduce((acc, x) => fitDtype(f(acc, x), dtype));
}

function truthy(x: Dim): boolean | null {
  return typeof x === 'number' ? x !== 0 : null;
}

function logical(f: (a: boolean, b: boolean) => boolean): ElemFn {
  return ([a, b]) => {
    const x = truthy(a);
    const y = truthy(b);
    return x === null || y === null ? null : f(x, y) ? 1 : 0;
  };
}

// ---------------------------------------------------------------------------------------------
// Shared builders
// ---------------------------------------------------------------------------------------------

/** The first known dtype among the given inputs. */
export function firstDtype(ctx: InferCtx, indices: readonly number[]): DType | null {
  for (const i of indices) {
    const d = ctx.input(i)?.dtype;
    if (d) return d;
  }
  return null;
}

/** Indices of the node's present inputs. */
function presentInputs(ctx: InferCtx): number[] {
  const out: number[] = [];
  for (let i = 0; i < ctx.node.inputs.length; i++) if (ctx.has(i)) out.push(i);
  return out;
}

/** Copy of a shape (rules never hand out their inputs' arrays). */
export function copyShape(shape: Shape | undefined): Shape {
  return shape ? [...shape] : null;
}

export interface UnaryOptions {
  domain?: string;
  /** Kernel class; default 'elementwise' (the softmax family passes 'normalization'). */
  opClass?: OpClass;
  /** Output dtype; default the input's. */
  dtype?: DType;
  /** Element function for value propagation, given the input dtype. */
  value?: (dtype: DType, ctx: InferCtx) => ElemFn;
}

/**
 * An operator whose output has its first input's shape, costing `perElement` FLOPs per output
 * element (unary math, activations).
 */
export function unaryOp(opType: string, perElement: number | ((ctx: CostCtx) => number), o: UnaryOptions = {}): OpDef {
  return {
    opType,
    domain: o.domain,
    opClass: o.opClass ?? 'elementwise',
    infer(ctx) {
      const x = ctx.input(0);
      const dtype = o.dtype ?? x?.dtype ?? null;
      const shape = copyShape(x?.shape);
      const value = x && o.value && x.dtype ? evalBroadcast([x], shape, dtype, o.value(x.dtype, ctx)) : undefined;
      return [tensor(dtype, shape, value)];
    },
    cost(ctx) {
      return perOutputElement(ctx, typeof perElement === 'number' ? perElement : perElement(ctx));
    },
  };
}

export interface BroadcastOptions {
  domain?: string;
  /** Output dtype; default the first known dtype of the inputs. */
  dtype?: DType;
  /** Inputs whose dtype the output takes (default all, first known wins). */
  dtypeFrom?: number[];
  /** Element function for value propagation, given the dtype the inputs compute in. */
  value?: (dtype: DType, ctx: InferCtx) => ElemFn | null;
  /** FLOPs per output element given the number of present inputs (default 1). */
  perElement?: (inputs: number) => number;
}

/**
 * An operator whose output is the multidirectional broadcast of its present inputs
 * (binary math, comparisons, variadic Sum / Max / ..., Where).
 */
export function broadcastOp(opType: string, o: BroadcastOptions = {}): OpDef {
  return {
    opType,
    domain: o.domain,
    opClass: 'elementwise',
    infer(ctx) {
      const idx = presentInputs(ctx);
      const infos = idx.map((i) => ctx.input(i));
      const computeDtype = firstDtype(ctx, o.dtypeFrom ?? idx);
      const dtype = o.dtype ?? computeDtype;
      const legacy = legacyBroadcast(ctx);
      const shape = legacy !== undefined ? legacy : broadcastAll(infos.map((t) => t?.shape ?? null));
      // Legacy (axis-aligned) broadcasting is not what evalBroadcast does: no values there.
      const fn = o.value && computeDtype && legacy === undefined ? o.value(computeDtype, ctx) : null;
      const value = fn ? evalBroadcast(infos, shape, dtype, fn) : undefined;
      return [tensor(dtype, shape, value)];
    },
    cost(ctx) {
      const per = o.perElement ? o.perElement(presentInputs(ctx).length) : 1;
      return perOutputElement(ctx, per);
    },
  };
}

/**
 * Before opset 7 the binary ops broadcast only B onto A (with a `broadcast` attribute), so the
 * output has A's shape (null when unknown); undefined from opset 7 on (numpy broadcasting).
 */
function legacyBroadcast(ctx: InferCtx): Shape | undefined {
  if (ctx.opset >= 7 || ctx.node.inputs.length !== 2) return undefined;
  const a = ctx.input(0)?.shape;
  return a ? [...a] : null;
}

// ---------------------------------------------------------------------------------------------
// Operator-specific rules
// ---------------------------------------------------------------------------------------------

/** Unary element functions (exact in every float precision, so safe to evaluate). */
const neg =
  (dt: DType): ElemFn =>
  ([x]) =>
    typeof x === 'number' ? (isInteger(dt) ? intResult(0 - x, dt) : -x) : null;
const abs =
  (): ElemFn =>
  ([x]) =>
    typeof x === 'number' ? Math.abs(x) : x; // a symbol is >= 0
const sign =
  (): ElemFn =>
  ([x]) =>
    typeof x === 'number' ? Math.sign(x) : null;
const integral =
  (f: (x: number) => number) =>
  (): ElemFn =>
  ([x]) =>
    typeof x === 'number' ? f(x) : x;
const sqrt =
  (dt: DType): ElemFn =>
  ([x]) =>
    typeof x === 'number' && isFloat(dt) ? Math.sqrt(x) : null;
const reciprocal =
  (dt: DType): ElemFn =>
  ([x]) =>
    typeof x === 'number' && isFloat(dt) ? 1 / x : null;
function isInf(_dt: DType, ctx: InferCtx): ElemFn {
  const neg = ctx.attrs.int('detect_negative', 1) !== 0;
  const pos = ctx.attrs.int('detect_positive', 1) !== 0;
  return ([x]) => {
    if (typeof x === 'string') return 0; // a symbol is a finite dim
    if (x === null) return null;
    return (x === Infinity && pos) || (x === -Infinity && neg) ? 1 : 0;
  };
}
const not =
  (): ElemFn =>
  ([x]) =>
    typeof x === 'number' ? (x === 0 ? 1 : 0) : null;

const UNARY: [string, ((dt: DType) => ElemFn)?][] = [
  ['Abs', abs],
  ['Neg', neg],
  ['Exp'],
  ['Log'],
  ['Sqrt', sqrt],
  ['Reciprocal', reciprocal],
  ['Floor', integral(Math.floor)],
  ['Ceil', integral(Math.ceil)],
  ['Round', integral(roundHalfEven)],
  ['Sign', sign],
  ['Sin'],
  ['Cos'],
  ['Tan'],
  ['Asin'],
  ['Acos'],
  ['Atan'],
  ['Sinh'],
  ['Cosh'],
  ['Asinh'],
  ['Acosh'],
  ['Atanh'],
  ['Erf'],
  ['BitwiseNot'],
];

const ARITH: [string, NumFn, (a: Dim, b: Dim) => Dim][] = [
  ['Add', addNum, addSym],
  ['Sub', subNum, subSym],
  ['Mul', mulNum, mulSym],
  ['Div', divNum, divSym],
];

const COMPARE: [string, (s: number) => boolean][] = [
  ['Equal', (s) => s === 0],
  ['Greater', (s) => s > 0],
  ['Less', (s) => s < 0],
  ['GreaterOrEqual', (s) => s >= 0],
  ['LessOrEqual', (s) => s <= 0],
];

const LOGIC: [string, (a: boolean, b: boolean) => boolean][] = [
  ['And', (a, b) => a && b],
  ['Or', (a, b) => a || b],
  ['Xor', (a, b) => a !== b],
];

/** Clip's bounds: attributes before opset 11, optional inputs 1 and 2 from then on. */
function clipBounds(ctx: InferCtx): { count: number; lo: Dim | undefined; hi: Dim | undefined } {
  if (ctx.opset < 11) {
    const lo = ctx.attrs.float('min');
    const hi = ctx.attrs.float('max');
    return { count: (lo !== undefined ? 1 : 0) + (hi !== undefined ? 1 : 0), lo, hi };
  }
  const bound = (i: number): Dim | undefined | null => {
    if (!ctx.has(i)) return undefined;
    const v = ctx.input(i)?.value;
    return v && v.length === 1 ? v[0] : null;
  };
  const lo = bound(1);
  const hi = bound(2);
  return { count: (ctx.has(1) ? 1 : 0) + (ctx.has(2) ? 1 : 0), lo, hi };
}

const clip: OpDef = {
  opType: 'Clip',
  opClass: 'elementwise',
  infer(ctx) {
    const x = ctx.input(0);
    const dtype = x?.dtype ?? null;
    const shape = copyShape(x?.shape);
    const b = clipBounds(ctx);
    let value: Dim[] | undefined;
    if (x && b.lo !== null && b.hi !== null) {
      const { lo, hi } = b;
      value = evalBroadcast([x], shape, dtype, ([v]) => {
        let r: Dim = v;
        if (lo !== undefined) r = maxOf(r, lo);
        if (hi !== undefined) r = minOf(r, hi);
        return r;
      });
    }
    return [tensor(dtype, shape, value)];
  },
  cost(ctx) {
    return perOutputElement(ctx, clipBounds(ctx).count);
  },
};

/** A cumulative scan (CumSum, CumProd) along the axis given by input 1. */
function cumulative(opType: string, step: NumFn, identity: number): OpDef {
  return {
    opType,
    // A scan along one axis: one pass over the tensor like a reduction, each output depending on the previous.
    opClass: 'reduction',
    infer(ctx) {
      const x = ctx.input(0);
      const dtype = x?.dtype ?? null;
      const shape = copyShape(x?.shape);
      return [tensor(dtype, shape, cumulativeValue(ctx, step, identity))];
    },
    cost(ctx) {
      return perOutputElement(ctx, 1);
    },
  };
}

/** Elements of a cumulative scan of known numbers (exclusive / reverse attributes). */
function cumulativeValue(ctx: InferCtx, step: NumFn, identity: number): Dim[] | undefined {
  const x = ctx.input(0);
  const axisV = knownInts(ctx.input(1));
  if (!x?.value || !x.dtype || !isConcrete(x.shape) || !axisV || axisV.length !== 1) return undefined;
  const shape = x.shape;
  const axis = normAxis(axisV[0], shape.length);
  if (axis === null || numel(shape) !== x.value.length) return undefined;
  const exclusive = ctx.attrs.int('exclusive', 0) !== 0;
  const reverse = ctx.attrs.int('reverse', 0) !== 0;
  const len = shape[axis];
  const inner = numel(shape.slice(axis + 1))!;
  const outer = numel(shape.slice(0, axis))!;
  const out: Dim[] = new Array<Dim>(x.value.length);
  const dtype = x.dtype;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc: Dim = identity;
      for (let s = 0; s < len; s++) {
        const k = reverse ? len - 1 - s : s;
        const at = (o * len + k) * inner + i;
        const v = x.value[at];
        const next: Dim = typeof acc === 'number' && typeof v === 'number' ? step(acc, v, dtype) : null;
        out[at] = fitDtype(exclusive ? acc : next, dtype);
        acc = fitDtype(next, dtype);
      }
    }
  }
  return out;
}

/** Operations of an LU determinant of one M x M matrix (see the table above). */
export function detFlops(m: number): number {
  if (m <= 1) return 0;
  return (m * (m - 1)) / 2 + ((m - 1) * m * (2 * m - 1)) / 3 + (m - 1);
}

const det: OpDef = {
  opType: 'Det',
  // Dense O(M^3) linear algebra (an LU factorisation per matrix): the closest kernel is a GEMM.
  opClass: 'gemm',
  infer(ctx) {
    const x = ctx.input(0);
    const s = x?.shape;
    return [tensor(x?.dtype ?? null, s && s.length >= 2 ? s.slice(0, -2) : null)];
  },
  cost(ctx): OpCost | null {
    const s = ctx.input(0)?.shape;
    if (!s || s.length < 2 || !isConcrete(s)) return null;
    const batch = numel(s.slice(0, -2))!;
    return { macs: 0, flops: batch * detFlops(s[s.length - 1]), coreMacs: 0 };
  },
};

/** com.microsoft BiasAdd: X (N, S, C) + bias (C) + skip (N, S, C); output has X's shape. */
const biasAdd: OpDef = {
  opType: 'BiasAdd',
  domain: 'com.microsoft',
  opClass: 'elementwise',
  infer(ctx) {
    const x = ctx.input(0);
    return [tensor(x?.dtype ?? null, copyShape(x?.shape))];
  },
  cost(ctx) {
    const n = outputElements(ctx);
    return n === null ? null : { macs: 0, flops: 2 * n, coreMacs: 0 };
  },
};

export const ops: OpDef[] = [
  ...UNARY.map(([name, value]) => unaryOp(name, 1, { value })),
  unaryOp('IsNaN', 1, {
    dtype: 'bool',
    value:
      () =>
      ([x]) =>
        typeof x === 'number' ? (Number.isNaN(x) ? 1 : 0) : x === null ? null : 0,
  }),
  unaryOp('IsInf', 1, { dtype: 'bool', value: isInf }),
  unaryOp('Not', 1, { dtype: 'bool', value: not }),
  ...ARITH.map(([name, num, sym]) => broadcastOp(name, { value: (dt) => binary(num, sym, dt) })),
  broadcastOp('Pow', { dtypeFrom: [0], value: (dt, ctx) => (ctx.input(1)?.dtype ? binary(powNum, (a, b) => (b === 1 ? a : null), dt) : null) }),
  broadcastOp('Mod', { value: (dt, ctx) => binary(modNum(ctx.attrs.int('fmod', 0) !== 0), noSym, dt) }),
  broadcastOp('BitShift', { dtypeFrom: [0] }),
  ...COMPARE.map(([name, test]) => broadcastOp(name, { dtype: 'bool', value: () => compare(test) })),
  ...LOGIC.map(([name, f]) => broadcastOp(name, { dtype: 'bool', value: () => logical(f) })),
  broadcastOp('BitwiseAnd'),
  broadcastOp('BitwiseOr'),
  broadcastOp('BitwiseXor'),
  broadcastOp('Sum', { value: (dt) => fold(lift(addNum, addSym, dt), dt), perElement: (n) => n - 1 }),
  broadcastOp('Mean', { value: (dt) => meanOf(dt), perElement: (n) => n }),
  broadcastOp('Max', { value: (dt) => fold(maxOf, dt), perElement: (n) => n - 1 }),
  broadcastOp('Min', { value: (dt) => fold(minOf, dt), perElement: (n) => n - 1 }),
  broadcastOp('Where', {
    dtypeFrom: [1, 2],
    value:
      () =>
      ([c, a, b]) => {
        const t = truthy(c);
        if (t === null) return same(a, b) ? a : null;
        return t ? a : b;
      },
  }),
  clip,
  cumulative('CumSum', addNum, 0),
  cumulative('CumProd', mulNum, 1),
  det,
  biasAdd,
];

/** Mean of its arguments: a running sum in `dtype`, then one divide (the order kernels use). */
function meanOf(dtype: DType): ElemFn {
  const sum = fold(lift(addNum, addSym, dtype), dtype);
  return (args) => {
    if (args.every((x) => same(x, args[0]))) return args[0];
    const s = sum(args);
    return typeof s === 'number' ? divNum(s, args.length, dtype) : null;
  };
}

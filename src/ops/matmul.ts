/**
 * Matrix-product family: MatMul, Gemm, MatMulInteger, QLinearMatMul, Einsum (ai.onnx) and the
 * com.microsoft forms MatMulNBits, MatMulBnb4, FusedMatMul / TransposeMatMul, FusedGemm,
 * GemmFastGelu, MatMulIntegerToFloat, DynamicQuantizeMatMul, QGemm.
 *
 * MACs are core MACs: output elements x K (the contracted size). |A|, |B|, |Y| are element
 * counts of the operands and the output.
 *
 * | operator                 | MACs                  | FLOPs                                                                 |
 * |--------------------------|-----------------------|-----------------------------------------------------------------------|
 * | MatMul                   | |Y| x K               | 2 x MACs                                                              |
 * | Gemm, FusedGemm          | M·N·K                 | 2 x MACs + M·N if C + M·N if alpha ≠ 1 + M·N if C and beta ≠ 1 (+ M·N x activation, FusedGemm) |
 * | MatMulInteger            | |Y| x K               | 2 x MACs + |A| if a_zero_point + |B| if b_zero_point (the `x - zp` subtractions) |
 * | QLinearMatMul            | |Y| x K               | 2 x MACs + |A| + |B| (zero points) + 4·|Y| (requantize: scale, round, + zp, saturate) |
 * | Einsum                   | product of the sizes of all distinct labels, when there are ≥ 2 operands and some label is summed | 2 x MACs; with no summed label (outer / Hadamard product) MACs = 0 and FLOPs = (operands - 1) x that product; one operand: FLOPs = that product when a label is summed (the adds), else 0 |
 * | MatMulNBits              | |Y| x K               | 2 x MACs + 2·N·K (dequantize the weight: (q - zp)·scale) + |Y| if bias |
 * | MatMulBnb4               | |Y| x K               | 2 x MACs + N·K (dequantize: code·absmax)                              |
 * | FusedMatMul              | |Y| x K               | 2 x MACs + |Y| if alpha ≠ 1                                           |
 * | GemmFastGelu             | |Y| x K               | 2 x MACs + |Y| if bias + 9·|Y| (FastGelu's tanh form, as activations.ts counts it) |
 * | MatMulIntegerToFloat     | |Y| x K               | 2 x MACs + zero-point subtractions (as MatMulInteger) + |Y| (scale) + |Y| if bias |
 * | DynamicQuantizeMatMul    | |Y| x K               | 2 x MACs + 6·|A| + 8 (DynamicQuantizeLinear of A, see quantize.ts) + |A| (A's zero point) + |B| if b_zero_point + |Y| (scale) + |Y| if bias |
 * | MatMulInteger16          | |Y| x K               | 2 x MACs                                                              |
 * | QGemm                    | M·N·K                 | 2 x MACs + |A| + |B| (zero points) + M·N if C + 4·M·N with y_scale (requantize) else M·N (scale) |
 *
 * MatMulNBits (ONNX Runtime's ContribOperators.md): B is uint8 [N, ceil(K / block_size),
 * block_size x bits / 8], scales [N, k_blocks], optional zero points (packed uint8 or in A's type),
 * g_idx (deprecated) and bias [N]. Its params are the K x N weight values and its weight bytes
 * the packed bytes as stored (src/analysis/infer.ts); a node whose B, A or attributes disagree
 * with K, N, bits and block_size gets a warning.
 *
 * Einsum counts as core MACs: a contraction is a matrix product. Its naive count (one MAC per
 * point of the full index space) is what the formula defines; an implementation that contracts
 * three or more operands pairwise may do less.
 */
import type { Dim, Shape } from '../graph/model.js';
import type { DType } from '../graph/dtype.js';
import { tensor } from '../graph/info.js';
import { broadcast, broadcastDim, isConcrete, mergeDim, numel } from '../graph/shape.js';
import { coreCost } from './common.js';
import { activationFlops } from './rnn.js';
import { REQUANTIZE_FLOPS } from './conv.js';
import type { CostCtx, InferCtx, OpCost, OpDef } from './types.js';

const MS = 'com.microsoft';

// ---------------------------------------------------------------------------------------------
// numpy matmul shapes

/** Result of numpy.matmul shape rules: the output shape and the contracted size K. */
export interface MatMulShape {
  shape: Shape;
  k: Dim;
}

/** numpy.matmul: 1-D operands are promoted (and the promoted dim dropped), batch dims broadcast. */
export function matmulShape(a: Shape, b: Shape): MatMulShape {
  if (!a || !b || a.length === 0 || b.length === 0) {
    return { shape: null, k: a && a.length > 0 ? a[a.length - 1] : b && b.length >= 2 ? b[b.length - 2] : null };
  }
  const l = a.length === 1 ? [1, a[0]] : a;
  const r = b.length === 1 ? [b[0], 1] : b;
  const k = mergeDim(l[l.length - 1], r[r.length - 2]);
  const batch = broadcast(l.slice(0, -2), r.slice(0, -2));
  if (!batch) return { shape: null, k };
  const shape: Dim[] = [...batch];
  if (a.length !== 1) shape.push(l[l.length - 2]);
  if (b.length !== 1) shape.push(r[r.length - 1]);
  return { shape, k };
}

/** MACs of a matmul: |Y| x K. */
function matmulMacs(y: Shape, k: Dim): number | null {
  const n = numel(y);
  return n === null || typeof k !== 'number' ? null : n * k;
}

/** Elements of input i, 0 when unknown (for the small elementwise extras). */
function elems(ctx: CostCtx, i: number): number {
  return numel(ctx.input(i)?.shape ?? null) ?? 0;
}

/** Output elements, 0 when unknown. */
function outElems(ctx: CostCtx): number {
  return numel(ctx.output(0)?.shape ?? null) ?? 0;
}

/**
 * A numpy-matmul-shaped operator: A at `a`, B at `b`; `dtype` picks the output type;
 * `extra` adds the operator's non-MAC FLOPs.
 */
function matmulLike(
  opType: string,
  domain: string,
  a: number,
  b: number,
  dtype: (ctx: InferCtx) => DType | null,
  extra: (ctx: CostCtx) => number = () => 0,
): OpDef {
  return {
    opType,
    domain,
    opClass: 'gemm',
    infer: (ctx) => [tensor(dtype(ctx), matmulShape(ctx.input(a)?.shape ?? null, ctx.input(b)?.shape ?? null).shape)],
    cost: (ctx) => {
      const { k } = matmulShape(ctx.input(a)?.shape ?? null, ctx.input(b)?.shape ?? null);
      const macs = matmulMacs(ctx.output(0)?.shape ?? null, k);
      return macs === null ? null : coreCost(macs, extra(ctx));
    },
  };
}

const zp = (ctx: CostCtx, input: number, zeroPoint: number): number => (ctx.has(zeroPoint) ? elems(ctx, input) : 0);

// ---------------------------------------------------------------------------------------------
// Gemm

/** Gemm output [M, N] and K from A (transA) and B (transB); rank-2 operands only. */
function gemmDims(ctx: InferCtx, a: number, b: number): { m: Dim; n: Dim; k: Dim } | null {
  const as = ctx.input(a)?.shape;
  const bs = ctx.input(b)?.shape;
  const transA = ctx.attrs.int('transA', 0) !== 0;
  const transB = ctx.attrs.int('transB', 0) !== 0;
  if ((as && as.length !== 2) || (bs && bs.length !== 2)) return null;
  const m = as ? as[transA ? 1 : 0] : null;
  const ka = as ? as[transA ? 0 : 1] : null;
  const kb = bs ? bs[transB ? 1 : 0] : null;
  const n = bs ? bs[transB ? 0 : 1] : null;
  return { m, n, k: mergeDim(ka, kb) };
}

/** Gemm's extra FLOPs: C add, alpha scaling, beta scaling, each M·N when they apply. */
function gemmExtra(ctx: CostCtx, mn: number, cIndex: number): number {
  const hasC = ctx.has(cIndex);
  const alpha = ctx.attrs.float('alpha', 1);
  const beta = ctx.attrs.float('beta', 1);
  return (hasC ? mn : 0) + (alpha !== 1 ? mn : 0) + (hasC && beta !== 1 ? mn : 0);
}

function gemmDef(opType: string, domain: string, extra: (ctx: CostCtx, mn: number) => number = () => 0): OpDef {
  return {
    opType,
    domain,
    opClass: 'gemm',
    infer: (ctx) => {
      const d = gemmDims(ctx, 0, 1);
      return [tensor(ctx.input(0)?.dtype ?? null, d ? [d.m, d.n] : null)];
    },
    cost: (ctx) => {
      const d = gemmDims(ctx, 0, 1);
      if (!d || typeof d.m !== 'number' || typeof d.n !== 'number' || typeof d.k !== 'number') return null;
      const mn = d.m * d.n;
      return coreCost(mn * d.k, gemmExtra(ctx, mn, 2) + extra(ctx, mn));
    },
  };
}

const fusedGemmActivation = (ctx: CostCtx, mn: number): number => {
  const act = ctx.attrs.string('activation');
  return act ? mn * activationFlops(act) : 0;
};

const qgemm: OpDef = {
  opType: 'QGemm',
  domain: MS,
  opClass: 'gemm',
  infer: (ctx) => {
    const d = gemmDims(ctx, 0, 3);
    // Quantized output typed like y_zero_point; float32 when there is no y_scale / y_zero_point.
    const dtype = ctx.has(8) ? (ctx.input(8)?.dtype ?? null) : 'float32';
    return [tensor(dtype, d ? [d.m, d.n] : null)];
  },
  cost: (ctx) => {
    const d = gemmDims(ctx, 0, 3);
    if (!d || typeof d.m !== 'number' || typeof d.n !== 'number' || typeof d.k !== 'number') return null;
    const mn = d.m * d.n;
    const out = ctx.has(7) ? REQUANTIZE_FLOPS * mn : mn;
    return coreCost(mn * d.k, elems(ctx, 0) + elems(ctx, 3) + (ctx.has(6) ? mn : 0) + out);
  },
};

// ---------------------------------------------------------------------------------------------
// com.microsoft FusedMatMul: transposes of the last two dims, and of the batch dims.

/** The operand's shape after FusedMatMul's transBatch / trans attributes. */
function fusedOperand(s: Shape, trans: boolean, transBatch: boolean): Shape {
  if (!s || s.length < 2) return s;
  const r = s.length;
  const batch = transBatch ? s.slice(1, r - 1) : s.slice(0, r - 2);
  const rows = transBatch ? s[0] : s[r - 2];
  const cols = s[r - 1];
  return trans ? [...batch, cols, rows] : [...batch, rows, cols];
}

function fusedMatMulShape(ctx: InferCtx): MatMulShape {
  const a = fusedOperand(ctx.input(0)?.shape ?? null, ctx.attrs.int('transA', 0) !== 0, ctx.attrs.int('transBatchA', 0) !== 0);
  const b = fusedOperand(ctx.input(1)?.shape ?? null, ctx.attrs.int('transB', 0) !== 0, ctx.attrs.int('transBatchB', 0) !== 0);
  return matmulShape(a, b);
}

function fusedMatMulDef(opType: string): OpDef {
  return {
    opType,
    domain: MS,
    opClass: 'gemm',
    infer: (ctx) => [tensor(ctx.input(0)?.dtype ?? null, fusedMatMulShape(ctx).shape)],
    cost: (ctx) => {
      const macs = matmulMacs(ctx.output(0)?.shape ?? null, fusedMatMulShape(ctx).k);
      if (macs === null) return null;
      return coreCost(macs, ctx.attrs.float('alpha', 1) !== 1 ? outElems(ctx) : 0);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Weight-only quantized matmuls: B is packed, K and N are attributes.

function packedWeightMatMul(opType: string, dequantPerWeight: number, biasInput: number): OpDef {
  const shape = (ctx: InferCtx): Shape => {
    const a = ctx.input(0)?.shape;
    const n = ctx.attrs.int('N');
    if (!a || a.length < 1 || n === undefined) return null;
    return [...a.slice(0, -1), n];
  };
  return {
    opType,
    domain: MS,
    opClass: 'gemm',
    infer: (ctx) => {
      if (opType === 'MatMulNBits') checkNBits(ctx);
      return [tensor(ctx.input(0)?.dtype ?? null, shape(ctx))];
    },
    cost: (ctx) => {
      const y = numel(ctx.output(0)?.shape ?? null);
      const k = ctx.attrs.int('K');
      const n = ctx.attrs.int('N');
      if (y === null || k === undefined || n === undefined) return null;
      const bias = biasInput >= 0 && ctx.has(biasInput) ? y : 0;
      return coreCost(y * k, dequantPerWeight * n * k + bias);
    },
  };
}

/**
 * MatMulNBits as ONNX Runtime specifies it: K and N required, bits 2-8, block_size a power of two
 * >= 16, A's last dim K, B packed as [N, ceil(K / block_size), block_size x bits / 8]. A node that
 * breaks these gets a warning (its figures come from K and N as given, or stay unknown).
 */
function checkNBits(ctx: InferCtx): void {
  const warn = (detail: string) => ctx.warn(`malformed MatMulNBits: ${detail}`);
  const k = ctx.attrs.int('K');
  const n = ctx.attrs.int('N');
  if (k === undefined || n === undefined || k <= 0 || n <= 0) {
    warn('attributes K and N are required and must be positive');
    return;
  }
  const bits = ctx.attrs.int('bits', 4);
  const block = ctx.attrs.int('block_size', 0);
  if (bits < 2 || bits > 8) warn(`bits is ${bits}, not 2 to 8`);
  if (block < 16 || (block & (block - 1)) !== 0) warn(`block_size is ${block}, not a power of two >= 16`);
  const a = ctx.input(0)?.shape;
  const ka = a && a.length > 0 ? a[a.length - 1] : null;
  if (typeof ka === 'number' && ka !== k) warn(`A's last dim is ${ka} but K is ${k}`);
  const b = ctx.input(1)?.shape;
  if (b && isConcrete(b) && bits >= 2 && bits <= 8 && block >= 16) {
    const want = [n, Math.ceil(k / block), (block * bits) / 8];
    if (b.length !== 3 || b.some((d, i) => d !== want[i]))
      warn(`B is [${b.join(', ')}], expected [${want.join(', ')}] for K ${k}, N ${n}, ${bits} bits, block_size ${block}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Einsum

/** A parsed einsum term: labels in order, with '.' standing for the ellipsis position. */
interface Term {
  labels: string[];
  ellipsis: boolean;
}

/** Parses one side of an einsum equation term ("ab...c"); null when malformed. */
function parseTerm(term: string): Term | null {
  const labels: string[] = [];
  let ellipsis = false;
  const t = term.trim();
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '.') {
      if (ellipsis || t.slice(i, i + 3) !== '...') return null;
      ellipsis = true;
      labels.push('.');
      i += 2;
    } else if (/[A-Za-z]/.test(c)) labels.push(c);
    else if (c !== ' ') return null;
  }
  return { labels, ellipsis };
}

/** The equation's inputs and (explicit or implicit) output, resolved against operand shapes. */
export interface EinsumPlan {
  /** Size of every distinct label. */
  sizes: Map<string, Dim>;
  /** Dims the ellipsis stands for (broadcast over operands). */
  ellipsisDims: Dim[];
  outShape: Dim[];
  /** Labels summed over (in some input, not in the output). */
  summed: string[];
}

/** Resolves an einsum equation against the operands' shapes; null when a shape is unknown or they disagree. */
export function einsumPlan(equation: string, shapes: Shape[]): EinsumPlan | null {
  const [lhs, rhs] = equation.split('->');
  const terms = lhs.split(',').map(parseTerm);
  if (terms.length !== shapes.length || terms.some((t) => t === null)) return null;
  const sizes = new Map<string, Dim>();
  const counts = new Map<string, number>();
  let ellipsisDims: Dim[] = [];
  for (let op = 0; op < terms.length; op++) {
    const term = terms[op] as Term;
    const shape = shapes[op];
    if (!shape) return null;
    const named = term.labels.filter((l) => l !== '.').length;
    const ellRank = shape.length - named;
    if (ellRank < 0 || (!term.ellipsis && ellRank !== 0)) return null;
    let axis = 0;
    for (const label of term.labels) {
      if (label === '.') {
        ellipsisDims = broadcastRightAligned(ellipsisDims, shape.slice(axis, axis + ellRank));
        axis += ellRank;
        continue;
      }
      const d = shape[axis++];
      sizes.set(label, sizes.has(label) ? mergeLabel(sizes.get(label) ?? null, d) : d);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  let outLabels: string[];
  if (rhs !== undefined) {
    const out = parseTerm(rhs);
    if (!out || out.labels.some((l) => l !== '.' && !sizes.has(l))) return null;
    outLabels = out.labels;
  } else {
    // Implicit output: the ellipsis, then labels used exactly once, in ASCII order.
    const once = [...counts.entries()]
      .filter(([, n]) => n === 1)
      .map(([l]) => l)
      .sort();
    outLabels = ['.', ...once];
  }
  const outShape: Dim[] = [];
  for (const l of outLabels) {
    if (l === '.') for (const d of ellipsisDims) outShape.push(d);
    else outShape.push(sizes.get(l) ?? null);
  }
  const summed = [...sizes.keys()].filter((l) => !outLabels.includes(l));
  return { sizes, ellipsisDims, outShape, summed };
}

/** Two sizes of one label: equal, or one of them 1 (broadcast). */
function mergeLabel(a: Dim, b: Dim): Dim {
  if (a === 1) return b;
  if (b === 1) return a;
  return mergeDim(a, b);
}

/** Right-aligned numpy broadcast of two ellipsis dim lists (a missing shape is []). */
function broadcastRightAligned(a: Dim[], b: Dim[]): Dim[] {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    out.push(broadcastDim(da, db));
  }
  return out;
}

const einsum: OpDef = {
  opType: 'Einsum',
  opClass: 'gemm',
  infer: (ctx) => {
    const eq = ctx.attrs.string('equation');
    const dtype = ctx.input(0)?.dtype ?? null;
    if (!eq) return [tensor(dtype, null)];
    const shapes = ctx.node.inputs.map((_, i) => ctx.input(i)?.shape ?? null);
    const plan = einsumPlan(eq, shapes);
    return [tensor(dtype, plan ? plan.outShape : null)];
  },
  cost: (ctx) => einsumCost(ctx),
};

function einsumCost(ctx: CostCtx): OpCost | null {
  const eq = ctx.attrs.string('equation');
  if (!eq) return null;
  const shapes = ctx.node.inputs.map((_, i) => ctx.input(i)?.shape ?? null);
  const plan = einsumPlan(eq, shapes);
  if (!plan) return null;
  let space = numel(plan.ellipsisDims);
  for (const d of plan.sizes.values()) space = space === null || typeof d !== 'number' ? null : space * d;
  if (space === null) return null;
  const operands = shapes.length;
  if (operands >= 2 && plan.summed.length > 0) return coreCost(space);
  if (operands >= 2) return { macs: 0, flops: (operands - 1) * space, coreMacs: 0 };
  return { macs: 0, flops: plan.summed.length > 0 ? space : 0, coreMacs: 0 };
}

// ---------------------------------------------------------------------------------------------

/** FastGelu FLOPs per element (see table). */
const FAST_GELU_FLOPS = 9;

/** DynamicQuantizeLinear of A: min/max (2 per element) + quantize (4 per element) + 8 scalar ops. */
const DYNAMIC_QUANTIZE_PER_ELEMENT = 6;
const DYNAMIC_QUANTIZE_SCALAR = 8;

export const ops: OpDef[] = [
  matmulLike('MatMul', '', 0, 1, (ctx) => ctx.input(0)?.dtype ?? null),
  gemmDef('Gemm', ''),
  matmulLike(
    'MatMulInteger',
    '',
    0,
    1,
    () => 'int32',
    (ctx) => zp(ctx, 0, 2) + zp(ctx, 1, 3),
  ),
  matmulLike(
    'QLinearMatMul',
    '',
    0,
    3,
    (ctx) => ctx.input(7)?.dtype ?? null,
    (ctx) => elems(ctx, 0) + elems(ctx, 3) + REQUANTIZE_FLOPS * outElems(ctx),
  ),
  einsum,
  packedWeightMatMul('MatMulNBits', 2, 5),
  packedWeightMatMul('MatMulBnb4', 1, -1),
  fusedMatMulDef('FusedMatMul'),
  fusedMatMulDef('TransposeMatMul'),
  gemmDef('FusedGemm', MS, fusedGemmActivation),
  matmulLike(
    'GemmFastGelu',
    MS,
    0,
    1,
    (ctx) => ctx.input(0)?.dtype ?? null,
    (ctx) => (ctx.has(2) ? outElems(ctx) : 0) + FAST_GELU_FLOPS * outElems(ctx),
  ),
  matmulLike(
    'MatMulIntegerToFloat',
    MS,
    0,
    1,
    (ctx) => ctx.input(2)?.dtype ?? 'float32',
    (ctx) => zp(ctx, 0, 4) + zp(ctx, 1, 5) + outElems(ctx) + (ctx.has(6) ? outElems(ctx) : 0),
  ),
  matmulLike(
    'DynamicQuantizeMatMul',
    MS,
    0,
    1,
    (ctx) => ctx.input(0)?.dtype ?? 'float32',
    (ctx) => (DYNAMIC_QUANTIZE_PER_ELEMENT + 1) * elems(ctx, 0) + DYNAMIC_QUANTIZE_SCALAR + zp(ctx, 1, 3) + outElems(ctx) + (ctx.has(4) ? outElems(ctx) : 0),
  ),
  matmulLike('MatMulInteger16', MS, 0, 1, () => 'int32'),
  qgemm,
];

/**
 * Quantization family: QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear (ai.onnx and the
 * com.microsoft forms) and the com.microsoft QLinear* elementwise / pooling / concat operators.
 * (QLinearConv is in conv.ts, QLinearMatMul / MatMulInteger / QGemm in matmul.ts.)
 *
 * No MACs. FLOPs per element (|X| input, |Y| output elements):
 *
 * | operator                  | FLOPs                               | formula                                       |
 * |---------------------------|-------------------------------------|-----------------------------------------------|
 * | QuantizeLinear            | 4·|Y|                               | saturate(round(x / scale) + zero_point): divide, round, add, saturate |
 * | DequantizeLinear          | 2·|Y|                               | (x - zero_point) · scale                      |
 * | DynamicQuantizeLinear     | 6·|X| + 8                           | min and max over x (2/elem), quantize (4/elem); scale and zero point from the range (8 scalar ops) |
 * | QLinearAdd, QLinearMul    | 2·|A| + 2·|B| + 1·|C| + 4·|C|       | dequantize both inputs, add / multiply, quantize |
 * | QLinearSigmoid            | 2·|X| + 4·|Y| + 4·|Y|               | dequantize, sigmoid (neg, exp, add, divide), quantize |
 * | QLinearLeakyRelu          | 2·|X| + 2·|Y| + 4·|Y|               | dequantize, compare + multiply, quantize      |
 * | QLinearSoftmax            | 2·|X| + 5·|Y| + 4·|Y|               | dequantize, softmax (max, subtract, exp, sum, divide), quantize |
 * | QLinearGlobalAveragePool  | 2·|X| + |X| + |Y| + 4·|Y|           | dequantize, sum, divide, quantize             |
 * | QLinearAveragePool        | 2·|X| + (K + 1)·|Y| + 4·|Y|         | dequantize, average over the K-element window, quantize |
 * | QLinearConcat             | 6·|Y|                               | requantize every element (dequantize 2 + quantize 4) |
 *
 * Output types: QuantizeLinear's follows y_zero_point, else the output_dtype attribute (21+),
 * else uint8; DequantizeLinear's follows output_dtype (23+), else x_scale (float32 before 19).
 * Shapes never change (block_size and axis only pick which scale applies).
 */
import type { Dim, Shape } from '../graph/model.js';
import { dtypeFromCode, type DType } from '../graph/dtype.js';
import { tensor } from '../graph/info.js';
import { broadcast, normAxis, numel } from '../graph/shape.js';
import { poolShape, poolFlopsPerOutput, globalPoolCost } from './pool.js';
import { kernelVolume, toChannelsFirst, toChannelsLast } from './conv.js';
import type { OpClass } from '../devices/op-class.js';
import type { CostCtx, InferCtx, OpCost, OpDef } from './types.js';

const MS = 'com.microsoft';

/** FLOPs per element of the two directions of linear quantization (see table). */
export const QUANTIZE_FLOPS = 4;
export const DEQUANTIZE_FLOPS = 2;
const SIGMOID_FLOPS = 4;
const LEAKY_RELU_FLOPS = 2;
const SOFTMAX_FLOPS = 5;

/** A cost with no MACs. */
function flopsOnly(flops: number): OpCost {
  return { macs: 0, flops, coreMacs: 0 };
}

/** Elements of input i, null when unknown. */
function inElems(ctx: CostCtx, i: number): number | null {
  return numel(ctx.input(i)?.shape ?? null);
}

/** Elements of output 0, null when unknown. */
function outElems(ctx: CostCtx): number | null {
  return numel(ctx.output(0)?.shape ?? null);
}

/** Same shape as input 0, a fixed per-output-element cost. */
function sameShape(ctx: InferCtx, dtype: DType | null) {
  return [tensor(dtype, ctx.input(0)?.shape ? [...(ctx.input(0)?.shape as Dim[])] : null)];
}

// ---------------------------------------------------------------------------------------------
// QuantizeLinear / DequantizeLinear

/** QuantizeLinear's output type: y_zero_point's, else output_dtype (21+), else uint8. */
function quantizeOutputType(ctx: InferCtx): DType | null {
  if (ctx.has(2)) return ctx.input(2)?.dtype ?? null;
  const code = ctx.attrs.int('output_dtype', 0);
  if (code !== 0) return dtypeFromCode(code);
  return 'uint8';
}

/** DequantizeLinear's output type: output_dtype (23+), else the scale's (19+), else float32. */
function dequantizeOutputType(ctx: InferCtx, alwaysScale: boolean): DType | null {
  const code = ctx.attrs.int('output_dtype', 0);
  if (code !== 0) return dtypeFromCode(code);
  if (!alwaysScale && ctx.opset < 19) return 'float32';
  return ctx.input(1)?.dtype ?? null;
}

function quantizeDef(domain: string): OpDef {
  return {
    opType: 'QuantizeLinear',
    domain,
    opClass: 'elementwise',
    infer: (ctx) => sameShape(ctx, quantizeOutputType(ctx)),
    cost: (ctx) => {
      const n = outElems(ctx);
      return n === null ? null : flopsOnly(QUANTIZE_FLOPS * n);
    },
  };
}

function dequantizeDef(domain: string): OpDef {
  return {
    opType: 'DequantizeLinear',
    domain,
    opClass: 'elementwise',
    infer: (ctx) => sameShape(ctx, dequantizeOutputType(ctx, domain === MS)),
    cost: (ctx) => {
      const n = outElems(ctx);
      return n === null ? null : flopsOnly(DEQUANTIZE_FLOPS * n);
    },
  };
}

const DYNAMIC_QUANTIZE_SCALAR_FLOPS = 8;

const dynamicQuantizeLinear: OpDef = {
  opType: 'DynamicQuantizeLinear',
  // A min / max pass then a quantizing pass, both streaming over the tensor: element-wise.
  opClass: 'elementwise',
  infer: (ctx) => [...sameShape(ctx, 'uint8'), tensor('float32', []), tensor('uint8', [])],
  cost: (ctx) => {
    const n = inElems(ctx, 0);
    return n === null ? null : flopsOnly((2 + QUANTIZE_FLOPS) * n + DYNAMIC_QUANTIZE_SCALAR_FLOPS);
  },
};

// ---------------------------------------------------------------------------------------------
// QLinear elementwise (com.microsoft): dequantize inputs, float op, quantize output.

/** QLinearAdd / QLinearMul: A, A_scale, A_zp, B, B_scale, B_zp, C_scale, C_zp. */
function qlinearBinary(opType: string): OpDef {
  return {
    opType,
    domain: MS,
    opClass: 'elementwise',
    infer: (ctx) => [tensor(ctx.input(0)?.dtype ?? null, broadcast(ctx.input(0)?.shape ?? null, ctx.input(3)?.shape ?? null))],
    cost: (ctx) => {
      const [a, b, c] = [inElems(ctx, 0), inElems(ctx, 3), outElems(ctx)];
      if (a === null || b === null || c === null) return null;
      return flopsOnly(DEQUANTIZE_FLOPS * (a + b) + (1 + QUANTIZE_FLOPS) * c);
    },
  };
}

/** QLinear unary op (X, X_scale, X_zp, Y_scale, Y_zp) with `perElement` float FLOPs in between. */
function qlinearUnary(opType: string, perElement: number, opClass: OpClass = 'elementwise'): OpDef {
  return {
    opType,
    domain: MS,
    opClass: opClass,
    infer: (ctx) => sameShape(ctx, ctx.input(0)?.dtype ?? null),
    cost: (ctx) => {
      const [x, y] = [inElems(ctx, 0), outElems(ctx)];
      if (x === null || y === null) return null;
      return flopsOnly(DEQUANTIZE_FLOPS * x + (perElement + QUANTIZE_FLOPS) * y);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Quantized pooling and concat (com.microsoft)

/** channels_last: the tensor is N, spatial..., C. */
const channelsLast = (ctx: InferCtx): boolean => ctx.attrs.int('channels_last', 0) !== 0;

const qlinearGlobalAveragePool: OpDef = {
  opType: 'QLinearGlobalAveragePool',
  domain: MS,
  opClass: 'reduction',
  infer: (ctx) => {
    const x = ctx.input(0);
    const s = x?.shape;
    if (!s || s.length < 2) return [tensor(x?.dtype ?? null, null)];
    const shape: Shape = channelsLast(ctx) ? [s[0], ...s.slice(1, -1).map(() => 1), s[s.length - 1]] : [s[0], s[1], ...s.slice(2).map(() => 1)];
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost: (ctx) => {
    const pool = globalPoolCost(ctx, 'avg', channelsLast(ctx));
    const [x, y] = [inElems(ctx, 0), outElems(ctx)];
    if (!pool || x === null || y === null) return null;
    return flopsOnly(DEQUANTIZE_FLOPS * x + pool.flops + QUANTIZE_FLOPS * y);
  },
};

const qlinearAveragePool: OpDef = {
  opType: 'QLinearAveragePool',
  domain: MS,
  opClass: 'reduction',
  infer: (ctx) => {
    const x = ctx.input(0);
    const last = channelsLast(ctx);
    const xs = x?.shape ?? null;
    const nchw = poolShape(ctx.attrs, last ? toChannelsFirst(xs) : xs, false);
    return [tensor(x?.dtype ?? null, last ? toChannelsLast(nchw) : nchw)];
  },
  cost: (ctx) => {
    const [x, y] = [inElems(ctx, 0), outElems(ctx)];
    const kernel = ctx.attrs.ints('kernel_shape');
    if (x === null || y === null || !kernel) return null;
    return flopsOnly(DEQUANTIZE_FLOPS * x + (poolFlopsPerOutput('avg', kernelVolume(kernel)) + QUANTIZE_FLOPS) * y);
  },
};

/** QLinearConcat: Y_scale, Y_zp, then (X, X_scale, X_zp) per input; concatenated along `axis`. */
const qlinearConcat: OpDef = {
  opType: 'QLinearConcat',
  domain: MS,
  opClass: 'data-movement',
  infer: (ctx) => {
    const items: Shape[] = [];
    for (let i = 2; i < ctx.node.inputs.length; i += 3) items.push(ctx.input(i)?.shape ?? null);
    const dtype = ctx.input(1)?.dtype ?? ctx.input(2)?.dtype ?? null;
    return [tensor(dtype, concatShape(items, ctx.attrs.int('axis', 0)))];
  },
  cost: (ctx) => {
    const y = outElems(ctx);
    return y === null ? null : flopsOnly((DEQUANTIZE_FLOPS + QUANTIZE_FLOPS) * y);
  },
};

/** Concatenation of same-rank shapes along `axis`; other dims merged, unknown where they disagree. */
function concatShape(items: Shape[], axis: number): Shape {
  const rank = items.find((s) => s !== null)?.length;
  if (rank === undefined || items.length === 0) return null;
  if (items.some((s) => s !== null && s.length !== rank)) return null;
  const a = normAxis(axis, rank);
  if (a === null) return null;
  const out: Dim[] = new Array<Dim>(rank).fill(null);
  let total: number | null = 0;
  for (let d = 0; d < rank; d++) {
    if (d === a) continue;
    const known = items.map((s) => (s ? s[d] : null)).filter((v) => v !== null);
    out[d] = known.length > 0 && known.every((v) => v === known[0]) ? known[0] : null;
  }
  for (const s of items) {
    const d = s ? s[a] : null;
    total = total !== null && typeof d === 'number' ? total + d : null;
  }
  out[a] = total;
  return out;
}

export const ops: OpDef[] = [
  quantizeDef(''),
  dequantizeDef(''),
  dynamicQuantizeLinear,
  quantizeDef(MS),
  dequantizeDef(MS),
  qlinearBinary('QLinearAdd'),
  qlinearBinary('QLinearMul'),
  qlinearUnary('QLinearSigmoid', SIGMOID_FLOPS),
  qlinearUnary('QLinearLeakyRelu', LEAKY_RELU_FLOPS),
  qlinearUnary('QLinearSoftmax', SOFTMAX_FLOPS, 'normalization'),
  qlinearGlobalAveragePool,
  qlinearAveragePool,
  qlinearConcat,
];

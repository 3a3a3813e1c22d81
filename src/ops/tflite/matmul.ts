/**
 * TFLite matrix products: FULLY_CONNECTED and BATCH_MATMUL (class 'gemm', all MACs core).
 *
 * FULLY_CONNECTED: x [..., in] (any rank; its elements are read as batch = |X| / in rows),
 * weights [units, in], bias [units]. Output: keep_num_dims ? [..., units] : [batch, units].
 * BATCH_MATMUL: x [..., M, K] (adj_x: [..., K, M]), y [..., K, N] (adj_y: [..., N, K]), batch
 * dims broadcast. Output [...batch, M, N].
 *
 * | operator        | MACs (core)          | FLOPs                                           |
 * |-----------------|----------------------|-------------------------------------------------|
 * | FULLY_CONNECTED | |Y| x in             | 2 x MACs + |Y| if bias + |Y| x fused activation |
 * | BATCH_MATMUL    | |Y| x K              | 2 x MACs                                        |
 *
 * These equal ONNX Gemm / MatMul (+ Add) for the same layer. A quantized int32 bias of
 * FULLY_CONNECTED counts as params (`int32Weights`).
 */
import type { Dim, Shape } from '../../graph/model.js';
import { tensor } from '../../graph/info.js';
import { numel } from '../../graph/shape.js';
import { coreCost } from '../common.js';
import { matmulShape } from '../matmul.js';
import { productDim } from '../shape.js';
import type { InferCtx, OpDef } from '../types.js';
import { fusedFlops, TFL } from './common.js';

/** FULLY_CONNECTED's input size: the weights' dim 1, else the input's last dim. */
function fcIn(ctx: InferCtx): Dim {
  const w = ctx.input(1)?.shape;
  if (w && w.length === 2 && typeof w[1] === 'number') return w[1];
  const x = ctx.input(0)?.shape;
  return x && x.length > 0 ? x[x.length - 1] : null;
}

function fcShape(ctx: InferCtx): Shape {
  const x = ctx.input(0)?.shape ?? null;
  const w = ctx.input(1)?.shape;
  const units: Dim = w && w.length === 2 ? w[0] : null;
  const keep = ctx.attrs.int('keep_num_dims', 0) !== 0;
  if (!x || x.length === 0) return keep ? null : [null, units];
  if (keep) return [...x.slice(0, -1), units];
  const inSize = fcIn(ctx);
  if (x[x.length - 1] === inSize || typeof inSize !== 'number') return [x.length === 1 ? 1 : productDim(x.slice(0, -1)), units];
  // The input's last dim is not the input size: rows are all elements / in.
  const n = numel(x);
  return [n === null || inSize <= 0 || n % inSize !== 0 ? null : n / inSize, units];
}

const fullyConnected: OpDef = {
  opType: 'FULLY_CONNECTED',
  domain: TFL,
  opClass: 'gemm',
  int32Weights: [2],
  infer: (ctx) => [tensor(ctx.input(0)?.dtype ?? null, fcShape(ctx))],
  cost(ctx) {
    const y = numel(ctx.output(0)?.shape ?? null);
    const inSize = fcIn(ctx);
    if (y === null || typeof inSize !== 'number') return null;
    return coreCost(y * inSize, (ctx.has(2) ? y : 0) + fusedFlops(ctx));
  },
};

/** Swap the last two dims (adj_x / adj_y). */
function adjoint(s: Shape, adj: boolean): Shape {
  if (!s || !adj || s.length < 2) return s;
  return [...s.slice(0, -2), s[s.length - 1], s[s.length - 2]];
}

function bmm(ctx: InferCtx) {
  const a = adjoint(ctx.input(0)?.shape ?? null, ctx.attrs.int('adj_x', 0) !== 0);
  const b = adjoint(ctx.input(1)?.shape ?? null, ctx.attrs.int('adj_y', 0) !== 0);
  return matmulShape(a, b);
}

const batchMatmul: OpDef = {
  opType: 'BATCH_MATMUL',
  domain: TFL,
  opClass: 'gemm',
  infer: (ctx) => [tensor(ctx.input(0)?.dtype ?? null, bmm(ctx).shape)],
  cost(ctx) {
    const { k } = bmm(ctx);
    const y = numel(ctx.output(0)?.shape ?? null);
    return y === null || typeof k !== 'number' ? null : coreCost(y * k);
  },
};

export const ops: OpDef[] = [fullyConnected, batchMatmul];

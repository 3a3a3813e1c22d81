/**
 * TFLite pooling: AVERAGE_POOL_2D, MAX_POOL_2D, L2_POOL_2D (x [N, H, W, C], Pool2DOptions:
 * padding, stride_h / stride_w, filter_height / filter_width, fused_activation_function).
 *
 * No MACs. FLOPs per output element as ONNX pooling counts them (src/ops/pool.ts), K = KH·KW:
 *
 * | operator        | FLOPs per output element             |
 * |-----------------|--------------------------------------|
 * | MAX_POOL_2D     | K (+ fused activation)               |
 * | AVERAGE_POOL_2D | K + 1 (+ fused activation)           |
 * | L2_POOL_2D      | 3K + 1, as LpPool p = 2 (+ fused)    |
 *
 * Shapes: SAME out = ceil(in / stride), VALID out = ceil((in - k + 1) / stride).
 */
import { tensor } from '../../graph/info.js';
import type { Dim } from '../../graph/model.js';
import { numel } from '../../graph/shape.js';
import { windowOutput } from '../conv.js';
import { poolFlopsPerOutput, type PoolKind } from '../pool.js';
import type { InferCtx, OpDef } from '../types.js';
import { fusedFlops, TFL, tflWindow } from './common.js';

function kernel(ctx: InferCtx): number[] {
  return [ctx.attrs.int('filter_height', 1), ctx.attrs.int('filter_width', 1)];
}

function poolDef(opType: string, kind: PoolKind): OpDef {
  return {
    opType,
    domain: TFL,
    opClass: 'reduction',
    infer(ctx) {
      const x = ctx.input(0);
      const xs = x?.shape && x.shape.length === 4 ? x.shape : null;
      const win = tflWindow(ctx.attrs.string('padding', 'SAME'), kernel(ctx), [ctx.attrs.int('stride_h', 1), ctx.attrs.int('stride_w', 1)], [1, 1]);
      const spatial: Dim[] = xs && win ? windowOutput(win, xs.slice(1, 3)) : [null, null];
      return [tensor(x?.dtype ?? null, [xs ? xs[0] : null, ...spatial, xs ? xs[3] : null])];
    },
    cost(ctx) {
      const y = numel(ctx.output(0)?.shape ?? null);
      const [kh, kw] = kernel(ctx);
      return y === null ? null : { macs: 0, flops: y * poolFlopsPerOutput(kind, kh * kw) + fusedFlops(ctx), coreMacs: 0 };
    },
  };
}

export const ops: OpDef[] = [poolDef('MAX_POOL_2D', 'max'), poolDef('AVERAGE_POOL_2D', 'avg'), poolDef('L2_POOL_2D', 'lp')];

/**
 * Loss operators (opset 12+): NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss.
 *
 * FLOPs, with E = elements of the target (N x d1 x ... x dk) and S = elements of the scores:
 * | operator | FLOPs | from |
 * |---|---|---|
 * | NegativeLogLikelihoodLoss | 2 per target element (+1 with weights) | negate the picked input, accumulate the reduction (multiply by the class weight) |
 * | SoftmaxCrossEntropyLoss | 5 per score element + the NLL count | log-softmax along C: max, subtract, exp, sum, subtract the log-sum; then NLL |
 *
 * Output shape: reduction 'none' gives the target's shape, 'mean' / 'sum' a scalar.
 */
import { tensor } from '../graph/info.js';
import { numel } from '../graph/shape.js';
import type { CostCtx, InferCtx, OpCost, OpDef } from './types.js';

function lossShape(ctx: InferCtx) {
  const reduction = ctx.attrs.string('reduction', 'mean');
  const target = ctx.input(1);
  const dtype = ctx.input(0)?.dtype ?? null;
  if (reduction !== 'none') return tensor(dtype, []);
  return tensor(dtype, target?.shape ? [...target.shape] : null);
}

function nllFlops(ctx: CostCtx): number | null {
  const target = ctx.input(1);
  const e = target ? numel(target.shape) : null;
  if (e === null) return null;
  return e * (ctx.has(2) ? 3 : 2);
}

const nll: OpDef = {
  opType: 'NegativeLogLikelihoodLoss',
  // Picks one value per row and reduces them to the loss.
  opClass: 'reduction',
  infer: (ctx) => [lossShape(ctx)],
  cost(ctx): OpCost | null {
    const f = nllFlops(ctx);
    return f === null ? null : { macs: 0, flops: f, coreMacs: 0 };
  },
};

const sce: OpDef = {
  opType: 'SoftmaxCrossEntropyLoss',
  // Dominated by its row-wise (log-)softmax, as Softmax itself.
  opClass: 'normalization',
  infer(ctx) {
    const scores = ctx.input(0);
    return [lossShape(ctx), tensor(scores?.dtype ?? null, scores?.shape ? [...scores.shape] : null)];
  },
  cost(ctx): OpCost | null {
    const f = nllFlops(ctx);
    const s = ctx.input(0) ? numel(ctx.input(0)!.shape) : null;
    return f === null || s === null ? null : { macs: 0, flops: 5 * s + f, coreMacs: 0 };
  },
};

export const ops: OpDef[] = [nll, sce];

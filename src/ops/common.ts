/**
 * Small building blocks shared by operator families.
 */
import { numel } from '../graph/shape.js';
import { byteSize } from '../graph/dtype.js';
import type { TensorInfo } from '../graph/info.js';
import type { CostCtx, OpCost } from './types.js';
import { checkedAdd, checkedMul } from '../analysis/limits.js';
import { GraphError } from '../analysis/errors.js';
import { quoteToken } from '../util/sanitize.js';
import type { InferCtx } from './types.js';

/** An invalid model, refused with the node named: `node 'r' (Reshape): <detail>`. */
export function refuse(ctx: InferCtx, detail: string): GraphError {
  return new GraphError(`node ${quoteToken(ctx.node.name || ctx.node.opType)} (${quoteToken(ctx.node.opType)}): ${detail}`);
}

/** Elements of output i, or null when its shape is not fully known. */
export function outputElements(ctx: CostCtx, i = 0): number | null {
  const out = ctx.output(i);
  return out ? numel(out.shape) : null;
}

/** Elements of input i, or null when its shape is not fully known. */
export function inputElements(ctx: CostCtx, i = 0): number | null {
  const inp = ctx.input(i);
  return inp ? numel(inp.shape) : null;
}

/** Bytes a tensor takes, or null when its dtype or shape is not fully known. */
export function tensorBytes(t: TensorInfo | undefined): number | null {
  const n = t ? numel(t.shape) : null;
  return n === null || !t?.dtype ? null : byteSize(t.dtype, n);
}

/** A cost of `perElement` operations for each element of output 0 (no MACs). */
export function perOutputElement(ctx: CostCtx, perElement: number): OpCost | null {
  const n = outputElements(ctx);
  return n === null ? null : { macs: 0, flops: n * perElement, coreMacs: 0 };
}

/** MACs of a core op (conv / matmul): flops = 2 x MACs + extra (bias adds). */
export function coreCost(macs: number, extraFlops = 0): OpCost {
  return { macs, flops: 2 * macs + extraFlops, coreMacs: macs };
}

/** MACs outside the core set (e.g. a normalisation's multiply-add): flops = 2 x MACs + extra. */
export function macCost(macs: number, extraFlops = 0): OpCost {
  return { macs, flops: 2 * macs + extraFlops, coreMacs: 0 };
}

/** Sum of two costs; refused (GraphError) when a count passes 2^53 and would no longer be exact. */
export function addCosts(a: OpCost, b: OpCost): OpCost {
  const what = 'a sub-graph cost';
  return { macs: checkedAdd(a.macs, b.macs, what), flops: checkedAdd(a.flops, b.flops, what), coreMacs: checkedAdd(a.coreMacs, b.coreMacs, what) };
}

export function scaleCost(a: OpCost, k: number): OpCost {
  const what = 'a repeated cost';
  return { macs: checkedMul(a.macs, k, what), flops: checkedMul(a.flops, k, what), coreMacs: checkedMul(a.coreMacs, k, what) };
}

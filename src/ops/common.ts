/**
 * Small building blocks shared by operator families.
 */
import { numel } from '../graph/shape.js';
import type { CostCtx, OpCost } from './types.js';

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

export function addCosts(a: OpCost, b: OpCost): OpCost {
  return { macs: a.macs + b.macs, flops: a.flops + b.flops, coreMacs: a.coreMacs + b.coreMacs };
}

export function scaleCost(a: OpCost, k: number): OpCost {
  return { macs: a.macs * k, flops: a.flops * k, coreMacs: a.coreMacs * k };
}

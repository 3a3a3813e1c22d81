/**
 * Training operators of the ai.onnx.preview.training domain. They appear in exported training
 * graphs; each output has the shape of the tensor it updates.
 *
 * FLOPs per updated element (from each operator's update formula in the ONNX spec):
 * | operator | FLOPs | formula |
 * |---|---|---|
 * | Adagrad | 8 | g' = g + λx; h' = h + g'²; x' = x − r·g' / (√h' + ε), r decayed once per call |
 * | Momentum | 6 | g' = αv + β(g + λx) (standard) ; x' = x − r·v' |
 * | Adam | 14 | g' = g + λx; v' = αv + (1−α)g'; h' = βh + (1−β)g'²; x' = x − r·v'/(√h' + ε) (bias-corrected r), then norm_coefficient_post |
 * | Gradient | 0 | the gradient graph is not part of this op's own cost |
 */
import { tensor } from '../graph/info.js';
import { numel } from '../graph/shape.js';
import type { CostCtx, InferCtx, OpCost, OpDef } from './types.js';

const DOMAIN = 'ai.onnx.preview.training';

/**
 * An optimizer with inputs R, T, then `groups` groups of n tensors (X, G, V, H...) and outputs
 * for every group but G: output group k has the shapes of input group `outGroups[k]`.
 */
function optimizer(opType: string, groups: number, outGroups: number[], flopsPerElement: number): OpDef {
  const n = (ctx: InferCtx) => Math.floor((ctx.node.inputs.length - 2) / groups);
  return {
    opType,
    domain: DOMAIN,
    opClass: 'elementwise',
    infer(ctx) {
      const count = n(ctx);
      return outGroups.flatMap((g) =>
        Array.from({ length: count }, (_, i) => {
          const src = ctx.input(2 + g * count + i);
          return tensor(src?.dtype ?? null, src?.shape ? [...src.shape] : null);
        }),
      );
    },
    cost(ctx: CostCtx): OpCost | null {
      let elements = 0;
      for (let i = 0; i < n(ctx); i++) {
        const x = ctx.input(2 + i);
        const e = x ? numel(x.shape) : null;
        if (e === null) return null;
        elements += e;
      }
      return { macs: 0, flops: elements * flopsPerElement, coreMacs: 0 };
    },
  };
}

const gradient: OpDef = {
  opType: 'Gradient',
  // Stands for a gradient sub-graph it does not cost: the generic element-wise class.
  domain: DOMAIN,
  opClass: 'elementwise',
  infer(ctx) {
    // Outputs are the gradients of y with respect to the xs inputs: each has its x's shape.
    const xs = ctx.attrs.strings('xs') ?? [];
    return xs.map((_, i) => {
      const x = ctx.input(i);
      return tensor(x?.dtype ?? null, x?.shape ? [...x.shape] : null);
    });
  },
  cost: () => ({ macs: 0, flops: 0, coreMacs: 0 }),
};

export const ops: OpDef[] = [optimizer('Adagrad', 3, [0, 2], 8), optimizer('Momentum', 3, [0, 2], 6), optimizer('Adam', 4, [0, 2, 3], 14), gradient];

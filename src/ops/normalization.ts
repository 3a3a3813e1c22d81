/**
 * Normalization family: BatchNormalization (every opset, inference and training outputs),
 * InstanceNormalization, LayerNormalization (ONNX 17, and ONNX Runtime's earlier copy in the
 * default domain), GroupNormalization, RMSNormalization, LpNormalization,
 * MeanVarianceNormalization, LRN, and the com.microsoft fusions (SkipLayerNormalization,
 * SimplifiedLayerNormalization, SkipSimplifiedLayerNormalization, GroupNorm, SkipGroupNorm).
 * The normalized output always has the input's shape and dtype.
 *
 * FLOP counts follow the operators' defining formulas (each arithmetic operation counts 1 per
 * element it is applied to; sqrt counts 1). N = input elements; G = number of groups the
 * statistics are taken over (rows for LayerNormalization, (n, c) pairs for
 * InstanceNormalization, (n, group) pairs for GroupNormalization...); C = channels.
 *
 * Standardisation, as ONNX's LayerNormalization spells it:
 *   Mean = ReduceMean(X); D = X - Mean; Var = ReduceMean(D * D); InvStdDev = 1 / sqrt(Var + eps);
 *   Normalized = D * InvStdDev
 * = 5 per element (sum, subtract, square, sum, multiply) + 5 per group (2 divides, add eps,
 * sqrt, reciprocal). Scale adds 1 per element, a bias 1 per element.
 *
 * | operator                          | FLOPs                          | formula                                      |
 * |-----------------------------------|--------------------------------|----------------------------------------------|
 * | BatchNormalization (inference)    | 4N + 2C                        | (x - mean) / sqrt(var + eps) * scale + B     |
 * | BatchNormalization (training)     | 8N + 10C                       | the above with batch statistics: mean (N + C),|
 * |                                   |                                | var = sum((x - mean)^2) / n (3N + C), and     |
 * |                                   |                                | running = m * running + (1 - m) * stat (6C)  |
 * | InstanceNormalization             | 7N + 5G                        | standardise per (n, c), scale, bias          |
 * | LayerNormalization                | 7N + 5G (6N + 5G without B)    | standardise per row, scale, bias             |
 * | GroupNormalization, GroupNorm (ms)| 7N + 5G (+5N with SiLU)        | standardise per (n, group), scale, bias      |
 * | SkipGroupNorm (ms)                | GroupNorm + N (+N with bias)   | s = x + skip (+ bias), then GroupNorm        |
 * | SkipLayerNormalization (ms)       | LayerNorm + N (+N with bias)   | s = x + skip (+ bias), then LayerNorm        |
 * | RMSNormalization,                 | 4N + 3G                        | x / sqrt(mean(x * x) + eps) * scale: square, |
 * | SimplifiedLayerNormalization      |                                | sum, divide, scale; per row divide, add, sqrt|
 * | SkipSimplifiedLayerNormalization  | 4N + 3G + N (+N with bias)     | s = x + skip (+ bias), then RMS norm         |
 * | LpNormalization                   | 3N (+ G sqrts when p = 2)      | x / norm: abs or square, sum, divide         |
 * | MeanVarianceNormalization         | 5N + 6G                        | (x - E[x]) / (sqrt(E[x^2] - E[x]^2) + eps)    |
 * | LRN                               | (size + 4) N                   | x / (bias + alpha / size * sum(x^2))^beta:   |
 * |                                   |                                | square, size - 1 adds, scale, add, pow, div  |
 */
import type { Dim, Shape } from '../graph/model.js';
import { tensor, type Info } from '../graph/info.js';
import { dtypeFromCode, type DType } from '../graph/dtype.js';
import { isConcrete, mergeDim, normAxis, numel } from '../graph/shape.js';
import type { CostCtx, InferCtx, OpCost, OpDef } from './types.js';
import { copyShape } from './elementwise.js';

const MS = 'com.microsoft';

function flops(n: number): OpCost {
  return { macs: 0, flops: n, coreMacs: 0 };
}

/** Output 0 with input 0's shape and dtype (the normalized tensor). */
function sameAsInput(ctx: InferCtx): Info {
  const x = ctx.input(0);
  return tensor(x?.dtype ?? null, copyShape(x?.shape));
}

/** Input 0's concrete shape, or null. */
function concreteInput(ctx: CostCtx): number[] | null {
  const s = ctx.input(0)?.shape ?? null;
  return isConcrete(s) ? s : null;
}

// ---------------------------------------------------------------------------------------------
// BatchNormalization
// ---------------------------------------------------------------------------------------------

/** Whether the node computes batch statistics (an attribute from opset 14, extra outputs before). */
function bnTraining(ctx: InferCtx): boolean {
  if (ctx.opset >= 14) return ctx.attrs.int('training_mode', 0) !== 0;
  return ctx.node.outputs.length > 1;
}

/** The channel count C, from X's dim 1 and the 1-D parameter inputs. */
function bnChannels(ctx: InferCtx): Dim {
  const x = ctx.input(0)?.shape;
  let c: Dim = x ? (x.length > 1 ? x[1] : 1) : null;
  for (let i = 1; i <= 4; i++) {
    const s = ctx.input(i)?.shape;
    if (s?.length === 1) c = mergeDim(c, s[0]);
  }
  return c;
}

const batchNormalization: OpDef = {
  opType: 'BatchNormalization',
  // At inference it is a per-channel affine, x * a + b: an element-wise kernel (runtimes fold it
  // into the conv before it, or run it with the activation after it). Training computes statistics.
  opClass: (ctx) => (bnTraining(ctx) ? 'normalization' : 'elementwise'),
  infer(ctx) {
    const x = ctx.input(0);
    const out: (Info | null)[] = [sameAsInput(ctx)];
    // Statistics outputs: [C], or the mean input's shape with spatial = 0 (opset < 9).
    const spatial = ctx.opset >= 9 || ctx.attrs.int('spatial', 1) !== 0;
    const statShape: Shape = spatial ? [bnChannels(ctx)] : copyShape(ctx.input(3)?.shape ?? ctx.input(1)?.shape);
    for (let i = 1; i < ctx.node.outputs.length; i++) {
      // From opset 14 outputs 1, 2 are the running mean / var, typed like inputs 3, 4.
      const like = ctx.opset >= 14 ? ctx.input(i + 2)?.dtype : x?.dtype;
      out.push(tensor(like ?? x?.dtype ?? null, copyShape(statShape)));
    }
    return out;
  },
  cost(ctx) {
    const n = numel(ctx.input(0)?.shape ?? null);
    const scale = ctx.input(1)?.shape;
    const c = scale ? numel(scale) : null;
    if (n === null || c === null) return null;
    return bnTraining(ctx) ? flops(8 * n + 10 * c) : flops(4 * n + 2 * c);
  },
};

// ---------------------------------------------------------------------------------------------
// Row-wise normalizations (LayerNormalization family)
// ---------------------------------------------------------------------------------------------

/** The first normalized axis (attribute `axis`, default -1), or null. */
function firstNormAxis(ctx: InferCtx, rank: number): number | null {
  return normAxis(ctx.attrs.int('axis', -1), rank);
}

/** Shape of the saved statistics: X's dims before `axis`, then 1s. */
function statsShape(ctx: InferCtx): Shape {
  const s = ctx.input(0)?.shape;
  if (!s) return null;
  const axis = firstNormAxis(ctx, s.length);
  if (axis === null) return null;
  return s.map((d, i) => (i < axis ? d : 1));
}

/** Rows a LayerNormalization-like op normalizes: product of the dims before `axis`. */
function rowCount(ctx: CostCtx): number | null {
  const s = concreteInput(ctx);
  if (!s) return null;
  const axis = firstNormAxis(ctx, s.length);
  return axis === null ? null : numel(s.slice(0, axis));
}

/** dtype of the saved statistics: `stash_type` (default float32; float64 inputs keep float64 in ORT's copies). */
function stashDtype(ctx: InferCtx, onnxSpec: boolean): DType | null {
  const code = ctx.attrs.int('stash_type');
  if (code !== undefined) return dtypeFromCode(code);
  if (!onnxSpec && ctx.input(0)?.dtype === 'float64') return 'float64';
  return 'float32';
}

interface RowNormOptions {
  domain?: string;
  /** FLOPs per element and per row of the normalization itself. */
  perElement: number;
  perRow: number;
  /** Index of the skip input (Skip* fusions), added before normalizing. */
  skip?: number;
  /** Input indices of an optional bias added with the skip, and of an optional beta added at the end. */
  bias?: number;
  beta?: number;
  /** Which outputs are statistics (shape X[:axis] + 1s), and which is the skip sum. */
  statOutputs: number[];
  sumOutput?: number;
  /** Statistics shapes are only known for the LayerNormalization forms, not the Skip* fusions. */
  statShapes: boolean;
}

function rowNormOp(opType: string, o: RowNormOptions): OpDef {
  return {
    opType,
    domain: o.domain,
    opClass: 'normalization',
    infer(ctx) {
      const out: (Info | null)[] = [sameAsInput(ctx)];
      const onnxSpec = o.domain === undefined && opType === 'LayerNormalization' && ctx.opset >= 17;
      for (const i of o.statOutputs) {
        // An output the node leaves out ('') has no tensor to describe.
        if (i < ctx.node.outputs.length && ctx.node.outputs[i] !== '') {
          out[i] = tensor(o.domain === MS ? 'float32' : stashDtype(ctx, onnxSpec), o.statShapes ? statsShape(ctx) : null);
        }
      }
      if (o.sumOutput !== undefined && o.sumOutput < ctx.node.outputs.length) out[o.sumOutput] = sameAsInput(ctx);
      return out;
    },
    cost(ctx) {
      const n = numel(ctx.input(0)?.shape ?? null);
      const rows = rowCount(ctx);
      if (n === null || rows === null) return null;
      let perElement = o.perElement;
      if (o.skip !== undefined) perElement += 1;
      if (o.bias !== undefined && ctx.has(o.bias)) perElement += 1;
      if (o.beta !== undefined && ctx.has(o.beta)) perElement += 1;
      return flops(perElement * n + o.perRow * rows);
    },
  };
}

/** Standardise (5) + scale (1); beta adds 1. */
const LN = { perElement: 6, perRow: 5 };
/** RMS: square, sum, divide, scale per element; divide, add eps, sqrt per row. */
const RMS = { perElement: 4, perRow: 3 };

// ---------------------------------------------------------------------------------------------
// Group-wise normalizations
// ---------------------------------------------------------------------------------------------

/** Cost of standardise + scale + bias over `groups` groups (plus `extra` per element). */
function groupCost(n: number | null, groups: number | null, extra = 0): OpCost | null {
  return n === null || groups === null ? null : flops((7 + extra) * n + 5 * groups);
}

const instanceNormalization: OpDef = {
  opType: 'InstanceNormalization',
  opClass: 'normalization',
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const s = concreteInput(ctx);
    if (!s || s.length < 2) return null;
    return groupCost(numel(s), s[0] * s[1]);
  },
};

const groupNormalization: OpDef = {
  opType: 'GroupNormalization',
  opClass: 'normalization',
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const s = concreteInput(ctx);
    const g = ctx.attrs.int('num_groups');
    if (!s || s.length < 1 || g === undefined) return null;
    return groupCost(numel(s), s[0] * g);
  },
};

/** com.microsoft GroupNorm / SkipGroupNorm (NHWC by default); `activation` 1 adds SiLU (5 per element). */
function msGroupNorm(opType: string, skip: boolean): OpDef {
  return {
    opType,
    domain: MS,
    opClass: 'normalization',
    infer(ctx) {
      const out: (Info | null)[] = [sameAsInput(ctx)];
      if (skip && ctx.node.outputs.length > 1) out.push(sameAsInput(ctx));
      return out;
    },
    cost(ctx) {
      const s = concreteInput(ctx);
      const g = ctx.attrs.int('groups');
      if (!s || s.length < 1 || g === undefined) return null;
      let extra = ctx.attrs.int('activation', 0) === 1 ? 5 : 0;
      if (skip) extra += 1 + (ctx.has(4) ? 1 : 0);
      return groupCost(numel(s), s[0] * g, extra);
    },
  };
}

const lpNormalization: OpDef = {
  opType: 'LpNormalization',
  opClass: 'normalization',
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const s = concreteInput(ctx);
    if (!s) return null;
    const axis = normAxis(ctx.attrs.int('axis', -1), s.length);
    if (axis === null) return null;
    const n = numel(s)!;
    const rows = s[axis] === 0 ? 0 : n / s[axis];
    return flops(3 * n + (ctx.attrs.int('p', 2) === 2 ? rows : 0));
  },
};

const meanVarianceNormalization: OpDef = {
  opType: 'MeanVarianceNormalization',
  opClass: 'normalization',
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const s = concreteInput(ctx);
    if (!s) return null;
    const axes = ctx.attrs.ints('axes') ?? [0, 2, 3];
    let groupSize = 1;
    for (const a of new Set(axes.map((x) => normAxis(x, s.length)))) {
      if (a === null) return null;
      groupSize *= s[a];
    }
    const n = numel(s)!;
    return flops(5 * n + 6 * (groupSize === 0 ? 0 : n / groupSize));
  },
};

const lrn: OpDef = {
  opType: 'LRN',
  opClass: 'normalization',
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const n = numel(ctx.input(0)?.shape ?? null);
    const size = ctx.attrs.int('size');
    return n === null || size === undefined ? null : flops((size + 4) * n);
  },
};

export const ops: OpDef[] = [
  batchNormalization,
  instanceNormalization,
  // ONNX 17+, and ONNX Runtime's contrib copy that used the default domain at opsets 1-16.
  rowNormOp('LayerNormalization', { ...LN, beta: 2, statOutputs: [1, 2], statShapes: true }),
  groupNormalization,
  rowNormOp('RMSNormalization', { ...RMS, statOutputs: [], statShapes: true }),
  // ONNX Runtime registers SimplifiedLayerNormalization in the default domain; some exporters use com.microsoft.
  rowNormOp('SimplifiedLayerNormalization', { ...RMS, statOutputs: [1], statShapes: true }),
  rowNormOp('SimplifiedLayerNormalization', { ...RMS, domain: MS, statOutputs: [1], statShapes: true }),
  rowNormOp('SkipLayerNormalization', {
    ...LN,
    domain: MS,
    skip: 1,
    beta: 3,
    bias: 4,
    statOutputs: [1, 2],
    sumOutput: 3,
    statShapes: false,
  }),
  rowNormOp('SkipSimplifiedLayerNormalization', {
    ...RMS,
    domain: MS,
    skip: 1,
    bias: 3,
    statOutputs: [1, 2],
    sumOutput: 3,
    statShapes: false,
  }),
  msGroupNorm('GroupNorm', false),
  msGroupNorm('SkipGroupNorm', true),
  lpNormalization,
  meanVarianceNormalization,
  lrn,
];

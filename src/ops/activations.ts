/**
 * Activation family: pointwise non-linearities, the softmax family, and the com.microsoft
 * activation fusions. Every output has its (first) input's shape and dtype, except
 * BiasSplitGelu, which halves the last dim.
 *
 * FLOP counts (every arithmetic operation of the defining formula counts 1 per element it is
 * applied to, a transcendental function counts 1, a comparison counts 1). Where the formula
 * has two branches, the costlier branch is counted. "out" is the number of output elements,
 * "rows" the number of softmax rows (out / length of the reduced axis, or of the flattened
 * trailing dims before opset 13).
 *
 * | operator                 | FLOPs per element | formula                                           |
 * |--------------------------|-------------------|---------------------------------------------------|
 * | Relu                     | 1                 | max(x, 0)                                         |
 * | LeakyRelu                | 2                 | x < 0 ? alpha * x : x                             |
 * | PRelu                    | 2                 | x < 0 ? slope * x : x                             |
 * | ThresholdedRelu          | 1                 | x > alpha ? x : 0                                 |
 * | Elu                      | 4                 | x < 0 ? alpha * (exp(x) - 1) : x                  |
 * | Selu                     | 5                 | gamma * (x <= 0 ? alpha * exp(x) - alpha : x)     |
 * | Celu                     | 7                 | max(0, x) + min(0, alpha * (exp(x / alpha) - 1))  |
 * | Sigmoid                  | 4                 | 1 / (1 + exp(-x))                                 |
 * | HardSigmoid              | 4                 | max(0, min(1, alpha * x + beta))                  |
 * | HardSwish                | 5                 | x * max(0, min(1, x / 6 + 1/2))                   |
 * | Tanh                     | 1                 | tanh(x)                                           |
 * | Softplus                 | 3                 | log(exp(x) + 1)                                   |
 * | Softsign                 | 3                 | x / (1 + abs(x))                                  |
 * | Mish                     | 5                 | x * tanh(log(exp(x) + 1))                         |
 * | Shrink                   | 3                 | x < -lambd ? x + bias : x > lambd ? x - bias : 0  |
 * | Swish, QuickGelu (ms)    | 6                 | x * sigmoid(alpha * x)                            |
 * | SwiGLU                   | 7                 | a * sigmoid(alpha * a) * b                        |
 * | Gelu, Gelu (ms)          | 5                 | 0.5 * x * (1 + erf(x / sqrt(2)))                  |
 * | Gelu approximate=tanh    | 9                 | 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3))) |
 * | FastGelu (ms)            | 9 (+1 with bias)  | the tanh form, after x + bias                     |
 * | BiasGelu (ms)            | 6                 | gelu(a + b)                                       |
 * | BiasSplitGelu (ms)       | 8                 | per output element: 2 bias adds (the input is     |
 * |                          |                   | twice as wide), gelu (5), the multiply            |
 * | Softmax                  | 5                 | max, subtract, exp, sum, divide                   |
 * | LogSoftmax               | 5 + 1 per row     | max, subtract, exp, sum, subtract; log per row    |
 * | Hardmax                  | 1                 | one comparison per element (the argmax)           |
 * | BiasSoftmax (ms)         | 6                 | data + bias, then softmax                         |
 */
import type { Dim, Shape } from '../graph/model.js';
import { tensor } from '../graph/info.js';
import { isConcrete, mergeDim, numel } from '../graph/shape.js';
import type { CostCtx, OpDef } from './types.js';
import { outputElements, perOutputElement } from './common.js';
import { copyShape, unaryOp } from './elementwise.js';

const MS = 'com.microsoft';

/** Number of softmax rows of the input, or null when its shape is not known. */
export function softmaxRows(ctx: CostCtx): number | null {
  const s = ctx.input(0)?.shape;
  if (!s || !isConcrete(s)) return null;
  const n = numel(s)!;
  const rank = s.length;
  if (rank === 0) return n;
  // Before opset 13 the input is coerced to 2-D at `axis` (default 1, which may equal the rank).
  const legacy = ctx.opset < 13;
  let axis = ctx.attrs.int('axis', legacy ? 1 : -1);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis > rank || (!legacy && axis === rank)) return null;
  const rowLen = legacy ? numel(s.slice(axis))! : s[axis];
  return rowLen === 0 ? 0 : n / rowLen;
}

function logSoftmaxCost(ctx: CostCtx) {
  const n = outputElements(ctx);
  const rows = softmaxRows(ctx);
  return n === null || rows === null ? null : { macs: 0, flops: 5 * n + rows, coreMacs: 0 };
}

/** Gelu's count for its `approximate` attribute ('none' by default). */
function geluFlops(ctx: CostCtx): number {
  return ctx.attrs.string('approximate', 'none') === 'tanh' ? 9 : 5;
}

/** Dims both shapes agree on (SwiGLU: the inputs must have identical shapes). */
function mergeShapes(a: Shape | undefined, b: Shape | undefined): Shape {
  if (!a) return copyShape(b);
  if (!b || a.length !== b.length) return [...a];
  return a.map((d, i) => mergeDim(d, b[i]));
}

const swiglu: OpDef = {
  opType: 'SwiGLU',
  opClass: 'elementwise',
  infer(ctx) {
    const a = ctx.input(0);
    const b = ctx.input(1);
    return [tensor(a?.dtype ?? b?.dtype ?? null, mergeShapes(a?.shape, b?.shape))];
  },
  cost(ctx) {
    return perOutputElement(ctx, 7);
  },
};

/** com.microsoft BiasSplitGelu: X (N, S, D) + bias (D), split in halves, left * gelu(right): (N, S, D/2). */
const biasSplitGelu: OpDef = {
  opType: 'BiasSplitGelu',
  domain: MS,
  opClass: 'elementwise',
  infer(ctx) {
    const x = ctx.input(0);
    const s = x?.shape;
    const bias = ctx.input(1)?.shape;
    let shape: Shape = null;
    if (s && s.length === 3) {
      const d: Dim = bias?.length === 1 && typeof bias[0] === 'number' ? bias[0] : s[2];
      shape = [s[0], s[1], typeof d === 'number' && d % 2 === 0 ? d / 2 : null];
    }
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost(ctx) {
    return perOutputElement(ctx, 8);
  },
};

export const ops: OpDef[] = [
  unaryOp('Relu', 1),
  unaryOp('LeakyRelu', 2),
  // PRelu's slope broadcasts onto X (unidirectionally): the output is X's shape.
  unaryOp('PRelu', 2),
  unaryOp('ThresholdedRelu', 1),
  unaryOp('Elu', 4),
  unaryOp('Selu', 5),
  unaryOp('Celu', 7),
  unaryOp('Sigmoid', 4),
  unaryOp('HardSigmoid', 4),
  unaryOp('HardSwish', 5),
  unaryOp('Tanh', 1),
  unaryOp('Softplus', 3),
  unaryOp('Softsign', 3),
  unaryOp('Mish', 5),
  unaryOp('Shrink', 3),
  unaryOp('Swish', 6),
  swiglu,
  unaryOp('Gelu', geluFlops),
  // The softmax family runs row-wise (a reduction, then a pass over the row), as normalisations do.
  unaryOp('Softmax', 5, { opClass: 'normalization' }),
  {
    ...unaryOp('LogSoftmax', 5, { opClass: 'normalization' }),
    cost: logSoftmaxCost,
  },
  unaryOp('Hardmax', 1, { opClass: 'normalization' }),
  unaryOp('Gelu', 5, { domain: MS }),
  unaryOp('FastGelu', (ctx) => (ctx.has(1) ? 10 : 9), { domain: MS }),
  unaryOp('BiasGelu', 6, { domain: MS }),
  unaryOp('QuickGelu', 6, { domain: MS }),
  unaryOp('BiasSoftmax', 6, { domain: MS, opClass: 'normalization' }),
  biasSplitGelu,
];

/**
 * TFLite reductions and normalizations: MEAN, SUM, REDUCE_MAX / MIN / PROD / ANY / ALL (input,
 * axis tensor, keep_dims), ARG_MAX / ARG_MIN (input, axis tensor, output_type), SOFTMAX,
 * LOG_SOFTMAX (last axis), L2_NORMALIZATION (last axis), LOCAL_RESPONSE_NORMALIZATION (last
 * axis, window 2·radius + 1). Each runs the ONNX rule of the same operation, so the counts are
 * src/ops/reduce.ts's, activations.ts's and normalization.ts's ("in" input elements, "out"
 * output elements, G rows of the last axis):
 *
 * | operator                      | FLOPs                        | as ONNX                  |
 * |-------------------------------|------------------------------|--------------------------|
 * | SUM REDUCE_MAX REDUCE_MIN     | in                           | ReduceSum / Max / Min    |
 * | REDUCE_PROD REDUCE_ANY REDUCE_ALL | in                       | ReduceProd / Max / Min   |
 * | MEAN                          | in + out                     | ReduceMean               |
 * | ARG_MAX ARG_MIN               | in                           | ArgMax / ArgMin          |
 * | SOFTMAX                       | 5 x out                      | Softmax                  |
 * | LOG_SOFTMAX                   | 5 x out + G                  | LogSoftmax               |
 * | L2_NORMALIZATION              | 3 x in + G (+ fused)         | LpNormalization p = 2    |
 * | LOCAL_RESPONSE_NORMALIZATION  | (2·radius + 1 + 4) x in      | LRN                      |
 */
import { tensor } from '../../graph/info.js';
import { normAxis, numel } from '../../graph/shape.js';
import { ops as reduce } from '../reduce.js';
import { ops as activations } from '../activations.js';
import { ops as normalization } from '../normalization.js';
import { knownInts, type InferCtx, type OpDef } from '../types.js';
import { delegate, int, noValues, onnxDef, TFL, tflDtype } from './common.js';

const keep = (ctx: InferCtx) => ({ attrs: { keepdims: int(ctx.attrs.int('keep_dims', 0) !== 0 ? 1 : 0) } });

const REDUCTIONS: [string, string, boolean][] = [
  ['MEAN', 'ReduceMean', true],
  ['SUM', 'ReduceSum', true],
  ['REDUCE_MAX', 'ReduceMax', true],
  ['REDUCE_MIN', 'ReduceMin', true],
  ['REDUCE_PROD', 'ReduceProd', true],
  ['REDUCE_ANY', 'ReduceMax', false],
  ['REDUCE_ALL', 'ReduceMin', false],
];

function argDef(opType: string): OpDef {
  const axisOf = (ctx: InferCtx): number | null => {
    const a = knownInts(ctx.input(1));
    const rank = ctx.input(0)?.shape?.length;
    if (!a || a.length !== 1 || rank === undefined) return null;
    return normAxis(a[0], rank);
  };
  return {
    opType,
    domain: TFL,
    opClass: 'reduction',
    infer(ctx) {
      const xs = ctx.input(0)?.shape ?? null;
      const axis = axisOf(ctx);
      const dt = tflDtype(ctx.attrs.string('output_type'));
      const dtype = dt === 'int32' || dt === 'int64' ? dt : null;
      if (!xs) return [tensor(dtype, null)];
      if (axis === null) return [tensor(dtype, xs.length > 0 ? new Array(xs.length - 1).fill(null) : null)];
      return [
        tensor(
          dtype,
          xs.filter((_, i) => i !== axis),
        ),
      ];
    },
    cost(ctx) {
      const n = numel(ctx.input(0)?.shape ?? null);
      return n === null ? null : { macs: 0, flops: n, coreMacs: 0 };
    },
  };
}

export const ops: OpDef[] = [
  ...REDUCTIONS.map(([name, onnx, values]) => delegate(name, onnxDef(reduce, onnx), { view: keep, fused: false, ...(values ? {} : { outputs: noValues }) })),
  argDef('ARG_MAX'),
  argDef('ARG_MIN'),
  delegate('SOFTMAX', onnxDef(activations, 'Softmax'), { fused: false }),
  delegate('LOG_SOFTMAX', onnxDef(activations, 'LogSoftmax'), { fused: false }),
  delegate('L2_NORMALIZATION', onnxDef(normalization, 'LpNormalization'), { view: () => ({ attrs: { p: int(2), axis: int(-1) } }) }),
  delegate('LOCAL_RESPONSE_NORMALIZATION', onnxDef(normalization, 'LRN'), {
    fused: false,
    view: (ctx) => ({ attrs: { size: int(2 * ctx.attrs.int('radius', 5) + 1) } }),
  }),
];

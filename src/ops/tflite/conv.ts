/**
 * TFLite convolutions: CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV, CONV_3D, CONV_3D_TRANSPOSE.
 *
 * Layouts (activations NHWC / NDHWC):
 *   CONV_2D            x [N, H, W, Cin], filter OHWI [Cout, KH, KW, Cin/groups], bias [Cout]; groups = Cin / filter[3]
 *   DEPTHWISE_CONV_2D  x [N, H, W, C], filter [1, KH, KW, C·m] (m = depth_multiplier), bias [C·m]
 *   TRANSPOSE_CONV     output_shape [4] (int32), filter [Cout, KH, KW, Cin/groups], x [N, H, W, Cin], bias [Cout]
 *   CONV_3D            x [N, D, H, W, Cin], filter [KD, KH, KW, Cin, Cout], bias [Cout]
 *   CONV_3D_TRANSPOSE  output_shape [5], filter [KD, KH, KW, Cout, Cin], x [N, D, H, W, Cin], bias [Cout]
 *
 * Shapes: SAME out = ceil(in / stride); VALID out = ceil((in - (k - 1)·d) / stride). Transposed:
 * the output_shape input when its value is known, else SAME in·stride, VALID (in - 1)·stride + (k - 1)·d + 1.
 *
 * Costs are the ONNX rules' (src/ops/conv.ts), so an architecture counts the same in both formats
 * (|Y| output elements, |X| input elements, K = kernel volume):
 *
 * | operator           | MACs (all core)             | FLOPs                                            |
 * |--------------------|-----------------------------|--------------------------------------------------|
 * | CONV_2D            | |Y| x filter[3] x KH·KW     | 2 x MACs + |Y| if bias + |Y| x fused activation  |
 * | DEPTHWISE_CONV_2D  | |Y| x KH·KW                 | same                                             |
 * | TRANSPOSE_CONV     | |X| x (Cout/groups) x KH·KW | same                                             |
 * | CONV_3D            | |Y| x Cin x KD·KH·KW        | same                                             |
 * | CONV_3D_TRANSPOSE  | |X| x Cout x KD·KH·KW       | same                                             |
 *
 * Classes as src/ops/conv.ts decides them: 'depthwise' when each group has one input channel
 * (groups > 1), 'grouped' for other groups > 1, 'conv-1x1' for a 1x1 kernel, 'conv-3d' for a
 * 3-D kernel, else 'conv'; the transposed ones 'conv-transpose'. Quantized int32 biases are
 * params (`int32Weights`).
 */
import type { Dim, Shape } from '../../graph/model.js';
import { tensor } from '../../graph/info.js';
import { numel } from '../../graph/shape.js';
import type { OpClass } from '../../devices/op-class.js';
import { coreCost } from '../common.js';
import { kernelVolume, windowOutput } from '../conv.js';
import { knownInts, type CostCtx, type InferCtx, type OpDef } from '../types.js';
import { fusedFlops, numbers, shapeFrom, TFL, tflWindow } from './common.js';

interface Layout {
  x: number;
  w: number;
  bias: number;
  /** Spatial rank. */
  n: 2 | 3;
  /** Kernel dims of the filter shape. */
  kernel(w: readonly Dim[]): Dim[];
}

const CONV2D: Layout = { x: 0, w: 1, bias: 2, n: 2, kernel: (w) => w.slice(1, 3) };
const CONV3D: Layout = { x: 0, w: 1, bias: 2, n: 3, kernel: (w) => w.slice(0, 3) };
const TCONV2D: Layout = { x: 2, w: 1, bias: 3, n: 2, kernel: (w) => w.slice(1, 3) };
const TCONV3D: Layout = { x: 2, w: 1, bias: 3, n: 3, kernel: (w) => w.slice(0, 3) };

function filter(ctx: InferCtx, lay: Layout): Dim[] | null {
  const w = ctx.input(lay.w)?.shape;
  return w && w.length === lay.n + 2 ? w : null;
}

function kernelOf(ctx: InferCtx, lay: Layout): number[] | null {
  const w = filter(ctx, lay);
  return w ? numbers(lay.kernel(w)) : null;
}

function strides(ctx: InferCtx, n: 2 | 3): number[] {
  const a = ctx.attrs;
  const hw = [a.int('stride_h', 1), a.int('stride_w', 1)];
  return n === 2 ? hw : [a.int('stride_d', 1), ...hw];
}

function dilations(ctx: InferCtx, n: 2 | 3): number[] {
  const a = ctx.attrs;
  const hw = [a.int('dilation_h_factor', 1), a.int('dilation_w_factor', 1)];
  return n === 2 ? hw : [a.int('dilation_d_factor', 1), ...hw];
}

/** Output spatial dims of a forward convolution. */
function spatialOut(ctx: InferCtx, lay: Layout, xs: Shape): Dim[] {
  const spatial = xs && xs.length === lay.n + 2 ? xs.slice(1, -1) : new Array<Dim>(lay.n).fill(null);
  const kernel = kernelOf(ctx, lay);
  const win = kernel ? tflWindow(ctx.attrs.string('padding', 'SAME'), kernel, strides(ctx, lay.n), dilations(ctx, lay.n)) : null;
  return win ? windowOutput(win, spatial) : spatial.map(() => null);
}

/** Output channels of a forward conv: filter[0] (2-D), filter[4] (3-D), depthwise filter[3]. */
function forwardDef(
  opType: string,
  lay: Layout,
  cout: (w: Dim[]) => Dim,
  cinPerGroup: (ctx: InferCtx, w: Dim[]) => Dim,
  opClass: (ctx: InferCtx) => OpClass,
): OpDef {
  return {
    opType,
    domain: TFL,
    int32Weights: [lay.bias],
    opClass,
    infer(ctx) {
      const x = ctx.input(lay.x);
      const xs = x?.shape ?? null;
      const w = filter(ctx, lay);
      if (!xs && !w) return [tensor(x?.dtype ?? null, null)];
      const batch = xs && xs.length === lay.n + 2 ? xs[0] : null;
      return [tensor(x?.dtype ?? null, [batch, ...spatialOut(ctx, lay, xs), w ? cout(w) : null])];
    },
    cost(ctx) {
      const y = numel(ctx.output(0)?.shape ?? null);
      const w = filter(ctx, lay);
      const kernel = kernelOf(ctx, lay);
      const cin = w ? cinPerGroup(ctx, w) : null;
      if (y === null || !kernel || typeof cin !== 'number') return null;
      return coreCost(y * cin * kernelVolume(kernel), biasFlops(ctx, lay, y) + fusedFlops(ctx));
    },
  };
}

function biasFlops(ctx: CostCtx, lay: Layout, y: number): number {
  return ctx.has(lay.bias) ? y : 0;
}

/** CONV_2D's groups: input channels / filter[3] (1 when unknown). */
function convGroups(ctx: InferCtx): number | null {
  const c = ctx.input(0)?.shape?.[3];
  const per = filter(ctx, CONV2D)?.[3];
  if (typeof c !== 'number' || typeof per !== 'number' || per <= 0 || c % per !== 0) return null;
  return c / per;
}

function conv2dClass(ctx: InferCtx): OpClass {
  const groups = convGroups(ctx) ?? 1;
  const per = filter(ctx, CONV2D)?.[3];
  if (groups > 1) return per === 1 ? 'depthwise' : 'grouped';
  const k = kernelOf(ctx, CONV2D);
  return k && k.every((d) => d === 1) ? 'conv-1x1' : 'conv';
}

function depthwiseClass(ctx: InferCtx): OpClass {
  // The ONNX form is Conv with group = C and one input channel per group.
  const c = ctx.input(0)?.shape?.[3];
  if (c !== 1) return 'depthwise';
  const k = kernelOf(ctx, CONV2D);
  return k && k.every((d) => d === 1) ? 'conv-1x1' : 'conv';
}

function conv3dClass(ctx: InferCtx): OpClass {
  const k = kernelOf(ctx, CONV3D);
  return k && k.every((d) => d === 1) ? 'conv-1x1' : 'conv-3d';
}

// ---------------------------------------------------------------------------------------------
// Transposed

function transposedDef(opType: string, lay: Layout, coutOf: (w: Dim[]) => Dim, cinOf: (w: Dim[]) => Dim): OpDef {
  const rank = lay.n + 2;
  return {
    opType,
    domain: TFL,
    int32Weights: [lay.bias],
    opClass: 'conv-transpose',
    infer(ctx) {
      const x = ctx.input(lay.x);
      const given = knownInts(ctx.input(0));
      if (given && given.length === rank) return [tensor(x?.dtype ?? null, shapeFrom(given))];
      const xs = x?.shape && x.shape.length === rank ? x.shape : null;
      const w = filter(ctx, lay);
      const kernel = kernelOf(ctx, lay);
      const st = strides(ctx, lay.n);
      const dl = dilations(ctx, lay.n);
      const same = ctx.attrs.string('padding', 'SAME') === 'SAME';
      const spatial = (xs ? xs.slice(1, -1) : new Array<Dim>(lay.n).fill(null)).map((d, i) => {
        if (typeof d !== 'number') return null;
        if (same) return d * st[i];
        return kernel ? (d - 1) * st[i] + (kernel[i] - 1) * dl[i] + 1 : null;
      });
      return [tensor(x?.dtype ?? null, [xs ? xs[0] : null, ...spatial, w ? coutOf(w) : null])];
    },
    cost(ctx) {
      const x = ctx.input(lay.x)?.shape ?? null;
      const xe = numel(x);
      const w = filter(ctx, lay);
      const kernel = kernelOf(ctx, lay);
      if (xe === null || !w || !kernel || !x) return null;
      const cout = coutOf(w);
      const cinPer = cinOf(w);
      const cin = x[x.length - 1];
      if (typeof cout !== 'number' || typeof cinPer !== 'number' || typeof cin !== 'number' || cinPer <= 0 || cin % cinPer !== 0) return null;
      // Every input element is scattered through the kernel into Cout/groups output channels.
      const groups = cin / cinPer;
      const y = numel(ctx.output(0)?.shape ?? null) ?? 0;
      if (groups === 0 || cout % groups !== 0) return null;
      return coreCost(xe * (cout / groups) * kernelVolume(kernel), biasFlops(ctx, lay, y) + fusedFlops(ctx));
    },
  };
}

export const ops: OpDef[] = [
  forwardDef(
    'CONV_2D',
    CONV2D,
    (w) => w[0],
    (_ctx, w) => w[3],
    conv2dClass,
  ),
  forwardDef(
    'DEPTHWISE_CONV_2D',
    CONV2D,
    (w) => w[3],
    () => 1,
    depthwiseClass,
  ),
  forwardDef(
    'CONV_3D',
    CONV3D,
    (w) => w[4],
    (_ctx, w) => w[3],
    conv3dClass,
  ),
  transposedDef(
    'TRANSPOSE_CONV',
    TCONV2D,
    (w) => w[0],
    (w) => w[3],
  ),
  transposedDef(
    'CONV_3D_TRANSPOSE',
    TCONV3D,
    (w) => w[3],
    (w) => w[4],
  ),
];

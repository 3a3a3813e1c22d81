/**
 * Convolution family: Conv, ConvTranspose, ConvInteger, QLinearConv, DeformConv, Col2Im, and the
 * com.microsoft fused / NHWC / quantized convolutions.
 *
 * Cost conventions (N batch, Cin/Cout channels, K = kernel volume = prod(kernel_shape),
 * |Y| output elements, |X| input elements, |W| weight elements):
 *
 * | operator                  | MACs (all core)                         | FLOPs                                              |
 * |---------------------------|-----------------------------------------|----------------------------------------------------|
 * | Conv                      | |Y| x (Cin/group) x K                   | 2 x MACs + |Y| if bias B is present                |
 * | ConvTranspose             | |X| x (Cout/group) x K  (= N·Cin·prod(in spatial)·(Cout/group)·K) | 2 x MACs + |Y| if bias |
 * | ConvInteger               | as Conv                                 | 2 x MACs + |X| if x_zero_point + |W| if w_zero_point (the `x - zp` subtractions) |
 * | QLinearConv (ai.onnx, ms) | as Conv                                 | 2 x MACs + |X| + |W| (zero-point subtractions) + |Y| if bias + 4·|Y| requantize (scale multiply, round, + zero point, saturate) |
 * | DeformConv                | as Conv                                 | 2 x MACs + |Y| if bias + S x (7 + 1 if mask), S = N·Cin·K·prod(out spatial) bilinear samples, 7 = 4 multiplies + 3 adds per sample, +1 mask multiply |
 * | Col2Im                    | 0                                       | |X| (each column element is added into the image)   |
 * | FusedConv, NhwcFusedConv  | as Conv                                 | Conv FLOPs + |Y| if Z (sum input) + |Y| x activation cost (table in rnn.ts) |
 * | NhwcConv                  | as Conv                                 | as Conv                                            |
 *
 * Shapes follow ONNX's convPoolShapeInference: explicit pads, or auto_pad SAME_UPPER /
 * SAME_LOWER (output = ceil(in / stride)) / VALID (no padding); dilations widen the kernel to
 * (k - 1) x d + 1. The window helpers here are shared with pool.ts.
 */
import type { Dim, Shape } from '../graph/model.js';
import { tensor } from '../graph/info.js';
import { mulDims, numel, product } from '../graph/shape.js';
import { coreCost } from './common.js';
import type { OpClass } from '../devices/op-class.js';
import { knownInts, type Attrs, type CostCtx, type InferCtx, type OpDef } from './types.js';
import { activationFlops } from './rnn.js';

const MS = 'com.microsoft';

/** Requantizing an accumulator: multiply by the combined scale, round, add zero point, saturate. */
export const REQUANTIZE_FLOPS = 4;

/** FLOPs of one bilinear sample: 4 neighbour weights multiplied and 3 adds. */
export const BILINEAR_FLOPS = 7;

// ---------------------------------------------------------------------------------------------
// Sliding-window geometry (shared with pool.ts)

/** Window attributes of a conv / pool node, resolved for `n` spatial axes. */
export interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Explicit pads [x1_begin, x2_begin, ..., x1_end, x2_end, ...], or null when auto_pad decides. */
  pads: number[] | null;
  autoPad: string;
  ceil: boolean;
}

/** Reads strides / dilations / pads / auto_pad / ceil_mode for `n` spatial axes (defaults 1 / 0). */
export function readWindow(attrs: Attrs, n: number, kernel: number[], useDilation = true): Window | null {
  if (kernel.length !== n) return null;
  const strides = attrs.ints('strides') ?? new Array<number>(n).fill(1);
  const dilations = (useDilation ? attrs.ints('dilations') : undefined) ?? new Array<number>(n).fill(1);
  const pads = attrs.ints('pads') ?? null;
  if (strides.length !== n || dilations.length !== n) return null;
  if (pads !== null && pads.length !== 2 * n) return null;
  if (strides.some((s) => s <= 0) || dilations.some((d) => d <= 0) || kernel.some((k) => k <= 0)) return null;
  return { kernel, strides, dilations, pads, autoPad: attrs.string('auto_pad', 'NOTSET'), ceil: attrs.int('ceil_mode', 0) !== 0 };
}

/** Effective extent of a dilated kernel along one axis. */
function effKernel(w: Window, i: number): number {
  return (w.kernel[i] - 1) * w.dilations[i] + 1;
}

/** Begin and end padding along axis i for a known input size (ONNX convPoolShapeInference). */
function axisPads(w: Window, i: number, input: number): [number, number] {
  if (w.autoPad === 'VALID') return [0, 0];
  if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') {
    const stride = w.strides[i];
    const residual = input % stride;
    const total = Math.max(0, residual === 0 ? effKernel(w, i) - stride : effKernel(w, i) - residual);
    const small = total >> 1;
    const big = total - small;
    return w.autoPad === 'SAME_UPPER' ? [small, big] : [big, small];
  }
  if (w.pads) return [w.pads[i], w.pads[i + w.kernel.length]];
  return [0, 0];
}

/** Output size along spatial axis i; symbolic inputs survive only where the size is provably the input's. */
function axisOut(w: Window, i: number, input: Dim): Dim {
  if (typeof input !== 'number') {
    // A symbol passes through unchanged when stride 1 and padding exactly compensates the kernel.
    if (typeof input === 'string' && w.strides[i] === 1 && !w.ceil) {
      if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') return input;
      if (w.autoPad !== 'VALID' && w.pads && w.pads[i] + w.pads[i + w.kernel.length] === effKernel(w, i) - 1) return input;
      if (w.autoPad !== 'VALID' && !w.pads && effKernel(w, i) === 1) return input;
    }
    return null;
  }
  const [pb, pe] = axisPads(w, i, input);
  const stride = w.strides[i];
  let numerator = input + pb + pe - effKernel(w, i);
  if (w.ceil) numerator += stride - 1;
  let out = Math.floor(numerator / stride) + 1;
  // PyTorch / ONNX: a window that would start in the right padding is dropped in ceil mode.
  if (w.ceil && (out - 1) * stride >= input + pb) out -= 1;
  return out >= 0 ? out : null;
}

/** Output spatial dims of a sliding window over `spatial`. */
export function windowOutput(w: Window, spatial: Dim[]): Dim[] {
  return spatial.map((d, i) => axisOut(w, i, d));
}

/** Kernel volume (product of kernel_shape). */
export function kernelVolume(kernel: number[]): number {
  return kernel.reduce((a, b) => a * b, 1);
}

// ---------------------------------------------------------------------------------------------
// Layout helpers

/** NHWC (channels last) shape to NCHW. */
export function toChannelsFirst(shape: Shape): Shape {
  if (!shape || shape.length < 2) return shape;
  return [shape[0], shape[shape.length - 1], ...shape.slice(1, -1)];
}

/** NCHW shape to NHWC (channels last). */
export function toChannelsLast(shape: Shape): Shape {
  if (!shape || shape.length < 2) return shape;
  return [shape[0], ...shape.slice(2), shape[1]];
}

// ---------------------------------------------------------------------------------------------
// Conv

/** Where a conv-like operator finds its operands. */
interface ConvLayout {
  x: number;
  w: number;
  /** Bias input index, or -1 when the operator has none. */
  bias: number;
  channelsLast?: (attrs: Attrs) => boolean;
}

/** Kernel shape from the attribute or from the weight's dims 2.., as known numbers. */
function convKernel(attrs: Attrs, ws: Shape | undefined): number[] | null {
  const k = attrs.ints('kernel_shape');
  if (k) return k;
  if (!ws || ws.length < 3) return null;
  const dims = ws.slice(2);
  return dims.every((d): d is number => typeof d === 'number') ? dims : null;
}

/** Spatial rank: from the input, else the weight, else the kernel_shape attribute. */
function spatialRank(x: Shape, w: Shape, attrs: Attrs): number | null {
  if (x) return x.length - 2;
  if (w) return w.length - 2;
  return attrs.ints('kernel_shape')?.length ?? null;
}

/** NCHW output shape of a (forward) convolution, as far as it is known. */
function convShapeNCHW(x: Shape, w: Shape, attrs: Attrs): Shape {
  const n = spatialRank(x, w, attrs);
  if (n === null || n < 1) return null;
  const batch: Dim = x ? x[0] : null;
  const cout: Dim = w ? w[0] : null;
  const kernel = convKernel(attrs, w);
  const win = kernel ? readWindow(attrs, n, kernel) : null;
  const spatial = x && win ? windowOutput(win, x.slice(2)) : new Array<Dim>(n).fill(null);
  return [batch, cout, ...spatial];
}

/** Output shape of a conv-like node, honouring channels_last where the operator has it. */
function convOutShape(ctx: InferCtx, lay: ConvLayout): Shape {
  const last = lay.channelsLast?.(ctx.attrs) ?? false;
  const xs = ctx.input(lay.x)?.shape ?? null;
  const nchw = convShapeNCHW(last ? toChannelsFirst(xs) : xs, ctx.input(lay.w)?.shape ?? null, ctx.attrs);
  return last ? toChannelsLast(nchw) : nchw;
}

/** Conv MACs: |Y| x (Cin/group) x K, with Cin/group read from the weight's dim 1. */
function convMacs(ctx: CostCtx, lay: ConvLayout): number | null {
  const y = numel(ctx.output(0)?.shape ?? null);
  const w = ctx.input(lay.w)?.shape;
  const kernel = convKernel(ctx.attrs, ctx.input(lay.w)?.shape);
  let cinPerGroup: Dim = w && w.length >= 2 ? w[1] : null;
  if (typeof cinPerGroup !== 'number') {
    // Fall back on the input's channels divided by group.
    const last = lay.channelsLast?.(ctx.attrs) ?? false;
    const xs = ctx.input(lay.x)?.shape ?? null;
    const c = (last ? toChannelsFirst(xs) : xs)?.[1];
    const group = ctx.attrs.int('group', 1);
    cinPerGroup = typeof c === 'number' && group > 0 ? c / group : null;
  }
  if (y === null || kernel === null || typeof cinPerGroup !== 'number') return null;
  return y * cinPerGroup * kernelVolume(kernel);
}

/**
 * The kernel a convolution runs, from its attributes and weight: 'conv-1x1' (every kernel dim 1,
 * group 1: a GEMM over pixels), 'depthwise' (group > 1, one input channel per group), 'grouped'
 * (group > 1, several channels per group), else 'conv'. A group > 1 whose channels per group
 * are unknown is 'grouped'; a kernel that is unknown is 'conv'.
 */
function convClass(lay: ConvLayout): (ctx: InferCtx) => OpClass {
  return (ctx) => {
    const ws = ctx.input(lay.w)?.shape ?? null;
    const group = ctx.attrs.int('group', 1);
    if (group > 1) {
      let perGroup: Dim = ws && ws.length >= 2 ? ws[1] : null;
      if (typeof perGroup !== 'number') {
        const xs = ctx.input(lay.x)?.shape ?? null;
        const c = ((lay.channelsLast?.(ctx.attrs) ?? false) ? toChannelsFirst(xs) : xs)?.[1];
        perGroup = typeof c === 'number' ? c / group : null;
      }
      return perGroup === 1 ? 'depthwise' : 'grouped';
    }
    const kernel = convKernel(ctx.attrs, ws);
    if (kernel && kernel.length > 0 && kernel.every((k) => k === 1)) return 'conv-1x1';
    // Volumetric (video, medical) convolutions run other kernels than 2-D ones (no NCHWc path in
    // ONNX Runtime's CPU provider: im2col and a GEMM).
    return kernel && kernel.length === 3 ? 'conv-3d' : 'conv';
  };
}

/** Bias add FLOPs: one per output element when the bias input is present. */
function biasFlops(ctx: CostCtx, index: number): number {
  if (index < 0 || !ctx.has(index)) return 0;
  return numel(ctx.output(0)?.shape ?? null) ?? 0;
}

/** A Conv-like operator with float semantics (Conv, NhwcConv, FusedConv ...). */
function convDef(opType: string, domain: string, lay: ConvLayout, extraFlops?: (ctx: CostCtx, y: number) => number): OpDef {
  return {
    opType,
    domain,
    opClass: convClass(lay),
    infer: (ctx) => [tensor(ctx.input(lay.x)?.dtype ?? null, convOutShape(ctx, lay))],
    cost: (ctx) => {
      const macs = convMacs(ctx, lay);
      if (macs === null) return null;
      const y = numel(ctx.output(0)?.shape ?? null) ?? 0;
      return coreCost(macs, biasFlops(ctx, lay.bias) + (extraFlops ? extraFlops(ctx, y) : 0));
    },
  };
}

/** FusedConv extras: the optional Z sum input, then the activation on every output element. */
function fusedExtra(ctx: CostCtx, y: number): number {
  const act = ctx.attrs.string('activation');
  return (ctx.has(3) ? y : 0) + (act ? y * activationFlops(act) : 0);
}

// ---------------------------------------------------------------------------------------------
// ConvTranspose

/** Output spatial dims of a transposed convolution (ONNX convTransposeShapeInference). */
function convTransposeSpatial(attrs: Attrs, spatial: Dim[], kernel: number[] | null): Dim[] {
  const n = spatial.length;
  const outShape = attrs.ints('output_shape');
  if (outShape) {
    // Either the spatial sizes, or (as some exporters write) the full N, C, spatial shape.
    if (outShape.length === n) return outShape;
    if (outShape.length === n + 2) return outShape.slice(2);
    return new Array<Dim>(n).fill(null);
  }
  if (!kernel || kernel.length !== n) return new Array<Dim>(n).fill(null);
  const strides = attrs.ints('strides') ?? new Array<number>(n).fill(1);
  const dilations = attrs.ints('dilations') ?? new Array<number>(n).fill(1);
  const outPad = attrs.ints('output_padding') ?? new Array<number>(n).fill(0);
  const autoPad = attrs.string('auto_pad', 'NOTSET');
  const pads = attrs.ints('pads');
  if (strides.length !== n || dilations.length !== n || outPad.length !== n) return new Array<Dim>(n).fill(null);
  return spatial.map((d, i) => {
    if (typeof d !== 'number') return null;
    // SAME: the spec (and ONNX Runtime, and the reference implementation) fix the output at in x stride.
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return d * strides[i];
    const eff = (kernel[i] - 1) * dilations[i] + 1;
    const total = autoPad !== 'VALID' && pads && pads.length === 2 * n ? pads[i] + pads[i + n] : 0;
    const out = strides[i] * (d - 1) + outPad[i] + eff - total;
    return out >= 0 ? out : null;
  });
}

const convTranspose: OpDef = {
  opType: 'ConvTranspose',
  opClass: 'conv-transpose',
  infer: (ctx) => {
    const x = ctx.input(0);
    const w = ctx.input(1);
    const n = spatialRank(x?.shape ?? null, w?.shape ?? null, ctx.attrs);
    if (n === null || n < 1) return [tensor(x?.dtype ?? null, null)];
    const group = ctx.attrs.int('group', 1);
    const cout = mulDims(w?.shape ? w.shape[1] : null, group);
    const spatialIn = x?.shape ? x.shape.slice(2) : new Array<Dim>(n).fill(null);
    const spatial = convTransposeSpatial(ctx.attrs, spatialIn, convKernel(ctx.attrs, w?.shape));
    return [tensor(x?.dtype ?? null, [x?.shape ? x.shape[0] : null, cout, ...spatial])];
  },
  cost: (ctx) => {
    // Every input element is scattered through the kernel into Cout/group output channels.
    const xElems = numel(ctx.input(0)?.shape ?? null);
    const coutPerGroup = ctx.input(1)?.shape?.[1];
    const kernel = convKernel(ctx.attrs, ctx.input(1)?.shape);
    if (xElems === null || typeof coutPerGroup !== 'number' || kernel === null) return null;
    return coreCost(xElems * coutPerGroup * kernelVolume(kernel), biasFlops(ctx, 2));
  },
};

// ---------------------------------------------------------------------------------------------
// Quantized convolutions

const convInteger: OpDef = {
  opType: 'ConvInteger',
  opClass: convClass({ x: 0, w: 1, bias: -1 }),
  infer: (ctx) => [tensor('int32', convOutShape(ctx, { x: 0, w: 1, bias: -1 }))],
  cost: (ctx) => {
    const macs = convMacs(ctx, { x: 0, w: 1, bias: -1 });
    if (macs === null) return null;
    return coreCost(macs, zeroPointFlops(ctx, 0, 2) + zeroPointFlops(ctx, 1, 3));
  },
};

/** `x - zero_point` subtractions: |input| when its zero point is present. */
function zeroPointFlops(ctx: CostCtx, input: number, zeroPoint: number): number {
  if (!ctx.has(zeroPoint)) return 0;
  return numel(ctx.input(input)?.shape ?? null) ?? 0;
}

/** QLinearConv: x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B; output typed like y_zero_point. */
function qlinearConvDef(domain: string): OpDef {
  const lay: ConvLayout = {
    x: 0,
    w: 3,
    bias: 8,
    channelsLast: domain === MS ? (a) => a.int('channels_last', 0) !== 0 : undefined,
  };
  return {
    opType: 'QLinearConv',
    domain,
    opClass: convClass(lay),
    infer: (ctx) => [tensor(ctx.input(7)?.dtype ?? null, convOutShape(ctx, lay))],
    cost: (ctx) => {
      const macs = convMacs(ctx, lay);
      if (macs === null) return null;
      const y = numel(ctx.output(0)?.shape ?? null) ?? 0;
      const x = numel(ctx.input(0)?.shape ?? null) ?? 0;
      const w = numel(ctx.input(3)?.shape ?? null) ?? 0;
      return coreCost(macs, x + w + biasFlops(ctx, 8) + REQUANTIZE_FLOPS * y);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// DeformConv (opset 19) and Col2Im (opset 18)

const deformConv: OpDef = {
  opType: 'DeformConv',
  // Bilinear sampling of every kernel tap (im2col-like work) whatever the kernel or group: 'conv'.
  opClass: 'conv',
  infer: (ctx) => {
    const x = ctx.input(0);
    let shape = convShapeNCHW(x?.shape ?? null, ctx.input(1)?.shape ?? null, ctx.attrs);
    // The offset input [N, 2·offset_group·K, oH, oW] also carries the output's spatial size.
    const off = ctx.input(2)?.shape;
    if (shape && off && off.length === shape.length) {
      shape = shape.map((d, i) => (i >= 2 && d === null ? off[i] : d));
    }
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost: (ctx) => {
    const lay: ConvLayout = { x: 0, w: 1, bias: 3 };
    const macs = convMacs(ctx, lay);
    const x = ctx.input(0)?.shape;
    const y = ctx.output(0)?.shape ?? null;
    const kernel = convKernel(ctx.attrs, ctx.input(1)?.shape);
    if (macs === null || !x || !y || !kernel) return null;
    const samples = product([x[0], x[1], ...y.slice(2)]);
    if (typeof samples !== 'number') return null;
    const perSample = BILINEAR_FLOPS + (ctx.has(4) ? 1 : 0);
    return coreCost(macs, biasFlops(ctx, 3) + samples * kernelVolume(kernel) * perSample);
  },
};

const col2Im: OpDef = {
  opType: 'Col2Im',
  // Adds each column element into its place in the image: a scatter.
  opClass: 'data-movement',
  infer: (ctx) => {
    const x = ctx.input(0);
    const image = knownInts(ctx.input(1));
    const block = knownInts(ctx.input(2));
    const n = image?.length ?? block?.length ?? ctx.input(1)?.shape?.[0] ?? ctx.input(2)?.shape?.[0];
    if (typeof n !== 'number') return [tensor(x?.dtype ?? null, null)];
    const xs = x?.shape && x.shape.length === 3 ? x.shape : null;
    const blockVol = block ? kernelVolume(block) : null;
    const c = xs && typeof xs[1] === 'number' && blockVol ? xs[1] / blockVol : null;
    const spatial: Dim[] = image ? image : new Array<Dim>(n).fill(null);
    return [tensor(x?.dtype ?? null, [xs ? xs[0] : null, c, ...spatial])];
  },
  cost: (ctx) => {
    const x = numel(ctx.input(0)?.shape ?? null);
    return x === null ? null : { macs: 0, flops: x, coreMacs: 0 };
  },
};

// ---------------------------------------------------------------------------------------------

const nhwc = (): boolean => true;

export const ops: OpDef[] = [
  convDef('Conv', '', { x: 0, w: 1, bias: 2 }),
  convTranspose,
  convInteger,
  qlinearConvDef(''),
  qlinearConvDef(MS),
  deformConv,
  col2Im,
  convDef('FusedConv', MS, { x: 0, w: 1, bias: 2 }, fusedExtra),
  convDef('NhwcConv', MS, { x: 0, w: 1, bias: 2, channelsLast: nhwc }),
  convDef('NhwcFusedConv', MS, { x: 0, w: 1, bias: 2, channelsLast: nhwc }, fusedExtra),
];

/**
 * Pooling family: MaxPool, AveragePool, LpPool, their Global forms, MaxRoiPool, RoiAlign,
 * MaxUnpool (ai.onnx) and com.microsoft NhwcMaxPool.
 *
 * Pooling has no MACs. FLOPs per output element, K = kernel volume (prod(kernel_shape)) or,
 * for the Global forms, the input's spatial volume:
 *
 * | operator                   | FLOPs per output element                 | formula                          |
 * |----------------------------|------------------------------------------|----------------------------------|
 * | MaxPool, GlobalMaxPool     | K                                        | K comparisons                    |
 * | AveragePool, GlobalAveragePool | K + 1                                | K adds, 1 divide                 |
 * | LpPool, GlobalLpPool       | 3K + 1                                   | per element abs, ^p, add; one ^(1/p) |
 * | MaxRoiPool                 | H·W / (pooled_h·pooled_w)                | compares over the bin; the ROI's size is data, so this assumes ROIs spanning the whole H x W map (upper bound) |
 * | RoiAlign                   | S²·(7 + 1) (+1 divide for mode avg)      | S² bilinear samples per bin (7 FLOPs each) accumulated (1); S = sampling_ratio, or 2 when it is 0 (adaptive, data dependent) |
 * | MaxUnpool                  | 0                                        | a scatter: data movement         |
 *
 * Padding does not change the counts (count_include_pad only changes the divisor). Output
 * shapes follow ONNX's convPoolShapeInference (see conv.ts), including ceil_mode's rule that a
 * window starting in the right padding is dropped.
 */
import type { Dim, Shape } from '../graph/model.js';
import { tensor } from '../graph/info.js';
import { numel, product } from '../graph/shape.js';
import { readWindow, windowOutput, kernelVolume, toChannelsFirst, toChannelsLast, BILINEAR_FLOPS } from './conv.js';
import { knownInts, type Attrs, type CostCtx, type InferCtx, type OpCost, type OpDef } from './types.js';

const MS = 'com.microsoft';

/** Per-output-element FLOPs of a pooling kind over a window of K elements. */
export type PoolKind = 'max' | 'avg' | 'lp';

/** FLOPs per output element for a window of `k` elements. */
export function poolFlopsPerOutput(kind: PoolKind, k: number): number {
  if (kind === 'max') return k;
  if (kind === 'avg') return k + 1;
  return 3 * k + 1;
}

/** Output shape (NCHW) of a windowed pool over input shape `x`. */
export function poolShape(attrs: Attrs, x: Shape, useDilation: boolean): Shape {
  const kernel = attrs.ints('kernel_shape');
  if (!x) return kernel ? [null, null, ...kernel.map(() => null)] : null;
  if (x.length < 3) return null;
  const n = x.length - 2;
  const win = kernel ? readWindow(attrs, n, kernel, useDilation) : null;
  const spatial = win ? windowOutput(win, x.slice(2)) : new Array<Dim>(n).fill(null);
  return [x[0], x[1], ...spatial];
}

/** Windowed pool cost: |Y| x per-output FLOPs for the kernel volume. */
export function windowPoolCost(ctx: CostCtx, kind: PoolKind): OpCost | null {
  const y = numel(ctx.output(0)?.shape ?? null);
  const kernel = ctx.attrs.ints('kernel_shape');
  if (y === null || !kernel) return null;
  return { macs: 0, flops: y * poolFlopsPerOutput(kind, kernelVolume(kernel)), coreMacs: 0 };
}

/**
 * MaxPool / AveragePool / LpPool. Dilations exist for MaxPool (10+), AveragePool (19+) and
 * LpPool (18+); reading them whenever present is right for every version that allows them.
 */
function windowPoolDef(opType: string, kind: PoolKind): OpDef {
  return {
    opType,
    opClass: 'reduction',
    infer: (ctx) => {
      const x = ctx.input(0);
      const shape = poolShape(ctx.attrs, x?.shape ?? null, true);
      const outs = [tensor(x?.dtype ?? null, shape)];
      // MaxPool's optional Indices output (opset 8+): int64, same shape as Y.
      if (opType === 'MaxPool' && ctx.node.outputs.length > 1) outs.push(tensor('int64', shape ? [...shape] : null));
      return outs;
    },
    cost: (ctx) => windowPoolCost(ctx, kind),
  };
}

/** Global pooling: [N, C, 1, ..., 1]. */
function globalPoolDef(opType: string, kind: PoolKind): OpDef {
  return {
    opType,
    opClass: 'reduction',
    infer: (ctx) => {
      const x = ctx.input(0);
      const s = x?.shape;
      const shape: Shape = s && s.length >= 2 ? [s[0], s[1], ...s.slice(2).map(() => 1)] : null;
      return [tensor(x?.dtype ?? null, shape)];
    },
    cost: (ctx) => globalPoolCost(ctx, kind, false),
  };
}

/** Cost of a global pool: the window is the whole spatial extent of the input. */
export function globalPoolCost(ctx: CostCtx, kind: PoolKind, channelsLast: boolean): OpCost | null {
  const xs = ctx.input(0)?.shape ?? null;
  const s = channelsLast ? toChannelsFirst(xs) : xs;
  if (!s || s.length < 2) return null;
  const nc = product([s[0], s[1]]);
  const k = numel(s.slice(2));
  if (typeof nc !== 'number' || k === null) return null;
  return { macs: 0, flops: nc * poolFlopsPerOutput(kind, k), coreMacs: 0 };
}

const maxRoiPool: OpDef = {
  opType: 'MaxRoiPool',
  opClass: 'reduction',
  infer: (ctx) => {
    const x = ctx.input(0);
    const pooled = ctx.attrs.ints('pooled_shape');
    const xs = x?.shape && x.shape.length === 4 ? x.shape : null;
    const rois = ctx.input(1)?.shape;
    const shape: Shape = pooled && pooled.length === 2 ? [rois?.[0] ?? null, xs ? xs[1] : null, pooled[0], pooled[1]] : null;
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost: (ctx) => {
    const xs = ctx.input(0)?.shape;
    const rois = ctx.input(1)?.shape?.[0];
    if (!xs || xs.length !== 4 || typeof rois !== 'number') return null;
    const chw = numel(xs.slice(1));
    return chw === null ? null : { macs: 0, flops: rois * chw, coreMacs: 0 };
  },
};

const roiAlign: OpDef = {
  opType: 'RoiAlign',
  // Averages bilinear samples per output bin: pooling.
  opClass: 'reduction',
  infer: (ctx) => {
    const x = ctx.input(0);
    const xs = x?.shape && x.shape.length === 4 ? x.shape : null;
    const n = ctx.input(1)?.shape?.[0] ?? ctx.input(2)?.shape?.[0] ?? null;
    const shape = [n, xs ? xs[1] : null, ctx.attrs.int('output_height', 1), ctx.attrs.int('output_width', 1)];
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost: (ctx) => {
    const y = numel(ctx.output(0)?.shape ?? null);
    if (y === null) return null;
    const ratio = ctx.attrs.int('sampling_ratio', 0);
    const s = ratio > 0 ? ratio : 2;
    const avg = ctx.attrs.string('mode', 'avg') === 'avg';
    return { macs: 0, flops: y * (s * s * (BILINEAR_FLOPS + 1) + (avg ? 1 : 0)), coreMacs: 0 };
  },
};

/** MaxUnpool output: the output_shape input's value, else (in - 1)·stride + kernel - pads. */
function maxUnpoolShape(ctx: InferCtx): Shape {
  if (ctx.has(2)) {
    const v = knownInts(ctx.input(2));
    if (v) return v;
    const len = ctx.input(2)?.shape?.[0];
    return typeof len === 'number' ? new Array<Dim>(len).fill(null) : null;
  }
  const x = ctx.input(0)?.shape;
  const kernel = ctx.attrs.ints('kernel_shape');
  if (!x || x.length < 3 || !kernel || kernel.length !== x.length - 2) return null;
  const n = kernel.length;
  const strides = ctx.attrs.ints('strides') ?? new Array<number>(n).fill(1);
  const pads = ctx.attrs.ints('pads') ?? new Array<number>(2 * n).fill(0);
  if (strides.length !== n || pads.length !== 2 * n) return null;
  const channels = ctx.input(1)?.shape?.[1] ?? x[1];
  const spatial = x.slice(2).map((d, i) => (typeof d === 'number' ? strides[i] * (d - 1) + kernel[i] - pads[i] - pads[i + n] : null));
  return [x[0], channels, ...spatial];
}

const maxUnpool: OpDef = {
  opType: 'MaxUnpool',
  // Scatters each value to the position its index names.
  opClass: 'data-movement',
  infer: (ctx) => [tensor(ctx.input(0)?.dtype ?? null, maxUnpoolShape(ctx))],
  cost: (ctx) => (ctx.output(0)?.shape ? { macs: 0, flops: 0, coreMacs: 0 } : null),
};

/** com.microsoft NhwcMaxPool: MaxPool on an NHWC tensor. */
const nhwcMaxPool: OpDef = {
  opType: 'NhwcMaxPool',
  domain: MS,
  opClass: 'reduction',
  infer: (ctx) => {
    const x = ctx.input(0);
    const nchw = poolShape(ctx.attrs, toChannelsFirst(x?.shape ?? null), true);
    return [tensor(x?.dtype ?? null, toChannelsLast(nchw))];
  },
  cost: (ctx) => windowPoolCost(ctx, 'max'),
};

export const ops: OpDef[] = [
  windowPoolDef('MaxPool', 'max'),
  windowPoolDef('AveragePool', 'avg'),
  windowPoolDef('LpPool', 'lp'),
  globalPoolDef('GlobalMaxPool', 'max'),
  globalPoolDef('GlobalAveragePool', 'avg'),
  globalPoolDef('GlobalLpPool', 'lp'),
  maxRoiPool,
  roiAlign,
  maxUnpool,
  nhwcMaxPool,
];

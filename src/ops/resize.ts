/**
 * Resize family: interpolation by scale or target size (Resize, Upsample), sampling on a grid
 * (GridSample) and generating that grid (AffineGrid).
 *
 * Output sizes follow ONNX: out = floor(in * scale) for scales, `sizes` as given (stretch) or
 * round_half_up(in * min|max(sizes / in)) for keep_aspect_ratio_policy not_larger / not_smaller.
 *
 * FLOP counts per output element. An n-D interpolation is a tensor product of 1-D ones; done
 * axis by axis, a 1-D interpolation over T taps costs 2T - 1 FLOPs (T multiplies by weights,
 * T - 1 adds), and interpolating k axes costs sum_j (2*T_j - 1) * prod_{i<j} T_i, which for
 * equal taps is (2T - 1) * (T^k - 1) / (T - 1). Weights depend on coordinates only and are
 * computed once per output row/column, so they are not counted per element.
 *
 * | operator / mode             | taps T per axis | FLOPs per output element (k = axes resized)      |
 * |-----------------------------|-----------------|--------------------------------------------------|
 * | Resize / Upsample nearest   | -               | 0 (a copy)                                       |
 * | Resize / Upsample linear    | 2               | 3 * (2^k - 1)   (bilinear: 9)                    |
 * | Resize cubic                | 4               | 7 * (4^k - 1) / 3   (bicubic: 35)                |
 * | antialias=1, downscaling    | T * ceil(in/out)| same sum with the wider filter (an approximation)|
 * | GridSample                  | as Resize       | same, with k = spatial rank, plus 3 per spatial  |
 * |                             |                 | axis per grid point to unnormalise coordinates   |
 * | AffineGrid                  | -               | MACs = grid points x k x (k+1) (theta x [x,y,1]) |
 *
 * An axis counts as resized when its input and output sizes differ.
 */
import type { Dim } from '../graph/model.js';
import { tensor, type Info } from '../graph/info.js';
import { isConcrete, numel } from '../graph/shape.js';
import { dimValues, type CostCtx, type InferCtx, type OpCost, type OpDef } from './types.js';
import { macCost, refuse } from './common.js';
import { normAxes } from './shape.js';

/** floor(d * scale), keeping a symbolic d when the scale is 1. */
function scaleDim(d: Dim, scale: Dim): Dim {
  if (scale === 1) return d;
  if (typeof d !== 'number' || typeof scale !== 'number') return null;
  // The ONNX reference multiplies in double, ONNX Runtime in float32; where the two floors
  // disagree (e.g. 10 * 0.7f) the size depends on the runtime, so it is left unknown.
  const exact = Math.floor(d * scale);
  const single = Math.floor(Math.fround(Math.fround(scale) * d));
  return exact === single ? exact : null;
}

/** Resize's output dims on `axes` from `sizes`, honouring keep_aspect_ratio_policy. */
function sizesDims(input: Dim[], axes: number[], sizes: Dim[], policy: string): Dim[] {
  const out = [...input];
  if (policy === 'stretch') {
    axes.forEach((a, i) => (out[a] = sizes[i]));
    return out;
  }
  const ratios: number[] = [];
  for (let i = 0; i < axes.length; i++) {
    const [s, d] = [sizes[i], input[axes[i]]];
    if (typeof s !== 'number' || typeof d !== 'number' || d === 0) {
      for (const a of axes) out[a] = null;
      return out;
    }
    ratios.push(s / d);
  }
  let scale = ratios[0];
  for (const r of ratios) scale = policy === 'not_larger' ? Math.min(scale, r) : Math.max(scale, r);
  for (const a of axes) out[a] = Math.floor(scale * (input[a] as number) + 0.5);
  return out;
}

/** Scales must be positive and finite, sizes whole and non-negative: anything else is refused. */
function checkArg(ctx: InferCtx, arg: Dim[] | 'empty' | null | undefined, what: 'scales' | 'sizes'): void {
  if (!Array.isArray(arg)) return;
  for (const v of arg) {
    if (typeof v !== 'number') continue;
    const bad = what === 'scales' ? !(v > 0 && Number.isFinite(v)) : !(Number.isInteger(v) && v >= 0);
    if (bad) throw refuse(ctx, `${what} holds ${v}; ${what === 'scales' ? 'a scale must be positive and finite' : 'a size must be a whole number >= 0'}`);
  }
}

/** A 1-D resize argument (scales / sizes): its value, 'empty', or null when present but unknown. */
function resizeArg(ctx: InferCtx, i: number): Dim[] | 'empty' | null | undefined {
  if (!ctx.has(i)) return undefined;
  const t = ctx.input(i);
  if (t?.shape?.length === 1 && t.shape[0] === 0) return 'empty';
  const v = dimValues(t);
  if (v && v.length === 0) return 'empty';
  return v;
}

/**
 * For each resized axis, whether its crop region is the whole axis. Only tf_crop_and_resize
 * uses `roi`; with a partial roi the spec sizes the output by in * (end - start) * scale while
 * the reference and ONNX Runtime use in * scale, so such axes are left unknown.
 */
function fullRoiAxes(ctx: InferCtx, n: number): boolean[] {
  const all = new Array<boolean>(n).fill(true);
  if (ctx.opset < 11 || ctx.attrs.string('coordinate_transformation_mode', 'half_pixel') !== 'tf_crop_and_resize') return all;
  const roi = dimValues(ctx.input(1));
  if (!roi || roi.length !== 2 * n) return all.map(() => false);
  return all.map((_, i) => roi[i] === 0 && roi[i + n] === 1);
}

function inferResize(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const attrAxes = ctx.opset >= 18 ? ctx.attrs.ints('axes') : undefined;
  const axes = attrAxes ? normAxes(attrAxes, rank) : x.shape.map((_, i) => i);
  if (axes === null)
    return [
      tensor(
        dtype,
        x.shape.map(() => null),
      ),
    ];
  const scales = resizeArg(ctx, ctx.opset < 11 ? 1 : 2);
  const sizes = ctx.opset < 11 ? undefined : resizeArg(ctx, 3);
  const unknownOnAxes = () => {
    const out = [...x.shape!];
    for (const a of axes) out[a] = null;
    return [tensor(dtype, out)];
  };
  checkArg(ctx, scales, 'scales');
  checkArg(ctx, sizes, 'sizes');
  if (Array.isArray(scales)) {
    if (scales.length !== axes.length) return unknownOnAxes();
    const out = [...x.shape];
    const fullRoi = fullRoiAxes(ctx, axes.length);
    axes.forEach((a, i) => (out[a] = fullRoi[i] ? scaleDim(out[a], scales[i]) : null));
    return [tensor(dtype, out)];
  }
  if (Array.isArray(sizes)) {
    if (sizes.length !== axes.length) return unknownOnAxes();
    const policy = ctx.opset >= 18 ? ctx.attrs.string('keep_aspect_ratio_policy', 'stretch') : 'stretch';
    return [tensor(dtype, sizesDims(x.shape, axes, sizes, policy))];
  }
  return unknownOnAxes();
}

/** Upsample's scales: attribute before opset 9 (height_scale / width_scale at opset 1), input after. */
function upsampleScales(ctx: InferCtx, rank: number): Dim[] | null {
  if (ctx.opset >= 9 || ctx.has(1)) return dimValues(ctx.input(1));
  const s = ctx.attrs.floats('scales') ?? ctx.attrs.ints('scales');
  if (s) return s;
  const h = ctx.attrs.float('height_scale');
  const w = ctx.attrs.float('width_scale');
  if (h === undefined || w === undefined || rank !== 4) return null;
  return [1, 1, h, w];
}

function inferUpsample(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const scales = upsampleScales(ctx, x.shape.length);
  checkArg(ctx, scales, 'scales');
  if (scales === null || scales.length !== x.shape.length)
    return [
      tensor(
        dtype,
        x.shape.map(() => null),
      ),
    ];
  return [
    tensor(
      dtype,
      x.shape.map((d, i) => scaleDim(d, scales[i])),
    ),
  ];
}

/** Taps of one axis for an interpolation mode; 0 for nearest (a copy). */
function modeTaps(mode: string): number {
  if (mode === 'linear' || mode === 'bilinear') return 2;
  if (mode === 'cubic' || mode === 'bicubic') return 4;
  return 0;
}

/** FLOPs of one n-D interpolation with per-axis taps, done one axis at a time. */
export function interpolationFlops(taps: readonly number[]): number {
  let flops = 0;
  let lines = 1;
  for (const t of taps) {
    flops += (2 * t - 1) * lines;
    lines *= t;
  }
  return flops;
}

function costResize(ctx: CostCtx): OpCost | null {
  const x = ctx.input(0)?.shape;
  const y = ctx.output(0)?.shape;
  if (!x || !y || !isConcrete(y) || x.length !== y.length) return null;
  const n = numel(y)!;
  const base = modeTaps(ctx.attrs.string('mode', 'nearest'));
  if (base === 0 || n === 0) return { macs: 0, flops: 0, coreMacs: 0 };
  const antialias = ctx.opset >= 18 && ctx.attrs.int('antialias', 0) === 1;
  const taps: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (x[i] === y[i]) continue;
    const d = x[i];
    if (typeof d !== 'number') return null;
    taps.push(antialias && d > y[i] ? base * Math.ceil(d / Math.max(y[i], 1)) : base);
  }
  return { macs: 0, flops: n * interpolationFlops(taps), coreMacs: 0 };
}

// ---------------------------------------------------------------------------------------------
// GridSample, AffineGrid
// ---------------------------------------------------------------------------------------------

function inferGridSample(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const grid = ctx.input(1);
  const dtype = x?.dtype ?? null;
  const gs = grid?.shape;
  if (!gs || gs.length < 3) {
    return [tensor(dtype, x?.shape ? [x.shape[0], x.shape[1], ...x.shape.slice(2).map(() => null)] : null)];
  }
  const n = x?.shape?.[0] ?? gs[0];
  const c = x?.shape?.[1] ?? null;
  return [tensor(dtype, [n, c, ...gs.slice(1, gs.length - 1)])];
}

/** FLOPs to map one normalised grid coordinate to a pixel position: ((g + 1) * size - 1) / 2. */
const UNNORMALISE_FLOPS = 3;

function costGridSample(ctx: CostCtx): OpCost | null {
  const y = ctx.output(0)?.shape;
  if (!y || !isConcrete(y) || y.length < 3) return null;
  const r = y.length - 2;
  const t = modeTaps(ctx.attrs.string('mode', ctx.opset >= 20 ? 'linear' : 'bilinear'));
  const points = y[0] * numel(y.slice(2))!;
  const interp = t === 0 ? 0 : numel(y)! * interpolationFlops(new Array(r).fill(t));
  return { macs: 0, flops: interp + points * r * UNNORMALISE_FLOPS, coreMacs: 0 };
}

function inferAffineGrid(ctx: InferCtx): (Info | null)[] {
  const theta = ctx.input(0);
  const dtype = theta?.dtype ?? null;
  const size = dimValues(ctx.input(1));
  // theta is [N, 2, 3] for 2-D grids (size [N, C, H, W]) and [N, 3, 4] for 3-D ones.
  const thetaRows = theta?.shape?.length === 3 ? theta.shape[1] : null;
  const fromTheta = thetaRows === 2 ? 4 : thetaRows === 3 ? 5 : null;
  const sizeLen = size?.length ?? ctx.input(1)?.shape?.[0] ?? fromTheta;
  if (typeof sizeLen !== 'number' || (sizeLen !== 4 && sizeLen !== 5)) return [tensor(dtype, null)];
  const k = sizeLen - 2;
  const dims = size ? size.slice(2) : new Array<Dim>(k).fill(null);
  const n = size?.[0] ?? theta?.shape?.[0] ?? null;
  return [tensor(dtype, [n, ...dims, k])];
}

function costAffineGrid(ctx: CostCtx): OpCost | null {
  const y = ctx.output(0)?.shape;
  if (!y || !isConcrete(y)) return null;
  const k = y[y.length - 1];
  const points = numel(y.slice(0, -1))!;
  return macCost(points * k * (k + 1));
}

// ---------------------------------------------------------------------------------------------

// Interpolation kernels (class 'resample'): per output element a source coordinate computed and
// its taps weighted, not a copy; runtimes run them far from their bytes (ONNX Runtime's CPU
// Resize: a 2.3 ms kernel for 0.4 ms of traffic in the calibration suite), so they get figures
// of their own rather than dragging the data-movement class's.
export const ops: OpDef[] = [
  { opType: 'Resize', opClass: 'resample', infer: inferResize, cost: costResize },
  { opType: 'Upsample', opClass: 'resample', infer: inferUpsample, cost: costResize },
  { opType: 'GridSample', opClass: 'resample', infer: inferGridSample, cost: costGridSample },
  // A 2x3 (3x4) affine map applied to every grid point: a few operations per output element.
  { opType: 'AffineGrid', opClass: 'elementwise', infer: inferAffineGrid, cost: costAffineGrid },
];

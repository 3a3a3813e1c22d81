import { describe, expect, it } from 'vitest';
import { runOp, outShape, t } from '../helpers/op.js';
import type { TensorInfo } from '../../src/graph/info.js';

const i64 = (values: (number | string | null)[]) => t('int64', [values.length], values);
const f32 = (values: number[]) => t('float32', [values.length], values.map(Math.fround));
const empty = t('float32', [0], []);

/** Resize at opset >= 11: X, roi, scales, sizes (omitted ones given as undefined). */
function resize(x: TensorInfo, o: { scales?: TensorInfo; sizes?: TensorInfo; roi?: TensorInfo }, attrs = {}, opset = 13) {
  const inputs = [x, o.roi, o.scales, o.sizes];
  while (inputs.length > 1 && inputs[inputs.length - 1] === undefined) inputs.pop();
  const omit = inputs.flatMap((v, i) => (v === undefined ? [i] : []));
  return runOp('Resize', { inputs, omit, attrs, opset });
}

describe('Resize shapes', () => {
  const x = t('float32', [1, 1, 4, 4]);
  it.each([
    [
      [1, 1, 2, 2],
      [1, 1, 8, 8],
    ],
    [
      [1, 1, 0.6, 0.6],
      [1, 1, Math.floor(4 * Math.fround(0.6)), Math.floor(4 * Math.fround(0.6))],
    ],
    [
      [1, 1, 0.8, 0.8],
      [1, 1, 3, 3],
    ],
    [
      [1, 1, 1, 1.5],
      [1, 1, 4, 6],
    ],
  ])('scales %j -> %j', (scales, expected) => {
    expect(outShape(resize(x, { scales: f32(scales) }))).toEqual(expected);
  });

  it('sizes (scales given as empty, as exporters write it)', () => {
    expect(outShape(resize(x, { roi: empty, scales: empty, sizes: i64([1, 1, 3, 1]) }))).toEqual([1, 1, 3, 1]);
    expect(outShape(resize(x, { sizes: i64([1, 1, 7, 8]) }))).toEqual([1, 1, 7, 8]);
  });

  it('opset 10 takes scales as input 1', () => {
    expect(outShape(runOp('Resize', { inputs: [x, f32([1, 1, 2, 3])], opset: 10 }))).toEqual([1, 1, 8, 12]);
  });

  it('axes (opset 18) select the resized dims', () => {
    expect(outShape(resize(x, { scales: f32([2, 3]) }, { axes: [2, 3] }, 18))).toEqual([1, 1, 8, 12]);
    expect(outShape(resize(x, { sizes: i64([5]) }, { axes: [-1] }, 18))).toEqual([1, 1, 4, 5]);
  });

  it('keep_aspect_ratio_policy scales every axis by one factor', () => {
    const y = t('float32', [1, 1, 4, 8]);
    const larger = Math.min(6 / 4, 6 / 8);
    expect(outShape(resize(y, { sizes: i64([6, 6]) }, { axes: [2, 3], keep_aspect_ratio_policy: 'not_larger' }, 18))).toEqual([
      1,
      1,
      Math.floor(4 * larger + 0.5),
      Math.floor(8 * larger + 0.5),
    ]);
    const smaller = Math.max(6 / 4, 6 / 8);
    expect(outShape(resize(y, { sizes: i64([6, 6]) }, { axes: [2, 3], keep_aspect_ratio_policy: 'not_smaller' }, 18))).toEqual([
      1,
      1,
      Math.floor(4 * smaller + 0.5),
      Math.floor(8 * smaller + 0.5),
    ]);
  });

  it('a scale of 1 keeps a symbolic dim; others become unknown', () => {
    const s = t('float32', ['n', 3, 'h', 16]);
    expect(outShape(resize(s, { scales: f32([1, 1, 2, 2]) }))).toEqual(['n', 3, null, 32]);
  });

  it('where float32 and double products floor differently the size is unknown', () => {
    // 10 * 0.7f: 6.99999988 in double, 7 in float32.
    expect(outShape(resize(t('float32', [1, 10]), { scales: f32([1, 0.7]) }))).toEqual([1, null]);
  });

  it('unknown scales and sizes leave the rank', () => {
    expect(outShape(resize(x, { scales: t('float32', [4]) }))).toEqual([null, null, null, null]);
    expect(outShape(resize(t('float32', null), { scales: f32([1, 1, 2, 2]) }))).toBeNull();
    expect(resize(x, { scales: f32([1, 1, 2, 2]) }).outputs[0]).toMatchObject({ dtype: 'float32' });
  });
});

describe('Resize costs', () => {
  const x = t('float32', [1, 3, 4, 4]);
  const scales = f32([1, 1, 2, 2]);
  const outElems = 1 * 3 * 8 * 8;
  it('nearest is a copy', () => {
    expect(resize(x, { scales }).cost).toEqual({ macs: 0, flops: 0, coreMacs: 0 });
  });

  it('bilinear: 3 lerps of 3 FLOPs per output element', () => {
    expect(resize(x, { scales }, { mode: 'linear' }).cost).toEqual({ macs: 0, flops: outElems * 3 * (2 ** 2 - 1), coreMacs: 0 });
  });

  it('bicubic: 5 four-tap interpolations of 7 FLOPs per output element', () => {
    expect(resize(x, { scales }, { mode: 'cubic' }).cost).toEqual({ macs: 0, flops: outElems * 7 * ((4 ** 2 - 1) / 3), coreMacs: 0 });
  });

  it('only resized axes count', () => {
    const r = resize(x, { scales: f32([1, 1, 1, 2]) }, { mode: 'linear' });
    expect(r.cost?.flops).toBe(1 * 3 * 4 * 8 * 3);
  });

  it('antialias widens the filter when downscaling (opset 18)', () => {
    const r = resize(t('float32', [1, 1, 8, 8]), { scales: f32([1, 1, 0.5, 0.5]) }, { mode: 'linear', antialias: 1 }, 18);
    const taps = 2 * Math.ceil(8 / 4);
    const perElement = 2 * taps - 1 + (2 * taps - 1) * taps;
    expect(r.cost?.flops).toBe(4 * 4 * perElement);
  });

  it('unknown output shape: unknown cost', () => {
    expect(resize(x, { scales: t('float32', [4]) }, { mode: 'linear' }).cost).toBeNull();
  });
});

describe('Upsample', () => {
  const x = t('float32', [1, 1, 2, 2]);
  it('scales as attribute (7) and input (9)', () => {
    expect(outShape(runOp('Upsample', { inputs: [x], attrs: { scales: { type: 'floats', value: [1, 1, 2, 3] } }, opset: 7 }))).toEqual([1, 1, 4, 6]);
    expect(outShape(runOp('Upsample', { inputs: [x, f32([1, 1, 2, 3])], opset: 9 }))).toEqual([1, 1, 4, 6]);
  });

  it('height_scale / width_scale at opset 1', () => {
    const attrs = { height_scale: { type: 'float', value: 2 }, width_scale: { type: 'float', value: 3 } } as const;
    expect(outShape(runOp('Upsample', { inputs: [x], attrs, opset: 1 }))).toEqual([1, 1, 4, 6]);
  });

  it('bilinear cost', () => {
    const r = runOp('Upsample', { inputs: [x, f32([1, 1, 2, 2])], attrs: { mode: 'linear' }, opset: 9 });
    expect(r.cost?.flops).toBe(1 * 1 * 4 * 4 * 3 * 3);
  });
});

describe('GridSample and AffineGrid', () => {
  it('GridSample takes spatial dims from the grid', () => {
    const r = runOp('GridSample', { inputs: [t('float32', [2, 3, 16, 16]), t('float32', [2, 8, 9, 2])], opset: 16 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [2, 3, 8, 9] });
    const points = 2 * 8 * 9;
    expect(r.cost).toEqual({ macs: 0, flops: 2 * 3 * 8 * 9 * 3 * (2 ** 2 - 1) + points * 2 * 3, coreMacs: 0 });
  });

  it('GridSample volumetric (opset 20) and nearest', () => {
    const r = runOp('GridSample', { inputs: [t('float32', [1, 2, 4, 4, 4]), t('float32', [1, 3, 3, 3, 3])], attrs: { mode: 'nearest' }, opset: 20 });
    expect(outShape(r)).toEqual([1, 2, 3, 3, 3]);
    expect(r.cost?.flops).toBe(1 * 3 * 3 * 3 * 3 * 3);
  });

  it('AffineGrid builds [N, H, W, 2] from size, with theta x [x, y, 1] MACs', () => {
    const r = runOp('AffineGrid', { inputs: [t('float32', [2, 2, 3]), i64([2, 3, 5, 6])], opset: 20 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [2, 5, 6, 2] });
    const macs = 2 * 5 * 6 * 2 * 3;
    expect(r.cost).toEqual({ macs, flops: 2 * macs, coreMacs: 0 });
  });

  it('AffineGrid 3-D and unknown size', () => {
    expect(outShape(runOp('AffineGrid', { inputs: [t('float32', [1, 3, 4]), i64([1, 1, 2, 3, 4])], opset: 20 }))).toEqual([1, 2, 3, 4, 3]);
    expect(outShape(runOp('AffineGrid', { inputs: [t('float32', [1, 2, 3]), t('int64', [4])], opset: 20 }))).toEqual([1, null, null, 2]);
  });
});

describe('Resize tf_crop_and_resize', () => {
  const x = t('float32', [1, 1, 4, 4]);
  const attrs = { coordinate_transformation_mode: 'tf_crop_and_resize', mode: 'linear' };
  it('sizes are exact whatever the roi', () => {
    const roi = f32([0, 0, 0.4, 0.6, 1, 1, 0.6, 0.8]);
    expect(outShape(resize(x, { roi, sizes: i64([1, 1, 3, 3]) }, attrs))).toEqual([1, 1, 3, 3]);
  });

  it('scales with a partial roi: those axes are unknown (spec and runtimes disagree)', () => {
    const roi = f32([0, 0, 0.4, 0, 1, 1, 0.6, 1]);
    expect(outShape(resize(x, { roi, scales: f32([1, 1, 2, 2]) }, attrs))).toEqual([1, 1, null, 8]);
  });
});

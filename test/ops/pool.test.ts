import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';

describe('windowed pooling shapes', () => {
  const cases: { name: string; op: string; x: number[]; attrs: Record<string, number | number[] | string>; out: number[] }[] = [
    // floor((112 + 1 + 1 - 3) / 2) + 1 = 56
    { name: 'resnet maxpool', op: 'MaxPool', x: [1, 64, 112, 112], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, out: [1, 64, 56, 56] },
    // ceil mode: ceil((4 - 3) / 2) + 1 = 2; last window starts at 2 < 4, kept
    { name: 'ceil mode', op: 'AveragePool', x: [1, 1, 4, 4], attrs: { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }, out: [1, 1, 2, 2] },
    // ceil mode dropping a window that starts in the padding:
    // (5 + 1 + 1 - 2) / 2 -> ceil 2.5 = 3, +1 = 4; (4 - 1)·2 = 6 >= 5 + 1 -> 3
    {
      name: 'ceil drops padded window',
      op: 'MaxPool',
      x: [1, 1, 5, 5],
      attrs: { kernel_shape: [2, 2], strides: [2, 2], pads: [1, 1, 1, 1], ceil_mode: 1 },
      out: [1, 1, 3, 3],
    },
    // dilations: eff 3; 4 - 3 + 1 = 2
    { name: 'dilated maxpool', op: 'MaxPool', x: [1, 1, 4, 4], attrs: { kernel_shape: [2, 2], dilations: [2, 2] }, out: [1, 1, 2, 2] },
    // SAME_UPPER: ceil(32 / 3) = 11; SAME_LOWER stride 1 keeps 32
    { name: 'same upper', op: 'AveragePool', x: [1, 3, 32, 32], attrs: { kernel_shape: [2, 2], strides: [3, 3], auto_pad: 'SAME_UPPER' }, out: [1, 3, 11, 11] },
    { name: 'same lower', op: 'MaxPool', x: [1, 3, 32, 32], attrs: { kernel_shape: [2, 2], auto_pad: 'SAME_LOWER' }, out: [1, 3, 32, 32] },
    // VALID: floor((32 - 5) / 2) + 1 = 14
    { name: 'valid', op: 'LpPool', x: [1, 3, 32, 32], attrs: { kernel_shape: [5, 5], strides: [2, 2], auto_pad: 'VALID' }, out: [1, 3, 14, 14] },
    { name: '1-D', op: 'MaxPool', x: [1, 3, 32], attrs: { kernel_shape: [2] }, out: [1, 3, 31] },
    { name: '3-D', op: 'AveragePool', x: [1, 3, 32, 32, 32], attrs: { kernel_shape: [2, 2, 2], strides: [2, 2, 2] }, out: [1, 3, 16, 16, 16] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = runOp(c.op, { inputs: [t('float32', c.x)], attrs: c.attrs });
      expect(outShape(r)).toEqual(c.out);
    });
  }

  it('MaxPool Indices output is int64 with the same shape', () => {
    const r = runOp('MaxPool', { inputs: [t('uint8', [1, 3, 8, 8])], attrs: { kernel_shape: [2, 2], strides: [2, 2] }, outputs: 2, opset: 12 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'uint8', shape: [1, 3, 4, 4] });
    expect(r.outputs[1]).toMatchObject({ dtype: 'int64', shape: [1, 3, 4, 4] });
  });

  it('unknown input gives unknown dims, never a guess', () => {
    const r = runOp('MaxPool', { inputs: [t('float32', null)], attrs: { kernel_shape: [3, 3] } });
    expect(outShape(r)).toEqual([null, null, null, null]);
    expect(r.cost).toBeNull();
    const s = runOp('MaxPool', { inputs: [t('float32', ['N', 8, 'H', 10])], attrs: { kernel_shape: [3, 3], strides: [2, 2] } });
    expect(outShape(s)).toEqual(['N', 8, null, 4]);
  });
});

describe('pooling cost', () => {
  it('MaxPool: one compare per kernel element per output', () => {
    const r = runOp('MaxPool', { inputs: [t('float32', [1, 64, 112, 112])], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] } });
    expect(r.cost).toEqual({ macs: 0, flops: 1 * 64 * 56 * 56 * 3 * 3, coreMacs: 0 });
  });

  it('AveragePool: K adds + 1 divide', () => {
    const r = runOp('AveragePool', { inputs: [t('float32', [2, 8, 8, 8])], attrs: { kernel_shape: [2, 2], strides: [2, 2] } });
    expect(r.cost).toEqual({ macs: 0, flops: 2 * 8 * 4 * 4 * (2 * 2 + 1), coreMacs: 0 });
  });

  it('LpPool: 3K + 1', () => {
    const r = runOp('LpPool', { inputs: [t('float32', [1, 2, 4, 4])], attrs: { kernel_shape: [2, 2], p: 2 } });
    expect(r.cost?.flops).toBe(1 * 2 * 3 * 3 * (3 * 4 + 1));
  });

  it('global pools', () => {
    const x = t('float32', [2, 512, 7, 7]);
    const avg = runOp('GlobalAveragePool', { inputs: [x] });
    expect(outShape(avg)).toEqual([2, 512, 1, 1]);
    expect(avg.cost?.flops).toBe(2 * 512 * (7 * 7 + 1));
    expect(runOp('GlobalMaxPool', { inputs: [x] }).cost?.flops).toBe(2 * 512 * 7 * 7);
    expect(runOp('GlobalLpPool', { inputs: [x] }).cost?.flops).toBe(2 * 512 * (3 * 7 * 7 + 1));
    expect(outShape(runOp('GlobalMaxPool', { inputs: [t('float32', ['N', 16, 10])] }))).toEqual(['N', 16, 1]);
  });
});

describe('ROI and unpooling', () => {
  it('MaxRoiPool', () => {
    const r = runOp('MaxRoiPool', { inputs: [t('float32', [1, 256, 14, 14]), t('float32', [10, 5])], attrs: { pooled_shape: [7, 7] } });
    expect(outShape(r)).toEqual([10, 256, 7, 7]);
    expect(r.cost?.flops).toBe(10 * 256 * 14 * 14);
  });

  it('RoiAlign with sampling_ratio and default (2)', () => {
    const inputs = [t('float32', [1, 256, 50, 50]), t('float32', [100, 4]), t('int64', [100])];
    const r = runOp('RoiAlign', { inputs, attrs: { output_height: 7, output_width: 7, sampling_ratio: 3 } });
    expect(outShape(r)).toEqual([100, 256, 7, 7]);
    const y = 100 * 256 * 7 * 7;
    expect(r.cost?.flops).toBe(y * (3 * 3 * (7 + 1) + 1));
    const d = runOp('RoiAlign', { inputs, attrs: { mode: 'max' } });
    expect(outShape(d)).toEqual([100, 256, 1, 1]);
    expect(d.cost?.flops).toBe(100 * 256 * (2 * 2 * (7 + 1)));
  });

  it('MaxUnpool: computed shape, or output_shape value', () => {
    const x = t('float32', [1, 1, 2, 2]);
    const i = t('int64', [1, 1, 2, 2]);
    // (2 - 1)·2 + 2 = 4
    const r = runOp('MaxUnpool', { inputs: [x, i], attrs: { kernel_shape: [2, 2], strides: [2, 2] } });
    expect(outShape(r)).toEqual([1, 1, 4, 4]);
    expect(r.cost).toEqual({ macs: 0, flops: 0, coreMacs: 0 });
    const w = runOp('MaxUnpool', { inputs: [x, i, t('int64', [4], [1, 1, 5, 5])], attrs: { kernel_shape: [2, 2], strides: [2, 2] } });
    expect(outShape(w)).toEqual([1, 1, 5, 5]);
    const u = runOp('MaxUnpool', { inputs: [x, i, t('int64', [4])], attrs: { kernel_shape: [2, 2], strides: [2, 2] } });
    expect(outShape(u)).toEqual([null, null, null, null]);
  });
});

describe('com.microsoft NhwcMaxPool', () => {
  it('pools the middle dims of an NHWC tensor', () => {
    const r = runOp('NhwcMaxPool', {
      domain: 'com.microsoft',
      inputs: [t('int8', [1, 10, 10, 16])],
      attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] },
    });
    // floor((10 + 2 - 3) / 2) + 1 = 5
    expect(r.outputs[0]).toMatchObject({ dtype: 'int8', shape: [1, 5, 5, 16] });
    expect(r.cost?.flops).toBe(5 * 5 * 16 * 3 * 3);
  });
});

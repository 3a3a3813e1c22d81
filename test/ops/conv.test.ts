import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';

const MS = 'com.microsoft';

describe('Conv shapes', () => {
  const cases: {
    name: string;
    x: number[];
    w: number[];
    attrs?: Record<string, number | number[] | string>;
    out: number[];
  }[] = [
    // floor((224 + 3 + 3 - 7) / 2) + 1 = 112
    { name: 'resnet stem', x: [1, 3, 224, 224], w: [64, 3, 7, 7], attrs: { strides: [2, 2], pads: [3, 3, 3, 3] }, out: [1, 64, 112, 112] },
    // no padding: 5 - 3 + 1 = 3
    { name: 'valid 3x3', x: [1, 1, 5, 5], w: [1, 1, 3, 3], out: [1, 1, 3, 3] },
    // SAME_UPPER, stride 2: ceil(7 / 2) = 4
    { name: 'same upper stride 2', x: [1, 1, 7, 7], w: [2, 1, 3, 3], attrs: { auto_pad: 'SAME_UPPER', strides: [2, 2] }, out: [1, 2, 4, 4] },
    // SAME_LOWER stride 1 keeps the size
    { name: 'same lower', x: [2, 4, 9, 6], w: [8, 4, 5, 5], attrs: { auto_pad: 'SAME_LOWER' }, out: [2, 8, 9, 6] },
    // VALID: floor((10 - 3) / 3) + 1 = 3
    { name: 'valid stride 3', x: [1, 1, 10, 10], w: [1, 1, 3, 3], attrs: { auto_pad: 'VALID', strides: [3, 3] }, out: [1, 1, 3, 3] },
    // dilation 2: effective kernel 5; 10 - 5 + 1 = 6
    { name: 'dilated', x: [1, 1, 10, 10], w: [1, 1, 3, 3], attrs: { dilations: [2, 2] }, out: [1, 1, 6, 6] },
    // asymmetric pads [1, 0, 1, 0] on H: (5 + 1 + 1 - 3)/2 + 1 = 3, on W: (5 - 3)/2 + 1 = 2
    { name: 'asymmetric pads', x: [1, 1, 5, 5], w: [1, 1, 3, 3], attrs: { strides: [2, 2], pads: [1, 0, 1, 0] }, out: [1, 1, 3, 2] },
    // 1-D and 3-D
    { name: '1-D', x: [4, 16, 100], w: [32, 16, 5], attrs: { pads: [2, 2] }, out: [4, 32, 100] },
    { name: '3-D', x: [1, 3, 8, 16, 16], w: [6, 3, 3, 3, 3], attrs: { strides: [1, 2, 2], pads: [1, 1, 1, 1, 1, 1] }, out: [1, 6, 8, 8, 8] },
    // kernel_shape from the attribute agrees with the weight
    { name: 'kernel attr', x: [1, 2, 6, 6], w: [4, 2, 2, 2], attrs: { kernel_shape: [2, 2], strides: [2, 2] }, out: [1, 4, 3, 3] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = runOp('Conv', { inputs: [t('float32', c.x), t('float32', c.w)], attrs: c.attrs });
      expect(outShape(r)).toEqual(c.out);
      expect(r.outputs[0]).toMatchObject({ dtype: 'float32' });
    });
  }

  it('keeps a symbolic batch and a symbolic spatial dim when SAME, stride 1', () => {
    const r = runOp('Conv', {
      inputs: [t('float16', ['N', 3, 'H', 32]), t('float16', [8, 3, 3, 3])],
      attrs: { auto_pad: 'SAME_UPPER' },
    });
    expect(outShape(r)).toEqual(['N', 8, 'H', 32]);
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16' });
  });

  it('does not guess a symbolic spatial dim under stride 2', () => {
    const r = runOp('Conv', {
      inputs: [t('float32', [1, 3, 'H', 32]), t('float32', [8, 3, 3, 3])],
      attrs: { strides: [2, 2], pads: [1, 1, 1, 1] },
    });
    expect(outShape(r)).toEqual([1, 8, null, 16]);
    expect(r.cost).toBeNull();
  });

  it('unknown input gives rank from the weight, unknown dims', () => {
    const r = runOp('Conv', { inputs: [t('float32', null), t('float32', [8, 3, 3, 3])] });
    expect(outShape(r)).toEqual([null, 8, null, null]);
    const r2 = runOp('Conv', { inputs: [undefined, undefined] });
    expect(outShape(r2)).toBeNull();
    expect(r2.cost).toBeNull();
  });
});

describe('Conv cost', () => {
  it('standard conv with bias matches (2·K·K·Cin + 1)·Hout·Wout·Cout', () => {
    const r = runOp('Conv', {
      inputs: [t('float32', [1, 3, 224, 224]), t('float32', [64, 3, 7, 7]), t('float32', [64])],
      attrs: { strides: [2, 2], pads: [3, 3, 3, 3] },
    });
    const macs = 1 * 64 * 112 * 112 * (3 / 1) * 7 * 7;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 64 * 112 * 112, coreMacs: macs });
    expect(r.cost?.flops).toBe((2 * 7 * 7 * 3 + 1) * 112 * 112 * 64);
  });

  it('no bias: flops = 2 x MACs', () => {
    const r = runOp('Conv', { inputs: [t('float32', [2, 16, 10, 10]), t('float32', [32, 16, 3, 3])], attrs: { pads: [1, 1, 1, 1] } });
    const macs = 2 * 32 * 10 * 10 * 16 * 3 * 3;
    expect(r.cost).toEqual({ macs, flops: 2 * macs, coreMacs: macs });
  });

  it('grouped conv uses Cin / group', () => {
    // Cin 32, group 4: weight [64, 8, 3, 3]
    const r = runOp('Conv', {
      inputs: [t('float32', [1, 32, 14, 14]), t('float32', [64, 8, 3, 3])],
      attrs: { group: 4, pads: [1, 1, 1, 1] },
    });
    const macs = 1 * 64 * 14 * 14 * (32 / 4) * 3 * 3;
    expect(r.cost?.macs).toBe(macs);
  });

  it('depthwise conv (group = Cin) costs out x K', () => {
    const r = runOp('Conv', {
      inputs: [t('float32', [1, 32, 112, 112]), t('float32', [32, 1, 3, 3]), t('float32', [32])],
      attrs: { group: 32, strides: [2, 2], pads: [1, 1, 1, 1] },
    });
    expect(outShape(r)).toEqual([1, 32, 56, 56]);
    const macs = 1 * 32 * 56 * 56 * (32 / 32) * 3 * 3;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 32 * 56 * 56, coreMacs: macs });
  });

  it('dilation does not change the per-output work', () => {
    const r = runOp('Conv', { inputs: [t('float32', [1, 4, 20, 20]), t('float32', [4, 4, 3, 3])], attrs: { dilations: [2, 2] } });
    expect(outShape(r)).toEqual([1, 4, 16, 16]);
    expect(r.cost?.macs).toBe(1 * 4 * 16 * 16 * 4 * 3 * 3);
  });
});

describe('ConvTranspose', () => {
  it('stride 2 upsampling shape and input-side MACs', () => {
    // out = 2·(16 - 1) + 4 - 1 - 1 = 32
    const r = runOp('ConvTranspose', {
      inputs: [t('float32', [2, 8, 16, 16]), t('float32', [8, 4, 4, 4]), t('float32', [4])],
      attrs: { strides: [2, 2], pads: [1, 1, 1, 1] },
    });
    expect(outShape(r)).toEqual([2, 4, 32, 32]);
    // N·Cin·H·W x (Cout/group) x K
    const macs = 2 * 8 * 16 * 16 * 4 * 4 * 4;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 2 * 4 * 32 * 32, coreMacs: macs });
  });

  it('group multiplies the output channels', () => {
    const r = runOp('ConvTranspose', {
      inputs: [t('float32', [1, 6, 5, 5]), t('float32', [6, 2, 3, 3])],
      attrs: { group: 3 },
    });
    // Cout = 2 x 3; spatial = 5 - 1 + 3 = 7
    expect(outShape(r)).toEqual([1, 6, 7, 7]);
    expect(r.cost?.macs).toBe(1 * 6 * 5 * 5 * 2 * 3 * 3);
  });

  it('output_padding, dilations, output_shape, auto_pad', () => {
    const x = t('float32', [1, 1, 3, 3]);
    const w = t('float32', [1, 2, 3, 3]);
    // 3·(3-1) + 1 + 3 = 10
    expect(outShape(runOp('ConvTranspose', { inputs: [x, w], attrs: { strides: [3, 2], output_padding: [1, 1] } }))).toEqual([1, 2, 10, 8]);
    // dilation 2: eff 5; 3 - 1 + 5 = 7
    expect(outShape(runOp('ConvTranspose', { inputs: [x, w], attrs: { dilations: [2, 2] } }))).toEqual([1, 2, 7, 7]);
    expect(outShape(runOp('ConvTranspose', { inputs: [x, w], attrs: { strides: [3, 2], output_shape: [10, 8] } }))).toEqual([1, 2, 10, 8]);
    // SAME_UPPER: in x stride
    expect(outShape(runOp('ConvTranspose', { inputs: [x, w], attrs: { strides: [2, 2], auto_pad: 'SAME_UPPER' } }))).toEqual([1, 2, 6, 6]);
  });

  it('1-D and unknown input', () => {
    expect(outShape(runOp('ConvTranspose', { inputs: [t('float32', [1, 1, 3]), t('float32', [1, 2, 3])] }))).toEqual([1, 2, 5]);
    const r = runOp('ConvTranspose', { inputs: [t('float32', null), t('float32', [4, 2, 3, 3])] });
    expect(outShape(r)).toEqual([null, 2, null, null]);
    expect(r.cost).toBeNull();
  });
});

describe('quantized and special convolutions', () => {
  it('ConvInteger: int32 output, zero-point subtractions', () => {
    const r = runOp('ConvInteger', {
      inputs: [t('uint8', [1, 1, 5, 5]), t('uint8', [1, 1, 3, 3]), t('uint8', [])],
      attrs: { pads: [1, 1, 1, 1] },
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int32', shape: [1, 1, 5, 5] });
    const macs = 1 * 1 * 5 * 5 * 1 * 3 * 3;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 1 * 1 * 5 * 5, coreMacs: macs });
  });

  it('QLinearConv: typed like y_zero_point, requantized', () => {
    const inputs = [
      t('uint8', [1, 4, 8, 8]),
      t('float32', []),
      t('uint8', []),
      t('int8', [8, 4, 3, 3]),
      t('float32', [8]),
      t('int8', [8]),
      t('float32', []),
      t('int8', []),
      t('int32', [8]),
    ];
    const r = runOp('QLinearConv', { inputs, attrs: { pads: [1, 1, 1, 1] } });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int8', shape: [1, 8, 8, 8] });
    const macs = 1 * 8 * 8 * 8 * 4 * 3 * 3;
    const y = 8 * 8 * 8;
    const flops = 2 * macs + 4 * 8 * 8 + 8 * 4 * 3 * 3 + y + 4 * y;
    expect(r.cost).toEqual({ macs, flops, coreMacs: macs });
  });

  it('com.microsoft QLinearConv with channels_last', () => {
    const inputs = [
      t('uint8', [1, 8, 8, 4]),
      t('float32', []),
      t('uint8', []),
      t('uint8', [16, 4, 3, 3]),
      t('float32', []),
      t('uint8', []),
      t('float32', []),
      t('uint8', []),
    ];
    const r = runOp('QLinearConv', { inputs, domain: MS, attrs: { channels_last: 1, strides: [2, 2], pads: [1, 1, 1, 1] } });
    expect(outShape(r)).toEqual([1, 4, 4, 16]);
    expect(r.cost?.macs).toBe(1 * 4 * 4 * 16 * 4 * 3 * 3);
  });

  it('NhwcConv and FusedConv', () => {
    const r = runOp('NhwcConv', { inputs: [t('float16', [1, 10, 10, 3]), t('float16', [6, 3, 3, 3])], domain: MS });
    expect(outShape(r)).toEqual([1, 8, 8, 6]);
    expect(r.cost?.macs).toBe(8 * 8 * 6 * 3 * 3 * 3);
    const f = runOp('FusedConv', {
      inputs: [t('float32', [1, 3, 10, 10]), t('float32', [6, 3, 3, 3]), t('float32', [6])],
      domain: MS,
      attrs: { activation: 'Relu' },
    });
    const macs = 6 * 8 * 8 * 3 * 3 * 3;
    const y = 6 * 8 * 8;
    // bias + Relu (1 per element)
    expect(f.cost).toEqual({ macs, flops: 2 * macs + y + y, coreMacs: macs });
  });

  it('NhwcFusedConv: NHWC, bias, Z sum and activation', () => {
    const r = runOp('NhwcFusedConv', {
      domain: MS,
      inputs: [t('float16', [1, 8, 8, 4]), t('float16', [8, 4, 1, 1]), t('float16', [8]), t('float16', [1, 8, 8, 8])],
      attrs: { activation: 'Sigmoid' },
    });
    expect(outShape(r)).toEqual([1, 8, 8, 8]);
    const macs = 8 * 8 * 8 * 4 * 1 * 1;
    const y = 8 * 8 * 8;
    // bias + Z + Sigmoid (4 per element)
    expect(r.cost).toEqual({ macs, flops: 2 * macs + y + y + 4 * y, coreMacs: macs });
  });

  it('DeformConv: conv MACs plus bilinear sampling', () => {
    const r = runOp('DeformConv', {
      inputs: [t('float32', [1, 2, 6, 6]), t('float32', [4, 2, 3, 3]), t('float32', [1, 18, 4, 4])],
    });
    expect(outShape(r)).toEqual([1, 4, 4, 4]);
    const macs = 1 * 4 * 4 * 4 * 2 * 3 * 3;
    const samples = 1 * 2 * 3 * 3 * 4 * 4;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + samples * 7, coreMacs: macs });
  });

  it('Col2Im from known image_shape and block_shape', () => {
    const r = runOp('Col2Im', {
      inputs: [t('float32', [1, 5 * 2 * 2, 16]), t('int64', [2], [5, 5]), t('int64', [2], [2, 2])],
    });
    expect(outShape(r)).toEqual([1, 5, 5, 5]);
    expect(r.cost).toEqual({ macs: 0, flops: 1 * 20 * 16, coreMacs: 0 });
    const u = runOp('Col2Im', { inputs: [t('float32', [1, 20, 16]), t('int64', [2]), t('int64', [2])] });
    expect(outShape(u)).toEqual([1, null, null, null]);
  });
});

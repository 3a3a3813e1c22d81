/**
 * TFLite convolutions: shapes by TFLite's padding formulas, MACs by the ONNX conventions
 * (worked out here from the layer's dims), classes, fused activations, int32 biases as params.
 */
import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../../helpers/op.js';
import { infer, op, tfliteModel, totals } from '../../helpers/tflite-graph.js';

const TFL = 'tflite';

function conv(x: number[], w: number[], attrs: Record<string, number | string> = {}, bias = true) {
  const inputs = [t('float32', x), t('float32', w)];
  if (bias) inputs.push(t('float32', [w[0]]));
  return runOp('CONV_2D', { domain: TFL, inputs, attrs: { padding: 'SAME', stride_h: 1, stride_w: 1, ...attrs } });
}

/** TFLite's output size: SAME ceil(in / s); VALID ceil((in - (k - 1)·d) / s). */
const same = (i: number, s: number) => Math.ceil(i / s);
const valid = (i: number, k: number, s: number, d = 1) => Math.ceil((i - (k - 1) * d) / s);

describe('CONV_2D', () => {
  it('MobileNet-v1 first conv: 224x224x3 -> 112x112x32, stride 2, SAME', () => {
    const r = conv([1, 224, 224, 3], [32, 3, 3, 3], { stride_h: 2, stride_w: 2 });
    expect(outShape(r)).toEqual([1, 112, 112, 32]);
    const macs = 112 * 112 * 32 * 3 * 3 * 3;
    expect(macs).toBe(10_838_016);
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 112 * 112 * 32, coreMacs: macs });
    expect(r.opClass).toBe('conv');
  });

  const cases: [string, number, number, number, string, number][] = [
    // in, k, stride, padding, dilation
    ['SAME odd', 7, 3, 2, 'SAME', 1],
    ['SAME even', 8, 3, 2, 'SAME', 1],
    ['SAME stride 3', 10, 5, 3, 'SAME', 1],
    ['VALID', 7, 3, 2, 'VALID', 1],
    ['VALID stride 1', 9, 3, 1, 'VALID', 1],
    ['VALID dilated', 13, 3, 2, 'VALID', 3],
    ['SAME dilated', 13, 3, 1, 'SAME', 2],
  ];
  for (const [name, size, k, s, padding, d] of cases) {
    it(`${name}: in ${size}, k ${k}, stride ${s}, dilation ${d}`, () => {
      const r = conv([2, size, size + 1, 4], [6, k, k, 4], { padding, stride_h: s, stride_w: s, dilation_h_factor: d, dilation_w_factor: d });
      const o = (i: number) => (padding === 'SAME' ? same(i, s) : valid(i, k, s, d));
      expect(outShape(r)).toEqual([2, o(size), o(size + 1), 6]);
    });
  }

  it('a 1x1 conv is conv-1x1; no bias: FLOPs = 2 x MACs', () => {
    const r = conv([1, 14, 14, 64], [128, 1, 1, 64], {}, false);
    const macs = 14 * 14 * 128 * 64;
    expect(r.cost).toEqual({ macs, flops: 2 * macs, coreMacs: macs });
    expect(r.opClass).toBe('conv-1x1');
  });

  it('grouped when input channels / filter channels > 1', () => {
    // 64 input channels, filter Cin 16: 4 groups of 16 channels.
    const r = conv([1, 8, 8, 64], [32, 3, 3, 16]);
    expect(outShape(r)).toEqual([1, 8, 8, 32]);
    expect(r.cost?.coreMacs).toBe(8 * 8 * 32 * 16 * 9);
    expect(r.opClass).toBe('grouped');
  });

  it('a fused RELU6 adds 2 FLOPs per output element, RELU 1', () => {
    const y = 56 * 56 * 24;
    const macs = y * 16 * 9;
    const base = conv([1, 56, 56, 16], [24, 3, 3, 16]);
    const relu6 = conv([1, 56, 56, 16], [24, 3, 3, 16], { fused_activation_function: 'RELU6' });
    const relu = conv([1, 56, 56, 16], [24, 3, 3, 16], { fused_activation_function: 'RELU' });
    expect(base.cost?.flops).toBe(2 * macs + y);
    expect(relu6.cost?.flops).toBe(2 * macs + y + 2 * y);
    expect(relu.cost?.flops).toBe(2 * macs + y + y);
    expect(relu6.cost?.macs).toBe(macs);
  });

  it('a dynamic batch follows the input (re-derived for --dims)', () => {
    const r = runOp('CONV_2D', { domain: TFL, inputs: [t('float32', ['N', 32, 32, 3]), t('float32', [8, 3, 3, 3])], attrs: { padding: 'VALID' } });
    expect(outShape(r)).toEqual(['N', 30, 30, 8]);
    expect(r.cost).toBeNull();
  });
});

describe('DEPTHWISE_CONV_2D', () => {
  it('depth multiplier 1: MACs = |Y| x KH x KW', () => {
    const r = runOp('DEPTHWISE_CONV_2D', {
      domain: TFL,
      inputs: [t('float32', [1, 112, 112, 32]), t('float32', [1, 3, 3, 32]), t('float32', [32])],
      attrs: { padding: 'SAME', stride_h: 1, stride_w: 1, depth_multiplier: 1, fused_activation_function: 'RELU6' },
    });
    expect(outShape(r)).toEqual([1, 112, 112, 32]);
    const y = 112 * 112 * 32;
    expect(r.cost).toEqual({ macs: y * 9, flops: 2 * y * 9 + y + 2 * y, coreMacs: y * 9 });
    expect(r.opClass).toBe('depthwise');
  });

  it('depth multiplier 2 doubles the channels and the MACs', () => {
    const r = runOp('DEPTHWISE_CONV_2D', {
      domain: TFL,
      inputs: [t('int8', [1, 49, 10, 8]), t('int8', [1, 5, 4, 16])],
      attrs: { padding: 'VALID', stride_h: 2, stride_w: 2, depth_multiplier: 2 },
    });
    const [h, w] = [valid(49, 5, 2), valid(10, 4, 2)];
    expect(outShape(r)).toEqual([1, h, w, 16]);
    expect(r.cost?.coreMacs).toBe(h * w * 16 * 5 * 4);
    expect(r.outputs[0]).toMatchObject({ dtype: 'int8' });
  });
});

describe('TRANSPOSE_CONV', () => {
  it('output_shape from its constant; MACs as ONNX ConvTranspose: |X| x Cout x K', () => {
    const r = runOp('TRANSPOSE_CONV', {
      domain: TFL,
      inputs: [t('int32', [4], [1, 28, 28, 16]), t('float32', [16, 3, 3, 32]), t('float32', [1, 14, 14, 32]), t('float32', [16])],
      attrs: { padding: 'SAME', stride_h: 2, stride_w: 2 },
    });
    expect(outShape(r)).toEqual([1, 28, 28, 16]);
    const macs = 14 * 14 * 32 * 16 * 9;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 28 * 28 * 16, coreMacs: macs });
    expect(r.opClass).toBe('conv-transpose');
  });

  it('without a known output_shape: SAME in x stride, VALID (in - 1) x stride + k', () => {
    const mk = (padding: string) =>
      runOp('TRANSPOSE_CONV', {
        domain: TFL,
        inputs: [t('int32', [4]), t('float32', [8, 4, 4, 3]), t('float32', [1, 10, 10, 3])],
        attrs: { padding, stride_h: 2, stride_w: 2 },
        omit: [],
      });
    expect(outShape(mk('SAME'))).toEqual([1, 20, 20, 8]);
    expect(outShape(mk('VALID'))).toEqual([1, 22, 22, 8]);
  });
});

describe('CONV_3D / CONV_3D_TRANSPOSE', () => {
  it('CONV_3D: filter [KD, KH, KW, Cin, Cout], MACs |Y| x Cin x KD·KH·KW, class conv-3d', () => {
    const r = runOp('CONV_3D', {
      domain: TFL,
      inputs: [t('float32', [1, 8, 16, 16, 3]), t('float32', [3, 3, 3, 3, 6])],
      attrs: { padding: 'SAME', stride_d: 1, stride_h: 2, stride_w: 2 },
    });
    expect(outShape(r)).toEqual([1, 8, 8, 8, 6]);
    const macs = 8 * 8 * 8 * 6 * 3 * 27;
    expect(r.cost).toEqual({ macs, flops: 2 * macs, coreMacs: macs });
    expect(r.opClass).toBe('conv-3d');
  });

  it('CONV_3D_TRANSPOSE: filter [KD, KH, KW, Cout, Cin], MACs |X| x Cout x K', () => {
    const r = runOp('CONV_3D_TRANSPOSE', {
      domain: TFL,
      inputs: [t('int32', [5], [1, 8, 8, 8, 4]), t('float32', [2, 2, 2, 4, 6]), t('float32', [1, 4, 4, 4, 6])],
      attrs: { padding: 'VALID', stride_d: 2, stride_h: 2, stride_w: 2 },
    });
    expect(outShape(r)).toEqual([1, 8, 8, 8, 4]);
    expect(r.cost?.coreMacs).toBe(4 * 4 * 4 * 6 * 4 * 8);
  });
});

describe('params of a quantized conv', () => {
  it('the int32 bias counts as params, an int32 RESHAPE shape does not', () => {
    const model = tfliteModel({
      inputs: [['x', 'int8', [1, 8, 8, 4]]],
      consts: [
        ['w', 'int8', [16, 3, 3, 4]],
        ['b', 'int32', [16]],
        ['shape', 'int32', [2], [1, -1]],
      ],
      nodes: [op('CONV_2D', ['x', 'w', 'b'], ['y'], { padding: 'SAME', stride_h: 1, stride_w: 1 }), op('RESHAPE', ['y', 'shape'], ['z'])],
      outputs: [['z', 'int8', [1, 1024]]],
    });
    const r = infer(model);
    expect(r.warnings).toEqual([]);
    expect(totals(r).params).toBe(16 * 3 * 3 * 4 + 16);
    expect(r.nodes[0].params).toBe(16 * 3 * 3 * 4 + 16);
    expect(r.nodes[1].params).toBe(0);
    expect(r.outputs[0].info).toMatchObject({ shape: [1, 8 * 8 * 16] });
  });
});

import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';

const MS = 'com.microsoft';
const QUANT = 4; // divide, round, + zero point, saturate
const DEQUANT = 2; // - zero point, x scale

describe('QuantizeLinear', () => {
  it('output typed like y_zero_point, same shape', () => {
    const r = runOp('QuantizeLinear', { inputs: [t('float32', [1, 3, 8, 8]), t('float32', []), t('int8', [])], opset: 13 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int8', shape: [1, 3, 8, 8] });
    expect(r.cost).toEqual({ macs: 0, flops: QUANT * 3 * 8 * 8, coreMacs: 0 });
  });

  it('uint8 by default, output_dtype attribute at 21', () => {
    expect(runOp('QuantizeLinear', { inputs: [t('float32', [4]), t('float32', [])], opset: 10 }).outputs[0]).toMatchObject({ dtype: 'uint8' });
    // 22 = INT4
    const r = runOp('QuantizeLinear', {
      inputs: [t('float32', [64, 32]), t('float32', [2, 32])],
      attrs: { output_dtype: 22, axis: 0, block_size: 32 },
      opset: 21,
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int4', shape: [64, 32] });
  });

  it('zero point of unknown type: unknown dtype, shape still known', () => {
    const r = runOp('QuantizeLinear', { inputs: [t('float32', ['N', 4]), t('float32', []), undefined] });
    expect(r.outputs[0]).toMatchObject({ dtype: null, shape: ['N', 4] });
    expect(r.cost).toBeNull();
  });
});

describe('DequantizeLinear', () => {
  it('float32 before opset 19, the scale type after', () => {
    const r = runOp('DequantizeLinear', { inputs: [t('int8', [16, 16]), t('float32', []), t('int8', [])], opset: 13 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [16, 16] });
    expect(r.cost).toEqual({ macs: 0, flops: DEQUANT * 16 * 16, coreMacs: 0 });
    const h = runOp('DequantizeLinear', { inputs: [t('uint8', [4]), t('float16', [])], opset: 19 });
    expect(h.outputs[0]).toMatchObject({ dtype: 'float16' });
  });

  it('int4 blocked weights', () => {
    const r = runOp('DequantizeLinear', {
      inputs: [t('int4', [4096, 4096]), t('float16', [4096, 128]), t('int4', [4096, 128])],
      attrs: { axis: 1, block_size: 32 },
      opset: 21,
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [4096, 4096] });
    expect(r.cost?.flops).toBe(DEQUANT * 4096 * 4096);
  });

  it('output_dtype attribute (opset 23+)', () => {
    // 16 = BFLOAT16
    const r = runOp('DequantizeLinear', { inputs: [t('int8', [2]), t('float32', [])], attrs: { output_dtype: 16 }, opset: 23 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'bfloat16' });
  });

  it('com.microsoft forms', () => {
    expect(runOp('QuantizeLinear', { domain: MS, inputs: [t('float16', [3]), t('float16', []), t('uint16', [])] }).outputs[0]).toMatchObject({
      dtype: 'uint16',
      shape: [3],
    });
    expect(runOp('DequantizeLinear', { domain: MS, inputs: [t('uint8', [3]), t('float16', []), t('uint8', [])] }).outputs[0]).toMatchObject({
      dtype: 'float16',
      shape: [3],
    });
  });
});

describe('DynamicQuantizeLinear', () => {
  it('y, scalar scale and zero point', () => {
    const r = runOp('DynamicQuantizeLinear', { inputs: [t('float32', [3, 4])], outputs: 3 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'uint8', shape: [3, 4] });
    expect(r.outputs[1]).toMatchObject({ dtype: 'float32', shape: [] });
    expect(r.outputs[2]).toMatchObject({ dtype: 'uint8', shape: [] });
    // min + max (2) + quantize (4) per element, 8 scalar ops for scale and zero point
    expect(r.cost?.flops).toBe((2 + QUANT) * 12 + 8);
  });
});

describe('com.microsoft QLinear operators', () => {
  it('QLinearAdd broadcasts', () => {
    const r = runOp('QLinearAdd', {
      domain: MS,
      inputs: [
        t('uint8', [1, 8, 4, 4]),
        t('float32', []),
        t('uint8', []),
        t('uint8', [8, 1, 1]),
        t('float32', []),
        t('uint8', []),
        t('float32', []),
        t('uint8', []),
      ],
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'uint8', shape: [1, 8, 4, 4] });
    const c = 8 * 4 * 4;
    expect(r.cost?.flops).toBe(DEQUANT * (c + 8) + (1 + QUANT) * c);
  });

  it('QLinearMul', () => {
    const r = runOp('QLinearMul', {
      domain: MS,
      inputs: [t('int8', [2, 3]), t('float32', []), t('int8', []), t('int8', [2, 3]), t('float32', []), t('int8', []), t('float32', []), t('int8', [])],
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int8', shape: [2, 3] });
    expect(r.cost?.flops).toBe(DEQUANT * (6 + 6) + (1 + QUANT) * 6);
  });

  it('QLinearSigmoid / QLinearLeakyRelu / QLinearSoftmax', () => {
    const q = [t('int8', [2, 10]), t('float32', []), t('int8', []), t('float32', []), t('int8', [])];
    expect(runOp('QLinearSigmoid', { domain: MS, inputs: q }).cost?.flops).toBe(20 * (DEQUANT + 4 + QUANT));
    expect(runOp('QLinearLeakyRelu', { domain: MS, inputs: q }).cost?.flops).toBe(20 * (DEQUANT + 2 + QUANT));
    const s = runOp('QLinearSoftmax', { domain: MS, inputs: q, attrs: { axis: -1, opset: 13 } });
    expect(s.outputs[0]).toMatchObject({ dtype: 'int8', shape: [2, 10] });
    expect(s.cost?.flops).toBe(20 * (DEQUANT + 5 + QUANT));
  });

  it('QLinearGlobalAveragePool NCHW and NHWC', () => {
    const params = [t('float32', []), t('uint8', []), t('float32', []), t('uint8', [])];
    const r = runOp('QLinearGlobalAveragePool', { domain: MS, inputs: [t('uint8', [1, 64, 7, 7]), ...params] });
    expect(outShape(r)).toEqual([1, 64, 1, 1]);
    const x = 64 * 7 * 7;
    expect(r.cost?.flops).toBe(DEQUANT * x + 64 * (7 * 7 + 1) + QUANT * 64);
    const n = runOp('QLinearGlobalAveragePool', { domain: MS, inputs: [t('uint8', [1, 7, 7, 64]), ...params], attrs: { channels_last: 1 } });
    expect(outShape(n)).toEqual([1, 1, 1, 64]);
    expect(n.cost?.flops).toBe(DEQUANT * x + 64 * (7 * 7 + 1) + QUANT * 64);
  });

  it('QLinearAveragePool', () => {
    const params = [t('float32', []), t('uint8', []), t('float32', []), t('uint8', [])];
    const r = runOp('QLinearAveragePool', {
      domain: MS,
      inputs: [t('uint8', [1, 8, 8, 8]), ...params],
      attrs: { kernel_shape: [2, 2], strides: [2, 2] },
    });
    expect(outShape(r)).toEqual([1, 8, 4, 4]);
    const y = 8 * 4 * 4;
    expect(r.cost?.flops).toBe(DEQUANT * 8 * 8 * 8 + (2 * 2 + 1) * y + QUANT * y);
  });

  it('QLinearConcat', () => {
    const r = runOp('QLinearConcat', {
      domain: MS,
      inputs: [t('float32', []), t('int8', []), t('int8', [1, 3, 4]), t('float32', []), t('int8', []), t('int8', [1, 5, 4]), t('float32', []), t('int8', [])],
      attrs: { axis: -2 },
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int8', shape: [1, 8, 4] });
    expect(r.cost?.flops).toBe((DEQUANT + QUANT) * 1 * 8 * 4);
  });
});

import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';

const flopsOnly = (flops: number) => ({ macs: 0, flops, coreMacs: 0 });
const MS = 'com.microsoft';

describe('pointwise activations', () => {
  // [op, FLOPs per element from the formula in the file header]
  const table: [string, number][] = [
    ['Relu', 1], // max(x, 0)
    ['LeakyRelu', 2], // compare, multiply
    ['ThresholdedRelu', 1], // compare
    ['Elu', 4], // compare, exp, subtract, multiply
    ['Selu', 5], // compare, exp, multiply, subtract, multiply
    ['Celu', 7], // max, divide, exp, subtract, multiply, min, add
    ['Sigmoid', 4], // negate, exp, add, divide
    ['HardSigmoid', 4], // multiply, add, min, max
    ['HardSwish', 5], // hard sigmoid (4) + multiply
    ['Tanh', 1],
    ['Softplus', 3], // exp, add, log
    ['Softsign', 3], // abs, add, divide
    ['Mish', 5], // exp, add, log, tanh, multiply
    ['Shrink', 3], // two compares, one add
    ['Swish', 6], // multiply, sigmoid (4), multiply
    ['Gelu', 5], // divide, erf, add, multiply, multiply
    ['Softmax', 5], // max, subtract, exp, sum, divide
    ['Hardmax', 1], // compare
  ];
  it.each(table)('%s keeps shape and dtype and costs %i per element', (op, per) => {
    const r = runOp(op, { inputs: [t('float16', [2, 'S', 8])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 'S', 8] });
    expect(r.cost).toBeNull(); // a symbolic dim: the element count is unknown
    const c = runOp(op, { inputs: [t('float32', [2, 3, 8])] });
    expect(c.cost).toEqual(flopsOnly(per * 2 * 3 * 8));
    expect(c.warnings).toEqual([]);
  });

  it('PRelu has X shape (the slope broadcasts onto X) and costs 2 per element', () => {
    const r = runOp('PRelu', { inputs: [t('float32', [1, 16, 10, 10]), t('float32', [16, 1, 1])] });
    expect(outShape(r)).toEqual([1, 16, 10, 10]);
    expect(r.cost).toEqual(flopsOnly(2 * 1600));
  });

  it('Gelu with approximate=tanh counts the tanh formula', () => {
    // x^3 (2), * 0.044715, + x, * sqrt(2/pi), tanh, + 1, * x, * 0.5
    const per = 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1;
    const r = runOp('Gelu', { inputs: [t('float32', [4, 10])], attrs: { approximate: 'tanh' }, opset: 20 });
    expect(r.cost).toEqual(flopsOnly(per * 40));
  });

  it('SwiGLU merges the shapes of its two inputs', () => {
    const r = runOp('SwiGLU', { inputs: [t('float32', ['N', 64]), t('float32', [4, 64])], opset: 28 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [4, 64] });
    expect(r.cost).toEqual(flopsOnly(7 * 4 * 64));
    expect(outShape(runOp('SwiGLU', { inputs: [undefined, t('float32', [2, 3])], opset: 28 }))).toEqual([2, 3]);
  });

  it('unknown input: unknown shape, no cost', () => {
    const r = runOp('Relu', { inputs: [t('float32', null)] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: null });
    expect(r.cost).toBeNull();
  });
});

describe('softmax family', () => {
  const x = t('float32', [2, 3, 4]);
  const n = 2 * 3 * 4;

  it('Softmax output shape equals input shape at every opset', () => {
    for (const opset of [1, 11, 13]) {
      expect(outShape(runOp('Softmax', { inputs: [x], opset }))).toEqual([2, 3, 4]);
      expect(outShape(runOp('LogSoftmax', { inputs: [x], opset, attrs: { axis: 0 } }))).toEqual([2, 3, 4]);
      expect(outShape(runOp('Hardmax', { inputs: [x], opset }))).toEqual([2, 3, 4]);
    }
  });

  it('LogSoftmax adds one log per row: rows over the last axis from opset 13', () => {
    expect(runOp('LogSoftmax', { inputs: [x], opset: 13 }).cost).toEqual(flopsOnly(5 * n + 2 * 3));
    expect(runOp('LogSoftmax', { inputs: [x], opset: 13, attrs: { axis: 1 } }).cost).toEqual(flopsOnly(5 * n + n / 3));
  });

  it('before opset 13 the input is coerced to 2-D at axis (default 1)', () => {
    // rows = product of the dims before axis
    expect(runOp('LogSoftmax', { inputs: [x], opset: 11 }).cost).toEqual(flopsOnly(5 * n + 2));
    expect(runOp('LogSoftmax', { inputs: [x], opset: 11, attrs: { axis: -1 } }).cost).toEqual(flopsOnly(5 * n + 2 * 3));
    expect(runOp('LogSoftmax', { inputs: [x], opset: 11, attrs: { axis: 3 } }).cost).toEqual(flopsOnly(5 * n + n));
  });

  it('an out-of-range axis leaves the LogSoftmax cost unknown', () => {
    expect(runOp('LogSoftmax', { inputs: [x], opset: 13, attrs: { axis: 3 } }).cost).toBeNull();
  });
});

describe('com.microsoft activations', () => {
  const x = t('float16', [2, 16, 64]);
  const n = 2 * 16 * 64;
  const table: [string, number, number][] = [
    ['Gelu', 1, 5],
    ['FastGelu', 1, 9],
    ['FastGelu', 2, 10], // with the bias input: + 1 add
    ['BiasGelu', 2, 6],
    ['QuickGelu', 1, 6],
    ['BiasSoftmax', 2, 6],
  ];
  it.each(table)('%s with %i inputs costs %i per element', (op, inputs, per) => {
    const ins = [x, t('float16', [64])].slice(0, inputs);
    const r = runOp(op, { domain: MS, inputs: ins });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 16, 64] });
    expect(r.cost).toEqual(flopsOnly(per * n));
  });

  it('BiasSplitGelu halves the last dim', () => {
    const r = runOp('BiasSplitGelu', { domain: MS, inputs: [t('float16', [2, 4096, 2560]), t('float16', [2560])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 4096, 1280] });
    expect(r.cost).toEqual(flopsOnly(8 * 2 * 4096 * 1280));
    const noBias = runOp('BiasSplitGelu', { domain: MS, inputs: [t('float16', ['N', 'S', 640]), undefined] });
    expect(outShape(noBias)).toEqual(['N', 'S', 320]);
    expect(outShape(runOp('BiasSplitGelu', { domain: MS, inputs: [t('float16', [2, 3]), t('float16', [3])] }))).toBeNull();
  });
});

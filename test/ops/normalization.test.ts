import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';

const flopsOnly = (flops: number) => ({ macs: 0, flops, coreMacs: 0 });
const MS = 'com.microsoft';

describe('BatchNormalization', () => {
  const [b, c, h, w] = [2, 16, 8, 8];
  const n = b * c * h * w;
  const x = t('float16', [b, c, h, w]);
  const p = (dt: 'float16' | 'float32' = 'float16') => t(dt, [c]);
  const inference = 4 * n + 2 * c; // sub, div, mul, add per element; add eps, sqrt per channel
  const training = 8 * n + 10 * c; // + mean (N + C), var (3N + C), running updates (6C)

  it('inference: Y has X shape', () => {
    for (const opset of [7, 9, 14, 15]) {
      const r = runOp('BatchNormalization', { inputs: [x, p(), p(), p(), p()], opset });
      expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [b, c, h, w] });
      expect(r.cost).toEqual(flopsOnly(inference));
    }
  });

  it('opset 15 training mode: running mean / var typed like inputs 3 / 4', () => {
    const r = runOp('BatchNormalization', {
      inputs: [x, p(), p(), p('float32'), p('float32')],
      attrs: { training_mode: 1 },
      outputs: 3,
      opset: 15,
    });
    expect(r.outputs[1]).toMatchObject({ dtype: 'float32', shape: [c] });
    expect(r.outputs[2]).toMatchObject({ dtype: 'float32', shape: [c] });
    expect(r.cost).toEqual(flopsOnly(training));
  });

  it('opset 9: five outputs mean training, all statistics [C]', () => {
    const r = runOp('BatchNormalization', { inputs: [x, p(), p(), p(), p()], outputs: 5, opset: 9 });
    for (let i = 1; i < 5; i++) expect(r.outputs[i]).toMatchObject({ dtype: 'float16', shape: [c] });
    expect(r.cost).toEqual(flopsOnly(training));
  });

  it('opset 7 with spatial = 0: statistics take the mean input shape', () => {
    const stats = t('float32', [c, h, w]);
    const r = runOp('BatchNormalization', {
      inputs: [t('float32', [b, c, h, w]), stats, stats, stats, stats],
      attrs: { spatial: 0 },
      outputs: 3,
      opset: 7,
    });
    expect(outShape(r, 1)).toEqual([c, h, w]);
    expect(r.cost).toEqual(flopsOnly(training + 10 * (c * h * w - c)));
  });

  it('channels come from the parameters when X is unknown', () => {
    const r = runOp('BatchNormalization', { inputs: [t('float32', null), p(), p(), p(), p()], outputs: 3, opset: 9 });
    expect(outShape(r, 0)).toBeNull();
    expect(outShape(r, 1)).toEqual([c]);
    expect(r.cost).toBeNull();
  });
});

describe('InstanceNormalization / GroupNormalization', () => {
  const [b, c, h, w] = [2, 8, 5, 5];
  const n = b * c * h * w;
  const x = t('float32', [b, c, h, w]);

  it('InstanceNormalization: statistics per (n, c)', () => {
    const r = runOp('InstanceNormalization', { inputs: [x, t('float32', [c]), t('float32', [c])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [b, c, h, w] });
    // standardise 5 + scale 1 + bias 1 per element; 5 per group
    expect(r.cost).toEqual(flopsOnly(7 * n + 5 * b * c));
  });

  it.each([18, 21])('GroupNormalization opset %i: statistics per (n, group)', (opset) => {
    const groups = 4;
    const param = t('float32', [opset === 18 ? groups : c]);
    const r = runOp('GroupNormalization', { inputs: [x, param, param], attrs: { num_groups: groups }, opset });
    expect(outShape(r)).toEqual([b, c, h, w]);
    expect(r.cost).toEqual(flopsOnly(7 * n + 5 * b * groups));
  });

  it('com.microsoft GroupNorm (NHWC) with SiLU, and SkipGroupNorm with its sum output', () => {
    const nhwc = t('float16', [b, h, w, c]);
    const gamma = t('float32', [c]);
    const g = runOp('GroupNorm', { domain: MS, inputs: [nhwc, gamma, gamma], attrs: { groups: 2, activation: 1 } });
    expect(g.outputs[0]).toMatchObject({ dtype: 'float16', shape: [b, h, w, c] });
    expect(g.cost).toEqual(flopsOnly((7 + 5) * n + 5 * b * 2));
    const s = runOp('SkipGroupNorm', {
      domain: MS,
      inputs: [nhwc, gamma, gamma, t('float16', [b, 1, 1, c]), t('float16', [c])],
      attrs: { groups: 2, activation: 0 },
      outputs: 2,
    });
    expect(s.outputs[1]).toMatchObject({ dtype: 'float16', shape: [b, h, w, c] });
    expect(s.cost).toEqual(flopsOnly((7 + 2) * n + 5 * b * 2));
  });
});

describe('LayerNormalization', () => {
  const x = t('float16', [2, 3, 4]);
  const scale = t('float16', [4]);
  const n = 24;

  it('opset 17: Mean / InvStdDev are X[:axis] + 1s, typed by stash_type (default float32)', () => {
    const r = runOp('LayerNormalization', { inputs: [x, scale, scale], outputs: 3, opset: 17 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 3, 4] });
    expect(r.outputs[1]).toMatchObject({ dtype: 'float32', shape: [2, 3, 1] });
    expect(r.outputs[2]).toMatchObject({ dtype: 'float32', shape: [2, 3, 1] });
    // standardise 5 + scale 1 + bias 1 per element; 2 divides, add eps, sqrt, reciprocal per row
    expect(r.cost).toEqual(flopsOnly(7 * n + 5 * 6));
  });

  it('axis 1, no bias, bfloat16 stash', () => {
    const r = runOp('LayerNormalization', { inputs: [x, t('float16', [3, 4])], attrs: { axis: 1, stash_type: 16 }, outputs: 2, opset: 17 });
    expect(r.outputs[1]).toMatchObject({ dtype: 'bfloat16', shape: [2, 1, 1] });
    expect(r.cost).toEqual(flopsOnly(6 * n + 5 * 2));
  });

  it('negative axis and symbolic dims', () => {
    const r = runOp('LayerNormalization', { inputs: [t('float32', ['B', 'S', 768]), t('float32', [768])], attrs: { axis: -2 }, outputs: 3 });
    expect(outShape(r, 2)).toEqual(['B', 1, 1]);
  });

  it('ONNX Runtime copy in the default domain before opset 17', () => {
    const r = runOp('LayerNormalization', { inputs: [t('float64', [2, 5]), t('float64', [5])], outputs: 3, opset: 12 });
    expect(r.outputs[1]).toMatchObject({ dtype: 'float64', shape: [2, 1] });
    expect(runOp('LayerNormalization', { inputs: [x, scale], outputs: 2, opset: 12 }).outputs[1]).toMatchObject({ dtype: 'float32' });
  });

  it('unknown input: unknown shapes, no cost', () => {
    const r = runOp('LayerNormalization', { inputs: [t('float32', null), scale], outputs: 3, opset: 17 });
    expect(outShape(r, 0)).toBeNull();
    expect(outShape(r, 1)).toBeNull();
    expect(r.cost).toBeNull();
  });
});

describe('RMS normalizations and the Skip* fusions', () => {
  const x = t('float16', [2, 7, 64]);
  const n = 2 * 7 * 64;
  const rows = 14;
  const gamma = t('float16', [64]);

  it('RMSNormalization: square, sum, divide, scale per element; divide, add, sqrt per row', () => {
    const r = runOp('RMSNormalization', { inputs: [x, gamma], opset: 23 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 7, 64] });
    expect(r.cost).toEqual(flopsOnly(4 * n + 3 * rows));
  });

  it.each(['', MS])('SimplifiedLayerNormalization (domain "%s") with inv_std_var', (domain) => {
    const r = runOp('SimplifiedLayerNormalization', { domain, inputs: [x, gamma], outputs: 2, opset: domain ? 1 : 14 });
    expect(r.outputs[1]).toMatchObject({ dtype: 'float32', shape: [2, 7, 1] });
    expect(r.cost).toEqual(flopsOnly(4 * n + 3 * rows));
  });

  it('SkipLayerNormalization: output and input_skip_bias_sum have the input shape', () => {
    const r = runOp('SkipLayerNormalization', { domain: MS, inputs: [x, x, gamma, gamma, gamma], outputs: 4 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 7, 64] });
    expect(r.outputs[3]).toMatchObject({ dtype: 'float16', shape: [2, 7, 64] });
    expect(r.outputs[1]).toMatchObject({ dtype: 'float32', shape: null });
    // skip add, bias add, then LayerNorm with beta (7 per element, 5 per row)
    expect(r.cost).toEqual(flopsOnly((1 + 1 + 7) * n + 5 * rows));
    const bare = runOp('SkipLayerNormalization', { domain: MS, inputs: [x, x, gamma] });
    expect(bare.cost).toEqual(flopsOnly((1 + 6) * n + 5 * rows));
  });

  it('SkipSimplifiedLayerNormalization', () => {
    const r = runOp('SkipSimplifiedLayerNormalization', { domain: MS, inputs: [x, x, gamma], outputs: 4 });
    expect(outShape(r, 3)).toEqual([2, 7, 64]);
    expect(r.cost).toEqual(flopsOnly((1 + 4) * n + 3 * rows));
    const withBias = runOp('SkipSimplifiedLayerNormalization', { domain: MS, inputs: [x, x, gamma, gamma] });
    expect(withBias.cost).toEqual(flopsOnly((2 + 4) * n + 3 * rows));
  });
});

describe('LpNormalization, MeanVarianceNormalization, LRN', () => {
  it('LpNormalization: 3 per element, plus a sqrt per row for p = 2', () => {
    const x = t('float32', [2, 3, 4]);
    expect(outShape(runOp('LpNormalization', { inputs: [x] }))).toEqual([2, 3, 4]);
    expect(runOp('LpNormalization', { inputs: [x] }).cost).toEqual(flopsOnly(3 * 24 + 6));
    expect(runOp('LpNormalization', { inputs: [x], attrs: { p: 1, axis: 0 } }).cost).toEqual(flopsOnly(3 * 24));
  });

  it('MeanVarianceNormalization: default axes [0, 2, 3]', () => {
    const x = t('float32', [2, 3, 4, 5]);
    const n = 120;
    const groups = 3; // one per channel
    expect(outShape(runOp('MeanVarianceNormalization', { inputs: [x] }))).toEqual([2, 3, 4, 5]);
    expect(runOp('MeanVarianceNormalization', { inputs: [x] }).cost).toEqual(flopsOnly(5 * n + 6 * groups));
    expect(runOp('MeanVarianceNormalization', { inputs: [x], attrs: { axes: [-1] } }).cost).toEqual(flopsOnly(5 * n + 6 * 24));
  });

  it('LRN: square, size - 1 adds, scale, add, pow, divide per element', () => {
    const x = t('float32', [1, 10, 6, 6]);
    const size = 5;
    const r = runOp('LRN', { inputs: [x], attrs: { size } });
    expect(outShape(r)).toEqual([1, 10, 6, 6]);
    expect(r.cost).toEqual(flopsOnly((1 + (size - 1) + 4) * 360));
  });
});

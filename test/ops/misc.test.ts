import { describe, expect, it } from 'vitest';
import { runOp, outShape, t } from '../helpers/op.js';
import { dtypeCode } from '../../src/graph/dtype.js';

const scalar = (v: number, dtype: 'int64' | 'int32' | 'float32' = 'int64') => t(dtype, [], [v]);
const flops = (n: number) => ({ macs: 0, flops: n, coreMacs: 0 });

describe('random generators', () => {
  it('RandomUniform / RandomNormal: shape and dtype attributes, float by default', () => {
    const u = runOp('RandomUniform', { inputs: [], attrs: { shape: [2, 3] } });
    expect(u.outputs[0]).toMatchObject({ dtype: 'float32', shape: [2, 3] });
    expect(u.cost).toEqual(flops(2 * 3 * 2)); // low + (high - low) * u
    const n = runOp('RandomNormal', { inputs: [], attrs: { shape: [4], dtype: dtypeCode('float16') } });
    expect(n.outputs[0]).toMatchObject({ dtype: 'float16', shape: [4] });
    expect(n.cost).toEqual(flops(4 * 8)); // Box-Muller: ln, *-2, sqrt, *2pi, cos, *, *scale, +mean
  });

  it('the Like forms copy the input shape and (unless given) dtype', () => {
    const x = t('float64', [5, 'n']);
    expect(runOp('RandomUniformLike', { inputs: [x] }).outputs[0]).toMatchObject({ dtype: 'float64', shape: [5, 'n'] });
    expect(runOp('RandomNormalLike', { inputs: [x], attrs: { dtype: dtypeCode('float32') } }).outputs[0]).toMatchObject({
      dtype: 'float32',
    });
    expect(runOp('RandomNormalLike', { inputs: [t('float32', [2, 2])] }).cost).toEqual(flops(4 * 8));
  });

  it('Bernoulli: one comparison per element', () => {
    const r = runOp('Bernoulli', { inputs: [t('float64', [10])], opset: 15 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float64', shape: [10] });
    expect(r.cost).toEqual(flops(10));
  });

  it('Multinomial: [batch, sample_size], int32 by default', () => {
    const r = runOp('Multinomial', { inputs: [t('float32', [3, 5])], attrs: { sample_size: 4 } });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int32', shape: [3, 4] });
    expect(r.cost).toEqual(flops(3 * (2 * 5 + 4 * Math.ceil(Math.log2(5)))));
  });
});

describe('signal processing', () => {
  it.each([
    ['HannWindow', 5],
    ['HammingWindow', 5],
    ['BlackmanWindow', 10],
  ])('%s: [size], %d FLOPs per element', (op, per) => {
    const r = runOp(op, { inputs: [scalar(10, 'int32')], opset: 17 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [10] });
    expect(r.cost).toEqual(flops(10 * per));
    expect(outShape(runOp(op, { inputs: [t('int32', [])], opset: 17 }))).toEqual([null]);
  });

  it('DFT-17: axis attribute, complex output, onesided halves the axis', () => {
    const x = t('float32', [1, 10, 10, 1]);
    const r = runOp('DFT', { inputs: [x], attrs: { axis: 1 }, opset: 17 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [1, 10, 10, 2] });
    const n = 10;
    expect(r.cost).toEqual(flops(1 * 10 * Math.round(5 * n * Math.log2(n))));
    expect(outShape(runOp('DFT', { inputs: [x], attrs: { axis: 2, onesided: 1 }, opset: 17 }))).toEqual([1, 10, 6, 2]);
    expect(outShape(runOp('DFT', { inputs: [x, scalar(16)], attrs: { axis: 1 }, opset: 17 }))).toEqual([1, 16, 10, 2]);
  });

  it('DFT-20: axis input (default -2), inverse one-sided gives a real signal', () => {
    const x = t('float32', [2, 8, 2]);
    expect(outShape(runOp('DFT', { inputs: [x], opset: 20 }))).toEqual([2, 8, 2]);
    expect(outShape(runOp('DFT', { inputs: [x], attrs: { onesided: 1 }, opset: 20 }))).toEqual([2, 5, 2]);
    expect(outShape(runOp('DFT', { inputs: [x], attrs: { onesided: 1, inverse: 1 }, opset: 20 }))).toEqual([2, 2 * (8 - 1), 1]);
    expect(outShape(runOp('DFT', { inputs: [x, undefined, t('int64', [])], omit: [1], opset: 20 }))).toEqual([null, null, 2]);
  });

  it('STFT: frames from signal length, frame length and step', () => {
    const r = runOp('STFT', { inputs: [t('float32', [1, 128, 1]), scalar(8), t('float32', [16])], opset: 17 });
    const frames = Math.floor((128 - 16) / 8) + 1;
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [1, frames, 16 / 2 + 1, 2] });
    expect(r.cost).toEqual(flops(1 * frames * (Math.round(5 * 16 * Math.log2(16)) + 16)));
    const noWindow = runOp('STFT', { inputs: [t('float32', [1, 128, 1]), scalar(8), undefined, scalar(16)], omit: [2], attrs: { onesided: 0 }, opset: 17 });
    expect(outShape(noWindow)).toEqual([1, frames, 16, 2]);
  });

  it('MelWeightMatrix: [dft_length / 2 + 1, num_mel_bins]', () => {
    const r = runOp('MelWeightMatrix', {
      inputs: [scalar(8, 'int32'), scalar(16, 'int32'), scalar(8192, 'int32'), scalar(0, 'float32'), scalar(4096, 'float32')],
      opset: 17,
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [9, 8] });
    expect(r.cost).toEqual(flops(9 * 8 * 4));
  });
});

describe('text and images', () => {
  it('StringNormalizer: same shape without stop words, unknown count with them', () => {
    expect(outShape(runOp('StringNormalizer', { inputs: [t('string', [3])] }))).toEqual([3]);
    expect(outShape(runOp('StringNormalizer', { inputs: [t('string', [1, 4])], attrs: { stopwords: ['monday'] } }))).toEqual([1, null]);
    expect(runOp('StringNormalizer', { inputs: [t('string', [3])] }).cost).toEqual(flops(0));
  });

  it('TfIdfVectorizer: last dim is max(ngram_indexes) + 1', () => {
    const attrs = { ngram_indexes: [0, 1, 2, 3, 4, 5, 6], min_gram_length: 2, max_gram_length: 2, max_skip_count: 5, mode: 'TF' };
    const r = runOp('TfIdfVectorizer', { inputs: [t('int32', [2, 6])], attrs, opset: 9 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [2, 7] });
    expect(r.cost).toEqual(flops(2 * 6 * 1 * (5 + 1)));
    const idf = runOp('TfIdfVectorizer', { inputs: [t('int32', [6])], attrs: { ...attrs, mode: 'TFIDF' }, opset: 9 });
    expect(outShape(idf)).toEqual([7]);
    expect(idf.cost).toEqual(flops(6 * 1 * (5 + 1) + 7));
  });

  it('RegexFullMatch, StringConcat, StringSplit (opset 20)', () => {
    expect(runOp('RegexFullMatch', { inputs: [t('string', [2, 2])], opset: 20 }).outputs[0]).toMatchObject({ dtype: 'bool', shape: [2, 2] });
    expect(outShape(runOp('StringConcat', { inputs: [t('string', [2, 1]), t('string', [3])], opset: 20 }))).toEqual([2, 3]);
    const s = runOp('StringSplit', { inputs: [t('string', [2])], outputs: 2, opset: 20 });
    expect(s.outputs[0]).toMatchObject({ dtype: 'string', shape: [2, null] });
    expect(s.outputs[1]).toMatchObject({ dtype: 'int64', shape: [2] });
  });

  it('ImageDecoder: [H, W, C] with C from the pixel format', () => {
    expect(outShape(runOp('ImageDecoder', { inputs: [t('uint8', [1000])], opset: 20 }))).toEqual([null, null, 3]);
    expect(outShape(runOp('ImageDecoder', { inputs: [t('uint8', [1000])], attrs: { pixel_format: 'Grayscale' }, opset: 20 }))).toEqual([null, null, 1]);
  });
});

describe('robustness of the data-movement families', () => {
  it('every operator survives missing or unknown inputs at every opset without throwing', async () => {
    const families = await Promise.all([
      import('../../src/ops/shape.js'),
      import('../../src/ops/gather-scatter.js'),
      import('../../src/ops/slice-concat.js'),
      import('../../src/ops/resize.js'),
      import('../../src/ops/sequence.js'),
      import('../../src/ops/misc.js'),
    ]);
    const unknowns = [undefined, t(null, null), t('float32', [null, 'n', 3])];
    for (const def of families.flatMap((f) => f.ops)) {
      for (const opset of [7, 10, 11, 13, 18, 20, 24]) {
        for (const u of unknowns) {
          const r = runOp(def.opType, { inputs: [u, u, u, u, u], outputs: 4, opset });
          expect(r.warnings, `${def.opType} @${opset}`).toEqual([]);
        }
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';

describe('NegativeLogLikelihoodLoss', () => {
  const input = t('float32', [3, 5, 2, 4]); // N, C, d1, d2
  const target = t('int64', [3, 2, 4]);
  it('reduces to a scalar by default, keeps the target shape with none', () => {
    expect(outShape(runOp('NegativeLogLikelihoodLoss', { inputs: [input, target], opset: 13 }))).toEqual([]);
    expect(outShape(runOp('NegativeLogLikelihoodLoss', { inputs: [input, target], attrs: { reduction: 'none' } }))).toEqual([3, 2, 4]);
  });
  it('costs 2 per target element, 3 with class weights', () => {
    const e = 3 * 2 * 4;
    expect(runOp('NegativeLogLikelihoodLoss', { inputs: [input, target] }).cost).toEqual({ macs: 0, flops: 2 * e, coreMacs: 0 });
    expect(runOp('NegativeLogLikelihoodLoss', { inputs: [input, target, t('float32', [5])] }).cost?.flops).toBe(3 * e);
  });
});

describe('SoftmaxCrossEntropyLoss', () => {
  it('outputs the loss and the log-probabilities', () => {
    const r = runOp('SoftmaxCrossEntropyLoss', { inputs: [t('float32', [3, 5]), t('int64', [3])], outputs: 2, attrs: { reduction: 'none' } });
    expect(outShape(r, 0)).toEqual([3]);
    expect(outShape(r, 1)).toEqual([3, 5]);
    // log-softmax: 5 per score element; NLL: 2 per target element
    expect(r.cost?.flops).toBe(5 * 15 + 2 * 3);
  });
  it('unknown target shape gives an unknown loss shape for reduction none', () => {
    const r = runOp('SoftmaxCrossEntropyLoss', { inputs: [t('float32', [3, 5]), t('int64', null)], attrs: { reduction: 'none' } });
    expect(outShape(r)).toBeNull();
    expect(r.cost).toBeNull();
  });
});

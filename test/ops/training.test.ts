import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';

const domain = 'ai.onnx.preview.training';
const scalar = (dtype: 'float32' | 'int64') => t(dtype, []);

describe('optimizers', () => {
  it('Adam updates X, V and H for each tensor', () => {
    const x1 = t('float32', [2]);
    const x2 = t('float32', [3, 4]);
    const r = runOp('Adam', { domain, inputs: [scalar('float32'), scalar('int64'), x1, x2, x1, x2, x1, x2, x1, x2], outputs: 6 });
    expect([0, 1, 2, 3, 4, 5].map((i) => outShape(r, i))).toEqual([[2], [3, 4], [2], [3, 4], [2], [3, 4]]);
    expect(r.cost?.flops).toBe(14 * (2 + 12));
  });
  it('Adagrad and Momentum update X and one state', () => {
    const x = t('float32', [5]);
    const a = runOp('Adagrad', { domain, inputs: [scalar('float32'), scalar('int64'), x, x, x], outputs: 2 });
    expect([outShape(a, 0), outShape(a, 1)]).toEqual([[5], [5]]);
    expect(a.cost?.flops).toBe(8 * 5);
    expect(runOp('Momentum', { domain, inputs: [scalar('float32'), scalar('int64'), x, x, x], outputs: 2 }).cost?.flops).toBe(6 * 5);
  });
});

describe('Gradient', () => {
  it('each gradient has the shape of its x', () => {
    const r = runOp('Gradient', { domain, inputs: [t('float32', [2, 3]), t('float32', [])], attrs: { xs: ['a', 'b'], y: 'c' }, outputs: 2 });
    expect([outShape(r, 0), outShape(r, 1)]).toEqual([[2, 3], []]);
  });
});

/** FULLY_CONNECTED and BATCH_MATMUL: shapes (keep_num_dims, adj_x / adj_y, broadcasting) and MACs. */
import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../../helpers/op.js';

const TFL = 'tflite';

describe('FULLY_CONNECTED', () => {
  it('[B, in] x [units, in]ᵀ + bias: MACs = B·in·units, FLOPs 2 x MACs + |Y| (bias) + fused', () => {
    const r = runOp('FULLY_CONNECTED', {
      domain: TFL,
      inputs: [t('float32', [4, 256]), t('float32', [10, 256]), t('float32', [10])],
      attrs: { fused_activation_function: 'RELU', keep_num_dims: 0 },
    });
    expect(outShape(r)).toEqual([4, 10]);
    const macs = 4 * 256 * 10;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 40 + 40, coreMacs: macs });
    expect(r.opClass).toBe('gemm');
  });

  it('a rank-4 input is flattened to rows of `in` unless keep_num_dims', () => {
    const x = t('int8', [1, 7, 7, 64]);
    const w = t('int8', [32, 64]);
    const flat = runOp('FULLY_CONNECTED', { domain: TFL, inputs: [x, w], attrs: { keep_num_dims: 0 } });
    expect(outShape(flat)).toEqual([49, 32]);
    const kept = runOp('FULLY_CONNECTED', { domain: TFL, inputs: [x, w], attrs: { keep_num_dims: 1 } });
    expect(outShape(kept)).toEqual([1, 7, 7, 32]);
    expect(flat.cost?.coreMacs).toBe(49 * 64 * 32);
    expect(kept.cost?.coreMacs).toBe(49 * 64 * 32);
  });

  it('batch = elements / in when the last dim is not the input size', () => {
    // [1, 4, 4, 8] read as rows of 32: 4 rows
    const r = runOp('FULLY_CONNECTED', { domain: TFL, inputs: [t('float32', [1, 4, 4, 8]), t('float32', [5, 32])], attrs: { keep_num_dims: 0 } });
    expect(outShape(r)).toEqual([4, 5]);
    expect(r.cost?.coreMacs).toBe(4 * 32 * 5);
  });

  it('a symbolic batch survives', () => {
    const r = runOp('FULLY_CONNECTED', { domain: TFL, inputs: [t('float32', ['batch', 16]), t('float32', [8, 16])] });
    expect(outShape(r)).toEqual(['batch', 8]);
  });
});

describe('BATCH_MATMUL', () => {
  it('broadcast batch dims, MACs = |Y| x K', () => {
    const r = runOp('BATCH_MATMUL', { domain: TFL, inputs: [t('float32', [2, 1, 5, 6]), t('float32', [3, 6, 7])] });
    expect(outShape(r)).toEqual([2, 3, 5, 7]);
    const macs = 2 * 3 * 5 * 7 * 6;
    expect(r.cost).toEqual({ macs, flops: 2 * macs, coreMacs: macs });
    expect(r.opClass).toBe('gemm');
  });

  it('adj_x and adj_y transpose the last two dims', () => {
    const r = runOp('BATCH_MATMUL', { domain: TFL, inputs: [t('float32', [4, 6, 5]), t('float32', [4, 7, 6])], attrs: { adj_x: 1, adj_y: 1 } });
    expect(outShape(r)).toEqual([4, 5, 7]);
    expect(r.cost?.coreMacs).toBe(4 * 5 * 7 * 6);
  });
});

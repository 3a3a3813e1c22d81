/**
 * Zero-size tensors through the operators an LLM prefill with an empty KV cache runs
 * (`--dims past_sequence=0`): shapes as ONNX defines them, and no work for no elements.
 */
import { describe, expect, it } from 'vitest';
import { outShape, runOp, t, type RunOpOptions } from '../helpers/op.js';

const i64 = (values: number[]) => t('int64', [values.length], values);
const ZERO = { macs: 0, flops: 0, coreMacs: 0 };
const P = 0; // the past length
const B = 2;
const KV = 2;
const HD = 8;
const S = 5; // new tokens

describe('an empty past', () => {
  it.each<[string, string, RunOpOptions, (number | null)[]]>([
    [
      'Concat: the empty past and the new keys have the new length',
      'Concat',
      { inputs: [t('float32', [B, KV, P, HD]), t('float32', [B, KV, S, HD])], attrs: { axis: 2 } },
      [B, KV, P + S, HD],
    ],
    ['Transpose', 'Transpose', { inputs: [t('float32', [B, KV, P, HD])], attrs: { perm: [0, 1, 3, 2] } }, [B, KV, HD, P]],
    ['Unsqueeze', 'Unsqueeze', { inputs: [t('float32', [B, KV, P, HD]), i64([2])], opset: 13 }, [B, KV, 1, P, HD]],
    ['Expand (repeat_kv)', 'Expand', { inputs: [t('float32', [B, KV, 1, P, HD]), i64([B, KV, 2, P, HD])] }, [B, KV, 2, P, HD]],
    [
      'Reshape: a 0 in the shape copies the input dim (the empty one too)',
      'Reshape',
      { inputs: [t('float32', [B, KV, P, HD]), i64([0, 0, 0, HD])], opset: 14 },
      [B, KV, P, HD],
    ],
    [
      'Reshape with allowzero: a 0 in the shape is 0',
      'Reshape',
      { inputs: [t('float32', [B, KV, P, HD]), i64([B, 0, KV, HD])], attrs: { allowzero: 1 }, opset: 14 },
      [B, 0, KV, HD],
    ],
    ['Reshape: -1 beside the empty axis', 'Reshape', { inputs: [t('float32', [B, KV, P, HD]), i64([B * KV, -1, HD])] }, [B * KV, 0, HD]],
    ['Slice of an empty axis', 'Slice', { inputs: [t('float32', [B, KV, P, HD]), i64([0]), i64([10]), i64([2])] }, [B, KV, 0, HD]],
    ['Gather with no indices', 'Gather', { inputs: [t('float32', [1000, HD]), t('int64', [B, P])] }, [B, P, HD]],
    ['Where', 'Where', { inputs: [t('bool', [1, 1, S, P]), t('float32', []), t('float32', [B, KV, S, P])] }, [B, KV, S, P]],
    ['Trilu', 'Trilu', { inputs: [t('float32', [S, P])] }, [S, P]],
    ['Softmax over no keys', 'Softmax', { inputs: [t('float32', [B, KV, S, P])], attrs: { axis: -1 } }, [B, KV, S, P]],
  ])('%s', (_, op, o, shape) => {
    const r = runOp(op, o);
    expect(outShape(r)).toEqual(shape);
    expect(r.cost).toMatchObject(ZERO);
  });

  it('Range from the past length to itself is empty', () => {
    const r = runOp('Range', { inputs: [t('int64', [], [P]), t('int64', [], [P]), t('int64', [], [1])] });
    expect(r.outputs[0]).toMatchObject({ shape: [0], value: [] });
  });

  it('MatMul: K = 0 or N = 0 costs nothing; the shapes are those of the product', () => {
    const qk = runOp('MatMul', { inputs: [t('float32', [B, KV, S, HD]), t('float32', [B, KV, HD, P])] });
    expect(outShape(qk)).toEqual([B, KV, S, P]);
    expect(qk.cost).toEqual(ZERO);
    const av = runOp('MatMul', { inputs: [t('float32', [B, KV, S, P]), t('float32', [B, KV, P, HD])] });
    expect(outShape(av)).toEqual([B, KV, S, HD]);
    expect(av.cost).toEqual(ZERO);
  });
});

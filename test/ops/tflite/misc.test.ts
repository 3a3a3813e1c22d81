/** The other TFLite builtins (src/ops/tflite/misc.ts): shapes and FLOPs per the table. */
import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../../helpers/op.js';
import { infer, op, tfliteModel } from '../../helpers/tflite-graph.js';

const TFL = 'tflite';
const run = (op: string, inputs: Parameters<typeof runOp>[1]['inputs'], attrs: Parameters<typeof runOp>[1]['attrs'] = {}, outputs = 1) =>
  runOp(op, { domain: TFL, inputs, attrs, outputs });
const i32 = (values: number[]) => t('int32', [values.length], values);

describe('TFLite misc builtins', () => {
  it('TOPK_V2: values and int32 indices, in x ceil(log2 k)', () => {
    const r = run('TOPK_V2', [t('float32', [2, 100]), t('int32', [], [5])], {}, 2);
    expect(outShape(r, 0)).toEqual([2, 5]);
    expect(r.outputs[1]).toMatchObject({ dtype: 'int32', shape: [2, 5] });
    expect(r.cost?.flops).toBe(200 * 3);
  });

  it('CUMSUM, ONE_HOT, RANGE', () => {
    expect(run('CUMSUM', [t('float32', [3, 4]), t('int32', [], [1])], { exclusive: 0, reverse: 1 }).cost?.flops).toBe(12);
    const oh = run('ONE_HOT', [t('int32', [5]), t('int32', [], [10]), t('float32', [], [1]), t('float32', [], [0])], { axis: -1 });
    expect(oh.outputs[0]).toMatchObject({ dtype: 'float32', shape: [5, 10] });
    expect(run('RANGE', [t('int32', [], [0]), t('int32', [], [10]), t('int32', [], [2])]).outputs[0]).toMatchObject({ shape: [5], value: [0, 2, 4, 6, 8] });
  });

  it('WHERE (data-dependent rows), SCATTER_ND, MATRIX_DIAG, MATRIX_SET_DIAG, REVERSE_SEQUENCE', () => {
    expect(outShape(run('WHERE', [t('bool', [3, 4])]))).toEqual([null, 2]);
    expect(outShape(run('SCATTER_ND', [t('int32', [4, 1]), t('float32', [4]), i32([8])]))).toEqual([8]);
    expect(outShape(run('MATRIX_DIAG', [t('float32', [2, 3])]))).toEqual([2, 3, 3]);
    expect(outShape(run('MATRIX_SET_DIAG', [t('float32', [2, 3, 3]), t('float32', [2, 3])]))).toEqual([2, 3, 3]);
    expect(outShape(run('REVERSE_SEQUENCE', [t('float32', [4, 6]), i32([1, 2, 3, 4])]))).toEqual([4, 6]);
  });

  it('ATAN2, BITWISE_XOR, RIGHT_SHIFT: 1 per element, broadcast', () => {
    for (const name of ['ATAN2', 'BITWISE_XOR', 'RIGHT_SHIFT']) {
      const r = run(name, [t('int32', [2, 3]), t('int32', [3])]);
      expect(outShape(r), name).toEqual([2, 3]);
      expect(r.cost?.flops, name).toBe(6);
    }
  });

  it('BROADCAST_ARGS computes the broadcast shape', () => {
    expect(run('BROADCAST_ARGS', [i32([2, 1, 5]), i32([4, 1])]).outputs[0]).toMatchObject({ shape: [3], value: [2, 4, 5] });
  });

  it('BUCKETIZE: a binary search over the boundaries', () => {
    const r = run('BUCKETIZE', [t('float32', [10])], { boundaries: { type: 'floats', value: [0, 1, 2, 3, 4, 5, 6] } });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int32', shape: [10] });
    expect(r.cost?.flops).toBe(10 * 3);
  });

  it('SEGMENT_SUM and UNSORTED_SEGMENT_SUM / PROD / MAX / MIN: 1 per input element', () => {
    const s = run('SEGMENT_SUM', [t('float32', [6, 4]), t('int32', [6])]);
    expect(outShape(s)).toEqual([null, 4]);
    expect(s.cost?.flops).toBe(24);
    for (const name of ['UNSORTED_SEGMENT_SUM', 'UNSORTED_SEGMENT_PROD', 'UNSORTED_SEGMENT_MAX', 'UNSORTED_SEGMENT_MIN']) {
      expect(outShape(run(name, [t('float32', [6, 4]), t('int32', [6]), t('int32', [], [3])])), name).toEqual([3, 4]);
    }
  });

  it('NON_MAX_SUPPRESSION_V4 / V5 as ONNX NonMaxSuppression on one class', () => {
    const n = 16;
    const r = run(
      'NON_MAX_SUPPRESSION_V5',
      [t('float32', [n, 4]), t('float32', [n]), t('int32', [], [5]), t('float32', []), t('float32', []), t('float32', [])],
      {},
      3,
    );
    expect(outShape(r, 0)).toEqual([5]);
    expect(outShape(r, 2)).toEqual([]);
    // threshold, sort, 19 FLOPs per IoU of every pair (src/ops/gather-scatter.ts)
    expect(r.cost?.flops).toBe(n + n * 4 + (19 * n * (n - 1)) / 2);
    expect(
      outShape(run('NON_MAX_SUPPRESSION_V4', [t('float32', [n, 4]), t('float32', [n]), t('int32', [], [5]), t('float32', []), t('float32', [])], {}, 2), 0),
    ).toEqual([5]);
  });

  it('RANDOM_UNIFORM 2, RANDOM_STANDARD_NORMAL 8 per element; MULTINOMIAL', () => {
    expect(run('RANDOM_UNIFORM', [i32([3, 4])]).cost?.flops).toBe(24);
    expect(run('RANDOM_STANDARD_NORMAL', [i32([3, 4])]).cost?.flops).toBe(96);
    const m = run('MULTINOMIAL', [t('float32', [2, 8]), t('int32', [], [4])]);
    expect(outShape(m)).toEqual([2, 4]);
    expect(m.cost?.flops).toBe(2 * (2 * 8 + 4 * 3));
  });

  it('resource variables: VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE cost nothing', () => {
    expect(run('VAR_HANDLE', []).cost?.flops).toBe(0);
    expect(run('READ_VARIABLE', [t(null, [])]).cost?.flops).toBe(0);
    expect(run('ASSIGN_VARIABLE', [t(null, []), t('float32', [4])], {}, 0).cost?.flops).toBe(0);
  });

  it('WHERE in an upper-bound run: at most every element is true', () => {
    const model = tfliteModel({
      inputs: [['m', 'bool', [3, 4]]],
      nodes: [op('WHERE', ['m'], ['idx']), op('CAST', ['idx'], ['f'])],
      tensors: [['idx', 'int64', [null, 2]]],
      outputs: [['f', 'float32', [null, 2]]],
    });
    const r = infer(model, { upperBounds: true });
    expect(r.nodes[1].cost).toBeNull();
    const rows = r.upper?.result.nodes[0].outputs[0].info;
    expect(rows?.kind === 'tensor' && rows.shape ? r.upper?.maxOf(rows.shape[0]) : undefined).toBe(12);
  });
});

import { describe, expect, it } from 'vitest';
import { runOp, outShape, t } from '../helpers/op.js';
import type { RunOpOptions } from '../helpers/op.js';
import type { TensorInfo } from '../../src/graph/info.js';
import type { DType } from '../../src/graph/dtype.js';

function out(op: string, o: RunOpOptions, i = 0): TensorInfo {
  return runOp(op, o).outputs[i] as TensorInfo;
}
const i64 = (values: (number | string | null)[]) => t('int64', [values.length], values);
const scalar = (v: number | string | null, dtype: DType = 'int64') => t(dtype, [], [v]);
const ZERO = { macs: 0, flops: 0, coreMacs: 0 };

describe('Gather', () => {
  it.each([
    [[5, 4, 3, 2], [3], 0, [3, 4, 3, 2]],
    [[5, 4, 3, 2], [3], 1, [5, 3, 3, 2]],
    [[3, 3], [1, 2], 1, [3, 1, 2]],
    [[3, 3], [], 0, [3]],
    [[10, 3], [2, 5], -1, [10, 2, 5]],
  ])('data %j indices %j axis %d -> %j', (data, ind, axis, expected) => {
    const r = runOp('Gather', { inputs: [t('float32', data), t('int64', ind)], attrs: { axis } });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: expected });
    // No arithmetic; the kernel reads one float32 per output element (never more than the
    // table), the int64 indices, and writes the output.
    const n = (s: number[]) => s.reduce((a, b) => a * b, 1);
    expect(r.cost).toEqual({ ...ZERO, timing: { bytes: 4 * Math.min(n(data), n(expected)) + 8 * n(ind) + 4 * n(expected) } });
  });

  it('gathers values, negative indices included', () => {
    const shape = i64(['b', 3, 224, 224]);
    expect(out('Gather', { inputs: [shape, scalar(0)] })).toMatchObject({ shape: [], value: ['b'] });
    expect(out('Gather', { inputs: [shape, scalar(-1)] }).value).toEqual([224]);
    expect(out('Gather', { inputs: [shape, i64([2, 3])] })).toMatchObject({ shape: [2], value: [224, 224] });
  });

  it('gathers rows of a 2-D value', () => {
    const data = t('int64', [2, 3], [1, 2, 3, 4, 5, 6]);
    expect(out('Gather', { inputs: [data, i64([1])] })).toMatchObject({ shape: [1, 3], value: [4, 5, 6] });
    expect(out('Gather', { inputs: [data, i64([2, 0])], attrs: { axis: 1 } }).value).toEqual([3, 1, 6, 4]);
  });

  it('an out-of-range index gives an unknown element, not a wrong one', () => {
    expect(out('Gather', { inputs: [i64([1, 2]), i64([5])] }).value).toEqual([null]);
  });

  it('unknown ranks give unknown shapes', () => {
    expect(outShape(runOp('Gather', { inputs: [t('float32', null), t('int64', [2])] }))).toBeNull();
    expect(outShape(runOp('Gather', { inputs: [t('float32', [3, 4]), t('int64', null)] }))).toBeNull();
  });
});

describe('GatherElements and GatherND', () => {
  it('GatherElements has the indices shape', () => {
    expect(out('GatherElements', { inputs: [t('float32', [3, 3]), t('int64', [2, 3])], attrs: { axis: 1 } })).toMatchObject({
      dtype: 'float32',
      shape: [2, 3],
    });
  });

  it('GatherElements gathers values', () => {
    const data = t('int64', [2, 2], [1, 2, 3, 4]);
    const ind = t('int64', [2, 2], [0, 0, 1, 0]);
    expect(out('GatherElements', { inputs: [data, ind], attrs: { axis: 1 } }).value).toEqual([1, 1, 4, 3]);
    expect(out('GatherElements', { inputs: [data, ind], attrs: { axis: 0 } }).value).toEqual([1, 2, 3, 2]);
  });

  it.each([
    [[2, 2], [2, 2], 0, [2]],
    [[2, 2], [2, 1], 0, [2, 2]],
    [[2, 2, 2], [2, 1, 2], 0, [2, 1, 2]],
    [[2, 2, 2], [2, 1], 1, [2, 2]],
    [[2, 3, 4, 5], [2, 3, 1], 2, [2, 3, 5]],
  ])('GatherND data %j indices %j batch_dims %d -> %j', (data, ind, b, expected) => {
    expect(outShape(runOp('GatherND', { inputs: [t('float32', data), t('int64', ind)], attrs: { batch_dims: b } }))).toEqual(expected);
  });

  it('GatherND gathers values', () => {
    const data = t('int64', [2, 2], [0, 1, 2, 3]);
    expect(out('GatherND', { inputs: [data, t('int64', [2, 2], [0, 0, 1, 1])] }).value).toEqual([0, 3]);
    expect(out('GatherND', { inputs: [data, t('int64', [2, 1], [1, 0])] }).value).toEqual([2, 3, 0, 1]);
  });

  it('GatherND with an unknown last indices dim is unknown', () => {
    expect(outShape(runOp('GatherND', { inputs: [t('float32', [2, 2]), t('int64', [3, null])] }))).toBeNull();
  });
});

describe('Scatter family', () => {
  it('ScatterND / ScatterElements / Scatter keep the data shape', () => {
    for (const op of ['ScatterND', 'ScatterElements', 'Scatter']) {
      const r = runOp(op, { inputs: [t('float32', [4, 4, 4]), t('int64', [2, 1]), t('float32', [2, 4, 4])], opset: op === 'Scatter' ? 9 : 18 });
      expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [4, 4, 4] });
      expect(r.cost).toEqual(ZERO);
    }
  });

  it('reductions cost one FLOP per update element', () => {
    for (const reduction of ['add', 'mul', 'max', 'min']) {
      const r = runOp('ScatterND', {
        inputs: [t('float32', [4, 4, 4]), t('int64', [2, 1]), t('float32', [2, 4, 4])],
        attrs: { reduction },
      });
      expect(r.cost).toEqual({ macs: 0, flops: 2 * 4 * 4, coreMacs: 0 });
    }
    const r = runOp('ScatterElements', {
      inputs: [t('float32', [3, 3]), t('int64', [2, 3]), t('float32', [2, 3])],
      attrs: { reduction: 'add' },
    });
    expect(r.cost).toEqual({ macs: 0, flops: 2 * 3, coreMacs: 0 });
  });

  it('ScatterND updates a shape vector', () => {
    const shape = i64(['b', 3, 4]);
    const r = out('ScatterND', { inputs: [shape, t('int64', [1, 1], [2]), i64([-1])] });
    expect(r.value).toEqual(['b', 3, -1]);
    const add = out('ScatterND', { inputs: [i64([1, 2]), t('int64', [1, 1], [1]), i64([5])], attrs: { reduction: 'add' } });
    expect(add.value).toEqual([1, 7]);
  });

  it('ScatterElements updates values along an axis', () => {
    const data = t('int64', [1, 5], [1, 2, 3, 4, 5]);
    const r = out('ScatterElements', { inputs: [data, t('int64', [1, 2], [1, 3]), t('int64', [1, 2], [11, 21])], attrs: { axis: 1 } });
    expect(r.value).toEqual([1, 11, 3, 21, 5]);
  });

  it('TensorScatter keeps the cache shape', () => {
    const r = runOp('TensorScatter', { inputs: [t('float16', [2, 8, 128, 64]), t('float16', [2, 8, 1, 64]), t('int64', [2])], opset: 24 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 8, 128, 64] });
    expect(r.cost).toEqual(ZERO);
  });
});

describe('Compress and NonZero', () => {
  it('Compress along an axis counts true flags (a shorter condition truncates)', () => {
    const x = t('float32', [3, 2]);
    expect(outShape(runOp('Compress', { inputs: [x, t('bool', [3], [0, 1, 1])], attrs: { axis: 0 } }))).toEqual([2, 2]);
    expect(outShape(runOp('Compress', { inputs: [x, t('bool', [2], [0, 1])], attrs: { axis: 1 } }))).toEqual([3, 1]);
    expect(outShape(runOp('Compress', { inputs: [x, t('bool', [1], [1])], attrs: { axis: -1 } }))).toEqual([3, 1]);
  });

  it('Compress without axis flattens', () => {
    const x = t('int64', [3, 2], [1, 2, 3, 4, 5, 6]);
    const r = out('Compress', { inputs: [x, t('bool', [5], [0, 1, 0, 0, 1])] });
    expect(r).toMatchObject({ shape: [2], value: [2, 5] });
  });

  it('Compress with an unknown condition leaves the axis unknown', () => {
    expect(outShape(runOp('Compress', { inputs: [t('float32', [3, 2]), t('bool', [3])], attrs: { axis: 0 } }))).toEqual([null, 2]);
    expect(outShape(runOp('Compress', { inputs: [t('float32', [3, 2]), t('bool', [3])] }))).toEqual([null]);
  });

  it('NonZero is [rank, ?], exact when the input value is known', () => {
    expect(out('NonZero', { inputs: [t('float32', [2, 2])] })).toMatchObject({ dtype: 'int64', shape: [2, null] });
    const r = out('NonZero', { inputs: [t('int64', [2, 2], [1, 0, 1, 1])] });
    expect(r).toMatchObject({ shape: [2, 3], value: [0, 1, 1, 0, 0, 1] });
  });

  it('NonZero costs one comparison per input element', () => {
    expect(runOp('NonZero', { inputs: [t('float32', [3, 5])] }).cost).toEqual({ macs: 0, flops: 3 * 5, coreMacs: 0 });
  });
});

describe('TopK', () => {
  const x = t('float32', [3, 4]);
  it('k as input (>=10) and attribute (<10)', () => {
    const r = runOp('TopK', { inputs: [x, i64([3])], outputs: 2 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [3, 3] });
    expect(r.outputs[1]).toMatchObject({ dtype: 'int64', shape: [3, 3] });
    const old = runOp('TopK', { inputs: [x], attrs: { k: 2, axis: 0 }, outputs: 2, opset: 9 });
    expect(outShape(old)).toEqual([2, 4]);
  });

  it('unknown k leaves the axis unknown', () => {
    expect(outShape(runOp('TopK', { inputs: [x, t('int64', [1])], outputs: 2 }))).toEqual([3, null]);
  });

  it('costs input elements x ceil(log2 k) comparisons', () => {
    const k = 3;
    expect(runOp('TopK', { inputs: [x, i64([k])], outputs: 2 }).cost).toEqual({
      macs: 0,
      flops: 3 * 4 * Math.ceil(Math.log2(k)),
      coreMacs: 0,
    });
    expect(runOp('TopK', { inputs: [x, i64([1])], outputs: 2 }).cost?.flops).toBe(3 * 4);
  });
});

describe('Unique', () => {
  it('unknown values: 1-D outputs of unknown length; inverse has one entry per element', () => {
    const r = runOp('Unique', { inputs: [t('float32', [2, 3])], outputs: 4 });
    expect(r.outputs.map((o) => (o as TensorInfo).shape)).toEqual([[null], [null], [2 * 3], [null]]);
    const a = runOp('Unique', { inputs: [t('float32', [2, 3])], attrs: { axis: 1 }, outputs: 4 });
    expect(a.outputs.map((o) => (o as TensorInfo).shape)).toEqual([[2, null], [null], [3], [null]]);
  });

  it('computes unique elements when the value is known', () => {
    const x = t('int64', [6], [2, 1, 1, 3, 4, 3]);
    const r = runOp('Unique', { inputs: [x], outputs: 4 });
    expect(r.outputs[0]).toMatchObject({ shape: [4], value: [1, 2, 3, 4] });
    expect((r.outputs[1] as TensorInfo).value).toEqual([1, 0, 3, 4]);
    expect((r.outputs[2] as TensorInfo).value).toEqual([1, 0, 0, 2, 3, 2]);
    expect((r.outputs[3] as TensorInfo).value).toEqual([2, 1, 2, 1]);
    const unsorted = runOp('Unique', { inputs: [x], attrs: { sorted: 0 }, outputs: 4 });
    expect((unsorted.outputs[0] as TensorInfo).value).toEqual([2, 1, 3, 4]);
  });

  it('computes unique slices along an axis', () => {
    const x = t('int64', [3, 3], [1, 0, 0, 1, 0, 0, 2, 3, 4]);
    const r = runOp('Unique', { inputs: [x], attrs: { axis: 0 }, outputs: 4 });
    expect(r.outputs[0]).toMatchObject({ shape: [2, 3], value: [1, 0, 0, 2, 3, 4] });
    expect((r.outputs[2] as TensorInfo).value).toEqual([0, 0, 1]);
  });

  it('costs n ceil(log2 n) comparisons', () => {
    const n = 2 * 3;
    expect(runOp('Unique', { inputs: [t('float32', [2, 3])], outputs: 4 }).cost).toEqual({
      macs: 0,
      flops: n * Math.ceil(Math.log2(n)),
      coreMacs: 0,
    });
  });
});

describe('OneHot and NonMaxSuppression', () => {
  it.each([
    [[3], -1, [3, 10]],
    [[2, 2], 1, [2, 10, 2]],
    [[2, 2], -2, [2, 10, 2]],
    [[2, 2], 0, [10, 2, 2]],
  ])('OneHot indices %j axis %d -> %j', (ind, axis, expected) => {
    const r = runOp('OneHot', { inputs: [t('int64', ind), scalar(10, 'float32'), t('float32', [2])], attrs: { axis } });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: expected });
  });

  it('OneHot with unknown depth leaves the new axis unknown', () => {
    expect(outShape(runOp('OneHot', { inputs: [t('int64', [3]), t('int64', [1]), t('int32', [2])] }))).toEqual([3, null]);
  });

  it('OneHot computes values, negative indices wrapping', () => {
    const r = out('OneHot', { inputs: [i64([1, -1]), scalar(3), i64([0, 5])] });
    expect(r.value).toEqual([0, 5, 0, 0, 0, 5]);
  });

  it('NonMaxSuppression selects an unknown number of [batch, class, box] triples', () => {
    const r = runOp('NonMaxSuppression', { inputs: [t('float32', [1, 6, 4]), t('float32', [1, 2, 6]), i64([3])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int64', shape: [null, 3] });
    const none = runOp('NonMaxSuppression', { inputs: [t('float32', [1, 6, 4]), t('float32', [1, 2, 6])] });
    expect(outShape(none)).toEqual([0, 3]);
  });

  it('NonMaxSuppression costs threshold, sort and pairwise IoU per class (worst case)', () => {
    const [b, c, n] = [2, 3, 6];
    const iou = 19; // 4 min/max + 2 sub + 2 clamp + 1 mul (intersection), 2 x 3 (areas), add + sub (union), div, compare
    const perClass = n + n * Math.ceil(Math.log2(n)) + (iou * n * (n - 1)) / 2;
    const r = runOp('NonMaxSuppression', { inputs: [t('float32', [b, n, 4]), t('float32', [b, c, n]), i64([3])] });
    expect(r.cost).toEqual({ macs: 0, flops: b * c * perClass, coreMacs: 0 });
  });
});

describe('NonZero of a scalar', () => {
  it('is treated as a 1-element vector', () => {
    expect(out('NonZero', { inputs: [t('int64', [], [5])] })).toMatchObject({ shape: [1, 1], value: [0] });
    expect(out('NonZero', { inputs: [t('int64', [], [0])] }).shape).toEqual([1, 0]);
    expect(out('NonZero', { inputs: [t('float32', [])] }).shape).toEqual([1, null]);
  });
});

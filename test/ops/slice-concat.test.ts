import { describe, expect, it } from 'vitest';
import { runOp, outShape, t } from '../helpers/op.js';
import type { RunOpOptions } from '../helpers/op.js';
import type { TensorInfo } from '../../src/graph/info.js';

function out(op: string, o: RunOpOptions, i = 0): TensorInfo {
  return runOp(op, o).outputs[i] as TensorInfo;
}
const i64 = (values: (number | string | null)[]) => t('int64', [values.length], values);
const ZERO = { macs: 0, flops: 0, coreMacs: 0 };
const INT64_MAX = Number(9223372036854775807n); // rounds to 2^63, as a JS number must

describe('Concat', () => {
  it.each([
    [
      [
        [2, 3],
        [4, 3],
      ],
      0,
      [6, 3],
    ],
    [
      [
        [2, 3],
        [2, 5],
      ],
      1,
      [2, 8],
    ],
    [
      [
        [2, 3],
        [2, 5],
      ],
      -1,
      [2, 8],
    ],
    [
      [
        [2, 2, 2],
        [2, 2, 2],
        [2, 2, 2],
      ],
      -3,
      [6, 2, 2],
    ],
  ])('%j axis %d -> %j', (shapes, axis, expected) => {
    const r = runOp('Concat', { inputs: shapes.map((s) => t('float32', s)), attrs: { axis } });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: expected });
    expect(r.cost).toEqual(ZERO);
  });

  it('symbols: other dims merge, the axis sum keeps a symbol plus zero only', () => {
    expect(outShape(runOp('Concat', { inputs: [t('float32', ['b', 3]), t('float32', [null, 5])], attrs: { axis: 1 } }))).toEqual(['b', 8]);
    expect(outShape(runOp('Concat', { inputs: [t('float32', ['s', 3]), t('float32', [0, 3])], attrs: { axis: 0 } }))).toEqual(['s', 3]);
    expect(outShape(runOp('Concat', { inputs: [t('float32', ['s', 3]), t('float32', [1, 3])], attrs: { axis: 0 } }))).toEqual([null, 3]);
  });

  it('an unknown input leaves the axis unknown but keeps the rest', () => {
    expect(outShape(runOp('Concat', { inputs: [t('float32', [2, 3]), undefined], attrs: { axis: 0 } }))).toEqual([null, 3]);
  });

  it('concatenates values, padding unknown inputs with nulls', () => {
    expect(out('Concat', { inputs: [i64(['b']), i64([-1, 64])], attrs: { axis: 0 } }).value).toEqual(['b', -1, 64]);
    expect(out('Concat', { inputs: [i64(['b']), t('int64', [1])], attrs: { axis: 0 } }).value).toEqual(['b', null]);
    expect(out('Concat', { inputs: [t('int64', [0], []), i64([1]), t('int64', [0], []), i64([2])], attrs: { axis: 0 } }).value).toEqual([1, 2]);
  });

  it('concatenates 2-D values along axis 1', () => {
    const a = t('int64', [2, 1], [1, 2]);
    const b = t('int64', [2, 2], [3, 4, 5, 6]);
    expect(out('Concat', { inputs: [a, b], attrs: { axis: 1 } }).value).toEqual([1, 3, 4, 2, 5, 6]);
  });
});

describe('Split', () => {
  it('equal parts from the number of outputs', () => {
    const r = runOp('Split', { inputs: [t('float32', [6])], outputs: 3 });
    expect(r.outputs.map((o) => (o as TensorInfo).shape)).toEqual([[2], [2], [2]]);
  });

  it('split as attribute (<13) and input (>=13)', () => {
    const x = t('float32', [2, 6]);
    const a = runOp('Split', { inputs: [x], attrs: { axis: 1, split: [2, 4] }, outputs: 2, opset: 11 });
    expect(a.outputs.map((o) => (o as TensorInfo).shape)).toEqual([
      [2, 2],
      [2, 4],
    ]);
    const b = runOp('Split', { inputs: [x, i64([2, 4])], attrs: { axis: 1 }, outputs: 2, opset: 13 });
    expect(b.outputs.map((o) => (o as TensorInfo).shape)).toEqual([
      [2, 2],
      [2, 4],
    ]);
  });

  it('num_outputs at 18: the last chunk is smaller', () => {
    const r = runOp('Split', { inputs: [t('float32', [7])], attrs: { num_outputs: 3 }, outputs: 3, opset: 18 });
    const chunk = Math.ceil(7 / 3);
    expect(r.outputs.map((o) => (o as TensorInfo).shape)).toEqual([[chunk], [chunk], [7 - 2 * chunk]]);
  });

  it('zero-size splits', () => {
    const r = runOp('Split', { inputs: [t('float32', [3]), i64([3, 0, 0])], outputs: 3 });
    expect(r.outputs.map((o) => (o as TensorInfo).shape)).toEqual([[3], [0], [0]]);
  });

  it('unknown split sizes leave the axis unknown', () => {
    const r = runOp('Split', { inputs: [t('float32', [2, 6]), t('int64', [2])], attrs: { axis: 1 }, outputs: 2 });
    expect(r.outputs.map((o) => (o as TensorInfo).shape)).toEqual([
      [2, null],
      [2, null],
    ]);
  });

  it('splits values', () => {
    const r = runOp('Split', { inputs: [i64(['b', 's', 8, 64]), i64([2, 2])], outputs: 2 });
    expect(r.outputs.map((o) => (o as TensorInfo).value)).toEqual([
      ['b', 's'],
      [8, 64],
    ]);
  });
});

describe('Slice', () => {
  const x = t('float32', [20, 10, 5]);
  it.each([
    ['basic', [0, 0], [3, 10], [0, 1], undefined, [3, 10, 5]],
    ['default axes', [0, 0, 3], [20, 10, 4], undefined, undefined, [20, 10, 1]],
    ['negative axes', [0, 0, 3], [20, 10, 4], [0, -2, -1], undefined, [20, 10, 1]],
    ['end out of bounds', [1], [1000], [1], [1], [20, 9, 5]],
    ['start out of bounds', [1000], [1000], [1], [1], [20, 0, 5]],
    ['negative start/end', [0], [-1], [1], [1], [20, 9, 5]],
    ['negative steps', [20, 10, 4], [0, 0, 1], [0, 1, 2], [-1, -3, -2], [19, 3, 2]],
    ['INT64_MAX end', [2], [INT64_MAX], [0], [1], [18, 10, 5]],
    ['reverse everything', [-1], [-INT64_MAX], [0], [-1], [20, 10, 5]],
    ['step 3', [0], [20], [0], [3], [Math.ceil(20 / 3), 10, 5]],
  ])('%s', (_name, starts, ends, axes, steps, expected) => {
    const inputs = [x, i64(starts), i64(ends), axes ? i64(axes) : undefined, steps ? i64(steps) : undefined];
    const omit = inputs.flatMap((v, i) => (v === undefined ? [i] : []));
    const r = runOp('Slice', { inputs, omit, opset: 13 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: expected });
    // No arithmetic; the kernel reads the part it keeps and writes it: 2 x 4 bytes per output element.
    const kept = expected.reduce((a, b) => a * b, 1);
    expect(r.cost).toEqual({ ...ZERO, timing: { bytes: 2 * 4 * kept } });
  });

  it('attributes before opset 10', () => {
    expect(outShape(runOp('Slice', { inputs: [x], attrs: { starts: [0, 1], ends: [3, -1], axes: [0, 2] }, opset: 9 }))).toEqual([3, 10, 3]);
  });

  it('a symbolic dim survives a full slice', () => {
    const s = t('float32', ['b', 'seq', 64]);
    expect(outShape(runOp('Slice', { inputs: [s, i64([0]), i64([INT64_MAX]), i64([1])] }))).toEqual(['b', 'seq', 64]);
    expect(outShape(runOp('Slice', { inputs: [s, i64([0]), i64(['seq']), i64([1])] }))).toEqual(['b', 'seq', 64]);
    expect(outShape(runOp('Slice', { inputs: [s, i64([1]), i64([INT64_MAX]), i64([1])] }))).toEqual(['b', null, 64]);
  });

  it('unknown starts keep the other axes', () => {
    expect(outShape(runOp('Slice', { inputs: [x, t('int64', [1]), i64([3]), i64([1])] }))).toEqual([20, null, 5]);
    expect(outShape(runOp('Slice', { inputs: [x, i64([0]), i64([3]), t('int64', [1])] }))).toEqual([null, null, null]);
  });

  it('slices values, e.g. Shape(x)[2:] and reversed', () => {
    const shape = i64(['b', 3, 224, 224]);
    expect(out('Slice', { inputs: [shape, i64([2]), i64([INT64_MAX])] }).value).toEqual([224, 224]);
    expect(out('Slice', { inputs: [shape, i64([-1]), i64([-INT64_MAX]), i64([0]), i64([-2])] }).value).toEqual([224, 3]);
  });
});

describe('Pad and CenterCropPad', () => {
  it('pads as input (>=11) and attribute (<11)', () => {
    const x = t('float32', [1, 3, 4, 5]);
    expect(outShape(runOp('Pad', { inputs: [x, i64([0, 0, 1, 3, 0, 0, 2, 4])] }))).toEqual([1, 3, 4 + 1 + 2, 5 + 3 + 4]);
    expect(outShape(runOp('Pad', { inputs: [x], attrs: { pads: [0, 0, 1, 1, 0, 0, 1, 1] }, opset: 2 }))).toEqual([1, 3, 6, 7]);
    expect(outShape(runOp('Pad', { inputs: [x], attrs: { paddings: [0, 0, 1, 1, 0, 0, 1, 1] }, opset: 1 }))).toEqual([1, 3, 6, 7]);
  });

  it('negative pads crop, and axes (opset 18) select dims', () => {
    const x = t('float32', [1, 3, 4, 5]);
    expect(outShape(runOp('Pad', { inputs: [x, i64([0, 0, -1, 0, 0, 0, -1, 0])] }))).toEqual([1, 3, 2, 5]);
    const r = runOp('Pad', { inputs: [x, i64([1, 2, 3, 4]), undefined, i64([1, -1])], omit: [2], opset: 18 });
    expect(outShape(r)).toEqual([1, 3 + 1 + 3, 4, 5 + 2 + 4]);
    expect(r.cost).toEqual(ZERO);
  });

  it('symbols survive zero padding; unknown pads keep the rank', () => {
    expect(outShape(runOp('Pad', { inputs: [t('float32', ['b', 4]), i64([0, 1, 0, 1])] }))).toEqual(['b', 6]);
    expect(outShape(runOp('Pad', { inputs: [t('float32', [2, 4]), t('int64', [4])] }))).toEqual([null, null]);
  });

  it('constant mode pads values', () => {
    const v = out('Pad', { inputs: [i64([1, 2]), i64([1, 2]), t('int64', [], [9])] });
    expect(v.value).toEqual([9, 1, 2, 9, 9]);
  });

  it('CenterCropPad sets the target dims on its axes', () => {
    const x = t('float32', [20, 8, 3]);
    expect(outShape(runOp('CenterCropPad', { inputs: [x, i64([10, 9, 3])], opset: 18 }))).toEqual([10, 9, 3]);
    expect(outShape(runOp('CenterCropPad', { inputs: [x, i64([10, 9])], attrs: { axes: [0, -2] }, opset: 18 }))).toEqual([10, 9, 3]);
    expect(outShape(runOp('CenterCropPad', { inputs: [x, t('int64', [2])], attrs: { axes: [0, 1] }, opset: 18 }))).toEqual([null, null, 3]);
  });
});

describe('Transpose, DepthToSpace, SpaceToDepth, ReverseSequence', () => {
  it('Transpose with perm, default reverse', () => {
    const x = t('float32', [2, 3, 4]);
    expect(outShape(runOp('Transpose', { inputs: [x], attrs: { perm: [1, 0, 2] } }))).toEqual([3, 2, 4]);
    expect(outShape(runOp('Transpose', { inputs: [x] }))).toEqual([4, 3, 2]);
    expect(runOp('Transpose', { inputs: [x] }).cost).toEqual(ZERO);
  });

  it('Transpose moves values', () => {
    expect(out('Transpose', { inputs: [t('int64', [2, 3], [1, 2, 3, 4, 5, 6])] }).value).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('Transpose with a bad perm keeps only the rank', () => {
    expect(outShape(runOp('Transpose', { inputs: [t('float32', [2, 3])], attrs: { perm: [0, 0] } }))).toEqual([null, null]);
  });

  it('DepthToSpace and SpaceToDepth', () => {
    const b = 2;
    expect(outShape(runOp('DepthToSpace', { inputs: [t('float32', [1, 8, 2, 3])], attrs: { blocksize: b, mode: 'CRD' } }))).toEqual([
      1,
      8 / (b * b),
      2 * b,
      3 * b,
    ]);
    expect(outShape(runOp('SpaceToDepth', { inputs: [t('float32', ['n', 2, 4, 6])], attrs: { blocksize: b } }))).toEqual(['n', 2 * b * b, 4 / b, 6 / b]);
    expect(outShape(runOp('SpaceToDepth', { inputs: [t('float32', [1, 2, 'h', 6])], attrs: { blocksize: b } }))).toEqual([1, 8, null, 3]);
  });

  it('ReverseSequence keeps the shape', () => {
    const r = runOp('ReverseSequence', { inputs: [t('float32', [4, 4]), t('int64', [4])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [4, 4] });
    expect(r.cost).toEqual(ZERO);
  });
});

describe('value propagation chain', () => {
  it('Shape -> Slice -> Concat(sizes) feeds a target shape', () => {
    const shape = out('Shape', { inputs: [t('float32', ['n', 3, 16, 16])] });
    const nc = out('Slice', { inputs: [shape, i64([0]), i64([2])] });
    const sizes = out('Concat', { inputs: [nc, i64([32, 32])], attrs: { axis: 0 } });
    expect(sizes.value).toEqual(['n', 3, 32, 32]);
    const r = runOp('Resize', { inputs: [t('float32', ['n', 3, 16, 16]), undefined, undefined, sizes], omit: [1, 2], opset: 13 });
    expect(outShape(r)).toEqual(['n', 3, 32, 32]);
  });

  it('Split(Shape) -> Concat rebuilds a reordered shape', () => {
    const shape = out('Shape', { inputs: [t('float32', ['b', 's', 768])] });
    const parts = runOp('Split', { inputs: [shape, i64([2, 1])], outputs: 2 }).outputs as TensorInfo[];
    const c = out('Concat', { inputs: [parts[0], i64([12, 64])], attrs: { axis: 0 } });
    expect(outShape(runOp('Reshape', { inputs: [t('float32', ['b', 's', 768]), c] }))).toEqual(['b', 's', 12, 64]);
  });
});

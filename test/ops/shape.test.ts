import { describe, expect, it } from 'vitest';
import { runOp, outShape, t, floatAttr } from '../helpers/op.js';
import type { Attr, TensorData } from '../../src/graph/model.js';
import type { DType } from '../../src/graph/dtype.js';
import { dtypeCode } from '../../src/graph/dtype.js';
import type { Info, TensorInfo } from '../../src/graph/info.js';
import { MAX_TRACKED_ELEMENTS } from '../../src/graph/info.js';
import type { RunOpOptions } from '../helpers/op.js';

/** Output i of an operator, as a tensor info. */
function out(op: string, o: RunOpOptions, i = 0): TensorInfo {
  return runOp(op, o).outputs[i] as TensorInfo;
}

/** A raw little-endian tensor attribute. */
function tensorAttr(dtype: DType, dims: number[], values: number[]): Attr {
  const width = dtype === 'int64' || dtype === 'float64' ? 8 : dtype === 'int8' || dtype === 'uint8' || dtype === 'bool' ? 1 : 4;
  const bytes = new Uint8Array(values.length * width);
  const dv = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    if (dtype === 'int64') dv.setBigInt64(i * 8, BigInt(v), true);
    else if (dtype === 'float32') dv.setFloat32(i * 4, v, true);
    else if (dtype === 'int32') dv.setInt32(i * 4, v, true);
    else if (dtype === 'float64') dv.setFloat64(i * 8, v, true);
    else dv.setUint8(i, v);
  });
  const data: TensorData = { name: 'c', dtype, dtypeCode: dtypeCode(dtype), dims, storage: { kind: 'raw', bytes } };
  return { type: 'tensor', value: data };
}

const i64 = (values: (number | string | null)[]) => t('int64', [values.length], values);
const scalar = (v: number | string | null, dtype: DType = 'int64') => t(dtype, [], [v]);

describe('Constant', () => {
  it('reads a tensor attribute, elements included', () => {
    const c = out('Constant', { inputs: [], attrs: { value: tensorAttr('int64', [3], [1, -1, 64]) } });
    expect(c).toMatchObject({ dtype: 'int64', shape: [3], value: [1, -1, 64] });
  });

  it('keeps shape but no elements for a large tensor', () => {
    const n = MAX_TRACKED_ELEMENTS + 1;
    const c = out('Constant', { inputs: [], attrs: { value: tensorAttr('float32', [n], new Array<number>(n).fill(0)) } });
    expect(c.shape).toEqual([n]);
    expect(c.value).toBeUndefined();
  });

  it.each([
    ['value_float', floatAttr(2.5), 'float32', [], [2.5]],
    ['value_floats', { type: 'floats', value: [0.5, 1.5] }, 'float32', [2], [0.5, 1.5]],
    ['value_int', 7, 'int64', [], [7]],
    ['value_ints', [1, 2, 3], 'int64', [3], [1, 2, 3]],
  ] as const)('%s', (name, attr, dtype, shape, value) => {
    const c = out('Constant', { inputs: [], attrs: { [name]: attr as Attr | number | number[] } });
    expect(c).toMatchObject({ dtype, shape, value });
  });

  it('string constants have shapes but no tracked elements', () => {
    expect(out('Constant', { inputs: [], attrs: { value_string: 'a' } })).toMatchObject({ dtype: 'string', shape: [] });
    expect(out('Constant', { inputs: [], attrs: { value_strings: ['a', 'b'] } })).toMatchObject({ dtype: 'string', shape: [2] });
  });

  it('densifies a sparse_value with linear indices', () => {
    const values = (tensorAttr('float32', [2], [5, 6]) as { value: TensorData }).value;
    const indices = (tensorAttr('int64', [2], [1, 3]) as { value: TensorData }).value;
    const attr: Attr = { type: 'sparse_tensor', value: { name: 's', values, indices, dims: [2, 2] } };
    expect(out('Constant', { inputs: [], attrs: { sparse_value: attr } })).toMatchObject({
      dtype: 'float32',
      shape: [2, 2],
      value: [0, 5, 0, 6],
    });
  });

  it('densifies a sparse_value with coordinate indices', () => {
    const values = (tensorAttr('int64', [1], [9]) as { value: TensorData }).value;
    const indices = (tensorAttr('int64', [1, 2], [1, 0]) as { value: TensorData }).value;
    const attr: Attr = { type: 'sparse_tensor', value: { name: 's', values, indices, dims: [2, 2] } };
    expect(out('Constant', { inputs: [], attrs: { sparse_value: attr } }).value).toEqual([0, 0, 9, 0]);
  });

  it('costs nothing', () => {
    expect(runOp('Constant', { inputs: [], attrs: { value_int: 1 } }).cost).toEqual({ macs: 0, flops: 0, coreMacs: 0 });
  });
});

describe('Shape and Size', () => {
  it('Shape carries dims, symbols included', () => {
    expect(out('Shape', { inputs: [t('float32', ['batch', 3, null, 4])] })).toMatchObject({
      dtype: 'int64',
      shape: [4],
      value: ['batch', 3, null, 4],
    });
  });

  it.each([
    [{ start: 1 }, [3, 4, 5]],
    [{ end: 1 }, [2]],
    [{ start: -1 }, [5]],
    [{ end: -1 }, [2, 3, 4]],
    [{ start: 1, end: -1 }, [3, 4]],
    [{ start: -10 }, [2, 3, 4, 5]],
    [{ end: 10 }, [2, 3, 4, 5]],
    [{ start: 3, end: 1 }, []],
  ])('Shape-15 %o', (attrs, expected) => {
    const r = out('Shape', { inputs: [t('float32', [2, 3, 4, 5])], attrs, opset: 15 });
    expect(r).toMatchObject({ shape: [expected.length], value: expected });
  });

  it('Shape before 15 ignores start/end', () => {
    expect(out('Shape', { inputs: [t('float32', [2, 3])], attrs: { start: 1 }, opset: 13 }).value).toEqual([2, 3]);
  });

  it('Shape of unknown rank is a 1-D tensor of unknown length', () => {
    expect(out('Shape', { inputs: [t('float32', null)] })).toMatchObject({ dtype: 'int64', shape: [null] });
    expect(out('Shape', { inputs: [undefined] }).value).toBeUndefined();
  });

  it('Size is the element count, or the lone symbol', () => {
    expect(out('Size', { inputs: [t('float32', [2, 3, 4])] })).toMatchObject({ dtype: 'int64', shape: [], value: [2 * 3 * 4] });
    expect(out('Size', { inputs: [t('float32', ['n', 1])] }).value).toEqual(['n']);
    expect(out('Size', { inputs: [t('float32', ['n', 2])] }).value).toBeUndefined();
    expect(out('Size', { inputs: [t('float32', [null, 0])] }).value).toEqual([0]);
  });
});

describe('Reshape', () => {
  const x = t('float32', [2, 3, 4]);
  it.each([
    [
      [4, 6],
      [4, 6],
    ],
    [
      [-1, 4],
      [6, 4],
    ],
    [
      [0, -1],
      [2, 12],
    ],
    [
      [0, 0, 2, 2],
      [2, 3, 2, 2],
    ],
    [[-1], [24]],
    [
      [2, 0, 4, 1],
      [2, 3, 4, 1],
    ],
  ])('target %j -> %j', (target, expected) => {
    const r = out('Reshape', { inputs: [x, i64(target)] });
    expect(r).toMatchObject({ dtype: 'float32', shape: expected });
  });

  it('allowzero=1 makes 0 a real size (opset 14)', () => {
    const r = out('Reshape', { inputs: [t('float32', [0, 3, 4]), i64([3, 4, 0])], attrs: { allowzero: 1 }, opset: 14 });
    expect(r.shape).toEqual([3, 4, 0]);
  });

  it('infers -1 through symbols', () => {
    const r = out('Reshape', { inputs: [t('float32', ['batch', 'seq', 768]), i64(['batch', -1, 12, 64])] });
    expect(r.shape).toEqual(['batch', 'seq', 12, 64]);
    const r2 = out('Reshape', { inputs: [t('float32', ['batch', 'seq', 768]), i64([0, 0, 12, -1])] });
    expect(r2.shape).toEqual(['batch', 'seq', 12, 768 / 12]);
  });

  it('solves a single unknown entry from the element count', () => {
    const r = out('Reshape', { inputs: [t('float32', [2, 3, 4]), i64([2, null, 4])] });
    expect(r.shape).toEqual([2, 3, 4]);
  });

  it('leaves -1 unknown when it cannot be divided out', () => {
    const r = out('Reshape', { inputs: [t('float32', ['b', 6]), i64([4, -1])] });
    expect(r.shape).toEqual([4, null]);
  });

  it('unknown target value: rank from the target shape', () => {
    expect(outShape(runOp('Reshape', { inputs: [x, t('int64', [3])] }))).toEqual([null, null, null]);
    expect(outShape(runOp('Reshape', { inputs: [x, t('int64', [1])] }))).toEqual([24]);
    expect(outShape(runOp('Reshape', { inputs: [x, t('int64', null)] }))).toBeNull();
  });

  it('reads the shape attribute before opset 5', () => {
    expect(outShape(runOp('Reshape', { inputs: [x], attrs: { shape: [4, -1] }, opset: 4 }))).toEqual([4, 6]);
  });

  it('passes the value through', () => {
    const r = out('Reshape', { inputs: [t('int64', [2, 2], [1, 2, 3, 4]), i64([4])] });
    expect(r.value).toEqual([1, 2, 3, 4]);
  });

  it('costs nothing', () => {
    expect(runOp('Reshape', { inputs: [x, i64([24])] }).cost).toEqual({ macs: 0, flops: 0, coreMacs: 0 });
  });
});

describe('Flatten', () => {
  it.each([
    [undefined, [2, 3 * 4 * 5]],
    [0, [1, 2 * 3 * 4 * 5]],
    [2, [2 * 3, 4 * 5]],
    [4, [2 * 3 * 4 * 5, 1]],
    [-1, [2 * 3 * 4, 5]],
    [-4, [1, 2 * 3 * 4 * 5]],
  ])('axis %s', (axis, expected) => {
    const attrs: Record<string, number> = axis === undefined ? {} : { axis };
    expect(outShape(runOp('Flatten', { inputs: [t('float32', [2, 3, 4, 5])], attrs }))).toEqual(expected);
  });

  it('keeps a lone symbol', () => {
    expect(outShape(runOp('Flatten', { inputs: [t('float32', ['n', 3, 4])] }))).toEqual(['n', 12]);
    expect(outShape(runOp('Flatten', { inputs: [t('float32', ['n', 'c', 4])] }))).toEqual(['n', null]);
  });

  it('unknown input gives a 2-D unknown', () => {
    expect(out('Flatten', { inputs: [t('float16', null)] })).toMatchObject({ dtype: 'float16', shape: [null, null] });
  });
});

describe('Squeeze and Unsqueeze', () => {
  it('Squeeze axes as attribute (<13) and input (>=13)', () => {
    const x = t('float32', [1, 3, 1, 5]);
    expect(outShape(runOp('Squeeze', { inputs: [x], attrs: { axes: [0] }, opset: 11 }))).toEqual([3, 1, 5]);
    expect(outShape(runOp('Squeeze', { inputs: [x, i64([0, -2])], opset: 13 }))).toEqual([3, 5]);
  });

  it('Squeeze without axes drops every 1, only when all dims are known', () => {
    expect(outShape(runOp('Squeeze', { inputs: [t('float32', [1, 3, 1, 5])] }))).toEqual([3, 5]);
    expect(outShape(runOp('Squeeze', { inputs: [t('float32', [1, 'n', 5])] }))).toBeNull();
  });

  it('Squeeze with unknown axes keeps the rank when the axes count is known', () => {
    expect(outShape(runOp('Squeeze', { inputs: [t('float32', [1, 3, 1]), t('int64', [2])] }))).toEqual([null]);
  });

  it('Unsqueeze axes as attribute (<13) and input (>=13)', () => {
    const x = t('float32', [3, 4, 5]);
    expect(outShape(runOp('Unsqueeze', { inputs: [x], attrs: { axes: [0, 4] }, opset: 11 }))).toEqual([1, 3, 4, 5, 1]);
    expect(outShape(runOp('Unsqueeze', { inputs: [x, i64([-1, 1])], opset: 13 }))).toEqual([3, 1, 4, 5, 1]);
    expect(outShape(runOp('Unsqueeze', { inputs: [x, i64([2, 0, 5])] }))).toEqual([1, 3, 1, 4, 5, 1]);
  });

  it('Unsqueeze rejects out-of-range axes with an unknown shape', () => {
    expect(outShape(runOp('Unsqueeze', { inputs: [t('float32', [3]), i64([3])] }))).toBeNull();
  });

  it('values pass through both', () => {
    const s = out('Unsqueeze', { inputs: [scalar('batch'), i64([0])] });
    expect(s).toMatchObject({ shape: [1], value: ['batch'] });
    expect(out('Squeeze', { inputs: [s, i64([0])] })).toMatchObject({ shape: [], value: ['batch'] });
  });
});

describe('Expand and Tile', () => {
  it('Expand broadcasts input and target', () => {
    expect(outShape(runOp('Expand', { inputs: [t('float32', [3, 1]), i64([2, 1, 6])] }))).toEqual([2, 3, 6]);
    expect(outShape(runOp('Expand', { inputs: [t('float32', [3, 4]), i64([1, 1])] }))).toEqual([3, 4]);
    expect(outShape(runOp('Expand', { inputs: [t('float32', [1, 4]), i64(['b', 1])] }))).toEqual(['b', 4]);
  });

  it('Expand with an unknown target entry keeps what broadcasting forces', () => {
    expect(outShape(runOp('Expand', { inputs: [t('float32', [3, 1]), i64([null, null])] }))).toEqual([3, null]);
  });

  it('Expand with unknown target value: rank only', () => {
    expect(outShape(runOp('Expand', { inputs: [t('float32', [3, 1]), t('int64', [3])] }))).toEqual([null, 3, null]);
  });

  it('Expand carries values', () => {
    const r = out('Expand', { inputs: [t('int64', [1], [7]), i64([3])] });
    expect(r.value).toEqual([7, 7, 7]);
  });

  it('Tile multiplies dims by repeats', () => {
    expect(outShape(runOp('Tile', { inputs: [t('float32', [2, 3, 4, 5]), i64([7, 6, 4, 2])] }))).toEqual([14, 18, 16, 10]);
    expect(outShape(runOp('Tile', { inputs: [t('float32', ['n', 3]), i64([1, 2])] }))).toEqual(['n', 6]);
    expect(outShape(runOp('Tile', { inputs: [t('float32', [2, 3]), t('int64', [2])] }))).toEqual([null, null]);
  });

  it('Tile carries values', () => {
    expect(out('Tile', { inputs: [t('int64', [2], [1, 2]), i64([2])] }).value).toEqual([1, 2, 1, 2]);
  });
});

describe('Cast, CastLike, BitCast, Identity', () => {
  it('Cast sets the dtype from `to` and converts values', () => {
    const r = out('Cast', { inputs: [t('float32', [3], [1.7, -2.5, 3])], attrs: { to: dtypeCode('int64') } });
    expect(r).toMatchObject({ dtype: 'int64', shape: [3], value: [1, -2, 3] });
  });

  it('Cast keeps symbols for numeric targets and drops them for bool', () => {
    const v = i64(['n', 4]);
    expect(out('Cast', { inputs: [v], attrs: { to: dtypeCode('float32') } }).value).toEqual(['n', 4]);
    expect(out('Cast', { inputs: [v], attrs: { to: dtypeCode('bool') } }).value).toEqual([null, 1]);
  });

  it('Cast of an unknown shape still sets the dtype', () => {
    expect(out('Cast', { inputs: [t('float32', null)], attrs: { to: dtypeCode('float16') } })).toMatchObject({
      dtype: 'float16',
      shape: null,
    });
  });

  it('CastLike takes the dtype of its second input', () => {
    const r = out('CastLike', { inputs: [t('int64', [2], [3, 4]), t('float32', [])] });
    expect(r).toMatchObject({ dtype: 'float32', value: [3, 4] });
  });

  it('BitCast reinterprets the dtype only', () => {
    expect(out('BitCast', { inputs: [t('float32', [2, 3])], attrs: { to: dtypeCode('int32') } })).toMatchObject({
      dtype: 'int32',
      shape: [2, 3],
    });
  });

  it('Identity passes anything through', () => {
    const seq: Info = { kind: 'sequence', elem: t('float32', [2]) };
    expect(runOp('Identity', { inputs: [seq] }).outputs[0]).toBe(seq);
    expect(out('Identity', { inputs: [i64([1, 2])] }).value).toEqual([1, 2]);
  });
});

describe('ConstantOfShape, Range, EyeLike, Trilu', () => {
  it('ConstantOfShape: shape from the value, dtype from the attribute', () => {
    const r = out('ConstantOfShape', { inputs: [i64([2, 3])], attrs: { value: tensorAttr('int32', [1], [5]) } });
    expect(r).toMatchObject({ dtype: 'int32', shape: [2, 3], value: [5, 5, 5, 5, 5, 5] });
  });

  it('ConstantOfShape defaults to float32 zeros, and [] gives a scalar', () => {
    expect(out('ConstantOfShape', { inputs: [i64([2])] })).toMatchObject({ dtype: 'float32', shape: [2], value: [0, 0] });
    expect(out('ConstantOfShape', { inputs: [t('int64', [0], [])] })).toMatchObject({ shape: [], value: [0] });
  });

  it('ConstantOfShape keeps symbols and rank from an unknown value', () => {
    expect(outShape(runOp('ConstantOfShape', { inputs: [i64(['b', 3])] }))).toEqual(['b', 3]);
    expect(outShape(runOp('ConstantOfShape', { inputs: [t('int64', [3])] }))).toEqual([null, null, null]);
  });

  it.each([
    [3, 9, 3, [3, 6]],
    [10, 4, -2, [10, 8, 6]],
    [0, 5, 1, [0, 1, 2, 3, 4]],
    [5, 0, 1, []],
  ])('Range(%d, %d, %d)', (start, limit, delta, expected) => {
    const r = out('Range', { inputs: [scalar(start), scalar(limit), scalar(delta)] });
    expect(r).toMatchObject({ dtype: 'int64', shape: [expected.length], value: expected });
  });

  it('Range over floats uses ceil((limit - start) / delta)', () => {
    const r = out('Range', { inputs: [scalar(1, 'float32'), scalar(5, 'float32'), scalar(2, 'float32')] });
    expect(r).toMatchObject({ dtype: 'float32', shape: [Math.ceil((5 - 1) / 2)], value: [1, 3] });
  });

  it('Range(0, n, 1) over a symbol has length n', () => {
    expect(outShape(runOp('Range', { inputs: [scalar(0), scalar('seq'), scalar(1)] }))).toEqual(['seq']);
    expect(outShape(runOp('Range', { inputs: [scalar(1), scalar('seq'), scalar(1)] }))).toEqual([null]);
  });

  it('Range costs 2 per output element (start + i * delta)', () => {
    expect(runOp('Range', { inputs: [scalar(0), scalar(10), scalar(1)] }).cost).toEqual({ macs: 0, flops: 2 * 10, coreMacs: 0 });
    expect(runOp('Range', { inputs: [scalar(0), t('int64', []), scalar(1)] }).cost).toBeNull();
  });

  it('EyeLike: shape of the input, dtype attr or input dtype, ones on diagonal k', () => {
    expect(out('EyeLike', { inputs: [t('int32', [2, 3])], attrs: { k: 1 } })).toMatchObject({
      dtype: 'int32',
      shape: [2, 3],
      value: [0, 1, 0, 0, 0, 1],
    });
    expect(out('EyeLike', { inputs: [t('int32', [4, 4])], attrs: { dtype: dtypeCode('float64') } }).dtype).toBe('float64');
  });

  it('Trilu keeps shape and masks known values', () => {
    const x = t('int64', [2, 2], [1, 2, 3, 4]);
    expect(out('Trilu', { inputs: [x] }).value).toEqual([1, 2, 0, 4]);
    expect(out('Trilu', { inputs: [x], attrs: { upper: 0 } }).value).toEqual([1, 0, 3, 4]);
    expect(out('Trilu', { inputs: [x, scalar(1)], attrs: { upper: 0 } }).value).toEqual([1, 2, 3, 4]);
    expect(outShape(runOp('Trilu', { inputs: [t('float32', [3, 4, 5])] }))).toEqual([3, 4, 5]);
  });
});

describe('Dropout', () => {
  const x = t('float32', [2, 8]);
  it('outputs the input and a bool mask (opset >= 10)', () => {
    const r = runOp('Dropout', { inputs: [x], outputs: 2 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [2, 8] });
    expect(r.outputs[1]).toMatchObject({ dtype: 'bool', shape: [2, 8] });
    expect(r.cost).toEqual({ macs: 0, flops: 0, coreMacs: 0 });
  });

  it('mask has the input type before opset 10', () => {
    expect(runOp('Dropout', { inputs: [x], outputs: 2, opset: 7 }).outputs[1]).toMatchObject({ dtype: 'float32' });
  });

  it('training mode (opset 12 input) costs a compare and a scale per element', () => {
    const r = runOp('Dropout', { inputs: [x, scalar(0.5, 'float32'), t('bool', [], [1])], outputs: 2, opset: 12 });
    expect(r.cost).toEqual({ macs: 0, flops: 2 * 2 * 8, coreMacs: 0 });
  });

  it('inference passes the value through', () => {
    expect(out('Dropout', { inputs: [i64([3, 4])] }).value).toEqual([3, 4]);
  });
});

describe('value propagation chains', () => {
  it('Shape -> Gather(0) -> Unsqueeze -> Concat(-1) -> Reshape', () => {
    const x = t('float32', ['batch', 3, 224, 224]);
    const shape = out('Shape', { inputs: [x] });
    const b = out('Gather', { inputs: [shape, scalar(0)], attrs: { axis: 0 } });
    expect(b).toMatchObject({ shape: [], value: ['batch'] });
    const u = out('Unsqueeze', { inputs: [b, i64([0])] });
    const c = out('Concat', { inputs: [u, i64([-1])], attrs: { axis: 0 } });
    expect(c.value).toEqual(['batch', -1]);
    const r = out('Reshape', { inputs: [x, c] });
    expect(r.shape).toEqual(['batch', 3 * 224 * 224]);
  });

  it('Shape -> Slice -> Concat -> ConstantOfShape', () => {
    const x = t('float32', [2, 'seq', 16]);
    const shape = out('Shape', { inputs: [x] });
    const head = out('Slice', { inputs: [shape, i64([0]), i64([2])] });
    expect(head.value).toEqual([2, 'seq']);
    const full = out('Concat', { inputs: [head, i64([4])], attrs: { axis: 0 } });
    const c = out('ConstantOfShape', { inputs: [full] });
    expect(c.shape).toEqual([2, 'seq', 4]);
  });

  it('Range(0, Gather(Shape(x), 1)) -> Unsqueeze -> Expand', () => {
    const x = t('float32', [4, 7, 16]);
    const n = out('Gather', { inputs: [out('Shape', { inputs: [x] }), scalar(1)] });
    const r = out('Range', { inputs: [scalar(0), n, scalar(1)] });
    expect(r).toMatchObject({ shape: [7], value: [0, 1, 2, 3, 4, 5, 6] });
    const u = out('Unsqueeze', { inputs: [r, i64([0])] });
    const e = out('Expand', { inputs: [u, i64([4, 7])] });
    expect(e.shape).toEqual([4, 7]);
    expect(e.value?.slice(7, 10)).toEqual([0, 1, 2]);
  });

  it('Shape -> Cast(float) -> Cast(int64) keeps symbols', () => {
    const s = out('Shape', { inputs: [t('float32', ['b', 8])] });
    const f = out('Cast', { inputs: [s], attrs: { to: dtypeCode('float32') } });
    const i = out('Cast', { inputs: [f], attrs: { to: dtypeCode('int64') } });
    expect(i.value).toEqual(['b', 8]);
  });

  it('ConstantOfShape(Shape(x)) -> Tile(Shape) keeps the batch symbol', () => {
    const x = t('float32', ['n', 2]);
    const ones = out('ConstantOfShape', { inputs: [out('Shape', { inputs: [x] })] });
    expect(ones.shape).toEqual(['n', 2]);
    expect(outShape(runOp('Tile', { inputs: [ones, i64([1, 3])] }))).toEqual(['n', 6]);
  });

  it('unknown inputs give unknown (not wrong) outputs, and never throw', () => {
    for (const op of ['Reshape', 'Expand', 'Tile', 'Squeeze', 'Unsqueeze', 'ConstantOfShape', 'Range', 'Flatten', 'Size']) {
      const r = runOp(op, { inputs: [undefined, undefined, undefined] });
      expect(r.warnings).toEqual([]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';
import type { Dim } from '../../src/graph/model.js';

const flopsOnly = (flops: number) => ({ macs: 0, flops, coreMacs: 0 });
const axesIn = (v: number[]) => t('int64', [v.length], v);

function value(r: ReturnType<typeof runOp>): Dim[] | undefined {
  const o = r.outputs[0];
  return o && o.kind === 'tensor' ? o.value : undefined;
}

/** Runs a reduction with `axes` as an attribute (old opsets) or as input 1 (new opsets). */
function reduce(op: string, shape: Dim[] | null, axes: number[] | undefined, opts: { opset: number; keepdims?: number; noop?: number }) {
  const inputFrom = op === 'ReduceSum' ? 13 : 18;
  const attrs: Record<string, number | number[]> = {};
  if (opts.keepdims !== undefined) attrs.keepdims = opts.keepdims;
  if (opts.noop !== undefined) attrs.noop_with_empty_axes = opts.noop;
  const inputs = [t('float32', shape)];
  if (opts.opset >= inputFrom) {
    if (axes) inputs.push(axesIn(axes));
  } else if (axes) attrs.axes = axes;
  return runOp(op, { inputs, attrs, opset: opts.opset });
}

const ALL = ['ReduceSum', 'ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceSumSquare', 'ReduceLogSum', 'ReduceLogSumExp'];

describe('reduction shapes', () => {
  const cases: [string, number[] | undefined, number | undefined, Dim[]][] = [
    ['one axis, keepdims', [1], undefined, [3, 1, 2]],
    ['one axis, no keepdims', [1], 0, [3, 2]],
    ['negative axes', [-1, 0], 1, [1, 2, 1]],
    ['default: all axes, keepdims', undefined, 1, [1, 1, 1]],
    ['default: all axes, no keepdims', undefined, 0, []],
    ['duplicate axes count once', [2, -1], 0, [3, 2]],
  ];
  for (const op of ALL) {
    for (const opset of [11, 13, 18]) {
      it.each(cases)(`${op} opset ${opset}: %s`, (_, axes, keepdims, out) => {
        const r = reduce(op, [3, 2, 2], axes, { opset, keepdims });
        expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: out });
      });
    }
  }

  it('keeps symbolic dims that are not reduced', () => {
    expect(outShape(reduce('ReduceMean', ['N', 'S', 768], [-1], { opset: 13 }))).toEqual(['N', 'S', 1]);
  });

  it('noop_with_empty_axes and no axes: the identity (axes-input opsets only)', () => {
    expect(outShape(reduce('ReduceSum', [3, 2, 2], undefined, { opset: 13, noop: 1 }))).toEqual([3, 2, 2]);
    expect(outShape(reduce('ReduceMax', [3, 2, 2], undefined, { opset: 18, noop: 1 }))).toEqual([3, 2, 2]);
    // an explicitly empty axes input behaves the same
    const empty = runOp('ReduceSum', { inputs: [t('float32', [3, 2]), t('int64', [0])], attrs: { noop_with_empty_axes: 1 }, opset: 13 });
    expect(outShape(empty)).toEqual([3, 2]);
    const emptyAll = runOp('ReduceSum', { inputs: [t('float32', [3, 2]), t('int64', [0])], opset: 13 });
    expect(outShape(emptyAll)).toEqual([1, 1]);
  });

  it('axes given as an input whose value is unknown', () => {
    const x = t('float32', [3, 1, 4]);
    const kept = runOp('ReduceMean', { inputs: [x, t('int64', [1])], opset: 18 });
    expect(outShape(kept)).toEqual([null, 1, null]);
    const dropped = runOp('ReduceMean', { inputs: [x, t('int64', [1])], attrs: { keepdims: 0 }, opset: 18 });
    expect(outShape(dropped)).toEqual([null, null]);
    // two unknown axes might be the same axis twice: the rank is not known
    const two = runOp('ReduceMean', { inputs: [x, t('int64', [2])], attrs: { keepdims: 0 }, opset: 18 });
    expect(outShape(two)).toBeNull();
    const unknownLen = runOp('ReduceMean', { inputs: [x, t('int64', [null])], attrs: { keepdims: 0 }, opset: 18 });
    expect(outShape(unknownLen)).toBeNull();
  });

  it('an out-of-range axis or an unknown input gives an unknown shape', () => {
    expect(outShape(reduce('ReduceSum', [3, 2], [2], { opset: 11 }))).toBeNull();
    expect(outShape(reduce('ReduceSum', null, [0], { opset: 11 }))).toBeNull();
    expect(reduce('ReduceSum', null, [0], { opset: 11 }).cost).toBeNull();
  });

  it('an axes attribute past opset 18 is still honoured', () => {
    const r = runOp('ReduceMean', { inputs: [t('float32', [2, 5])], attrs: { axes: [1] }, opset: 18 });
    expect(outShape(r)).toEqual([2, 1]);
  });
});

describe('reduction costs', () => {
  const shape = [4, 5, 6];
  const n = 4 * 5 * 6;
  const out = 4 * 6; // reducing axis 1
  const table: [string, number][] = [
    ['ReduceSum', n], // one add per element
    ['ReduceMean', n + out], // sum, then one divide per output
    ['ReduceMax', n],
    ['ReduceMin', n],
    ['ReduceProd', n],
    ['ReduceL1', 2 * n], // abs, add
    ['ReduceL2', 2 * n + out], // square, add; sqrt per output
    ['ReduceSumSquare', 2 * n], // square, add
    ['ReduceLogSum', n + out], // add; log per output
    ['ReduceLogSumExp', 2 * n + out], // exp, add; log per output
  ];
  it.each(table)('%s', (op, flops) => {
    expect(reduce(op, shape, [1], { opset: 13 }).cost).toEqual(flopsOnly(flops));
    expect(reduce(op, shape, [1], { opset: 18, keepdims: 0 }).cost).toEqual(flopsOnly(flops));
  });

  it('the noop case keeps only the per-element and finishing steps', () => {
    expect(reduce('ReduceSum', shape, undefined, { opset: 13, noop: 1 }).cost).toEqual(flopsOnly(0));
    expect(reduce('ReduceSumSquare', shape, undefined, { opset: 18, noop: 1 }).cost).toEqual(flopsOnly(n));
    expect(reduce('ReduceLogSum', shape, undefined, { opset: 18, noop: 1 }).cost).toEqual(flopsOnly(n));
  });
});

describe('ArgMax / ArgMin', () => {
  it.each(['ArgMax', 'ArgMin'])('%s: axis default 0, keepdims default 1, int64 output', (op) => {
    const x = t('float32', [2, 3, 4]);
    expect(runOp(op, { inputs: [x] }).outputs[0]).toMatchObject({ dtype: 'int64', shape: [1, 3, 4] });
    expect(outShape(runOp(op, { inputs: [x], attrs: { axis: -1, keepdims: 0 } }))).toEqual([2, 3]);
    expect(outShape(runOp(op, { inputs: [x], attrs: { axis: 1, select_last_index: 1 }, opset: 12 }))).toEqual([2, 1, 4]);
    expect(runOp(op, { inputs: [x] }).cost).toEqual(flopsOnly(24));
    expect(runOp(op, { inputs: [t('float32', null)] }).outputs[0]).toMatchObject({ dtype: 'int64', shape: null });
  });
});

describe('reduction value propagation', () => {
  const i64 = (v: Dim[], shape: Dim[] = [v.length]) => t('int64', shape, v);

  it('ReduceProd of dims (the element count of a shape)', () => {
    const r = runOp('ReduceProd', { inputs: [i64([2, 3, 4])], attrs: { keepdims: 0 }, opset: 13 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int64', shape: [], value: [2 * 3 * 4] });
    const keep = runOp('ReduceProd', { inputs: [i64([2, 3, 4])], opset: 13 });
    expect(keep.outputs[0]).toMatchObject({ shape: [1], value: [24] });
  });

  it('symbols pass through multiply-by-1 and add-0 only', () => {
    expect(value(runOp('ReduceProd', { inputs: [i64(['N', 1])], opset: 13 }))).toEqual(['N']);
    expect(value(runOp('ReduceProd', { inputs: [i64(['N', 3])], opset: 13 }))).toEqual([null]);
    expect(value(runOp('ReduceSum', { inputs: [i64(['N', 0])], opset: 13 }))).toEqual(['N']);
  });

  it('ReduceSum / ReduceMax / ReduceMin along one axis', () => {
    const m = i64([1, 2, 3, 4], [2, 2]);
    expect(value(runOp('ReduceSum', { inputs: [m, axesIn([0])], opset: 13 }))).toEqual([4, 6]);
    expect(value(runOp('ReduceSum', { inputs: [m, axesIn([1])], opset: 13 }))).toEqual([3, 7]);
    expect(value(runOp('ReduceMax', { inputs: [m], attrs: { axes: [1] }, opset: 13 }))).toEqual([2, 4]);
    expect(value(runOp('ReduceMin', { inputs: [m, axesIn([0])], opset: 18 }))).toEqual([1, 2]);
    expect(value(runOp('ReduceMax', { inputs: [i64(['N', 'N'])], opset: 13 }))).toEqual(['N']);
  });

  it('an empty reduction gives the identity for Sum and Prod', () => {
    expect(value(runOp('ReduceProd', { inputs: [i64([], [0])], opset: 13 }))).toEqual([1]);
    expect(value(runOp('ReduceSum', { inputs: [i64([], [0])], opset: 13 }))).toEqual([0]);
  });

  it('the noop identity keeps the elements', () => {
    const r = runOp('ReduceSum', { inputs: [i64([5, 6])], attrs: { noop_with_empty_axes: 1 }, opset: 13 });
    expect(value(r)).toEqual([5, 6]);
  });

  it('float reductions that are not shape arithmetic are not evaluated', () => {
    expect(value(runOp('ReduceMean', { inputs: [t('float32', [2], [1, 2])], opset: 13 }))).toBeUndefined();
  });
});

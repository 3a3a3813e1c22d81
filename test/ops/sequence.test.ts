import { describe, expect, it } from 'vitest';
import { runOp, outShape, t, graphAttr } from '../helpers/op.js';
import type { Info, OptionalInfo, SequenceInfo, TensorInfo } from '../../src/graph/info.js';
import { dtypeCode } from '../../src/graph/dtype.js';
import type { Graph } from '../../src/graph/model.js';
import type { SubgraphRunner } from '../../src/analysis/apply.js';

const i64 = (values: (number | string | null)[]) => t('int64', [values.length], values);
const scalar = (v: number) => t('int64', [], [v]);
const seq = (items: TensorInfo[]): SequenceInfo => runOp('SequenceConstruct', { inputs: items }).outputs[0] as SequenceInfo;
const itemShapes = (s: Info | null) => (s as SequenceInfo).items?.map((x) => x.shape);
const ZERO = { macs: 0, flops: 0, coreMacs: 0 };

describe('building and reading sequences', () => {
  const a = t('float32', [2, 3]);
  const b = t('float32', [2, 5]);

  it('SequenceConstruct tracks items; elem keeps the dims they share', () => {
    const s = seq([a, b]);
    expect(s.items).toEqual([a, b]);
    expect(s.elem).toMatchObject({ dtype: 'float32', shape: [2, null] });
    expect(runOp('SequenceConstruct', { inputs: [a, b] }).cost).toEqual(ZERO);
  });

  it('SequenceEmpty: no items, dtype attribute (float by default)', () => {
    const e = runOp('SequenceEmpty', { inputs: [] }).outputs[0] as SequenceInfo;
    expect(e.items).toEqual([]);
    expect(e.elem?.dtype).toBe('float32');
    const i = runOp('SequenceEmpty', { inputs: [], attrs: { dtype: dtypeCode('int64') } }).outputs[0] as SequenceInfo;
    expect(i.elem?.dtype).toBe('int64');
  });

  it('SequenceAt picks an item by (negative) position, else the element info', () => {
    const s = seq([a, b]);
    expect(runOp('SequenceAt', { inputs: [s, scalar(1)] }).outputs[0]).toBe(b);
    expect(runOp('SequenceAt', { inputs: [s, scalar(-2)] }).outputs[0]).toBe(a);
    expect(outShape(runOp('SequenceAt', { inputs: [s, t('int64', [])] }))).toEqual([2, null]);
  });

  it('SequenceInsert at the end by default, or at a position', () => {
    const s = seq([a]);
    expect(itemShapes(runOp('SequenceInsert', { inputs: [s, b] }).outputs[0])).toEqual([
      [2, 3],
      [2, 5],
    ]);
    expect(itemShapes(runOp('SequenceInsert', { inputs: [s, b, scalar(0)] }).outputs[0])).toEqual([
      [2, 5],
      [2, 3],
    ]);
  });

  it('SequenceInsert into an empty sequence (the Loop pattern)', () => {
    const e = runOp('SequenceEmpty', { inputs: [] }).outputs[0] as SequenceInfo;
    const r = runOp('SequenceInsert', { inputs: [e, a] }).outputs[0] as SequenceInfo;
    expect(r.items).toEqual([a]);
  });

  it('SequenceErase removes the last item by default', () => {
    const s = seq([a, b, a]);
    expect(itemShapes(runOp('SequenceErase', { inputs: [s] }).outputs[0])).toEqual([
      [2, 3],
      [2, 5],
    ]);
    expect(itemShapes(runOp('SequenceErase', { inputs: [s, scalar(0)] }).outputs[0])).toEqual([
      [2, 5],
      [2, 3],
    ]);
  });

  it('SequenceLength is known with the items', () => {
    expect(runOp('SequenceLength', { inputs: [seq([a, b])] }).outputs[0]).toMatchObject({ dtype: 'int64', shape: [], value: [2] });
    const unknown: SequenceInfo = { kind: 'sequence', elem: a };
    expect((runOp('SequenceLength', { inputs: [unknown] }).outputs[0] as TensorInfo).value).toBeUndefined();
  });
});

describe('SplitToSequence and ConcatFromSequence', () => {
  const x = t('float32', [3, 4]);
  it('no split: items of length 1, keepdims', () => {
    expect(itemShapes(runOp('SplitToSequence', { inputs: [x] }).outputs[0])).toEqual([
      [1, 4],
      [1, 4],
      [1, 4],
    ]);
    expect(itemShapes(runOp('SplitToSequence', { inputs: [x], attrs: { axis: 1, keepdims: 0 } }).outputs[0])).toEqual([[3], [3], [3], [3]]);
  });

  it('scalar split: equal chunks, the last smaller', () => {
    const r = runOp('SplitToSequence', { inputs: [t('float32', [7, 2]), t('int64', [], [3])] }).outputs[0];
    expect(itemShapes(r)).toEqual([
      [3, 2],
      [3, 2],
      [1, 2],
    ]);
  });

  it('1-D split: given lengths', () => {
    const r = runOp('SplitToSequence', { inputs: [x, i64([1, 3])], attrs: { axis: 1 } }).outputs[0];
    expect(itemShapes(r)).toEqual([
      [3, 1],
      [3, 3],
    ]);
  });

  it('unknown split: an element info with unknown length', () => {
    const r = runOp('SplitToSequence', { inputs: [x, t('int64', [2])] }).outputs[0] as SequenceInfo;
    expect(r.items).toBeUndefined();
    expect(r.elem?.shape).toEqual([null, 4]);
  });

  it('ConcatFromSequence concatenates or stacks known items', () => {
    const s = seq([t('float32', [2, 3]), t('float32', [2, 5])]);
    expect(outShape(runOp('ConcatFromSequence', { inputs: [s], attrs: { axis: 1 } }))).toEqual([2, 8]);
    const same = seq([t('float32', [2, 3]), t('float32', [2, 3])]);
    expect(outShape(runOp('ConcatFromSequence', { inputs: [same], attrs: { axis: -1, new_axis: 1 } }))).toEqual([2, 3, 2]);
    expect(outShape(runOp('ConcatFromSequence', { inputs: [same], attrs: { axis: 0, new_axis: 1 } }))).toEqual([2, 2, 3]);
  });

  it('ConcatFromSequence of an unknown-length sequence leaves the axis unknown', () => {
    const s: SequenceInfo = { kind: 'sequence', elem: t('float32', [2, 3]) };
    expect(outShape(runOp('ConcatFromSequence', { inputs: [s], attrs: { axis: 0 } }))).toEqual([null, 3]);
    expect(outShape(runOp('ConcatFromSequence', { inputs: [s], attrs: { axis: 1, new_axis: 1 } }))).toEqual([2, null, 3]);
  });
});

describe('SequenceMap', () => {
  const body: Graph = { name: 'body', nodes: [], inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [] };
  /** A fake body: doubles the last dim of its first input and costs 10 FLOPs. */
  const runner: SubgraphRunner = (_g, inputs) => {
    const x = inputs[0] as TensorInfo | null;
    const shape = x?.shape ? [...x.shape.slice(0, -1), typeof x.shape.at(-1) === 'number' ? (x.shape.at(-1) as number) * 2 : null] : null;
    return { outputs: [t('float32', shape)], cost: { macs: 0, flops: 10, coreMacs: 0 } };
  };

  it('runs the body per item when the length is known', () => {
    const s = seq([t('float32', [3]), t('float32', [5])]);
    const r = runOp('SequenceMap', { inputs: [s], attrs: { body: graphAttr(body) }, subgraph: runner, opset: 17 });
    expect(itemShapes(r.outputs[0])).toEqual([[6], [10]]);
    expect(r.cost).toEqual({ macs: 0, flops: 2 * 10, coreMacs: 0, timing: { steps: 2 } });
  });

  it('runs the body once on the element info otherwise, cost unknown', () => {
    const s: SequenceInfo = { kind: 'sequence', elem: t('float32', [4]) };
    const r = runOp('SequenceMap', { inputs: [s], attrs: { body: graphAttr(body) }, subgraph: runner, opset: 17 });
    expect((r.outputs[0] as SequenceInfo).elem?.shape).toEqual([8]);
    expect(r.cost).toBeNull();
  });
});

describe('optionals', () => {
  const x = t('float32', [4]);
  it('Optional with and without an element', () => {
    expect(runOp('Optional', { inputs: [x] }).outputs[0]).toEqual({ kind: 'optional', elem: x, present: true });
    const empty = runOp('Optional', {
      inputs: [],
      attrs: { type: { type: 'type_proto', value: { kind: 'tensor', dtype: 'int32', shape: [2] } } },
    }).outputs[0] as OptionalInfo;
    expect(empty.present).toBe(false);
    expect(empty.elem).toMatchObject({ dtype: 'int32', shape: [2] });
  });

  it('OptionalHasElement: known presence, tensors (opset 18) and omitted inputs', () => {
    const has = (inputs: (Info | undefined)[], omit?: number[]) => (runOp('OptionalHasElement', { inputs, omit, opset: 18 }).outputs[0] as TensorInfo).value;
    expect(has([{ kind: 'optional', elem: x, present: true }])).toEqual([1]);
    expect(has([{ kind: 'optional', elem: x, present: false }])).toEqual([0]);
    expect(has([{ kind: 'optional', elem: x }])).toBeUndefined();
    expect(has([x])).toEqual([1]);
    expect(has([undefined], [0])).toEqual([0]);
    expect(runOp('OptionalHasElement', { inputs: [x] }).outputs[0]).toMatchObject({ dtype: 'bool', shape: [] });
  });

  it('OptionalGetElement unwraps, and passes tensors and sequences through', () => {
    expect(runOp('OptionalGetElement', { inputs: [{ kind: 'optional', elem: x, present: true }] }).outputs[0]).toBe(x);
    expect(runOp('OptionalGetElement', { inputs: [x], opset: 18 }).outputs[0]).toBe(x);
    expect(runOp('OptionalGetElement', { inputs: [x] }).cost).toEqual(ZERO);
  });
});

/**
 * Lower and upper bounds: figures a data-dependent size leaves unknown are marked as lower
 * bounds, and the upper-bound run (each data-dependent size at its static maximum) gives upper
 * bounds, worked out here by hand from the cost rules. Soundness: the same graph with the data
 * known (a constant) must land at or below the bound, and on it when every element is selected.
 */
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel } from '../../src/analysis/infer.js';
import { totals } from '../../src/analysis/aggregate.js';
import { modelReport } from '../../src/report/model-report.js';
import { withLatency } from '../../src/report/latency.js';
import { findDevice } from '../../src/devices/catalog.js';
import { deviceModel } from '../../src/devices/efficiency.js';
import { encodeModel, type GraphSpec, type ModelSpec, type TensorSpec } from '../helpers/encode.js';

const infer = (spec: ModelSpec) => inferModel(decodeModel(encodeModel(spec)), { upperBounds: true });

const W = 16;
/** NonZero(x) -> Cast float -> Transpose -> MatMul with w [2, W]; x [4, 6] is an input or a constant. */
function nonZeroMatMul(x?: number[]): ModelSpec {
  const xInit: TensorSpec[] = x ? [{ name: 'x', dtype: 'float32', dims: [4, 6], values: x }] : [];
  return {
    graph: {
      nodes: [
        { op: 'NonZero', inputs: ['x'], outputs: ['idx'], name: 'nz' },
        { op: 'Cast', inputs: ['idx'], outputs: ['f'], name: 'cast', attrs: { to: 1 } },
        { op: 'Transpose', inputs: ['f'], outputs: ['t'], name: 'tr', attrs: { perm: [1, 0] } },
        { op: 'MatMul', inputs: ['t', 'w'], outputs: ['y'], name: 'mm' },
      ],
      inputs: x ? [] : [{ name: 'x', dtype: 'float32', shape: [4, 6] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [...xInit, { name: 'w', dtype: 'float32', dims: [2, W], values: new Array(2 * W).fill(1) }],
    },
  };
}

describe('NonZero feeding a MatMul', () => {
  const t = totals(infer(nonZeroMatMul()));
  // n non-zero elements of 24: NonZero [2, n] int64, Cast [2, n] f32, Transpose [n, 2], MatMul [n, 2] x [2, 16].
  const N = 24;

  it('marks the figures the unknown n leaves out as lower bounds, naming the nodes', () => {
    expect(t.macs).toBe(0);
    expect(t.flops).toBe(24); // NonZero's compare per element is known
    expect(t.lowerBound).toEqual(['macs', 'coreMacs', 'flops', 'memoryAccessBytes', 'peakActivationBytes']);
    expect(t.incompleteNodes).toBe(4);
    expect(t.incompleteNodeNames).toEqual(['nz', 'cast', 'tr', 'mm']);
  });

  it('upper bounds: n at its maximum, the element count of x', () => {
    const macs = N * 2 * W;
    expect(t.upperBound?.macs).toBe(macs);
    expect(t.upperBound?.coreMacs).toBe(macs);
    expect(t.upperBound?.flops).toBe(24 + 2 * macs);
    const bytes = 24 * 4 + 2 * N * 8 + (2 * N * 8 + 2 * N * 4) + (2 * N * 4 + 2 * N * 4) + (2 * N * 4 + 2 * W * 4 + N * W * 4);
    expect(t.upperBound?.memoryAccessBytes).toBe(bytes);
    // Steps: nz {x, idx}, cast {idx, f}, tr {f, t}, mm {t, y}: the last is largest.
    expect(t.upperBound?.peakActivationBytes).toBe(2 * N * 4 + N * W * 4);
  });

  it('is met when every element is non-zero, and not passed when some are zero', () => {
    const upper = t.upperBound!;
    const all = totals(infer(nonZeroMatMul(Array.from({ length: 24 }, (_, i) => i + 1))));
    expect(all.lowerBound).toEqual([]);
    expect(all.upperBound).toBeUndefined();
    expect(all.macs).toBe(upper.macs);
    expect(all.flops).toBe(upper.flops);
    const half = totals(infer(nonZeroMatMul(Array.from({ length: 24 }, (_, i) => i % 2))));
    expect(half.macs).toBe(12 * 2 * W);
    expect(half.macs).toBeLessThan(upper.macs!);
    expect(half.flops).toBeLessThan(upper.flops!);
  });

  it('complete models carry no bounds', () => {
    const c = totals(infer(nonZeroMatMul(new Array(24).fill(1))));
    expect(c.incompleteNodes).toBe(0);
    expect(c.incompleteNodeNames).toEqual([]);
  });
});

function graph(g: Partial<GraphSpec> & Pick<GraphSpec, 'nodes' | 'inputs'>): ModelSpec {
  return { graph: { outputs: [{ name: 'y', dtype: 'float32' }], initializers: [], ...g } };
}

describe('other data-dependent sizes', () => {
  it('TopK with k from an input: k is at most the axis length', () => {
    // x [3, 10], k unknown (<= 10): values [3, k] -> Transpose [k, 3] -> MatMul w [3, 8].
    const t = totals(
      infer(
        graph({
          nodes: [
            { op: 'TopK', inputs: ['x', 'k'], outputs: ['v', 'i'], name: 'topk', attrs: { axis: 1 } },
            { op: 'Transpose', inputs: ['v'], outputs: ['vt'], name: 'tr', attrs: { perm: [1, 0] } },
            { op: 'MatMul', inputs: ['vt', 'w'], outputs: ['y'], name: 'mm' },
          ],
          inputs: [
            { name: 'x', dtype: 'float32', shape: [3, 10] },
            { name: 'k', dtype: 'int64', shape: [1] },
          ],
          initializers: [{ name: 'w', dtype: 'float32', dims: [3, 8], values: new Array(24).fill(1) }],
        }),
      ),
    );
    expect(t.lowerBound).toContain('macs');
    expect(t.upperBound?.macs).toBe(10 * 3 * 8);
    // TopK: n * ceil(log2 k) = 30 * 4 at k = 10; MatMul: 2 * 240.
    expect(t.upperBound?.flops).toBe(30 * 4 + 2 * 240);
  });

  it('NonMaxSuppression: at most batches x classes x min(max_output_boxes_per_class, boxes)', () => {
    // boxes [1, 5, 4], scores [1, 2, 5], max 3 per class: selected [<= 1*2*3, 3] -> Cast -> MatMul w [3, 4].
    const t = totals(
      infer(
        graph({
          nodes: [
            { op: 'NonMaxSuppression', inputs: ['boxes', 'scores', 'max'], outputs: ['sel'], name: 'nms' },
            { op: 'Cast', inputs: ['sel'], outputs: ['f'], name: 'cast', attrs: { to: 1 } },
            { op: 'MatMul', inputs: ['f', 'w'], outputs: ['y'], name: 'mm' },
          ],
          inputs: [
            { name: 'boxes', dtype: 'float32', shape: [1, 5, 4] },
            { name: 'scores', dtype: 'float32', shape: [1, 2, 5] },
          ],
          initializers: [
            { name: 'max', dtype: 'int64', dims: [1], values: [3] },
            { name: 'w', dtype: 'float32', dims: [3, 4], values: new Array(12).fill(1) },
          ],
        }),
      ),
    );
    expect(t.upperBound?.macs).toBe(6 * 3 * 4);
  });

  it('Compress along an axis: at most the axis length', () => {
    // x [5, 4], condition from an input: [<= 5, 4] -> MatMul w [4, 3].
    const t = totals(
      infer(
        graph({
          nodes: [
            { op: 'Compress', inputs: ['x', 'c'], outputs: ['k'], name: 'compress', attrs: { axis: 0 } },
            { op: 'MatMul', inputs: ['k', 'w'], outputs: ['y'], name: 'mm' },
          ],
          inputs: [
            { name: 'x', dtype: 'float32', shape: [5, 4] },
            { name: 'c', dtype: 'bool', shape: [5] },
          ],
          initializers: [{ name: 'w', dtype: 'float32', dims: [4, 3], values: new Array(12).fill(1) }],
        }),
      ),
    );
    expect(t.upperBound?.macs).toBe(5 * 4 * 3);
  });

  it('Unique: at most every element is unique', () => {
    // x [7] from an input: y [<= 7] -> Unsqueeze [<= 7, 1] -> MatMul w [1, 2]: <= 14 MACs.
    const t = totals(
      infer(
        graph({
          nodes: [
            { op: 'Unique', inputs: ['x'], outputs: ['u'], name: 'unique' },
            { op: 'Unsqueeze', inputs: ['u', 'ax'], outputs: ['col'], name: 'unsq' },
            { op: 'MatMul', inputs: ['col', 'w'], outputs: ['y'], name: 'mm' },
          ],
          inputs: [{ name: 'x', dtype: 'float32', shape: [7] }],
          initializers: [
            { name: 'ax', dtype: 'int64', dims: [1], values: [1] },
            { name: 'w', dtype: 'float32', dims: [1, 2], values: [1, 1] },
          ],
        }),
      ),
    );
    expect(t.upperBound?.macs).toBe(7 * 1 * 2);
  });

  it('no upper bound where a size is unknown for another reason (a Reshape target read at run time)', () => {
    const t = totals(
      infer(
        graph({
          nodes: [
            { op: 'Reshape', inputs: ['x', 's'], outputs: ['r'], name: 'reshape' },
            { op: 'MatMul', inputs: ['r', 'w'], outputs: ['y'], name: 'mm' },
          ],
          inputs: [
            { name: 'x', dtype: 'float32', shape: [4, 6] },
            { name: 's', dtype: 'int64', shape: [2] },
          ],
          initializers: [{ name: 'w', dtype: 'float32', dims: [6, 2], values: new Array(12).fill(1) }],
        }),
      ),
    );
    expect(t.lowerBound).toContain('macs');
    expect(t.upperBound?.macs).toBeUndefined();
  });
});

describe('a Loop whose trip count is unknown', () => {
  it('costs one iteration, marked as a lower bound (no upper bound: nothing limits the trips)', () => {
    // body: x [1, 4] -> MatMul w [4, 4] (16 MACs per iteration); M is a graph input.
    const t = totals(
      infer(
        graph({
          nodes: [
            {
              op: 'Loop',
              inputs: ['M', '', 'x0'],
              outputs: ['x'],
              name: 'loop',
              attrs: {
                body: {
                  graph: {
                    nodes: [
                      { op: 'MatMul', inputs: ['xi', 'w'], outputs: ['xo'], name: 'mm' },
                      { op: 'Identity', inputs: ['c'], outputs: ['co'], name: 'id' },
                    ],
                    inputs: [
                      { name: 'i', dtype: 'int64', shape: [] },
                      { name: 'c', dtype: 'bool', shape: [] },
                      { name: 'xi', dtype: 'float32', shape: [1, 4] },
                    ],
                    outputs: [
                      { name: 'co', dtype: 'bool', shape: [] },
                      { name: 'xo', dtype: 'float32', shape: [1, 4] },
                    ],
                  },
                },
              },
            },
            { op: 'Relu', inputs: ['x'], outputs: ['y'], name: 'relu' },
          ],
          inputs: [
            { name: 'M', dtype: 'int64', shape: [] },
            { name: 'x0', dtype: 'float32', shape: [1, 4] },
          ],
          initializers: [{ name: 'w', dtype: 'float32', dims: [4, 4], values: new Array(16).fill(1) }],
        }),
      ),
    );
    expect(t.macs).toBe(16);
    expect(t.lowerBound).toEqual(['macs', 'coreMacs', 'flops']);
    expect(t.incompleteNodeNames).toEqual(['loop']);
    expect(t.upperBound).toBeUndefined();
  });
});

describe('never an upper bound that is not one', () => {
  // A cost that shrinks as n grows: n = NonZero(x).shape[1]; r = ConstantOfShape([24 - n, 8]);
  // MatMul r x w [8, 16] costs (24 - n) * 128 MACs. n at its maximum would give 0: not a bound.
  function shrinking(x?: number[]): ModelSpec {
    return {
      graph: {
        nodes: [
          { op: 'NonZero', inputs: ['x'], outputs: ['idx'], name: 'nz' },
          { op: 'Shape', inputs: ['idx'], outputs: ['s'], name: 'shape' },
          { op: 'Gather', inputs: ['s', 'one'], outputs: ['n'], name: 'gather', attrs: { axis: 0 } },
          { op: 'Sub', inputs: ['c24', 'n'], outputs: ['rest'], name: 'sub' },
          { op: 'Concat', inputs: ['rest', 'c8'], outputs: ['dims'], name: 'concat', attrs: { axis: 0 } },
          { op: 'ConstantOfShape', inputs: ['dims'], outputs: ['r'], name: 'fill' },
          { op: 'MatMul', inputs: ['r', 'w'], outputs: ['y'], name: 'mm' },
        ],
        inputs: x ? [] : [{ name: 'x', dtype: 'float32', shape: [4, 6] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [
          ...(x ? [{ name: 'x', dtype: 'float32' as const, dims: [4, 6], values: x }] : []),
          { name: 'one', dtype: 'int64', dims: [1], values: [1] },
          { name: 'c24', dtype: 'int64', dims: [1], values: [24] },
          { name: 'c8', dtype: 'int64', dims: [1], values: [8] },
          { name: 'w', dtype: 'float32', dims: [8, 16], values: new Array(128).fill(1) },
        ],
      },
    };
  }

  it('every run-time count of non-zeros costs at most the claimed bound (or none is claimed)', () => {
    const t = totals(infer(shrinking()));
    expect(t.lowerBound).toContain('macs');
    for (const k of [0, 1, 12, 24]) {
      const exact = totals(infer(shrinking(Array.from({ length: 24 }, (_, i) => (i < k ? 1 : 0)))));
      expect(exact.macs).toBe((24 - k) * 8 * 16);
      if (t.upperBound?.macs !== undefined) expect(exact.macs).toBeLessThanOrEqual(t.upperBound.macs);
    }
  });
});

describe('latency bounds', () => {
  it('a lower bound with an upper one when every node has one', () => {
    const r = inferModel(decodeModel(encodeModel(nonZeroMatMul())), { upperBounds: true });
    const report = modelReport({ path: 'm.onnx', fileBytes: 0, format: { format: 'onnx', version: 8, producer: '' }, notices: [] }, r);
    const d = deviceModel(findDevice('t4')!);
    const l = withLatency(report, [d]).latency!.t4;
    expect(l.lowerBound).toBe(true);
    expect(l.upperBoundMs).toBeGreaterThan(l.ms);
    // The node at its maximum: MatMul reads [24, 2] + [2, 16] and writes [24, 16] (fp32).
    expect(report.nodes[3].upper).toEqual({ macs: 24 * 2 * W, flops: 2 * 24 * 2 * W, bytes: (48 + 32 + 24 * W) * 4 });
  });
});

describe('empty tensors (a dim of 0)', () => {
  it('a prefill with no past: Concat of an empty past and the new keys has the new length', () => {
    // past [1, past_sequence, 8] ++ new [1, sequence, 8] on axis 1 -> MatMul w [8, 16].
    const spec = graph({
      nodes: [
        { op: 'Concat', inputs: ['past', 'cur'], outputs: ['kv'], name: 'concat', attrs: { axis: 1 } },
        { op: 'MatMul', inputs: ['kv', 'w'], outputs: ['y'], name: 'mm' },
      ],
      inputs: [
        { name: 'past', dtype: 'float32', shape: [1, 'past_sequence', 8] },
        { name: 'cur', dtype: 'float32', shape: [1, 'sequence', 8] },
      ],
      initializers: [{ name: 'w', dtype: 'float32', dims: [8, 16], values: new Array(128).fill(1) }],
    });
    const r = inferModel(decodeModel(encodeModel(spec)), { dims: { past_sequence: 0, sequence: 4 }, upperBounds: true });
    const kv = r.nodes[0].outputs[0].info;
    expect(kv?.kind === 'tensor' && kv.shape).toEqual([1, 4, 8]);
    const t = totals(r);
    expect(t.macs).toBe(4 * 8 * 16);
    expect(t.lowerBound).toEqual([]);
    const empty = totals(inferModel(decodeModel(encodeModel(spec)), { dims: { past_sequence: 0, sequence: 0 } }));
    expect(empty.macs).toBe(0);
    expect(empty.flops).toBe(0);
    expect(Number.isFinite(empty.memoryAccessBytes)).toBe(true);
  });
});

/**
 * Totals, memory traffic and peak activation memory on small graphs worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel } from '../../src/analysis/infer.js';
import { byOpType, totals } from '../../src/analysis/aggregate.js';
import { encodeModel, type ModelSpec } from '../helpers/encode.js';

const infer = (spec: ModelSpec) => inferModel(decodeModel(encodeModel(spec)));

describe('peak activation memory', () => {
  // x -> a = Relu(x) -> b = Relu(a) -> c = Add(a, b) -> y = Relu(c); every tensor [1, 1000] fp32.
  const T = 1000 * 4;
  const spec: ModelSpec = {
    graph: {
      nodes: [
        { op: 'Relu', inputs: ['x'], outputs: ['a'], name: 'n1' },
        { op: 'Relu', inputs: ['a'], outputs: ['b'], name: 'n2' },
        { op: 'Add', inputs: ['a', 'b'], outputs: ['c'], name: 'n3' },
        { op: 'Relu', inputs: ['c'], outputs: ['y'], name: 'n4' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 1000] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
    },
  };

  it('is the largest set of tensors alive at one step', () => {
    // step n1: x, a      -> 2T  (x dies after n1)
    // step n2: a, b      -> 2T
    // step n3: a, b, c   -> 3T  (a is still needed by n3, b too, c is produced)
    // step n4: c, y      -> 2T  (y, a graph output, lives to the end)
    expect(totals(infer(spec)).peakActivationBytes).toBe(3 * T);
  });

  it('memory traffic is the unfused sum of bytes read and written', () => {
    // n1: T + T, n2: T + T, n3: 2T + T, n4: T + T
    expect(totals(infer(spec)).memoryAccessBytes).toBe(2 * T + 2 * T + 3 * T + 2 * T);
  });

  it('weights are not activations, but are memory traffic', () => {
    const r = infer({
      graph: {
        nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
        inputs: [{ name: 'x', dtype: 'float32', shape: [1, 100] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [{ name: 'w', dtype: 'float32', dims: [100, 50], raw: new Uint8Array(100 * 50 * 4) }],
      },
    });
    const t = totals(r);
    expect(t.peakActivationBytes).toBe(100 * 4 + 50 * 4);
    expect(t.memoryAccessBytes).toBe(100 * 4 + 100 * 50 * 4 + 50 * 4);
  });
});

describe('breakdown by op type', () => {
  it('sums count, MACs and FLOPs per operator', () => {
    const r = infer({
      graph: {
        nodes: [
          { op: 'MatMul', inputs: ['x', 'w'], outputs: ['h'] },
          { op: 'Relu', inputs: ['h'], outputs: ['h2'] },
          { op: 'MatMul', inputs: ['h2', 'w2'], outputs: ['y'] },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [2, 8] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [
          { name: 'w', dtype: 'float32', dims: [8, 16], raw: new Uint8Array(8 * 16 * 4) },
          { name: 'w2', dtype: 'float32', dims: [16, 4], raw: new Uint8Array(16 * 4 * 4) },
        ],
      },
    });
    const ops = byOpType(r.nodes);
    const macs = 2 * 16 * 8 + 2 * 4 * 16;
    expect(ops.MatMul).toMatchObject({ count: 2, params: 8 * 16 + 16 * 4, macs, flops: 2 * macs });
    expect(ops.Relu).toMatchObject({ count: 1, macs: 0, flops: 2 * 16 });
    expect(totals(r)).toMatchObject({ macs, coreMacs: macs, flops: 2 * macs + 2 * 16 });
  });
});

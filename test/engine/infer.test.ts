/**
 * The inference driver on hand-built graphs (written with the test ONNX writer and read back
 * through the real decoder): dims binding, declared shapes, functions, sub-graphs, weights.
 */
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel, type InferOptions } from '../../src/analysis/infer.js';
import { totals } from '../../src/analysis/aggregate.js';
import { encodeModel, type ModelSpec } from '../helpers/encode.js';
import { matmulLoopBody } from '../helpers/models.js';

function infer(spec: ModelSpec, options?: InferOptions) {
  return inferModel(decodeModel(encodeModel(spec)), options);
}

const outShape = (r: ReturnType<typeof infer>, i = 0) => {
  const info = r.outputs[i].info;
  return info && info.kind === 'tensor' ? info.shape : undefined;
};

describe('dims', () => {
  const spec: ModelSpec = {
    graph: {
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
      inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 'sequence', 16] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [{ name: 'w', dtype: 'float32', dims: [16, 8], values: new Array(128).fill(0) }],
    },
  };

  it('binds given dims and defaults the rest to 1, with a notice', () => {
    const r = infer(spec, { dims: { sequence: 128 } });
    expect(r.dims).toEqual({ sequence: 128, batch: 1 });
    expect(r.defaultedDims).toEqual(['batch']);
    expect(outShape(r)).toEqual([1, 128, 8]);
    expect(r.warnings[0].message).toMatch(/dims not given, set to 1: batch/);
  });

  it('keeps symbols when asked not to default', () => {
    const r = infer(spec, { defaultDim: null });
    expect(outShape(r)).toEqual(['batch', 'sequence', 8]);
  });

  it('names unnamed dims after their input and axis', () => {
    const r = infer({ ...spec, graph: { ...spec.graph, inputs: [{ name: 'x', dtype: 'float32', shape: [null, 4, 16] }] } }, { dims: { 'x[0]': 3 } });
    expect(outShape(r)).toEqual([3, 4, 8]);
  });

  it('counts a weight once and in its own dtype', () => {
    const r = infer(spec);
    const t = totals(r);
    expect(t.params).toBe(16 * 8);
    expect(t.weightBytes).toBe(16 * 8 * 4);
  });
});

describe('weights', () => {
  it('a tensor shared by two nodes counts once, attributed to its first reader', () => {
    const r = infer({
      graph: {
        nodes: [
          { op: 'MatMul', inputs: ['x', 'w'], outputs: ['h'], name: 'first' },
          { op: 'MatMul', inputs: ['h', 'w'], outputs: ['y'], name: 'second' },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [2, 8] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [{ name: 'w', dtype: 'float16', dims: [8, 8], values: new Array(64).fill(0) }],
      },
    });
    expect(r.nodes.map((n) => n.params)).toEqual([64, 0]);
    expect(totals(r)).toMatchObject({ params: 64, weightBytes: 64 * 2 });
  });

  it('int64 shape constants are not params; int8 weights are, at 1 byte', () => {
    const r = infer({
      graph: {
        nodes: [
          { op: 'DequantizeLinear', inputs: ['wq', 'scale', 'zp'], outputs: ['w'] },
          { op: 'MatMul', inputs: ['x', 'w'], outputs: ['h'] },
          { op: 'Reshape', inputs: ['h', 'shape'], outputs: ['y'] },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [2, 8] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [
          { name: 'wq', dtype: 'int8', dims: [8, 4], values: new Array(32).fill(1) },
          { name: 'scale', dtype: 'float32', dims: [], values: [0.5] },
          { name: 'zp', dtype: 'int8', dims: [], values: [0] },
          { name: 'shape', dtype: 'int64', dims: [1], values: [-1] },
        ],
      },
    });
    // 32 int8 weights + 1 float scale + 1 int8 zero point
    expect(totals(r)).toMatchObject({ params: 32 + 1 + 1, weightBytes: 32 + 4 + 1 });
    expect(outShape(r)).toEqual([8]);
  });
});

describe('declared shapes', () => {
  it('fill what inference cannot know, and are ignored when asked', () => {
    const spec: ModelSpec = {
      opsets: { '': 17, 'my.custom': 1 },
      graph: {
        nodes: [{ op: 'Mystery', domain: 'my.custom', inputs: ['x'], outputs: ['y'] }],
        inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 4] }],
        outputs: [{ name: 'y', dtype: 'float32', shape: ['batch', 2] }],
      },
    };
    const r = infer(spec, { dims: { batch: 5 } });
    expect(outShape(r)).toEqual([5, 2]);
    // An unknown operator is listed and estimated elementwise over its outputs, never zero.
    expect(r.nodes[0].supported).toBe(false);
    expect(r.nodes[0].cost).toEqual({ macs: 0, flops: 5 * 2, coreMacs: 0 });
    expect(r.warnings.some((w) => /unsupported operator my.custom:Mystery/.test(w.message))).toBe(true);
    expect(infer(spec, { useDeclaredShapes: false }).outputs[0].info).toBeNull();
  });
});

describe('functions', () => {
  it('inlines a model-local function, binding attribute references', () => {
    const r = infer({
      opsets: { '': 17, local: 1 },
      functions: [
        {
          name: 'ScaledMatMul',
          domain: 'local',
          inputs: ['a', 'b'],
          outputs: ['c'],
          attributes: ['perm'],
          nodes: [
            { op: 'MatMul', inputs: ['a', 'b'], outputs: ['t'] },
            { op: 'Transpose', inputs: ['t'], outputs: ['c'], attrs: { perm: { ref: 'perm' } } },
          ],
        },
      ],
      graph: {
        nodes: [{ op: 'ScaledMatMul', domain: 'local', inputs: ['x', 'w'], outputs: ['y'], name: 'call', attrs: { perm: [1, 0] } }],
        inputs: [{ name: 'x', dtype: 'float32', shape: [3, 5] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [{ name: 'w', dtype: 'float32', dims: [5, 7], values: new Array(35).fill(0) }],
      },
    });
    expect(r.nodes.map((n) => n.opType)).toEqual(['MatMul', 'Transpose']);
    expect(outShape(r)).toEqual([7, 3]);
    expect(r.nodes[0].cost?.macs).toBe(3 * 7 * 5);
  });
});

describe('sub-graphs', () => {
  const branch = (op: string, shape: number[]) => ({
    nodes: [{ op, inputs: ['x'], outputs: ['out'] }],
    inputs: [],
    outputs: [{ name: 'out', dtype: 'float32' as const, shape }],
  });

  it('If with a constant condition takes that branch; otherwise merges both', () => {
    const spec = (cond: number | null): ModelSpec => ({
      graph: {
        nodes: [
          {
            op: 'If',
            inputs: ['c'],
            outputs: ['y'],
            attrs: { then_branch: { graph: branch('Relu', [2, 3]) }, else_branch: { graph: branch('Relu', [2, 3]) } },
          },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [2, 3] }, ...(cond === null ? [{ name: 'c', dtype: 'bool' as const, shape: [] }] : [])],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: cond === null ? [] : [{ name: 'c', dtype: 'bool', dims: [], values: [cond] }],
      },
    });
    const known = infer(spec(1), { useDeclaredShapes: false });
    expect(outShape(known)).toEqual([2, 3]);
    expect(known.nodes[0].cost?.flops).toBe(6);
    const unknown = infer(spec(null), { useDeclaredShapes: false });
    expect(outShape(unknown)).toEqual([2, 3]);
  });

  it('Loop with a known trip count multiplies the body cost and stacks scan outputs', () => {
    const body = {
      nodes: [
        { op: 'Identity', inputs: ['cond_in'], outputs: ['cond_out'] },
        { op: 'MatMul', inputs: ['h', 'w'], outputs: ['h_next'] },
        { op: 'Identity', inputs: ['h_next'], outputs: ['scan'] },
      ],
      inputs: [
        { name: 'i', dtype: 'int64' as const, shape: [] },
        { name: 'cond_in', dtype: 'bool' as const, shape: [] },
        { name: 'h', dtype: 'float32' as const, shape: [1, 4] },
      ],
      outputs: [
        { name: 'cond_out', dtype: 'bool' as const, shape: [] },
        { name: 'h_next', dtype: 'float32' as const, shape: [1, 4] },
        { name: 'scan', dtype: 'float32' as const, shape: [1, 4] },
      ],
    };
    const trips = 10;
    const r = infer(
      {
        graph: {
          nodes: [{ op: 'Loop', inputs: ['M', '', 'h0'], outputs: ['h_final', 'all'], attrs: { body: { graph: body } } }],
          inputs: [{ name: 'h0', dtype: 'float32', shape: [1, 4] }],
          outputs: [
            { name: 'h_final', dtype: 'float32' },
            { name: 'all', dtype: 'float32' },
          ],
          initializers: [
            { name: 'M', dtype: 'int64', dims: [], values: [trips] },
            { name: 'w', dtype: 'float32', dims: [4, 4], values: new Array(16).fill(0) },
          ],
        },
      },
      { useDeclaredShapes: false },
    );
    expect(outShape(r, 0)).toEqual([1, 4]);
    expect(outShape(r, 1)).toEqual([trips, 1, 4]);
    expect(r.nodes[0].cost?.macs).toBe(trips * 1 * 4 * 4);
    // The body's weight, read from the outer scope, still counts once.
    expect(totals(r).params).toBe(16);
  });

  it('Scan costs the body once per step', () => {
    const body = {
      nodes: [
        { op: 'Add', inputs: ['s', 'x_t'], outputs: ['s_next'] },
        { op: 'Identity', inputs: ['s_next'], outputs: ['y_t'] },
      ],
      inputs: [
        { name: 's', dtype: 'float32' as const, shape: [2] },
        { name: 'x_t', dtype: 'float32' as const, shape: [2] },
      ],
      outputs: [
        { name: 's_next', dtype: 'float32' as const, shape: [2] },
        { name: 'y_t', dtype: 'float32' as const, shape: [2] },
      ],
    };
    const r = infer(
      {
        opsets: { '': 11 },
        graph: {
          nodes: [{ op: 'Scan', inputs: ['s0', 'xs'], outputs: ['s_final', 'ys'], attrs: { body: { graph: body }, num_scan_inputs: 1 } }],
          inputs: [
            { name: 's0', dtype: 'float32', shape: [2] },
            { name: 'xs', dtype: 'float32', shape: [5, 2] },
          ],
          outputs: [
            { name: 's_final', dtype: 'float32' },
            { name: 'ys', dtype: 'float32' },
          ],
        },
      },
      { useDeclaredShapes: false },
    );
    expect(outShape(r, 0)).toEqual([2]);
    expect(outShape(r, 1)).toEqual([5, 2]);
    expect(r.nodes[0].cost?.flops).toBe(5 * 2);
  });
});

describe('order', () => {
  it('runs nodes listed out of order', () => {
    const r = infer({
      graph: {
        nodes: [
          { op: 'Relu', inputs: ['h'], outputs: ['y'], name: 'second' },
          { op: 'Relu', inputs: ['x'], outputs: ['h'], name: 'first' },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [4] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
      },
    });
    expect(r.nodes.map((n) => n.name)).toEqual(['first', 'second']);
  });
});

describe('sub-graph weights', () => {
  it('a weight read only inside a Loop body is attributed to the Loop node', () => {
    const body = matmulLoopBody();
    const r = infer({
      graph: {
        nodes: [{ op: 'Loop', inputs: ['M', '', 'h0'], outputs: ['h_final'], attrs: { body: { graph: body } }, name: 'loop' }],
        inputs: [{ name: 'h0', dtype: 'float32', shape: [1, 4] }],
        outputs: [{ name: 'h_final', dtype: 'float32' }],
        initializers: [
          { name: 'M', dtype: 'int64', dims: [], values: [3] },
          { name: 'w', dtype: 'float32', dims: [4, 4], values: new Array(16).fill(0) },
        ],
      },
    });
    expect(r.nodes[0]).toMatchObject({ name: 'loop', params: 16, weightBytes: 64 });
  });
});

describe('int32 tensors', () => {
  it('count as weights only where a quantized op reads them as a bias', () => {
    const r = infer({
      graph: {
        nodes: [
          { op: 'DequantizeLinear', inputs: ['bq', 'bs'], outputs: ['b'] },
          { op: 'Gather', inputs: ['x', 'idx'], outputs: ['g'] },
          { op: 'Add', inputs: ['g', 'b'], outputs: ['y'] },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [10, 4] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [
          { name: 'bq', dtype: 'int32', dims: [4], values: [1, 2, 3, 4] },
          { name: 'bs', dtype: 'float32', dims: [], values: [0.1] },
          { name: 'idx', dtype: 'int32', dims: [2], values: [0, 3] },
        ],
      },
    });
    // the int32 bias (4, 4 bytes each) and its float scale; not the int32 Gather indices
    expect(totals(r)).toMatchObject({ params: 4 + 1, weightBytes: 4 * 4 + 4 });
  });
});

describe('packed int4 weights', () => {
  it('MatMulNBits counts K x N params stored at 4 bits each; its scales count in bytes only', () => {
    const K = 64;
    const N = 32;
    const block = 32;
    const r = infer({
      opsets: { '': 17, 'com.microsoft': 1 },
      graph: {
        nodes: [{ op: 'MatMulNBits', domain: 'com.microsoft', inputs: ['x', 'w', 's'], outputs: ['y'], attrs: { K, N, bits: 4, block_size: block } }],
        inputs: [{ name: 'x', dtype: 'float16', shape: [1, K] }],
        outputs: [{ name: 'y', dtype: 'float16' }],
        initializers: [
          { name: 'w', dtype: 'uint8', dims: [N, K / block, block / 2], raw: new Uint8Array((N * K) / 2) },
          { name: 's', dtype: 'float16', dims: [(N * K) / block], raw: new Uint8Array(((N * K) / block) * 2) },
        ],
      },
    });
    // weights: N*K values at half a byte each; scales: one fp16 per block, quantization metadata, not params
    expect(totals(r)).toMatchObject({ params: N * K, weightBytes: (N * K) / 2 + ((N * K) / block) * 2 });
  });
});

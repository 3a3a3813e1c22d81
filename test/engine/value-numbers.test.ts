/**
 * The reader numbers every node value name (Graph.nameIds) and inference finds a decoded graph's
 * values by those numbers instead of by name (src/analysis/infer.ts). The same graph without
 * the numbers goes the by-name way: both must give the same results, on real models and on the
 * graphs where the numbered way must step aside (out of file order, a name produced twice, a
 * node output named as an initializer, sub-graphs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel, type InferResult } from '../../src/analysis/infer.js';
import { totals } from '../../src/analysis/aggregate.js';
import type { Model } from '../../src/graph/model.js';
import { encodeModel, type ModelSpec } from '../helpers/encode.js';
import { matmulLoopBody } from '../helpers/models.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'models');

/** The model with its graph's numbers taken away: inference goes by name. */
function byName(model: Model): Model {
  const graph = { ...model.graph };
  delete graph.nameIds;
  return { ...model, graph };
}

/** What a run gives, as plain data: every node's figures and infos, the totals, the slots. */
function summary(r: InferResult) {
  return {
    nodes: r.nodes.map((n) => ({
      name: n.name,
      cost: n.cost,
      params: n.params,
      bytes: [n.bytesRead, n.bytesWritten],
      inputs: n.inputs.map((v) => v.info),
      outputs: n.outputs.map((v) => v.info),
    })),
    outputs: r.outputs,
    warnings: r.warnings,
    totals: totals(r),
    slots: { count: r.slots.count, values: [...r.slots.values], inputs: [...r.slots.inputs], outputs: [...r.slots.outputs] },
  };
}

function bothWays(model: Model, dims: Record<string, number> = {}) {
  const numbered = inferModel(model, { dims, upperBounds: true });
  const named = inferModel(byName(model), { dims, upperBounds: true });
  return { numbered: summary(numbered), named: summary(named) };
}

describe('value numbers from the reader', () => {
  it('one number per distinct name, the same wherever the name appears', () => {
    const model = decodeModel(
      encodeModel({
        graph: {
          nodes: [
            { op: 'Relu', inputs: ['x'], outputs: ['a'] },
            { op: 'Add', inputs: ['a', 'a'], outputs: ['b'] },
            { op: 'Dropout', inputs: ['b', ''], outputs: ['c', ''] },
          ],
          inputs: [{ name: 'x', dtype: 'float32', shape: [2] }],
          outputs: [{ name: 'c', dtype: 'float32' }],
        },
      }),
    );
    const ids = model.graph.nameIds!;
    expect(ids.nodes).toBe(model.graph.nodes);
    expect(ids.subgraphs).toBe(false);
    const [x, a1, a2, a3, b1, b2, none1, c, none2] = ids.ids;
    expect(ids.ids.length).toBe(9);
    expect(new Set([a1, a2, a3]).size).toBe(1);
    expect(b1).toBe(b2);
    expect(none1).toBe(none2);
    expect(new Set([x, a1, b1, none1, c]).size).toBe(5);
    for (const id of ids.ids) expect(id).toBeLessThan(ids.count);
  });

  it('a graph holding a sub-graph has none; the sub-graph has its own', () => {
    const model = decodeModel(
      encodeModel({
        graph: {
          nodes: [{ op: 'Loop', inputs: ['M', '', 'h0'], outputs: ['h_final'], attrs: { body: { graph: matmulLoopBody() } }, name: 'loop' }],
          inputs: [{ name: 'h0', dtype: 'float32', shape: [1, 4] }],
          outputs: [{ name: 'h_final', dtype: 'float32' }],
          initializers: [
            { name: 'M', dtype: 'int64', dims: [], values: [3] },
            { name: 'w', dtype: 'float32', dims: [4, 4], values: new Array(16).fill(0) },
          ],
        },
      }),
    );
    expect(model.graph.nameIds).toBeUndefined();
    const body = model.graph.nodes[0].attrs.get('body');
    expect(body?.type).toBe('graph');
    if (body?.type !== 'graph') return;
    expect(body.value.nameIds?.nodes).toBe(body.value.nodes);
    expect(body.value.nameIds?.ids.length).toBe(5); // cond_in, cond_out, h, w, h_next
  });
});

describe('inference by number and by name agree', () => {
  for (const file of ['resnet18.onnx', 'shufflenet_v2_x1_0.onnx', 'llama_tiny.onnx', 'swin_t.onnx', 'efficientnet_b0.onnx']) {
    it(file, () => {
      const model = decodeModel(readFileSync(join(FIXTURES, file)));
      const dims: Record<string, number> = file.startsWith('llama') ? { batch: 1, sequence: 16, past_sequence: 8 } : {};
      const { numbered, named } = bothWays(model, dims);
      expect(numbered).toEqual(named);
      expect(numbered.totals.peakActivationBytes).toBeGreaterThan(0);
    });
  }

  const chain: ModelSpec = {
    graph: {
      nodes: [
        { op: 'Relu', inputs: ['x'], outputs: ['a'], name: 'r' },
        { op: 'Add', inputs: ['a', 'bias'], outputs: ['b'], name: 'add' },
        { op: 'Mul', inputs: ['b', 'a'], outputs: ['y'], name: 'mul' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [4, 8] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [{ name: 'bias', dtype: 'float32', dims: [8], values: new Array(8).fill(1) }],
    },
  };

  it('a graph out of file order runs again in topological order, as the sorted graph does', () => {
    const sorted = decodeModel(encodeModel(chain));
    const shuffled = decodeModel(encodeModel({ graph: { ...chain.graph, nodes: [chain.graph.nodes[2], chain.graph.nodes[0], chain.graph.nodes[1]] } }));
    expect(shuffled.graph.nameIds).toBeDefined();
    const { numbered, named } = bothWays(shuffled);
    expect(numbered).toEqual(named);
    const reference = summary(inferModel(sorted, { upperBounds: true }));
    expect(numbered.nodes.map((n) => n.name)).toEqual(['r', 'add', 'mul']);
    expect(numbered.totals).toEqual(reference.totals);
    expect(numbered.outputs).toEqual(reference.outputs);
  });

  it('a name produced twice, and a node output named as an initializer, as by name', () => {
    const twice = decodeModel(
      encodeModel({
        graph: { ...chain.graph, nodes: [...chain.graph.nodes.slice(0, 2), { op: 'Neg', inputs: ['x'], outputs: ['b'], name: 'again' }, chain.graph.nodes[2]] },
      }),
    );
    const both = bothWays(twice);
    expect(both.numbered).toEqual(both.named);
    expect(both.numbered.nodes.map((n) => n.name)).toEqual(['r', 'add', 'again', 'mul']);
    // Produced twice in a loop: the same refusal both ways.
    const cyclic = decodeModel(
      encodeModel({ graph: { ...chain.graph, nodes: [...chain.graph.nodes, { op: 'Relu', inputs: ['y'], outputs: ['a'], name: 'again' }] } }),
    );
    expect(() => inferModel(cyclic)).toThrow(/cycle/);
    expect(() => inferModel(byName(cyclic))).toThrow(/cycle/);
    const shadow = decodeModel(
      encodeModel({
        graph: { ...chain.graph, nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['bias'], name: 'shadow' }, ...chain.graph.nodes] },
      }),
    );
    const s = bothWays(shadow);
    expect(s.numbered).toEqual(s.named);
  });

  it('the numbers are what the run goes by (wrong ones give wrong results)', () => {
    const model = decodeModel(encodeModel(chain));
    const ids = model.graph.nameIds!;
    // Every value read as the graph input x: the nodes see x's shape and never their real inputs.
    const x = ids.ids[0];
    const wrong: Model = { ...model, graph: { ...model.graph, nameIds: { ...ids, ids: ids.ids.map((id, i) => (i === 2 || i === 5 ? x : id)) } } };
    const right = summary(inferModel(model));
    const r = summary(inferModel(wrong));
    expect(r.slots.values).not.toEqual(right.slots.values);
  });

  it('numbers that no longer match the nodes (a graph rebuilt from another) are not used', () => {
    const model = decodeModel(encodeModel(chain));
    const rebuilt: Model = { ...model, graph: { ...model.graph, nodes: model.graph.nodes.slice(0, 2), outputs: [{ name: 'b', type: null }] } };
    const r = inferModel(rebuilt);
    expect(r.nodes.map((n) => n.name)).toEqual(['r', 'add']);
    expect(r.outputs[0].info).toMatchObject({ kind: 'tensor', shape: [4, 8] });
  });
});

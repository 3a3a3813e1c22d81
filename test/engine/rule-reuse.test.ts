/**
 * Inference reuses a rule's result for a node that repeats an earlier one exactly: the same
 * operator, opset, attributes, present inputs and outputs, and the same recurring input infos
 * (src/analysis/infer.ts, `ruleMemo`). Reuse must change nothing: every real model gives the
 * same run with it as without it, and nodes that differ in anything a rule reads are never
 * given another's result.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel, type InferResult } from '../../src/analysis/infer.js';
import { totals } from '../../src/analysis/aggregate.js';
import { lookupOp } from '../../src/ops/registry.js';
import type { Model } from '../../src/graph/model.js';
import { bertModel, chainsModel } from '../../scripts/bench-models.js';
import { encodeModel, type ModelSpec } from '../helpers/encode.js';
import { matmulLoopBody } from '../helpers/models.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'models');

/** Every figure a run gives a report, as plain data. */
function summary(r: InferResult) {
  const nodes = (x: InferResult) =>
    x.nodes.map((n) => ({
      name: n.name,
      cost: n.cost,
      opClass: n.opClass,
      supported: n.supported,
      params: n.params,
      weightBytes: n.weightBytes,
      bytes: [n.bytesRead, n.bytesWritten],
      upper: n.upper,
      inputs: n.inputs.map((v) => v.info),
      outputs: n.outputs.map((v) => v.info),
    }));
  return {
    nodes: nodes(r),
    upper: r.upper ? nodes(r.upper.result) : null,
    outputs: r.outputs,
    warnings: r.warnings,
    totals: totals(r),
  };
}

function bothWays(model: Model, dims: Record<string, number> = {}) {
  const reused = inferModel(model, { dims, upperBounds: true });
  const fresh = inferModel(model, { dims, upperBounds: true, reuseRules: false });
  return { reused: summary(reused), fresh: summary(fresh) };
}

/** How many times the shape rule of `opType` runs while `run` does. */
function ruleCalls(opType: string, run: () => void): number {
  const def = lookupOp('', opType)!;
  const spy = vi.spyOn(def, 'infer');
  try {
    run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

const spec = (nodes: ModelSpec['graph']['nodes'], shape: number[] = [2, 3]): ModelSpec => ({
  graph: {
    nodes,
    inputs: [{ name: 'x', dtype: 'float32', shape }],
    initializers: [
      { name: 'i0', dtype: 'int64', dims: [], values: [0] },
      { name: 'i1', dtype: 'int64', dims: [], values: [1] },
    ],
    // The last node's first output (a float tensor in every graph here); the others dangle.
    outputs: [{ name: nodes[nodes.length - 1].outputs[0], dtype: 'float32' }],
  },
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rule reuse', () => {
  describe('changes nothing on real models', () => {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.onnx'))) {
      it(file, () => {
        const model = decodeModel(readFileSync(join(FIXTURES, file)));
        const { reused, fresh } = bothWays(model);
        expect(reused).toEqual(fresh);
      });
    }
    it('the bench BERT (2 layers) and chains', () => {
      const bert = decodeModel(bertModel({ layers: 2, hidden: 64, heads: 4, ffn: 128, vocab: 100, maxPositions: 32, typeVocab: 2 }));
      const b = bothWays(bert, { batch: 2, sequence: 16 });
      expect(b.reused).toEqual(b.fresh);
      const chains = decodeModel(chainsModel(961));
      const c = bothWays(chains);
      expect(c.reused).toEqual(c.fresh);
    });
  });

  it('runs a repeated node’s rule once: 120 Relu nodes of the chains model, one Relu rule run', () => {
    const model = decodeModel(chainsModel(961));
    expect(model.graph.nodes.filter((n) => n.opType === 'Relu').length).toBe(120);
    expect(ruleCalls('Relu', () => inferModel(model, { reuseRules: false }))).toBe(120);
    expect(ruleCalls('Relu', () => inferModel(model))).toBe(1);
  });

  it('never hands a node the result of one that differs in an attribute, an input or its outputs', () => {
    const model = decodeModel(
      encodeModel(
        spec([
          { op: 'Transpose', inputs: ['x'], outputs: ['t01'], attrs: { perm: [0, 1] } },
          { op: 'Transpose', inputs: ['x'], outputs: ['t10'], attrs: { perm: [1, 0] } },
          { op: 'Gather', inputs: ['x', 'i0'], outputs: ['g0'], attrs: { axis: 0 } },
          { op: 'Gather', inputs: ['x', 'i0'], outputs: ['g1'], attrs: { axis: 1 } },
          { op: 'Shape', inputs: ['x'], outputs: ['s'] },
          { op: 'Gather', inputs: ['s', 'i0'], outputs: ['d0'], attrs: { axis: 0 } },
          { op: 'Gather', inputs: ['s', 'i1'], outputs: ['d1'], attrs: { axis: 0 } },
          { op: 'Dropout', inputs: ['x'], outputs: ['y0', 'm0'] },
          { op: 'Dropout', inputs: ['x'], outputs: ['y1', ''] },
          { op: 'Transpose', inputs: ['t10'], outputs: ['back'], attrs: { perm: [1, 0] } },
        ]),
      ),
    );
    const r = inferModel(model);
    const out = (name: string) => r.nodes.flatMap((n) => n.outputs).find((v) => v.name === name)!.info;
    expect(out('t01')).toMatchObject({ shape: [2, 3] });
    expect(out('t10')).toMatchObject({ shape: [3, 2] });
    expect(out('g0')).toMatchObject({ shape: [3] });
    expect(out('g1')).toMatchObject({ shape: [2] });
    expect(out('d0')).toMatchObject({ shape: [], value: [2] });
    expect(out('d1')).toMatchObject({ shape: [], value: [3] });
    expect(out('m0')).toMatchObject({ dtype: 'bool', shape: [2, 3] });
    expect(r.nodes[8].outputs.length).toBe(2);
    expect(out('back')).toMatchObject({ shape: [2, 3] });
    expect(summary(r)).toEqual(summary(inferModel(model, { reuseRules: false })));
  });

  it('nodes whose inputs begin alike but number more or fewer each get their own result, in either order', () => {
    // Sum of one, three and two copies of x, then the same again: flops (n - 1) x 6 each.
    const counts = [1, 3, 2, 3, 1, 2];
    const model = decodeModel(encodeModel(spec(counts.map((n, k) => ({ op: 'Sum', inputs: Array<string>(n).fill('x'), outputs: [`s${k}`] })))));
    const r = inferModel(model);
    expect(r.nodes.map((n) => n.cost?.flops)).toEqual(counts.map((n) => (n - 1) * 6));
    expect(summary(r)).toEqual(summary(inferModel(model, { reuseRules: false })));
    expect(ruleCalls('Sum', () => inferModel(model))).toBe(3);
  });

  it('a node with an input of no number runs its rule, also as the first of its kind', () => {
    // A sequence's info has no number (only tensors of known shapes are pooled): the Identity
    // reading it is never kept or looked up; the two of the graph input are (one rule run).
    const model = decodeModel(
      encodeModel({
        graph: {
          nodes: [
            { op: 'SequenceConstruct', inputs: ['x', 'x'], outputs: ['seq'] },
            { op: 'Identity', inputs: ['seq'], outputs: ['r0'] },
            { op: 'Identity', inputs: ['x'], outputs: ['r1'] },
            { op: 'Identity', inputs: ['x'], outputs: ['r2'] },
          ],
          inputs: [{ name: 'x', dtype: 'float32', shape: [4, 3] }],
          outputs: [{ name: 'r2', dtype: 'float32' }],
        },
      }),
    );
    const r = inferModel(model);
    expect(r.nodes.slice(1).map((n) => n.outputs[0].info)).toMatchObject([{ kind: 'sequence' }, { shape: [4, 3] }, { shape: [4, 3] }]);
    expect(r.warnings).toEqual([]);
    expect(summary(r)).toEqual(summary(inferModel(model, { reuseRules: false })));
    expect(ruleCalls('Identity', () => inferModel(model))).toBe(2);
  });

  it('nodes holding sub-graphs run their rules every time, and the nodes around them reuse as usual', () => {
    // Relu, Loop (unrolled three times), Relu, Loop, Relu: the Loops see the same input info, and
    // so do the second and third Relu (the first reads the graph input, an info of its own).
    const loop = (from: string, to: string) => ({ op: 'Loop', inputs: ['M', '', from], outputs: [to], attrs: { body: { graph: matmulLoopBody() } } });
    const model = decodeModel(
      encodeModel({
        graph: {
          nodes: [
            { op: 'Relu', inputs: ['h0'], outputs: ['a'] },
            loop('a', 'b'),
            { op: 'Relu', inputs: ['b'], outputs: ['c'] },
            loop('c', 'd'),
            { op: 'Relu', inputs: ['d'], outputs: ['e'] },
          ],
          inputs: [{ name: 'h0', dtype: 'float32', shape: [1, 4] }],
          outputs: [{ name: 'e', dtype: 'float32' }],
          initializers: [
            { name: 'M', dtype: 'int64', dims: [], values: [3] },
            { name: 'w', dtype: 'float32', dims: [4, 4], values: new Array<number>(16).fill(0) },
          ],
        },
      }),
    );
    expect(ruleCalls('Loop', () => inferModel(model))).toBe(2);
    expect(ruleCalls('Relu', () => inferModel(model))).toBe(2);
    const r = inferModel(model);
    expect(r.nodes[3].cost).toEqual(r.nodes[1].cost);
    expect(r.nodes[1].cost?.macs).toBe(3 * 16);
    expect(summary(r)).toEqual(summary(inferModel(model, { reuseRules: false })));
  });

  it('declared shapes (value_info) refine each node by its own output name, reused result or not', () => {
    // Reshape to a target of unknown values gives unknown dims, three times alike; the file
    // declares two of their outputs' shapes and one Relu's (in conflict with what is inferred).
    const model = decodeModel(
      encodeModel({
        graph: {
          nodes: [
            { op: 'Reshape', inputs: ['x', 't'], outputs: ['a'] },
            { op: 'Reshape', inputs: ['x', 't'], outputs: ['b'] },
            { op: 'Reshape', inputs: ['x', 't'], outputs: ['c'] },
            { op: 'Relu', inputs: ['x'], outputs: ['r1'] },
            { op: 'Relu', inputs: ['x'], outputs: ['r2'] },
          ],
          inputs: [
            { name: 'x', dtype: 'float32', shape: [2, 6] },
            { name: 't', dtype: 'int64', shape: [2] },
          ],
          outputs: [{ name: 'r1', dtype: 'float32' }],
          valueInfo: [
            { name: 'a', dtype: 'float32', shape: [3, 4] },
            { name: 'c', dtype: 'float32', shape: [4, 3] },
            { name: 'r2', dtype: 'float32', shape: [2, 7] },
          ],
        },
      }),
    );
    const r = inferModel(model);
    const out = (i: number) => r.nodes[i].outputs[0].info;
    expect(out(0)).toMatchObject({ shape: [3, 4] });
    expect(out(1)).toMatchObject({ shape: [null, null] });
    expect(out(2)).toMatchObject({ shape: [4, 3] });
    expect(out(3)).toMatchObject({ shape: [2, 6] });
    expect(out(4)).toMatchObject({ shape: [2, 6] }); // the inferred shape wins a conflict (warned)
    expect(r.warnings.some((w) => w.message.includes("'r2'"))).toBe(true);
    expect(summary(r)).toEqual(summary(inferModel(model, { reuseRules: false })));
  });

  it('a float attribute of -0 is not the same as 0', () => {
    const model = decodeModel(
      encodeModel(
        spec([
          { op: 'Constant', inputs: [], outputs: ['a'], attrs: { value_float: { float: 0 } } },
          { op: 'Constant', inputs: [], outputs: ['b'], attrs: { value_float: { float: -0 } } },
        ]),
      ),
    );
    const r = inferModel(model);
    expect(Object.is(r.nodes[0].outputs[0].info?.kind === 'tensor' && r.nodes[0].outputs[0].info.value?.[0], 0)).toBe(true);
    expect(Object.is(r.nodes[1].outputs[0].info?.kind === 'tensor' && r.nodes[1].outputs[0].info.value?.[0], -0)).toBe(true);
  });

  it('an optional output present in one node and absent in another is not mixed up', () => {
    const ln = (y: string, mean: string, inv: string) => ({ op: 'LayerNormalization', inputs: ['x', 'scale'], outputs: [y, mean, inv], attrs: { axis: -1 } });
    const s = spec([ln('y0', '', ''), ln('y1', 'mean1', 'inv1')]);
    s.graph.initializers!.push({ name: 'scale', dtype: 'float32', dims: [3], values: [1, 1, 1] });
    const r = inferModel(decodeModel(encodeModel(s)));
    expect(r.nodes[1].outputs.map((v) => v.info)).toEqual([
      expect.objectContaining({ shape: [2, 3] }),
      expect.objectContaining({ shape: [2, 1] }),
      expect.objectContaining({ shape: [2, 1] }),
    ]);
  });
});

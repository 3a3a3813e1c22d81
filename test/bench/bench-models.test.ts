/**
 * The bench's stress models (scripts/bench-models.ts) are what they claim: the chains have the
 * node count in their name, BERT has bert-base's 109,482,240 parameters and the node count its
 * architecture gives, and both readers the bench compares (the project's and protobufjs's, from
 * the pinned onnx.proto) see the same nodes and initializers. Small sizes only (the full-size
 * BERT is built as a spec, never encoded).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BERT_BASE,
  CHAINS,
  CHAIN_BLOCK_OPS,
  bertModel,
  bertNodeCount,
  bertParams,
  bertSpec,
  chainBlocks,
  chainsModel,
  chainsSpec,
  type BertConfig,
} from '../../scripts/bench-models.js';
import { onnx } from '../../scripts/proto/onnx-pb.js';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import type { ModelSpec } from '../../src/formats/onnx/encode.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mb-bench-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SMALL_BERT: BertConfig = { layers: 2, hidden: 32, heads: 4, ffn: 64, vocab: 100, maxPositions: 16, typeVocab: 2 };

/** Elements of the float initializers that are weights (torch's scalar constants are `onnx::`). */
function weights(spec: ModelSpec): number {
  let n = 0;
  for (const t of spec.graph.initializers ?? []) if (t.dtype === 'float32' && !t.name.startsWith('onnx::')) n += t.dims.reduce((a, b) => a * b, 1);
  return n;
}

function bothReaders(bytes: Uint8Array) {
  const ours = decodeModel(bytes);
  const pb = onnx.ModelProto.decode(bytes);
  return {
    ours: { nodes: ours.graph.nodes.length, initializers: ours.graph.initializers.length, ops: ours.graph.nodes.map((n) => n.opType) },
    protobufjs: { nodes: pb.graph?.node?.length, initializers: pb.graph?.initializer?.length, ops: pb.graph?.node?.map((n) => n.opType) },
  };
}

function analyzeJson(bytes: Uint8Array, name: string, ...flags: string[]) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = runCli('analyze', '--allow-outside-repo', file, '--format', 'json', ...flags);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { models: [{ graph: { outputs: { shape: number[] }[] }; totals: { params: number; incompleteNodes: number } }] }).models[0];
}

describe('the chains stress model', () => {
  it('has the node count it is named by: 10 chains of the 8-op block, then a Sum', () => {
    for (const n of [81, 961]) {
      const spec = chainsSpec(n);
      const blocks = (n - 1) / (CHAINS * 8);
      expect(chainBlocks(n)).toBe(blocks);
      expect(spec.graph.nodes).toHaveLength(n);
      const ops = spec.graph.nodes.map((x) => x.op);
      expect(ops.slice(0, 8)).toEqual(['Shape', 'Gather', 'Unsqueeze', 'Concat', 'Reshape', 'Add', 'Mul', 'Relu']);
      expect(ops.filter((o) => o === 'Shape')).toHaveLength(CHAINS * blocks);
      expect(ops.at(-1)).toBe('Sum');
      expect(spec.graph.nodes.at(-1)!.inputs).toHaveLength(CHAINS);
    }
    expect(CHAIN_BLOCK_OPS).toHaveLength(8);
    expect(() => chainBlocks(1000)).toThrow(/80·k \+ 1/);
  });

  it('decodes to the same nodes and initializers with both readers', () => {
    const r = bothReaders(chainsModel(961));
    expect(r.ours.nodes).toBe(961);
    expect(r.ours.initializers).toBe(5);
    expect(r.protobufjs).toEqual(r.ours);
  });

  it('analyzes completely: every node inferred, y is [batch, 64]', () => {
    const m = analyzeJson(chainsModel(961), 'chains.onnx', '--dims', 'batch=3');
    expect(m.totals.incompleteNodes).toBe(0);
    expect(m.graph.outputs[0].shape).toEqual([3, 64]);
    expect(m.totals.params).toBe(2 * 64); // bias and scale, shared by every block
  });
});

describe('the BERT stress model', () => {
  it("BERT-base: bert-base-uncased's 109,482,240 parameters (~438 MB fp32) and the nodes of its architecture", () => {
    // bert-base-uncased: embeddings (30522 + 512 + 2) x 768 + LayerNorm; per layer q, k, v, o
    // (768 x 768 + 768 each), FFN 768 x 3072 + 3072 and 3072 x 768 + 768, two LayerNorms; pooler.
    const h = 768;
    const f = 3072;
    const expected = (30522 + 512 + 2) * h + 2 * h + 12 * (4 * (h * h + h) + (h * f + f) + (f * h + h) + 4 * h) + h * h + h;
    expect(expected).toBe(109_482_240);
    expect(bertParams(BERT_BASE)).toBe(expected);
    const spec = bertSpec(BERT_BASE);
    expect(weights(spec)).toBe(expected);
    expect(spec.graph.nodes).toHaveLength(bertNodeCount(12));
    // Per layer: q, k, v each 11 (linear 2, [batch, seq] 6, Concat, Reshape, Transpose), attention 6,
    // merge 8, output 4, FFN 11; embeddings 11, mask 5, pooler 3.
    expect(bertNodeCount(12)).toBe(11 + 5 + 12 * (3 * 11 + 6 + 8 + 4 + 11) + 3);
    // As torch exports it: the shape sub-graphs are there (Shape twice per q, k, v, context; once for the sequence).
    expect(spec.graph.nodes.filter((n) => n.op === 'Shape')).toHaveLength(1 + 12 * 8);
  });

  it('a small BERT decodes to the same nodes and initializers with both readers', () => {
    const bytes = bertModel(SMALL_BERT);
    const r = bothReaders(bytes);
    expect(r.ours.nodes).toBe(bertNodeCount(SMALL_BERT.layers));
    expect(r.ours.initializers).toBe(bertSpec(SMALL_BERT).graph.initializers!.length);
    expect(r.protobufjs).toEqual(r.ours);
  });

  it('a small BERT analyzes completely, with the parameters of its architecture', () => {
    const spec = bertSpec(SMALL_BERT);
    const constants = spec.graph.initializers!.filter((t) => t.dtype === 'float32' && t.name.startsWith('onnx::')).length;
    const m = analyzeJson(bertModel(SMALL_BERT), 'bert.onnx', '--dims', 'batch=2,sequence=8');
    expect(m.totals.incompleteNodes).toBe(0);
    expect(m.totals.params).toBe(bertParams(SMALL_BERT) + constants);
    expect(m.graph.outputs.map((o) => o.shape)).toEqual([
      [2, 8, 32],
      [2, 32],
    ]);
  });
});

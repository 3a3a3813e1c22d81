/**
 * The torch-exported Llama-style decoder (test/fixtures/models/llama_tiny.onnx, made by
 * scripts/export_fixtures.py: GQA, RoPE, RMSNorm, SwiGLU, a KV cache in and out) at prefill
 * (an empty cache, past_sequence 0) and decode dims: its KV cache is found, and its bytes and core
 * MACs equal the formulas derived here from the architecture, and the MACs PyTorch counted in its
 * own matrix kernels while running the model at those dims (manifest.json `moreDims`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, analyzeLoadedModel } from '../../src/io/analyze-file.js';
import { loadModelFile } from '../../src/io/load-model.js';
import { runCli } from '../helpers/cli.js';

const DIR = join(__dirname, '..', 'fixtures', 'models');
const FILE = join(DIR, 'llama_tiny.onnx');

interface Entry {
  source: { kwargs: Record<string, unknown> };
  moreDims: { dims: Record<string, number>; coreMACs: number }[];
}
const entry = (JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { models: Record<string, Entry> }).models.llama_tiny;

/** The architecture, as the script builds it (TinyLlama's defaults). */
const ARCH = { vocab: 1000, hidden: 128, heads: 4, kvHeads: 2, headDim: 32, ffn: 352, layers: 2 };
const FLOAT32 = 4;

/** Bytes of the present keys and values: per layer a key and a value tensor [batch, kv_heads, past + sequence, head_dim]. */
function kvCacheBytes(batch: number, sequence: number, past: number): number {
  return ARCH.layers * 2 * batch * ARCH.kvHeads * (past + sequence) * ARCH.headDim * FLOAT32;
}

/**
 * Multiply-adds of the matrix products: per layer the q / o projections (hidden -> heads x
 * head_dim and back), the k / v projections (hidden -> kv_heads x head_dim), attention's q·kᵀ and
 * probs·v over every query head (the grouped kv heads are repeated to all of them) against the
 * past + new keys, and the SwiGLU MLP's gate, up and down projections; then the lm head.
 */
function coreMacs(batch: number, sequence: number, past: number): number {
  const { vocab, hidden, heads, kvHeads, headDim, ffn, layers } = ARCH;
  const tokens = batch * sequence;
  const keys = past + sequence;
  const projections = 2 * tokens * hidden * heads * headDim + 2 * tokens * hidden * kvHeads * headDim;
  const attention = 2 * batch * heads * sequence * keys * headDim;
  const mlp = 3 * tokens * hidden * ffn;
  return layers * (projections + attention + mlp) + tokens * hidden * vocab;
}

const dimsOf = (batch: number, sequence: number, past: number) => ({ batch, sequence, past_sequence: past, total_sequence: past + sequence });

const CASES: [string, number, number, number][] = [
  ['prefill, empty cache', 1, 16, 0],
  ['prefill, empty cache', 2, 7, 0],
  ['prefill, empty cache', 4, 128, 0],
  ['decode', 1, 1, 511],
  ['decode', 8, 1, 2047],
  ['chunk after a cache', 2, 4, 60],
];

describe('llama_tiny: KV cache and core MACs from the architecture', () => {
  it('the script built what the formulas assume', () => {
    expect(entry.source.kwargs).toMatchObject({
      vocab: ARCH.vocab,
      d_model: ARCH.hidden,
      n_head: ARCH.heads,
      n_kv_head: ARCH.kvHeads,
      head_dim: ARCH.headDim,
      ffn: ARCH.ffn,
      n_layer: ARCH.layers,
    });
  });

  it.each(CASES)('%s: batch %i, sequence %i, past %i', (_, batch, sequence, past) => {
    const r = analyzeFile(FILE, { dims: dimsOf(batch, sequence, past) });
    expect(r.kvCache).toMatchObject({
      past: [0, 1].flatMap((l) => [`past_key_values.${l}.key`, `past_key_values.${l}.value`]),
      present: [0, 1].flatMap((l) => [`present.${l}.key`, `present.${l}.value`]),
      found: 'structure',
      pastDims: ['past_sequence'],
    });
    expect(r.totals.kvCacheBytes).toBe(kvCacheBytes(batch, sequence, past));
    expect(r.totals.coreMacs).toBe(coreMacs(batch, sequence, past));
    expect(r.totals.incompleteNodes).toBe(0);
    const torch = entry.moreDims.find((m) => m.dims.batch === batch && m.dims.sequence === sequence && m.dims.past_sequence === past);
    if (torch) expect(r.totals.coreMacs).toBe(torch.coreMACs);
    // The peak without the cache, and the cache, account for the whole peak.
    const other = r.kvCache!.otherPeakBytes!;
    expect(other).toBeGreaterThan(0);
    expect(other).toBeLessThanOrEqual(r.totals.peakActivationBytes);
    const pastBytes = kvCacheBytes(batch, 0, past);
    expect(r.totals.peakActivationBytes).toBeLessThanOrEqual(other + pastBytes + r.totals.kvCacheBytes!);
  });

  it('PyTorch counted the MACs at every phase the manifest lists', () => {
    expect(entry.moreDims.length).toBeGreaterThanOrEqual(5);
    for (const m of entry.moreDims) expect(m.coreMACs).toBe(coreMacs(m.dims.batch, m.dims.sequence, m.dims.past_sequence));
  });

  it('one load serves both phases (analyzeLoadedModel), each as analyzeFile reports it', () => {
    const loaded = loadModelFile(FILE);
    for (const [batch, sequence, past] of [
      [1, 64, 0],
      [1, 1, 64],
    ]) {
      const { report } = analyzeLoadedModel(loaded, { dims: dimsOf(batch, sequence, past) });
      expect(report.totals.kvCacheBytes).toBe(kvCacheBytes(batch, sequence, past));
      expect(report.totals.coreMacs).toBe(coreMacs(batch, sequence, past));
      expect(report.totals).toEqual(analyzeFile(FILE, { dims: dimsOf(batch, sequence, past) }).totals);
    }
  });

  it('end to end: analyze --dims past_sequence=0 is a prefill with an empty cache', () => {
    const run = runCli('analyze', FILE, '--dims', 'batch=2,sequence=32,past_sequence=0,total_sequence=32', '--format', 'json', '--allow-outside-repo');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const m = (
      JSON.parse(run.stdout) as {
        models: {
          totals: { kvCacheBytes: number; coreMacs: number };
          kvCache: { pastDims: string[] };
          graph: { inputs: { name: string; shape: number[] }[]; outputs: { name: string; shape: number[] }[] };
        }[];
      }
    ).models[0];
    expect(m.totals.kvCacheBytes).toBe(kvCacheBytes(2, 32, 0));
    expect(m.totals.coreMacs).toBe(coreMacs(2, 32, 0));
    expect(m.kvCache.pastDims).toEqual(['past_sequence']);
    expect(m.graph.inputs.find((i) => i.name === 'past_key_values.1.value')?.shape).toEqual([2, ARCH.kvHeads, 0, ARCH.headDim]);
    expect(m.graph.outputs.find((o) => o.name === 'present.1.value')?.shape).toEqual([2, ARCH.kvHeads, 32, ARCH.headDim]);
  });
});

/**
 * A Llama-2-7B-shaped decoder without its weights (scripts/make-llama7b.ts, issue 13): analysed
 * with --allow-missing-weights, its params, fp16 weight bytes and core MACs equal the counts the
 * architecture gives, and its `generate` estimate (prefill of 128 tokens, then 19 decode steps)
 * lands within 25% of NVIDIA's published NeMo latencies on A100 and H100, for the reasons the
 * roofline gives: decode streams every weight from HBM at each step, plus a launch per kernel.
 *
 * Anchors: NeMo Framework user guide, Performance > Llama 2, "Inference Performance",
 * configuration 1 (chatbot: 128 input, 20 output tokens), average latency at batch 1, TP 1, one
 * GPU: 234.0 ms on A100 80GB SXM4, 153.8 ms on H100 80GB HBM3 (fp16), served by TensorRT-LLM.
 * https://docs.nvidia.com/nemo-framework/user-guide/latest/performance/llama.html
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLAMA_2_7B, NON_LEARNED_SCALARS, writeLlama } from '../../scripts/make-llama7b.js';
import { NEMO_ANCHORS, NEMO_SOURCE, analyser, generateEstimate, type Analyse } from '../../scripts/llama7b-anchors.js';
import { findDevice } from '../../src/devices/catalog.js';
import { deviceModel } from '../../src/devices/efficiency.js';
import { runCli } from '../helpers/cli.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';

const { layers: L, hidden: H, ffn: F, vocab: V, heads } = LLAMA_2_7B;
const headDim = H / heads;

/** Learned weights of Llama-2-7B: embedding, per layer q/k/v/o + gate/up/down + two norms, final norm, LM head. */
const LEARNED = V * H + L * (4 * H * H + 3 * H * F + 2 * H) + H + H * V;
/** Weights every decode step streams: the matmuls' (the embedding is read one row per token, the norm scales are tiny). */
const MATMUL_WEIGHTS = L * (4 * H * H + 3 * H * F) + H * V;
/** Core MACs of one token's projections, MLP and LM head. */
const MACS_PER_TOKEN = MATMUL_WEIGHTS;
/** Core MACs of attention at `seq` new tokens over `total` keys: Q·Kᵀ and P·V, each heads × seq × total × headDim per layer. */
const attentionMacs = (seq: number, total: number) => L * 2 * heads * seq * total * headDim;

let dir: string;
let path: string;
let analyse: Analyse;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-llama7b-'));
  path = join(dir, 'llama-2-7b.onnx');
  writeLlama(path);
  analyse = analyser(path);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Llama-2-7B-shaped graph (scripts/make-llama7b.ts)', () => {
  it('has the published parameter count: 6,738,415,616 learned weights, derived from the architecture', () => {
    expect(LEARNED).toBe(6_738_415_616);
  });

  it('analyze --allow-missing-weights exits 0: params, fp16 weight bytes and core MACs per decode token as the architecture gives', () => {
    const past = 128;
    const r = runCli(
      'analyze',
      '--allow-outside-repo',
      '--allow-missing-weights',
      path,
      '--dims',
      `batch=1,sequence=1,past_sequence=${past},total_sequence=${past + 1}`,
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = (JSON.parse(r.stdout) as { models: { totals: { params: number; weightBytes: number; coreMacs: number }; nodes: unknown[] }[] }).models[0];
    // Non-learned float constants count as params like any float initializer (README): RoPE's
    // inv_freq (head_dim / 2 fp32 values) and five scalars (three fp32 in the norm, two fp16).
    const nonLearned = headDim / 2 + NON_LEARNED_SCALARS.length;
    expect(m.totals.params).toBe(LEARNED + nonLearned);
    expect(m.totals.weightBytes).toBe(2 * LEARNED + 4 * (headDim / 2) + 3 * 4 + 2 * 2);
    expect(m.totals.coreMacs).toBe(MACS_PER_TOKEN + attentionMacs(1, past + 1));
  });

  it('core MACs at prefill (empty cache) and at batch 4 decode over 511 past tokens', () => {
    const pre = analyse({ batch: 1, sequence: 128, past_sequence: 0, total_sequence: 128 });
    expect(pre.totals.coreMacs).toBe(128 * MACS_PER_TOKEN + attentionMacs(128, 128));
    const dec = analyse({ batch: 4, sequence: 1, past_sequence: 511, total_sequence: 512 });
    expect(dec.totals.coreMacs).toBe(4 * (MACS_PER_TOKEN + attentionMacs(1, 512)));
    expect(dec.graph.outputs.find((o) => o.name === 'present.31.value')?.shape).toEqual([4, heads, 512, headDim]);
  });
});

describe(`generate (128 in, 20 out) against NVIDIA's NeMo latencies (${NEMO_SOURCE})`, () => {
  it('lands within 25% of 234.0 ms (A100 80GB SXM4) and 153.8 ms (H100 80GB HBM3), each decode step streaming the weights from HBM', () => {
    const ids = Object.keys(NEMO_ANCHORS);
    // What a user runs: analyze --generate 128:20 on the two GPUs.
    const r = runCli('analyze', '--allow-outside-repo', '--allow-missing-weights', path, '--generate', '128:20', '--device', ids.join(','), '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const generate = (JSON.parse(r.stdout) as AnalyzeReport).models[0].phases!.generate;
    expect(generate.generate).toEqual({ prompt: 128, tokens: 20, decodeSteps: 19 });
    expect(generate.dims).toMatchObject({ sequence: 128, past_sequence: 0, total_sequence: 128 });
    // The same sum, step by step (every decode step analysed at its own past), with its breakdown.
    const estimates = generateEstimate(analyse, ids, 128, 20, 1);
    for (const e of estimates) {
      const anchor = NEMO_ANCHORS[e.device].ms;
      const cli = generate.latency![e.device];
      expect(cli.ms / e.ms).toBeCloseTo(1, 3);
      expect(cli.timeToFirstTokenMs! / e.prefillMs).toBeCloseTo(1, 6);
      expect(cli.tokensPerSecond! / ((19 * 1000) / e.decodeMs)).toBeCloseTo(1, 3);
      expect(cli.ms / anchor, `${e.device}: ${cli.ms.toFixed(1)} ms against ${anchor} ms`).toBeGreaterThan(0.75);
      expect(cli.ms / anchor, `${e.device}: ${cli.ms.toFixed(1)} ms against ${anchor} ms`).toBeLessThan(1.25);
      // Why: 19 decode steps each read the matmul weights (fp16) from memory at bandwidth x memory
      // efficiency (they do not fit in L2, so no step finds them cached) ...
      const d = deviceModel(findDevice(e.device)!);
      const streamMs = ((19 * 2 * MATMUL_WEIGHTS) / (d.bandwidth * d.memoryEfficiency)) * 1e3;
      expect(e.decode.weights / streamMs).toBeGreaterThan(1);
      expect(e.decode.weights / streamMs).toBeLessThan(1.01);
      // ... and launch every kernel of the graph, at the device's overhead each.
      expect(e.decode.overhead).toBeCloseTo(19 * e.decodeKernels * d.kernelOverhead * 1e3, 6);
      // The prefill is compute-bound and short beside the decode.
      expect(e.prefillMs).toBeLessThan(e.decodeMs / 10);
    }
  });
});

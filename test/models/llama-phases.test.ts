/**
 * The torch-exported Llama-style decoder (test/fixtures/models/llama_tiny.onnx: GQA, RoPE,
 * RMSNorm, SwiGLU, a KV cache in and out) checked with the budgets file a user would write for
 * it: a prefill and a decode phase, a generate run, and per-phase budgets. The KV cache and core
 * MACs at each phase equal the formulas derived here from the architecture; the derived metrics
 * (time to first token, tokens per second) follow from the phase latencies; every format shows
 * the phases; a broken floor fails the check with the phase named.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/run.js';
import { runCli } from '../helpers/cli.js';

/** The architecture, as scripts/export_fixtures.py builds it (TinyLlama's defaults). */
const ARCH = { vocab: 1000, hidden: 128, heads: 4, kvHeads: 2, headDim: 32, ffn: 352, layers: 2 };

/** Present keys and values: per layer a key and a value [batch, kv_heads, past + sequence, head_dim], float32. */
const kvBytes = (batch: number, sequence: number, past: number) => ARCH.layers * 2 * batch * ARCH.kvHeads * (past + sequence) * ARCH.headDim * 4;

/** Projections (q, o to all heads; k, v to the kv heads), attention over past + new keys per query head, SwiGLU, LM head. */
function coreMacs(batch: number, sequence: number, past: number): number {
  const { vocab, hidden, heads, kvHeads, headDim, ffn, layers } = ARCH;
  const tokens = batch * sequence;
  const projections = 2 * tokens * hidden * heads * headDim + 2 * tokens * hidden * kvHeads * headDim;
  const attention = 2 * batch * heads * sequence * (past + sequence) * headDim;
  return layers * (projections + attention + 3 * tokens * hidden * ffn) + tokens * hidden * vocab;
}

const DEV = 'jetson-orin-nano';
const PREFILL = 512;
const PAST = 511;
let dir: string;

/** The budgets file: every budget generous but `floor` (tokens per second on the decode phase). */
const budgets = (floor: number) => `version: 1
devices: [${DEV}]
models:
  - path: models/decoder.onnx
    phases:
      prefill: { batch: 2, sequence: ${PREFILL}, past_sequence: 0 }
      decode: { batch: 2, sequence: 1, past_sequence: ${PAST} }
    generate: { prompt: 128, tokens: 20 }
    budgets:
      kv-cache: ${kvBytes(2, 1, PAST)}
      gmacs: { prefill: ${(coreMacs(2, PREFILL, 0) * 1.01) / 1e9}, decode: 1 }
      tokens-per-second: { ${DEV}: ${floor} }
      time-to-first-token: { ${DEV}: 10s }
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-llama-phases-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'models'));
  copyFileSync(join(__dirname, '..', 'fixtures', 'models', 'llama_tiny.onnx'), join(dir, 'models', 'decoder.onnx'));
  writeFileSync(join(dir, 'budgets.yml'), budgets(1));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (...args: string[]) => runCli('check', '--budgets', join(dir, 'budgets.yml'), ...args);

describe('llama_tiny with phases, through check', () => {
  it('each phase at its dims: KV cache and core MACs as the architecture gives, the mask length bound to past + sequence', () => {
    const r = check('--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = (JSON.parse(r.stdout) as CheckReport).head.models[0];
    const { prefill, decode, generate } = m.phases!;
    expect(prefill.dims).toMatchObject({ batch: 2, sequence: PREFILL, past_sequence: 0, total_sequence: PREFILL });
    expect(decode.dims).toMatchObject({ batch: 2, sequence: 1, past_sequence: PAST, total_sequence: PAST + 1 });
    expect(prefill.totals.kvCacheBytes).toBe(kvBytes(2, PREFILL, 0));
    expect(decode.totals.kvCacheBytes).toBe(kvBytes(2, 1, PAST));
    expect(prefill.totals.coreMacs).toBe(coreMacs(2, PREFILL, 0));
    expect(decode.totals.coreMacs).toBe(coreMacs(2, 1, PAST));
    expect([prefill.tokens, decode.tokens]).toEqual([2 * PREFILL, 2]);
    // Memory at a phase: weights + the cache + the other activations.
    // Memory at a phase: weights + the cache + the other activations (some, never more than the phase's activation peak).
    const beyond = decode.memoryBytes - m.totals.weightBytes - kvBytes(2, 1, PAST);
    expect(beyond).toBeGreaterThan(0);
    expect(beyond).toBeLessThanOrEqual(decode.totals.peakActivationBytes);
    // generate (batch 1 from the model's dims): a prefill of 128, then 19 steps at past 128 ... 146.
    let macs = coreMacs(1, 128, 0);
    for (let i = 0; i < 19; i++) macs += coreMacs(1, 1, 128 + i);
    expect(generate.totals.coreMacs).toBe(macs);
    expect(generate.totals.kvCacheBytes).toBe(kvBytes(1, 1, 146));
    // The derived metrics: time to first token is the prefill's latency, tokens per second the batch over a decode step.
    const p = prefill.latency![DEV];
    const d = decode.latency![DEV];
    expect(p.timeToFirstTokenMs).toBe(p.ms);
    expect(d.tokensPerSecond).toBeCloseTo((2 * 1000) / d.ms, 9);
    expect(generate.latency![DEV].timeToFirstTokenMs).toBeLessThan(p.ms);
  });

  it('a tokens-per-second floor above the decode rate fails the check, naming the phase', () => {
    const tps = (JSON.parse(check('--format', 'json').stdout) as CheckReport).head.models[0].phases!.decode.latency![DEV].tokensPerSecond!;
    writeFileSync(join(dir, 'budgets.yml'), budgets(Math.ceil(tps * 2)));
    try {
      const r = check();
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        /budgets\.yml:\d+:\d+: error: tokens-per-second on jetson-orin-nano at decode of models\/decoder\.onnx is [\d.,k]+ tok\/s, below its budget/,
      );
      expect(r.stdout).not.toMatch(/error: (KV cache|GMACs|time to first token)/);
      // The broken model's section shows its phase table; the full analysis below points up to it.
      const md = check('--format', 'markdown');
      expect(md.stdout.match(/\| `decode` \| batch=2/g)).toHaveLength(1);
      expect(md.stdout).toContain("**Phases**: in the model's section above.");
    } finally {
      writeFileSync(join(dir, 'budgets.yml'), budgets(1));
    }
  });

  it('every format shows the phases: text and Markdown tables, the HTML page with its phase roofline', () => {
    const text = check();
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^prefill +batch=2, sequence=512, past_sequence=0, total_sequence=512 /m);
    expect(text.stdout).toMatch(/^decode +batch=2, sequence=1, past_sequence=511, total_sequence=512 /m);
    expect(text.stdout).toMatch(/^generate +jetson-orin-nano /m);
    const md = check('--format', 'markdown');
    expect(md.stdout).toMatch(/\| `decode` \| batch=2, sequence=1, past\\_sequence=511, total\\_sequence=512 \|/);
    // Once (a passing model has no section of its own: the table is in the full analysis).
    expect(md.stdout.match(/\| `decode` \| batch=2/g)).toHaveLength(1);
    const html = check('--format', 'html');
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<title>Phases on the roofline');
  });
});

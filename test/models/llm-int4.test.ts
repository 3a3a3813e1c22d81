/**
 * The int4 MatMulNBits variant of a small Llama-style decoder against its float original
 * (scripts/llm-int4-fixture.ts, committed under test/fixtures/models/): same MACs and params,
 * weight bytes at the packed width (half a byte per value) plus the float32 scales, one per
 * block of 32. Every expected number is derived here from the architecture (ARCH), end to end
 * through the CLI.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARCH, decoderSpec, FIXTURES, projections, type Variant } from '../../scripts/llm-int4-fixture.js';
import { encodeModel } from '../../src/formats/onnx/encode.js';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel } from '../../src/analysis/infer.js';
import type { AnalyzeReport, ModelReport } from '../../src/report/model-report.js';
import { runCli } from '../helpers/cli.js';

const path = (v: Variant) => `test/fixtures/models/${FIXTURES[v]}`;

function analyze(v: Variant, dims: string): ModelReport {
  const r = runCli('analyze', path(v), '--format', 'json', '--dims', dims);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as AnalyzeReport).models[0];
}

const { vocab, hidden, heads, kvHeads, head, layers, maxPositions, block } = ARCH;
/** Values of the projection weights (MatMul / MatMulNBits), and of everything else that stays float32. */
const projParams = projections().reduce((s, p) => s + p.k * p.n, 0);
const otherParams = vocab * hidden + 2 * maxPositions * (head / 2) + layers * 2 * hidden + hidden;
const scales = projections().reduce((s, p) => s + p.n * Math.ceil(p.k / block), 0);

/** Core MACs of one run: projections per token, and attention over past + new keys per query head. */
function coreMacs(batch: number, seq: number, past: number): number {
  const tokens = batch * seq;
  const attention = layers * batch * heads * seq * (past + seq) * head * 2;
  return tokens * projParams + attention;
}

describe('int4 MatMulNBits decoder vs its float32 original', () => {
  it('the committed fixtures are what the script writes', () => {
    for (const v of ['fp32', 'int4'] as const) expect(Buffer.from(readFileSync(path(v))).equals(Buffer.from(encodeModel(decoderSpec(v))))).toBe(true);
  });

  it.each([
    ['decode', 2, 1, 15],
    ['chunked prefill', 1, 8, 8],
    ['long-context decode', 4, 1, 200],
  ])('%s (batch %i, sequence %i, past %i): same MACs and params, weights at 4 bits plus scales', (_, batch, seq, past) => {
    const dims = `batch_size=${batch},sequence_length=${seq},past_sequence_length=${past},total_sequence_length=${past + seq}`;
    const f = analyze('fp32', dims);
    const q = analyze('int4', dims);
    for (const r of [f, q]) {
      expect(r.warnings).toEqual([]);
      expect(r.totals.incompleteNodes).toBe(0);
      expect(r.totals.coreMacs).toBe(coreMacs(batch, seq, past));
      expect(r.totals.macs).toBe(r.totals.coreMacs);
      expect(r.totals.params).toBe(projParams + otherParams);
    }
    expect(q.byOpType['com.microsoft:MatMulNBits']?.count).toBe(projections().length);
    expect(q.byOpType['com.microsoft:GroupQueryAttention']?.count).toBe(layers);
    expect(q.byOpType.MatMul).toBeUndefined();
    expect(f.totals.weightBytes).toBe(4 * (projParams + otherParams));
    // projections: half a byte per value + one float32 scale per block of 32 (≈ 1/8 of fp32 + scales)
    expect(q.totals.weightBytes).toBe(4 * otherParams + projParams / 2 + 4 * scales);
    // The cache is found through GroupQueryAttention's cacheSlots: its past axis, and the present K/V bytes.
    for (const r of [f, q]) {
      expect(r.kvCache).toMatchObject({ found: 'structure', pastDims: ['past_sequence_length'] });
      expect(r.kvCache?.past).toHaveLength(2 * layers);
      expect(r.totals.kvCacheBytes).toBe(layers * 2 * batch * kvHeads * (past + seq) * head * 4);
    }
    const projBytesFp32 = 4 * projParams;
    expect((q.totals.weightBytes - 4 * otherParams - 4 * scales) / projBytesFp32).toBe(1 / 8);
  });

  it('symbolic: the present cache spans total_sequence_length, read from the attention mask', () => {
    const r = inferModel(decodeModel(encodeModel(decoderSpec('int4'))), { defaultDim: null });
    const present = r.outputs.find((o) => o.name === 'present.1.value')?.info;
    expect(present).toMatchObject({ dtype: 'float32', shape: ['batch_size', kvHeads, 'total_sequence_length', head] });
  });
});

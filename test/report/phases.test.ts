/**
 * src/report/phases.ts, the pure part: the generate dim-role rule, generate's sums (prefill +
 * every decode step, sampled steps interpolated), tokens per second and time to first token,
 * memory at a phase, and the KV cache found by name.
 */
import { describe, expect, it } from 'vitest';
import type { PhaseReport } from '../../src/report/model-report.js';
import {
  MAX_ANALYSED_STEPS,
  analyseSteps,
  generateDims,
  generateReport,
  generateRoles,
  phaseMemoryBytes,
  type DeclaredInput,
} from '../../src/report/phases.js';
import { reportWith } from '../helpers/models.js';

const INPUTS: DeclaredInput[] = [
  { name: 'input_ids', dtype: 'int64', shape: ['batch', 'sequence'] },
  { name: 'attention_mask', dtype: 'int64', shape: ['batch', 'total_sequence'] },
  { name: 'position_ids', dtype: 'int64', shape: ['batch', 'sequence'] },
  { name: 'past_key_values.0.key', dtype: 'float16', shape: ['batch', 8, 'past_sequence_length', 64] },
];

describe('generate dim roles', () => {
  it('sequence from the token ids, past from the cache, total from the mask', () => {
    expect(generateRoles(INPUTS, { pastDims: ['past_sequence_length'] })).toEqual({
      sequence: 'sequence',
      past: ['past_sequence_length'],
      total: 'total_sequence',
    });
    // Without pastDims: the symbols of the past inputs that the token ids do not have.
    expect(generateRoles(INPUTS, { pastInputs: ['past_key_values.0.key'] })).toEqual({
      sequence: 'sequence',
      past: ['past_sequence_length'],
      total: 'total_sequence',
    });
    // Named roles win.
    expect(generateRoles(INPUTS, { pastDims: ['past_sequence_length'], override: { total: 'x', sequence: 'seq' } })).toEqual({
      sequence: 'seq',
      past: ['past_sequence_length'],
      total: 'x',
    });
  });

  it('says what is missing', () => {
    expect(generateRoles([{ name: 'x', dtype: 'float32', shape: ['batch', 3] }])).toMatchObject({ missing: 'sequence' });
    expect(generateRoles([{ name: 'ids', dtype: 'int64', shape: ['batch', 128] }])).toMatchObject({ missing: 'sequence' });
    expect(generateRoles(INPUTS)).toMatchObject({ missing: 'past' });
  });

  it('prefill: sequence = prompt, past = 0, total = prompt; step i: sequence 1, past = prompt + i, total = past + 1', () => {
    const roles = { sequence: 's', past: ['p'], total: 't' };
    expect(generateDims({ batch: 4 }, roles, 128)).toEqual({ batch: 4, s: 128, p: 0, t: 128 });
    expect(generateDims({ batch: 4 }, roles, 128, 0)).toEqual({ batch: 4, s: 1, p: 128, t: 129 });
    expect(generateDims({ batch: 4 }, roles, 128, 18)).toEqual({ batch: 4, s: 1, p: 146, t: 147 });
  });
});

/** A phase with MACs and a latency (ms on device d, split into compute and memory) and tokens. */
function phase(macs: number, ms: number, tokens: number, kv = 0): PhaseReport {
  return {
    dims: {},
    totals: { ...reportWith('m', { macs, coreMacs: macs, flops: 2 * macs, memoryAccessBytes: 10 * macs, kvCacheBytes: kv }).totals },
    memoryBytes: 100 + kv,
    tokens,
    byClass: { gemm: { macs, flops: 2 * macs, bytes: 10 * macs } },
    latency: {
      d: {
        ms,
        computeMs: ms / 4,
        memoryMs: (3 * ms) / 4,
        overheadMs: 0,
        bound: 'memory',
        byClass: { gemm: { ms: (2 * ms) / 3, kernels: 3 }, attention: { ms: ms / 3, kernels: 1 } },
      },
    },
  };
}

describe('generate sums', () => {
  it('end to end = prefill + every step; tokens per second = batch x steps / decode time; TTFT = prefill', () => {
    const prefill = phase(1000, 40, 2 * 128);
    const steps = [0, 1, 2].map((i) => ({ step: i, phase: phase(10 + i, 5 + i, 2, 100 + i) }));
    const g = generateReport(prefill, steps, { prompt: 128, tokens: 4 });
    expect(g.generate).toEqual({ prompt: 128, tokens: 4, decodeSteps: 3 });
    expect(g.totals.macs).toBe(1000 + 10 + 11 + 12);
    expect(g.totals.kvCacheBytes).toBe(102);
    expect(g.memoryBytes).toBe(202);
    expect(g.tokens).toBe(256 + 6);
    expect(g.byClass.gemm!.flops).toBe(2 * (1000 + 33));
    const l = g.latency!.d;
    expect(l.ms).toBe(40 + 5 + 6 + 7);
    expect(l.timeToFirstTokenMs).toBe(40);
    expect(l.tokensPerSecond).toBeCloseTo((2 * 3 * 1000) / (5 + 6 + 7), 9);
    expect(l.computeMs).toBe(58 / 4);
    expect(l.bound).toBe('memory');
    // Where the time goes, per class, summed over the prefill and the steps like the total.
    expect(l.byClass!.gemm!.ms).toBeCloseTo((2 * 58) / 3, 9);
    expect(l.byClass!.attention).toEqual({ ms: expect.closeTo(58 / 3, 9) as number, kernels: 4 });
    expect(l.byClass!.gemm!.kernels).toBe(12);
  });

  it('one token: no decode step, no tokens per second', () => {
    const g = generateReport(phase(1000, 40, 128), [], { prompt: 128, tokens: 1 });
    expect(g.latency!.d.ms).toBe(40);
    expect(g.latency!.d.tokensPerSecond).toBeUndefined();
  });

  it('linear costs: the first, middle and last steps analysed, the others interpolated exactly', () => {
    const n = 1000;
    // A step's MACs and ms grow linearly with its context: 100 + 3i MACs, 2 + 0.01i ms.
    const seen: number[] = [];
    const steps = analyseSteps(n, (i) => (seen.push(i), phase(100 + 3 * i, 2 + 0.01 * i, 1)));
    expect(seen.sort((a, b) => a - b)).toEqual([0, 499, 999]);
    const g = generateReport(phase(0, 0, 16), steps, { prompt: 16, tokens: n + 1 });
    let macs = 0;
    let ms = 0;
    for (let i = 0; i < n; i++) {
      macs += 100 + 3 * i;
      ms += 2 + 0.01 * i;
    }
    expect(g.totals.macs).toBeCloseTo(macs, 6);
    expect(g.latency!.d.ms).toBeCloseTo(ms, 6);
    expect(g.tokens).toBeCloseTo(16 + n, 6);
  });

  it('a kink (a node turning memory-bound at some context) is bisected: the sum stays within 0.1%', () => {
    const n = 1000;
    const msAt = (i: number) => Math.max(2, 0.01 * i);
    const steps = analyseSteps(n, (i) => phase(100, msAt(i), 1));
    expect(steps.length).toBeGreaterThan(3);
    expect(steps.length).toBeLessThanOrEqual(MAX_ANALYSED_STEPS);
    const g = generateReport(phase(0, 0, 1), steps, { prompt: 1, tokens: n + 1 });
    let ms = 0;
    for (let i = 0; i < n; i++) ms += msAt(i);
    expect(Math.abs(g.latency!.d.ms - ms) / ms).toBeLessThan(1e-3);
  });

  it('figures that are on no line: at most MAX_ANALYSED_STEPS analyses; few steps: every one', () => {
    let k = 0;
    expect(analyseSteps(5000, (i) => phase(((i * 7919) % 13) + 1, 1 + (k++ % 3), 1)).length).toBe(MAX_ANALYSED_STEPS);
    expect(analyseSteps(2, (i) => phase(i, 1, 1)).map((s) => s.step)).toEqual([0, 1]);
    expect(analyseSteps(0, () => phase(0, 0, 1))).toEqual([]);
  });
});

describe('memory at a phase', () => {
  it('weights + KV cache + the other activations; without them, weights + the activation peak', () => {
    const t = reportWith('m', { weightBytes: 1000, peakActivationBytes: 500, kvCacheBytes: 300 }).totals;
    expect(phaseMemoryBytes(t, { past: [], present: [], found: 'names', pastDims: [], otherPeakBytes: 50 })).toBe(1350);
    expect(phaseMemoryBytes(t, undefined)).toBe(1500);
  });
});

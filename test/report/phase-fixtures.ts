/**
 * Synthetic decoder reports with phases, for the renderer tests. The figures follow from a small
 * Llama-style architecture (LAYERS layers, HIDDEN wide, FFN, VOCAB, fp32 weights) by the usual
 * formulas, so a test can derive what a table must show:
 *
 * - matmul weights W = layers × (4·hidden² + 3·hidden·ffn) + hidden·vocab;
 * - a run of T = batch × sequence tokens over a context of C = past + sequence does T·W gemm MACs
 *   and layers × batch × 2 × sequence × C × hidden attention MACs;
 * - gemm bytes: the weights once plus T × (hidden + vocab) activations in and out (4 bytes each);
 *   attention bytes: the K/V cache read plus Q and the output;
 * - KV cache (present keys and values): 2 × layers × batch × C × hidden × 4 bytes;
 * - latency on a device: compute = FLOPs / (peak × efficiency), memory = bytes / (bandwidth ×
 *   efficiency), the larger plus a kernel overhead; decode tokens/s = batch × 1000 / ms.
 */
import type { DeviceModel } from '../../src/devices/roofline.js';
import type { ModelReport, PhaseLatency, PhaseReport } from '../../src/report/model-report.js';
import { gpu, modelReport } from './fixtures.js';

export const ARCH = { layers: 4, hidden: 512, ffn: 1376, vocab: 32000, bytesPerValue: 4 };
/** Matmul weights (values). */
export const WEIGHTS = ARCH.layers * (4 * ARCH.hidden ** 2 + 3 * ARCH.hidden * ARCH.ffn) + ARCH.hidden * ARCH.vocab;
export const WEIGHT_BYTES = WEIGHTS * ARCH.bytesPerValue;
/** Peak of the activations apart from the cache, per token of the run. */
export const OTHER_PEAK_PER_TOKEN = (ARCH.ffn * 2 + ARCH.vocab) * ARCH.bytesPerValue;
/** Fixed overhead per phase run (kernel launches), ms. */
export const OVERHEAD_MS = 0.05;

export interface PhaseSpec {
  batch: number;
  sequence: number;
  past: number;
}

export function gemmMacs(s: PhaseSpec): number {
  return s.batch * s.sequence * WEIGHTS;
}
export function attentionMacs(s: PhaseSpec): number {
  return ARCH.layers * s.batch * 2 * s.sequence * (s.past + s.sequence) * ARCH.hidden;
}
export function gemmBytes(s: PhaseSpec): number {
  return WEIGHT_BYTES + s.batch * s.sequence * (ARCH.hidden + ARCH.vocab) * ARCH.bytesPerValue * 2;
}
export function kvBytes(s: PhaseSpec): number {
  return 2 * ARCH.layers * s.batch * (s.past + s.sequence) * ARCH.hidden * ARCH.bytesPerValue;
}
export function attentionBytes(s: PhaseSpec): number {
  return kvBytes(s) + 2 * ARCH.layers * s.batch * s.sequence * ARCH.hidden * ARCH.bytesPerValue;
}
/** Elementwise and normalisation: 4 FLOPs and 8 bytes per hidden value per layer. */
export function normFlops(s: PhaseSpec): number {
  return 4 * ARCH.layers * s.batch * s.sequence * ARCH.hidden;
}
export function normBytes(s: PhaseSpec): number {
  return 8 * ARCH.layers * s.batch * s.sequence * ARCH.hidden;
}

/** The roofline estimate of a run of `flops` and `bytes` on `d` at fp32. */
export function roofline(
  d: DeviceModel,
  flops: number,
  bytes: number,
): { computeMs: number; memoryMs: number; overheadMs: number; ms: number; bound: PhaseLatency['bound'] } {
  const computeMs = (flops / (d.peak.fp32! * d.computeEfficiency)) * 1000;
  const memoryMs = (bytes / (d.bandwidth * d.memoryEfficiency)) * 1000;
  const overheadMs = OVERHEAD_MS;
  return { computeMs, memoryMs, overheadMs, ms: Math.max(computeMs, memoryMs) + overheadMs, bound: computeMs >= memoryMs ? 'compute' : 'memory' };
}

/** The phase at `s`, with latency on `devices`; `role` sets the derived figures (prefill: time to first token; decode: tokens/s). */
export function phase(
  s: PhaseSpec,
  role: 'prefill' | 'decode' | 'other',
  devices: readonly DeviceModel[] = [gpu],
  dimNames = { batch: 'batch', sequence: 'sequence', past: 'past_sequence' },
): PhaseReport {
  const macs = gemmMacs(s) + attentionMacs(s);
  const flops = 2 * macs + normFlops(s);
  const bytes = gemmBytes(s) + attentionBytes(s) + normBytes(s);
  const kv = kvBytes(s);
  const latency: Record<string, PhaseLatency> = {};
  for (const d of devices) {
    const r = roofline(d, flops, bytes);
    latency[d.id] = {
      ...r,
      ...(role === 'decode' ? { tokensPerSecond: (s.batch * 1000) / r.ms } : {}),
      ...(role === 'prefill' ? { timeToFirstTokenMs: r.ms } : {}),
      byClass: {
        gemm: { ms: roofline(d, 2 * gemmMacs(s), gemmBytes(s)).ms, kernels: ARCH.layers * 7 + 1 },
        attention: { ms: roofline(d, 2 * attentionMacs(s), attentionBytes(s)).ms, kernels: ARCH.layers },
      },
    };
  }
  return {
    dims: { [dimNames.batch]: s.batch, [dimNames.sequence]: s.sequence, [dimNames.past]: s.past },
    totals: {
      params: WEIGHTS,
      weightBytes: WEIGHT_BYTES,
      macs,
      coreMacs: macs,
      flops,
      memoryAccessBytes: bytes,
      peakActivationBytes: kv + s.batch * s.sequence * OTHER_PEAK_PER_TOKEN,
      incompleteNodes: 0,
      incompleteNodeNames: [],
      lowerBound: [],
      kvCacheBytes: kv,
    },
    memoryBytes: WEIGHT_BYTES + kv + s.batch * s.sequence * OTHER_PEAK_PER_TOKEN,
    tokens: s.batch * s.sequence,
    byClass: {
      gemm: { macs: gemmMacs(s), flops: 2 * gemmMacs(s), bytes: gemmBytes(s) },
      attention: { macs: attentionMacs(s), flops: 2 * attentionMacs(s), bytes: attentionBytes(s) },
      normalization: { macs: 0, flops: normFlops(s), bytes: normBytes(s) },
      view: { macs: 0, flops: 0, bytes: 0 },
    },
    latency,
  };
}

export const PREFILL: PhaseSpec = { batch: 1, sequence: 512, past: 0 };
export const DECODE: PhaseSpec = { batch: 1, sequence: 1, past: 511 };

/** The fixture model with a prefill and a decode phase (names and dims may be hostile). */
export function decoderReport(
  options: {
    path?: string;
    phaseNames?: [string, string];
    dimNames?: { batch: string; sequence: string; past: string };
    devices?: readonly DeviceModel[];
  } = {},
): ModelReport {
  const [pre, dec] = options.phaseNames ?? ['prefill', 'decode'];
  const m = modelReport({ path: options.path ?? 'models/decoder.onnx' });
  m.phases = {
    [pre]: phase(PREFILL, 'prefill', options.devices, options.dimNames),
    [dec]: phase(DECODE, 'decode', options.devices, options.dimNames),
  };
  return m;
}

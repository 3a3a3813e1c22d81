/**
 * The Llama-2-7B generate estimate against NVIDIA's published NeMo measurements (issue 13):
 *
 *   npx tsx scripts/llama7b-anchors.ts
 *
 * writes the 7B-shaped graph (scripts/make-llama7b.ts) to a temporary folder and estimates, on each
 * anchor GPU, a prefill of 128 tokens (past 0) then 19 decode steps (sequence 1, past 128 ... 146):
 * 20 output tokens, the prefill yielding the first (the `generate` rule of issue 13). Each step is
 * the graph analysed at its dims and estimated with the catalog device's default figures. Prints
 * where the time goes: the prefill; per decode step the weights streamed by the projections and
 * the LM head, the attention over the cache, the other nodes, and the kernel launches.
 *
 * Anchors: NeMo Framework user guide, "Performance" > Llama 2, inference performance,
 * configuration 1 (chatbot conversation: input 128, output 20 tokens), average latency at batch 1,
 * TP 1, one GPU: 234.0 ms on A100 80GB SXM4, 153.8 ms on H100 80GB HBM3
 * (https://docs.nvidia.com/nemo-framework/user-guide/latest/performance/llama.html; TensorRT-LLM
 * behind NeMo's inference path).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelFile } from '../src/io/load-model.js';
import { inferModel } from '../src/analysis/infer.js';
import { modelReport, type ModelReport } from '../src/report/model-report.js';
import { findDevice } from '../src/devices/catalog.js';
import { deviceModel } from '../src/devices/efficiency.js';
import { estimateLatency } from '../src/devices/roofline.js';
import { writeLlama } from './make-llama7b.js';

export const NEMO_SOURCE = 'https://docs.nvidia.com/nemo-framework/user-guide/latest/performance/llama.html';

/** NeMo's Llama-2-7B average latency, batch 1, 128 in / 20 out, TP 1, one GPU: catalog device id -> ms. */
export const NEMO_ANCHORS: Record<string, { gpu: string; ms: number }> = {
  'a100-80gb-sxm': { gpu: 'A100 80GB SXM4', ms: 234.0 },
  'h100-sxm': { gpu: 'H100 80GB HBM3', ms: 153.8 },
};

/** Milliseconds by part, summed over the steps they cover. */
export interface Parts {
  /** Memory time of the nodes that read learned weights: the projections, the MLP, the LM head (and the embedding rows). */
  weights: number;
  /** Everything else under self_attn (RoPE, the cache Concat, Q·Kᵀ, softmax, ·V, transposes), launches excepted. */
  attention: number;
  /** The remaining nodes (norms, residual adds, the mask, the RoPE tables), launches excepted. */
  other: number;
  /** Kernel launches: kernels × the class's overhead. */
  overhead: number;
}

export interface GenerateEstimate {
  device: string;
  ms: number;
  prefillMs: number;
  decodeMs: number;
  /** The prefill's parts, and the decode steps' summed. */
  prefill: Parts;
  decode: Parts;
  /** Kernels of one decode step. */
  decodeKernels: number;
}

/** The graph at dims, analysed (the model decoded once by the caller). */
export type Analyse = (dims: Record<string, number>) => ModelReport;

/** An analyser for the model at `path`: loads it once, infers and reports per dims. */
export function analyser(path: string): Analyse {
  const loaded = loadModelFile(path, { allowMissingWeights: true });
  return (dims) =>
    modelReport({ path, fileBytes: loaded.bytes, format: loaded.model.format, notices: loaded.notices }, inferModel(loaded.model, { dims, upperBounds: true }));
}

function parts(report: ModelReport, deviceId: string): { ms: number; parts: Parts; kernels: number } {
  const device = deviceModel(findDevice(deviceId)!);
  const est = estimateLatency(report.nodes, device, {
    graphOutputs: report.graph.outputs.map((o) => o.name),
    graphInputs: report.graph.inputs.map((i) => i.name),
  });
  const p: Parts = { weights: 0, attention: 0, other: 0, overhead: 0 };
  est.nodes.forEach((t, i) => {
    const n = report.nodes[i];
    const launched = t.bound !== 'fused' && t.bound !== 'none';
    const overhead = launched ? (device.classes[t.opClass]?.kernelOverhead ?? device.kernelOverhead) : 0;
    p.overhead += overhead * 1e3;
    const work = (t.time - overhead) * 1e3;
    if (n.params > 0 && n.opType !== 'Mul') p.weights += work;
    else if (n.name.includes('/self_attn/')) p.attention += work;
    else p.other += work;
  });
  return { ms: est.ms, parts: p, kernels: est.kernels };
}

const add = (a: Parts, b: Parts): Parts => ({
  weights: a.weights + b.weights,
  attention: a.attention + b.attention,
  other: a.other + b.other,
  overhead: a.overhead + b.overhead,
});

/** Prefill at sequence = prompt, past 0, then tokens - 1 decode steps at sequence 1, past prompt + i. */
export function generateEstimate(analyse: Analyse, deviceIds: readonly string[], prompt = 128, tokens = 20, batch = 1): GenerateEstimate[] {
  const pre = analyse({ batch, sequence: prompt, past_sequence: 0, total_sequence: prompt });
  const steps: ModelReport[] = [];
  for (let i = 0; i < tokens - 1; i++) steps.push(analyse({ batch, sequence: 1, past_sequence: prompt + i, total_sequence: prompt + i + 1 }));
  return deviceIds.map((id) => {
    const p = parts(pre, id);
    let decode: Parts = { weights: 0, attention: 0, other: 0, overhead: 0 };
    let decodeMs = 0;
    let decodeKernels = 0;
    for (const s of steps) {
      const d = parts(s, id);
      decode = add(decode, d.parts);
      decodeMs += d.ms;
      decodeKernels = d.kernels;
    }
    return { device: id, ms: p.ms + decodeMs, prefillMs: p.ms, decodeMs, prefill: p.parts, decode, decodeKernels };
  });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const dir = mkdtempSync(join(tmpdir(), 'mb-llama7b-'));
  try {
    const path = join(dir, 'llama-2-7b.onnx');
    writeLlama(path);
    const f = (v: number) => v.toFixed(1);
    console.log('| GPU | NeMo ms | estimate ms | ratio | prefill | decode: weights | attention | other | launches (kernels/step) |');
    console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const e of generateEstimate(analyser(path), Object.keys(NEMO_ANCHORS))) {
      const a = NEMO_ANCHORS[e.device];
      const d = e.decode;
      console.log(
        `| ${a.gpu} | ${f(a.ms)} | ${f(e.ms)} | ${(e.ms / a.ms).toFixed(2)} | ${f(e.prefillMs)} | ${f(d.weights)} | ${f(d.attention)} | ${f(d.other)} | ${f(d.overhead)} (${e.decodeKernels}) |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

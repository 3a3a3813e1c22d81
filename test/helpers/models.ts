/**
 * Small models and reports shared by the suites: a two-layer MLP written as ONNX, and a model
 * report with chosen totals (for evaluation tests that need no real analysis).
 */
import type { Totals } from '../../src/analysis/aggregate.js';
import type { LatencyReport, ModelReport } from '../../src/report/model-report.js';
import { encodeModel, type GraphSpec, type ModelSpec } from './encode.js';

export interface MlpOptions {
  /** A Relu (`act`) between the two MatMuls (default: none). */
  relu?: boolean;
  /** The input's first dim: a symbol or a size (default the symbol `batch`). */
  batch?: string | number;
}

/** x[batch, 32] -> MatMul 32 x hidden (fc1) [-> Relu (act)] -> MatMul hidden x 10 (fc2), zero weights. */
export function mlpSpec(hidden: number, o: MlpOptions = {}): ModelSpec {
  const mid = o.relu ? 'a' : 'h';
  return {
    graph: {
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w1'], outputs: ['h'], name: 'fc1' },
        ...(o.relu ? [{ op: 'Relu', inputs: ['h'], outputs: ['a'], name: 'act' }] : []),
        { op: 'MatMul', inputs: [mid, 'w2'], outputs: ['y'], name: 'fc2' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [o.batch ?? 'batch', 32] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [
        { name: 'w1', dtype: 'float32', dims: [32, hidden], raw: new Uint8Array(32 * hidden * 4) },
        { name: 'w2', dtype: 'float32', dims: [hidden, 10], raw: new Uint8Array(hidden * 10 * 4) },
      ],
    },
  };
}

/** {@link mlpSpec} written as ONNX bytes. */
export function mlp(hidden: number, o: MlpOptions = {}): Uint8Array {
  return encodeModel(mlpSpec(hidden, o));
}

/** The params of {@link mlp}: its two weight matrices. */
export const mlpParams = (hidden: number): number => 32 * hidden + hidden * 10;

/** A model report with the given totals (zero elsewhere) and latencies (ms per device id). */
export function reportWith(path: string, totals: Partial<Totals> = {}, latency: Record<string, Partial<LatencyReport>> = {}): ModelReport {
  const r: ModelReport = {
    path,
    fileBytes: 0,
    irVersion: 8,
    producer: 'test',
    opset: 17,
    opsetImports: { '': 17 },
    dims: {},
    defaultedDims: [],
    graph: { inputs: [], outputs: [] },
    totals: {
      params: 0,
      weightBytes: 0,
      macs: 0,
      coreMacs: 0,
      flops: 0,
      memoryAccessBytes: 0,
      peakActivationBytes: 0,
      incompleteNodes: 0,
      incompleteNodeNames: [],
      lowerBound: [],
      ...totals,
    },
    byOpType: {},
    nodes: [],
    warnings: [],
  };
  const devices = Object.entries(latency);
  if (devices.length) r.latency = Object.fromEntries(devices.map(([device, l]) => [device, { device, name: device, ms: 0, ...l } as LatencyReport]));
  return r;
}

/** A Loop body carrying h -> h x w (w from the enclosing graph) with its condition passed through. */
export function matmulLoopBody(): GraphSpec {
  return {
    nodes: [
      { op: 'Identity', inputs: ['cond_in'], outputs: ['cond_out'] },
      { op: 'MatMul', inputs: ['h', 'w'], outputs: ['h_next'] },
    ],
    inputs: [
      { name: 'i', dtype: 'int64', shape: [] },
      { name: 'cond_in', dtype: 'bool', shape: [] },
      { name: 'h', dtype: 'float32', shape: [1, 4] },
    ],
    outputs: [
      { name: 'cond_out', dtype: 'bool', shape: [] },
      { name: 'h_next', dtype: 'float32', shape: [1, 4] },
    ],
  };
}

/**
 * Hand-built reports for the renderer tests: a small model with latency on two devices, and the
 * same with hostile strings in every place a model file can put text.
 */
import type { DeviceModel } from '../../src/devices/roofline.js';
import type { AnalyzeReport, LatencyReport, ModelReport, NodeEntry } from '../../src/report/model-report.js';

export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '| broken | table',
  '@everyone',
  '[link](javascript:alert(1))',
  '<!-- model-budget-comment -->',
  '```code``` `tick`',
  '<script>alert(1)</script>',
  '"quoted" & \'single\' </svg>',
  'line\nbreak\r\n# heading',
  '#123 GH-45 https://evil.example www.evil.example',
  '$\\sqrt{x}$ ~~strike~~ **bold** _em_ ![img](x)',
];

export const gpu: DeviceModel = {
  id: 'test-gpu',
  name: 'Test GPU',
  peak: { fp32: 20e12, fp16: 80e12, bf16: 80e12, int8: 160e12 },
  bandwidth: 500e9,
  computeEfficiency: 0.8,
  memoryEfficiency: 0.9,
  kernelOverhead: 5e-6,
  classes: {},
  fusion: 'none',
};

export const cpu: DeviceModel = {
  id: 'test-cpu',
  name: 'Test CPU',
  peak: { fp32: 100e9 },
  bandwidth: 20e9,
  computeEfficiency: 0.5,
  memoryEfficiency: 0.7,
  kernelOverhead: 1e-6,
  classes: {},
  fusion: 'none',
};

interface NodeSpec {
  name: string;
  opType: string;
  flops: number | null;
  bytes: number | null;
  /** Per device id: microseconds and bound. */
  times?: Record<string, [number, string]>;
  domain?: string;
}

function node(s: NodeSpec): NodeEntry {
  const read = s.bytes === null ? null : Math.round(s.bytes * 0.75);
  const written = s.bytes === null ? null : s.bytes - read!;
  const e: NodeEntry = {
    name: s.name,
    opType: s.opType,
    inputs: [{ name: `${s.name}:in`, dtype: 'float32', shape: [1, 'batch<x>', 8] }],
    outputs: [{ name: `${s.name}:out`, dtype: 'float32', shape: [1, 64, 8, 8] }],
    params: s.opType === 'Conv' ? 1000 : 0,
    macs: s.flops === null ? null : s.flops / 2,
    flops: s.flops,
    bytesRead: read,
    bytesWritten: written,
    intensity: s.flops !== null && s.bytes ? s.flops / s.bytes : null,
  };
  if (s.domain) e.domain = s.domain;
  if (s.times) e.latency = Object.fromEntries(Object.entries(s.times).map(([k, [us, bound]]) => [k, { us, bound }]));
  return e;
}

function latency(d: DeviceModel, ms: number, precision: string, bound: LatencyReport['bound'], flops: number): LatencyReport {
  const peak = (d.peak as Record<string, number>)[precision];
  return {
    device: d.id,
    name: d.name,
    ms,
    computeMs: ms * 0.6,
    memoryMs: ms * 0.3,
    overheadMs: ms * 0.1,
    bound,
    utilization: flops / ((ms / 1000) * peak),
    precision,
    ridgePoint: peak / d.bandwidth,
    achievedFlops: flops / (ms / 1000),
    kernels: 4,
    efficiency: { compute: d.computeEfficiency, memory: d.memoryEfficiency, kernelOverheadUs: d.kernelOverhead * 1e6 },
  };
}

/** Four nodes; three have an intensity and a time on both devices, one has no FLOPs. */
export function modelReport(names: { path?: string; nodes?: string[]; producer?: string; op?: string; warning?: string; dim?: string } = {}): ModelReport {
  const n = names.nodes ?? ['conv1', 'relu1', 'reshape', 'fc'];
  const nodes = [
    node({ name: n[0], opType: 'Conv', flops: 2e9, bytes: 10e6, times: { 'test-gpu': [130, 'compute'], 'test-cpu': [40000, 'compute'] } }),
    node({
      name: n[1],
      opType: names.op ?? 'Relu',
      domain: names.op ? 'com.evil' : undefined,
      flops: 1e6,
      bytes: 8e6,
      times: { 'test-gpu': [22, 'memory'], 'test-cpu': [570, 'memory'] },
    }),
    node({ name: n[2], opType: 'Reshape', flops: 0, bytes: 4e3 }),
    node({ name: n[3], opType: 'Gemm', flops: 4e6, bytes: 2e6, times: { 'test-gpu': [9.4, 'overhead'], 'test-cpu': [143, 'memory'] } }),
  ];
  const flops = 2e9 + 1e6 + 4e6;
  return {
    path: names.path ?? 'models/net.onnx',
    fileBytes: 123456,
    irVersion: 8,
    producer: names.producer ?? 'pytorch 2.1',
    opset: 17,
    opsetImports: { 'ai.onnx': 17 },
    dims: { [names.dim ?? 'batch']: 1 },
    defaultedDims: [names.dim ?? 'batch'],
    graph: {
      inputs: [{ name: n[0] + ':in', dtype: 'float32', shape: [1, 3, 32, 32] }],
      outputs: [{ name: n[3] + ':out', dtype: 'float32', shape: [1, 10] }],
    },
    totals: {
      params: 2000,
      weightBytes: 8000,
      macs: flops / 2,
      coreMacs: flops / 2,
      flops,
      memoryAccessBytes: 20_004_000,
      peakActivationBytes: 1_000_000,
      incompleteNodes: 0,
      incompleteNodeNames: [],
      lowerBound: [],
    },
    byOpType: {
      Conv: { count: 1, params: 1000, macs: 1e9, flops: 2e9, bytes: 10e6 },
      [names.op ? `com.evil:${names.op}` : 'Relu']: { count: 1, params: 0, macs: 0, flops: 1e6, bytes: 8e6 },
      Reshape: { count: 1, params: 0, macs: 0, flops: 0, bytes: 4e3 },
      Gemm: { count: 1, params: 1000, macs: 2e6, flops: 4e6, bytes: 2e6 },
    },
    latency: {
      'test-gpu': latency(gpu, 0.1614, 'fp32', 'compute', flops),
      'test-cpu': latency(cpu, 40.713, 'fp32', 'compute', flops),
    },
    nodes,
    warnings: [
      { node: '', message: names.warning ?? 'dims not given, set to 1: batch' },
      { node: n[1], message: 'unknown operator: estimated as elementwise' },
    ],
  };
}

export function analyzeReport(models: ModelReport[]): AnalyzeReport {
  return { schemaVersion: 1, tool: { name: 'model-budget', version: '0.1.0' }, models };
}

/** A report where every string a model file controls is hostile. */
export function hostileReport(): AnalyzeReport {
  const h = HOSTILE;
  const m = modelReport({ path: h[0] + '/m.onnx', nodes: [h[0], h[1], h[4], h[6]], producer: h[2] + ' ' + h[3], op: h[5], warning: h[8] + h[9], dim: h[7] });
  m.latency!['test-gpu'].name = '<b>evil</b> GPU @everyone';
  m.graph.inputs.push({ name: h[10], kind: 'sequence', dtype: 'float32<x>', shape: ['<dim>', 3] });
  return analyzeReport([m]);
}

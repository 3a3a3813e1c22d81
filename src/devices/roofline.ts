/**
 * The roofline latency estimate. Each node takes
 *
 *   time = max(FLOPs / (peak at its precision x compute efficiency),
 *              bytes / (bandwidth x memory efficiency)) + kernel overhead
 *
 * and the model takes the sum (no overlap between nodes, no fusion). A node is compute-bound
 * when the first term is the larger, memory-bound otherwise; its arithmetic intensity is
 * FLOPs / bytes, and the device's ridge point is peak / bandwidth. Utilisation is the model's
 * FLOPs / (latency x peak), the figure the textbook defines (achieved FLOPS / peak FLOPS).
 *
 * Nodes that launch no kernel in a runtime cost nothing: shape arithmetic (Shape, Size,
 * Constant, and nodes whose outputs are all small int64/int32 tensors) is folded at load time,
 * and views (Reshape, Squeeze, Unsqueeze, Flatten, Identity, inference Dropout) move no bytes.
 */
import type { NodeEntry } from '../report/model-report.js';
import type { Precision } from './catalog.js';
import { UserError } from '../errors.js';
import { quoteToken } from '../util/sanitize.js';
import type { CacheFigures, ClassFigures, Fusion, OpClass } from './op-class.js';

export interface DeviceModel {
  id: string;
  name: string;
  /** Dense peak per precision, FLOP/s (OP/s for integers). */
  peak: Partial<Record<Precision, number>>;
  /** Bytes per second. */
  bandwidth: number;
  /** Share of peak a well-shaped kernel reaches (0..1]. */
  computeEfficiency: number;
  /** Share of spec bandwidth a streaming kernel reaches (0..1]. */
  memoryEfficiency: number;
  /** Seconds added per kernel (launch and dispatch). */
  kernelOverhead: number;
  /** Per op class compute efficiency and kernel overhead; a class not listed takes the figures above. */
  classes: Partial<Record<OpClass, ClassFigures>>;
  /** Last-level cache, where known. */
  cache?: CacheFigures;
  /** What the runtime fuses (see op-class.ts). */
  fusion: Fusion;
}

export type Bound = 'compute' | 'memory' | 'overhead' | 'none';

export interface NodeTime {
  /** Seconds. */
  time: number;
  compute: number;
  memory: number;
  bound: Bound;
  precision: Precision | null;
}

export interface LatencyEstimate {
  device: string;
  /** Milliseconds for one forward pass. */
  ms: number;
  computeMs: number;
  memoryMs: number;
  overheadMs: number;
  /** What dominates: the bound of the nodes that take most of the time. */
  bound: 'compute' | 'memory' | 'overhead';
  /** Model FLOPs / (latency x peak at the dominant precision). */
  utilization: number;
  /** The precision most FLOPs run at, after any fallback. */
  precision: Precision;
  /** FLOPs per byte at which this device turns compute-bound, at that precision. */
  ridgePoint: number;
  /** Achieved FLOP/s (model FLOPs / latency). */
  achievedFlops: number;
  kernels: number;
  notices: string[];
  nodes: NodeTime[];
}

const VIEW_OPS = new Set(['Reshape', 'Squeeze', 'Unsqueeze', 'Flatten', 'Identity', 'Dropout']);
const SHAPE_OPS = new Set(['Shape', 'Size', 'Constant', 'ConstantOfShape', 'Range']);
const SHAPE_VALUE_LIMIT = 64;

/** Fallback order when a device lacks a precision: the next one it has. */
const FALLBACK: Record<Precision, Precision[]> = {
  int4: ['int8', 'fp16', 'bf16', 'fp32'],
  int8: ['fp16', 'bf16', 'fp32'],
  fp8: ['fp16', 'bf16', 'fp32'],
  fp16: ['bf16', 'fp32', 'int8'],
  bf16: ['fp16', 'fp32', 'int8'],
  tf32: ['fp32', 'fp16'],
  fp32: ['tf32', 'fp16', 'bf16', 'int8'],
  fp64: ['fp32'],
};

/** The precision a device runs `wanted` at: itself, or the first fallback it has. */
export function effectivePrecision(device: DeviceModel, wanted: Precision): Precision | null {
  if (usable(device.peak[wanted])) return wanted;
  for (const p of FALLBACK[wanted]) if (usable(device.peak[p])) return p;
  return null;
}

/** A rate the estimate can divide by: positive and finite. */
function usable(v: number | undefined): v is number {
  return typeof v === 'number' && v > 0 && Number.isFinite(v);
}

/**
 * Refuse a device whose figures would make the estimate infinite or undefined (a custom device
 * with a zero bandwidth, a negative peak, an efficiency of 0): the roofline never prints Infinity.
 */
export function checkDevice(device: DeviceModel): void {
  const bad = (what: string) => new UserError('', `device ${quoteToken(device.id)}: ${what}`);
  if (!usable(device.bandwidth)) throw bad(`bandwidth must be a positive, finite number of bytes/s, got ${String(device.bandwidth)}`);
  for (const [p, v] of Object.entries(device.peak)) {
    if (v !== undefined && !(v >= 0 && Number.isFinite(v))) throw bad(`peak ${p} must be a finite number >= 0, got ${v}`);
  }
  if (!Object.values(device.peak).some(usable)) throw bad('no positive peak figure');
  for (const k of ['computeEfficiency', 'memoryEfficiency'] as const) {
    const v = device[k];
    if (!(v > 0 && v <= 1)) throw bad(`${k} must be in (0, 1], got ${v}`);
  }
  if (!(device.kernelOverhead >= 0 && Number.isFinite(device.kernelOverhead))) {
    throw bad(`kernel overhead must be a finite number of seconds >= 0, got ${device.kernelOverhead}`);
  }
}

const FLOAT_PRECISION: Record<string, Precision> = {
  float64: 'fp64',
  float32: 'fp32',
  float16: 'fp16',
  bfloat16: 'bf16',
  float8e4m3fn: 'fp8',
  float8e4m3fnuz: 'fp8',
  float8e5m2: 'fp8',
  float8e5m2fnuz: 'fp8',
};

const WIDTH: Record<Precision, number> = { fp64: 64, fp32: 32, tf32: 19, bf16: 16, fp16: 16, fp8: 8, int8: 8, int4: 4 };

/**
 * The precision a node computes at, from its input dtypes: integer matmul / conv inputs of at
 * most 8 bits run as int8 (int4 when both are 4-bit); otherwise the widest floating input.
 */
export function nodePrecision(n: NodeEntry): Precision {
  const dtypes = n.inputs.map((i) => i.dtype).filter((d): d is string => d !== null);
  const [a, b] = n.inputs.map((i) => i.dtype);
  const small = (d: string | null | undefined) => d === 'int8' || d === 'uint8' || d === 'int4' || d === 'uint4';
  if (small(a) && small(b)) return (a === 'int4' || a === 'uint4') && (b === 'int4' || b === 'uint4') ? 'int4' : 'int8';
  let best: Precision | null = null;
  for (const d of dtypes) {
    const p = FLOAT_PRECISION[d];
    if (p && (!best || WIDTH[p] > WIDTH[best])) best = p;
  }
  return best ?? 'fp32';
}

function launchesKernel(n: NodeEntry): boolean {
  if (n.domain === undefined && (VIEW_OPS.has(n.opType) || SHAPE_OPS.has(n.opType))) return false;
  const shapeMath = n.outputs.every(
    (o) =>
      (o.dtype === 'int64' || o.dtype === 'int32') &&
      o.shape !== null &&
      o.shape.every((d) => typeof d === 'number') &&
      o.shape.reduce((x, y) => x * y, 1) <= SHAPE_VALUE_LIMIT,
  );
  return !shapeMath;
}

export interface EstimateOptions {
  /** Run every compute node at this precision (what the deployment uses), not the file's. */
  precision?: Precision;
}

export function estimateLatency(nodes: readonly NodeEntry[], device: DeviceModel, options: EstimateOptions = {}): LatencyEstimate {
  checkDevice(device);
  const notices = new Set<string>();
  const bw = device.bandwidth * device.memoryEfficiency;
  const flopsByPrecision = new Map<Precision, number>();
  let compute = 0;
  let memory = 0;
  let overhead = 0;
  let kernels = 0;
  let totalFlops = 0;
  const timeByBound: Record<'compute' | 'memory' | 'overhead', number> = { compute: 0, memory: 0, overhead: 0 };
  const out: NodeTime[] = nodes.map((n) => {
    if (!launchesKernel(n)) return { time: 0, compute: 0, memory: 0, bound: 'none', precision: null };
    const flops = n.flops ?? 0;
    const bytes = (n.bytesRead ?? 0) + (n.bytesWritten ?? 0);
    const wanted = options.precision ?? nodePrecision(n);
    const p = effectivePrecision(device, wanted);
    if (p === null) throw new Error(`device ${device.id} has no peak figure`);
    if (p !== wanted && flops > 0) notices.add(`${device.id} has no ${wanted} peak: ${wanted} work estimated at ${p}`);
    const tc = flops > 0 ? flops / (device.peak[p]! * device.computeEfficiency) : 0;
    const tm = bytes / bw;
    const time = Math.max(tc, tm) + device.kernelOverhead;
    const bound: Bound = device.kernelOverhead > Math.max(tc, tm) ? 'overhead' : tc >= tm ? 'compute' : 'memory';
    compute += tc;
    memory += tm;
    overhead += device.kernelOverhead;
    kernels++;
    totalFlops += flops;
    timeByBound[bound] += time;
    flopsByPrecision.set(p, (flopsByPrecision.get(p) ?? 0) + flops);
    return { time, compute: tc, memory: tm, bound, precision: p };
  });
  const total = out.reduce((s, t) => s + t.time, 0);
  // Tiny but positive figures (1e-300 FLOP/s) can still overflow a double.
  if (!Number.isFinite(total)) throw new UserError('', `device ${quoteToken(device.id)}: its peak or bandwidth is too small for a finite estimate`);
  let precision: Precision = effectivePrecision(device, options.precision ?? 'fp32') ?? 'fp32';
  let most = -1;
  for (const [p, f] of flopsByPrecision) if (f > most) [precision, most] = [p, f];
  const peak = device.peak[precision] ?? 0;
  const bound = (Object.entries(timeByBound) as [LatencyEstimate['bound'], number][]).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return {
    device: device.id,
    ms: total * 1e3,
    computeMs: compute * 1e3,
    memoryMs: memory * 1e3,
    overheadMs: overhead * 1e3,
    bound,
    utilization: total > 0 && peak > 0 ? totalFlops / (total * peak) : 0,
    precision,
    ridgePoint: peak / device.bandwidth,
    achievedFlops: total > 0 ? totalFlops / total : 0,
    kernels,
    notices: [...notices],
    nodes: out,
  };
}

/**
 * The roofline latency estimate (docs/roofline.md, "The model"). Each kernel takes
 *
 *   time = max(FLOPs / (peak at its precision x its class's compute efficiency),
 *              bytes / memory rate) + its class's kernel overhead
 *
 * and the model takes the sum (no overlap between kernels). The memory rate is the cache's
 * bandwidth when the node's bytes fit in the device's last-level cache, else bandwidth x memory
 * efficiency. Bytes are the kernel's real traffic when its cost rule says so (a Gather reads the
 * rows it indexes), else everything the node reads and writes.
 *
 * Op classes (op-class.ts): each node runs at its class's compute efficiency and pays its class's
 * overhead; a class the device does not list takes the device-wide figures. A recurrent node
 * (timing.steps) is a once-part plus, per time step, an overhead and the step's work with the
 * recurrent weights re-read (from the cache when they fit).
 *
 * Fusion: 'standard' (TensorRT, TFLite, Core ML at load time) folds element-wise epilogues
 * (activations, bias, BatchNormalization, a residual Add) into the conv / gemm that produces
 * their only input: no launch, no intermediate write and re-read, their FLOPs at the producer's
 * rate, only their extra inputs read. Views and shape arithmetic are free. 'onnxruntime': as
 * ONNX Runtime's CPU provider runs a graph (epilogues of a batched MatMul as one kernel of their
 * own, NCHWc reorders around convolutions, views and dynamic shape arithmetic as launches that
 * move no data). 'none': every node is its own kernel; a view is a copy, shape arithmetic pays its
 * launch. The device's run overhead, if any, is added once to the model.
 *
 * A node is compute-bound when its compute term is the larger, memory-bound otherwise, and
 * overhead-bound when its launch costs more than both. Utilisation is the model's FLOPs /
 * (latency x peak), the textbook definition (achieved FLOPS / peak FLOPS).
 */
import type { NodeEntry, TensorEntry } from '../report/model-report.js';
import type { Precision } from './catalog.js';
import { UserError } from '../errors.js';
import { quoteToken } from '../util/sanitize.js';
import { FUSIONS, type CacheFigures, type ClassFigures, type Fusion, type OpClass } from './op-class.js';
import { lookupOp } from '../ops/registry.js';

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
  /**
   * Seconds one inference call costs beyond its kernels (binding inputs and outputs, starting the
   * executor), added once per forward pass; absent: 0.
   */
  runOverhead?: number;
  /**
   * Seconds the first multi-threaded kernel of a forward pass costs to wake the runtime's idle
   * worker threads, added once to a pass that has such a kernel (`PARALLEL_FLOPS`,
   * `PARALLEL_BYTES`, attention); absent: 0. ONNX Runtime parks its pool between passes: on the
   * 2-vCPU machine this was measured on, one GroupQueryAttention decode step took 25 us alone and
   * each further one 8-10 us; a one-kernel model pays it, a model's later kernels do not.
   */
  threadWake?: number;
  /**
   * Channels per block of ONNX Runtime's blocked convolution layout (NCHWc) on this CPU, for
   * fusion 'onnxruntime': the fp32 lanes of its widest vectors, 8 with AVX2, 16 with AVX-512. A
   * convolution whose channels do not fill whole blocks runs in the plain layout; absent: 8.
   */
  nchwcBlock?: number;
}

/**
 * What makes a kernel multi-threaded in the estimate (the wake rule): at least 2 x 64 Ki
 * multiply-adds (MLAS, ONNX Runtime's GEMM library, gives each thread at least 64 Ki), or at least
 * 256 KiB read and written (below that an element-wise kernel's work is shorter than waking a
 * worker, and runtimes keep it on the calling thread), or an attention kernel (fanned out over
 * its heads whatever its size).
 */
const PARALLEL_FLOPS = 2 * 2 * 65536;
const PARALLEL_BYTES = 256 * 1024;

export type Bound = 'compute' | 'memory' | 'overhead' | 'fused' | 'none';

export interface NodeTime {
  /** Seconds. */
  time: number;
  compute: number;
  memory: number;
  /** 'fused': folded into the kernel of node `fusedInto`; 'none': no kernel (a free view, shape arithmetic). */
  bound: Bound;
  precision: Precision | null;
  /** The class its figures were taken from (its own, or derived from its op type). */
  opClass: OpClass;
  /** With bound 'fused': the index of the node whose kernel it folded into. */
  fusedInto?: number;
  /** True when its bytes were costed at the cache's bandwidth. */
  cached?: boolean;
}

export interface ClassTime {
  /** Milliseconds spent in nodes of this class (fused epilogues count in their own class). */
  ms: number;
  /** Kernels launched (fused nodes launch none). */
  kernels: number;
}

export interface LatencyEstimate {
  device: string;
  /** Milliseconds for one forward pass. */
  ms: number;
  computeMs: number;
  memoryMs: number;
  overheadMs: number;
  /** The device's per-call overhead, in `ms` and `overheadMs` (0 when the device has none). */
  runOverheadMs: number;
  /** The device's thread wake, in `ms` and `overheadMs` when a kernel of the pass is multi-threaded (else 0). */
  threadWakeMs: number;
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
  /** The runtime model used. */
  fusion: Fusion;
  /** Where the time goes, per op class (classes with no time left out). */
  byClass: Partial<Record<OpClass, ClassTime>>;
  notices: string[];
  nodes: NodeTime[];
}

const SHAPE_VALUE_LIMIT = 64;

/**
 * Classes of the operators whose OpDef decides per node, at inference (what a report without
 * `opClass` was written for): a Dropout is a view, a BatchNormalization a per-channel affine.
 */
const INFERENCE_CLASS: Record<string, OpClass> = { Dropout: 'view', BatchNormalization: 'elementwise' };

const CONV_OPS = new Set(['Conv', 'ConvInteger', 'QLinearConv']);

/** A convolution's class from its tensors: depthwise (one input channel per group), grouped, 1x1, or dense. */
function convClass(n: NodeEntry): OpClass {
  const x = n.inputs[0]?.shape;
  const w = n.inputs[n.opType === 'QLinearConv' ? 3 : 1]?.shape;
  if (!x || !w || w.length < 3 || x.length < 2) return 'conv';
  const channels = x[1];
  const perGroup = w[1];
  if (typeof channels === 'number' && typeof perGroup === 'number' && perGroup < channels) {
    return perGroup === 1 ? 'depthwise' : 'grouped';
  }
  if (w.slice(2).every((d) => d === 1)) return 'conv-1x1';
  return w.length === 5 ? 'conv-3d' : 'conv';
}

/**
 * The node's op class: as its cost rule declared it, else (a report written before op classes)
 * what its operator's definition declares, the conv family classed from its weights.
 */
export function nodeClass(n: NodeEntry): OpClass {
  if (n.opClass) return n.opClass;
  if (CONV_OPS.has(n.opType)) return convClass(n);
  const declared = lookupOp(n.domain ?? '', n.opType)?.opClass;
  if (typeof declared === 'string') return declared;
  return INFERENCE_CLASS[n.opType] ?? 'elementwise';
}

/**
 * Classes whose kernels take element-wise epilogues under 'standard' fusion. A reduction takes
 * the element-wise tail of a normalisation written out from its parts (RMSNorm as torch exports
 * it: ReduceMean, then Add eps, Sqrt, Div): ONNX Runtime's default graph optimisations fuse that
 * pattern into one SimplifiedLayerNormalization / LayerNormalization kernel, TensorRT into one
 * normalisation layer.
 */
const FUSION_ROOTS = new Set<OpClass>(['gemm', 'conv', 'conv-1x1', 'depthwise', 'grouped', 'conv-3d', 'conv-transpose', 'reduction']);

/** Operators ONNX Runtime removes from the graph when it loads it (inference no-ops). */
const ELIMINATED = new Set(['Identity', 'Dropout']);

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
  for (const [c, f] of Object.entries(device.classes ?? {})) {
    if (!f) continue;
    const e = f.computeEfficiency;
    if (e !== undefined && !(e > 0 && e <= 1)) throw bad(`${c} compute efficiency must be in (0, 1], got ${e}`);
    const me = f.memoryEfficiency;
    if (me !== undefined && !(me > 0 && me <= 1)) throw bad(`${c} memory efficiency must be in (0, 1], got ${me}`);
    const o = f.kernelOverhead;
    if (o !== undefined && !(o >= 0 && Number.isFinite(o))) throw bad(`${c} kernel overhead must be a finite number of seconds >= 0, got ${o}`);
  }
  if (device.runOverhead !== undefined && !(device.runOverhead >= 0 && Number.isFinite(device.runOverhead))) {
    throw bad(`run overhead must be a finite number of seconds >= 0, got ${device.runOverhead}`);
  }
  if (device.threadWake !== undefined && !(device.threadWake >= 0 && Number.isFinite(device.threadWake))) {
    throw bad(`thread wake must be a finite number of seconds >= 0, got ${device.threadWake}`);
  }
  if (device.nchwcBlock !== undefined && !(Number.isInteger(device.nchwcBlock) && device.nchwcBlock >= 1 && device.nchwcBlock <= 1024)) {
    throw bad(`NCHWc block must be a whole number of channels from 1 to 1024, got ${device.nchwcBlock}`);
  }
  if (device.cache) {
    const { bytes, bandwidth } = device.cache;
    if (!(bytes >= 0 && Number.isFinite(bytes))) throw bad(`cache size must be a finite number of bytes >= 0, got ${bytes}`);
    if (!usable(bandwidth)) throw bad(`cache bandwidth must be a positive, finite number of bytes/s, got ${String(bandwidth)}`);
  }
  const fusion: unknown = device.fusion;
  if (fusion !== undefined && !(FUSIONS as readonly unknown[]).includes(fusion)) {
    throw bad(`fusion must be one of ${FUSIONS.join(', ')}, got ${quoteToken(typeof fusion === 'string' ? fusion : JSON.stringify(fusion))}`);
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

/** Shape arithmetic a runtime folds at load time: outputs all small int64 / int32 tensors of known size. */
function isShapeMath(n: NodeEntry): boolean {
  return (
    n.outputs.length > 0 &&
    n.outputs.every(
      (o) =>
        (o.dtype === 'int64' || o.dtype === 'int32') &&
        o.shape !== null &&
        o.shape.every((d) => typeof d === 'number') &&
        o.shape.reduce((x, y) => x * y, 1) <= SHAPE_VALUE_LIMIT,
    )
  );
}

export interface EstimateOptions {
  /** Run every compute node at this precision (what the deployment uses), not the file's. */
  precision?: Precision;
  /** The graph's output names: a tensor that is one stays in memory, so its producer's epilogue cannot fuse away. */
  graphOutputs?: readonly string[];
  /**
   * The graph's input names. With them, 'standard' fusion also folds what runtimes compute once at
   * load: a node every input of which is a constant (an initializer, or the output of such a node).
   */
  graphInputs?: readonly string[];
  /**
   * The model's file has symbolic dims (bound for this estimate): a runtime that does not build
   * for fixed shapes ('onnxruntime') runs the shape arithmetic that depends on the inputs.
   */
  dynamicShapes?: boolean;
}

/** Elements of a tensor when its shape is fully known. */
function elements(shape: TensorEntry['shape']): number | null {
  if (!shape) return null;
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return null;
    n *= d;
  }
  return n;
}

const DTYPE_BYTES: Record<string, number> = {
  float64: 8,
  int64: 8,
  uint64: 8,
  complex64: 8,
  complex128: 16,
  float32: 4,
  int32: 4,
  uint32: 4,
  float16: 2,
  bfloat16: 2,
  int16: 2,
  uint16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
  float8e4m3fn: 1,
  float8e4m3fnuz: 1,
  float8e5m2: 1,
  float8e5m2fnuz: 1,
  int4: 0.5,
  uint4: 0.5,
};

function tensorBytes(t: TensorEntry): number | null {
  const n = elements(t.shape);
  const b = t.dtype ? DTYPE_BYTES[t.dtype] : undefined;
  return n === null || b === undefined ? null : Math.ceil(n * b);
}

/**
 * Under 'standard' fusion, for each node that folds into a conv / gemm kernel: the index of that
 * kernel's node and which input carried the group's tensor (the others are read extra).
 *
 * An element-wise node (or a BatchNormalization) joins the group of the conv / gemm whose tensor it
 * reads when that tensor feeds only element-wise nodes (it need not be written out for anything
 * else) and is not a graph output, and when the node keeps the tensor's size (one that broadcasts
 * it bigger is a kernel of its own). Every input the node reads from the group must be of the same
 * group. This takes in a bias add, an activation, a folded BatchNorm, a residual add (its other
 * input read extra), and the element-wise graphs runtimes fuse whole: Gelu after a MatMul
 * (Div, Erf, Add, Mul, Mul), SiLU after a Conv (Sigmoid and Mul both reading the conv's output).
 */
function fusionPlan(
  nodes: readonly NodeEntry[],
  classes: readonly OpClass[],
  producer: ReadonlyMap<string, number>,
  graphOutputs: readonly string[],
  fusion: Fusion = 'standard',
): Map<number, { root: number; via: number }> {
  // ONNX Runtime folds epilogues into a MatMul only where it makes a Gemm of it (2-D); after a
  // batched MatMul the element-wise group runs as a kernel of its own, rooted at its first node.
  const detached = (p: number) => fusion === 'onnxruntime' && classes[p] === 'gemm' && (nodes[p].outputs[0]?.shape?.length ?? 2) > 2;
  const selfRoots = new Set<number>();
  const isEpilogue = (i: number) => (classes[i] === 'elementwise' || nodes[i].opType === 'BatchNormalization') && nodes[i].outputs.length === 1;
  /** Per tensor: true while every consumer is an element-wise node (and it is not a graph output). */
  const onlyElementwise = new Map<string, boolean>();
  nodes.forEach((n, i) => {
    for (const t of n.inputs) if (t.name) onlyElementwise.set(t.name, (onlyElementwise.get(t.name) ?? true) && isEpilogue(i));
  });
  for (const name of graphOutputs) onlyElementwise.set(name, false);
  const plan = new Map<number, { root: number; via: number }>();
  nodes.forEach((n, i) => {
    if (!isEpilogue(i)) return;
    const out = elements(n.outputs[0].shape);
    let root: number | undefined;
    let via = -1;
    for (let k = 0; k < n.inputs.length; k++) {
      const t = n.inputs[k];
      const p = producer.get(t.name);
      if (p === undefined || p >= i) continue;
      // A BatchNormalization of its own (after a Concat, as in DenseNet) takes the activation after it, as a conv would.
      const r = FUSION_ROOTS.has(classes[p]) || selfRoots.has(p) ? p : (plan.get(p)?.root ?? (nodes[p].opType === 'BatchNormalization' ? p : undefined));
      if (r === undefined) continue;
      if (detached(r)) {
        // The first element-wise node after a batched MatMul: a kernel of its own that the rest of the group joins.
        if (root === undefined && onlyElementwise.get(t.name) === true) {
          selfRoots.add(i);
          return;
        }
        continue;
      }
      // Two groups meet here (a residual add of two convs): the first one's stays; the other is read extra.
      if (root !== undefined && r !== root) continue;
      if (onlyElementwise.get(t.name) !== true) return;
      const inElems = elements(t.shape);
      const sameSize = out !== null && inElems !== null && out === inElems;
      if (root === undefined && !sameSize) continue;
      if (root === undefined) {
        root = r;
        via = k;
      }
    }
    if (root !== undefined) plan.set(i, { root, via });
  });
  return plan;
}

/** Operators ONNX Runtime's NCHWc layout passes through (pooling, element-wise, BatchNorm, Concat): the blocked layout flows on. */
const NCHWC_THROUGH = new Set([
  'MaxPool',
  'AveragePool',
  'GlobalMaxPool',
  'GlobalAveragePool',
  'Add',
  'Sum',
  'Mul',
  'Relu',
  'LeakyRelu',
  'Sigmoid',
  'Tanh',
  'Clip',
  'HardSigmoid',
  'HardSwish',
  'BatchNormalization',
  'Concat',
]);

/** Channels per block of the NCHWc layout when the device does not say (`nchwcBlock`): 8, AVX2's fp32 lanes. */
const NCHWC_BLOCK = 8;

/**
 * ONNX Runtime's CPU provider runs 2-D convolutions in a blocked channel layout (NCHWc) and
 * converts at the edges of each run of such kernels: a reorder kernel that reads and writes the
 * tensor crossing the edge (ReorderInput before a convolution that reads a plain tensor, when its
 * input channels fill blocks; ReorderOutput where a blocked tensor reaches a kernel that cannot
 * take it, or the graph's outputs). A conv converted: 2-D, dense with output channels in whole
 * blocks, or depthwise with its channels in whole blocks. Returns, per node, the reorders it
 * causes and the bytes they move (each reorder reads and writes its tensor).
 */
function nchwcReorders(
  nodes: readonly NodeEntry[],
  classes: readonly OpClass[],
  producer: ReadonlyMap<string, number>,
  graphOutputs: readonly string[],
  constant: ReadonlySet<number>,
  block: number,
): { count: Uint8Array; bytes: Float64Array } {
  const count = new Uint8Array(nodes.length);
  const bytes = new Float64Array(nodes.length);
  const blocked = new Set<string>();
  const consumers = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    for (const t of n.inputs) if (t.name) (consumers.get(t.name) ?? consumers.set(t.name, []).get(t.name)!).push(i);
  });
  const isConverted = (n: NodeEntry, cls: OpClass): boolean => {
    if (cls !== 'conv' && cls !== 'conv-1x1' && cls !== 'depthwise') return false;
    const w = n.inputs[1]?.shape;
    const x = n.inputs[0]?.shape;
    if (!w || w.length !== 4 || !x || x.length !== 4) return false;
    return typeof w[0] === 'number' && w[0] % block === 0;
  };
  const channelsInBlocks = (t: TensorEntry) => {
    const c = t.shape?.[1];
    return typeof c === 'number' && c % block === 0;
  };
  nodes.forEach((n, i) => {
    const converted = isConverted(n, classes[i]);
    const through = !converted && NCHWC_THROUGH.has(n.opType) && n.inputs.some((t) => blocked.has(t.name));
    if (!converted && !through) return;
    if (converted) {
      const x = n.inputs[0];
      if (!blocked.has(x.name) && channelsInBlocks(x)) {
        count[i]++;
        bytes[i] += 2 * (tensorBytes(x) ?? 0);
      }
    } else {
      // The other inputs of a binary node / Concat that a node of the graph computes at every run
      // (not graph inputs, not constants) are converted to the blocked layout.
      for (const t of n.inputs) {
        const p = t.name ? producer.get(t.name) : undefined;
        if (p === undefined || blocked.has(t.name) || constant.has(p) || t.shape?.length !== 4) continue;
        count[i]++;
        bytes[i] += 2 * (tensorBytes(t) ?? 0);
      }
    }
    for (const o of n.outputs) if (o.name) blocked.add(o.name);
  });
  const outputs = new Set(graphOutputs);
  for (const name of blocked) {
    const users = consumers.get(name) ?? [];
    const plainUse = outputs.has(name) || users.some((c) => !isConverted(nodes[c], classes[c]) && !NCHWC_THROUGH.has(nodes[c].opType));
    if (!plainUse) continue;
    const p = producer.get(name)!;
    const t = nodes[p].outputs.find((o) => o.name === name)!;
    count[p]++;
    bytes[p] += 2 * (tensorBytes(t) ?? 0);
  }
  return { count, bytes };
}

/**
 * Bytes of the im2col buffer a grouped convolution writes and reads again on ONNX Runtime's CPU
 * kernel (MLAS): every input channel times every kernel tap times every output position (batch x
 * C_in x prod(kernel) x prod(output spatial)), twice. MLAS builds it in tiles that stay in the
 * cache and runs one small GEMM per group on each, so with few channels per group the buffer,
 * not the arithmetic, sets the time: it costs at the cache's rate, after the node's own traffic.
 * (Dense and depthwise convolutions pay no such term: measured here, a 120-channel 3x3 conv on
 * MLAS's plain kernel ran as fast as the 128-channel one in the blocked layout, and depthwise
 * has a direct kernel.) None for a pointwise conv (every kernel dim 1, output as large as the
 * input); 0 when a shape is unknown.
 */
export function im2colBytes(n: NodeEntry): number {
  const x = n.inputs[0]?.shape;
  const w = n.inputs[1]?.shape;
  const y = n.outputs[0]?.shape;
  if (!x || !w || !y || x.length < 3 || w.length !== x.length || y.length !== x.length) return 0;
  if (![...x, ...w, ...y].every((d) => typeof d === 'number')) return 0;
  const xs = x as number[];
  const ws = w as number[];
  const ys = y as number[];
  const kernel = ws.slice(2).reduce((a, b) => a * b, 1);
  const outSpatial = ys.slice(2).reduce((a, b) => a * b, 1);
  const inSpatial = xs.slice(2).reduce((a, b) => a * b, 1);
  if (kernel === 1 && outSpatial === inSpatial) return 0;
  const elem = DTYPE_BYTES[n.outputs[0]?.dtype ?? 'float32'] ?? 4;
  return 2 * xs[0] * xs[1] * kernel * outSpatial * elem;
}

/** Nodes computed from constants alone (initializers and what is made of them): folded at load. */
function constantNodes(nodes: readonly NodeEntry[], producer: ReadonlyMap<string, number>, graphInputs: readonly string[]): Set<number> {
  const inputs = new Set(graphInputs);
  const out = new Set<number>();
  nodes.forEach((n, i) => {
    const named = n.inputs.filter((t) => t.name);
    if (named.length === 0) return;
    const constant = named.every((t) => {
      if (inputs.has(t.name)) return false;
      const p = producer.get(t.name);
      return p === undefined ? true : p < i && out.has(p);
    });
    if (constant) out.add(i);
  });
  return out;
}

/**
 * What a run reads from outside itself (its weights, and its inputs: the KV cache of a decoder)
 * stays in the last-level cache from one run to the next only when all of it fits: a model whose
 * weights are larger streams each weight from memory when its node runs (a 7B LLM's 13 GB at
 * every decode step; the 32 MiB q projection of one layer cannot have been left in a 40 MB L2 by
 * the node before, which read other weights). Returns, per node, the bytes of its inputs that no
 * node of the graph writes (initializers, graph inputs), to be read from memory; 0 for every node
 * when they all fit in the cache or the device has no cache figures. Tensors a node before wrote
 * keep the per-node cache rule.
 */
function externalFromMemory(nodes: readonly NodeEntry[], producer: ReadonlyMap<string, number>, cache: CacheFigures | undefined): (n: NodeEntry) => number {
  const none = () => 0;
  if (!cache) return none;
  const external = new Map<string, number>();
  for (const n of nodes) for (const t of n.inputs) if (t.name && !producer.has(t.name) && !external.has(t.name)) external.set(t.name, tensorBytes(t) ?? 0);
  let total = 0;
  for (const b of external.values()) total += b;
  if (total <= cache.bytes) return none;
  return (n) => {
    let w = 0;
    const counted = new Set<string>();
    for (const t of n.inputs) {
      if (!external.has(t.name) || counted.has(t.name)) continue;
      counted.add(t.name);
      w += external.get(t.name)!;
    }
    return w;
  };
}

/** Bytes per second a class's kernels move from memory and from the cache. */
interface Rates {
  dram: number;
  cache: number;
}

export function estimateLatency(nodes: readonly NodeEntry[], device: DeviceModel, options: EstimateOptions = {}): LatencyEstimate {
  checkDevice(device);
  const fusion: Fusion = device.fusion ?? 'none';
  const notices = new Set<string>();
  const cache = device.cache;
  /** Seconds to move `bytes` at a class's rates, and whether the cache serves them. */
  const move = (bytes: number, rates: Rates): [number, boolean] => {
    if (bytes <= 0) return [0, false];
    if (cache && bytes <= cache.bytes) return [bytes / rates.cache, true];
    return [bytes / rates.dram, false];
  };
  const figures = (c: OpClass) => {
    const f = device.classes?.[c];
    const share = f?.memoryEfficiency ?? device.memoryEfficiency;
    return {
      eff: f?.computeEfficiency ?? device.computeEfficiency,
      overhead: f?.kernelOverhead ?? device.kernelOverhead,
      // A class that streams k times better than the device-wide figure from memory does so from the cache too.
      rates: { dram: device.bandwidth * share, cache: cache ? cache.bandwidth * (share / device.memoryEfficiency) : 0 },
    };
  };
  const classes = nodes.map(nodeClass);
  // Which node writes each tensor: what 'standard' fusion, load-time folding and the weights rule follow.
  const producer = new Map<string, number>();
  if (fusion !== 'none' || cache) nodes.forEach((n, i) => n.outputs.forEach((o) => o.name && producer.set(o.name, i)));
  const externalBytesOf = externalFromMemory(nodes, producer, cache);
  /** Seconds to move a node's `bytes`, `external` of which come from outside the run and, when those do not all fit in the cache, from memory. */
  const moveWith = (bytes: number, external: number, rates: Rates): [number, boolean] => {
    if (external <= 0) return move(bytes, rates);
    const [rest, cached] = move(Math.max(0, bytes - external), rates);
    return [external / rates.dram + rest, cached];
  };
  const fuses = fusion !== 'none';
  const plan = fuses ? fusionPlan(nodes, classes, producer, options.graphOutputs ?? [], fusion) : new Map<number, { root: number; via: number }>();
  const folded = fuses && options.graphInputs ? constantNodes(nodes, producer, options.graphInputs) : new Set<number>();
  const flopsByPrecision = new Map<Precision, number>();
  let compute = 0;
  let memory = 0;
  let overhead = 0;
  let kernels = 0;
  let totalFlops = 0;
  let parallel = false;
  const byClass: Partial<Record<OpClass, ClassTime>> = {};
  const timeByBound: Record<'compute' | 'memory' | 'overhead', number> = { compute: 0, memory: 0, overhead: 0 };
  const out: NodeTime[] = [];
  const precisionOf = (n: NodeEntry, flops: number): Precision => {
    const wanted = options.precision ?? nodePrecision(n);
    const p = effectivePrecision(device, wanted);
    if (p === null) throw new Error(`device ${device.id} has no peak figure`);
    if (p !== wanted && flops > 0) notices.add(`${device.id} has no ${wanted} peak: ${wanted} work estimated at ${p}`);
    return p;
  };
  nodes.forEach((n, i) => {
    const cls = classes[i];
    const shapeMath = cls === 'shape' || isShapeMath(n);
    const shapeWork = cls === 'view' || shapeMath;
    const free =
      (fusion === 'standard' && (shapeWork || folded.has(i))) ||
      (fusion === 'onnxruntime' &&
        (folded.has(i) ||
          ELIMINATED.has(n.opType) ||
          // A Constant (no inputs) becomes an initializer at load.
          n.inputs.every((t) => !t.name) ||
          (shapeMath && !options.dynamicShapes)));
    if (free) {
      out.push({ time: 0, compute: 0, memory: 0, bound: 'none', precision: null, opClass: cls });
      return;
    }
    if (fusion === 'onnxruntime' && shapeWork) {
      // A kernel that moves no data: a view aliases its input, shape arithmetic works on a few
      // integers (at the 'shape' class's launch cost, whatever its operator).
      const as: OpClass = cls === 'view' ? 'view' : 'shape';
      const ov = figures(as).overhead;
      overhead += ov;
      kernels++;
      timeByBound.overhead += ov;
      addClass(byClass, as, ov, 1);
      out.push({ time: ov, compute: 0, memory: 0, bound: 'overhead', precision: null, opClass: as });
      return;
    }
    const flops = n.flops ?? 0;
    const fused = plan.get(i);
    if (fused) {
      // Folded into the kernel of `root`: at its precision and efficiency, no launch, no write of
      // its own (it replaces the producer's), only its extra inputs read.
      const root = out[fused.root];
      const p = root.precision ?? precisionOf(n, flops);
      let extra = 0;
      n.inputs.forEach((t, k) => {
        // Inputs from the group stay in the kernel; the rest (a bias, a residual) are read.
        const from = producer.get(t.name);
        const inGroup = k === fused.via || (from !== undefined && (from === fused.root || plan.get(from)?.root === fused.root));
        if (!inGroup) extra += tensorBytes(t) ?? 0;
      });
      const rootFigures = figures(root.opClass);
      const tc = flops > 0 ? flops / (device.peak[p]! * rootFigures.eff) : 0;
      const [tm, cached] = moveWith(extra, externalBytesOf(n), rootFigures.rates);
      const time = Math.max(tc, tm);
      compute += tc;
      memory += tm;
      totalFlops += flops;
      flopsByPrecision.set(p, (flopsByPrecision.get(p) ?? 0) + flops);
      const rootBound = root.bound === 'fused' || root.bound === 'none' ? 'compute' : root.bound;
      timeByBound[rootBound] += time;
      addClass(byClass, cls, time, 0);
      out.push({ time, compute: tc, memory: tm, bound: 'fused', precision: p, opClass: cls, fusedInto: fused.root, ...(cached ? { cached } : {}) });
      return;
    }
    const { eff, overhead: ov, rates } = figures(cls);
    const p = precisionOf(n, flops);
    const rate = device.peak[p]! * eff;
    const bytes = n.timing?.bytes ?? (n.bytesRead ?? 0) + (n.bytesWritten ?? 0);
    const steps = n.timing?.steps ?? 0;
    let tc: number;
    let tm: number;
    let oh = ov;
    let cached: boolean;
    let time: number;
    if (steps > 0 && Number.isFinite(steps)) {
      // Recurrent: the once-part (input projections, the output written), then per time step a
      // launch and the step's matmuls with the recurrent weights re-read.
      const stepFlops = n.timing?.stepFlops ?? 0;
      const onceFlops = Math.max(0, flops - steps * stepFlops);
      const [onceMem, c1] = move(bytes, rates);
      const [stepMem, c2] = move(n.timing?.stepBytes ?? 0, rates);
      const onceCompute = onceFlops / rate;
      const stepCompute = stepFlops / rate;
      tc = onceCompute + steps * stepCompute;
      tm = onceMem + steps * stepMem;
      oh = ov * (1 + steps);
      cached = c1 || c2;
      time = Math.max(onceCompute, onceMem) + ov + steps * (ov + Math.max(stepCompute, stepMem));
    } else {
      tc = flops > 0 ? flops / rate : 0;
      // A partial read (a Gather's rows) says its own bytes: those follow the cache rule as they are.
      [tm, cached] = n.timing?.bytes !== undefined ? move(bytes, rates) : moveWith(bytes, externalBytesOf(n), rates);
      time = Math.max(tc, tm) + ov;
      if (fusion === 'onnxruntime' && cls === 'grouped') {
        // A grouped convolution on ONNX Runtime: its im2col tiles, through the cache, before each group's GEMM.
        const col = im2colBytes(n);
        if (col > 0) {
          const t = col / (cache ? rates.cache : rates.dram);
          tm += t;
          time += t;
        }
      }
    }
    const bound: Bound = oh > time - oh ? 'overhead' : tc >= tm ? 'compute' : 'memory';
    if (!parallel) parallel = cls === 'attention' || flops >= PARALLEL_FLOPS || bytes >= PARALLEL_BYTES;
    compute += tc;
    memory += tm;
    overhead += oh;
    kernels++;
    totalFlops += flops;
    timeByBound[bound] += time;
    flopsByPrecision.set(p, (flopsByPrecision.get(p) ?? 0) + flops);
    addClass(byClass, cls, time, 1);
    out.push({ time, compute: tc, memory: tm, bound, precision: p, opClass: cls, ...(cached ? { cached } : {}) });
  });
  if (fusion === 'onnxruntime') {
    // Layout conversions around the blocked-layout convolutions: data-movement kernels, their time on the node that causes them.
    const reorders = nchwcReorders(nodes, classes, producer, options.graphOutputs ?? [], folded, device.nchwcBlock ?? NCHWC_BLOCK);
    const { overhead: ov, rates } = figures('data-movement');
    reorders.count.forEach((k, i) => {
      if (k === 0) return;
      const [tm] = move(reorders.bytes[i] / k, rates);
      const t = k * (ov + tm);
      out[i].time += t;
      memory += k * tm;
      overhead += k * ov;
      kernels += k;
      timeByBound.memory += t;
      addClass(byClass, 'data-movement', t, k);
    });
  }
  const run = device.runOverhead ?? 0;
  const wake = parallel ? (device.threadWake ?? 0) : 0;
  const total = out.reduce((s, t) => s + t.time, 0) + run + wake;
  overhead += run + wake;
  // Tiny but positive figures (1e-300 FLOP/s) can still overflow a double.
  if (!Number.isFinite(total)) throw new UserError('', `device ${quoteToken(device.id)}: its peak or bandwidth is too small for a finite estimate`);
  let precision: Precision = effectivePrecision(device, options.precision ?? 'fp32') ?? 'fp32';
  let most = -1;
  for (const [p, f] of flopsByPrecision) if (f > most) [precision, most] = [p, f];
  const peak = device.peak[precision] ?? 0;
  const bound = (Object.entries(timeByBound) as [LatencyEstimate['bound'], number][]).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  for (const c of Object.values(byClass)) c.ms *= 1e3;
  return {
    device: device.id,
    ms: total * 1e3,
    computeMs: compute * 1e3,
    memoryMs: memory * 1e3,
    overheadMs: overhead * 1e3,
    runOverheadMs: run * 1e3,
    threadWakeMs: wake * 1e3,
    bound,
    utilization: total > 0 && peak > 0 ? totalFlops / (total * peak) : 0,
    precision,
    ridgePoint: peak / device.bandwidth,
    achievedFlops: total > 0 ? totalFlops / total : 0,
    kernels,
    fusion,
    byClass,
    notices: [...notices],
    nodes: out,
  };
}

function addClass(byClass: Partial<Record<OpClass, ClassTime>>, cls: OpClass, seconds: number, kernels: number): void {
  if (seconds === 0 && kernels === 0) return;
  const c = (byClass[cls] ??= { ms: 0, kernels: 0 });
  c.ms += seconds;
  c.kernels += kernels;
}

/**
 * How much of its datasheet peak each class of device reaches, and what each kernel costs to
 * launch: the constants of the roofline estimate, with the public measurements behind them.
 * Per op class, a factor on those figures (a depthwise conv reaches less of the peak than a
 * GEMM), and the fusion the runtimes of that class of device do at load time. Every one can be
 * overridden per device (see docs/roofline.md, "Calibrating a device").
 */
import type { Device, DeviceClass, Precision } from './catalog.js';
import type { DeviceModel } from './roofline.js';
import type { CacheFigures, ClassFigures, Fusion, OpClass } from './op-class.js';

/**
 * An op class's default figures as factors on the device-wide ones, so that a device whose
 * compute efficiency or overhead is overridden (calibrated) keeps the classes' relative speeds:
 * class efficiency = min(1, factor x device compute efficiency), class overhead = factor x device
 * overhead. A per-class figure given for the device replaces the default.
 */
export interface ClassDefault {
  computeFactor?: number;
  overheadFactor?: number;
  basis: string;
}

export interface Efficiency {
  compute: number;
  memory: number;
  /** Seconds per kernel. */
  overhead: number;
  basis: string;
  /** What the runtimes of this class of device fuse at load time. */
  fusion: Fusion;
  fusionBasis: string;
  /** Per op class factors; a class not listed runs at the device-wide figures. */
  classes: Partial<Record<OpClass, ClassDefault>>;
}

/**
 * The issue-12 measurement every CPU factor comes from: onnxruntime-node 1.30 (optimisation all,
 * 2 threads) on a 2-vCPU AMD EPYC (Zen 3, 156.8 GFLOP/s fp32 peak), 33 models, estimate /
 * measured time-weighted per op class (docs/roofline.md says more).
 */
const ORT_EPYC = 'onnxruntime 1.30 on a 2-vCPU EPYC Zen 3, 33 models (issue 12)';

const FUSION_BASIS =
  'ONNX Runtime (graph optimisation on by default: Conv+BatchNorm, Conv/MatMul+activation, MatMul+Add into Gemm), TensorRT (layer fusion at engine build), ' +
  'TFLite (the converter folds BatchNorm and fuses activations) and Core ML all fold element-wise epilogues into the preceding conv / matmul when they load a model';

/** GPU-like devices: the same relative factors on each class's device-wide figure. */
const GPU_CLASSES: Partial<Record<OpClass, ClassDefault>> = {
  depthwise: {
    computeFactor: 0.25,
    basis: 'assumption: one input channel per filter leaves tensor cores idle and the kernel memory-bound; set well below GEMM, calibrate',
  },
  grouped: { computeFactor: 0.5, basis: 'assumption: small per-group GEMMs under-fill the device; calibrate' },
  normalization: {
    computeFactor: 0.4,
    basis: 'assumption: row reductions (mean, variance) before the element-wise pass; calibrate',
  },
  recurrent: {
    computeFactor: 0.35,
    basis: 'assumption: batch-1 matrix-vector products per time step, each step a launch (overhead per step = the device figure); calibrate',
  },
};

/** CPUs: factors from the issue-12 measurements (ORT's MLAS kernels; assumed to carry over to ARM NEON builds). */
const CPU_CLASSES: Partial<Record<OpClass, ClassDefault>> = {
  gemm: { computeFactor: 1.34, basis: `a 2048³ fp32 GEMM in onnxruntime reaches 0.67 of peak = 1.34 × the device-wide 0.5; ${ORT_EPYC}` },
  depthwise: { computeFactor: 0.85, basis: `depthwise conv ran at 0.85 of its estimate (0.10 with graph optimisation off); ${ORT_EPYC}` },
  grouped: { computeFactor: 0.35, basis: `grouped conv ran at 0.35 of its estimate; ${ORT_EPYC}` },
  recurrent: {
    computeFactor: 0.4,
    basis: `LSTM ran at 0.42 and GRU at 0.19 of an estimate that read the weights once (a 98-step GRU: 710 µs measured, 7.2 µs per step); with the weights now re-read per step, the LSTM ratio is kept for the step's matrix-vector work; ${ORT_EPYC}`,
  },
  normalization: {
    computeFactor: 0.07,
    basis: `LayerNormalization ran at 0.51 of its DRAM-bound estimate: at ~8.5 FLOPs per fp32 element (8 bytes moved) it takes twice that time when it runs at 0.035 of peak (0.07 × 0.5); ${ORT_EPYC}`,
  },
};

export const CLASS_EFFICIENCY: Record<DeviceClass, Efficiency> = {
  'datacenter-gpu': {
    compute: 0.8,
    memory: 0.9,
    overhead: 4e-6,
    basis:
      'best-shape BF16 GEMM reaches 80.3% of dense peak on H100 SXM and 86.9% on A100 SXM (stas00/ml-engineering MAMF table); ' +
      'streaming kernels reach 85-97% of spec bandwidth (te42kyfo/gpu-benches gpu-stream: A100 89%, H100 PCIe 85-97%, L40 89%); ' +
      'a launch costs 2.4-2.6 us device-side back to back (gpu-small-kernels) to ~5 us from the host (CUDAdrv.jl #15): 4 us',
    fusion: 'standard',
    fusionBasis: FUSION_BASIS,
    classes: GPU_CLASSES,
  },
  'consumer-gpu': {
    compute: 0.75,
    memory: 0.88,
    overhead: 4e-6,
    basis: 'as datacenter GPUs, a little lower for GeForce clocks under sustained load; gpu-stream on L40 (the RTX 4090 die) 89% of spec bandwidth',
    fusion: 'standard',
    fusionBasis: FUSION_BASIS,
    classes: GPU_CLASSES,
  },
  'edge-gpu': {
    compute: 0.6,
    memory: 0.75,
    overhead: 10e-6,
    basis:
      'assumption: shared LPDDR and a mobile CPU issuing kernels; no public GEMM/stream table was found for Jetson, so these are set below the datacenter figures and meant to be calibrated',
    fusion: 'standard',
    fusionBasis: FUSION_BASIS,
    classes: GPU_CLASSES,
  },
  'apple-soc': {
    compute: 0.6,
    memory: 0.8,
    overhead: 8e-6,
    basis: 'assumption: unified memory GPU; calibrate with a measured latency',
    fusion: 'standard',
    fusionBasis: FUSION_BASIS,
    classes: GPU_CLASSES,
  },
  cpu: {
    compute: 0.5,
    memory: 0.7,
    overhead: 6e-6,
    basis:
      'HPL (near-best dense code) reaches 41% (Pi 4) and 39-46% (Pi 5, 30.2-35.2 GFLOPS across README versions) of the derived FP64 peak on Raspberry Pi (geerlingguy/top500-benchmark); inference kernels do no better; ' +
      'STREAM-like bandwidth on desktop DDR typically 70-80% of spec; per-node dispatch in onnxruntime (2 threads): kernels estimated under 20 us took a median 7.5 us against 1.7 us estimated with 1 us of overhead, so about 6 us (issue 12)',
    fusion: 'standard',
    fusionBasis: FUSION_BASIS,
    classes: CPU_CLASSES,
  },
  'sbc-cpu': {
    compute: 0.4,
    memory: 0.6,
    overhead: 9e-6,
    basis:
      'HPL on Raspberry Pi 4 reaches 41%, Pi 5 39-46% of derived peak (geerlingguy/top500-benchmark); a narrow LPDDR bus is shared with the OS; ' +
      'per-node overhead: the 6 us measured on a desktop-class x64 core scaled by 1.5 for a 2.4 GHz Cortex-A76 (assumption)',
    fusion: 'standard',
    fusionBasis: FUSION_BASIS,
    classes: CPU_CLASSES,
  },
  npu: {
    compute: 0.5,
    memory: 0.8,
    overhead: 10e-6,
    basis: 'assumption: fixed-function int8 accelerators fed over a host link; calibrate with a measured latency',
    fusion: 'standard',
    fusionBasis: 'vendor compilers (Edge TPU compiler, Hailo Dataflow Compiler) map conv + activation + BatchNorm to one layer',
    classes: {},
  },
};

export interface DeviceOverrides {
  computeEfficiency?: number;
  memoryEfficiency?: number;
  /** Seconds per kernel. */
  kernelOverhead?: number;
  /** Seconds per inference call, beyond its kernels. */
  runOverhead?: number;
  /** Seconds the first multi-threaded kernel of a pass costs to wake the worker threads. */
  threadWake?: number;
  /** Channels per block of ONNX Runtime's NCHWc layout (8 with AVX2, 16 with AVX-512). */
  nchwcBlock?: number;
  /** Per op class figures, each overriding the class default. */
  classes?: Partial<Record<OpClass, ClassFigures>>;
  cache?: CacheFigures;
  fusion?: Fusion;
}

/** The device's per-class figures: the class defaults (as factors on the device-wide figures), each overridden by the device's own. */
export function classFigures(
  defaults: Partial<Record<OpClass, ClassDefault>>,
  compute: number,
  overhead: number,
  own: Partial<Record<OpClass, ClassFigures>> = {},
): Partial<Record<OpClass, ClassFigures>> {
  const out: Partial<Record<OpClass, ClassFigures>> = {};
  for (const [c, d] of Object.entries(defaults) as [OpClass, ClassDefault][]) {
    const f: ClassFigures = {};
    if (d.computeFactor !== undefined) f.computeEfficiency = Math.min(1, d.computeFactor * compute);
    if (d.overheadFactor !== undefined) f.kernelOverhead = d.overheadFactor * overhead;
    out[c] = f;
  }
  for (const [c, f] of Object.entries(own) as [OpClass, ClassFigures | undefined][]) {
    if (!f) continue;
    const merged: ClassFigures = { ...out[c] };
    if (f.computeEfficiency !== undefined) merged.computeEfficiency = f.computeEfficiency;
    if (f.memoryEfficiency !== undefined) merged.memoryEfficiency = f.memoryEfficiency;
    if (f.kernelOverhead !== undefined) merged.kernelOverhead = f.kernelOverhead;
    out[c] = merged;
  }
  return out;
}

/** The roofline view of a catalog (or custom) device, with its class's efficiencies, op-class factors, cache and fusion unless overridden. */
export function deviceModel(device: Device, overrides: DeviceOverrides = {}): DeviceModel {
  const e = CLASS_EFFICIENCY[device.class];
  const peak: Partial<Record<Precision, number>> = {};
  for (const [p, f] of Object.entries(device.peak)) if (f) peak[p as Precision] = f.value;
  const computeEfficiency = overrides.computeEfficiency ?? e.compute;
  const kernelOverhead = overrides.kernelOverhead ?? e.overhead;
  const cache = overrides.cache ?? (device.cache ? { bytes: device.cache.size.value, bandwidth: device.cache.bandwidth.value } : undefined);
  return {
    id: device.id,
    name: device.name,
    peak,
    bandwidth: device.bandwidth.value,
    computeEfficiency,
    memoryEfficiency: overrides.memoryEfficiency ?? e.memory,
    kernelOverhead,
    classes: classFigures(e.classes, computeEfficiency, kernelOverhead, overrides.classes),
    ...(cache ? { cache } : {}),
    fusion: overrides.fusion ?? e.fusion,
    ...(overrides.runOverhead ? { runOverhead: overrides.runOverhead } : {}),
    ...(overrides.threadWake ? { threadWake: overrides.threadWake } : {}),
    ...(overrides.nchwcBlock ? { nchwcBlock: overrides.nchwcBlock } : {}),
  };
}

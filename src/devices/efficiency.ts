/**
 * How much of its datasheet peak each class of device reaches, and what each kernel costs to
 * launch: the constants of the roofline estimate, with the public measurements behind them.
 * Every one can be overridden per device (see docs/roofline.md, "Calibrating a device").
 */
import type { Device, DeviceClass, Precision } from './catalog.js';
import type { DeviceModel } from './roofline.js';
import type { CacheFigures, ClassFigures, Fusion, OpClass } from './op-class.js';

export interface Efficiency {
  compute: number;
  memory: number;
  /** Seconds per kernel. */
  overhead: number;
  basis: string;
}

export const CLASS_EFFICIENCY: Record<DeviceClass, Efficiency> = {
  'datacenter-gpu': {
    compute: 0.8,
    memory: 0.9,
    overhead: 4e-6,
    basis:
      'best-shape BF16 GEMM reaches 80.3% of dense peak on H100 SXM and 86.9% on A100 SXM (stas00/ml-engineering MAMF table); ' +
      'streaming kernels reach 85-97% of spec bandwidth (te42kyfo/gpu-benches gpu-stream: A100 89%, H100 PCIe 85-97%, L40 89%); ' +
      'a launch costs 2.4-2.6 us device-side back to back (gpu-small-kernels) to ~5 us from the host (CUDAdrv.jl #15): 4 us',
  },
  'consumer-gpu': {
    compute: 0.75,
    memory: 0.88,
    overhead: 4e-6,
    basis: 'as datacenter GPUs, a little lower for GeForce clocks under sustained load; gpu-stream on L40 (the RTX 4090 die) 89% of spec bandwidth',
  },
  'edge-gpu': {
    compute: 0.6,
    memory: 0.75,
    overhead: 10e-6,
    basis:
      'assumption: shared LPDDR and a mobile CPU issuing kernels; no public GEMM/stream table was found for Jetson, so these are set below the datacenter figures and meant to be calibrated',
  },
  'apple-soc': {
    compute: 0.6,
    memory: 0.8,
    overhead: 8e-6,
    basis: 'assumption: unified memory GPU; calibrate with a measured latency',
  },
  cpu: {
    compute: 0.5,
    memory: 0.7,
    overhead: 1e-6,
    basis:
      'HPL (near-best dense code) reaches 41% (Pi 4) and 39-46% (Pi 5, 30.2-35.2 GFLOPS across README versions) of the derived FP64 peak on Raspberry Pi (geerlingguy/top500-benchmark); inference kernels do no better; ' +
      'STREAM-like bandwidth on desktop DDR typically 70-80% of spec; per-op dispatch in CPU runtimes is around a microsecond',
  },
  'sbc-cpu': {
    compute: 0.4,
    memory: 0.6,
    overhead: 2e-6,
    basis: 'HPL on Raspberry Pi 4 reaches 41%, Pi 5 39-46% of derived peak (geerlingguy/top500-benchmark); a narrow LPDDR bus is shared with the OS',
  },
  npu: {
    compute: 0.5,
    memory: 0.8,
    overhead: 10e-6,
    basis: 'assumption: fixed-function int8 accelerators fed over a host link; calibrate with a measured latency',
  },
};

export interface DeviceOverrides {
  computeEfficiency?: number;
  memoryEfficiency?: number;
  /** Seconds per kernel. */
  kernelOverhead?: number;
  /** Per op class figures, each overriding the class default. */
  classes?: Partial<Record<OpClass, ClassFigures>>;
  cache?: CacheFigures;
  fusion?: Fusion;
}

/** The roofline view of a catalog (or custom) device, with its class's efficiencies unless overridden. */
export function deviceModel(device: Device, overrides: DeviceOverrides = {}): DeviceModel {
  const e = CLASS_EFFICIENCY[device.class];
  const peak: Partial<Record<Precision, number>> = {};
  for (const [p, f] of Object.entries(device.peak)) if (f) peak[p as Precision] = f.value;
  return {
    id: device.id,
    name: device.name,
    peak,
    bandwidth: device.bandwidth.value,
    computeEfficiency: overrides.computeEfficiency ?? e.compute,
    memoryEfficiency: overrides.memoryEfficiency ?? e.memory,
    kernelOverhead: overrides.kernelOverhead ?? e.overhead,
    classes: { ...overrides.classes },
    ...(overrides.cache ? { cache: overrides.cache } : {}),
    fusion: overrides.fusion ?? 'none',
  };
}

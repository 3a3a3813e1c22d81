/**
 * Op classes: what kind of kernel a node runs, which sets how close to the device's peak it gets
 * and what it costs to launch. Each operator definition declares its class (src/ops); the
 * roofline (src/devices/roofline.ts) looks up per-class figures, and `calibrate` fits them.
 */

export const OP_CLASSES = [
  'gemm',
  'conv',
  'conv-1x1',
  'depthwise',
  'grouped',
  'conv-3d',
  'conv-transpose',
  'recurrent',
  'attention',
  'normalization',
  'elementwise',
  'reduction',
  'data-movement',
  'resample',
  'view',
  'shape',
] as const;

export type OpClass = (typeof OP_CLASSES)[number];

/**
 * How the runtime fuses kernels. `none`: every node is its own kernel. `standard`: what TensorRT,
 * TFLite and Core ML do when they build for fixed shapes: activations, bias adds,
 * BatchNormalization and element-wise epilogues fold into the preceding conv / gemm, and views
 * and shape arithmetic are free. `onnxruntime`: ONNX Runtime's CPU provider at its default graph
 * optimisation: epilogues fold into convolutions and 2-D Gemms; after a batched MatMul (rank > 2:
 * a transformer's projections) they run as one element-wise kernel of their own; and, in a model
 * with symbolic dims, shape arithmetic and views that depend on the inputs run at every pass.
 */
export const FUSIONS = ['none', 'standard', 'onnxruntime'] as const;
export type Fusion = (typeof FUSIONS)[number];

/** Per op class figures; a missing one falls back to the device-wide figure. */
export interface ClassFigures {
  /** Share of peak this class of kernel reaches (0..1]. */
  computeEfficiency?: number;
  /** Seconds added per kernel of this class. */
  kernelOverhead?: number;
  /**
   * Share of the memory bandwidth this class of kernel reaches when it streams from memory
   * (0..1]; absent: the device-wide figure. Kernels differ: a matrix-vector product streams its
   * weights read-only and in order, while an element-wise kernel writes as much as it reads (on
   * CPUs each written line is first read: write-allocate).
   */
  memoryEfficiency?: number;
}

/** The last-level cache: a node whose working set fits in `bytes` moves it at `bandwidth`. */
export interface CacheFigures {
  bytes: number;
  /** Bytes per second. */
  bandwidth: number;
}

/**
 * Hints a cost rule gives the roofline about the kernel's real memory behaviour, beyond the
 * node's tensor bytes (which stay the memory-traffic metric).
 */
export interface TimingHints {
  /** Bytes the kernel actually moves when less than its tensors (Gather reads only the rows it indexes). */
  bytes?: number;
  /** Sequential steps of a recurrent kernel (the time steps, times directions). */
  steps?: number;
  /** Bytes re-read at every step (the recurrent weights). */
  stepBytes?: number;
  /** FLOPs done at every step (the recurrent matmuls and gates); the rest of the node's FLOPs run once. */
  stepFlops?: number;
}

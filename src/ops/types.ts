/**
 * The contract every operator family implements: a shape rule and a cost rule, side by side.
 * Rules are pure functions of the node, its attributes and what is known of its inputs.
 */
import type { Dim, Graph, Node, TensorData, ValueType, Attr } from '../graph/model.js';
import type { Info, TensorInfo } from '../graph/info.js';
import type { OpClass, TimingHints } from '../devices/op-class.js';

/** Arithmetic cost of one node. bytes and params are counted by the driver, not here. */
export interface OpCost {
  /** Multiply-accumulates of the op's arithmetic core (one fused multiply-add = 1). */
  macs: number;
  /** Operations: 2 x MACs plus bias adds and per-element work, per the documented counts. */
  flops: number;
  /** The part of `macs` that is Conv / ConvTranspose / MatMul / Gemm / attention matmul. */
  coreMacs: number;
  /** Set when the cost is only a lower bound (a Loop whose trip count is unknown: one iteration). */
  partial?: true;
  /** Roofline hints (rows a Gather reads, recurrent steps); the roofline only. */
  timing?: TimingHints;
}

export const ZERO_COST: OpCost = Object.freeze({ macs: 0, flops: 0, coreMacs: 0 });

/** What a subgraph (If branch, Loop / Scan body) came to, for control-flow rules. */
export interface SubgraphResult {
  outputs: (Info | null)[];
  /** Summed cost of one execution of the body; null when some node's cost is unknown. */
  cost: OpCost;
}

export interface InferCtx {
  readonly node: Node;
  /** Opset version in force for the node's domain. */
  readonly opset: number;
  /** One per node input; undefined for an omitted optional input or a value nothing is known of. */
  readonly inputs: readonly (Info | undefined)[];
  readonly attrs: Attrs;
  /** Input i when it is a tensor, else undefined. */
  input(i: number): TensorInfo | undefined;
  /** True when input i is present (named) in the node, whether or not anything is known of it. */
  has(i: number): boolean;
  /** A notice for the report (the driver adds the node name). */
  warn(message: string): void;
  /** Infer a subgraph with the given input infos; the enclosing scopes' values are visible. */
  subgraph(graph: Graph, inputs: readonly (Info | null)[]): SubgraphResult;
  /**
   * Only in an upper-bound run (see src/analysis/infer.ts): a fresh dim for a data-dependent size
   * known to be at most the product of `dims` (numbers or dims this returned); null when that
   * product is not known. Undefined in an ordinary run, where such a dim is null (unknown).
   */
  upTo?(dims: readonly Dim[]): Dim;
  /**
   * Reserve `iterations` unrolled Loop iterations from the model's budget: false once it is
   * spent (the loop is then summarised: one body run times the trip count). Absent: always true.
   */
  tryUnroll?(iterations: number): boolean;
}

export interface CostCtx extends InferCtx {
  readonly outputs: readonly (Info | null)[];
  /** Output i when it is a tensor, else undefined. */
  output(i: number): TensorInfo | undefined;
}

export interface OpDef {
  opType: string;
  /** '' for the default ONNX domain. */
  domain?: string;
  /**
   * Shape and dtype rule. Returns one entry per output it knows something about; a missing or
   * null entry is "unknown". It must never throw for missing information.
   */
  infer(ctx: InferCtx): (Info | null | undefined)[];
  /** Cost rule; returns null when the shapes it needs are unknown. */
  cost(ctx: CostCtx): OpCost | null;
  /**
   * The kind of kernel it runs (src/devices/op-class.ts), which picks the roofline's per-class
   * efficiency and overhead; a function when it depends on the node (Conv: 1x1, depthwise,
   * grouped). A function sees what the shape rule saw and should never throw (if it does, the
   * node is 'elementwise' with a warning, as a failing rule's outputs are unknown).
   */
  opClass: OpClass | ((ctx: InferCtx) => OpClass);
  /**
   * For attention operators that carry a KV cache themselves (com.microsoft GroupQueryAttention,
   * MultiHeadAttention, ai.onnx Attention 23, ...): which input slots hold the past keys / values
   * and which output slots the present ones. src/analysis/kv-cache.ts reads it to find the cache
   * by structure. Absent: the operator has no cache slots.
   */
  cacheSlots?: { readonly past: readonly number[]; readonly present: readonly number[] };
  /**
   * Input slots whose int32 constants are weights (a quantized op's bias: TFLite CONV_2D input 2).
   * Other int32 constants are shapes, axes or indices and are not params. Absent: none.
   */
  int32Weights?: readonly number[];
}

/** Typed access to a node's attributes, with defaults. */
export class Attrs {
  constructor(private readonly map: Map<string, Attr>) {}

  has(name: string): boolean {
    return this.map.has(name);
  }

  get raw(): Map<string, Attr> {
    return this.map;
  }

  int(name: string): number | undefined;
  int(name: string, fallback: number): number;
  int(name: string, fallback?: number): number | undefined {
    const a = this.map.get(name);
    if (a?.type === 'int') return a.value;
    if (a?.type === 'float') return Math.trunc(a.value);
    return fallback;
  }

  float(name: string): number | undefined;
  float(name: string, fallback: number): number;
  float(name: string, fallback?: number): number | undefined {
    const a = this.map.get(name);
    if (a?.type === 'float' || a?.type === 'int') return a.value;
    return fallback;
  }

  string(name: string): string | undefined;
  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined {
    const a = this.map.get(name);
    return a?.type === 'string' ? a.value : fallback;
  }

  ints(name: string): number[] | undefined {
    const a = this.map.get(name);
    if (a?.type === 'ints') return a.value;
    if (a?.type === 'int') return [a.value];
    return undefined;
  }

  floats(name: string): number[] | undefined {
    const a = this.map.get(name);
    if (a?.type === 'floats') return a.value;
    if (a?.type === 'float') return [a.value];
    return undefined;
  }

  strings(name: string): string[] | undefined {
    const a = this.map.get(name);
    if (a?.type === 'strings') return a.value;
    if (a?.type === 'string') return [a.value];
    return undefined;
  }

  tensor(name: string): TensorData | undefined {
    const a = this.map.get(name);
    return a?.type === 'tensor' ? a.value : undefined;
  }

  graph(name: string): Graph | undefined {
    const a = this.map.get(name);
    return a?.type === 'graph' ? a.value : undefined;
  }

  typeProto(name: string): ValueType | null | undefined {
    const a = this.map.get(name);
    return a?.type === 'type_proto' ? a.value : undefined;
  }
}

/** All elements known as numbers (no symbols, no unknowns), else null. */
export function knownInts(info: Info | undefined | null): number[] | null {
  if (!info || info.kind !== 'tensor' || !info.value) return null;
  const v = info.value;
  for (const x of v) if (typeof x !== 'number') return null;
  return v as number[];
}

/** Elements as dims (numbers, symbols or null), when the tensor's value is tracked. */
export function dimValues(info: Info | undefined | null): Dim[] | null {
  if (!info || info.kind !== 'tensor' || !info.value) return null;
  return info.value;
}

/**
 * Per-model figures from per-node results: totals, a breakdown by operator type, and peak
 * activation memory from tensor lifetimes over the schedule the driver ran.
 */
import { opLabel } from '../graph/model.js';
import type { Info } from '../graph/info.js';
import type { InferResult, NodeResult } from './infer.js';
import { infoBytes } from './infer.js';
import { byteSize } from '../graph/dtype.js';
import type { OpCost } from '../ops/types.js';

export interface Totals {
  params: number;
  weightBytes: number;
  macs: number;
  coreMacs: number;
  flops: number;
  /** Unfused sum over nodes of bytes read + bytes written. */
  memoryAccessBytes: number;
  /** Largest sum of live activation tensors (graph inputs included, weights excluded). */
  peakActivationBytes: number;
  /** Nodes whose cost or bytes could not be computed (unknown shapes; a Loop with an unknown trip count): totals are lower bounds. */
  incompleteNodes: number;
  /** The first few (5) of those nodes' names (op type when unnamed). */
  incompleteNodeNames: string[];
  /** The fields above that are lower bounds (some node's part unknown), e.g. ['macs', 'flops']. */
  lowerBound: string[];
  /**
   * Bytes of the KV cache the step leaves (the present key / value tensors a decoder returns),
   * present only when a cache is recognised (src/analysis/kv-cache.ts); a lower bound, or
   * absent, when their shapes are unknown.
   */
  kvCacheBytes?: number;
  /**
   * For lower-bound fields: a static upper bound, present only when every node missing from the
   * figure has one (data-dependent sizes at their maximum: NonZero, TopK, Compress, Unique, ...).
   */
  upperBound?: Partial<Record<BoundedField, number>>;
}

export const BOUNDED_FIELDS = ['macs', 'coreMacs', 'flops', 'memoryAccessBytes', 'peakActivationBytes'] as const;
export type BoundedField = (typeof BOUNDED_FIELDS)[number];

export interface OpTypeTotals {
  count: number;
  params: number;
  macs: number;
  flops: number;
  bytes: number;
}

export function totals(result: InferResult): Totals {
  let params = 0;
  let weightBytes = 0;
  for (const w of result.weights.values()) {
    params += w.elements;
    weightBytes += w.bytes;
  }
  let macs = 0;
  let coreMacs = 0;
  let flops = 0;
  let memoryAccessBytes = 0;
  let incompleteNodes = 0;
  const incompleteNodeNames: string[] = [];
  const lower = new Set<BoundedField>();
  for (const n of result.nodes) {
    if (n.cost) {
      macs += n.cost.macs;
      coreMacs += n.cost.coreMacs;
      flops += n.cost.flops;
    }
    if (!n.cost || n.cost.partial) for (const f of ['macs', 'coreMacs', 'flops'] as const) lower.add(f);
    memoryAccessBytes += (n.bytesRead ?? 0) + (n.bytesWritten ?? 0);
    if (n.bytesRead === null || n.bytesWritten === null) lower.add('memoryAccessBytes');
    if (!n.cost || n.cost.partial || n.bytesRead === null || n.bytesWritten === null) {
      incompleteNodes++;
      if (incompleteNodeNames.length < 5) incompleteNodeNames.push(n.name || n.opType);
    }
  }
  const peak = peakActivation(result, (info) => (info ? infoBytes(info) : null));
  if (peak.unknown) lower.add('peakActivationBytes');
  const out: Totals = {
    params,
    weightBytes,
    macs,
    coreMacs,
    flops,
    memoryAccessBytes,
    peakActivationBytes: peak.bytes,
    incompleteNodes,
    incompleteNodeNames,
    lowerBound: BOUNDED_FIELDS.filter((f) => lower.has(f)),
  };
  const upper = upperBounds(result, lower);
  if (upper) out.upperBound = upper;
  return out;
}

/**
 * Each node's figures for an upper bound: its own when known; else the upper-bound run's, where
 * that run knows the node completely (every shape a number) or costed it at the maxima.
 */
export function nodeUpper(result: InferResult, i: number): { cost: OpCost | null; bytes: number | null } {
  const n = result.nodes[i];
  const u = result.upper?.result.nodes[i];
  const known = (x: NodeResult) => x.bytesRead !== null && x.bytesWritten !== null;
  const exact = (c: OpCost | null | undefined) => (c && !c.partial ? c : null);
  const whole = u && exact(u.cost) && known(u) ? u : undefined;
  const cost = exact(n.cost) ?? exact(u?.upper?.cost) ?? exact(whole?.cost) ?? null;
  const bytes = known(n)
    ? n.bytesRead! + n.bytesWritten!
    : u?.upper
      ? u.upper.bytesRead + u.upper.bytesWritten
      : whole
        ? whole.bytesRead! + whole.bytesWritten!
        : null;
  return { cost, bytes };
}

function upperBounds(result: InferResult, lower: Set<BoundedField>): Partial<Record<BoundedField, number>> | null {
  if (lower.size === 0 || !result.upper) return null;
  const out: Partial<Record<BoundedField, number>> = {};
  let macs: number | null = 0;
  let coreMacs: number | null = 0;
  let flops: number | null = 0;
  let bytes: number | null = 0;
  result.nodes.forEach((_, i) => {
    const u = nodeUpper(result, i);
    if (u.cost && macs !== null && coreMacs !== null && flops !== null) {
      macs += u.cost.macs;
      coreMacs += u.cost.coreMacs;
      flops += u.cost.flops;
    } else macs = coreMacs = flops = null;
    bytes = u.bytes === null || bytes === null ? null : bytes + u.bytes;
  });
  const sums: Record<BoundedField, number | null> = { macs, coreMacs, flops, memoryAccessBytes: bytes, peakActivationBytes: null };
  if (lower.has('peakActivationBytes')) {
    const { result: run, maxOf } = result.upper;
    const sizeAtMax = (info: Info | null): number | null => {
      if (!info) return null;
      if (info.kind !== 'tensor') return infoBytes(info);
      if (!info.shape || info.dtype === null) return null;
      let n = 1;
      for (const d of info.shape) {
        const m = maxOf(d);
        if (m === null) return null;
        n *= m;
      }
      return byteSize(info.dtype, n);
    };
    const peak = peakActivation(run, sizeAtMax);
    sums.peakActivationBytes = peak.unknown ? null : peak.bytes;
  }
  for (const f of BOUNDED_FIELDS) if (lower.has(f) && sums[f] !== null) out[f] = sums[f]!;
  return Object.keys(out).length ? out : null;
}

export function byOpType(nodes: readonly NodeResult[]): Record<string, OpTypeTotals> {
  // Operator names come from the file: no prototype, so `__proto__` / `constructor` are ordinary keys.
  const out = Object.create(null) as Record<string, OpTypeTotals>;
  for (const n of nodes) {
    const key = opLabel(n.domain, n.opType);
    const t = (out[key] ??= { count: 0, params: 0, macs: 0, flops: 0, bytes: 0 });
    t.count++;
    t.params += n.params;
    t.macs += n.cost?.macs ?? 0;
    t.flops += n.cost?.flops ?? 0;
    t.bytes += (n.bytesRead ?? 0) + (n.bytesWritten ?? 0);
  }
  return out;
}

/**
 * Peak activation memory: a tensor is live from the step that produces it (graph inputs: from
 * the start) to the last step that reads it (graph outputs: to the end). At each step the
 * node's inputs and outputs are live together. Weights (initializers and weight constants)
 * are reported apart and not counted here.
 */
export function peakActivationBytes(result: InferResult): number {
  return peakActivation(result, (info) => (info ? infoBytes(info) : null)).bytes;
}

/**
 * The peak of live activations leaving the named tensors out (a decoder's KV cache: its past
 * inputs and present outputs); `unknown` when some other tensor's size is not known.
 */
export function peakActivationExcluding(result: InferResult, names: ReadonlySet<string>): { bytes: number; unknown: boolean } {
  return peakActivation(result, (info) => (info ? infoBytes(info) : null), names);
}

/** The peak with tensor sizes from `sizeOf`; `unknown` when some size is not known (counted as 0). */
function peakActivation(
  result: InferResult,
  sizeOfInfo: (info: Info | null) => number | null,
  excluded?: ReadonlySet<string>,
): { bytes: number; unknown: boolean } {
  const steps = result.nodes.length;
  const nodes = result.nodes;
  // Per slot (a name of the top-level graph: src/analysis/infer.ts ValueSlots) its size, birth and
  // last use; born -1 for a slot not counted (weights, initializers, excluded names).
  const { count, values, inputs: inputSlots, outputs: outputSlots } = result.slots;
  const size = new Float64Array(count);
  const born = new Int32Array(count).fill(-1);
  const lastUse = new Int32Array(count);
  let unknown = false;
  const add = (k: number, info: Info | null, step: number) => {
    let b = sizeOfInfo(info);
    if (b === null) {
      unknown = true;
      b = 0;
    }
    size[k] = b;
    born[k] = step;
    lastUse[k] = step;
  };
  for (let i = 0; i < result.inputs.length; i++) {
    const inp = result.inputs[i];
    if (excluded?.has(inp.name)) continue;
    add(inputSlots[i], inp.info, 0);
  }
  const weights = result.weights;
  let at = 0;
  for (let step = 0; step < nodes.length; step++) {
    const n = nodes[step];
    // Slots and infos read straight from the run (no ValueRef per value, no lookup by name).
    const ins = n.inputNames;
    for (let j = 0; j < ins.length; j++) {
      const k = values[at + j];
      if (k >= 0 && born[k] >= 0) lastUse[k] = step;
    }
    const outs = n.outputNames;
    if (!isConstantOutput(n)) {
      for (let j = 0; j < outs.length; j++) {
        const name = outs[j];
        if (!name || weights.has(name) || excluded?.has(name)) continue;
        add(values[at + ins.length + j], n.valueInfo(ins.length + j), step);
      }
    }
    at += ins.length + outs.length;
  }
  for (const k of outputSlots) if (k >= 0 && born[k] >= 0) lastUse[k] = steps;
  // Sweep: +size at birth, -size after last use.
  const delta = new Float64Array(steps + 2);
  for (let k = 0; k < count; k++) {
    if (born[k] < 0) continue;
    delta[born[k]] += size[k];
    delta[lastUse[k] + 1] -= size[k];
  }
  let live = 0;
  let peak = 0;
  for (let i = 0; i <= steps; i++) {
    live += delta[i];
    if (live > peak) peak = live;
  }
  return { bytes: peak, unknown };
}

function isConstantOutput(n: NodeResult): boolean {
  return n.opType === 'Constant' && n.domain === '';
}

/**
 * Per-model figures from per-node results: totals, a breakdown by operator type, and peak
 * activation memory from tensor lifetimes over the schedule the driver ran.
 */
import type { Info } from '../graph/info.js';
import type { InferResult, NodeResult } from './infer.js';
import { infoBytes } from './infer.js';

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
  /** Nodes whose cost or bytes could not be computed (unknown shapes): totals are lower bounds. */
  incompleteNodes: number;
}

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
  for (const n of result.nodes) {
    if (n.cost) {
      macs += n.cost.macs;
      coreMacs += n.cost.coreMacs;
      flops += n.cost.flops;
    }
    memoryAccessBytes += (n.bytesRead ?? 0) + (n.bytesWritten ?? 0);
    if (!n.cost || n.bytesRead === null || n.bytesWritten === null) incompleteNodes++;
  }
  return {
    params,
    weightBytes,
    macs,
    coreMacs,
    flops,
    memoryAccessBytes,
    peakActivationBytes: peakActivationBytes(result),
    incompleteNodes,
  };
}

export function byOpType(nodes: readonly NodeResult[]): Record<string, OpTypeTotals> {
  // Operator names come from the file: no prototype, so `__proto__` / `constructor` are ordinary keys.
  const out = Object.create(null) as Record<string, OpTypeTotals>;
  for (const n of nodes) {
    const key = n.domain ? `${n.domain}:${n.opType}` : n.opType;
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
  const steps = result.nodes.length;
  const size = new Map<string, number>();
  const born = new Map<string, number>();
  const lastUse = new Map<string, number>();
  const sizeOf = (info: Info | null) => (info ? (infoBytes(info) ?? 0) : 0);
  for (const inp of result.inputs) {
    size.set(inp.name, sizeOf(inp.info));
    born.set(inp.name, 0);
    lastUse.set(inp.name, 0);
  }
  result.nodes.forEach((n, step) => {
    for (const i of n.inputs) if (i.name && born.has(i.name)) lastUse.set(i.name, step);
    for (const o of n.outputs) {
      if (!o.name || result.weights.has(o.name) || isConstantOutput(n)) continue;
      size.set(o.name, sizeOf(o.info));
      born.set(o.name, step);
      lastUse.set(o.name, step);
    }
  });
  for (const o of result.outputs) if (born.has(o.name)) lastUse.set(o.name, steps);
  // Sweep: +size at birth, -size after last use.
  const delta = new Array<number>(steps + 2).fill(0);
  for (const [name, b] of born) {
    const s = size.get(name) ?? 0;
    delta[b] += s;
    delta[(lastUse.get(name) ?? b) + 1] -= s;
  }
  let live = 0;
  let peak = 0;
  for (let i = 0; i <= steps; i++) {
    live += delta[i];
    if (live > peak) peak = live;
  }
  return peak;
}

function isConstantOutput(n: NodeResult): boolean {
  return n.opType === 'Constant' && n.domain === '';
}

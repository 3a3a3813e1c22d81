/**
 * Diffing two analyses of the same models (base vs head): totals, per-device latency, and node
 * by node where names match, so a reviewer sees which layers added the cost.
 */
import type { AnalyzeReport, ModelReport, NodeEntry } from './model-report.js';

export const COMPARED_TOTALS = ['params', 'weightBytes', 'macs', 'coreMacs', 'flops', 'memoryAccessBytes', 'peakActivationBytes'] as const;
export type TotalKey = (typeof COMPARED_TOTALS)[number];

export interface Change {
  base: number | null;
  head: number | null;
  /** head - base, null when either side is missing. */
  delta: number | null;
  /** delta / base in percent; null when base is 0 or missing. */
  percent: number | null;
}

export interface NodeChange {
  name: string;
  opType: string;
  status: 'changed' | 'added' | 'removed';
  flops: Change;
  params: Change;
  macs: Change;
}

export interface ModelComparison {
  path: string;
  status: 'changed' | 'unchanged' | 'added' | 'removed';
  totals: Record<TotalKey, Change>;
  latency: Record<string, Change>;
  /** Nodes whose cost changed, added or removed, largest |FLOPs change| first. */
  nodes: NodeChange[];
}

export interface Comparison {
  schemaVersion: 1;
  models: ModelComparison[];
}

export function change(base: number | null | undefined, head: number | null | undefined): Change {
  const b = base ?? null;
  const h = head ?? null;
  const delta = b === null || h === null ? null : h - b;
  const percent = delta === null || b === null || b === 0 ? null : (100 * delta) / b;
  return { base: b, head: h, delta, percent };
}

function nodeKey(n: NodeEntry, i: number): string {
  return n.name || `#${i}:${n.opType}`;
}

export function compareNodes(base: readonly NodeEntry[], head: readonly NodeEntry[]): NodeChange[] {
  const baseBy = new Map(base.map((n, i) => [nodeKey(n, i), n]));
  const headBy = new Map(head.map((n, i) => [nodeKey(n, i), n]));
  const out: NodeChange[] = [];
  const entry = (name: string, b: NodeEntry | undefined, h: NodeEntry | undefined): NodeChange => ({
    name,
    opType: (h ?? b)!.opType,
    status: !b ? 'added' : !h ? 'removed' : 'changed',
    flops: change(b ? b.flops : 0, h ? h.flops : 0),
    params: change(b ? b.params : 0, h ? h.params : 0),
    macs: change(b ? b.macs : 0, h ? h.macs : 0),
  });
  for (const [name, h] of headBy) {
    const b = baseBy.get(name);
    if (!b) out.push(entry(name, undefined, h));
    else if (b.flops !== h.flops || b.params !== h.params || b.macs !== h.macs || b.opType !== h.opType) out.push(entry(name, b, h));
  }
  for (const [name, b] of baseBy) if (!headBy.has(name)) out.push(entry(name, b, undefined));
  const size = (c: NodeChange) => Math.abs(c.flops.delta ?? 0) + Math.abs(c.params.delta ?? 0);
  return out.sort((a, b) => size(b) - size(a) || a.name.localeCompare(b.name));
}

export function compareModel(path: string, base: ModelReport | undefined, head: ModelReport | undefined): ModelComparison {
  const totals = Object.fromEntries(COMPARED_TOTALS.map((k) => [k, change(base ? base.totals[k] : null, head ? head.totals[k] : null)])) as Record<
    TotalKey,
    Change
  >;
  const devices = new Set([...Object.keys(base?.latency ?? {}), ...Object.keys(head?.latency ?? {})]);
  const latency: Record<string, Change> = {};
  for (const d of devices) latency[d] = change(base?.latency?.[d]?.ms, head?.latency?.[d]?.ms);
  const nodes = base && head ? compareNodes(base.nodes, head.nodes) : [];
  const status = !base ? 'added' : !head ? 'removed' : nodes.length || Object.values(totals).some((c) => c.delta) ? 'changed' : 'unchanged';
  return { path, status, totals, latency, nodes };
}

/** A model path as one identity: POSIX separators, no `./`, no repeated slashes, `..` folded. */
export function modelIdentity(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(seg);
  }
  return (p.startsWith('/') ? '/' : '') + parts.join('/');
}

/**
 * Pair the models of two reports by path identity (`./models/x.onnx` is `models/x.onnx`), or by
 * an explicit pairing for renamed files (`[old, new]`, shown under the new path).
 */
export function compareReports(base: AnalyzeReport, head: AnalyzeReport, pairs: readonly (readonly [string, string])[] = []): Comparison {
  const rename = new Map(pairs.map(([o, n]) => [modelIdentity(o), modelIdentity(n)]));
  const baseBy = new Map(base.models.map((m) => [rename.get(modelIdentity(m.path)) ?? modelIdentity(m.path), m]));
  const headBy = new Map(head.models.map((m) => [modelIdentity(m.path), m]));
  const paths = [...new Set([...headBy.keys(), ...baseBy.keys()])];
  return { schemaVersion: 1, models: paths.map((p) => compareModel(p, baseBy.get(p), headBy.get(p))) };
}

/**
 * A model's phases (ModelReport.phases: prefill, decode, generate, any name a budgets file gives)
 * as the renderers show them: one row per phase with its dims, MACs, bytes moved, intensity, KV
 * cache, memory and tokens, and per device its latency, bound, tokens per second and time to first
 * token. Plain text: each renderer escapes what it prints (phase names, dim names and device ids
 * come from untrusted files). A saved report is untrusted too: a figure that is not a finite
 * number reads '?', never NaN.
 */
import type { Totals } from '../analysis/aggregate.js';
import { isLowerBound, lowerBoundText } from './bounds.js';
import { formatBytes, formatCount } from './format.js';
import type { ModelReport, PhaseLatency, PhaseReport } from './model-report.js';
import { siUnit } from './svg.js';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The model's phases in the file's order; none when it has none (or the field is not an object). */
export function phaseEntries(m: ModelReport): [string, PhaseReport][] {
  const p = m.phases;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return [];
  return Object.entries(p).filter((e): e is [string, PhaseReport] => !!e[1] && typeof e[1] === 'object' && !!e[1].totals);
}

/** The devices any phase has a latency on: the model's own device order first, then the others as met. */
export function phaseDevices(m: ModelReport, phases = phaseEntries(m)): string[] {
  const seen = new Set<string>();
  const with_ = new Set(phases.flatMap(([, p]) => Object.keys(p.latency && typeof p.latency === 'object' ? p.latency : {})));
  for (const id of Object.keys(m.latency ?? {})) if (with_.has(id)) seen.add(id);
  for (const id of with_) seen.add(id);
  return [...seen];
}

/** FLOPs per byte moved over the phase (null when either is unknown or no byte moves). */
export function phaseIntensity(t: Totals): number | null {
  if (!finite(t.flops) || !finite(t.memoryAccessBytes) || t.memoryAccessBytes <= 0) return null;
  return t.flops / t.memoryAccessBytes;
}

/** A figure, with `≥` when the phase's totals say it is a lower bound. */
function bounded(t: Totals, field: keyof Totals, v: unknown, format: (n: number) => string): string {
  if (!finite(v)) return '?';
  return isLowerBound(t, field) ? lowerBoundText(format(v)) : format(v);
}

export interface PhaseCells {
  /** `batch=1, sequence=512, past_sequence=0`. */
  dims: string;
  tokens: string;
  macs: string;
  bytes: string;
  intensity: string;
  kvCache: string;
  memory: string;
}

/** The static figures of a phase, formatted as the reports format them (plain text, unescaped). */
export function phaseCells(p: PhaseReport): PhaseCells {
  const t = p.totals;
  const dims = p.dims && typeof p.dims === 'object' ? Object.entries(p.dims) : [];
  const i = phaseIntensity(t);
  // A ratio of two figures one of which is a lower bound is neither bound: say it is approximate.
  const approx = isLowerBound(t, 'flops') || isLowerBound(t, 'memoryAccessBytes');
  return {
    dims: dims.map(([k, v]) => `${k}=${finite(v) ? String(v) : '?'}`).join(', '),
    tokens: finite(p.tokens) ? String(p.tokens) : '?',
    macs: bounded(t, 'macs', t.macs, (n) => formatCount(n)),
    bytes: bounded(t, 'memoryAccessBytes', t.memoryAccessBytes, formatBytes),
    intensity: i === null ? '?' : `${approx ? '~' : ''}${siUnit(i, 'FLOP/B')}`,
    kvCache: t.kvCacheBytes === undefined ? '–' : bounded(t, 'kvCacheBytes', t.kvCacheBytes, formatBytes),
    memory: finite(p.memoryBytes) ? formatBytes(p.memoryBytes) : '?',
  };
}

export interface LatencyCells {
  ms: string;
  bound: string;
  /** Tokens per second ('' when the phase has none: a prefill). */
  tokensPerSecond: string;
  /** Time to first token ('' when the phase has none: a decode step). */
  timeToFirstToken: string;
}

/** A phase's latency on one device, with `ms` written by `fmtMs` (each renderer its own way). */
export function latencyCells(l: PhaseLatency, fmtMs: (ms: number) => string): LatencyCells {
  return {
    ms: finite(l.ms) ? (l.lowerBound ? lowerBoundText(fmtMs(l.ms)) : fmtMs(l.ms)) : '?',
    bound: typeof l.bound === 'string' ? l.bound : '?',
    tokensPerSecond: l.tokensPerSecond === undefined ? '' : finite(l.tokensPerSecond) ? `${l.lowerBound ? '≤ ' : ''}${formatCount(l.tokensPerSecond)}` : '?',
    timeToFirstToken:
      l.timeToFirstTokenMs === undefined ? '' : finite(l.timeToFirstTokenMs) ? `${l.lowerBound ? '≥ ' : ''}${fmtMs(l.timeToFirstTokenMs)}` : '?',
  };
}

/** The phase's latency on a device, when it has one. */
export function phaseLatency(p: PhaseReport, device: string): PhaseLatency | undefined {
  const l = p.latency && typeof p.latency === 'object' ? p.latency[device] : undefined;
  return l && typeof l === 'object' ? l : undefined;
}

/**
 * The sentence under the table for a generate phase: what it ran, and how its figures add up.
 * Null for any other phase.
 */
export function generateNote(p: PhaseReport): string | null {
  const g = p.generate;
  if (!g || typeof g !== 'object') return null;
  const n = (v: unknown) => (finite(v) ? String(v) : '?');
  return (
    `a prompt of ${n(g.prompt)} tokens then ${n(g.tokens)} output tokens: a prefill and ${n(g.decodeSteps)} decode steps, each at its growing context; ` +
    'MACs, bytes and latency summed over the steps, KV cache and memory the largest step'
  );
}

/**
 * Phases of a model (pure): a report analysed at a phase's dims becomes its PhaseReport, and a
 * prefill plus decode-step reports become the `generate` phase, summed as serving benchmarks
 * report end to end. Also the rule that finds which symbolic dim is the new tokens' `sequence`,
 * the cache's `past` and their `total` (an attention mask's length), for generate's steps.
 */
import type { Totals } from '../analysis/aggregate.js';
import type { Dim } from '../graph/model.js';
import type { OpClass } from '../devices/op-class.js';
import { nodeClass } from '../devices/roofline.js';
import type { KvCacheInfo, ModelReport, PhaseLatency, PhaseReport } from './model-report.js';

/** A graph input as the file declares it (its shape with the symbols, before dims are bound). */
export interface DeclaredInput {
  name: string;
  dtype: string | null;
  shape: Dim[] | null;
}

/** The phase whose role the derived metrics use: tokens-per-second at decode, time-to-first-token at prefill. */
export const PREFILL = 'prefill';
export const DECODE = 'decode';
export const GENERATE = 'generate';

const INTEGER = new Set(['int64', 'int32', 'uint32', 'uint64', 'int16', 'uint16', 'int8', 'uint8']);

/** The token-ids input: the first integer graph input of rank 2 ([batch, sequence]). */
export function tokenIdsInput<T extends { dtype: string | null; shape: Dim[] | null }>(inputs: readonly T[]): T | undefined {
  return inputs.find((i) => i.dtype !== null && INTEGER.has(i.dtype) && i.shape !== null && i.shape.length === 2);
}

/** Tokens one run takes in: elements of the token-ids input (batch x sequence); null when unknown. */
export function runTokens(report: ModelReport): number | null {
  const ids = tokenIdsInput(report.graph.inputs);
  if (!ids?.shape) return null;
  let n = 1;
  for (const d of ids.shape) {
    if (typeof d !== 'number') return null;
    n *= d;
  }
  return n;
}

/** The model's memory at a phase: weights + KV cache + the other activations' peak (else the whole activation peak). */
export function phaseMemoryBytes(t: Totals, kv: KvCacheInfo | undefined): number {
  if (kv?.otherPeakBytes !== undefined && t.kvCacheBytes !== undefined) return t.weightBytes + t.kvCacheBytes + kv.otherPeakBytes;
  return t.weightBytes + t.peakActivationBytes;
}

/** FLOPs, MACs and bytes moved per op class (unknown figures count as 0). */
export function classFigures(report: ModelReport): PhaseReport['byClass'] {
  const out: PhaseReport['byClass'] = {};
  for (const n of report.nodes) {
    const c = (out[nodeClass(n)] ??= { macs: 0, flops: 0, bytes: 0 });
    c.macs += n.macs ?? 0;
    c.flops += n.flops ?? 0;
    c.bytes += (n.bytesRead ?? 0) + (n.bytesWritten ?? 0);
  }
  return out;
}

/**
 * A phase from the model's report at the phase's dims (with latency when devices were asked
 * for). tokens-per-second is set on every phase but a prefill (tokens of one run over its
 * time: for a decode step, batch / step latency); time-to-first-token on a prefill.
 */
export function phaseReport(name: string, report: ModelReport): PhaseReport {
  const tokens = runTokens(report);
  const out: PhaseReport = {
    dims: { ...report.dims },
    totals: report.totals,
    memoryBytes: phaseMemoryBytes(report.totals, report.kvCache),
    tokens,
    byClass: classFigures(report),
  };
  if (report.latency && Object.keys(report.latency).length) {
    out.latency = {};
    for (const [id, l] of Object.entries(report.latency)) {
      const p: PhaseLatency = { ms: l.ms, computeMs: l.computeMs, memoryMs: l.memoryMs, overheadMs: l.overheadMs, bound: l.bound };
      if (name !== PREFILL && tokens !== null && l.ms > 0) p.tokensPerSecond = (tokens * 1000) / l.ms;
      if (name === PREFILL) p.timeToFirstTokenMs = l.ms;
      if (l.lowerBound) p.lowerBound = true;
      if (l.upperBoundMs !== undefined) p.upperBoundMs = l.upperBoundMs;
      if (l.byClass) p.byClass = classTimes(l.byClass);
      out.latency[id] = p;
    }
  }
  return out;
}

type ClassTimes = NonNullable<PhaseLatency['byClass']>;

/** A copy of per-class times (ms, kernels). */
function classTimes(src: ClassTimes): ClassTimes {
  const out: ClassTimes = {};
  for (const [c, v] of Object.entries(src) as [OpClass, { ms: number; kernels: number }][]) out[c] = { ms: v.ms, kernels: v.kernels };
  return out;
}

/** `acc` += w × `src`, class by class. */
function addClassTimes(acc: ClassTimes, src: ClassTimes | undefined, w = 1): void {
  for (const [c, v] of Object.entries(src ?? {}) as [OpClass, { ms: number; kernels: number }][]) {
    const a = (acc[c] ??= { ms: 0, kernels: 0 });
    a.ms += w * v.ms;
    a.kernels += w * v.kernels;
  }
}

/** The dims that play each role in a generate run. */
export interface GenerateRoles {
  /** The new tokens' axis (the token-ids input's axis 1). */
  sequence: string;
  /** The cache's length (every past dim). */
  past: string[];
  /** past + sequence (an attention mask's length), when the model has one. */
  total?: string;
}

/** What the roles rule needs besides the declared inputs. */
export interface RoleHints {
  /** Symbols on the past inputs' sequence axis (ModelReport.kvCache.pastDims). */
  pastDims?: readonly string[];
  /** The cache's past inputs by name (when pastDims is not known): their symbols the token ids do not have. */
  pastInputs?: readonly string[];
  /** Roles the user named (a budgets file's generate.sequence / past / total). */
  override?: { sequence?: string; past?: string; total?: string };
}

/** A dim's symbol as inference names it (an unnamed dim is `input[axis]`). */
const symbolOf = (input: DeclaredInput, axis: number): string | null => {
  const d = input.shape?.[axis];
  if (typeof d === 'number' || d === undefined) return null;
  return d ?? `${input.name}[${axis}]`;
};

/**
 * Which dims are sequence, past and total, from the graph: past from the KV cache (its pastDims,
 * else the symbols of its past inputs the token ids do not have); sequence the token-ids
 * input's axis 1; total the axis-1 symbol of another rank-2 input (the attention mask) that is
 * neither. A role the user named wins. Gives a sentence saying what is missing when a role
 * cannot be found.
 */
export function generateRoles(inputs: readonly DeclaredInput[], hints: RoleHints = {}): GenerateRoles | { missing: 'sequence' | 'past'; why: string } {
  const ids = tokenIdsInput(inputs);
  const o = hints.override ?? {};
  const sequence = o.sequence ?? (ids ? symbolOf(ids, 1) : null);
  if (!sequence) {
    return {
      missing: 'sequence',
      why: ids ? `the token-ids input's axis 1 is a fixed size` : 'no graph input is token ids (an integer tensor [batch, sequence])',
    };
  }
  let past: string[];
  if (o.past) past = [o.past];
  else if (hints.pastDims?.length) past = [...hints.pastDims];
  else {
    const idSymbols = new Set(ids ? [symbolOf(ids, 0), symbolOf(ids, 1)] : []);
    const found = new Set<string>();
    for (const name of hints.pastInputs ?? []) {
      const input = inputs.find((i) => i.name === name);
      input?.shape?.forEach((_, axis) => {
        const s = symbolOf(input, axis);
        if (s && !idSymbols.has(s)) found.add(s);
      });
    }
    past = [...found];
  }
  past = past.filter((p) => p !== sequence);
  if (past.length === 0) return { missing: 'past', why: 'no KV cache with a symbolic length was found' };
  let total = o.total;
  if (!total) {
    const batch = ids ? symbolOf(ids, 0) : null;
    const pastInputs = new Set(hints.pastInputs ?? []);
    for (const input of inputs) {
      if (input === ids || pastInputs.has(input.name) || input.shape?.length !== 2) continue;
      const s = symbolOf(input, 1);
      if (s && s !== sequence && s !== batch && !past.includes(s)) {
        total = s;
        break;
      }
    }
  }
  return { sequence, past, ...(total ? { total } : {}) };
}

/** The dims of a generate run's prefill (step undefined) or of decode step `step` (0-based). */
export function generateDims(base: Readonly<Record<string, number>>, roles: GenerateRoles, prompt: number, step?: number): Record<string, number> {
  const dims = { ...base };
  const past = step === undefined ? 0 : prompt + step;
  const sequence = step === undefined ? prompt : 1;
  dims[roles.sequence] = sequence;
  for (const p of roles.past) dims[p] = past;
  if (roles.total) dims[roles.total] = past + sequence;
  return dims;
}

/** The most decode steps generate analyses; the others are interpolated between their neighbours. */
export const MAX_ANALYSED_STEPS = 64;
/** Relative difference under which a step's figures count as on the line between two others. */
export const LINEAR_TOLERANCE = 1e-3;

/** The figures a step's linearity is judged on: MACs, FLOPs, bytes moved and each device's time. */
function shape(p: PhaseReport): number[] {
  const t = p.totals;
  return [
    t.macs,
    t.flops,
    t.memoryAccessBytes,
    ...Object.keys(p.latency ?? {})
      .sort()
      .map((id) => p.latency![id].ms),
  ];
}

/**
 * Whether step `m`'s figures lie on the line between steps `a` and `b` (within
 * {@link LINEAR_TOLERANCE}): a decode step's cost grows linearly with its context until a node
 * changes bound or its working set stops fitting a cache, so where the midpoint is on the line
 * the steps between can be interpolated.
 */
export function onLine(a: { step: number; phase: PhaseReport }, m: { step: number; phase: PhaseReport }, b: { step: number; phase: PhaseReport }): boolean {
  const fa = shape(a.phase);
  const fm = shape(m.phase);
  const fb = shape(b.phase);
  if (fa.length !== fm.length || fb.length !== fm.length) return false;
  const w = (m.step - a.step) / (b.step - a.step);
  return fm.every((v, k) => {
    const expected = fa[k] + w * (fb[k] - fa[k]);
    return Math.abs(v - expected) <= LINEAR_TOLERANCE * Math.max(Math.abs(v), Math.abs(expected), 1e-12);
  });
}

/**
 * The decode steps of a generate run, analysed where they must be: the first and the last,
 * then the midpoint of each span whose midpoint is off the line between its ends (bisected until
 * it is on the line, or the span has no step inside), at most {@link MAX_ANALYSED_STEPS} in all.
 * Linear costs (MACs of attention over a growing context) need three analyses; kinks in the
 * roofline (a node turning memory-bound) get their own.
 */
export function analyseSteps(decodeSteps: number, at: (step: number) => PhaseReport): { step: number; phase: PhaseReport }[] {
  if (decodeSteps <= 0) return [];
  const done = new Map<number, PhaseReport>();
  const get = (step: number) => {
    let p = done.get(step);
    if (!p) done.set(step, (p = at(step)));
    return { step, phase: p };
  };
  get(0);
  get(decodeSteps - 1);
  // Breadth first, so the budget of analyses is spread over the whole run.
  let spans: [number, number][] = [[0, decodeSteps - 1]];
  while (spans.length && done.size < MAX_ANALYSED_STEPS) {
    const next: [number, number][] = [];
    for (const [a, b] of spans) {
      if (b - a < 2 || done.size >= MAX_ANALYSED_STEPS) continue;
      const mid = Math.floor((a + b) / 2);
      const known = done.has(mid);
      const m = get(mid);
      if (!known && onLine(get(a), m, get(b))) continue;
      next.push([a, mid], [mid, b]);
    }
    spans = next;
  }
  return [...done.entries()].sort((x, y) => x[0] - y[0]).map(([step, phase]) => ({ step, phase }));
}

/** Per analysed step, the figures generate sums. */
interface StepFigures {
  macs: number;
  coreMacs: number;
  flops: number;
  memoryAccessBytes: number;
  tokens: number;
  classes: PhaseReport['byClass'];
  latency: Record<string, { ms: number; computeMs: number; memoryMs: number; overheadMs: number; byClass: ClassTimes }>;
}

const figures = (p: PhaseReport): StepFigures => ({
  macs: p.totals.macs,
  coreMacs: p.totals.coreMacs,
  flops: p.totals.flops,
  memoryAccessBytes: p.totals.memoryAccessBytes,
  tokens: p.tokens ?? 0,
  classes: p.byClass,
  latency: Object.fromEntries(
    Object.entries(p.latency ?? {}).map(([id, l]) => [
      id,
      { ms: l.ms, computeMs: l.computeMs, memoryMs: l.memoryMs, overheadMs: l.overheadMs, byClass: classTimes(l.byClass ?? {}) },
    ]),
  ),
});

/** The sum over every decode step 0..decodeSteps-1 of the analysed ones, the others interpolated between neighbours. */
function sumSteps(steps: readonly { step: number; phase: PhaseReport }[], decodeSteps: number): StepFigures {
  const acc: StepFigures = { macs: 0, coreMacs: 0, flops: 0, memoryAccessBytes: 0, tokens: 0, classes: {}, latency: {} };
  const add = (f: StepFigures, w: number) => {
    acc.macs += w * f.macs;
    acc.coreMacs += w * f.coreMacs;
    acc.flops += w * f.flops;
    acc.memoryAccessBytes += w * f.memoryAccessBytes;
    acc.tokens += w * f.tokens;
    for (const [c, v] of Object.entries(f.classes) as [OpClass, { macs: number; flops: number; bytes: number }][]) {
      const a = (acc.classes[c] ??= { macs: 0, flops: 0, bytes: 0 });
      a.macs += w * v.macs;
      a.flops += w * v.flops;
      a.bytes += w * v.bytes;
    }
    for (const [id, l] of Object.entries(f.latency)) {
      const a = (acc.latency[id] ??= { ms: 0, computeMs: 0, memoryMs: 0, overheadMs: 0, byClass: {} });
      a.ms += w * l.ms;
      a.computeMs += w * l.computeMs;
      a.memoryMs += w * l.memoryMs;
      a.overheadMs += w * l.overheadMs;
      addClassTimes(a.byClass, l.byClass, w);
    }
  };
  const sorted = [...steps].sort((a, b) => a.step - b.step);
  const f = sorted.map((s) => figures(s.phase));
  if (sorted.length === 0 || decodeSteps === 0) return acc;
  // Each analysed step once; the steps between two analysed ones a and b, linearly: step a + j
  // weighs (b - a - j) / (b - a) on a and j / (b - a) on b.
  sorted.forEach((_, k) => add(f[k], 1));
  for (let k = 0; k + 1 < sorted.length; k++) {
    const gap = sorted[k + 1].step - sorted[k].step;
    if (gap <= 1) continue;
    const between = gap - 1;
    // Σ_{j=1}^{gap-1} (gap - j) / gap = Σ_{j=1}^{gap-1} j / gap = (gap - 1) / 2.
    add(f[k], between / 2);
    add(f[k + 1], between / 2);
  }
  return acc;
}

/**
 * The generate phase: a prefill, then `decodeSteps` decode steps (the analysed ones given with
 * their 0-based index). macs, coreMacs, flops, memory traffic and each device's ms (and its
 * compute / memory / overhead parts) are summed over the prefill and every step;
 * peakActivationBytes, kvCacheBytes and memory the largest of any step (the last: its context is
 * the longest). tokensPerSecond: decode tokens over the decode time; timeToFirstTokenMs: the prefill's ms.
 */
export function generateReport(
  prefill: PhaseReport,
  steps: readonly { step: number; phase: PhaseReport }[],
  run: { prompt: number; tokens: number },
): PhaseReport {
  const decodeSteps = run.tokens - 1;
  const sum = sumSteps(steps, decodeSteps);
  const all = [prefill, ...steps.map((s) => s.phase)];
  const maxOf = (f: (p: PhaseReport) => number | undefined): number | undefined => {
    const v = all.map(f).filter((x): x is number => x !== undefined);
    return v.length ? Math.max(...v) : undefined;
  };
  const lowerBound = [...new Set(all.flatMap((p) => p.totals.lowerBound))];
  const incomplete = all.filter((p) => p.totals.incompleteNodes > 0);
  const totals: Totals = {
    ...prefill.totals,
    macs: prefill.totals.macs + sum.macs,
    coreMacs: prefill.totals.coreMacs + sum.coreMacs,
    flops: prefill.totals.flops + sum.flops,
    memoryAccessBytes: prefill.totals.memoryAccessBytes + sum.memoryAccessBytes,
    peakActivationBytes: maxOf((p) => p.totals.peakActivationBytes)!,
    incompleteNodes: Math.max(...all.map((p) => p.totals.incompleteNodes)),
    incompleteNodeNames: incomplete[0]?.totals.incompleteNodeNames ?? [],
    lowerBound,
  };
  delete totals.upperBound;
  const kv = maxOf((p) => p.totals.kvCacheBytes);
  if (kv !== undefined) totals.kvCacheBytes = kv;
  else delete totals.kvCacheBytes;
  const byClass: PhaseReport['byClass'] = {};
  for (const src of [prefill.byClass, sum.classes]) {
    for (const [c, v] of Object.entries(src) as [OpClass, { macs: number; flops: number; bytes: number }][]) {
      const a = (byClass[c] ??= { macs: 0, flops: 0, bytes: 0 });
      a.macs += v.macs;
      a.flops += v.flops;
      a.bytes += v.bytes;
    }
  }
  const out: PhaseReport = {
    dims: { ...prefill.dims },
    totals,
    memoryBytes: maxOf((p) => p.memoryBytes)!,
    tokens: prefill.tokens === null || steps.some((s) => s.phase.tokens === null) ? null : prefill.tokens + sum.tokens,
    byClass,
    generate: { prompt: run.prompt, tokens: run.tokens, decodeSteps },
  };
  if (prefill.latency) {
    out.latency = {};
    for (const [id, pl] of Object.entries(prefill.latency)) {
      const d = sum.latency[id] ?? { ms: 0, computeMs: 0, memoryMs: 0, overheadMs: 0, byClass: {} };
      const parts = { compute: pl.computeMs + d.computeMs, memory: pl.memoryMs + d.memoryMs, overhead: pl.overheadMs + d.overheadMs };
      const bound = (Object.entries(parts) as [PhaseLatency['bound'], number][]).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
      const l: PhaseLatency = {
        ms: pl.ms + d.ms,
        computeMs: parts.compute,
        memoryMs: parts.memory,
        overheadMs: parts.overhead,
        bound,
        timeToFirstTokenMs: pl.ms,
      };
      if (pl.byClass) {
        const byClass: ClassTimes = {};
        addClassTimes(byClass, pl.byClass);
        addClassTimes(byClass, d.byClass);
        l.byClass = byClass;
      }
      if (decodeSteps > 0 && d.ms > 0 && !steps.some((s) => s.phase.tokens === null)) l.tokensPerSecond = (sum.tokens * 1000) / d.ms;
      if (all.some((p) => p.latency?.[id]?.lowerBound)) l.lowerBound = true;
      out.latency[id] = l;
    }
  }
  return out;
}

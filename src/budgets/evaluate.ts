/**
 * Evaluating budgets against analysed models (and their baselines): one row per model and
 * metric with its value, baseline, change, budget, share used, status and the limits it broke,
 * and the list of broken budgets. Figures that are lower bounds (nodes with unknown shapes) are
 * handled as the model's `on-incomplete` says. Pure; a broken budget is a result, not an error.
 */
import type { Totals } from '../analysis/aggregate.js';
import type { ModelReport } from '../report/model-report.js';
import { isLowerBound as totalIsLowerBound } from '../report/bounds.js';
import { safeText } from '../util/sanitize.js';
import { FLOOR_METRICS, type BudgetsConfig, type Level, type Metric, type ModelConfig, type Position } from './types.js';
import type { PhaseReport } from '../report/model-report.js';

export interface ModelResult {
  config: ModelConfig;
  /** The model file, as shown in reports (relative to the repository). */
  path: string;
  report: ModelReport;
  /** The same model at the baseline; null when it is new (or the baseline could not be analysed). */
  base: ModelReport | null;
  /** Why there is no base, when there is none. */
  baseNote?: string;
}

export type Status = 'pass' | 'warn' | 'fail' | 'info';

/** Which limit of a row broke: the absolute budget, the allowed increase, or a lower bound that could not be checked. */
export type LimitKind = 'absolute' | 'relative' | 'incomplete';

export interface BrokenLimit {
  kind: LimitKind;
  level: Level;
  /**
   * absolute: the budget (the row's unit); relative: the allowed increase, in percent when
   * `percent` is true, else in the row's unit; incomplete: null.
   */
  limit: number | null;
  percent?: boolean;
}

export interface Row {
  model: string;
  metric: Metric;
  device?: string;
  /** The phase the value is read at (a name of the model's phases, or generate); absent: the model at its dims. */
  phase?: string;
  /** Present (true) when the budget is a floor (tokens-per-second): broken when the value is below it. */
  floor?: true;
  value: number | null;
  base: number | null;
  /** Null when there is no base, or the change is below the model's min-change. */
  change: { delta: number; percent: number | null } | null;
  budget: number | null;
  /** The value checked against the absolute budget (`budget`), as a share of it in percent; null without one. */
  usedPercent: number | null;
  /** The allowed increase, as written: '2%' or an amount in the metric's unit. */
  maxIncrease: { percent?: number; absolute?: number } | null;
  status: Status;
  /** Why the status: which check broke, or 'new model'. */
  reason: string;
  /** The limits this row broke, in the order checked (absolute, relative); empty when none. */
  broken: BrokenLimit[];
  /** `value` is a lower bound (nodes with unknown shapes). */
  lowerBound: boolean;
  /** The static upper bound of a lower-bound value, where one exists. */
  upperBound: number | null;
}

export interface Violation {
  model: string;
  metric: Metric;
  device?: string;
  /** The phase the broken value is read at. */
  phase?: string;
  level: Level;
  message: string;
  file: string;
  at: Position;
  /** Which limit: the absolute budget, the allowed increase, or incomplete figures. */
  kind: LimitKind;
}

export interface Evaluation {
  rows: Row[];
  violations: Violation[];
  /** No error-level budget broken. */
  passed: boolean;
  newModels: string[];
}

const STANDARD: readonly Exclude<Metric, 'latency' | 'kv-cache' | 'tokens-per-second' | 'time-to-first-token'>[] = [
  'params',
  'gmacs',
  'gflops',
  'weights',
  'peak-memory',
  'memory-traffic',
];

/** A phase of a report, by name (null when the report has none of that name). */
export function phaseOf(report: ModelReport | null | undefined, phase: string): PhaseReport | null {
  const p = report?.phases;
  return p && Object.hasOwn(p, phase) ? p[phase] : null;
}

/** The figures a metric reads: the model's at its dims, or a phase's. */
function figuresOf(
  report: ModelReport,
  phase?: string,
): {
  totals: Totals;
  latency: Record<string, { ms: number; lowerBound?: boolean; upperBoundMs?: number; tokensPerSecond?: number; timeToFirstTokenMs?: number }> | undefined;
  tokens: number | null;
} | null {
  if (phase === undefined) return { totals: report.totals, latency: report.latency, tokens: null };
  const p = phaseOf(report, phase);
  return p ? { totals: p.totals, latency: p.latency, tokens: p.tokens } : null;
}

export function metricValue(report: ModelReport | null | undefined, metric: Metric, device?: string, phase?: string): number | null {
  if (!report) return null;
  const f = figuresOf(report, phase);
  if (!f) return null;
  const t = f.totals;
  const l = device ? f.latency?.[device] : undefined;
  switch (metric) {
    case 'params':
      return t.params;
    case 'gmacs':
      return t.macs / 1e9;
    case 'gflops':
      return t.flops / 1e9;
    case 'weights':
      return t.weightBytes;
    case 'peak-memory':
      return t.peakActivationBytes;
    case 'memory-traffic':
      return t.memoryAccessBytes;
    case 'kv-cache':
      return t.kvCacheBytes ?? null;
    case 'latency':
      return l?.ms ?? null;
    case 'time-to-first-token':
      return phase === undefined ? null : (l?.timeToFirstTokenMs ?? l?.ms ?? null);
    case 'tokens-per-second':
      if (phase === undefined || !l) return null;
      return l.tokensPerSecond ?? (f.tokens !== null && l.ms > 0 ? (f.tokens * 1000) / l.ms : null);
  }
}

/** The Totals field behind each metric (the per-device ones apart). */
const TOTALS_FIELD: Record<Exclude<Metric, 'latency' | 'tokens-per-second' | 'time-to-first-token'>, keyof Totals> = {
  params: 'params',
  gmacs: 'macs',
  gflops: 'flops',
  weights: 'weightBytes',
  'peak-memory': 'peakActivationBytes',
  'memory-traffic': 'memoryAccessBytes',
  'kv-cache': 'kvCacheBytes',
};
/** Whether a metric's value in `report` is a lower bound (some sizes are unknown): the renderers' rule, per metric. For tokens-per-second (a rate), an upper bound. */
export function isLowerBound(report: ModelReport, metric: Metric, device?: string, phase?: string): boolean {
  const f = figuresOf(report, phase);
  if (!f) return false;
  const t = f.totals;
  if (metric === 'latency' || metric === 'tokens-per-second' || metric === 'time-to-first-token') {
    const l = device ? f.latency?.[device] : undefined;
    return l?.lowerBound ?? (['macs', 'flops', 'memoryAccessBytes'] as const).some((x) => totalIsLowerBound(t, x));
  }
  if (metric === 'kv-cache') return t.lowerBound.includes('kvCacheBytes');
  return totalIsLowerBound(t, TOTALS_FIELD[metric]);
}

/** The static upper bound of a metric in its budget unit, where the report has one (tokens-per-second: its worst case, the rate at the upper-bound latency). */
export function upperBoundValue(report: ModelReport, metric: Metric, device?: string, phase?: string): number | null {
  const f = figuresOf(report, phase);
  if (!f) return null;
  const l = device ? f.latency?.[device] : undefined;
  if (metric === 'latency') return l?.upperBoundMs ?? null;
  if (metric === 'time-to-first-token')
    return phase !== undefined && (l?.timeToFirstTokenMs === undefined || l.timeToFirstTokenMs === l.ms) ? (l?.upperBoundMs ?? null) : null;
  if (metric === 'tokens-per-second') {
    const v = metricValue(report, metric, device, phase);
    return v !== null && l?.upperBoundMs && l.ms > 0 ? (v * l.ms) / l.upperBoundMs : null;
  }
  const field = TOTALS_FIELD[metric];
  const u = (f.totals.upperBound as Partial<Record<string, number>> | undefined)?.[field];
  if (u === undefined || u === null) return null;
  return metric === 'gmacs' || metric === 'gflops' ? u / 1e9 : u;
}

export const METRIC_LABEL: Record<Metric, string> = {
  params: 'params',
  gmacs: 'GMACs',
  gflops: 'GFLOPs',
  weights: 'weights',
  'peak-memory': 'peak memory',
  'memory-traffic': 'memory traffic',
  latency: 'latency',
  'kv-cache': 'KV cache',
  'tokens-per-second': 'tokens-per-second',
  'time-to-first-token': 'time to first token',
};

/** A row's metric as messages and tables name it: 'latency on dev at decode'. */
export function rowLabel(r: { metric: Metric; device?: string; phase?: string }): string {
  return `${METRIC_LABEL[r.metric]}${r.device ? ` on ${r.device}` : ''}${r.phase ? ` at ${r.phase}` : ''}`;
}

interface Broken extends BrokenLimit {
  message: string;
  at: Position;
  /** Reported once per model (the on-incomplete finding), not per row. */
  silent?: boolean;
}

/**
 * One row. `phase`: the phase the budgets name (absent: the model's); `at`: the phase the value
 * is read at (the same, except a kv-cache budget without a phase, read at the largest phase).
 */
function evaluateRow(
  m: ModelResult,
  cfg: BudgetsConfig,
  metric: Metric,
  device: string | undefined,
  out: Evaluation,
  phase?: string,
  at: string | undefined = phase,
): Row {
  const value = metricValue(m.report, metric, device, at);
  const base = m.base ? metricValue(m.base, metric, device, at) : null;
  let change: Row['change'] = null;
  if (value !== null && base !== null) {
    const delta = value - base;
    const percent = base === 0 ? (delta === 0 ? 0 : null) : (100 * delta) / base;
    const below = percent !== null && Math.abs(percent) < m.config.minChange;
    if (delta !== 0 && !below) change = { delta, percent };
  }
  const isFloor = FLOOR_METRICS.includes(metric);
  /** Whether v breaks the limit: above a ceiling, below a floor. */
  const beyond = (v: number, limit: number) => (isFloor ? v < limit : v > limit);
  const lowerBound = isLowerBound(m.report, metric, device, at);
  const upperBound = lowerBound ? upperBoundValue(m.report, metric, device, at) : null;
  const row: Row = {
    model: m.path,
    metric,
    value,
    base,
    change,
    budget: null,
    usedPercent: null,
    maxIncrease: null,
    status: 'info',
    reason: '',
    broken: [],
    lowerBound,
    upperBound,
  };
  if (device) row.device = device;
  if (at !== undefined) row.phase = at;
  if (isFloor) row.floor = true;
  const label = rowLabel({ metric, device, phase: at });
  const broken: Broken[] = [];
  const passed: string[] = [];
  const mode = m.config.onIncomplete;
  // upper-bound: a lower-bound value that passes is checked again at its static upper bound (a floor: at its worst case).
  const checkUpper = lowerBound && mode === 'upper-bound';
  const lb = lowerBound ? (isFloor ? ' (an upper bound)' : ' (a lower bound)') : '';
  let noUpper = false;
  const missingUpper = () => {
    if (noUpper) return;
    noUpper = true;
    broken.push({
      kind: 'incomplete',
      level: 'error',
      limit: null,
      message: `${label} of ${m.path} is ${isFloor ? 'an upper' : 'a lower'} bound (${incompleteText(m.report)}) and has no static ${isFloor ? 'worst case' : 'upper bound'} to check its budgets against (on-incomplete: upper-bound)`,
      at: m.config.onIncompleteAt,
    });
  };

  const abs = m.config.budgets.find((b) => b.metric === metric && b.device === device && b.phase === phase);
  if (abs) {
    row.budget = abs.max;
    const limit = { kind: 'absolute' as const, level: abs.level, limit: abs.max, at: abs.at };
    if (value === null) {
      const why =
        at !== undefined && !phaseOf(m.report, at)
          ? ` (no phase ${at})`
          : metric === 'kv-cache'
            ? m.report.kvCache
              ? ': the shapes of its present tensors are unknown'
              : ": no KV cache was recognised (name it with the model's kv-cache: { past: [...], present: [...] })"
            : '';
      broken.push({ ...limit, message: `${label} could not be computed for ${m.path}${why}` });
    } else {
      const checked = checkUpper && upperBound !== null && !beyond(value, abs.max) ? upperBound : value;
      // A floor's share: the budget over the value (over 100% when below it).
      row.usedPercent = isFloor ? (checked > 0 ? (100 * abs.max) / checked : null) : abs.max > 0 ? (100 * checked) / abs.max : null;
      if (beyond(value, abs.max))
        broken.push({
          ...limit,
          message: `${label} of ${m.path} is ${fmt(metric, value)}${lb}, ${isFloor ? 'below' : 'over'} its budget of ${fmt(metric, abs.max)}`,
        });
      else if (checkUpper && upperBound === null) missingUpper();
      else if (checkUpper && beyond(upperBound!, abs.max)) {
        broken.push({
          ...limit,
          message: isFloor
            ? `${label} of ${m.path} may be as low as ${fmt(metric, upperBound!)} (at its static upper-bound latency; ${fmt(metric, value)} known), below its budget of ${fmt(metric, abs.max)}`
            : `${label} of ${m.path} may be up to ${fmt(metric, upperBound!)} (its static upper bound; ${fmt(metric, value)} known), over its budget of ${fmt(metric, abs.max)}`,
        });
      } else passed.push(checkUpper ? `within budget at its ${isFloor ? 'worst case' : 'upper bound'} ${fmt(metric, upperBound!)}` : 'within budget');
    }
  }
  const rel = m.config.maxIncrease.find((r) => r.metric === metric && r.phase === phase);
  if (rel) {
    row.maxIncrease = rel.percent !== undefined ? { percent: rel.percent } : { absolute: rel.absolute };
    const limit =
      rel.percent !== undefined
        ? { kind: 'relative' as const, level: rel.level, limit: rel.percent, percent: true, at: rel.at }
        : { kind: 'relative' as const, level: rel.level, limit: rel.absolute!, at: rel.at };
    if (!m.base) passed.push('new model: no baseline to compare');
    else if (value !== null && base !== null) {
      const allowed = rel.percent !== undefined ? `${rel.percent}%` : fmt(metric, rel.absolute!);
      const over = (v: number) => {
        const delta = v - base;
        const percent = base === 0 ? (delta > 0 ? Infinity : 0) : (100 * delta) / base;
        return {
          over: rel.percent !== undefined ? percent > rel.percent : delta > rel.absolute!,
          by: Number.isFinite(percent) ? `+${percent.toFixed(1)}%` : `from 0 to ${fmt(metric, v)}`,
        };
      };
      const atValue = over(value);
      if (atValue.over) {
        broken.push({
          ...limit,
          message: `${label} of ${m.path} grew ${atValue.by} (${fmt(metric, base)} → ${fmt(metric, value)}${lb}), more than the ${allowed} allowed`,
        });
      } else if (checkUpper && upperBound === null) missingUpper();
      else if (checkUpper && over(upperBound!).over) {
        broken.push({
          ...limit,
          message: `${label} of ${m.path} may have grown ${over(upperBound!).by} (${fmt(metric, base)} → up to ${fmt(metric, upperBound!)}, its static upper bound), more than the ${allowed} allowed`,
        });
      } else passed.push(`increase within ${allowed}`);
    } else {
      // A baseline without this value (a report saved without --device, say): not broken, but said.
      passed.push(`not compared: no ${value === null ? 'value' : 'baseline value'} for ${label}`);
    }
  }
  // warn / error: a budgeted row whose value is a lower bound says so (the finding itself is once per model).
  if (lowerBound && (abs || rel) && (mode === 'warn' || mode === 'error')) {
    broken.push({ kind: 'incomplete', level: mode, limit: null, message: `${label} is a lower bound`, at: m.config.onIncompleteAt, silent: true });
  }
  for (const b of broken) {
    if (!b.silent)
      out.violations.push({
        model: m.path,
        metric,
        device,
        ...(at !== undefined ? { phase: at } : {}),
        level: b.level,
        message: b.message,
        file: cfg.file,
        at: b.at,
        kind: b.kind,
      });
  }
  row.broken = broken.map((b) => ({ kind: b.kind, level: b.level, limit: b.limit, ...(b.percent ? { percent: true } : {}) }));
  if (broken.some((b) => b.level === 'error')) row.status = 'fail';
  else if (broken.length) row.status = 'warn';
  else if (abs || rel) row.status = 'pass';
  row.reason = broken.length ? broken.map((b) => b.message).join('; ') : passed.join('; ');
  return row;
}

/** `N nodes with unknown shapes (first: a, b, c)`, names sanitised. */
function incompleteText(report: ModelReport): string {
  const n = report.totals.incompleteNodes;
  const names =
    report.totals.incompleteNodeNames ?? report.nodes.filter((x) => x.macs === null || x.bytesRead === null || x.bytesWritten === null).map((x) => x.name);
  const first = names.slice(0, 3).map((x) => safeText(x, 40));
  return `${n} node${n === 1 ? '' : 's'} with unknown shapes${first.length ? ` (first: ${first.join(', ')})` : ''}`;
}

/** Numbers as reports show them: counts with SI suffixes (GMACs too), bytes in kB/MB/GB, latency in ms or µs. */
export function fmt(metric: Metric, v: number): string {
  const sig = (x: number) => Number(x.toPrecision(3)).toString();
  const si = (x: number) => {
    const a = Math.abs(x);
    return a >= 1e12 ? `${sig(x / 1e12)}T` : a >= 1e9 ? `${sig(x / 1e9)}G` : a >= 1e6 ? `${sig(x / 1e6)}M` : a >= 1e3 ? `${sig(x / 1e3)}k` : sig(x);
  };
  switch (metric) {
    case 'params':
      return si(v);
    case 'gmacs':
    case 'gflops':
      // Values are in G (gmacs: 1.2 = 1.2e9); shown with the prefix that fits.
      return si(v * 1e9);
    case 'latency':
    case 'time-to-first-token':
      return Math.abs(v) < 0.1 && v !== 0 ? `${sig(v * 1e3)} µs` : `${sig(v)} ms`;
    case 'tokens-per-second':
      return `${si(v)} tok/s`;
    default:
      return v >= 1e9 ? `${sig(v / 1e9)} GB` : v >= 1e6 ? `${sig(v / 1e6)} MB` : v >= 1e3 ? `${sig(v / 1e3)} kB` : `${sig(v)} B`;
  }
}

/** A share of a budget: 0.4 -> '<1%', 73.2 -> '73%'. */
export function fmtUsed(p: number): string {
  if (p > 0 && p < 1) return '<1%';
  // Near the limit, one decimal tells 100.3% (over) from 99.6% (under).
  return p >= 99.5 && p < 101 ? `${p.toFixed(1)}%` : `${p.toFixed(0)}%`;
}

/** The phase a kv-cache figure is read at when no phase is named: the one with the largest cache (null: the model's own). */
export function largestCachePhase(report: ModelReport): string | undefined {
  let best: string | undefined;
  let most = -1;
  for (const [name, p] of Object.entries(report.phases ?? {})) {
    const v = p.totals.kvCacheBytes;
    if (v !== undefined && v > most) {
      most = v;
      best = name;
    }
  }
  return best;
}

/** The rows of the KV cache and of every budget on a phase, after the model's own (one per metric, device and phase). */
function phaseRows(m: ModelResult, cfg: BudgetsConfig, out: Evaluation): void {
  // kv-cache without a phase: at the largest phase, else the model's (a row when budgeted or the model has a cache).
  const kvBudgeted =
    m.config.budgets.some((b) => b.metric === 'kv-cache' && b.phase === undefined) ||
    m.config.maxIncrease.some((r) => r.metric === 'kv-cache' && r.phase === undefined);
  if (kvBudgeted || m.report.totals.kvCacheBytes !== undefined)
    out.rows.push(evaluateRow(m, cfg, 'kv-cache', undefined, out, undefined, largestCachePhase(m.report)));
  const seen = new Set<string>();
  const keys: { metric: Metric; device?: string; phase: string }[] = [];
  const add = (metric: Metric, device: string | undefined, phase: string) => {
    const key = `${metric}|${device ?? ''}|${phase}`;
    if (seen.has(key)) return;
    seen.add(key);
    keys.push({ metric, device, phase });
  };
  for (const b of m.config.budgets) if (b.phase !== undefined) add(b.metric, b.device, b.phase);
  for (const r of m.config.maxIncrease) {
    if (r.phase === undefined) continue;
    // An allowed increase of a per-device metric applies on every device.
    if (r.metric === 'latency' || r.metric === 'time-to-first-token' || r.metric === 'tokens-per-second')
      for (const d of cfg.devices) add(r.metric, d, r.phase);
    else add(r.metric, undefined, r.phase);
  }
  for (const k of keys) out.rows.push(evaluateRow(m, cfg, k.metric, k.device, out, k.phase));
}

export function evaluateBudgets(cfg: BudgetsConfig, results: readonly ModelResult[]): Evaluation {
  const out: Evaluation = { rows: [], violations: [], passed: true, newModels: [] };
  for (const m of results) {
    if (!m.base) out.newModels.push(m.path);
    const first = out.rows.length;
    for (const metric of STANDARD) out.rows.push(evaluateRow(m, cfg, metric, undefined, out));
    for (const device of cfg.devices) out.rows.push(evaluateRow(m, cfg, 'latency', device, out));
    phaseRows(m, cfg, out);
    // warn / error: one finding per model whose figures are lower bounds.
    const mode = m.config.onIncomplete;
    if (m.report.totals.incompleteNodes > 0 && (mode === 'warn' || mode === 'error')) {
      const lower = out.rows.slice(first).find((r) => r.lowerBound);
      out.violations.push({
        model: m.path,
        metric: lower?.metric ?? 'gmacs',
        ...(lower?.device ? { device: lower.device } : {}),
        level: mode,
        message: `${m.path}: lower bound: ${incompleteText(m.report)}; its figures may be higher (on-incomplete: ${mode})`,
        file: cfg.file,
        at: m.config.onIncompleteAt,
        kind: 'incomplete',
      });
    }
  }
  out.passed = !out.violations.some((v) => v.level === 'error');
  return out;
}

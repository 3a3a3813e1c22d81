/**
 * Evaluating budgets against analysed models (and their baselines): one row per model and
 * metric with its value, baseline, change, budget, share used and status, and the list of
 * broken budgets. Pure; a broken budget is a result, not an error.
 */
import type { ModelReport } from '../report/model-report.js';
import type { BudgetsConfig, Level, Metric, ModelConfig, Position } from './types.js';

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

export interface Row {
  model: string;
  metric: Metric;
  device?: string;
  value: number | null;
  base: number | null;
  /** Null when there is no base, or the change is below the model's min-change. */
  change: { delta: number; percent: number | null } | null;
  budget: number | null;
  /** value / budget in percent. */
  usedPercent: number | null;
  /** The allowed increase, as written: '2%' or an amount in the metric's unit. */
  maxIncrease: { percent?: number; absolute?: number } | null;
  status: Status;
  /** Why the status: which check broke, or 'new model'. */
  reason: string;
}

export interface Violation {
  model: string;
  metric: Metric;
  device?: string;
  level: Level;
  message: string;
  file: string;
  at: Position;
}

export interface Evaluation {
  rows: Row[];
  violations: Violation[];
  /** No error-level budget broken. */
  passed: boolean;
  newModels: string[];
}

const STANDARD: readonly Exclude<Metric, 'latency'>[] = ['params', 'gmacs', 'gflops', 'weights', 'peak-memory', 'memory-traffic'];

export function metricValue(report: ModelReport | null | undefined, metric: Metric, device?: string): number | null {
  if (!report) return null;
  const t = report.totals;
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
    case 'latency':
      return device ? (report.latency?.[device]?.ms ?? null) : null;
  }
}

export const METRIC_LABEL: Record<Metric, string> = {
  params: 'params',
  gmacs: 'GMACs',
  gflops: 'GFLOPs',
  weights: 'weights',
  'peak-memory': 'peak memory',
  'memory-traffic': 'memory traffic',
  latency: 'latency',
};

function evaluateRow(m: ModelResult, cfg: BudgetsConfig, metric: Metric, device: string | undefined, out: Evaluation): Row {
  const value = metricValue(m.report, metric, device);
  const base = m.base ? metricValue(m.base, metric, device) : null;
  let change: Row['change'] = null;
  if (value !== null && base !== null) {
    const delta = value - base;
    const percent = base === 0 ? (delta === 0 ? 0 : null) : (100 * delta) / base;
    const below = percent !== null && Math.abs(percent) < m.config.minChange;
    if (delta !== 0 && !below) change = { delta, percent };
  }
  const row: Row = { model: m.path, metric, value, base, change, budget: null, usedPercent: null, maxIncrease: null, status: 'info', reason: '' };
  if (device) row.device = device;
  const label = `${METRIC_LABEL[metric]}${device ? ` on ${device}` : ''}`;
  const broken: { level: Level; message: string; at: Position }[] = [];
  const passed: string[] = [];

  const abs = m.config.budgets.find((b) => b.metric === metric && b.device === device);
  if (abs) {
    row.budget = abs.max;
    if (value === null) broken.push({ level: abs.level, message: `${label} could not be computed for ${m.path}`, at: abs.at });
    else {
      row.usedPercent = abs.max > 0 ? (100 * value) / abs.max : null;
      if (value > abs.max) broken.push({ level: abs.level, message: `${label} of ${m.path} is ${fmt(metric, value)}, over its budget of ${fmt(metric, abs.max)}`, at: abs.at });
      else passed.push('within budget');
    }
  }
  const rel = m.config.maxIncrease.find((r) => r.metric === metric);
  if (rel) {
    row.maxIncrease = rel.percent !== undefined ? { percent: rel.percent } : { absolute: rel.absolute };
    if (!m.base) passed.push('new model: no baseline to compare');
    else if (value !== null && base !== null) {
      const delta = value - base;
      const percent = base === 0 ? (delta > 0 ? Infinity : 0) : (100 * delta) / base;
      const over = rel.percent !== undefined ? percent > rel.percent : delta > rel.absolute!;
      const allowed = rel.percent !== undefined ? `${rel.percent}%` : fmt(metric, rel.absolute!);
      if (over) {
        const by = Number.isFinite(percent) ? `+${percent.toFixed(1)}%` : `from 0 to ${fmt(metric, value)}`;
        broken.push({ level: rel.level, message: `${label} of ${m.path} grew ${by} (${fmt(metric, base)} → ${fmt(metric, value)}), more than the ${allowed} allowed`, at: rel.at });
      } else passed.push(`increase within ${allowed}`);
    } else {
      // A baseline without this value (a report saved without --device, say): not broken, but said.
      passed.push(`not compared: no ${value === null ? 'value' : 'baseline value'} for ${label}`);
    }
  }
  for (const b of broken) out.violations.push({ model: m.path, metric, device, level: b.level, message: b.message, file: cfg.file, at: b.at });
  if (broken.some((b) => b.level === 'error')) row.status = 'fail';
  else if (broken.length) row.status = 'warn';
  else if (abs || rel) row.status = 'pass';
  row.reason = broken.length ? broken.map((b) => b.message).join('; ') : passed.join('; ');
  return row;
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
      return Math.abs(v) < 0.1 && v !== 0 ? `${sig(v * 1e3)} µs` : `${sig(v)} ms`;
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

export function evaluateBudgets(cfg: BudgetsConfig, results: readonly ModelResult[]): Evaluation {
  const out: Evaluation = { rows: [], violations: [], passed: true, newModels: [] };
  for (const m of results) {
    if (!m.base) out.newModels.push(m.path);
    for (const metric of STANDARD) out.rows.push(evaluateRow(m, cfg, metric, undefined, out));
    for (const device of cfg.devices) out.rows.push(evaluateRow(m, cfg, 'latency', device, out));
  }
  out.passed = !out.violations.some((v) => v.level === 'error');
  return out;
}

/**
 * Trend over runs, the pure part (no I/O): the history the action keeps in a branch (a
 * versioned JSON file of each run's totals per model), its validation when read back, appending
 * a run, and the sparklines of the last runs for the job summary.
 *
 * The history lives in a branch that anyone with push access can edit: whatever is read back is
 * untrusted. {@link parseHistory} checks shape, types and bounds and never throws; a file that
 * fails is reported (a warning) and replaced by a fresh history.
 */
import { fmt } from '../budgets/evaluate.js';
import { escapeMarkdown, escapeMarkdownCode } from '../report/escape.js';
import { formatBytes, formatCount } from '../report/format.js';
import type { ModelReport } from '../report/model-report.js';
import { safeText } from '../util/sanitize.js';

export const HISTORY_VERSION = 1;
/** The most runs a history keeps (so at most this many entries per model): older ones are dropped. */
export const MAX_RUNS = 500;
/** The most models one run may record (more than any budgets file names in practice). */
export const MAX_MODELS = 1000;
/** The most devices one model's latency may record. */
export const MAX_DEVICES = 64;
export const MAX_PATH = 1024;
export const MAX_REF = 256;

export const METRIC_KEYS = ['params', 'macs', 'flops', 'weightBytes', 'peakActivationBytes'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export type ModelPoint = Record<MetricKey, number> & { latency: Record<string, number> };

export interface TrendRun {
  /** The commit (40 or 64 hex digits). */
  sha: string;
  /** The ref the run was on (refs/heads/main, refs/pull/7/merge). */
  ref: string;
  /** When the run was recorded (ISO 8601). */
  date: string;
  /** Per model path (as reports show it). */
  models: Record<string, ModelPoint>;
}

export interface History {
  version: typeof HISTORY_VERSION;
  runs: TrendRun[];
}

export function emptyHistory(): History {
  return { version: HISTORY_VERSION, runs: [] };
}

/** A run's entry from the check's results (each model's totals and latency per device). */
export function runFromResults(results: readonly { path: string; report: ModelReport }[], sha: string, ref: string, date: string): TrendRun {
  const models = new Map<string, ModelPoint>();
  for (const r of results.slice(0, MAX_MODELS)) {
    const t = r.report.totals;
    const latency = new Map<string, number>();
    for (const [device, l] of Object.entries(r.report.latency ?? {}).slice(0, MAX_DEVICES)) if (Number.isFinite(l.ms)) latency.set(device, l.ms);
    models.set(r.path, {
      params: t.params,
      macs: t.macs,
      flops: t.flops,
      weightBytes: t.weightBytes,
      peakActivationBytes: t.peakActivationBytes,
      latency: Object.fromEntries(latency),
    });
  }
  return { sha, ref, date, models: Object.fromEntries(models) };
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMeasure = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The first problem of a run entry (its index in `where`), or the validated entry. */
function validateRun(v: unknown, where: string): TrendRun | string {
  if (!isObject(v)) return `${where} is not an object`;
  if (typeof v.sha !== 'string' || !SHA.test(v.sha)) return `${where}.sha is not a commit sha`;
  if (typeof v.ref !== 'string' || v.ref.length > MAX_REF) return `${where}.ref is not a string of at most ${MAX_REF} characters`;
  if (typeof v.date !== 'string' || !ISO_DATE.test(v.date) || Number.isNaN(Date.parse(v.date))) return `${where}.date is not an ISO 8601 date`;
  if (!isObject(v.models)) return `${where}.models is not an object`;
  const entries = Object.entries(v.models);
  if (entries.length > MAX_MODELS) return `${where}.models has more than ${MAX_MODELS} models`;
  const models = new Map<string, ModelPoint>();
  for (const [path, m] of entries) {
    const at = `${where}.models[${JSON.stringify(safeText(path, 60))}]`;
    if (path === '' || path.length > MAX_PATH) return `${where}.models has a model path that is empty or longer than ${MAX_PATH} characters`;
    if (!isObject(m)) return `${at} is not an object`;
    for (const k of METRIC_KEYS) if (!isMeasure(m[k])) return `${at}.${k} is not a finite number >= 0`;
    if (!isObject(m.latency)) return `${at}.latency is not an object`;
    const lat = Object.entries(m.latency);
    if (lat.length > MAX_DEVICES) return `${at}.latency has more than ${MAX_DEVICES} devices`;
    for (const [device, ms] of lat) {
      if (device === '' || device.length > 100) return `${at}.latency has a device id that is empty or longer than 100 characters`;
      if (!isMeasure(ms)) return `${at}.latency.${safeText(device, 40)} is not a finite number >= 0`;
    }
    const point = Object.fromEntries(METRIC_KEYS.map((k) => [k, m[k] as number])) as Record<MetricKey, number>;
    models.set(path, { ...point, latency: Object.fromEntries(lat as [string, number][]) });
  }
  return { sha: v.sha, ref: v.ref, date: v.date, models: Object.fromEntries(models) };
}

/**
 * A history read back from the branch: `text` null (no file yet) gives a fresh history; a file
 * that is not valid JSON, not version 1, or has any malformed entry gives a fresh history and
 * `problem` (for a warning). More than `maxRuns` runs keep the last ones. Never throws.
 */
export function parseHistory(text: string | null, maxRuns = MAX_RUNS): { history: History; problem?: string } {
  if (text === null) return { history: emptyHistory() };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { history: emptyHistory(), problem: 'it is not valid JSON' };
  }
  if (!isObject(data)) return { history: emptyHistory(), problem: 'it is not a JSON object' };
  if (data.version !== HISTORY_VERSION) return { history: emptyHistory(), problem: `its version is not ${HISTORY_VERSION}` };
  if (!Array.isArray(data.runs)) return { history: emptyHistory(), problem: 'its runs is not an array' };
  const runs: TrendRun[] = [];
  const seen = new Set<string>();
  // Only the runs that are kept are validated (a long file costs no more than a trimmed one).
  const start = Math.max(0, data.runs.length - maxRuns);
  for (let i = start; i < data.runs.length; i++) {
    const r = validateRun(data.runs[i], `runs[${i}]`);
    if (typeof r === 'string') return { history: emptyHistory(), problem: r };
    if (seen.has(r.sha)) return { history: emptyHistory(), problem: `runs[${i}].sha appears twice` };
    seen.add(r.sha);
    runs.push(r);
  }
  return { history: { version: HISTORY_VERSION, runs } };
}

/**
 * The history with `run` recorded: a run of a commit already there (a re-run) replaces that
 * entry in place; a new one is appended. Only the last `maxRuns` runs are kept.
 */
export function appendRun(history: History, run: TrendRun, maxRuns = MAX_RUNS): History {
  const i = history.runs.findIndex((r) => r.sha === run.sha);
  const runs = i >= 0 ? history.runs.map((r, j) => (j === i ? run : r)) : [...history.runs, run];
  return { version: HISTORY_VERSION, runs: runs.slice(Math.max(0, runs.length - Math.max(1, maxRuns))) };
}

export function serializeHistory(history: History): string {
  return JSON.stringify(history, null, 1) + '\n';
}

/** The eight levels of a sparkline, lowest first. */
export const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * One block per value, scaled from the series' min (▁) to its max (█): level
 * round((v - min) / (max - min) * 7). A constant series is a flat line of ▄.
 */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (max === min) return BLOCKS[3].repeat(values.length);
  return values.map((v) => BLOCKS[Math.round(((v - min) / (max - min)) * 7)]).join('');
}

/** The change from `a` to `b`, in percent (`+50%`, `-3.1%`, `±0`; `new` from 0). */
export function change(a: number, b: number): string {
  if (a === b) return '±0';
  if (a === 0) return 'new';
  const p = ((b - a) / a) * 100;
  const s = Math.abs(p) >= 10 ? p.toFixed(0) : Math.abs(p) >= 0.1 ? p.toFixed(1) : p.toPrecision(1);
  return `${p > 0 ? '+' : ''}${s}%`;
}

interface Series {
  label: string;
  get: (m: ModelPoint) => number | undefined;
  show: (v: number) => string;
}

function seriesFor(devices: readonly string[]): Series[] {
  return [
    { label: 'params', get: (m) => m.params, show: (v) => formatCount(v) },
    { label: 'MACs', get: (m) => m.macs, show: (v) => formatCount(v) },
    { label: 'peak activations', get: (m) => m.peakActivationBytes, show: formatBytes },
    ...devices.map((d) => ({
      label: `latency ${d}`,
      get: (m: ModelPoint) => (Object.hasOwn(m.latency, d) ? m.latency[d] : undefined),
      show: (v: number) => fmt('latency', v),
    })),
  ];
}

export interface TrendRenderOptions {
  /** How many runs the sparkline shows (the last ones). */
  runs: number;
  /** The branch the history lives in (named in the heading). */
  branch: string;
  /**
   * A run not in the history (a PR's values): drawn as the last point, after a `·`, and the
   * `last` column is its value. Without it the last run of the history is the current one.
   */
  pending?: TrendRun;
}

/**
 * The job summary's trend section: per model of the current run (the pending one, else the
 * last of the history), per key metric (params, MACs, peak activations, latency per device),
 * a sparkline of the last `runs` runs with the first and last values and the change. Runs
 * without the model (or the device) are skipped. Empty when there is nothing to draw.
 */
export function renderTrend(history: History, options: TrendRenderOptions): string {
  const n = Math.max(1, Math.floor(options.runs));
  const { pending } = options;
  // Oldest to newest; the last point is the current run.
  const points = pending
    ? [...history.runs.filter((r) => r.sha !== pending.sha).slice(n > 1 ? -(n - 1) : history.runs.length), pending]
    : history.runs.slice(-n);
  const current = points.at(-1);
  if (!current) return '';
  const shown = points.slice(0, -1);
  const rows: string[] = [];
  for (const [path, point] of Object.entries(current.models)) {
    const devices = Object.keys(point.latency).slice(0, MAX_DEVICES);
    for (const s of seriesFor(devices)) {
      const last = s.get(point);
      if (last === undefined) continue;
      const before: number[] = [];
      for (const r of shown) {
        const m = Object.hasOwn(r.models, path) ? r.models[path] : undefined;
        const v = m ? s.get(m) : undefined;
        if (v !== undefined) before.push(v);
      }
      const line = sparkline([...before, last]);
      const drawn = pending ? `${line.slice(0, -1)}·${line.slice(-1)}` : line;
      const first = before.length ? before[0] : last;
      rows.push(`| ${escapeMarkdownCode(path, { table: true })} | ${s.label} | ${drawn} | ${s.show(first)} | ${s.show(last)} | ${change(first, last)} |`);
    }
  }
  if (rows.length === 0) return '';
  const count = shown.length + 1;
  const heading = options.pending
    ? `### Trend: the last ${count - 1} run(s) of ${escapeMarkdownCode(options.branch)} and this run (after ·)`
    : `### Trend: the last ${count} run(s) of ${escapeMarkdownCode(options.branch)}`;
  return [
    heading,
    '',
    `| model | metric | trend | first | ${options.pending ? 'this run' : 'last'} | change |`,
    '|---|---|---|--:|--:|--:|',
    ...rows,
    '',
    `<sub>${escapeMarkdown(`Oldest to newest, scaled from each series' minimum (▁) to its maximum (█); history in ${safeText(options.branch, 100)}.`)}</sub>`,
    '',
  ].join('\n');
}

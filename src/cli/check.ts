/**
 * `model-budget check`: evaluate the budgets file, print a verdict table, exit 0 / 1 / 2.
 */
import { dirname, resolve } from 'node:path';
import { METRIC_LABEL, fmt, fmtUsed, type Row } from '../budgets/evaluate.js';
import type { CheckOutcome } from '../check/run.js';
import { formatPercent, phasesText } from '../report/text.js';
import { textTable } from '../report/format.js';
import { boundedMetric, lowerBoundText } from '../report/bounds.js';
import { neutraliseCommands, safeText } from '../util/sanitize.js';
import { enclosingRepo } from '../io/safe-open.js';

/** The repository a budgets file belongs to: the nearest folder up with a .git, else its own folder. */
export function repoRoot(budgetsPath: string): string {
  const dir = dirname(resolve(budgetsPath));
  return enclosingRepo(dir) ?? dir;
}

const STATUS: Record<string, string> = { pass: 'pass', warn: 'WARN', fail: 'FAIL', info: '' };

/** Which limits a row broke, with their levels: 'relative (error)', 'absolute (warn), incomplete (error)'. */
export function brokenText(r: Row): string {
  return r.broken.map((b) => `${b.kind} (${b.level})`).join(', ');
}

/** A value, marked when it is a lower bound: '≥ 1.2G', or '≥ 1.2G, ≤ 3G' with its static upper bound (as src/report/bounds.ts writes figures). */
export function valueText(r: Row): string {
  if (r.value === null) return '?';
  const v = fmt(r.metric, r.value);
  if (!r.lowerBound) return v;
  return lowerBoundText(v, r.upperBound !== null ? fmt(r.metric, r.upperBound) : null);
}

export function renderCheckText(outcome: CheckOutcome): string {
  // New models by path (a Set, not a search per row: linear in the number of rows).
  const resultsBy = new Map(outcome.results.map((m) => [m.path, m]));
  const newPaths = new Set(outcome.json.base !== null ? outcome.results.filter((m) => !m.base).map((m) => m.path) : []);
  const rows = outcome.evaluation.rows
    .filter((r) => r.status !== 'info' || r.change)
    .map((r) => {
      const isNew = newPaths.has(r.model);
      return [
        r.model,
        `${METRIC_LABEL[r.metric]}${r.device ? ` ${r.device}` : ''}${r.phase ? ` @${r.phase}` : ''}`,
        valueText(r),
        isNew
          ? 'new'
          : r.base === null
            ? ''
            : r.phase
              ? fmt(r.metric, r.base)
              : boundedMetric(resultsBy.get(r.model)?.base, r.metric, r.device, r.base, (v) => fmt(r.metric, v)),
        r.change ? `${r.change.delta > 0 ? '+' : '-'}${fmt(r.metric, Math.abs(r.change.delta))} ${formatPercent(r.change.percent)}`.trim() : '',
        [
          r.budget !== null ? `${r.floor ? '≥ ' : ''}${fmt(r.metric, r.budget)}` : '',
          r.maxIncrease ? (r.maxIncrease.percent !== undefined ? `+${r.maxIncrease.percent}%` : `+${fmt(r.metric, r.maxIncrease.absolute!)}`) : '',
        ]
          .filter(Boolean)
          .join(', '),
        // Used: of the absolute budget only (blank without one).
        r.usedPercent === null ? '' : fmtUsed(r.usedPercent),
        STATUS[r.status],
        brokenText(r),
      ];
    });
  // A model in the baseline but gone now: one row per total, its value 'removed'.
  for (const path of outcome.removedModels) {
    const cmp = outcome.comparisons.find((c) => c.path === path && c.status === 'removed');
    for (const [metric, key, scale] of [
      ['params', 'params', 1],
      ['gflops', 'flops', 1e9],
    ] as const) {
      const b = cmp?.totals[key].base;
      const base = b == null ? null : b / scale;
      rows.push([path, METRIC_LABEL[metric], 'removed', base === null ? '' : fmt(metric, base), '', '', '', 'removed', '']);
    }
  }
  const out: string[] = [];
  out.push(
    textTable(
      ['model', 'metric', 'value', 'baseline', 'change', 'budget', 'used', 'status', 'broken'],
      rows,
      [false, false, true, true, true, true, true, false, false],
      240,
    ),
  );
  // Models with phases (prefill, decode, generate): each phase's figures and latency.
  for (const m of outcome.results) {
    const phases = phasesText(m.report);
    if (phases.length) out.push('', safeText(m.path, 300), ...phases);
  }
  const errors = outcome.violations.filter((v) => v.level === 'error');
  const warns = outcome.violations.filter((v) => v.level === 'warn');
  if (outcome.violations.length) {
    out.push('');
    for (const v of outcome.violations) out.push(`${safeText(v.file, 300)}:${v.at.line}:${v.at.column}: ${v.level}: ${safeText(v.message, 1000)}`);
  }
  out.push('');
  out.push(
    errors.length
      ? `FAILED: ${errors.length} budget(s) broken${warns.length ? `, ${warns.length} warning(s)` : ''}`
      : `passed${warns.length ? ` with ${warns.length} warning(s)` : ''}: ${outcome.results.length} model(s), ${outcome.evaluation.rows.filter((r) => r.status !== 'info').length} budget(s) checked`,
  );
  return neutraliseCommands(out.join('\n') + '\n');
}

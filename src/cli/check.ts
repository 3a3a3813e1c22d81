/**
 * `model-budget check`: evaluate the budgets file, print a verdict table, exit 0 / 1 / 2.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { METRIC_LABEL, fmt, fmtUsed } from '../budgets/evaluate.js';
import type { CheckOutcome } from '../check/run.js';
import { formatPercent } from '../report/text.js';
import { textTable } from '../report/format.js';
import { neutraliseCommands, safeText } from '../util/sanitize.js';

/** The repository a budgets file belongs to: the nearest folder up with a .git, else its own folder. */
export function repoRoot(budgetsPath: string): string {
  let dir = dirname(resolve(budgetsPath));
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return dirname(resolve(budgetsPath));
    dir = up;
  }
}

const STATUS: Record<string, string> = { pass: 'pass', warn: 'WARN', fail: 'FAIL', info: '' };

export function renderCheckText(outcome: CheckOutcome): string {
  const rows = outcome.evaluation.rows
    .filter((r) => r.status !== 'info' || r.change)
    .map((r) => {
      const isNew = outcome.json.base !== null && !outcome.results.find((m) => m.path === r.model)?.base;
      return [
        r.model,
        `${METRIC_LABEL[r.metric]}${r.device ? ` ${r.device}` : ''}`,
        r.value === null ? '?' : fmt(r.metric, r.value),
        isNew ? 'new' : r.base === null ? '' : fmt(r.metric, r.base),
        r.change ? `${r.change.delta > 0 ? '+' : '-'}${fmt(r.metric, Math.abs(r.change.delta))} ${formatPercent(r.change.percent)}`.trim() : '',
        [r.budget !== null ? fmt(r.metric, r.budget) : '', r.maxIncrease ? (r.maxIncrease.percent !== undefined ? `+${r.maxIncrease.percent}%` : `+${fmt(r.metric, r.maxIncrease.absolute!)}`) : '']
          .filter(Boolean)
          .join(', '),
        r.usedPercent === null ? '' : fmtUsed(r.usedPercent),
        STATUS[r.status],
      ];
    });
  const out: string[] = [];
  out.push(textTable(['model', 'metric', 'value', 'baseline', 'change', 'budget', 'used', 'status'], rows, [false, false, true, true, true, true, true, false], 240));
  // Paths and messages name files from the pull request (and a baseline report): one line each, no control characters.
  if (outcome.removedModels.length) out.push('', `removed since the baseline: ${outcome.removedModels.map((p) => safeText(p, 200)).join(', ')}`);
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

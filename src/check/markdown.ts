/**
 * The check as Markdown: the PR comment (compact) and the job summary (the comment plus the
 * full analysis of each model). Everything taken from files is escaped.
 */
import { boundedMetric } from '../report/bounds.js';
import type { ModelReport } from '../report/model-report.js';
import { METRIC_LABEL, fmt, fmtUsed, type Row } from '../budgets/evaluate.js';
import { escapeMarkdown, escapeMarkdownCode } from '../report/escape.js';
import { renderAnalyzeMarkdown } from '../report/markdown.js';
import type { CheckOutcome } from './run.js';

export interface CheckMarkdownOptions {
  /** Where the baseline came from ("merge-base 1a2b3c4", "baseline: base.json", ...). */
  baselineNote?: string;
  version: string;
  commentKey?: string;
  /** The job summary: add each model's full analysis. */
  full?: boolean;
  /** Changed layers listed per model (default 15). */
  topLayers?: number;
}

/** An icon scaled by the size of a change (as compressed-size-action does). */
export function changeIcon(percent: number | null, isNew = false): string {
  if (isNew) return '🆕';
  if (percent === null) return '';
  if (percent >= 50) return '🆘';
  if (percent >= 20) return '🚨';
  if (percent >= 10) return '⚠️';
  if (percent >= 5) return '🔍';
  if (percent > 0) return '🔺';
  if (percent <= -50) return '🏆';
  if (percent <= -20) return '🎉';
  if (percent <= -10) return '👏';
  if (percent < 0) return '✅';
  return '';
}

const STATUS_ICON: Record<Row['status'], string> = { pass: '✅', warn: '⚠️', fail: '❌', info: '' };

function metricCell(r: Row): string {
  return r.device ? `${METRIC_LABEL[r.metric]} ${escapeMarkdownCode(r.device, { table: true })}` : METRIC_LABEL[r.metric];
}

/** A metric's value in a model's report: `≥ 1.2G` (and the `≤` bound) when the figure is a lower bound. */
function value(report: ModelReport | null | undefined, row: Row, v: number | null): string {
  return v === null ? '–' : escapeMarkdown(boundedMetric(report, row.metric, row.device, v, (x) => fmt(row.metric, x)), { max: 60 });
}

function changeCell(r: Row, isNew: boolean): string {
  if (isNew) return '🆕 new';
  if (!r.change) return r.base === null ? '' : '=';
  const sign = r.change.delta > 0 ? '+' : '−';
  const pct = r.change.percent === null ? '' : ` (${r.change.delta > 0 ? '+' : '−'}${Math.abs(r.change.percent).toFixed(Math.abs(r.change.percent) < 10 ? 1 : 0)}%)`;
  return `${sign}${fmt(r.metric, Math.abs(r.change.delta))}${pct} ${changeIcon(r.change.percent)}`.trim();
}

function budgetCell(r: Row): string {
  const parts: string[] = [];
  if (r.budget !== null) parts.push(`≤ ${fmt(r.metric, r.budget)}`);
  if (r.maxIncrease) parts.push(r.maxIncrease.percent !== undefined ? `+${r.maxIncrease.percent}% max` : `+${fmt(r.metric, r.maxIncrease.absolute!)} max`);
  return parts.join(', ');
}

export function renderCheckMarkdown(outcome: CheckOutcome, options: CheckMarkdownOptions): string {
  const { evaluation, results } = outcome;
  const errors = outcome.violations.filter((v) => v.level === 'error').length;
  const warns = outcome.violations.length - errors;
  const out: string[] = [];
  const headline = errors
    ? `❌ model-budget: ${errors} budget${errors === 1 ? '' : 's'} broken${warns ? `, ${warns} warning${warns === 1 ? '' : 's'}` : ''}`
    : warns
      ? `⚠️ model-budget: all error budgets pass, ${warns} warning${warns === 1 ? '' : 's'}`
      : '✅ model-budget: all budgets pass';
  out.push(`### ${headline}`);
  const sub = [
    `${results.length} model${results.length === 1 ? '' : 's'}`,
    escapeMarkdown(outcome.json.budgets, { max: 200 }),
    options.baselineNote ? escapeMarkdown(options.baselineNote, { max: 200 }) : 'no baseline',
  ];
  out.push(`<sub>${sub.join(' · ')}</sub>`, '');

  for (const r of results) {
    const rows = evaluation.rows.filter((x) => x.model === r.path);
    const isNew = outcome.json.base !== null && r.base === null;
    out.push(`#### ${escapeMarkdownCode(r.path)}${isNew ? ' 🆕' : ''}`);
    if (isNew && r.baseNote) out.push(`<sub>${escapeMarkdown(r.baseNote, { max: 300 })}</sub>`);
    out.push('', '| metric | base | PR | change | budget | used | status |', '| --- | --: | --: | --: | --: | --: | :-: |');
    for (const row of rows) {
      // Metrics with no budget and no change are left out of the comment to keep it short.
      if (row.status === 'info' && !row.change && !isNew && !options.full) continue;
      out.push(
        `| ${metricCell(row)} | ${isNew ? '–' : value(r.base, row, row.base)} | ${value(r.report, row, row.value)} | ${changeCell(row, isNew)} | ${budgetCell(row)} | ${row.usedPercent === null ? '' : fmtUsed(row.usedPercent)} | ${STATUS_ICON[row.status]} |`,
      );
    }
    const cmp = outcome.comparisons.find((c) => c.path === r.path);
    const changed = cmp?.nodes ?? [];
    if (changed.length) {
      const top = options.topLayers ?? 15;
      out.push('', `<details><summary>Layers whose cost changed (${changed.length})</summary>`, '');
      out.push('| layer | op | FLOPs base | FLOPs PR | change | params change |', '| --- | --- | --: | --: | --: | --: |');
      for (const n of changed.slice(0, top)) {
        const pct = n.flops.percent === null ? '' : ` (${n.flops.percent > 0 ? '+' : n.flops.percent < 0 ? '−' : ''}${Math.abs(n.flops.percent).toFixed(0)}%)`;
        const delta = n.flops.delta ?? 0;
        out.push(
          `| ${escapeMarkdownCode(n.name, { table: true, max: 80 })} | ${escapeMarkdownCode(n.opType, { table: true, max: 40 })} | ${n.status === 'added' ? 'new' : fmt('params', n.flops.base ?? 0)} | ${n.status === 'removed' ? 'removed' : fmt('params', n.flops.head ?? 0)} | ${delta > 0 ? '+' : delta < 0 ? '−' : ''}${fmt('params', Math.abs(delta))}${pct} | ${n.params.delta ? `${n.params.delta > 0 ? '+' : '−'}${fmt('params', Math.abs(n.params.delta))}` : ''} |`,
        );
      }
      if (changed.length > top) out.push('', `…and ${changed.length - top} more.`);
      out.push('', '</details>');
    }
    out.push('');
  }
  if (outcome.removedModels.length) {
    out.push(`**Removed in this change:** ${outcome.removedModels.map((p) => escapeMarkdownCode(p)).join(', ')}`, '');
  }
  if (outcome.violations.length) {
    out.push('**Broken budgets**', '');
    for (const v of outcome.violations) {
      out.push(`- ${v.level === 'error' ? '❌' : '⚠️'} ${escapeMarkdown(v.message, { max: 400 })} (${escapeMarkdown(`${v.file}:${v.at.line}`)})`);
    }
    out.push('');
  }
  if (options.full) {
    out.push('---', '');
    out.push(renderAnalyzeMarkdown(outcome.json.head, { title: 'Full analysis', headingLevel: 4 }));
  }
  out.push(
    `<sub>model-budget ${escapeMarkdown(options.version)} · static figures from the graph (deterministic, no device needed); latency is a roofline estimate · MACs: one multiply-add = 1</sub>`,
  );
  return out.join('\n') + '\n';
}

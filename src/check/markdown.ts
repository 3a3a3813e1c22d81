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
  return v === null
    ? '–'
    : escapeMarkdown(
        boundedMetric(report, row.metric, row.device, v, (x) => fmt(row.metric, x)),
        { max: 60 },
      );
}

/** The head's value, marked when it is a lower bound: '≥ 1.2G', with its static upper bound when known. */
function headValue(r: Row): string {
  if (r.value === null) return '–';
  if (!r.lowerBound) return fmt(r.metric, r.value);
  return `≥ ${fmt(r.metric, r.value)}${r.upperBound !== null ? `, ≤ ${fmt(r.metric, r.upperBound)}` : ''}`;
}

const LEVEL_ICON = { error: '❌', warn: '⚠️' } as const;

/** The status, and which limit broke: '❌ relative', '⚠️ absolute ❌ relative', '✅'. */
function statusCell(r: Row): string {
  if (!r.broken.length) return STATUS_ICON[r.status];
  return r.broken.map((b) => `${LEVEL_ICON[b.level]} ${b.kind}`).join(' ');
}

function changeCell(r: Row, isNew: boolean): string {
  if (isNew) return '🆕 new';
  if (!r.change) return r.base === null ? '' : '=';
  const sign = r.change.delta > 0 ? '+' : '−';
  const pct =
    r.change.percent === null ? '' : ` (${r.change.delta > 0 ? '+' : '−'}${Math.abs(r.change.percent).toFixed(Math.abs(r.change.percent) < 10 ? 1 : 0)}%)`;
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

  // Rows and comparisons by model (one pass each: linear in the number of models).
  const rowsBy = new Map<string, Row[]>();
  for (const x of evaluation.rows) {
    const list = rowsBy.get(x.model);
    if (list) list.push(x);
    else rowsBy.set(x.model, [x]);
  }
  const cmpBy = new Map(outcome.comparisons.map((c) => [c.path, c]));
  for (const r of results) {
    const rows = rowsBy.get(r.path) ?? [];
    const isNew = outcome.json.base !== null && r.base === null;
    out.push(`#### ${escapeMarkdownCode(r.path)}${isNew ? ' 🆕' : ''}`);
    if (isNew && r.baseNote) out.push(`<sub>${escapeMarkdown(r.baseNote, { max: 300 })}</sub>`);
    out.push('', '| metric | base | PR | change | budget | used | status |', '| --- | --: | --: | --: | --: | --: | :-: |');
    for (const row of rows) {
      // Metrics with no budget and no change are left out of the comment to keep it short.
      if (row.status === 'info' && !row.change && !isNew && !options.full) continue;
      out.push(
        `| ${metricCell(row)} | ${isNew ? '–' : value(r.base, row, row.base)} | ${headValue(row)} | ${changeCell(row, isNew)} | ${budgetCell(row)} | ${row.usedPercent === null ? '' : fmtUsed(row.usedPercent)} | ${statusCell(row)} |`,
      );
    }
    const cmp = cmpBy.get(r.path);
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
  for (const path of outcome.removedModels) {
    // In the baseline, gone now: its baseline totals, so a reviewer sees what left.
    const cmp = outcome.comparisons.find((c) => c.path === path && c.status === 'removed');
    out.push(`#### ${escapeMarkdownCode(path)} — removed`, '', '| metric | base | PR | change |', '| --- | --: | --: | --: |');
    for (const [metric, key, scale] of [
      ['params', 'params', 1],
      ['gflops', 'flops', 1e9],
    ] as const) {
      const b = cmp?.totals[key].base;
      out.push(`| ${METRIC_LABEL[metric]} | ${b == null ? '–' : fmt(metric, b / scale)} | – | removed |`);
    }
    out.push('');
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

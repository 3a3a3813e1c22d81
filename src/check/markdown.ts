/**
 * The check as Markdown: the PR comment (compact) and the job summary (the comment's layout with
 * every figure, plus the full analysis of each model). Everything taken from files is escaped.
 *
 * Built to scale from 1 model to hundreds:
 * - a summary line first (`N models: k changed, b broken, w warnings`: models changed, budgets
 *   broken and warned; then models new and removed against a baseline);
 * - changed models first: broken budgets, then warnings, then the largest relative change,
 *   then new models; each with its figures table and its layer diff grouped by module scope
 *   (the node-name prefix to `scopeDepth` segments), the top groups each expandable to its layers;
 * - unchanged models in one compact table inside `<details>`, a row each;
 * - emoji only on budget status, never on a figure that has no budget;
 * - figures never wrap inside a table cell: no-break spaces between a number and its unit and
 *   inside bounds, non-breaking hyphens in device ids;
 * - under `maxChars` (the comment: GitHub's 65,536; the job summary: 1 MiB), shedding detail in
 *   steps (fewer layer groups, no layer diff, phase tables as one line, unchanged models as a
 *   count, changed models as one compact table) and saying so, with a pointer to the job summary;
 * - a model with phases (prefill, decode, generate) gets its phase table, collapsed.
 */
import { boundedMetric, lowerBoundText } from '../report/bounds.js';
import type { ModelReport } from '../report/model-report.js';
import type { ModelComparison, NodeChange } from '../report/compare.js';
import { METRIC_LABEL, fmt, fmtUsed, type ModelResult, type Row, type Violation } from '../budgets/evaluate.js';
import { escapeHtml, escapeMarkdown, escapeMarkdownCode, noBreakHyphens, noWrap, NBSP } from '../report/escape.js';
import { renderAnalyzeMarkdown } from '../report/markdown.js';
import { latencyCells, phaseCells, phaseDevices, phaseEntries, phaseLatency } from '../report/phase-rows.js';
import { fmtMs } from '../report/svg.js';
import type { CheckOutcome } from './run.js';

export interface CheckMarkdownOptions {
  /** Where the baseline came from ("merge-base 1a2b3c4", "baseline: base.json", ...). */
  baselineNote?: string;
  version: string;
  commentKey?: string;
  /** The job summary: every figure, more layer groups, and each model's full analysis. */
  full?: boolean;
  /** Layer-diff groups shown per changed model (default 8 in the comment, 25 in the summary). */
  topGroups?: number;
  /** Layers listed inside each group (default 10 in the comment, 50 in the summary). */
  groupLayers?: number;
  /** Segments of a node name that make its module scope (default {@link DEFAULT_SCOPE_DEPTH}). */
  scopeDepth?: number;
  /** Longest output: characters in the comment (default 60,000), UTF-8 bytes in the summary (default 1,000,000). */
  maxChars?: number;
}

/** `/features/features.18/conv/Conv` groups under `/features/features.18`. */
export const DEFAULT_SCOPE_DEPTH = 2;
/** Under GitHub's 65,536-character comment limit, with room for the hidden marker. */
export const COMMENT_MAX_CHARS = 60_000;
/** Under the job summary's 1 MiB limit, in UTF-8 bytes. */
export const SUMMARY_MAX_BYTES = 1_000_000;
/** Most device latency columns in the unchanged-models table. */
const DEVICE_COLUMNS = 3;

const STATUS_ICON: Record<Row['status'], string> = { pass: '✅', warn: '⚠️', fail: '❌', info: '' };
const LEVEL_ICON = { error: '❌', warn: '⚠️' } as const;

/** A device id in a table cell: a code span whose hyphens do not break. */
const deviceCode = (d: string) => escapeMarkdownCode(noBreakHyphens(d), { table: true, max: 60 });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function metricCell(r: Row): string {
  const phase = r.phase ? ` at${NBSP}${escapeMarkdown(r.phase, { max: 40 })}` : '';
  return `${r.device ? `${METRIC_LABEL[r.metric]}${NBSP}${deviceCode(r.device)}` : METRIC_LABEL[r.metric]}${phase}`;
}

/** A metric's value in a model's report: `≥ 1.2G` (and the `≤` bound) when the figure is a lower bound. */
function value(report: ModelReport | null | undefined, row: Pick<Row, 'metric' | 'device' | 'phase'>, v: number | null): string {
  if (v !== null && row.phase) return noWrap(fmt(row.metric, v));
  return v === null
    ? '–'
    : noWrap(
        escapeMarkdown(
          boundedMetric(report, row.metric, row.device, v, (x) => fmt(row.metric, x)),
          { max: 60 },
        ),
      );
}

/** The head's value, marked when it is a lower bound: '≥ 1.2G', with its static upper bound when known. */
function headValue(r: Row): string {
  if (r.value === null) return '–';
  if (!r.lowerBound) return noWrap(fmt(r.metric, r.value));
  return noWrap(lowerBoundText(fmt(r.metric, r.value), r.upperBound !== null ? fmt(r.metric, r.upperBound) : null));
}

/** The status of a budgeted row, and which limit broke: '❌ relative', '⚠️ absolute ❌ relative', '✅'. Empty without a budget. */
function statusCell(r: Row): string {
  if (!r.broken.length) return STATUS_ICON[r.status];
  return r.broken.map((b) => `${LEVEL_ICON[b.level]}${NBSP}${b.kind}`).join(' ');
}

const signOf = (d: number) => (d > 0 ? '+' : d < 0 ? '−' : '');
const pctText = (p: number) => `${signOf(p)}${Math.abs(p).toFixed(Math.abs(p) < 10 ? 1 : 0)}%`;

/** The change, as a figure: '+336 (+13%)'. No icon: emoji are for budgets. */
function changeCell(r: Row, isNew: boolean): string {
  if (isNew) return 'new';
  if (!r.change) return r.base === null ? '' : '=';
  const pct = r.change.percent === null ? '' : ` (${pctText(r.change.percent)})`;
  return noWrap(`${signOf(r.change.delta)}${fmt(r.metric, Math.abs(r.change.delta))}${pct}`);
}

function budgetCell(r: Row): string {
  const parts: string[] = [];
  if (r.budget !== null) parts.push(`${r.floor ? '≥' : '≤'} ${fmt(r.metric, r.budget)}`);
  if (r.maxIncrease) parts.push(r.maxIncrease.percent !== undefined ? `+${r.maxIncrease.percent}% max` : `+${fmt(r.metric, r.maxIncrease.absolute!)} max`);
  return noWrap(parts.join(', '));
}

/** One model as the renderer sees it. */
interface Entry {
  result: ModelResult;
  rows: Row[];
  cmp: ModelComparison | undefined;
  isNew: boolean;
  changed: boolean;
  errors: number;
  warns: number;
  /** Largest |relative change| of its figures, in percent (Infinity: grew from 0). */
  size: number;
  /** Its rendered sections, by layer detail. */
  sections: Map<string, string[]>;
}

function entries(outcome: CheckOutcome): Entry[] {
  const rowsBy = new Map<string, Row[]>();
  for (const x of outcome.evaluation.rows) {
    const list = rowsBy.get(x.model);
    if (list) list.push(x);
    else rowsBy.set(x.model, [x]);
  }
  const cmpBy = new Map(outcome.comparisons.filter((c) => c.status !== 'removed').map((c) => [c.path, c]));
  const levels = new Map<string, { errors: number; warns: number }>();
  for (const v of outcome.violations) {
    const l = levels.get(v.model) ?? { errors: 0, warns: 0 };
    if (v.level === 'error') l.errors++;
    else l.warns++;
    levels.set(v.model, l);
  }
  return outcome.results.map((result) => {
    const rows = rowsBy.get(result.path) ?? [];
    const isNew = outcome.json.base !== null && result.base === null;
    let size = 0;
    for (const r of rows) if (r.change) size = Math.max(size, r.change.percent === null ? Infinity : Math.abs(r.change.percent));
    const l = levels.get(result.path) ?? { errors: 0, warns: 0 };
    return { result, rows, cmp: cmpBy.get(result.path), isNew, changed: rows.some((r) => r.change), size, sections: new Map(), ...l };
  });
}

/** Broken budgets first, then warnings, then the largest relative change, then new models; by path within each. */
function byImportance(a: Entry, b: Entry): number {
  const rank = (e: Entry) => (e.errors ? 0 : e.warns ? 1 : e.changed ? 2 : 3);
  return (
    rank(a) - rank(b) || (b.size === a.size ? 0 : b.size > a.size ? 1 : -1) || (a.result.path < b.result.path ? -1 : a.result.path > b.result.path ? 1 : 0)
  );
}

/** The module scope of a node: its name's first `depth` segments (never the node's own last one). */
export function nodeScope(name: string, depth = DEFAULT_SCOPE_DEPTH): string {
  const segs = name.split('/').filter(Boolean);
  if (segs.length < 2) return '(top level)';
  return '/' + segs.slice(0, Math.max(1, Math.min(depth, segs.length - 1))).join('/');
}

export interface LayerGroup {
  scope: string;
  nodes: NodeChange[];
  added: number;
  removed: number;
  flopsBase: number;
  flopsHead: number;
  paramsDelta: number;
}

/** Changed layers grouped by module scope, the largest change (|FLOPs| + |params|) first. */
export function groupLayers(nodes: readonly NodeChange[], depth = DEFAULT_SCOPE_DEPTH): LayerGroup[] {
  const by = new Map<string, LayerGroup>();
  for (const n of nodes) {
    const scope = nodeScope(n.name, depth);
    let g = by.get(scope);
    if (!g) by.set(scope, (g = { scope, nodes: [], added: 0, removed: 0, flopsBase: 0, flopsHead: 0, paramsDelta: 0 }));
    g.nodes.push(n);
    if (n.status === 'added') g.added++;
    if (n.status === 'removed') g.removed++;
    g.flopsBase += n.flops.base ?? 0;
    g.flopsHead += n.flops.head ?? 0;
    g.paramsDelta += n.params.delta ?? 0;
  }
  const size = (g: LayerGroup) => Math.abs(g.flopsHead - g.flopsBase) + Math.abs(g.paramsDelta);
  return [...by.values()].sort((a, b) => size(b) - size(a) || (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
}

const count = (v: number) => fmt('params', v);

function layerRow(n: NodeChange): string {
  const delta = n.flops.delta ?? 0;
  const pct = n.flops.percent === null ? '' : ` (${pctText(n.flops.percent)})`;
  const cells = [
    escapeMarkdownCode(n.name, { table: true, max: 80 }),
    escapeMarkdownCode(n.opType, { table: true, max: 40 }),
    n.status === 'added' ? 'new' : count(n.flops.base ?? 0),
    n.status === 'removed' ? 'removed' : count(n.flops.head ?? 0),
    noWrap(`${signOf(delta)}${count(Math.abs(delta))}${pct}`),
    n.params.delta ? `${signOf(n.params.delta)}${count(Math.abs(n.params.delta))}` : '',
  ];
  return `| ${cells.join(' | ')} |`;
}

interface Detail {
  /** Layer groups per model (0: a one-line count instead of the layer diff). */
  groups: number;
  layers: number;
  /** Unchanged models as a table (false: a count). */
  unchangedTable: boolean;
  /** Changed models as full sections ('fit': as many as fit, the others one compact table). */
  sections: 'all' | 'fit';
  /** A model's phases as a collapsed table, or as its summary line. */
  phases: 'table' | 'line';
}

function layerDiff(nodes: readonly NodeChange[], d: Detail, depth: number, full: boolean): string[] {
  const groups = groupLayers(nodes, depth);
  const head = `Layers whose cost changed: ${plural(nodes.length, 'layer')} in ${plural(groups.length, 'scope')}`;
  if (d.groups === 0) return [`<sub>${head} (left out to fit; see the job summary).</sub>`];
  const shown = groups.slice(0, d.groups);
  const out = [`<sub>${head}${groups.length > shown.length ? `, the ${shown.length} largest below` : ''}.</sub>`, ''];
  for (const g of shown) {
    const flopsDelta = g.flopsHead - g.flopsBase;
    const pct = g.flopsBase ? ` (${pctText((100 * flopsDelta) / g.flopsBase)})` : '';
    const parts = [
      `<code>${escapeHtml(g.scope, { max: 80 })}</code>`,
      plural(g.nodes.length, 'layer') +
        (g.added || g.removed ? ` (${[g.added ? `${g.added} new` : '', g.removed ? `${g.removed} removed` : ''].filter(Boolean).join(', ')})` : ''),
      noWrap(`FLOPs ${count(g.flopsBase)} → ${count(g.flopsHead)}${pct}`),
      ...(g.paramsDelta ? [noWrap(`params ${signOf(g.paramsDelta)}${count(Math.abs(g.paramsDelta))}`)] : []),
    ];
    out.push(`<details><summary>${parts.join(' · ')}</summary>`, '');
    out.push('| layer | op | FLOPs base | FLOPs PR | change | params change |', '| --- | --- | --: | --: | --: | --: |');
    for (const n of g.nodes.slice(0, d.layers)) out.push(layerRow(n));
    if (g.nodes.length > d.layers)
      out.push('', `…and ${plural(g.nodes.length - d.layers, 'more layer')} in this scope${full ? '' : ' (the job summary lists more)'}.`);
    out.push('', '</details>', '');
  }
  if (groups.length > shown.length) {
    const rest = groups.slice(shown.length).reduce((s, g) => s + g.nodes.length, 0);
    out.push(`<sub>…and ${plural(groups.length - shown.length, 'more scope')} (${plural(rest, 'layer')})${full ? '' : ', in the job summary'}.</sub>`, '');
  }
  return out;
}

/** A model's section, rendered once per level of layer detail (the steps share most of them). */
function modelSection(e: Entry, d: Detail, depth: number, full: boolean): string[] {
  const key = `${d.groups}/${d.layers}/${d.phases}`;
  let s = e.sections.get(key);
  if (!s) e.sections.set(key, (s = renderModelSection(e, d, depth, full)));
  return s;
}

function renderModelSection(e: Entry, d: Detail, depth: number, full: boolean): string[] {
  const r = e.result;
  const out = [`#### ${escapeMarkdownCode(r.path)}${e.isNew ? ' 🆕' : ''}`];
  if (e.isNew && r.baseNote) out.push(`<sub>${escapeMarkdown(r.baseNote, { max: 300 })}</sub>`);
  out.push('', '| metric | base | PR | change | budget | used | status |', '| --- | --: | --: | --: | --: | --: | :-: |');
  for (const row of e.rows) {
    // Metrics with no budget and no change are left out of the comment to keep it short.
    if (row.status === 'info' && !row.change && !e.isNew && !full) continue;
    const cells = [
      metricCell(row),
      e.isNew ? '–' : value(r.base, row, row.base),
      headValue(row),
      changeCell(row, e.isNew),
      budgetCell(row),
      row.usedPercent === null ? '' : fmtUsed(row.usedPercent),
      statusCell(row),
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  const phases = phasesBlock(r.report, d.phases, full);
  if (phases.length) out.push('', ...phases);
  const nodes = e.cmp?.nodes ?? [];
  if (nodes.length) out.push('', ...layerDiff(nodes, d, depth, full));
  out.push('');
  return out;
}

/** Most devices given a column in a model's phase table. */
const PHASE_DEVICES = 3;

/**
 * A model's phases in the comment: a collapsed table, a row per phase (dims, MACs, bytes moved,
 * intensity, KV cache, memory, and per device its latency, bound and tokens/s or time to first
 * token), under a summary line with the headline figures; or, shed to fit, that line alone.
 * Nothing when the model has no phases.
 */
function phasesBlock(m: ModelReport, mode: Detail['phases'], full: boolean): string[] {
  const phases = phaseEntries(m);
  if (!phases.length) return [];
  const devices = phaseDevices(m, phases);
  // The headline: time to first token and tokens/s on the first device that has them.
  const first = devices[0];
  const figures: string[] = [];
  if (first !== undefined) {
    const ttft = phases.map(([, p]) => phaseLatency(p, first)).find((l) => l?.timeToFirstTokenMs !== undefined);
    const tps = phases.map(([, p]) => phaseLatency(p, first)).find((l) => l?.tokensPerSecond !== undefined);
    if (ttft) figures.push(`time to first token ${noWrap(latencyCells(ttft, fmtMs).timeToFirstToken)}`);
    if (tps) figures.push(`${noWrap(latencyCells(tps, fmtMs).tokensPerSecond)} tokens/s`);
  }
  const names = phases.slice(0, 6).map(([n]) => n);
  const more = phases.length > names.length ? ` +${phases.length - names.length}` : '';
  if (mode === 'line') {
    const on = figures.length ? `: ${figures.join(', ')} on ${escapeMarkdownCode(noBreakHyphens(first), { max: 60 })}` : '';
    return [
      `<sub>Phases ${names.map((n) => escapeMarkdownCode(n, { max: 40 })).join(' · ')}${more}${on}${full ? '' : ' (the table is in the job summary)'}.</sub>`,
    ];
  }
  const on = figures.length ? ` (${figures.join(', ')} on <code>${escapeHtml(noBreakHyphens(first), { max: 60 })}</code>)` : '';
  const summary = `Phases: ${names.map((n) => `<code>${escapeHtml(n, { max: 40 })}</code>`).join(' · ')}${more}${on}`;
  const shown = devices.slice(0, PHASE_DEVICES);
  const head = ['phase', 'dims', 'MACs', 'bytes moved', 'FLOP/B', 'KV cache', 'memory', ...shown.map((d) => deviceCode(d))];
  const out = [
    `<details><summary>${summary}</summary>`,
    '',
    `| ${head.join(' | ')} |`,
    `| --- | --- | ${head
      .slice(2)
      .map(() => '--:')
      .join(' | ')} |`,
  ];
  for (const [name, p] of phases) {
    const c = phaseCells(p);
    const cells = [
      escapeMarkdownCode(name, { table: true, max: 40 }),
      escapeMarkdown(c.dims, { max: 120 }),
      ...[c.macs, c.bytes, c.intensity.replace(/ FLOP\/B$/, ''), c.kvCache, c.memory].map((v) => noWrap(escapeMarkdown(v, { max: 40 }))),
      ...shown.map((d) => {
        const l = phaseLatency(p, d);
        if (!l) return '–';
        const lc = latencyCells(l, fmtMs);
        const parts = [`${lc.ms} ${lc.bound.slice(0, 1)}`];
        if (lc.timeToFirstToken && p.generate) parts.push(`first token ${lc.timeToFirstToken}`);
        if (lc.tokensPerSecond) parts.push(`${lc.tokensPerSecond} tok/s`);
        return noWrap(escapeMarkdown(parts.join(' · '), { max: 80 }));
      }),
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  out.push('', '<sub>Latency: c / m / o compute-, memory-, overhead-bound. Memory: weights + KV cache + peak of the other activations.</sub>');
  if (devices.length > shown.length)
    out.push('', `<sub>…and ${plural(devices.length - shown.length, 'more device')}${full ? '' : ' in the job summary'}.</sub>`);
  out.push('', '</details>');
  return out;
}

/** The budget status of a model at a glance: '❌', '⚠️', '✅' (every budget passes), '' (no budget). */
function modelStatus(e: Entry): string {
  if (e.errors) return '❌';
  if (e.warns) return '⚠️';
  return e.rows.some((r) => r.status !== 'info') ? '✅' : '';
}

/** Key figures of a model: params, GMACs, latency on the first devices. */
function keyFigures(e: Entry, devices: readonly string[]): string[] {
  const m = e.result.report;
  const t = m.totals;
  const cells = [value(m, { metric: 'params' }, t.params), value(m, { metric: 'gmacs' }, t.macs / 1e9)];
  for (const dev of devices) {
    const ms = m.latency?.[dev]?.ms;
    cells.push(ms === undefined ? '–' : value(m, { metric: 'latency', device: dev }, ms));
  }
  return cells;
}

function compactTable(list: readonly Entry[], devices: readonly string[], withChange: boolean): string[] {
  const head = ['model', 'params', 'GMACs', ...devices.map((d) => `latency${NBSP}${deviceCode(d)}`), ...(withChange ? ['largest change'] : []), 'status'];
  const out = [
    `| ${head.join(' | ')} |`,
    `| --- | ${head
      .slice(1, -1)
      .map(() => '--:')
      .join(' | ')} | :-: |`,
  ];
  for (const e of list) {
    const cells = [escapeMarkdownCode(e.result.path, { table: true, max: 100 }), ...keyFigures(e, devices)];
    if (withChange) {
      const top = e.rows.filter((r) => r.change).sort((a, b) => Math.abs(b.change!.percent ?? Infinity) - Math.abs(a.change!.percent ?? Infinity))[0];
      cells.push(e.isNew ? 'new' : top ? `${METRIC_LABEL[top.metric]}${top.device ? NBSP + deviceCode(top.device) : ''} ${changeCell(top, false)}` : '');
    }
    cells.push(modelStatus(e));
    out.push(`| ${cells.join(' | ')} |`);
  }
  return out;
}

function violationLine(v: Violation): string {
  return `- ${v.level === 'error' ? '❌' : '⚠️'} ${escapeMarkdown(v.message, { max: 400 })} (${escapeMarkdown(`${v.file}:${v.at.line}`)})`;
}

const DETAIL_STEPS = (groups: number, layers: number): Detail[] => [
  { groups, layers, unchangedTable: true, sections: 'all', phases: 'table' },
  { groups: Math.min(groups, 3), layers: Math.min(layers, 5), unchangedTable: true, sections: 'all', phases: 'table' },
  { groups: 0, layers: 0, unchangedTable: true, sections: 'all', phases: 'table' },
  { groups: 0, layers: 0, unchangedTable: true, sections: 'all', phases: 'line' },
  { groups: 0, layers: 0, unchangedTable: false, sections: 'all', phases: 'line' },
  { groups: 0, layers: 0, unchangedTable: false, sections: 'fit', phases: 'line' },
];

export function renderCheckMarkdown(outcome: CheckOutcome, options: CheckMarkdownOptions): string {
  const full = options.full ?? false;
  const max = options.maxChars ?? (full ? SUMMARY_MAX_BYTES : COMMENT_MAX_CHARS);
  const groups = options.topGroups ?? (full ? 25 : 8);
  const layers = options.groupLayers ?? (full ? 50 : 10);
  const depth = options.scopeDepth ?? DEFAULT_SCOPE_DEPTH;
  const list = entries(outcome).sort(byImportance);
  const steps = DETAIL_STEPS(groups, layers);
  let body = '';
  for (let i = 0; i < steps.length; i++) {
    body = render(outcome, options, list, steps[i], i > 0, depth, max);
    if ((full ? Buffer.byteLength(body) : body.length) <= max) break;
  }
  return body;
}

function render(outcome: CheckOutcome, options: CheckMarkdownOptions, list: Entry[], d: Detail, shed: boolean, depth: number, max: number): string {
  const full = options.full ?? false;
  const errors = outcome.violations.filter((v) => v.level === 'error').length;
  const warns = outcome.violations.length - errors;
  const out: string[] = [];
  const headline = errors
    ? `❌ model-budget: ${plural(errors, 'budget')} broken${warns ? `, ${plural(warns, 'warning')}` : ''}`
    : warns
      ? `⚠️ model-budget: all error budgets pass, ${plural(warns, 'warning')}`
      : '✅ model-budget: all budgets pass';
  out.push(`### ${headline}`, '');
  const compared = outcome.json.base !== null;
  const shown = list.filter((e) => e.changed || e.isNew || e.errors || e.warns);
  const unchanged = list.filter((e) => !(e.changed || e.isNew || e.errors || e.warns));
  const summary = [
    `${plural(list.length, 'model')}: ${list.filter((e) => e.changed).length} changed`,
    // Budgets, as in the headline: a model can break one and warn on another.
    `${errors} broken`,
    plural(warns, 'warning'),
    ...(compared ? [`${list.filter((e) => e.isNew).length} new`, `${outcome.removedModels.length} removed`] : []),
  ];
  out.push(summary.join(', '), '');
  const sub = [escapeMarkdown(outcome.json.budgets, { max: 200 }), options.baselineNote ? escapeMarkdown(options.baselineNote, { max: 200 }) : 'no baseline'];
  out.push(`<sub>${sub.join(' · ')}</sub>`, '');
  if (shed)
    out.push(`> Some detail was left out to fit${full ? ' the job summary' : " GitHub's comment limit; the job summary of this run has all of it"}.`, '');

  const devices = devicesOf(outcome).slice(0, DEVICE_COLUMNS);
  const footer = `<sub>model-budget ${escapeMarkdown(options.version)} · static figures from the graph (deterministic, no device needed); latency is a roofline estimate · MACs: one multiply-add = 1</sub>`;
  // What follows the changed models, built first so the room it takes is known.
  const tail: string[] = [];
  const cap = d.sections === 'all' ? Infinity : 20;
  if (unchanged.length) {
    if (d.unchangedTable) {
      tail.push(
        `<details><summary>${plural(unchanged.length, 'unchanged model')}</summary>`,
        '',
        ...compactTable(unchanged, devices, false),
        '',
        '</details>',
        '',
      );
    } else {
      tail.push(`${plural(unchanged.length, 'unchanged model')}${full ? '' : ' (listed in the job summary)'}.`, '');
    }
  }
  if (outcome.removedModels.length) {
    // In the baseline, gone now: its baseline totals, so a reviewer sees what left.
    const removed = new Map(outcome.comparisons.filter((c) => c.status === 'removed').map((c) => [c.path, c]));
    tail.push(`#### Removed models (${outcome.removedModels.length})`, '', '| model | params base | GFLOPs base |', '| --- | --: | --: |');
    for (const path of outcome.removedModels.slice(0, cap)) {
      const cmp = removed.get(path);
      const p = cmp?.totals.params.base;
      const f = cmp?.totals.flops.base;
      tail.push(
        `| ${escapeMarkdownCode(path, { table: true, max: 100 })} | ${p == null ? '–' : fmt('params', p)} | ${f == null ? '–' : fmt('gflops', f / 1e9)} |`,
      );
    }
    if (outcome.removedModels.length > cap)
      tail.push('', `…and ${plural(outcome.removedModels.length - cap, 'more removed model')}${full ? '' : ' in the job summary'}.`);
    tail.push('');
  }
  if (outcome.violations.length) {
    tail.push('**Broken budgets**', '');
    for (const v of outcome.violations.slice(0, cap)) tail.push(violationLine(v));
    if (outcome.violations.length > cap) tail.push(`- …and ${outcome.violations.length - cap} more${full ? '' : ' in the job summary'}.`);
    tail.push('');
  }

  // Models whose phase table a section shows: the full analysis below points up to it instead of repeating it.
  const phasesShown = new Set<string>();
  const withPhases = (e: Entry) => {
    if (d.phases === 'table' && e.result.report.phases && Object.keys(e.result.report.phases).length) phasesShown.add(e.result.report.path);
  };
  if (d.sections === 'all') {
    for (const e of shown) {
      out.push(...modelSection(e, d, depth, full));
      withPhases(e);
    }
  } else if (shown.length) {
    // The last step: the most important models in full as long as they fit, the others one row each.
    const size = full ? (x: string) => Buffer.byteLength(x) : (x: string) => x.length;
    let used = size(out.join('\n')) + size(tail.join('\n')) + size(footer) + 1000;
    const rows = compactTable(shown, devices, true);
    const rowLen = rows.slice(2).map((r) => size(r) + 1);
    let rest = rowLen.reduce((x, y) => x + y, size(rows[0]) + size(rows[1]) + 200);
    let k = 0;
    for (; k < shown.length; k++) {
      const section = modelSection(shown[k], d, depth, full);
      const len = size(section.join('\n')) + 1;
      // Room for the others' rows, or for a quarter of the page of them when they cannot all fit anyway.
      if (used + len + Math.min(rest - rowLen[k], Math.floor(max / 4)) > max) break;
      out.push(...section);
      withPhases(shown[k]);
      used += len;
      rest -= rowLen[k];
    }
    if (k < shown.length) {
      const kept = rows.slice(0, 2);
      for (let i = k; i < shown.length && used + rowLen[i] + 400 <= max; i++) {
        kept.push(rows[i + 2]);
        used += rowLen[i];
      }
      const left = shown.length - k - (kept.length - 2);
      out.push(`**${k ? 'Other changed models' : 'Changed models'}** (${shown.length - k})`, '');
      if (kept.length > 2) out.push(...kept, '');
      if (left) out.push(`…and ${plural(left, 'more changed model')}${full ? '' : ': see the job summary'}.`, '');
    }
  }
  out.push(...tail);
  if (full) {
    // Characters of the analysis: up to 3 bytes each in the worst case, ASCII mostly.
    const room = Math.floor((max - Buffer.byteLength(out.join('\n')) - Buffer.byteLength(footer) - 200) / 1.5);
    if (room > 2000) {
      out.push('---', '');
      out.push(renderAnalyzeMarkdown(outcome.json.head, { title: 'Full analysis', headingLevel: 4, maxChars: room, phasesShownAbove: phasesShown }));
    }
  }
  out.push(footer);
  return out.join('\n') + '\n';
}

/**
 * The devices the check estimated latency on, in the budgets file's order, from the reports
 * themselves (so a comment re-rendered from a saved check report, as `mode: publish` does, reads
 * the same as the one the check rendered).
 */
function devicesOf(outcome: CheckOutcome): string[] {
  const seen = new Set<string>();
  for (const r of outcome.results) for (const d of Object.keys(r.report.latency ?? {})) seen.add(d);
  return [...seen];
}

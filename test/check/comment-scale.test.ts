/**
 * The PR comment from 1 model to 200: order, collapse, the summary line, emoji only on budgets,
 * figures that never wrap, length limits with graceful degradation, and GFM that renders into
 * well-formed tables (micromark + GFM). The outcomes are real analyses of the fixture models
 * (test/check/outcomes.ts); expected figures come from those analyses, never typed.
 */
import { describe, expect, it } from 'vitest';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { renderCheckMarkdown, nodeScope, groupLayers } from '../../src/check/markdown.js';
import { fmt, metricValue, type Row } from '../../src/budgets/evaluate.js';
import { noBreakHyphens, noWrap } from '../../src/report/escape.js';
import { analysis, buildOutcome, monorepo, DEVICES, type ModelSpec } from './outcomes.js';

const comment = (specs: ModelSpec[], extra: Parameters<typeof renderCheckMarkdown>[1] = { version: 'test' }) =>
  renderCheckMarkdown(buildOutcome(specs), { baselineNote: 'compared with the merge-base 0123456789ab', ...extra });

/** The HTML GitHub-flavoured Markdown gives (raw HTML kept, as GitHub keeps <details>). */
function html(md: string): string {
  return micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
}

/** Every table's rows have the header's cell count, and no table row leaks out as text. */
function expectWellFormedTables(md: string): number {
  const h = html(md);
  const tables = h.match(/<table>[\s\S]*?<\/table>/g) ?? [];
  for (const t of tables) {
    const rows = t.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    const cells = rows.map((r) => (r.match(/<t[hd][ >]/g) ?? []).length);
    expect(cells.length).toBeGreaterThan(1);
    expect(new Set(cells).size, `rows of one table with different cell counts: ${cells.join(',')}`).toBe(1);
  }
  const rest = h.replace(/<table>[\s\S]*?<\/table>/g, '');
  expect(rest).not.toMatch(/(^|>|\n)\s*\|.*\|/);
  // As many tables as the Markdown has header separators.
  expect(tables.length).toBe((md.match(/^\| (---|--:|:-:) \|/gm) ?? []).length);
  return tables.length;
}

/** The model sections' headings, in order. */
const headings = (md: string) => [...md.matchAll(/^#### `([^`]+)`/gm)].map((m) => m[1]);
/** The unchanged-models block. */
const unchangedBlock = (md: string) => /<details><summary>\d+ unchanged models?<\/summary>[\s\S]*?<\/details>/.exec(md)?.[0] ?? '';
const EMOJI = /\p{Extended_Pictographic}/u;

/** Largest relative change (percent) of any metric the rows cover, from the two analyses. */
function relativeChange(s: ModelSpec): number {
  const b = analysis(s.base!);
  const h = analysis(s.head!);
  let most = 0;
  for (const metric of ['params', 'gmacs', 'gflops', 'weights', 'peak-memory', 'memory-traffic'] as const) {
    const x = metricValue(b, metric)!;
    const y = metricValue(h, metric)!;
    if (x) most = Math.max(most, Math.abs((100 * (y - x)) / x));
  }
  return most;
}

describe('the PR comment at scale', () => {
  it('1 model: its table, the layer diff grouped by scope, a summary line, no unchanged block', () => {
    const specs: ModelSpec[] = [
      { path: 'models/resnet.onnx', base: { fixture: 'resnet18' }, head: { fixture: 'resnet18', batch: 2 }, budgets: ['params: 20M'] },
    ];
    const md = comment(specs);
    expect(md).toContain('\n1 model: 1 changed, 0 broken, 0 warnings, 0 new, 0 removed\n');
    expect(headings(md)).toEqual(['models/resnet.onnx']);
    expect(unchangedBlock(md)).toBe('');
    // Batch 2 doubles every layer's FLOPs: the groups are the scopes of resnet18's layers.
    const nodes = analysis({ fixture: 'resnet18' }).nodes.filter((n) => n.flops);
    const scopes = new Set(nodes.map((n) => nodeScope(n.name)));
    expect(md).toMatch(new RegExp(`Layers whose cost changed: \\d+ layers in ${scopes.size} scopes`));
    expect(md).toContain('<details><summary><code>/layer4/layer4.');
    // The budgeted row has its status; params did not change (batch does not change weights), GMACs doubled.
    expect(md).toMatch(/\| params \| 11\.7M \| 11\.7M \| = \| ≤\u00A020M \| \d+% \| ✅ \|/);
    expect(md).toMatch(/\| GMACs \| ([\d.]+G) \| [\d.]+G \| \+\1\u00A0\(\+100%\) \| {2}\| {2}\| {2}\|/);
    expectWellFormedTables(md);
    const summary = renderCheckMarkdown(buildOutcome(specs), { version: 'test', full: true });
    expect(summary).toContain('Full analysis');
    expectWellFormedTables(summary.slice(0, summary.indexOf('\n---\n')));
  });

  it('40 models: changed first (broken budgets, then the largest relative change), the rest collapsed in one table', () => {
    const changes: Record<number, Partial<ModelSpec>> = {
      2: { head: { fixture: 'mobilenet_v2', batch: 2 } }, // GMACs x2
      13: { head: { fixture: 'resnet18' } }, // resnet50 -> resnet18: a backbone swap
      29: { head: { fixture: 'vgg16', batch: 2 } }, // vgg16 at batch 2
      // A model whose params budget (below its own figure, derived from the analysis) breaks.
      7: { budgets: [`params: ${Math.floor(analysis({ fixture: 'r3d_18' }).totals.params / 2)}`], head: { fixture: 'r3d_18', batch: 2 } },
    };
    const specs = monorepo(40, changes);
    expect(specs[7].path).toContain('r3d_18');
    const md = comment(specs);
    const changed = [2, 13, 29].map((i) => specs[i]).sort((a, b) => relativeChange(b) - relativeChange(a));
    expect(headings(md)).toEqual([specs[7].path, ...changed.map((s) => s.path)]);
    expect(md).toContain('\n40 models: 4 changed, 1 broken, 0 warnings, 0 new, 0 removed\n');
    const block = unchangedBlock(md);
    expect(block).toContain('<details><summary>36 unchanged models</summary>');
    for (const [i, s] of specs.entries()) {
      const name = '`' + s.path + '`';
      const inBlock = block.split(name).length - 1;
      const total = md.split(name).length - 1;
      if (changes[i]) expect([inBlock, total >= 1]).toEqual([0, true]);
      else expect([inBlock, total]).toEqual([1, 1]);
    }
    // The unchanged table: key figures per device (ids with non-breaking hyphens) and a status only with budgets.
    for (const d of DEVICES) expect(block).toContain(`latency\u00A0\`${d.replace(/-/g, '\u2011')}\``);
    for (const line of block.split('\n').filter((l) => l.startsWith('| `'))) {
      const path = /`([^`]+)`/.exec(line)![1];
      const spec = specs.find((s) => s.path === path)!;
      expect(line.endsWith(spec.budgets ? ' ✅ |' : ' |  |') || line.endsWith(' |  |'), line).toBe(true);
      if (!spec.budgets) expect(line).not.toMatch(EMOJI);
    }
    expectWellFormedTables(md);
    // The job summary: the same order (its tables are checked on the 1-model case: micromark is slow on 100 kB).
    const summary = renderCheckMarkdown(buildOutcome(specs), { version: 'test', full: true });
    expect(headings(summary.slice(0, summary.indexOf('\n---\n')))).toEqual(headings(md));
  });

  it('emoji only on budgets: a row without a budget has none, whatever its change', () => {
    const specs = monorepo(12, { 0: { head: { fixture: 'resnet18', batch: 4 } }, 1: { head: { fixture: 'resnet18' } } });
    const out = buildOutcome(specs);
    const md = renderCheckMarkdown(out, { version: 'test' });
    const rows = md.split('\n').filter((l) => /^\| (params|GMACs|GFLOPs|weights|peak memory|memory traffic|latency)/.test(l));
    expect(rows.length).toBeGreaterThan(8);
    const byMetric = new Map(out.evaluation.rows.map((r: Row) => [`${r.model} ${r.metric} ${r.device ?? ''}`, r]));
    let budgeted = 0;
    for (const l of rows) {
      const cells = l.split(' | ');
      const hasBudget = cells[4].trim() !== '';
      if (hasBudget) budgeted++;
      else expect(l, l).not.toMatch(EMOJI);
    }
    expect(budgeted).toBeGreaterThan(0);
    expect(byMetric.size).toBeGreaterThan(0);
    // Figures keep their units: no plain space between a number and its unit, in any table.
    expect(md).not.toMatch(/\d (B|kB|MB|GB|ms|µs)\b/);
    expect(md).not.toMatch(/[≥≤] \d/);
  });

  it('200 models: under 65,536 characters, and the job summary under 1 MiB, each shedding detail in steps', () => {
    const changes: Record<number, Partial<ModelSpec>> = {};
    for (let i = 0; i < 200; i += 7) changes[i] = { head: { ...monorepo(200)[i].head!, batch: 2 } };
    const specs = monorepo(200, changes);
    const out = buildOutcome(specs);
    const md = renderCheckMarkdown(out, { version: 'test', baselineNote: 'merge-base' });
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain(`\n200 models: ${Object.keys(changes).length} changed, 0 broken, 0 warnings, 0 new, 0 removed\n`);
    expect(headings(md).length).toBe(Object.keys(changes).length);
    expectWellFormedTables(md);
    const summary = renderCheckMarkdown(out, { version: 'test', full: true });
    expect(Buffer.byteLength(summary)).toBeLessThan(1_048_576);
    expect(summary).toContain('Full analysis');

    // Every model changed, a small limit: the comment sheds the layer diff, then the unchanged table,
    // then the sections, and points at the job summary; it stays well-formed throughout.
    const all = monorepo(200, Object.fromEntries(monorepo(200).map((s, i) => [i, { head: { ...s.head!, batch: 2 } }])));
    const o = buildOutcome(all);
    let last = Infinity;
    for (const max of [60_000, 20_000, 8_000]) {
      const body = renderCheckMarkdown(o, { version: 'test', maxChars: max });
      expect(body.length).toBeLessThanOrEqual(max);
      expect(body.length).toBeLessThan(last);
      expect(body).toContain('the job summary of this run has all of it');
      if (max === 8_000) expectWellFormedTables(body);
      last = body.length;
    }
    // At the smallest, the most important models keep their tables, the others are one row each, then a count.
    const small = renderCheckMarkdown(o, { version: 'test', maxChars: 8_000 });
    expect(small).toMatch(/\*\*Other changed models\*\* \(\d+\)\n\n\| model \| params \| GMACs \|/);
    expect(small).toMatch(/…and \d+ more changed models: see the job summary/);
    const firstShown = headings(small);
    expect(firstShown.length).toBeGreaterThan(0);
    expect(firstShown).toEqual(headings(renderCheckMarkdown(o, { version: 'test' })).slice(0, firstShown.length));
    // The job summary of every model changed: still under 1 MiB.
    expect(Buffer.byteLength(renderCheckMarkdown(o, { version: 'test', full: true }))).toBeLessThan(1_048_576);
  });

  it('60 models with one changed: under 20,000 characters', () => {
    const md = comment(monorepo(60, { 4: { head: { fixture: 'vgg16', batch: 2 } } }));
    expect(md.length).toBeLessThan(20_000);
    expect(md).toContain('\n60 models: 1 changed, 0 broken, 0 warnings, 0 new, 0 removed\n');
    expect(unchangedBlock(md)).toContain('59 unchanged models');
  });

  it('new and removed models are counted, shown, and the tables stay well-formed', () => {
    const specs = monorepo(5, { 1: { base: null } });
    specs.push({ path: 'models/gone.onnx', base: { fixture: 'squeezenet1_1' }, head: null });
    const md = comment(specs);
    expect(md).toContain('\n5 models: 0 changed, 0 broken, 0 warnings, 1 new, 1 removed\n');
    expect(headings(md)[0]).toBe(specs[1].path);
    const gone = analysis({ fixture: 'squeezenet1_1' }).totals;
    expect(md).toContain(`| \`models/gone.onnx\` | ${fmt('params', gone.params)} | ${fmt('gflops', gone.flops / 1e9)} |`);
    expectWellFormedTables(md);
  });
});

describe('layer groups by module scope', () => {
  it('groups a node under its first segments (never its own last one), the largest change first', () => {
    expect(nodeScope('/features/features.18/conv/Conv')).toBe('/features/features.18');
    expect(nodeScope('/features/features.18/conv/Conv', 1)).toBe('/features');
    expect(nodeScope('/layer1/Relu', 3)).toBe('/layer1');
    expect(nodeScope('fc1')).toBe('(top level)');
    const base = analysis({ fixture: 'resnet50' });
    const head = analysis({ fixture: 'resnet18' });
    const md = comment([{ path: 'm.onnx', base: { fixture: 'resnet50' }, head: { fixture: 'resnet18' } }], { version: 't', topGroups: 3 });
    const names = new Set([...base.nodes, ...head.nodes].map((n) => nodeScope(n.name)));
    const shownGroups = md.match(/<details><summary><code>/g) ?? [];
    expect(shownGroups.length).toBe(3);
    expect(md).toMatch(new RegExp(`in \\d+ scopes, the 3 largest below`));
    expect(names.size).toBeGreaterThan(3);
    const groups = groupLayers(buildOutcome([{ path: 'm.onnx', base: { fixture: 'resnet50' }, head: { fixture: 'resnet18' } }]).comparisons[0].nodes);
    const size = (g: (typeof groups)[number]) => Math.abs(g.flopsHead - g.flopsBase) + Math.abs(g.paramsDelta);
    for (let i = 1; i < groups.length; i++) expect(size(groups[i - 1])).toBeGreaterThanOrEqual(size(groups[i]));
  });
});

describe('untrusted names in the grouped layer diff', () => {
  it('a hostile scope or layer name renders as text: no HTML, no marker, no table break', () => {
    const out = buildOutcome([{ path: 'models/m.onnx', base: { fixture: 'resnet18' }, head: { fixture: 'resnet18', batch: 2 } }]);
    const hostile = ['/</code><img src=x onerror=alert(1)>/@octocat|x/Conv', '/<!-- model-budget comment: default -->/a/Conv', '/x|y/`z`/Relu'];
    out.comparisons[0].nodes.slice(0, hostile.length).forEach((n, i) => (n.name = hostile[i]));
    const md = renderCheckMarkdown(out, { version: 'test', topGroups: 50 });
    expect(md).not.toContain('<!-- model-budget');
    // In the group's <summary> (raw HTML): entities inside <code>; in the table: a code span.
    expect(md).toContain('<summary><code>/&lt;/code&gt;&lt;img src=x onerror=alert(1)&gt;</code> · 1 layer');
    expect(md).toContain('<summary><code>/&lt;!-- model-budget comment: default --&gt;/a</code>');
    const h = html(md);
    expect(h).not.toMatch(/<img/);
    expectWellFormedTables(md);
  });

  it('noWrap and noBreakHyphens: figures and device ids as single unbreakable runs', () => {
    expect(noWrap('≥ 1.2 MB, ≤ 3 MB')).toBe('≥\u00A01.2\u00A0MB,\u00A0≤\u00A03\u00A0MB');
    expect(noBreakHyphens('jetson-orin-nano')).toBe('jetson\u2011orin\u2011nano');
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_CHARS, renderAnalyzeMarkdown, unicodeBar } from '../../src/report/markdown.js';
import type { ModelReport, NodeEntry } from '../../src/report/model-report.js';
import { analyzeReport, HOSTILE, hostileReport, modelReport } from './fixtures.js';

/** The cells of a GFM table row, split where cmark-gfm splits: at pipes not after a backslash. */
function cells(row: string): string[] {
  const inner = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/);
}

/** Every table in the document: consecutive lines starting with '|'. */
function tables(md: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (cur ??= []).push(line);
    else if (cur) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** The document with code spans removed (GitHub neither parses nor links inside them). */
function withoutCode(md: string): string {
  return md.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, '');
}

function expectWellFormed(md: string) {
  // every table row has as many cells as its header, and the separator row is a separator
  for (const t of tables(md)) {
    const n = cells(t[0]).length;
    expect(t.length).toBeGreaterThanOrEqual(2);
    expect(cells(t[1]).every((c) => /^\s*:?-+:?\s*$/.test(c))).toBe(true);
    for (const row of t) expect(cells(row)).toHaveLength(n);
  }
  // <details> blocks balance; the only raw tags are ours
  expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  const tagless = md.replace(/<\/?(details|summary|sub)>/g, '');
  expect(withoutCode(tagless)).not.toMatch(/</);
  expect(md).not.toContain('<!--');
}

describe('renderAnalyzeMarkdown', () => {
  const md = renderAnalyzeMarkdown(analyzeReport([modelReport()]));

  it('has a figures table, the latency table and collapsed top layers', () => {
    expectWellFormed(md);
    expect(md).toContain('## model-budget analysis');
    expect(md).toContain('### `models/net.onnx`');
    expect(md).toContain('| params | weights | MACs | core MACs | FLOPs | memory traffic | peak activations |');
    expect(md).toContain('| device | latency | bound | utilisation | precision | ridge point |');
    expect(md).toContain('| Test GPU `test-gpu` | **0.16 ms** | compute | 62.1% | fp32 | 40 FLOP/B |');
    expect(md).toContain('| Test CPU `test-cpu` | **40.7 ms** | compute | 49.2% | fp32 | 5 FLOP/B |');
    expect(md).toContain('<details><summary>Top 3 layers by FLOPs</summary>');
    expect(md).toContain('| 1 | `conv1` | `Conv` | `[1, 64, 8, 8]` | 1k | 2G | 99.8% | 0.13 ms c | 40.0 ms c |');
    expect(md).toContain('**Notices (2)**');
    expect(md).toContain('- `relu1`: unknown operator: estimated as elementwise');
    expect(md).toContain('**inputs:** `conv1:in` float32 `[1, 3, 32, 32]`');
  });

  it('leaves out the latency table when no device was asked for', () => {
    const m = modelReport();
    delete m.latency;
    for (const n of m.nodes) delete n.latency;
    const out = renderAnalyzeMarkdown(analyzeReport([m]));
    expectWellFormed(out);
    expect(out).not.toContain('Estimated latency');
    expect(out).not.toContain('time on');
  });

  it('shows at most `top` layers (10 by default)', () => {
    const m = modelReport();
    const proto = m.nodes[0];
    m.nodes = Array.from({ length: 30 }, (_, i): NodeEntry => ({ ...proto, name: `n${i}`, flops: 1000 + i }));
    const out = renderAnalyzeMarkdown(analyzeReport([m]));
    expect(out).toContain('Top 10 layers by FLOPs');
    expect(out).toMatch(/\| 10 \| `n20` \|/);
    expect(out).not.toMatch(/\| 11 \|/);
    expect(renderAnalyzeMarkdown(analyzeReport([m]), { top: 3 })).toContain('Top 3 layers by FLOPs');
  });

  it('escapes every hostile string: no raw tag, no broken table, no mention, no link', () => {
    const out = renderAnalyzeMarkdown(hostileReport());
    expectWellFormed(out);
    const prose = withoutCode(out);
    expect(prose).not.toMatch(/@[A-Za-z]/);
    expect(prose).not.toMatch(/(?<!\\)#\d/);
    expect(prose).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    expect(prose).not.toMatch(/https?:\/\//);
    expect(out).not.toMatch(/\n#+ [^`]*heading/);
    // the hostile names are shown, in code spans
    expect(out).toContain('`<img src=x onerror=alert(1)>`');
    expect(out).toContain('`\\| broken \\| table`');
    expect(out).toContain('`<script>alert(1)</script>`');
  });

  it('stays under the comment limit, cutting between blocks with a note', () => {
    const models: ModelReport[] = Array.from({ length: 300 }, (_, i) => modelReport({ path: `models/m${i}.onnx` }));
    const out = renderAnalyzeMarkdown(analyzeReport(models));
    expect(out.length).toBeLessThanOrEqual(DEFAULT_MAX_CHARS);
    expect(out.length).toBeGreaterThan(DEFAULT_MAX_CHARS - 5000);
    expect(out).toMatch(/Truncated to stay under 65,000 characters: \d+ of 300 model\(s\) shown/);
    expect(out).toContain('models/m0.onnx');
    expect(out).not.toContain('models/m299.onnx');
    expectWellFormed(out);
    expect(out.trimEnd().endsWith('</sub>')).toBe(true);

    const small = renderAnalyzeMarkdown(analyzeReport(models), { maxChars: 3000 });
    expect(small.length).toBeLessThanOrEqual(3000);
    expectWellFormed(small);
    expect(small).toContain('Truncated');
  });

  it('does not truncate what fits', () => {
    expect(md).not.toContain('Truncated');
    expect(md.length).toBeLessThan(DEFAULT_MAX_CHARS);
  });

  it('takes a title, or none, and a heading level', () => {
    const r = analyzeReport([modelReport()]);
    expect(renderAnalyzeMarkdown(r, { title: false }).startsWith('### `models/net.onnx`')).toBe(true);
    const t = renderAnalyzeMarkdown(r, { title: 'Budget <b>@team</b>', headingLevel: 4 });
    expect(t.startsWith('### Budget &lt;b&gt;@\u200Dteam&lt;/b&gt;\n')).toBe(true);
    expect(t).toContain('\n#### `models/net.onnx`');
  });

  it('is deterministic', () => {
    expect(renderAnalyzeMarkdown(structuredClone(analyzeReport([modelReport()])))).toBe(md);
  });

  it('draws FLOPs shares as Unicode bars', () => {
    expect(md).toContain('| `Conv` | 1 | 2G | ██████████ 99.8% | 10 MB |');
    expect(md).toContain('| `Reshape` | 1 | 0 | 0.0% | 4 kB |');
  });

  it('keeps hostile op-type keys inside their cell', () => {
    const out = renderAnalyzeMarkdown(hostileReport());
    const opTable = tables(out).find((t) => t[0].startsWith('| op type'))!;
    const evil = opTable.find((r) => r.includes('com.evil'))!;
    expect(cells(evil)).toHaveLength(5);
    expect(evil).toContain(HOSTILE[5].replace(/\|/g, '\\|').slice(0, 10));
  });
});

describe('unicodeBar', () => {
  it('fills eighths of cells', () => {
    expect(unicodeBar(0)).toBe('');
    expect(unicodeBar(1)).toBe('██████████');
    expect(unicodeBar(0.5)).toBe('█████');
    expect(unicodeBar(0.55)).toBe('█████▌');
    expect(unicodeBar(0.0125)).toBe('▏');
    expect(unicodeBar(2)).toBe('██████████');
    expect(unicodeBar(-1)).toBe('');
    expect(unicodeBar(NaN)).toBe('');
    expect(unicodeBar(0.25, 4)).toBe('█');
  });
});

/**
 * Phases in the check's outputs: the PR comment (a collapsed phase table per model, its headline
 * figures in the summary; shed to one line, then dropped with the model's section, to fit
 * GitHub's limit), and the check's text output. The outcomes are real analyses of fixture
 * models (test/check/outcomes.ts) with synthetic phases attached (test/report/phase-fixtures.ts);
 * expected figures are derived from the phases' architecture and the roofline rule.
 */
import { describe, expect, it } from 'vitest';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { COMMENT_MAX_CHARS, renderCheckMarkdown } from '../../src/check/markdown.js';
import type { CheckOutcome } from '../../src/check/run.js';
import { renderCheckText } from '../../src/cli/check.js';
import { noBreakHyphens, noWrap } from '../../src/report/escape.js';
import { formatBytes, formatCount } from '../../src/report/format.js';
import { fmtMs } from '../../src/report/svg.js';
import { cpu, gpu, HOSTILE } from '../report/fixtures.js';
import {
  DECODE,
  kvBytes,
  phase,
  PREFILL,
  roofline,
  attentionMacs,
  gemmMacs,
  gemmBytes,
  attentionBytes,
  normBytes,
  normFlops,
} from '../report/phase-fixtures.js';
import { buildOutcome, DEVICES, type ModelSpec } from './outcomes.js';

/** The two devices of the outcomes, with the test GPU's and CPU's figures. */
const devs = [
  { ...gpu, id: DEVICES[0] },
  { ...cpu, id: DEVICES[1] },
];

/** Prefill and decode phases (names may be hostile) on every result of `outcome`. */
function withPhases(outcome: CheckOutcome, names: [string, string] = ['prefill', 'decode']): CheckOutcome {
  for (const r of outcome.results) r.report.phases = { [names[0]]: phase(PREFILL, 'prefill', devs), [names[1]]: phase(DECODE, 'decode', devs) };
  return outcome;
}

/** `n` models of small fixtures; the first `changed` of them grow (batch 2) in the PR. */
function specs(n: number, changed: number): ModelSpec[] {
  return Array.from({ length: n }, (_, i): ModelSpec => {
    const fixture = i % 2 ? 'squeezenet1_1' : 'tiny-gpt';
    return {
      path: `models/llm/${fixture}-${String(i).padStart(3, '0')}.onnx`,
      base: { fixture },
      head: { fixture, batch: i < changed ? 2 : 1 },
    };
  });
}

const comment = (o: CheckOutcome) => renderCheckMarkdown(o, { version: 'test', baselineNote: 'compared with the merge-base 0123456789ab' });
const html = (md: string) => micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });

/** Every table well-formed; returns each table's rows as cell texts. */
function tables(md: string): string[][][] {
  const found = html(md).match(/<table>[\s\S]*?<\/table>/g) ?? [];
  expect(found.length).toBe((md.match(/^\| (---|--:|:-:) \|/gm) ?? []).length);
  return found.map((t) => {
    const rows = (t.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((r) =>
      [...r.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
        c[1]
          .replace(/<[^>]+>/g, '')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .trim(),
      ),
    );
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    return rows;
  });
}

/** Decode's latency on a device, by the roofline rule, from the architecture. */
function decodeMs(d: typeof gpu) {
  const macs = gemmMacs(DECODE) + attentionMacs(DECODE);
  return roofline(d, 2 * macs + normFlops(DECODE), gemmBytes(DECODE) + attentionBytes(DECODE) + normBytes(DECODE));
}
function prefillMs(d: typeof gpu) {
  const macs = gemmMacs(PREFILL) + attentionMacs(PREFILL);
  return roofline(d, 2 * macs + normFlops(PREFILL), gemmBytes(PREFILL) + attentionBytes(PREFILL) + normBytes(PREFILL));
}

describe('phases in the PR comment', () => {
  const md = comment(withPhases(buildOutcome(specs(1, 1))));

  it('has a collapsed phase table under the model, its summary the time to first token and tokens/s', () => {
    const pre = prefillMs(devs[0]);
    const dec = decodeMs(devs[0]);
    const summary = `<details><summary>Phases: <code>prefill</code> · <code>decode</code> (time to first token ${noWrap(fmtMs(pre.ms))}, ${formatCount(1000 / dec.ms)} tokens/s on <code>${noBreakHyphens(DEVICES[0])}</code>)</summary>`;
    expect(md).toContain(summary);
    const t = tables(md).find((x) => x[0][0] === 'phase')!;
    expect(t[0]).toEqual(['phase', 'dims', 'MACs', 'bytes moved', 'FLOP/B', 'KV cache', 'memory', noBreakHyphens(DEVICES[0]), noBreakHyphens(DEVICES[1])]);
    const decodeRow = t.find((r) => r[0] === 'decode')!;
    expect(decodeRow[1]).toBe('batch=1, sequence=1, past_sequence=511');
    expect(decodeRow[2]).toBe(noWrap(formatCount(gemmMacs(DECODE) + attentionMacs(DECODE))));
    expect(decodeRow[5]).toBe(noWrap(formatBytes(kvBytes(DECODE))));
    for (const [i, d] of devs.entries()) {
      const l = decodeMs(d);
      expect(decodeRow[7 + i]).toBe(noWrap(`${fmtMs(l.ms)} ${l.bound[0]} · ${formatCount(1000 / l.ms)} tok/s`));
      const p = prefillMs(d);
      expect(t.find((r) => r[0] === 'prefill')![7 + i]).toBe(noWrap(`${fmtMs(p.ms)} ${p.bound[0]}`));
    }
    // the table sits inside the model's section, collapsed
    expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  });

  it('leaves a model without phases as it was', () => {
    const plain = comment(buildOutcome(specs(1, 1)));
    expect(plain).not.toContain('Phases');
  });

  it('escapes hostile phase names in the summary and the table', () => {
    const out = comment(withPhases(buildOutcome(specs(1, 1)), [HOSTILE[0], HOSTILE[2] + HOSTILE[1]]));
    const h = html(out);
    expect(h).not.toMatch(/<(img|script)[\s>]/i);
    // a mention inside a code element pings no one; outside one it must be broken (a zero-width joiner)
    expect(h.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/@everyone/);
    const t = tables(out).find((x) => x[0][0] === 'phase')!;
    expect(t.slice(1).map((r) => r[0])).toEqual([HOSTILE[0], HOSTILE[2] + HOSTILE[1]]);
  });
});

/** The cheap check for a long comment: every table row has its header's cell count, <details> balance. */
function tablesWellFormed(md: string): void {
  const cells = (row: string) =>
    row
      .replace(/^\|/, '')
      .replace(/(?<!\\)\|$/, '')
      .split(/(?<!\\)\|/).length;
  let width = -1;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      width = -1;
      continue;
    }
    if (width === -1) width = cells(line);
    else expect(cells(line), line).toBe(width);
  }
  expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
}

describe('phases in a monorepo comment', () => {
  it('40 changed models: the layer diffs go first, every model keeps its phase table', () => {
    const md = comment(withPhases(buildOutcome(specs(40, 40))));
    expect(md.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(md).toContain('Some detail was left out');
    tablesWellFormed(md);
    expect(md.match(/^#### /gm)).toHaveLength(40);
    expect(md.match(/<summary>Phases: /g)).toHaveLength(40);
    expect(md).not.toMatch(/<details><summary><code>\//);
  });

  it('100 changed models: phase tables shed to their summary line, then models to one compact table, under the limit', () => {
    const md = comment(withPhases(buildOutcome(specs(100, 100))));
    expect(md.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    tablesWellFormed(md);
    expect(md).not.toContain('<summary>Phases: ');
    const sections = md.match(/^#### /gm)?.length ?? 0;
    expect(sections).toBeGreaterThan(0);
    expect(sections).toBeLessThan(100);
    // every model shown in full has its phases' line: names, time to first token, tokens/s
    expect(
      md.match(/^<sub>Phases `prefill` · `decode`: time to first token .+ tokens\/s on `.+` \(the table is in the job summary\)\.<\/sub>$/gm),
    ).toHaveLength(sections);
    expect(md).toContain('**Other changed models**');
  });
});

describe('phases in the check text output', () => {
  it('lists each model with phases, its phase table and its latency per device', () => {
    const text = renderCheckText(withPhases(buildOutcome(specs(2, 1))));
    const lines = text.split('\n');
    const at = lines.indexOf('models/llm/tiny-gpt-000.onnx');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe("phases (the model at each phase's dims)");
    const dec = decodeMs(devs[1]);
    expect(lines.some((l) => new RegExp(`^decode +${DEVICES[1]} +[\\d.]+ +memory +${formatCount(1000 / dec.ms).replace('.', '\\.')}$`).test(l))).toBe(true);
    expect(lines).toContain('models/llm/squeezenet1_1-001.onnx');
  });
});

/**
 * Per-phase reports (ModelReport.phases): the phase table in text, Markdown and HTML, and the
 * phases on the HTML roofline, a point per op class and phase. The reports are synthetic (test/
 * report/phase-fixtures.ts); every expected figure is derived here from the architecture (layers,
 * hidden, FFN, vocabulary) or the roofline rule, never copied from the output.
 */
import { describe, expect, it } from 'vitest';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { formatBytes, formatCount } from '../../src/report/format.js';
import { renderHtml } from '../../src/report/html.js';
import { renderAnalyzeMarkdown } from '../../src/report/markdown.js';
import type { ModelReport } from '../../src/report/model-report.js';
import { phaseRooflineSvg } from '../../src/report/phase-roofline.js';
import { fmtMs, siUnit } from '../../src/report/svg.js';
import { formatMs, renderAnalyzeText } from '../../src/report/text.js';
import { analyzeReport, cpu, gpu, HOSTILE, modelReport } from './fixtures.js';
import { ARCH, DECODE, decoderReport, OTHER_PEAK_PER_TOKEN, phase, PREFILL, type PhaseSpec } from './phase-fixtures.js';
import { checkXml, findAll, textContent, unescapeXml, type Element } from './xml.js';

/** What the architecture says a phase costs (the formulas of phase-fixtures.ts, written out again). */
function expected(s: PhaseSpec) {
  const { layers: L, hidden: h, ffn: f, vocab: V } = ARCH;
  const W = L * (4 * h * h + 3 * h * f) + h * V;
  const T = s.batch * s.sequence;
  const C = s.past + s.sequence;
  const gemmMacs = T * W;
  const attentionMacs = L * s.batch * 2 * s.sequence * C * h;
  const kv = 2 * L * s.batch * C * h * 4;
  const gemmBytes = 4 * W + 2 * 4 * T * (h + V);
  const attentionBytes = kv + 2 * 4 * L * T * h;
  const normFlops = 4 * L * T * h;
  const normBytes = 8 * L * T * h;
  const flops = 2 * (gemmMacs + attentionMacs) + normFlops;
  const bytes = gemmBytes + attentionBytes + normBytes;
  return {
    W,
    T,
    macs: gemmMacs + attentionMacs,
    gemmMacs,
    gemmBytes,
    attentionMacs,
    attentionBytes,
    normFlops,
    normBytes,
    kv,
    flops,
    bytes,
    memory: 4 * W + kv + T * OTHER_PEAK_PER_TOKEN,
  };
}

/** Milliseconds on a device at fp32 by the roofline rule: the larger of compute and memory time, plus 0.05 ms overhead. */
function ms(d: typeof gpu, flops: number, bytes: number): { ms: number; bound: string } {
  const c = (flops / (d.peak.fp32! * d.computeEfficiency)) * 1000;
  const m = (bytes / (d.bandwidth * d.memoryEfficiency)) * 1000;
  return { ms: Math.max(c, m) + 0.05, bound: c >= m ? 'compute' : 'memory' };
}

const P = expected(PREFILL);
const D = expected(DECODE);

/** A text table's rows whose first cell is `first`, split on runs of 2+ spaces. */
function textRows(out: string, first: string): string[][] {
  return out
    .split('\n')
    .filter((l) => l.startsWith(`${first} `))
    .map((l) => l.trim().split(/ {2,}/));
}

describe('phases in the text report', () => {
  const report = analyzeReport([decoderReport({ devices: [gpu, cpu] })]);
  const out = renderAnalyzeText(report);

  it('has a row per phase: dims, tokens, MACs, bytes moved, intensity, KV cache, memory', () => {
    expect(out).toContain("phases (the model at each phase's dims)");
    const [pre] = textRows(out, 'prefill');
    const [dec] = textRows(out, 'decode');
    expect(pre).toEqual([
      'prefill',
      'batch=1, sequence=512, past_sequence=0',
      '512',
      formatCount(P.macs),
      formatBytes(P.bytes),
      siUnit(P.flops / P.bytes, 'FLOP/B'),
      formatBytes(P.kv),
      formatBytes(P.memory),
    ]);
    expect(dec).toEqual([
      'decode',
      'batch=1, sequence=1, past_sequence=511',
      '1',
      formatCount(D.macs),
      formatBytes(D.bytes),
      siUnit(D.flops / D.bytes, 'FLOP/B'),
      formatBytes(D.kv),
      formatBytes(D.memory),
    ]);
    // a full context of 512 tokens either way: the cache the step leaves is the same size
    expect(P.kv).toBe(D.kv);
    // decode reads every weight for one token: its intensity is under 1 FLOP per byte
    expect(D.flops / D.bytes).toBeLessThan(1);
  });

  it('has a latency row per phase and device: ms, bound, tokens/s (decode), time to first token (prefill)', () => {
    const rows = textRows(out, 'prefill')
      .concat(textRows(out, 'decode'))
      .filter((r) => r[1] === 'test-gpu' || r[1] === 'test-cpu');
    expect(rows).toHaveLength(4);
    for (const d of [gpu, cpu]) {
      const pre = ms(d, P.flops, P.bytes);
      const dec = ms(d, D.flops, D.bytes);
      expect(rows).toContainEqual(['prefill', d.id, formatMs(pre.ms), pre.bound, formatMs(pre.ms)]);
      expect(rows).toContainEqual(['decode', d.id, formatMs(dec.ms), dec.bound, formatCount(1000 / dec.ms)]);
    }
    // the picture: prefill compute-bound, decode memory-bound, on both devices
    expect(ms(gpu, P.flops, P.bytes).bound).toBe('compute');
    expect(ms(gpu, D.flops, D.bytes).bound).toBe('memory');
  });

  it('says what a generate phase ran', () => {
    const m = decoderReport();
    m.phases!.generate = { ...phase(PREFILL, 'other'), generate: { prompt: 512, tokens: 20, decodeSteps: 19 } };
    const text = renderAnalyzeText(analyzeReport([m]));
    expect(text).toContain('  generate: a prompt of 512 tokens then 20 output tokens: a prefill and 19 decode steps');
  });

  it('changes nothing for a model without phases', () => {
    const plain = renderAnalyzeText(analyzeReport([modelReport()]));
    expect(plain).not.toMatch(/phase/);
    expect(renderAnalyzeText(analyzeReport([{ ...modelReport(), phases: {} }]))).toBe(plain);
  });

  it('keeps hostile phase and dim names to one line per row, with no escape sequence', () => {
    const m = decoderReport({ phaseNames: [HOSTILE[8], '\u001b[31mred\u001b[0m'], dimNames: { batch: 'b\nx', sequence: 'seq\r\n# h', past: '::error::x' } });
    const text = renderAnalyzeText(analyzeReport([m]));
    expect(text).not.toContain('\u001b');
    const lines = text.split('\n');
    // the phase table: its header, rule and two rows, each row one line
    const head = lines.findIndex((l) => l.startsWith('phase ') && l.includes('KV cache'));
    expect(lines[head + 1]).toMatch(/^-+( {2}-+)+$/);
    // line breaks and escapes become U+FFFD: the row stays one line, its columns in place
    expect(lines[head + 2]).toMatch(/^line\ufffdbreak\ufffd\ufffd# heading {2}b\ufffdx=1, seq\ufffd\ufffd# h=512, ::error::x=0 +512 /);
    expect(lines[head + 3]).toMatch(/^\ufffd\[31mred\ufffd\[0m +b\ufffdx=1, seq\ufffd\ufffd# h=1, ::error::x=511 +1 /);
    expect(lines.filter((l) => /^\s*::/.test(l))).toEqual([]);
  });
});

/** The HTML GitHub-flavoured Markdown gives. */
const mdHtml = (md: string) => micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });

/** Every table has rows of the header's cell count; returns the tables' rows as cell texts. */
function mdTables(md: string): string[][][] {
  const tables = mdHtml(md).match(/<table>[\s\S]*?<\/table>/g) ?? [];
  return tables.map((t) => {
    const rows = (t.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((r) =>
      [...r.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => unescapeXml(c[1].replace(/<[^>]+>/g, '')).trim()),
    );
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    return rows;
  });
}

describe('phases in the Markdown report', () => {
  const md = renderAnalyzeMarkdown(analyzeReport([decoderReport({ devices: [gpu, cpu] })]));

  it('has the phase table and the phase latency table, well-formed', () => {
    const tables = mdTables(md);
    const phases = tables.find((t) => t[0].join('|') === 'phase|dims|tokens|MACs|bytes moved|intensity|KV cache|memory')!;
    expect(phases.slice(1)).toEqual([
      [
        'prefill',
        'batch=1, sequence=512, past_sequence=0',
        '512',
        formatCount(P.macs),
        formatBytes(P.bytes),
        siUnit(P.flops / P.bytes, 'FLOP/B'),
        formatBytes(P.kv),
        formatBytes(P.memory),
      ],
      [
        'decode',
        'batch=1, sequence=1, past_sequence=511',
        '1',
        formatCount(D.macs),
        formatBytes(D.bytes),
        siUnit(D.flops / D.bytes, 'FLOP/B'),
        formatBytes(D.kv),
        formatBytes(D.memory),
      ],
    ]);
    const latency = tables.find((t) => t[0].join('|') === 'phase|device|latency|bound|tokens/s|time to first token')!;
    const dec = ms(gpu, D.flops, D.bytes);
    const pre = ms(gpu, P.flops, P.bytes);
    expect(latency.slice(1, 3)).toEqual([
      ['prefill', 'test-gpu', fmtMs(pre.ms), 'compute', '', fmtMs(pre.ms)],
      ['decode', 'test-gpu', fmtMs(dec.ms), 'memory', formatCount(1000 / dec.ms), ''],
    ]);
    expect(latency).toHaveLength(5);
  });

  it('escapes hostile phase and dim names: no tag, no mention, no broken table', () => {
    const m = decoderReport({ phaseNames: [HOSTILE[1], HOSTILE[0]], dimNames: { batch: HOSTILE[2], sequence: HOSTILE[6], past: HOSTILE[9] } });
    const out = renderAnalyzeMarkdown(analyzeReport([m]));
    const h = mdHtml(out);
    expect(h).not.toMatch(/<(img|script)[\s>]/i);
    expect(h).not.toMatch(/@everyone/);
    expect(h).not.toMatch(/<a /);
    const tables = mdTables(out);
    const phases = tables.find((t) => t[0][0] === 'phase' && t[0][1] === 'dims')!;
    expect(phases.map((r) => r[0])).toEqual(['phase', HOSTILE[1], HOSTILE[0]]);
  });

  it('changes nothing for a model without phases', () => {
    const plain = renderAnalyzeMarkdown(analyzeReport([modelReport()]));
    expect(plain).not.toContain('Phases');
    expect(renderAnalyzeMarkdown(analyzeReport([{ ...modelReport(), phases: {} }]))).toBe(plain);
  });
});

const num = (e: Element, a: string) => Number(e.attrs[a]);

/** Pixel of value v on a log axis, from the chart's first and last ticks. */
function logPixel(ticks: Element[], coord: 'x1' | 'y1', v: number): number {
  const a = ticks[0];
  const b = ticks[ticks.length - 1];
  const va = Number(a.attrs['data-value']);
  const vb = Number(b.attrs['data-value']);
  return num(a, coord) + ((Math.log10(v) - Math.log10(va)) / (Math.log10(vb) - Math.log10(va))) * (num(b, coord) - num(a, coord));
}

/** A marker's centre: a circle's, or a square's. */
function centre(e: Element): [number, number] {
  if (e.name === 'circle') return [num(e, 'cx'), num(e, 'cy')];
  return [num(e, 'x') + num(e, 'width') / 2, num(e, 'y') + num(e, 'height') / 2];
}

describe('phases on the HTML roofline', () => {
  const m = decoderReport();
  const svg = phaseRooflineSvg(gpu, Object.entries(m.phases!), { deviceId: 'test-gpu', precision: 'fp32', ridgePoint: 40 });
  const { errors, root } = checkXml(svg);
  const byClass = (c: string) => findAll(root, (e) => e.attrs.class === c);
  const point = (phase: string, cls: string) => byClass('point').find((e) => e.attrs['data-phase'] === phase && e.attrs['data-class'] === cls)!;

  it('is well-formed and self-contained', () => {
    expect(errors).toEqual([]);
    expect(svg).not.toMatch(/<script|<style|<image|<foreignObject|href=|url\(|@import/i);
  });

  it('has two points per op class with FLOPs, prefill and decode, in their legend', () => {
    const points = byClass('point');
    // gemm, attention, normalization in both phases; the view class moves no byte and is left out
    expect(points.map((p) => `${p.attrs['data-phase']}/${p.attrs['data-class']}`)).toEqual([
      'prefill/gemm',
      'prefill/attention',
      'prefill/normalization',
      'decode/gemm',
      'decode/attention',
      'decode/normalization',
    ]);
    // prefill a circle, decode a square; one line per class joins them
    expect(point('prefill', 'gemm').name).toBe('circle');
    expect(point('decode', 'gemm').name).toBe('rect');
    expect(findAll(root, (e) => e.name === 'polyline' && e.attrs['data-class'] !== undefined).map((e) => e.attrs['data-class'])).toEqual([
      'gemm',
      'attention',
      'normalization',
    ]);
    expect(byClass('phase-legend').map((e) => e.text)).toEqual(['prefill', 'decode']);
    expect(byClass('class-legend').map((e) => e.text)).toEqual(['gemm', 'attention', 'normalization']);
    expect(
      byClass('class-label')
        .map((e) => e.text)
        .sort(),
    ).toEqual(['attention', 'gemm', 'normalization']);
  });

  it('places a class at (FLOPs / bytes, FLOPs / its time): prefill gemm right of the ridge, decode gemm on the memory roof', () => {
    const xt = byClass('tick-x');
    const yt = byClass('tick-y');
    for (const [phaseName, s, e] of [
      ['prefill', PREFILL, P],
      ['decode', DECODE, D],
    ] as const) {
      const p = point(phaseName, 'gemm');
      const intensity = (2 * e.gemmMacs) / e.gemmBytes;
      const achieved = (2 * e.gemmMacs) / (ms(gpu, 2 * e.gemmMacs, e.gemmBytes).ms / 1000);
      expect(Number(p.attrs['data-intensity'])).toBeCloseTo(intensity, 9);
      expect(Number(p.attrs['data-achieved']) / achieved).toBeCloseTo(1, 9);
      const [x, y] = centre(p);
      expect(Math.abs(x - logPixel(xt, 'x1', intensity))).toBeLessThan(0.03);
      expect(Math.abs(y - logPixel(yt, 'y1', achieved))).toBeLessThan(0.03);
      expect(s.batch).toBe(1);
    }
    const ridge = Number(byClass('ridge')[0].attrs['data-value']);
    expect((2 * P.gemmMacs) / P.gemmBytes).toBeGreaterThan(ridge);
    expect((2 * D.gemmMacs) / D.gemmBytes).toBeLessThan(1);
    expect(centre(point('prefill', 'gemm'))[0]).toBeGreaterThan(num(byClass('ridge')[0], 'cx'));
    expect(centre(point('decode', 'gemm'))[0]).toBeLessThan(num(byClass('ridge')[0], 'cx'));
  });

  it('places a class without a time in the report on the attainable roof, and says so', () => {
    // normalization has no class time: min(bandwidth × efficiency × intensity, peak × efficiency)
    const p = point('decode', 'normalization');
    const intensity = D.normFlops / D.normBytes;
    expect(intensity).toBe(0.5);
    expect(Number(p.attrs['data-achieved'])).toBeCloseTo(Math.min(500e9 * 0.9 * intensity, 20e12 * 0.8), 0);
    expect(p.children[0].text).toContain('on the attainable roof');
    expect(svg).toContain('2 placed on the roof (no class time in the report)');
  });

  it('escapes hostile phase names in points, tooltips and legend', () => {
    const h = decoderReport({ phaseNames: [HOSTILE[0], HOSTILE[7]] });
    const out = phaseRooflineSvg(gpu, Object.entries(h.phases!), { deviceId: 'test-gpu' });
    const parsed = checkXml(out);
    expect(parsed.errors).toEqual([]);
    expect(out).not.toMatch(/<img|<\/svg>[\s\S]*<\/svg>/);
    const legend = findAll(parsed.root, (e) => e.attrs.class === 'phase-legend').map((e) => textContent(e));
    expect(legend).toEqual([HOSTILE[0].slice(0, 23) + '…', HOSTILE[7].slice(0, 23) + '…']);
    expect(findAll(parsed.root, (e) => e.attrs.class === 'point').map((e) => unescapeXml(e.attrs['data-phase']))).toContain(HOSTILE[0]);
  });

  it('draws a marker shape per phase, up to six, and says how many more were left out', () => {
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`p${i}`, phase({ batch: 1, sequence: 2 ** i, past: 0 }, 'other')]));
    const out = phaseRooflineSvg(gpu, Object.entries(many), { deviceId: 'test-gpu' });
    const parsed = checkXml(out);
    expect(parsed.errors).toEqual([]);
    expect(findAll(parsed.root, (e) => e.attrs.class === 'phase-legend')).toHaveLength(6);
    expect(out).toContain('2 more phases not drawn');
    // the legend wrapped, and the chart grew to fit it: every legend text sits inside the picture
    const height = Number(parsed.root.children[0].attrs.height);
    for (const t of findAll(parsed.root, (e) => e.name === 'text')) expect(Number(t.attrs.y)).toBeLessThan(height);
  });

  it('is a one-line placeholder for a device without peak figures', () => {
    const out = phaseRooflineSvg({ ...gpu, peak: {} }, Object.entries(m.phases!), { deviceId: 'test-gpu' });
    expect(checkXml(out).errors).toEqual([]);
    expect(out).toContain('no chart: the device has no peak or bandwidth figure');
  });
});

describe('phases in the HTML report', () => {
  const withGenerate = (): ModelReport => {
    const m = decoderReport({ devices: [gpu, cpu] });
    m.phases!.generate = { ...phase(PREFILL, 'other', [gpu, cpu]), generate: { prompt: 512, tokens: 20, decodeSteps: 19 } };
    return m;
  };
  const html = renderHtml(analyzeReport([withGenerate()]), { devices: [gpu, cpu] });

  it('is well-formed, with the phase table, the latency table and a phase roofline per device', () => {
    const { errors, root } = checkXml(html, { html: true });
    expect(errors).toEqual([]);
    const [section] = findAll(root, (e) => e.name === 'section');
    const h3 = findAll(section, (e) => e.name === 'h3').map((e) => textContent(e));
    expect(h3).toContain('Phases (3)');
    const rows = findAll(section, (e) => e.name === 'tr').map((tr) => tr.children.map((c) => textContent(c).trim()));
    expect(rows).toContainEqual([
      'prefill',
      'batch=1, sequence=512, past_sequence=0',
      '512',
      formatCount(P.macs),
      formatBytes(P.bytes),
      siUnit(P.flops / P.bytes, 'FLOP/B'),
      formatBytes(P.kv),
      formatBytes(P.memory),
    ]);
    const dec = ms(cpu, D.flops, D.bytes);
    expect(rows.find((r) => r[0] === 'decode' && r[1] === 'test-cpu')).toEqual([
      'decode',
      'test-cpu',
      fmtMs(dec.ms),
      'memory',
      fmtMs((D.flops / (100e9 * 0.5)) * 1000),
      fmtMs((D.bytes / (20e9 * 0.7)) * 1000),
      fmtMs(0.05),
      formatCount(1000 / dec.ms),
      '',
    ]);
    const titles = findAll(section, (e) => e.name === 'svg').map((s) => textContent(s.children[0]));
    expect(titles).toContain('Phases on the roofline: Test GPU (test-gpu)');
    expect(titles).toContain('Phases on the roofline: Test CPU (test-cpu)');
    // three phases: circle, square, triangle
    expect(findAll(section, (e) => e.name === 'polygon' && e.attrs['data-phase'] === 'generate').length).toBeGreaterThan(0);
    expect(textContent(section)).toContain('generate: a prompt of 512 tokens then 20 output tokens');
  });

  it('renders hostile phase and dim names as text, never as markup', () => {
    const m = decoderReport({ phaseNames: [HOSTILE[0], HOSTILE[6]], dimNames: { batch: HOSTILE[7], sequence: '<b>s</b>', past: 'p' } });
    const out = renderHtml(analyzeReport([m]), { devices: [gpu] });
    const { errors, root } = checkXml(out, { html: true });
    expect(errors).toEqual([]);
    expect(out).not.toMatch(/<(img|script|b>s)[\s>]/i);
    const visible = textContent(root);
    expect(visible).toContain(HOSTILE[0]);
    expect(visible).toContain(`${HOSTILE[7]}=1, <b>s</b>=512, p=0`);
  });

  it('changes nothing for a model without phases', () => {
    const plain = renderHtml(analyzeReport([modelReport()]), { devices: [gpu, cpu] });
    expect(plain).not.toContain('Phases');
    expect(renderHtml(analyzeReport([{ ...modelReport(), phases: {} }]), { devices: [gpu, cpu] })).toBe(plain);
  });
});

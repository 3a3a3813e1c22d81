import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/report/format.js';
import { deviceFromLatency, renderHtml } from '../../src/report/html.js';
import { analyzeReport, cpu, gpu, HOSTILE, hostileReport, modelReport } from './fixtures.js';
import { checkXml, findAll, textContent, unescapeXml } from './xml.js';

const TAGS = new Set([
  // page
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'nav',
  'ol',
  'li',
  'a',
  'section',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'div',
  'span',
  'b',
  'code',
  'ul',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  // chart
  'svg',
  'rect',
  'text',
  'line',
  'polyline',
  'circle',
  'g',
]);

function parse(html: string) {
  const { errors, root } = checkXml(html, { html: true });
  expect(errors).toEqual([]);
  return root;
}

describe('renderHtml', () => {
  const report = analyzeReport([modelReport(), modelReport({ path: 'models/second.onnx' })]);
  const html = renderHtml(report, { devices: [gpu, cpu] });

  it('is one well-formed, self-contained page', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    const root = parse(html);
    expect(findAll(root, (e) => e.name === 'html')).toHaveLength(1);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
    const hrefs = findAll(root, (e) => 'href' in e.attrs).map((e) => e.attrs.href);
    expect(hrefs).toEqual(['#model-1', '#model-2']);
  });

  it('has one roofline <svg> per device per model', () => {
    expect(html.match(/<svg[\s>]/g)).toHaveLength(4);
    const root = parse(html);
    for (const section of findAll(root, (e) => e.name === 'section')) {
      const titles = findAll(section, (e) => e.name === 'svg').map((s) => s.children[0].text);
      expect(titles).toEqual(['Roofline: Test GPU (test-gpu)', 'Roofline: Test CPU (test-cpu)']);
    }
  });

  it('shows the summary, inputs and outputs, latency, top layers, op types and notices', () => {
    const root = parse(html);
    const [first] = findAll(root, (e) => e.name === 'section');
    const text = textContent;
    const all = text(first);
    for (const s of ['models/net.onnx', 'pytorch 2.1', 'params', '2k', 'FLOPs', formatCount(2.005e9), 'memory traffic', '20 MB', 'peak activations', '1 MB']) {
      expect(all).toContain(s);
    }
    for (const s of ['Inputs (1)', 'Outputs (1)', 'conv1:in', '[1, 3, 32, 32]', 'fc:out', '[1, 10]']) expect(all).toContain(s);
    // latency table: ms, bound, utilisation, precision, ridge point
    const latencyRow = findAll(first, (e) => e.name === 'tr').find((tr) => text(tr).includes('test-gpu') && text(tr).includes('ms'))!;
    const cells = latencyRow.children.map((c) => text(c).replace(/\s+/g, ' ').trim());
    expect(cells).toEqual(['Test GPU (test-gpu)', '0.16 ms', 'compute', '62.1%', 'fp32', '40 FLOP/B', '96.8 µs', '48.4 µs', '16.1 µs', '4']);
    expect(all).toContain('Top 3 layers by time');
    expect(all).toContain('Top 3 layers by FLOPs');
    expect(all).toContain('Operator types (4)');
    expect(all).toContain('Notices (2)');
    expect(all).toContain('unknown operator: estimated as elementwise');
    // top layers by FLOPs, in order
    const h3 = findAll(first, (e) => e.name === 'h3' && e.text.startsWith('Top 3 layers by FLOPs'))[0];
    expect(h3).toBeDefined();
    const flopsTable = findAll(first, (e) => e.name === 'table').find((t) => text(t).includes('output shape'))!;
    const names = findAll(flopsTable, (e) => e.name === 'code' && e.text !== '' && !e.text.startsWith('[')).map((e) => e.text);
    expect(names).toEqual(['conv1', 'fc', 'relu1']);
  });

  it('renders no raw tag from hostile names, and still shows them as text', () => {
    const out = renderHtml(hostileReport(), { devices: [gpu, cpu] });
    const root = parse(out);
    for (const e of findAll(root, () => true)) {
      expect(TAGS.has(e.name)).toBe(true);
      for (const a of Object.keys(e.attrs)) expect(a).not.toMatch(/^on/i);
    }
    expect(out).not.toMatch(/<(img|script)[\s>]/i);
    expect(out).not.toContain('<!--');
    expect(out).not.toContain('<b>evil');
    expect(out.match(/<svg[\s>]/g)).toHaveLength(2);
    const visible = unescapeXml(out);
    for (const h of [HOSTILE[0], HOSTILE[1], HOSTILE[6], HOSTILE[7], HOSTILE[2] + ' ' + HOSTILE[3], `com.evil:${HOSTILE[5]}`]) expect(visible).toContain(h);
  });

  it('charts a device it was not given from what the latency report implies', () => {
    const l = report.models[0].latency!['test-gpu'];
    const d = deviceFromLatency(l);
    expect((d.peak as Record<string, number>).fp32 / 20e12).toBeCloseTo(1, 9);
    expect(d.bandwidth / 500e9).toBeCloseTo(1, 9);
    expect(d.computeEfficiency).toBe(0.8);
    expect(d.kernelOverhead).toBeCloseTo(5e-6, 12);
    const out = renderHtml(report);
    parse(out);
    expect(out.match(/<svg[\s>]/g)).toHaveLength(4);
    expect(out).toContain('Device figures not supplied');
    // the ridge point sits where it does with the full device
    const ridge = (s: string) => /class="ridge" data-value="([^"]+)" cx="([^"]+)"/.exec(s)!.slice(1);
    expect(ridge(out)).toEqual(ridge(html));
  });

  it('leaves the latency section out when no device was asked for', () => {
    const m = modelReport();
    delete m.latency;
    for (const n of m.nodes) delete n.latency;
    const out = renderHtml(analyzeReport([m]));
    parse(out);
    expect(out).not.toContain('<svg');
    expect(out).not.toContain('Latency (roofline estimate)');
    expect(out).toContain('Top 3 layers by FLOPs');
  });

  it('is deterministic', () => {
    expect(renderHtml(structuredClone(report), { devices: [gpu, cpu] })).toBe(html);
  });
});

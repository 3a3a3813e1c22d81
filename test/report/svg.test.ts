import { describe, expect, it } from 'vitest';
import type { DeviceModel } from '../../src/devices/roofline.js';
import type { NodeEntry } from '../../src/report/model-report.js';
import { rooflineSvg, siUnit } from '../../src/report/svg.js';
import { cpu, gpu, HOSTILE, hostileReport, modelReport } from './fixtures.js';
import { checkXml, findAll, unescapeXml, type Element } from './xml.js';

const num = (e: Element, a: string) => Number(e.attrs[a]);

function parse(svg: string) {
  const { errors, root } = checkXml(svg);
  expect(errors).toEqual([]);
  expect(root.children).toHaveLength(1);
  expect(root.children[0].name).toBe('svg');
  return root;
}

/** Pixel of value v on a log axis, from two ticks of the rendered chart. */
function logPixel(ticks: Element[], coord: 'x1' | 'y1', v: number): number {
  const a = ticks[0];
  const b = ticks[ticks.length - 1];
  const va = Number(a.attrs['data-value']);
  const vb = Number(b.attrs['data-value']);
  const pa = num(a, coord);
  const pb = num(b, coord);
  return pa + ((Math.log10(v) - Math.log10(va)) / (Math.log10(vb) - Math.log10(va))) * (pb - pa);
}

describe('rooflineSvg', () => {
  const m = modelReport();
  const svg = rooflineSvg(m.latency!['test-gpu'], gpu, m.nodes);
  const root = parse(svg);
  const byClass = (c: string) => findAll(root, (e) => e.attrs.class === c);

  it('is self-contained: no scripts, links, external fonts or images', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|<style|<image|<foreignObject|href=|url\(|@import|@font-face/i);
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:/);
    expect(svg).not.toMatch(/\son\w+=/i);
  });

  it('has log-decade ticks on both axes, labelled with SI units', () => {
    const xt = byClass('tick-x').map((e) => Number(e.attrs['data-value']));
    const yt = byClass('tick-y').map((e) => Number(e.attrs['data-value']));
    for (let i = 1; i < xt.length; i++) expect(xt[i] / xt[i - 1]).toBeCloseTo(10, 9);
    for (let i = 1; i < yt.length; i++) expect(yt[i] / yt[i - 1]).toBeCloseTo(10, 9);
    const texts = findAll(root, (e) => e.name === 'text').map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(['0.1', '1', '10', '100', '1 k', '10 G', '100 G', '1 T', '10 T', '100 T', '1 P']));
    expect(texts).toContain('arithmetic intensity (FLOP/byte)');
    expect(texts).toContain('attainable FLOP/s');
    // x ticks run left to right, y ticks bottom to top, evenly spaced (a log scale)
    const xs = byClass('tick-x').map((e) => num(e, 'x1'));
    const ys = byClass('tick-y').map((e) => num(e, 'y1'));
    for (let i = 2; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeCloseTo(xs[1] - xs[0], 1);
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeLessThan(ys[i - 1]);
  });

  it('places the ridge point at peak / bandwidth on the log x axis, at the peak on the y axis', () => {
    const l = m.latency!['test-gpu'];
    expect(l.ridgePoint).toBe(20e12 / 500e9);
    const [ridge] = byClass('ridge');
    expect(Number(ridge.attrs['data-value'])).toBe(40);
    const ex = logPixel(byClass('tick-x'), 'x1', 20e12 / 500e9);
    const ey = logPixel(byClass('tick-y'), 'y1', 20e12);
    expect(Math.abs(num(ridge, 'cx') - ex)).toBeLessThan(0.02);
    expect(Math.abs(num(ridge, 'cy') - ey)).toBeLessThan(0.02);
    expect(findAll(root, (e) => e.name === 'text' && e.text.startsWith('ridge 40 FLOP/B'))).toHaveLength(1);
  });

  it('draws one compute roof per distinct peak, at peak x efficiency, labelled with its precisions', () => {
    const roofs = byClass('roof-compute');
    expect(roofs.map((r) => r.attrs['data-precision'])).toEqual(['int8', 'bf16 fp16', 'fp32']);
    const yTicks = byClass('tick-y');
    for (const [r, peak] of [
      [roofs[0], 160e12],
      [roofs[1], 80e12],
      [roofs[2], 20e12],
    ] as const) {
      expect(Math.abs(num(r, 'y1') - logPixel(yTicks, 'y1', peak * 0.8))).toBeLessThan(0.02);
    }
    const labels = byClass('roof-label').map((e) => e.text);
    expect(labels).toEqual(['int8 128 T', 'bf16/fp16 64 T', 'fp32 16 T']);
    // the dominant precision (fp32) is emphasised
    expect(byClass('roof-label')[2].attrs['font-weight']).toBe('600');
  });

  it('draws the memory roof with slope 1 at bandwidth x efficiency', () => {
    const [mem] = byClass('roof-memory');
    const xt = byClass('tick-x');
    const yt = byClass('tick-y');
    // invert the pixel scales, then check y = bw x eff x intensity at both ends
    const inv = (ticks: Element[], c: 'x1' | 'y1', p: number) => {
      const a = ticks[0];
      const b = ticks[ticks.length - 1];
      const la = Math.log10(Number(a.attrs['data-value']));
      const lb = Math.log10(Number(b.attrs['data-value']));
      return 10 ** (la + ((p - num(a, c)) / (num(b, c) - num(a, c))) * (lb - la));
    };
    for (const [xa, ya] of [
      ['x1', 'y1'],
      ['x2', 'y2'],
    ] as const) {
      const i = inv(xt, 'x1', num(mem, xa));
      const f = inv(yt, 'y1', num(mem, ya));
      expect(f / (i * 500e9 * 0.9)).toBeCloseTo(1, 2);
    }
    // it ends where the highest compute roof starts
    expect(inv(xt, 'x1', num(mem, 'x2'))).toBeCloseTo((160e12 * 0.8) / (500e9 * 0.9), -1);
  });

  it('has one dot per node with an intensity and a time, at (intensity, FLOPs / time), coloured by bound', () => {
    const dots = byClass('node');
    const expected = m.nodes.filter((n) => (n.intensity ?? 0) > 0 && (n.flops ?? 0) > 0 && n.latency?.['test-gpu']);
    expect(expected).toHaveLength(3);
    expect(dots).toHaveLength(3);
    const xt = byClass('tick-x');
    const yt = byClass('tick-y');
    for (const n of expected) {
      const t = n.latency!['test-gpu'];
      const dot = dots.find((d) => unescapeXml(d.children[0].text).startsWith(`${n.name} (`))!;
      expect(dot).toBeDefined();
      expect(Math.abs(num(dot, 'cx') - logPixel(xt, 'x1', n.intensity!))).toBeLessThan(0.02);
      expect(Math.abs(num(dot, 'cy') - logPixel(yt, 'y1', n.flops! / (t.us * 1e-6)))).toBeLessThan(0.02);
      expect(dot.attrs.fill).toBe({ compute: '#e8590c', memory: '#1971c2', overhead: '#868e96' }[t.bound]);
    }
    // area proportional to the share of time: the slowest has the full radius
    const r = (name: string) =>
      num(
        dots.find((d) => d.children[0].text.startsWith(name))!,
        'r',
      );
    expect(r('conv1')).toBe(12);
    expect(r('relu1')).toBeCloseTo(12 * Math.sqrt(22 / 130), 1);
    expect(r('fc')).toBeCloseTo(Math.max(2, 12 * Math.sqrt(9.4 / 130)), 1);
  });

  it('is deterministic', () => {
    expect(rooflineSvg(m.latency!['test-gpu'], gpu, m.nodes)).toBe(svg);
    const copy = structuredClone(m);
    expect(rooflineSvg(copy.latency!['test-gpu'], structuredClone(gpu), copy.nodes)).toBe(svg);
  });

  it('escapes every text from the report', () => {
    const h = hostileReport().models[0];
    const out = rooflineSvg(h.latency!['test-gpu'], gpu, h.nodes);
    const r = parse(out);
    expect(out).not.toMatch(/<(img|script|b)[\s>]/);
    expect(out).not.toContain('<!--');
    expect(out).not.toContain('</svg>"');
    // the hostile names are there, as text
    const titles = findAll(r, (e) => e.name === 'title').map((e) => unescapeXml(e.text));
    expect(titles[0]).toBe('Roofline: <b>evil</b> GPU @everyone (test-gpu)');
    for (const name of [HOSTILE[0], HOSTILE[1], HOSTILE[6]]) expect(titles.some((t) => t.startsWith(`${name} (`))).toBe(true);
    expect(titles.some((t) => t.includes(`(com.evil:${HOSTILE[5]})`))).toBe(true);
    // and only the elements the renderer writes exist
    const names = new Set([...findAll(r, () => true)].map((e) => e.name));
    for (const n of names) expect(['svg', 'title', 'rect', 'text', 'line', 'polyline', 'circle', 'g']).toContain(n);
  });

  it('copes with a device of one precision and with nodes off the scale', () => {
    const nodes: NodeEntry[] = structuredClone(m.nodes);
    nodes[1].intensity = 1e-9; // far left of any sensible axis
    const out = rooflineSvg(m.latency!['test-cpu'], cpu, nodes);
    const r = parse(out);
    expect(findAll(r, (e) => e.attrs.class === 'roof-compute')).toHaveLength(1);
    expect(findAll(r, (e) => e.attrs.class === 'node')).toHaveLength(3);
    expect(out).toContain('1 off scale, pinned to the edge (hollow)');
    const xt = findAll(r, (e) => e.attrs.class === 'tick-x');
    expect(xt.length - 1).toBeLessThanOrEqual(10);
  });

  it('draws at most maxDots, the slowest first', () => {
    const out = rooflineSvg(m.latency!['test-gpu'], gpu, m.nodes, { maxDots: 1 });
    const r = parse(out);
    const dots = findAll(r, (e) => e.attrs.class === 'node');
    expect(dots).toHaveLength(1);
    expect(dots[0].children[0].text.startsWith('conv1')).toBe(true);
    expect(out).toContain('2 smallest not drawn');
  });

  it('draws no dots, and says so, when no node has a time on the device', () => {
    const nodes = m.nodes.map((n) => ({ ...n, latency: undefined }));
    const out = rooflineSvg(m.latency!['test-gpu'], gpu, nodes);
    const r = parse(out);
    expect(findAll(r, (e) => e.attrs.class === 'node')).toHaveLength(0);
    expect(out).toContain('no node has FLOPs and an estimated time on this device');
  });

  it('renders a placeholder for a device without peak figures', () => {
    const bare: DeviceModel = { ...gpu, peak: {} };
    const out = rooflineSvg(m.latency!['test-gpu'], bare, m.nodes);
    parse(out);
    expect(out).toContain('no chart');
  });
});

describe('siUnit', () => {
  it('writes SI prefixes apart from the number', () => {
    expect(siUnit(1e9, 'FLOP/s')).toBe('1 GFLOP/s');
    expect(siUnit(792e12, '')).toBe('792 T');
    expect(siUnit(40, 'FLOP/B')).toBe('40 FLOP/B');
    expect(siUnit(0.25, 'FLOP/B')).toBe('0.25 FLOP/B');
  });
});

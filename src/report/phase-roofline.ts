/**
 * The roofline of a decoder's phases on one device, as a self-contained SVG (the conventions of
 * svg.ts: no scripts, no ids, no <style>; same input, same bytes): one point per op class and
 * phase, from PhaseReport.byClass, at (FLOPs / bytes, FLOPs / the class's time). A class whose
 * time the report does not give (PhaseLatency.byClass) is placed on the attainable roof at its
 * intensity, which is where a roofline puts it and the best it can do.
 *
 * The picture people reach for: the same classes move from the compute roof at prefill (many
 * tokens share each weight) down the memory roof at decode (one token per weight read). Each
 * class has its colour, each phase its marker shape; a thin line joins one class's points in the
 * phases' order, and the class is labelled at its first point. Both are in the legend.
 */
import type { DeviceModel } from '../devices/roofline.js';
import { OP_CLASSES, type OpClass } from '../devices/op-class.js';
import { escapeHtml, truncate } from './escape.js';
import { formatBytes } from './format.js';
import type { PhaseReport } from './model-report.js';
import { phaseLatency } from './phase-rows.js';
import { FONT, HALO, fmtMs, n2, roofLegend, rooflineFrame, siUnit } from './svg.js';

export interface PhaseRooflineOptions {
  /** The device id the phases' latency is keyed by. */
  deviceId: string;
  /** The precision the estimate ran at (its roof is the dominant one); default: the device's highest peak. */
  precision?: string;
  /** peak / bandwidth at that precision, when the report has it. */
  ridgePoint?: number;
  /** Pixels (default 760 x 520, taller when the class legend needs more rows). */
  width?: number;
  height?: number;
}

/** Marker shapes, one per phase in order: circle, square, triangle, diamond, triangle down, hexagon. */
const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'triangle-down', 'hexagon'] as const;
type Shape = (typeof SHAPES)[number];
/** Most phases charted (one shape each). */
export const MAX_CHART_PHASES = SHAPES.length;

/** A colour per op class (the order of OP_CLASSES), distinct on white. */
const CLASS_COLORS: Record<OpClass, string> = {
  gemm: '#e8590c',
  conv: '#c2255c',
  'conv-1x1': '#9c36b5',
  depthwise: '#6741d9',
  grouped: '#3b5bdb',
  'conv-3d': '#862e9c',
  'conv-transpose': '#1c7ed6',
  recurrent: '#0c8599',
  attention: '#2f9e44',
  normalization: '#1971c2',
  elementwise: '#5c940d',
  reduction: '#e67700',
  'data-movement': '#495057',
  resample: '#d9480f',
  view: '#868e96',
  shape: '#adb5bd',
};

const R = 6;
const finitePositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** One marker's SVG (no closing tag: the caller adds a <title> and closes it). */
function marker(shape: Shape, cx: number, cy: number, r: number, look: string, point = true): { open: string; close: string } {
  const cls = point ? 'class="point" ' : '';
  const pts = (list: [number, number][]) => list.map(([x, y]) => `${n2(cx + x)},${n2(cy + y)}`).join(' ');
  switch (shape) {
    case 'circle':
      return { open: `<circle ${cls}cx="${n2(cx)}" cy="${n2(cy)}" r="${n2(r)}" ${look}>`, close: '</circle>' };
    case 'square': {
      const s = r * 0.9;
      return { open: `<rect ${cls}x="${n2(cx - s)}" y="${n2(cy - s)}" width="${n2(2 * s)}" height="${n2(2 * s)}" ${look}>`, close: '</rect>' };
    }
    case 'triangle':
      return {
        open: `<polygon ${cls}points="${pts([
          [0, -r * 1.15],
          [r * 1.05, r * 0.75],
          [-r * 1.05, r * 0.75],
        ])}" ${look}>`,
        close: '</polygon>',
      };
    case 'triangle-down':
      return {
        open: `<polygon ${cls}points="${pts([
          [0, r * 1.15],
          [r * 1.05, -r * 0.75],
          [-r * 1.05, -r * 0.75],
        ])}" ${look}>`,
        close: '</polygon>',
      };
    case 'diamond':
      return {
        open: `<polygon ${cls}points="${pts([
          [0, -r * 1.25],
          [r * 1.1, 0],
          [0, r * 1.25],
          [-r * 1.1, 0],
        ])}" ${look}>`,
        close: '</polygon>',
      };
    case 'hexagon': {
      const list: [number, number][] = [];
      for (let k = 0; k < 6; k++) list.push([r * 1.05 * Math.cos((Math.PI / 3) * k), r * 1.05 * Math.sin((Math.PI / 3) * k)]);
      return { open: `<polygon ${cls}points="${pts(list)}" ${look}>`, close: '</polygon>' };
    }
  }
}

interface Point {
  phase: string;
  phaseIndex: number;
  opClass: OpClass;
  flops: number;
  bytes: number;
  intensity: number;
  achieved: number;
  /** The class's time in the phase, when the report gives it. */
  ms: number | null;
}

/** The peak the chart's dominant roof uses: the precision's, else the device's highest. */
function dominantPeak(device: DeviceModel, precision: string | undefined): { precision: string; peak: number } | null {
  const peaks = Object.entries(device.peak as Record<string, number | undefined>).filter((e): e is [string, number] => finitePositive(e[1]));
  if (!peaks.length) return null;
  const given = precision ? peaks.find(([p]) => p === precision) : undefined;
  const [p, v] = given ?? peaks.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { precision: p, peak: v };
}

/**
 * The phases' roofline on one device; a one-line placeholder SVG when the device has no roofs or
 * no phase has a class with FLOPs and bytes.
 */
export function phaseRooflineSvg(device: DeviceModel, phases: readonly [string, PhaseReport][], options: PhaseRooflineOptions): string {
  const width = options.width ?? 760;
  const id = options.deviceId;
  const name = device.name || id;
  const charted = phases.slice(0, MAX_CHART_PHASES);
  const dom = dominantPeak(device, options.precision);
  const bwEff = device.bandwidth * device.memoryEfficiency;
  const placeholder = (message: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 60" width="${width}" height="60" role="img" font-family="${FONT}" style="max-width:100%;height:auto">` +
    `<title>Phases on the roofline: ${escapeHtml(name)}</title>` +
    `<rect x="0" y="0" width="${width}" height="60" fill="#ffffff" stroke="#dee2e6"/>` +
    `<text x="12" y="24" font-size="14" font-weight="600" fill="#212529">Phases on the roofline: ${escapeHtml(name, { max: 80 })}</text>` +
    `<text x="12" y="44" font-size="12" fill="#495057">${escapeHtml(message)}</text>` +
    `</svg>`;
  if (!dom || !finitePositive(bwEff) || !finitePositive(device.computeEfficiency)) return placeholder('no chart: the device has no peak or bandwidth figure');
  const roofAt = (intensity: number) => Math.min(bwEff * intensity, dom.peak * device.computeEfficiency);

  // --- the points: every class with FLOPs and bytes, per phase
  const points: Point[] = [];
  charted.forEach(([phase, p], phaseIndex) => {
    const by = p.byClass && typeof p.byClass === 'object' ? p.byClass : {};
    const times = phaseLatency(p, id)?.byClass;
    for (const c of OP_CLASSES) {
      const v = by[c];
      if (!v || !finitePositive(v.flops) || !finitePositive(v.bytes)) continue;
      const t = times && typeof times === 'object' ? times[c] : undefined;
      const ms = t && finitePositive(t.ms) ? t.ms : null;
      const intensity = v.flops / v.bytes;
      points.push({
        phase,
        phaseIndex,
        opClass: c,
        flops: v.flops,
        bytes: v.bytes,
        intensity,
        achieved: ms !== null ? v.flops / (ms / 1000) : roofAt(intensity),
        ms,
      });
    }
  });
  if (!points.length) return placeholder('no chart: no op class has FLOPs and bytes in any phase');
  const classes = OP_CLASSES.filter((c) => points.some((p) => p.opClass === c));

  // --- legend layout first: phases (shapes), the roofs, then classes (colours), flowing over as
  // many rows as they need; the chart grows to fit them
  const textWidth = (s: string) => 6.8 * Array.from(s).length;
  type Item = { kind: 'phase'; i: number; label: string } | { kind: 'roofs' } | { kind: 'class'; c: OpClass };
  const items: Item[] = [
    ...charted.map(([phase], i): Item => ({ kind: 'phase', i, label: truncate(phase, 24) })),
    { kind: 'roofs' },
    ...classes.map((c): Item => ({ kind: 'class', c })),
  ];
  const rows: { item: Item; x: number }[][] = [[]];
  let cx = 78;
  for (const item of items) {
    const w = item.kind === 'roofs' ? 282 : 34 + textWidth(item.kind === 'phase' ? item.label : item.c);
    // The classes start a row of their own.
    const newRow = (cx + w > width - 10 || (item.kind === 'class' && item.c === classes[0])) && rows[rows.length - 1].length > 0;
    if (newRow) {
      rows.push([]);
      cx = 78;
    }
    rows[rows.length - 1].push({ item, x: cx });
    cx += w;
  }
  const extra = 20 * (rows.length - 2);
  const height = (options.height ?? 520) + extra;
  const bottomMargin = 122 + extra;

  // The line under the title: the device, the precision, then each phase's time while they fit.
  const parts = [truncate(id, 40), dom.precision];
  for (const [phase, p] of charted) {
    const l = phaseLatency(p, id);
    if (!l || !Number.isFinite(l.ms)) continue;
    const part = `${truncate(phase, 16)} ${fmtMs(l.ms)} ${truncate(l.bound, 12)}-bound`;
    if (6.5 * Array.from([...parts, part].join(' · ')).length > width - 78 - 10) break;
    parts.push(part);
  }
  const subtitle = parts.map((s) => escapeHtml(s)).join(' · ');
  const frame = rooflineFrame(device, {
    precision: dom.precision,
    ridgePoint: options.ridgePoint,
    xs: points.map((p) => p.intensity),
    ys: points.map((p) => p.achieved),
    width,
    height,
    title: `Phases on the roofline: ${escapeHtml(name)} (${escapeHtml(id)})`,
    heading: `Phases on the roofline: ${escapeHtml(name, { max: 80 })}`,
    subtitle,
    bottomMargin,
  });
  if (!frame) return placeholder('no chart: the device has no peak or bandwidth figure');
  const { px, py, clampX, clampY, left } = frame;
  const out = [...frame.head];

  const at = (p: Point) => {
    const rawX = px(p.intensity);
    const rawY = py(p.achieved);
    const x = clampX(rawX);
    const y = clampY(rawY);
    return { x, y, off: x !== rawX || y !== rawY };
  };

  // --- one thin line per class through its phases' points, under the markers
  out.push(`<g class="tracks" fill="none" stroke-width="1.2" stroke-opacity="0.55">`);
  for (const c of classes) {
    // A generate phase sums a prefill and its decode steps: it is no step of the track.
    const list = points.filter((p) => p.opClass === c && !charted[p.phaseIndex][1].generate);
    if (list.length < 2) continue;
    out.push(`<polyline data-class="${c}" points="${list.map((p) => `${n2(at(p).x)},${n2(at(p).y)}`).join(' ')}" stroke="${CLASS_COLORS[c]}"/>`);
  }
  out.push(`</g>`);

  // --- the markers
  let offScale = 0;
  let onRoof = 0;
  out.push(`<g class="points" fill-opacity="0.75" stroke-width="1.2">`);
  for (const p of points) {
    const { x, y, off } = at(p);
    if (off) offScale++;
    if (p.ms === null) onRoof++;
    const color = CLASS_COLORS[p.opClass];
    const look = off ? `fill="#ffffff" stroke="${color}" stroke-dasharray="2 1.5"` : `fill="${color}" stroke="${color}"`;
    const m = marker(
      SHAPES[p.phaseIndex],
      x,
      y,
      R,
      `data-phase="${escapeHtml(p.phase, { max: 60 })}" data-class="${p.opClass}" data-intensity="${String(p.intensity)}" data-achieved="${String(p.achieved)}" ${look}`,
    );
    const tip =
      `${escapeHtml(p.phase, { max: 60 })} · ${p.opClass}: ${escapeHtml(siUnit(p.flops, 'FLOP'))}, ${escapeHtml(formatBytes(p.bytes))} moved` +
      ` · ${escapeHtml(siUnit(p.intensity, 'FLOP/B'))} · ${escapeHtml(siUnit(p.achieved, 'FLOP/s'))}` +
      (p.ms !== null ? ` in ${fmtMs(p.ms)}` : ' (on the attainable roof: the class time is not in the report)') +
      (off ? ' · off scale' : '');
    out.push(`${m.open}<title>${tip}</title>${m.close}`);
  }
  out.push(`</g>`);

  // --- a label per class at its first point, pushed apart so none overlap
  const labels = classes.map((c) => {
    const first = points.find((p) => p.opClass === c)!;
    const { x, y } = at(first);
    return { c, x: x + R + 4, y: y + 4 };
  });
  labels.sort((a, b) => a.y - b.y || a.x - b.x);
  for (let i = 0; i < labels.length; i++)
    for (let j = 0; j < i; j++)
      if (Math.abs(labels[i].x - labels[j].x) < 80 && labels[i].y < labels[j].y + 12 && labels[i].y > labels[j].y - 12) labels[i].y = labels[j].y + 12;
  for (const l of labels) {
    const end = l.x + textWidth(l.c) > frame.right;
    out.push(
      `<text class="class-label" x="${n2(end ? l.x - 2 * (R + 4) : l.x)}" y="${n2(l.y)}" font-size="11" fill="${CLASS_COLORS[l.c]}" ${HALO}${end ? ' text-anchor="end"' : ''}>${l.c}</text>`,
    );
  }
  out.push(...frame.ridge);

  // --- legend
  let ly = height - 62 - extra;
  for (const row of rows) {
    for (const { item, x } of row) {
      if (item.kind === 'phase') {
        const m = marker(SHAPES[item.i], x + 5, ly - 4, 5, `fill="#868e96" fill-opacity="0.75" stroke="#495057"`, false);
        out.push(`${m.open}${m.close}`);
        out.push(`<text class="phase-legend" x="${n2(x + 14)}" y="${ly}" font-size="11" fill="#495057">${escapeHtml(item.label)}</text>`);
      } else if (item.kind === 'roofs') {
        roofLegend(out, x + 4, ly);
      } else {
        const color = CLASS_COLORS[item.c];
        out.push(`<circle cx="${n2(x + 5)}" cy="${ly - 4}" r="5" fill="${color}" fill-opacity="0.75" stroke="${color}"/>`);
        out.push(`<text class="class-legend" x="${n2(x + 14)}" y="${ly}" font-size="11" fill="#495057">${item.c}</text>`);
      }
    }
    ly += 20;
  }
  const notes = [`a point per op class and phase: ${points.length}`];
  if (onRoof) notes.push(`${onRoof} placed on the roof (no class time in the report)`);
  if (offScale) notes.push(`${offScale} off scale, pinned to the edge (hollow)`);
  if (phases.length > charted.length) notes.push(`${phases.length - charted.length} more phase${phases.length - charted.length === 1 ? '' : 's'} not drawn`);
  out.push(`<text x="${left}" y="${height - 12}" font-size="11" fill="#868e96">${escapeHtml(notes.join(' · '), { max: Infinity })}</text>`);
  out.push(`</svg>`);
  return out.join('\n');
}

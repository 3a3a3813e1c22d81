/**
 * The roofline chart of one model on one device, as a self-contained SVG: no scripts, no
 * external fonts or images, presentation attributes only (no <style>, no ids), so it can be
 * inlined any number of times in one HTML page or saved as a file. Same input, same bytes.
 *
 * Log-log axes: x is arithmetic intensity (FLOP per byte moved), y is FLOP/s.
 *
 * - Attainable roofs (solid): the memory roof bandwidth x memory efficiency x intensity, and one
 *   compute roof per precision the device has, peak x compute efficiency (precisions with the
 *   same peak share a line and a label). These are the roofs the estimate uses.
 * - Datasheet roof (dashed) at the model's dominant precision: bandwidth x intensity up to the
 *   ridge point, peak beyond. The ridge point (the report's `ridgePoint`, peak / bandwidth) is
 *   its knee, marked and labelled.
 * - One dot per node that has a positive intensity, positive FLOPs and an estimated time on the
 *   device, at (intensity, FLOPs / node time); dot area is proportional to the node's share of
 *   the model's time (the largest dot has a fixed radius) and its colour is its bound. Each dot
 *   carries a <title> (a tooltip in browsers) with the node's figures.
 */
import { opLabel } from '../graph/model.js';
import type { DeviceModel } from '../devices/roofline.js';
import { escapeHtml } from './escape.js';
import { formatCount } from './format.js';
import type { LatencyReport, NodeEntry } from './model-report.js';

export interface RooflineOptions {
  /** Pixels (default 800 x 480). */
  width?: number;
  height?: number;
  /** Most dots drawn, the nodes that take the most time first (default 2000). */
  maxDots?: number;
}

export const BOUND_COLORS: Record<string, string> = {
  compute: '#e8590c',
  memory: '#1971c2',
  overhead: '#868e96',
};
const OTHER_COLOR = '#868e96';
/** A white outline under text drawn over lines, so it stays readable. */
export const HALO = 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/** Order in which precisions that share one peak are listed. */
const PRECISION_ORDER = ['fp64', 'fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'];
const MAX_DECADES_X = 10;
const MAX_DECADES_Y = 9;
const MAX_RADIUS = 12;
const MIN_RADIUS = 2;

/** A number for a coordinate: at most 2 decimals, no "-0". */
export function n2(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** "792 T" + unit: 3 significant digits, SI prefix separated by a space. */
export function siUnit(v: number, unit: string): string {
  const s = formatCount(v);
  const m = /^(-?[\d.]+)([kMGTP]?)$/.exec(s);
  const tail = m ? `${m[2]}${unit}` : unit;
  return tail ? `${m ? m[1] : s} ${tail}` : s;
}

interface Roof {
  precisions: string[];
  /** Datasheet peak, FLOP/s. */
  peak: number;
  /** peak x compute efficiency. */
  attainable: number;
  /** Intensity at which the attainable compute roof meets the attainable memory roof. */
  knee: number;
  dominant: boolean;
}

interface Dot {
  node: NodeEntry;
  index: number;
  intensity: number;
  achieved: number;
  us: number;
  share: number;
  bound: string;
}

const finitePositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

function roofsOf(precision: string, device: DeviceModel): Roof[] {
  const byPeak = new Map<number, string[]>();
  for (const [p, v] of Object.entries(device.peak as Record<string, number | undefined>)) {
    if (!finitePositive(v)) continue;
    const list = byPeak.get(v) ?? [];
    list.push(p);
    byPeak.set(v, list);
  }
  const bw = device.bandwidth * device.memoryEfficiency;
  const rank = (p: string) => (PRECISION_ORDER.includes(p) ? PRECISION_ORDER.indexOf(p) : PRECISION_ORDER.length);
  return [...byPeak.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([peak, precisions]) => {
      precisions.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
      const attainable = peak * device.computeEfficiency;
      return { precisions, peak, attainable, knee: attainable / bw, dominant: precisions.includes(precision) };
    });
}

function dotsOf(latency: LatencyReport, nodes: readonly NodeEntry[]): Dot[] {
  const id = latency.device;
  const raw = nodes
    .map((node, index) => ({ node, index, t: node.latency?.[id] }))
    // A fused epilogue is part of its producer's kernel: its own intensity is not the kernel's, so it is not a dot.
    .filter(({ node, t }) => finitePositive(node.intensity) && finitePositive(node.flops) && t !== undefined && t.bound !== 'fused' && finitePositive(t.us));
  const sumUs = raw.reduce((s, d) => s + d.t!.us, 0);
  const totalUs = finitePositive(latency.ms) ? Math.max(latency.ms * 1000, sumUs) : sumUs;
  return raw.map(({ node, index, t }) => ({
    node,
    index,
    intensity: node.intensity!,
    achieved: node.flops! / (t!.us * 1e-6),
    us: t!.us,
    share: totalUs > 0 ? t!.us / totalUs : 0,
    bound: t!.bound,
  }));
}

/** An SVG that says why there is no chart (a device without peak or bandwidth figures). */
function placeholder(latency: LatencyReport, width: number, message: string): string {
  const name = escapeHtml(latency.name || latency.device);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 60" width="${width}" height="60" role="img" font-family="${FONT}" style="max-width:100%;height:auto">` +
    `<title>Roofline: ${name}</title>` +
    `<rect x="0" y="0" width="${width}" height="60" fill="#ffffff" stroke="#dee2e6"/>` +
    `<text x="12" y="24" font-size="14" font-weight="600" fill="#212529">Roofline: ${name}</text>` +
    `<text x="12" y="44" font-size="12" fill="#495057">${escapeHtml(message)}</text>` +
    `</svg>`
  );
}

/** The axes, grid, roofs and ridge point of a roofline chart, and its scales, for the points drawn over it. */
export interface RooflineFrame {
  /** The SVG's opening, title, grid, axes, roofs and the ridge's drop line. */
  head: string[];
  /** The ridge marker and its label: drawn over the points. */
  ridge: string[];
  px: (x: number) => number;
  py: (y: number) => number;
  clampX: (v: number) => number;
  clampY: (v: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
  /** Bandwidth x memory efficiency (the memory roof's slope). */
  bwEff: number;
  /** The attainable compute roof of the dominant precision, FLOP/s. */
  attainable: number;
}

export interface FrameSpec {
  /** The precision whose roof is the dominant one (bold, and the datasheet roof's). */
  precision: string;
  /** peak / bandwidth at that precision, when known (else computed from the device). */
  ridgePoint?: number;
  /** The points' intensities and FLOP/s, so the axes cover them. */
  xs: readonly number[];
  ys: readonly number[];
  width: number;
  height: number;
  /** Escaped: the <title>, the heading and the line under it. */
  title: string;
  heading: string;
  subtitle: string;
  /** Pixels under the plot for the axis title and the legend (default 86). */
  bottomMargin?: number;
}

/**
 * The frame of a roofline chart for `device`: null when the device has no peak or bandwidth
 * figure (no roof to draw).
 */
export function rooflineFrame(device: DeviceModel, spec: FrameSpec): RooflineFrame | null {
  const { width, height } = spec;
  const roofs = roofsOf(spec.precision, device);
  const bwEff = device.bandwidth * device.memoryEfficiency;
  if (roofs.length === 0 || !finitePositive(bwEff) || !finitePositive(device.computeEfficiency)) return null;
  const dominant = roofs.find((r) => r.dominant) ?? roofs[0];
  const ridge = finitePositive(spec.ridgePoint) ? spec.ridgePoint : dominant.peak / device.bandwidth;
  const ridgeY = ridge * device.bandwidth; // the datasheet roof at the ridge: the peak

  // --- axis domains, whole decades
  const knees = roofs.map((r) => r.knee);
  const xs = [...spec.xs, ridge, ...knees];
  let xMinExp = Math.min(Math.floor(Math.log10(Math.min(...xs))), Math.floor(Math.log10(Math.min(...knees, ridge))) - 2);
  const xMaxExp = Math.max(Math.ceil(Math.log10(Math.max(...xs))), Math.floor(Math.log10(Math.max(...knees, ridge))) + 1);
  xMinExp = Math.max(xMinExp, xMaxExp - MAX_DECADES_X);
  const yMaxExp = Math.floor(Math.log10(Math.max(...roofs.map((r) => r.peak)))) + 1;
  const ys = [...spec.ys, bwEff * 10 ** xMinExp, Math.min(...roofs.map((r) => r.attainable))];
  let yMinExp = Math.floor(Math.log10(Math.min(...ys)));
  yMinExp = Math.min(Math.max(yMinExp, yMaxExp - MAX_DECADES_Y), yMaxExp - 2);
  const xMin = 10 ** xMinExp;
  const xMax = 10 ** xMaxExp;
  const yMin = 10 ** yMinExp;

  // --- plot area and scales
  const left = 78;
  const right = width - 128; // roof labels sit in the right margin
  const top = 64;
  const bottom = height - (spec.bottomMargin ?? 86);
  const pw = right - left;
  const ph = bottom - top;
  const px = (x: number) => left + ((Math.log10(x) - xMinExp) / (xMaxExp - xMinExp)) * pw;
  const py = (y: number) => bottom - ((Math.log10(y) - yMinExp) / (yMaxExp - yMinExp)) * ph;
  const clampX = (v: number) => Math.min(right, Math.max(left, v));
  const clampY = (v: number) => Math.min(bottom, Math.max(top, v));

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="${FONT}" style="max-width:100%;height:auto">`,
  );
  out.push(`<title>${spec.title}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${left}" y="24" font-size="15" font-weight="600" fill="#212529">${spec.heading}</text>`);
  out.push(`<text x="${left}" y="44" font-size="12" fill="#495057">${spec.subtitle}</text>`);

  // --- grid, ticks, labels
  const xStep = xMaxExp - xMinExp > 10 ? 2 : 1;
  const yStep = yMaxExp - yMinExp > 10 ? 2 : 1;
  for (let e = xMinExp; e <= xMaxExp; e++) {
    const x = n2(px(10 ** e));
    out.push(`<line class="tick-x" data-value="${n2v(10 ** e)}" x1="${x}" y1="${top}" x2="${x}" y2="${bottom + 5}" stroke="#e9ecef" stroke-width="1"/>`);
    if ((e - xMinExp) % xStep === 0)
      out.push(`<text x="${x}" y="${bottom + 19}" font-size="11" fill="#495057" text-anchor="middle">${siUnit(10 ** e, '')}</text>`);
    if (e < xMaxExp)
      for (let k = 2; k <= 9; k++) {
        const mx = n2(px(k * 10 ** e));
        out.push(`<line x1="${mx}" y1="${bottom}" x2="${mx}" y2="${bottom + 3}" stroke="#adb5bd" stroke-width="1"/>`);
      }
  }
  for (let e = yMinExp; e <= yMaxExp; e++) {
    const y = n2(py(10 ** e));
    out.push(`<line class="tick-y" data-value="${n2v(10 ** e)}" x1="${left - 5}" y1="${y}" x2="${right}" y2="${y}" stroke="#e9ecef" stroke-width="1"/>`);
    if ((e - yMinExp) % yStep === 0)
      out.push(`<text x="${left - 8}" y="${n2(py(10 ** e) + 4)}" font-size="11" fill="#495057" text-anchor="end">${siUnit(10 ** e, '')}</text>`);
    if (e < yMaxExp)
      for (let k = 2; k <= 9; k++) {
        const my = n2(py(k * 10 ** e));
        out.push(`<line x1="${left - 3}" y1="${my}" x2="${left}" y2="${my}" stroke="#adb5bd" stroke-width="1"/>`);
      }
  }
  out.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#868e96" stroke-width="1"/>`);
  out.push(`<text x="${n2(left + pw / 2)}" y="${bottom + 38}" font-size="12" fill="#212529" text-anchor="middle">arithmetic intensity (FLOP/byte)</text>`);
  out.push(
    `<text x="18" y="${n2(top + ph / 2)}" font-size="12" fill="#212529" text-anchor="middle" transform="rotate(-90 18 ${n2(top + ph / 2)})">attainable FLOP/s</text>`,
  );

  // --- datasheet roof at the dominant precision (dashed), with the ridge point at its knee
  const specStart = Math.max(xMin, yMin / device.bandwidth);
  if (specStart < ridge) {
    out.push(
      `<polyline class="roof-datasheet" points="${n2(px(specStart))},${n2(clampY(py(specStart * device.bandwidth)))} ${n2(px(ridge))},${n2(py(ridgeY))} ${n2(right)},${n2(py(ridgeY))}" fill="none" stroke="#868e96" stroke-width="1.2" stroke-dasharray="5 4"/>`,
    );
  }

  // --- attainable roofs (solid)
  const maxKnee = Math.max(...knees);
  const memStart = Math.max(xMin, yMin / bwEff);
  if (memStart < maxKnee) {
    out.push(
      `<line class="roof-memory" x1="${n2(px(memStart))}" y1="${n2(py(memStart * bwEff))}" x2="${n2(clampX(px(maxKnee)))}" y2="${n2(py(Math.min(maxKnee, xMax) * bwEff))}" stroke="#343a40" stroke-width="2"/>`,
    );
    // label along the slope, a third of the way up the visible part
    const lx0 = px(memStart);
    const ly0 = py(memStart * bwEff);
    const lx1 = clampX(px(maxKnee));
    const ly1 = py(Math.min(maxKnee, xMax) * bwEff);
    const angle = (Math.atan2(ly1 - ly0, lx1 - lx0) * 180) / Math.PI;
    const tx = lx0 + (lx1 - lx0) * 0.3;
    const ty = ly0 + (ly1 - ly0) * 0.3 - 6;
    out.push(
      `<text x="${n2(tx)}" y="${n2(ty)}" font-size="11" fill="#343a40" ${HALO} transform="rotate(${n2(angle)} ${n2(tx)} ${n2(ty)})">memory ${escapeHtml(siUnit(bwEff, 'B/s'))} (${fmtPct(device.memoryEfficiency, 0)} of ${escapeHtml(siUnit(device.bandwidth, 'B/s'))})</text>`,
    );
  }
  const labels: { y: number; text: string; dominant: boolean }[] = [];
  for (const r of roofs) {
    const x0 = clampX(px(Math.max(r.knee, xMin)));
    const y = py(r.attainable);
    out.push(
      `<line class="roof-compute" data-precision="${escapeHtml(r.precisions.join(' '))}" x1="${n2(x0)}" y1="${n2(y)}" x2="${n2(right)}" y2="${n2(y)}" stroke="${r.dominant ? '#343a40' : '#868e96'}" stroke-width="${r.dominant ? 2 : 1.3}"/>`,
    );
    labels.push({ y: y + 4, text: `${r.precisions.map((p) => escapeHtml(p)).join('/')} ${escapeHtml(siUnit(r.attainable, ''))}`, dominant: r.dominant });
  }
  // labels in the right margin, level with their lines, pushed apart so none overlap
  labels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) if (labels[i].y < labels[i - 1].y + 12) labels[i].y = labels[i - 1].y + 12;
  out.push(`<text x="${n2(right + 6)}" y="${top - 6}" font-size="10" fill="#868e96">compute roofs, FLOP/s</text>`);
  for (const l of labels) {
    out.push(
      `<text class="roof-label" x="${n2(right + 6)}" y="${n2(l.y)}" font-size="11" fill="#212529"${l.dominant ? ' font-weight="600"' : ''}>${l.text}</text>`,
    );
  }

  // --- ridge point: dotted drop line (under the points), marker and label (over them)
  const rx = px(ridge);
  const ry = py(ridgeY);
  out.push(`<line x1="${n2(rx)}" y1="${n2(ry)}" x2="${n2(rx)}" y2="${bottom}" stroke="#868e96" stroke-width="1" stroke-dasharray="2 3"/>`);
  const ridgeOut: string[] = [];
  ridgeOut.push(`<circle class="ridge" data-value="${n2v(ridge)}" cx="${n2(rx)}" cy="${n2(ry)}" r="4" fill="#ffffff" stroke="#212529" stroke-width="1.5"/>`);
  const ridgeText = `ridge ${escapeHtml(siUnit(ridge, 'FLOP/B'))} (${escapeHtml(spec.precision)})`;
  const leftSide = rx > left + pw * 0.55;
  ridgeOut.push(
    `<text x="${n2(leftSide ? rx - 8 : rx + 8)}" y="${n2(Math.max(top + 12, ry - 8))}" font-size="11" fill="#212529" ${HALO}${leftSide ? ' text-anchor="end"' : ''}>${ridgeText}</text>`,
  );
  return { head: out, ridge: ridgeOut, px, py, clampX, clampY, left, right, top, bottom, width, height, bwEff, attainable: dominant.attainable };
}

export function rooflineSvg(latency: LatencyReport, device: DeviceModel, nodes: readonly NodeEntry[], options: RooflineOptions = {}): string {
  const width = options.width ?? 800;
  const height = options.height ?? 480;
  const maxDots = options.maxDots ?? 2000;

  // --- dots, biggest first (small ones drawn on top); at most maxDots, by time
  let dots = dotsOf(latency, nodes).sort((a, b) => b.us - a.us || a.index - b.index);
  const omitted = Math.max(0, dots.length - maxDots);
  dots = dots.slice(0, maxDots);
  const maxShare = dots.reduce((m, d) => Math.max(m, d.share), 0);

  const name = latency.name || device.name || latency.device;
  const frame = rooflineFrame(device, {
    precision: latency.precision,
    ridgePoint: latency.ridgePoint,
    xs: dots.map((d) => d.intensity),
    ys: dots.map((d) => d.achieved),
    width,
    height,
    title: `Roofline: ${escapeHtml(name)} (${escapeHtml(latency.device)})`,
    heading: `Roofline: ${escapeHtml(name, { max: 80 })}`,
    subtitle: [
      escapeHtml(latency.device, { max: 60 }),
      `${fmtMs(latency.ms)} estimated`,
      `${escapeHtml(latency.bound)}-bound`,
      escapeHtml(latency.precision),
      `utilisation ${fmtPct(latency.utilization)}`,
    ].join(' · '),
  });
  if (!frame) return placeholder(latency, width, 'no chart: the device has no peak or bandwidth figure');
  const { px, py, clampX, clampY, left } = frame;
  const out = [...frame.head];

  // --- nodes
  let offScale = 0;
  out.push(`<g class="nodes" fill-opacity="0.6" stroke-width="1">`);
  for (const d of dots) {
    const rawX = px(d.intensity);
    const rawY = py(d.achieved);
    const cx = clampX(rawX);
    const cy = clampY(rawY);
    const off = cx !== rawX || cy !== rawY;
    if (off) offScale++;
    const r = maxShare > 0 ? Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(d.share / maxShare)) : MIN_RADIUS;
    const color = BOUND_COLORS[d.bound] ?? OTHER_COLOR;
    const tip =
      `${escapeHtml(d.node.name || '(unnamed)', { max: 120 })} (${escapeHtml(opLabel(d.node.domain ?? '', d.node.opType), { max: 60 })})` +
      ` · ${escapeHtml(siUnit(d.intensity, 'FLOP/B'))} · ${escapeHtml(siUnit(d.achieved, 'FLOP/s'))}` +
      ` · ${fmtUs(d.us)} (${fmtPct(d.share)} of time) · ${escapeHtml(d.bound)}-bound${off ? ' · off scale' : ''}`;
    // off-scale dots are hollow and dashed, so a pinned dot is not read as a value
    const look = off ? `fill="#ffffff" stroke="${color}" stroke-dasharray="2 1.5"` : `fill="${color}" stroke="${color}"`;
    out.push(`<circle class="node" cx="${n2(cx)}" cy="${n2(cy)}" r="${n2(r)}" ${look}><title>${tip}</title></circle>`);
  }
  out.push(`</g>`);
  out.push(...frame.ridge);

  // --- legend and notes
  const ly = height - 30;
  let lx = left;
  for (const [bound, color] of Object.entries(BOUND_COLORS)) {
    out.push(`<circle cx="${n2(lx + 5)}" cy="${ly - 4}" r="5" fill="${color}" fill-opacity="0.6" stroke="${color}"/>`);
    out.push(`<text x="${n2(lx + 14)}" y="${ly}" font-size="11" fill="#495057">${bound}-bound</text>`);
    lx += 118;
  }
  roofLegend(out, lx, ly);
  const notes = [`dot area ∝ share of time${maxShare > 0 ? ` (largest ${fmtPct(maxShare)})` : ''}`, `${dots.length} node${dots.length === 1 ? '' : 's'} drawn`];
  if (omitted) notes.push(`${omitted} smallest not drawn`);
  if (offScale) notes.push(`${offScale} off scale, pinned to the edge (hollow)`);
  if (dots.length === 0) notes.push('no node has FLOPs and an estimated time on this device');
  out.push(`<text x="${left}" y="${height - 10}" font-size="11" fill="#868e96">${escapeHtml(notes.join(' · '), { max: Infinity })}</text>`);
  out.push(`</svg>`);
  return out.join('\n');
}

/** The legend of the two roof styles, from (lx, ly); returns the x after it. */
export function roofLegend(out: string[], lx: number, ly: number): number {
  out.push(`<line x1="${n2(lx)}" y1="${ly - 4}" x2="${n2(lx + 22)}" y2="${ly - 4}" stroke="#343a40" stroke-width="2"/>`);
  out.push(`<text x="${n2(lx + 28)}" y="${ly}" font-size="11" fill="#495057">attainable (× efficiency)</text>`);
  lx += 170;
  out.push(`<line x1="${n2(lx)}" y1="${ly - 4}" x2="${n2(lx + 22)}" y2="${ly - 4}" stroke="#868e96" stroke-width="1.2" stroke-dasharray="5 4"/>`);
  out.push(`<text x="${n2(lx + 28)}" y="${ly}" font-size="11" fill="#495057">datasheet</text>`);
  return lx + 100;
}

/** A data-value: the number as JS prints it (round-trips), for tests and tools reading the SVG. */
function n2v(v: number): string {
  return String(v);
}

export function fmtPct(v: number, digits = 1): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : '?';
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '? ms';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(ms * 1000 >= 10 ? 1 : 2)} µs`;
}

export function fmtUs(us: number): string {
  return fmtMs(us / 1000);
}

/**
 * The HTML report: one self-contained page (inline CSS, inline SVG, no scripts, no external
 * requests; a Content-Security-Policy meta tag forbids them in case anything slipped through)
 * with, per model, the summary figures, inputs and outputs, the per-device latency table with a
 * roofline chart and the slowest layers per device, the costliest layers by FLOPs, the operator
 * type breakdown and the notices. Every string from the model is escaped. Deterministic: no
 * timestamps, same report in, same bytes out.
 */
import { opLabel } from '../graph/model.js';
import type { DeviceModel } from '../devices/roofline.js';
import { escapeHtml } from './escape.js';
import { formatBytes, formatCount, formatHeader } from './format.js';
import type { AnalyzeReport, LatencyReport, ModelReport, NodeEntry, TensorEntry } from './model-report.js';
import { BOUND_COLORS, fmtMs, fmtUs, rooflineSvg, siUnit } from './svg.js';
import { shapeText } from './text.js';
import { boundedFigure, boundedMs, isLowerBound, lowerBoundNote } from './bounds.js';
import { classRows } from './latency.js';
import { generateNote, latencyCells, phaseCells, phaseDevices, phaseEntries, phaseLatency } from './phase-rows.js';
import { phaseRooflineSvg } from './phase-roofline.js';

export interface HtmlOptions {
  /**
   * The device models the latency was estimated with (by id). A chart needs their peaks per
   * precision and bandwidth; a device missing here is charted from what its LatencyReport
   * implies (the dominant precision's roof only).
   */
  devices?: readonly DeviceModel[] | Readonly<Record<string, DeviceModel>>;
  /** Rows in the top-layers tables (default 15). */
  top?: number;
  /** Page title (default "model-budget report"). */
  title?: string;
}

const NAME_MAX = 100;
const NOTICES_MAX = 200;
const IO_MAX = 50;

const CSS = `
:root{color-scheme:light dark;--fg:#212529;--muted:#6c757d;--bg:#ffffff;--panel:#f8f9fa;--line:#dee2e6;--accent:#1971c2}
@media (prefers-color-scheme:dark){:root{--fg:#e9ecef;--muted:#adb5bd;--bg:#16181b;--panel:#1f2226;--line:#343a40;--accent:#74c0fc}}
*{box-sizing:border-box}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1320px;margin:0 auto}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:0 0 4px;word-break:break-all}
h2 code{font-size:inherit}
h3{font-size:15px;margin:28px 0 8px}
h4{font-size:14px;margin:16px 0 6px}
a{color:var(--accent)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.muted{color:var(--muted)}
.model{border-top:2px solid var(--line);margin-top:28px;padding-top:20px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:14px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .v{font-size:22px;font-weight:600}
.card .k{color:var(--muted);font-size:12px}
.card .n{color:var(--muted);font-size:12px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:4px 0 8px;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{font-weight:600;background:var(--panel)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.name{max-width:420px;word-break:break-all}
.io{display:flex;flex-wrap:wrap;gap:24px}
.bound{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px;color:#fff}
.bar{display:inline-block;width:120px;height:10px;background:var(--line);border-radius:2px;vertical-align:middle;margin-right:6px}
.bar>span{display:block;height:100%;background:var(--accent);border-radius:2px}
figure{margin:12px 0;background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px;display:inline-block;max-width:100%}
figcaption{color:#495057;font-size:12px;padding:4px 6px 0}
.device{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
.device figure{margin:0}
.slowest h4{margin-top:0}
ul.notices{padding-left:20px}
ul.notices li{word-break:break-word}
footer{margin-top:36px;color:var(--muted);font-size:12px}
`;

const esc = (s: string, max = NAME_MAX) => escapeHtml(s, { max });
/** A name cell: truncated, the full (escaped) name in a tooltip. */
function nameCell(name: string, fallback = '(unnamed)'): string {
  if (!name) return `<td class="name muted">${fallback}</td>`;
  const full = escapeHtml(name, { max: 1000 });
  const shown = esc(name);
  return `<td class="name"${shown !== full ? ` title="${full}"` : ''}><code>${shown}</code></td>`;
}
const num = (s: string) => `<td class="num">${s}</td>`;
const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : '?');
const nodeOp = (n: NodeEntry) => opLabel(n.domain ?? '', n.opType);

function boundBadge(bound: string): string {
  const color = BOUND_COLORS[bound] ?? '#868e96';
  return `<span class="bound" style="background:${color}">${esc(bound, 20)}</span>`;
}

function table(head: { label: string; num?: boolean }[], rows: string[]): string {
  return (
    `<div class="scroll"><table><thead><tr>${head.map((h) => `<th${h.num ? ' class="num"' : ''}>${h.label}</th>`).join('')}</tr></thead>` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`
  );
}

function tensorTable(title: string, tensors: TensorEntry[]): string {
  const shown = tensors.slice(0, IO_MAX);
  const rows = shown.map((t) => {
    const type = t.kind ? `${t.kind}<${t.dtype ?? '?'}>` : (t.dtype ?? '?');
    return `<tr>${nameCell(t.name, '(empty)')}<td>${esc(type, 60)}</td><td><code>${esc(shapeText(t.shape), 200)}</code></td></tr>`;
  });
  if (tensors.length > shown.length) rows.push(`<tr><td colspan="3" class="muted">… ${tensors.length - shown.length} more</td></tr>`);
  return `<div><h4>${title} (${tensors.length})</h4>${table([{ label: 'name' }, { label: 'type' }, { label: 'shape' }], rows)}</div>`;
}

function deviceLookup(devices: HtmlOptions['devices']): Map<string, DeviceModel> {
  const map = new Map<string, DeviceModel>();
  if (!devices) return map;
  const list = Array.isArray(devices) ? (devices as readonly DeviceModel[]) : Object.values(devices as Record<string, DeviceModel>);
  for (const d of list) map.set(d.id, d);
  return map;
}

/**
 * A device model rebuilt from a latency report alone: the peak at the dominant precision is
 * achieved FLOP/s / utilisation, the bandwidth is that peak / ridge point. Peak-less when the
 * report cannot tell (no FLOPs).
 */
export function deviceFromLatency(l: LatencyReport): DeviceModel {
  const peak = l.utilization > 0 && l.achievedFlops > 0 ? l.achievedFlops / l.utilization : 0;
  const bandwidth = peak > 0 && l.ridgePoint > 0 ? peak / l.ridgePoint : 0;
  return {
    id: l.device,
    name: l.name,
    peak: peak > 0 ? { [l.precision]: peak } : {},
    bandwidth,
    computeEfficiency: l.efficiency.compute,
    memoryEfficiency: l.efficiency.memory,
    classes: {},
    fusion: l.fusion === 'standard' ? 'standard' : 'none',
    kernelOverhead: l.efficiency.kernelOverheadUs / 1e6,
  };
}

function summaryCards(m: ModelReport): string {
  const t = m.totals;
  const card = (k: string, v: string, note = '') =>
    `<div class="card"><div class="k">${k}</div><div class="v">${v}</div><div class="n">${note || '&nbsp;'}</div></div>`;
  return (
    `<div class="cards">` +
    card('params', formatCount(t.params), `${formatBytes(t.weightBytes)} of weights`) +
    card('MACs', esc(boundedFigure(t, 'macs', formatCount), 60), `core (conv/matmul) ${esc(boundedFigure(t, 'coreMacs', formatCount), 60)}`) +
    card('FLOPs', esc(boundedFigure(t, 'flops', formatCount), 60), isLowerBound(t, 'flops') ? 'lower bound' : '') +
    card(
      'memory traffic',
      esc(boundedFigure(t, 'memoryAccessBytes', formatBytes), 60),
      `unfused, all nodes${isLowerBound(t, 'memoryAccessBytes') ? '; lower bound' : ''}`,
    ) +
    card(
      'peak activations',
      esc(boundedFigure(t, 'peakActivationBytes', formatBytes), 60),
      `weights apart${isLowerBound(t, 'peakActivationBytes') ? '; lower bound' : ''}`,
    ) +
    card('file', formatBytes(m.fileBytes), `${m.nodes.length} nodes`) +
    `</div>`
  );
}

/** Which runtime model the devices' estimates used, in a sentence. */
function fusionNote(fusions: unknown[]): string {
  const set = new Set(fusions.map((f) => (f === 'standard' || f === 'none' ? f : 'none')));
  if (set.size === 1 && set.has('standard')) return 'Fusion standard: element-wise epilogues fold into the conv / gemm before them and views are free.';
  if (set.size === 1) return 'No fusion: every node is its own kernel.';
  return 'Fusion as each device states (standard: element-wise epilogues fold into the conv / gemm before them; none: every node is its own kernel).';
}

function latencySection(m: ModelReport, devices: Map<string, DeviceModel>, top: number): string {
  const entries = Object.entries(m.latency ?? {});
  if (entries.length === 0) return '';
  const out: string[] = [];
  out.push(`<h3>Latency (roofline estimate)</h3>`);
  const rows = entries.map(([id, l]) => {
    const name = l.name && l.name !== id ? `${esc(l.name, 80)} <span class="muted">(<code>${esc(id, 60)}</code>)</span>` : `<code>${esc(id, 60)}</code>`;
    return (
      `<tr><td>${name}</td>${num(`<b>${esc(boundedMs(l, fmtMs), 60)}</b>`)}<td>${boundBadge(l.bound)}</td>${num(pct(l.utilization))}<td>${esc(l.precision, 20)}</td>` +
      `${num(esc(siUnit(l.ridgePoint, 'FLOP/B')))}${num(fmtMs(l.computeMs))}${num(fmtMs(l.memoryMs))}${num(fmtMs(l.overheadMs))}${num(String(l.kernels))}</tr>`
    );
  });
  out.push(
    table(
      [
        { label: 'device' },
        { label: 'latency', num: true },
        { label: 'bound' },
        { label: 'utilisation', num: true },
        { label: 'precision' },
        { label: 'ridge point', num: true },
        { label: 'compute', num: true },
        { label: 'memory', num: true },
        { label: 'overhead', num: true },
        { label: 'kernels', num: true },
      ],
      rows,
    ),
  );
  out.push(
    `<p class="muted">Static estimate from the graph and the device datasheet: per kernel max(FLOPs / (peak × the op class's compute efficiency), bytes / (cache or memory bandwidth)) + the class's kernel overhead, summed; recurrent nodes per time step. ${fusionNote(entries.map(([, l]) => l.fusion))} Compare versions on one device rather than trusting absolute numbers.</p>`,
  );
  for (const [id, l] of entries) {
    const given = devices.get(id);
    const device = given ?? deviceFromLatency(l);
    out.push(`<h4>${esc(l.name || id, 80)} <span class="muted">(<code>${esc(id, 60)}</code>)</span></h4>`);
    out.push(`<div class="device">`);
    const caption =
      `Efficiencies: compute ${pct(l.efficiency.compute, 0)}, memory ${pct(l.efficiency.memory, 0)}, ${esc(String(Math.round(l.efficiency.kernelOverheadUs * 100) / 100), 20)} µs per kernel.` +
      (given ? '' : ' Device figures not supplied: only the roof of the dominant precision, as implied by the report, is drawn.');
    out.push(`<figure>${rooflineSvg(l, device, m.nodes, { width: 760 })}<figcaption>${caption}</figcaption></figure>`);
    const classes = classRows(l);
    if (classes.length) {
      out.push(
        table(
          [
            { label: 'op class' },
            { label: 'time', num: true },
            { label: 'share', num: true },
            { label: 'kernels', num: true },
            { label: 'compute eff.', num: true },
            { label: 'overhead / kernel', num: true },
          ],
          classes.map(
            (r) =>
              `<tr><td>${esc(r.opClass, 30)}</td>${num(fmtMs(r.ms))}${num(pct(r.share))}${num(String(r.kernels))}` +
              `${num(r.computeEfficiency === null ? (r.kernels === 0 ? 'fused' : '') : r.computeEfficiency.toFixed(2))}${num(r.kernelOverheadUs === null ? '' : `${esc(String(Math.round(r.kernelOverheadUs * 100) / 100), 20)} µs`)}</tr>`,
          ),
        ),
      );
    }
    const ranked = m.nodes
      .map((n, i) => ({ n, i, t: n.latency?.[id] }))
      .filter((x) => x.t !== undefined && x.t.us > 0)
      .sort((a, b) => b.t!.us - a.t!.us || a.i - b.i)
      .slice(0, top);
    if (ranked.length) {
      const totalUs = l.ms * 1000 || 1;
      out.push(`<div class="slowest"><h4>Top ${ranked.length} layers by time</h4>`);
      out.push(
        table(
          [{ label: 'node' }, { label: 'op' }, { label: 'time', num: true }, { label: 'share', num: true }, { label: 'bound' }],
          ranked.map(
            ({ n, t }) =>
              `<tr>${nameCell(n.name)}<td>${esc(nodeOp(n), 60)}</td>${num(fmtUs(t!.us))}${num(pct(t!.us / totalUs))}<td>${boundBadge(t!.bound)}</td></tr>`,
          ),
        ),
      );
      out.push(`</div>`);
    }
    out.push(`</div>`);
  }
  return out.join('\n');
}

/**
 * A decoder's phases: a row per phase (dims, tokens, MACs, bytes moved, intensity, KV cache,
 * memory), a row per phase and device (latency, bound, its parts, tokens per second, time to
 * first token), and per device the phases on the roofline, a point per op class and phase.
 * Empty when the model has no phases.
 */
function phasesSection(m: ModelReport, devices: Map<string, DeviceModel>): string {
  const phases = phaseEntries(m);
  if (!phases.length) return '';
  const out: string[] = [];
  out.push(`<h3>Phases (${phases.length})</h3>`);
  out.push(
    table(
      [
        { label: 'phase' },
        { label: 'dims' },
        { label: 'tokens', num: true },
        { label: 'MACs', num: true },
        { label: 'bytes moved', num: true },
        { label: 'intensity', num: true },
        { label: 'KV cache', num: true },
        { label: 'memory', num: true },
      ],
      phases.map(([name, p]) => {
        const c = phaseCells(p);
        return (
          `<tr>${nameCell(name, '(empty)')}<td><code>${esc(c.dims, 300)}</code></td>${num(esc(c.tokens, 30))}${num(esc(c.macs, 60))}${num(esc(c.bytes, 60))}` +
          `${num(esc(c.intensity, 60))}${num(esc(c.kvCache, 60))}${num(esc(c.memory, 60))}</tr>`
        );
      }),
    ),
  );
  const notes = phases.flatMap(([name, p]) => {
    const n = generateNote(p);
    return n ? [`<code>${esc(name, 60)}</code>: ${esc(n, 400)}.`] : [];
  });
  out.push(
    `<p class="muted">The model at each phase's dims. Memory: weights + KV cache + peak of the other activations. Intensity: FLOPs per byte moved.${notes.length ? ` ${notes.join(' ')}` : ''}</p>`,
  );
  const ids = phaseDevices(m, phases);
  const rows = ids.flatMap((id) =>
    phases.flatMap(([name, p]) => {
      const l = phaseLatency(p, id);
      if (!l) return [];
      const c = latencyCells(l, fmtMs);
      const part = (v: unknown) => num(typeof v === 'number' && Number.isFinite(v) ? fmtMs(v) : '?');
      return [
        `<tr>${nameCell(name, '(empty)')}<td><code>${esc(id, 60)}</code></td>${num(`<b>${esc(c.ms, 60)}</b>`)}<td>${boundBadge(c.bound)}</td>` +
          `${part(l.computeMs)}${part(l.memoryMs)}${part(l.overheadMs)}${num(esc(c.tokensPerSecond, 40))}${num(esc(c.timeToFirstToken, 40))}</tr>`,
      ];
    }),
  );
  if (rows.length) {
    out.push(
      table(
        [
          { label: 'phase' },
          { label: 'device' },
          { label: 'latency', num: true },
          { label: 'bound' },
          { label: 'compute time', num: true },
          { label: 'memory time', num: true },
          { label: 'overhead', num: true },
          { label: 'tokens/s', num: true },
          { label: 'time to first token', num: true },
        ],
        rows,
      ),
    );
  }
  const charted = phases.some(([, p]) => p.byClass && typeof p.byClass === 'object' && Object.keys(p.byClass).length > 0);
  if (charted) {
    for (const id of ids) {
      const l = m.latency?.[id];
      const device = devices.get(id) ?? (l ? deviceFromLatency(l) : undefined);
      if (!device) continue;
      const svg = phaseRooflineSvg(device, phases, { deviceId: id, precision: l?.precision, ridgePoint: l?.ridgePoint, width: 760 });
      out.push(
        `<figure>${svg}<figcaption>Each op class once per phase (marker shape), at its FLOPs per byte moved and its FLOP/s. A prefill reads each weight once for many tokens and usually sits near the compute roof; a decode step reads every weight for one token per sequence and slides down the memory roof.</figcaption></figure>`,
      );
    }
  }
  return out.join('\n');
}

function topFlopsSection(m: ModelReport, top: number): string {
  const ranked = m.nodes
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => (n.flops ?? 0) > 0 || n.params > 0)
    .sort((a, b) => (b.n.flops ?? 0) - (a.n.flops ?? 0) || a.i - b.i)
    .slice(0, top);
  if (!ranked.length) return '';
  const total = m.totals.flops || 1;
  return (
    `<h3>Top ${ranked.length} layers by FLOPs</h3>\n` +
    table(
      [
        { label: 'node' },
        { label: 'op' },
        { label: 'output shape' },
        { label: 'params', num: true },
        { label: 'MACs', num: true },
        { label: 'FLOPs', num: true },
        { label: 'share', num: true },
        { label: 'intensity', num: true },
      ],
      ranked.map(
        ({ n }) =>
          `<tr>${nameCell(n.name)}<td>${esc(nodeOp(n), 60)}${n.supported === false ? ' <span class="muted" title="no cost rule: estimated">(est.)</span>' : ''}</td>` +
          `<td><code>${esc(shapeText(n.outputs[0]?.shape ?? null), 120)}</code></td>${num(formatCount(n.params))}${num(formatCount(n.macs))}${num(formatCount(n.flops))}` +
          `${num(pct((n.flops ?? 0) / total))}${num(n.intensity === null ? '?' : esc(siUnit(n.intensity, 'FLOP/B')))}</tr>`,
      ),
    )
  );
}

function opTypeSection(m: ModelReport): string {
  const ops = Object.entries(m.byOpType).sort((a, b) => b[1].flops - a[1].flops || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  if (!ops.length) return '';
  const total = m.totals.flops || 1;
  return (
    `<h3>Operator types (${ops.length})</h3>\n` +
    table(
      [
        { label: 'op type' },
        { label: 'count', num: true },
        { label: 'params', num: true },
        { label: 'MACs', num: true },
        { label: 'FLOPs', num: true },
        { label: 'share of FLOPs' },
        { label: 'memory traffic', num: true },
      ],
      ops.map(([op, o]) => {
        const share = Math.max(0, Math.min(1, o.flops / total));
        return (
          `<tr><td><code>${esc(op, 80)}</code></td>${num(String(o.count))}${num(formatCount(o.params))}${num(formatCount(o.macs))}${num(formatCount(o.flops))}` +
          `<td><span class="bar"><span style="width:${(share * 100).toFixed(1)}%"></span></span>${pct(share)}</td>${num(formatBytes(o.bytes))}</tr>`
        );
      }),
    )
  );
}

function noticesSection(m: ModelReport): string {
  if (!m.warnings.length) return '';
  const shown = m.warnings.slice(0, NOTICES_MAX);
  const items = shown.map((w) => `<li>${w.node ? `<code>${esc(w.node)}</code>: ` : ''}${escapeHtml(w.message, { max: 1000 })}</li>`);
  if (m.warnings.length > shown.length) items.push(`<li class="muted">… ${m.warnings.length - shown.length} more (see the JSON report)</li>`);
  return `<h3>Notices (${m.warnings.length})</h3>\n<ul class="notices">\n${items.join('\n')}\n</ul>`;
}

function modelSection(m: ModelReport, index: number, devices: Map<string, DeviceModel>, top: number): string {
  const out: string[] = [];
  out.push(`<section class="model" id="model-${index + 1}">`);
  out.push(`<h2><code>${esc(m.path, 300)}</code></h2>`);
  const dims = Object.entries(m.dims)
    .map(([k, v]) => `${esc(k, 60)}=${esc(String(v), 20)}${m.defaultedDims.includes(k) ? ' (default)' : ''}`)
    .join(', ');
  // ONNX's other operator domains (com.microsoft ...); another format's version is in its header.
  const imports = Object.entries(m.opsetImports)
    .filter(([d]) => d !== 'ai.onnx' && (m.format ?? 'onnx') === 'onnx')
    .map(([d, v]) => `${esc(d, 60)} v${esc(String(v), 10)}`)
    .join(', ');
  const meta = [
    m.producer ? esc(m.producer, 120) : 'unknown producer',
    ...formatHeader(m).map((f, i, all) => `${esc(f, 60)}${i === all.length - 1 && imports ? ` (+ ${imports})` : ''}`),
    `${m.nodes.length} nodes`,
    dims ? `dims: ${dims}` : '',
  ].filter(Boolean);
  out.push(`<p class="muted">${meta.join(' · ')}</p>`);
  out.push(summaryCards(m));
  const note = lowerBoundNote(m.totals);
  if (note) out.push(`<p class="muted">${esc(note, 600)}.</p>`);
  out.push(phasesSection(m, devices));
  out.push(`<h3>Inputs and outputs</h3>`);
  out.push(`<div class="io">${tensorTable('Inputs', m.graph.inputs)}${tensorTable('Outputs', m.graph.outputs)}</div>`);
  out.push(latencySection(m, devices, top));
  out.push(topFlopsSection(m, top));
  out.push(opTypeSection(m));
  out.push(noticesSection(m));
  out.push(`</section>`);
  return out.filter(Boolean).join('\n');
}

export function renderHtml(report: AnalyzeReport, options: HtmlOptions = {}): string {
  const top = options.top ?? 15;
  const devices = deviceLookup(options.devices);
  const title = options.title ?? 'model-budget report';
  const out: string[] = [];
  out.push('<!doctype html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  out.push('<meta name="referrer" content="no-referrer">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  const pageTitle = report.models.length === 1 ? `${title}: ${report.models[0].path}` : title;
  out.push(`<title>${escapeHtml(pageTitle, { max: 200 })}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push('</head>');
  out.push('<body><main>');
  out.push(`<header><h1>${escapeHtml(title, { max: 200 })}</h1>`);
  out.push(
    `<p class="muted">${report.models.length} model${report.models.length === 1 ? '' : 's'} · ${esc(report.tool.name, 60)} ${esc(report.tool.version, 40)} · report schema ${esc(String(report.schemaVersion), 10)}</p></header>`,
  );
  if (report.models.length > 1) {
    out.push('<nav><ol>');
    report.models.forEach((m, i) => out.push(`<li><a href="#model-${i + 1}"><code>${esc(m.path, 200)}</code></a></li>`));
    out.push('</ol></nav>');
  }
  report.models.forEach((m, i) => out.push(modelSection(m, i, devices, top)));
  out.push(
    `<footer>Generated by ${esc(report.tool.name, 60)} ${esc(report.tool.version, 40)}. Counts use SI prefixes (k, M, G, T: powers of 1000), bytes decimal units. MACs count a multiply-accumulate once; FLOPs are 2 × MACs plus elementwise work.</footer>`,
  );
  out.push('</main></body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}

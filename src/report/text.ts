/**
 * The terminal rendering of an analysis: a summary per model, its inputs and outputs, the
 * costliest layers and the breakdown by operator type.
 *
 * Every name shown (paths, node / tensor / op names, producer, dims, device ids, notices) comes
 * from a file in a pull request: tables pass their cells through safeText (textTable does), the
 * free lines use {@link field}, and the whole output goes through neutraliseCommands, so no name
 * can add a line, move a column, send an escape sequence or start a workflow command.
 */
import { neutraliseCommands, safeText } from '../util/sanitize.js';
import { reportNodes, topNodesByFlops, type AnalyzeReport, type ModelReport, type TensorEntry } from './model-report.js';
import { formatBytes, formatCount, formatHeader, textTable } from './format.js';
import type { Dim } from '../graph/model.js';
import { boundedFigure, boundedMs, lowerBoundNote } from './bounds.js';
import { classRows, fusionText } from './latency.js';
import { COMPARED_TOTALS, type Change, type Comparison, type TotalKey } from './compare.js';
import { generateNote, latencyCells, phaseCells, phaseDevices, phaseEntries, phaseLatency } from './phase-rows.js';

export interface TextOptions {
  /** Layers shown in the top-layers table (default 15). */
  top?: number;
}

/** An untrusted value on a line of its own making: one line, no control characters, at most `max` code points. */
const field = (s: unknown, max = 200): string => safeText(s, max);

export function shapeText(shape: Dim[] | null): string {
  if (shape === null) return '?';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

function tensorLine(t: TensorEntry): string[] {
  const type = t.kind ? `${t.kind}<${t.dtype ?? '?'}>` : (t.dtype ?? '?');
  return [t.name, type, shapeText(t.shape)];
}

export function renderModelText(m: ModelReport, options: TextOptions = {}): string {
  const top = options.top ?? 15;
  const t = m.totals;
  const out: string[] = [];
  const dims = Object.entries(m.dims)
    .map(([k, v]) => `${field(k, 60)}=${field(v, 20)}${m.defaultedDims.includes(k) ? ' (default)' : ''}`)
    .join(', ');
  out.push(field(m.path, 500));
  out.push(
    `  ${m.producer ? field(m.producer, 100) : 'unknown producer'}, ${formatHeader(m)
      .map((f) => field(f, 60))
      .join(', ')}, ${reportNodes(m).length} nodes${dims ? `, dims: ${field(dims, 1000)}` : ''}`,
  );
  out.push('');
  const summary: string[][] = [
    ['params', formatCount(t.params), `${formatBytes(t.weightBytes)} of weights`],
    ['MACs', boundedFigure(t, 'macs', formatCount), `core (conv/matmul) ${boundedFigure(t, 'coreMacs', formatCount)}`],
    ['FLOPs', boundedFigure(t, 'flops', formatCount), ''],
    ['memory traffic', boundedFigure(t, 'memoryAccessBytes', formatBytes), 'unfused, all nodes'],
    ['peak activations', boundedFigure(t, 'peakActivationBytes', formatBytes), ''],
  ];
  for (const row of summary) if (row[1].startsWith('≥')) row[2] = row[2] ? `lower bound; ${row[2]}` : 'lower bound';
  out.push(textTable(['figure', 'value', 'note'], summary, [false, true, false]));
  const note = lowerBoundNote(t);
  if (note) out.push(`  (${note})`);
  const latency = Object.values(m.latency ?? {});
  if (latency.length) {
    out.push('');
    out.push('estimated latency (roofline, see docs/roofline.md)');
    out.push(
      textTable(
        ['device', 'ms', 'bound', 'utilization', 'precision', 'compute ms', 'memory ms', 'overhead ms'],
        latency.map((l) => [
          l.device,
          boundedMs(l, formatMs),
          l.bound,
          `${(100 * l.utilization).toFixed(1)}%`,
          l.precision,
          formatMs(l.computeMs),
          formatMs(l.memoryMs),
          formatMs(l.overheadMs),
        ]),
        [false, true, false, true, false, true, true, true],
      ),
    );
    const rows = latency.flatMap((l) =>
      classRows(l).map((r) => [
        l.device,
        r.opClass,
        formatMs(r.ms),
        `${(100 * r.share).toFixed(1)}%`,
        String(r.kernels),
        r.computeEfficiency === null ? (r.kernels === 0 ? 'fused' : '') : r.computeEfficiency.toFixed(2),
        r.kernelOverheadUs === null ? '' : `${Math.round(r.kernelOverheadUs * 100) / 100} µs`,
      ]),
    );
    if (rows.length) {
      out.push('');
      out.push('time by op class');
      out.push(textTable(['device', 'op class', 'ms', 'share', 'kernels', 'compute eff.', 'overhead'], rows, [false, false, true, true, true, true, true]));
    }
    for (const l of latency) {
      const f = fusionText(l.fusion);
      if (f) out.push(`  ${field(l.device, 60)}: ${f}`);
    }
  }
  const phases = phasesText(m);
  if (phases.length) out.push('', ...phases);
  out.push('');
  out.push(textTable(['input', 'type', 'shape'], m.graph.inputs.map(tensorLine)));
  out.push('');
  out.push(textTable(['output', 'type', 'shape'], m.graph.outputs.map(tensorLine)));

  const ranked = topNodesByFlops(m, top);
  if (ranked.length) {
    out.push('');
    out.push(`top ${ranked.length} layers by FLOPs`);
    const totalFlops = t.flops || 1;
    out.push(
      textTable(
        ['node', 'op', 'output shape', 'params', 'MACs', 'FLOPs', 'share'],
        ranked.map(({ n }) => [
          n.name || '(unnamed)',
          n.opType,
          shapeText(n.outputs[0]?.shape ?? null),
          formatCount(n.params),
          formatCount(n.macs),
          formatCount(n.flops),
          `${((100 * (n.flops ?? 0)) / totalFlops).toFixed(1)}%`,
        ]),
        [false, false, false, true, true, true, true],
      ),
    );
  }
  const ops = Object.entries(m.byOpType).sort((a, b) => b[1].flops - a[1].flops || b[1].count - a[1].count);
  if (ops.length) {
    out.push('');
    out.push(
      textTable(
        ['op type', 'count', 'params', 'MACs', 'FLOPs', 'memory traffic'],
        ops.map(([op, o]) => [op, String(o.count), formatCount(o.params), formatCount(o.macs), formatCount(o.flops), formatBytes(o.bytes)]),
        [false, true, true, true, true, true],
      ),
    );
  }
  if (m.warnings.length) {
    out.push('');
    out.push(`notices (${m.warnings.length}):`);
    const shown = m.warnings.slice(0, 20);
    for (const w of shown) out.push(`  - ${w.node ? `${field(w.node, 120)}: ` : ''}${field(w.message, 1000)}`);
    if (m.warnings.length > shown.length) out.push(`  ... ${m.warnings.length - shown.length} more (see --format json)`);
  }
  return neutraliseCommands(out.join('\n'));
}

/**
 * A model's phases (prefill, decode, generate, ...) as text lines: one row per phase with its
 * dims and figures, then one row per phase and device with its latency, tokens per second and
 * time to first token. No lines when the model has no phases. Cells pass textTable (safeText).
 */
export function phasesText(m: ModelReport): string[] {
  const phases = phaseEntries(m);
  if (!phases.length) return [];
  const out: string[] = ["phases (the model at each phase's dims)"];
  out.push(
    textTable(
      ['phase', 'dims', 'tokens', 'MACs', 'bytes moved', 'intensity', 'KV cache', 'memory'],
      phases.map(([name, p]) => {
        const c = phaseCells(p);
        return [name, c.dims, c.tokens, c.macs, c.bytes, c.intensity, c.kvCache, c.memory];
      }),
      [false, false, true, true, true, true, true, true],
    ),
  );
  out.push('  memory: weights + KV cache + peak of the other activations; intensity: FLOPs per byte moved');
  for (const [name, p] of phases) {
    const note = generateNote(p);
    if (note) out.push(`  ${field(name, 60)}: ${note}`);
  }
  const devices = phaseDevices(m, phases);
  const rows = devices.flatMap((d) =>
    phases.flatMap(([name, p]) => {
      const l = phaseLatency(p, d);
      if (!l) return [];
      const c = latencyCells(l, formatMs);
      return [[name, d, c.ms, c.bound, c.tokensPerSecond, c.timeToFirstToken]];
    }),
  );
  if (rows.length) {
    out.push('');
    out.push('phase latency (roofline, see docs/roofline.md)');
    out.push(textTable(['phase', 'device', 'ms', 'bound', 'tokens/s', 'ms to first token'], rows, [false, false, true, false, true, true]));
  }
  return out;
}

export function renderAnalyzeText(report: AnalyzeReport, options: TextOptions = {}): string {
  return neutraliseCommands(report.models.map((m) => renderModelText(m, options)).join('\n\n') + '\n');
}

/** Milliseconds with 3 significant digits (0.0123, 4.56, 123). */
export function formatMs(ms: number): string {
  if (ms === 0) return '0';
  return ms >= 100 ? ms.toFixed(0) : Number(ms.toPrecision(3)).toString();
}

const TOTAL_LABELS: Record<TotalKey, [string, (n: number | null) => string]> = {
  params: ['params', (n) => formatCount(n)],
  weightBytes: ['weights', formatBytes],
  macs: ['MACs', (n) => formatCount(n)],
  coreMacs: ['core MACs', (n) => formatCount(n)],
  flops: ['FLOPs', (n) => formatCount(n)],
  memoryAccessBytes: ['memory traffic', formatBytes],
  peakActivationBytes: ['peak activations', formatBytes],
};

export function formatPercent(p: number | null): string {
  if (p === null) return '';
  const s = Math.abs(p) >= 10 ? p.toFixed(0) : Math.abs(p) >= 1 ? p.toFixed(1) : p.toFixed(2);
  return `${p > 0 ? '+' : ''}${s}%`;
}

function changeText(c: Change, fmt: (n: number | null) => string): string[] {
  const delta = c.delta === null ? '' : `${c.delta > 0 ? '+' : c.delta < 0 ? '-' : ''}${fmt(Math.abs(c.delta))}`;
  return [fmt(c.base), fmt(c.head), delta, formatPercent(c.percent)];
}

export function renderComparisonText(cmp: Comparison, options: TextOptions = {}): string {
  const top = options.top ?? 10;
  const out: string[] = [];
  for (const m of cmp.models) {
    out.push(`${field(m.path, 500)} (${field(m.status, 20)})`);
    const rows = COMPARED_TOTALS.map((k) => [TOTAL_LABELS[k][0], ...changeText(m.totals[k], TOTAL_LABELS[k][1])]);
    for (const [d, c] of Object.entries(m.latency)) rows.push([`latency ${d}`, ...changeText(c, (n) => (n === null ? '?' : `${formatMs(n)} ms`))]);
    out.push(textTable(['metric', 'base', 'head', 'change', '%'], rows, [false, true, true, true, true]));
    if (m.nodes.length) {
      out.push('');
      out.push(`layers whose cost changed (${m.nodes.length}${m.nodes.length > top ? `, top ${top}` : ''})`);
      out.push(
        textTable(
          ['node', 'op', 'status', 'FLOPs base', 'FLOPs head', 'params change'],
          m.nodes
            .slice(0, top)
            .map((n) => [
              n.name,
              n.opType,
              n.status,
              formatCount(n.flops.base),
              formatCount(n.flops.head),
              n.params.delta ? `${n.params.delta > 0 ? '+' : '-'}${formatCount(Math.abs(n.params.delta))}` : '',
            ]),
          [false, false, false, true, true, true],
        ),
      );
    }
    out.push('');
  }
  return neutraliseCommands(out.join('\n'));
}

/**
 * The Markdown rendering of an analysis (`--format markdown`, PR comments, job summaries):
 * GitHub-flavoured, compact, per model: the figures table, the per-device latency table when
 * devices were asked for, the top layers and the operator types in collapsed <details> blocks,
 * and the notices. Every string from the model is escaped (escape.ts): names go into code
 * spans, other text through escapeMarkdown. The result stays under `maxChars` (GitHub refuses
 * comments over 65,536 characters): it is cut between blocks, never inside one, with a note.
 *
 * Charts: the summary uses a column of Unicode block bars (█▌), not SVG and not Mermaid.
 * GitHub strips inline <svg> from comments and job summaries and proxies images through camo,
 * which does not serve data: URIs, so an SVG chart cannot be inlined at all; Mermaid blocks
 * render in github.com comments but not in every place the same Markdown lands (e-mail
 * notifications, older GitHub Enterprise Server, other CI systems' summaries, a terminal), and
 * Mermaid labels would be one more syntax to escape untrusted names for. Block characters are
 * plain text: they render everywhere, in tables too, with nothing to escape.
 */
import { opLabel } from '../graph/model.js';
import { escapeMarkdown, escapeMarkdownCode } from './escape.js';
import { formatBytes, formatCount, formatHeader } from './format.js';
import { reportNodes, topNodesByFlops, type AnalyzeReport, type ModelReport, type NodeEntry, type TensorEntry } from './model-report.js';
import { fmtMs, fmtUs, siUnit } from './svg.js';
import { boundedFigure, boundedMs, lowerBoundNote } from './bounds.js';
import { shapeText } from './text.js';
import { classRows, fusionText } from './latency.js';
import { generateNote, latencyCells, phaseCells, phaseDevices, phaseEntries, phaseLatency } from './phase-rows.js';

export interface MarkdownOptions {
  /** Layers in the top-layers table (default 10). */
  top?: number;
  /** Longest output in characters (default 65,000; GitHub's comment limit is 65,536). */
  maxChars?: number;
  /** Heading above everything (default "model-budget analysis"); false for none. */
  title?: string | false;
  /** Level of the per-model headings (default 3; the title is one level up). */
  headingLevel?: number;
  /** Most devices given a time column in the top-layers table (default 3). */
  timeColumns?: number;
  /** Paths of the models whose phase table the page already shows (a check comment's model sections): a pointer replaces theirs. */
  phasesShownAbove?: ReadonlySet<string>;
}

export const DEFAULT_MAX_CHARS = 65_000;
const NAME_MAX = 80;
const NOTICES_MAX = 15;
const IO_MAX = 8;

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells for a fraction in [0, 1], in eighths of a cell: "█████▍". */
export function unicodeBar(fraction: number, width = 10): string {
  const f = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
  const eighths = Math.round(f * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

const code = (s: string, max = NAME_MAX) => escapeMarkdownCode(s, { table: true, max });
const text = (s: string, max = NAME_MAX) => escapeMarkdown(s, { max });
const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : '?');
const nodeOp = (n: NodeEntry) => opLabel(n.domain ?? '', n.opType);

function mdTable(head: string[], align: ('l' | 'r')[], rows: string[][]): string {
  const sep = align.map((a) => (a === 'r' ? '--:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function tensorList(tensors: TensorEntry[]): string {
  const shown = tensors.slice(0, IO_MAX).map((t) => {
    const type = t.kind ? `${t.kind}<${t.dtype ?? '?'}>` : (t.dtype ?? '?');
    return `${escapeMarkdownCode(t.name, { max: 60 }) || '(empty)'} ${text(type, 40)} ${escapeMarkdownCode(shapeText(t.shape), { max: 80 })}`;
  });
  if (tensors.length > IO_MAX) shown.push(`… ${tensors.length - IO_MAX} more`);
  return shown.join(', ') || 'none';
}

/** The blocks of one model, each complete in itself (a cut never leaves an open tag). */
function modelBlocks(
  m: ModelReport,
  options: Required<Pick<MarkdownOptions, 'top' | 'headingLevel' | 'timeColumns'>> & Pick<MarkdownOptions, 'phasesShownAbove'>,
): string[] {
  const blocks: string[] = [];
  const t = m.totals;
  const h = '#'.repeat(Math.min(6, Math.max(1, options.headingLevel)));
  const dims = Object.entries(m.dims)
    .map(([k, v]) => `${text(k, 40)}=${text(String(v), 20)}${m.defaultedDims.includes(k) ? ' (default)' : ''}`)
    .join(', ');
  const meta = [
    m.producer ? text(m.producer, 80) : 'unknown producer',
    ...formatHeader(m).map((f) => text(f, 60)),
    `${reportNodes(m).length} nodes`,
    dims ? `dims: ${dims}` : '',
  ].filter(Boolean);
  blocks.push(`${h} ${escapeMarkdownCode(m.path, { max: 200 }) || '(no path)'}\n\n<sub>${meta.join(' · ')}</sub>`);

  const figures = mdTable(
    ['params', 'weights', 'MACs', 'core MACs', 'FLOPs', 'memory traffic', 'peak activations'],
    ['r', 'r', 'r', 'r', 'r', 'r', 'r'],
    [
      [
        formatCount(t.params),
        formatBytes(t.weightBytes),
        ...(['macs', 'coreMacs', 'flops'] as const).map((f) => text(boundedFigure(t, f, formatCount), 40)),
        ...(['memoryAccessBytes', 'peakActivationBytes'] as const).map((f) => text(boundedFigure(t, f, formatBytes), 40)),
      ],
    ],
  );
  const note = lowerBoundNote(t);
  const incomplete = note ? `\n\n**${text(note.slice(0, note.indexOf(':')), 20)}**${text(note.slice(note.indexOf(':')), 600)}.` : '';
  blocks.push(`${figures}${incomplete}\n\n**inputs:** ${tensorList(m.graph.inputs)}  \n**outputs:** ${tensorList(m.graph.outputs)}`);

  const phases = phasesMarkdown(m);
  if (phases) blocks.push(options.phasesShownAbove?.has(m.path) ? "**Phases**: in the model's section above." : phases);

  const latency = Object.entries(m.latency ?? {});
  if (latency.length) {
    const rows = latency.map(([id, l]) => [
      l.name && l.name !== id ? `${text(l.name, 60)} ${code(id, 40)}` : code(id, 40),
      `**${text(boundedMs(l, fmtMs), 40)}**`,
      text(l.bound, 20),
      pct(l.utilization),
      text(l.precision, 20),
      text(siUnit(l.ridgePoint, 'FLOP/B'), 30),
    ]);
    const fusions = [...new Set(latency.map(([, l]) => fusionText(l.fusion)).filter((f): f is string => f !== null))];
    const fusionLine = fusions.length ? `\n\n<sub>${fusions.map((f) => text(f, 120)).join(' · ')}</sub>` : '';
    blocks.push(
      `**Estimated latency** (roofline, see docs/roofline.md)\n\n` +
        mdTable(['device', 'latency', 'bound', 'utilisation', 'precision', 'ridge point'], ['l', 'r', 'l', 'r', 'l', 'r'], rows) +
        fusionLine,
    );
    const classTable = latency.flatMap(([id, l]) =>
      classRows(l).map((r) => [
        code(id, 40),
        text(r.opClass, 30),
        text(fmtMs(r.ms), 30),
        pct(r.share),
        String(r.kernels),
        r.computeEfficiency === null ? (r.kernels === 0 ? 'fused' : '') : r.computeEfficiency.toFixed(2),
        r.kernelOverheadUs === null ? '' : `${Math.round(r.kernelOverheadUs * 100) / 100} µs`,
      ]),
    );
    if (classTable.length) {
      blocks.push(
        `<details><summary>Time by op class</summary>\n\n` +
          mdTable(['device', 'op class', 'time', 'share', 'kernels', 'compute eff.', 'overhead / kernel'], ['l', 'l', 'r', 'r', 'r', 'r', 'r'], classTable) +
          `\n\n</details>`,
      );
    }
  }

  const ranked = topNodesByFlops(m, options.top);
  if (ranked.length) {
    const total = t.flops || 1;
    const devs = latency.slice(0, Math.max(0, options.timeColumns));
    const head = ['#', 'node', 'op', 'output shape', 'params', 'FLOPs', 'share', ...devs.map(([id]) => `time on ${code(id, 30)}`)];
    const align: ('l' | 'r')[] = ['r', 'l', 'l', 'l', 'r', 'r', 'r', ...devs.map(() => 'r' as const)];
    const rows = ranked.map(({ n }, k) => [
      String(k + 1),
      code(n.name) || '(unnamed)',
      code(nodeOp(n), 50),
      code(shapeText(n.outputs[0]?.shape ?? null), 60),
      formatCount(n.params),
      formatCount(n.flops),
      pct((n.flops ?? 0) / total),
      ...devs.map(([id]) => {
        const nt = n.latency?.[id];
        return nt ? `${fmtUs(nt.us)} ${text(nt.bound.slice(0, 1), 2)}` : '';
      }),
    ]);
    const legend = devs.length ? '\n\nTimes are roofline estimates; c / m / o: compute-, memory-, overhead-bound; f: fused into the kernel before it.' : '';
    blocks.push(`<details><summary>Top ${ranked.length} layers by FLOPs</summary>\n\n${mdTable(head, align, rows)}${legend}\n\n</details>`);
  }

  const ops = Object.entries(m.byOpType).sort((a, b) => b[1].flops - a[1].flops || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  if (ops.length) {
    const total = t.flops || 1;
    const shown = ops.slice(0, 25);
    const rows = shown.map(([op, o]) => [
      code(op, 50),
      String(o.count),
      formatCount(o.flops),
      `${unicodeBar(o.flops / total)} ${pct(o.flops / total)}`.trim(),
      formatBytes(o.bytes),
    ]);
    const more = ops.length > shown.length ? `\n\n… ${ops.length - shown.length} more operator types.` : '';
    blocks.push(
      `<details><summary>Operator types (${ops.length})</summary>\n\n${mdTable(['op type', 'count', 'FLOPs', 'share of FLOPs', 'memory traffic'], ['l', 'r', 'r', 'l', 'r'], rows)}${more}\n\n</details>`,
    );
  }

  if (m.warnings.length) {
    const shown = m.warnings.slice(0, NOTICES_MAX);
    const items = shown.map((w) => `- ${w.node ? `${escapeMarkdownCode(w.node, { max: NAME_MAX })}: ` : ''}${text(w.message, 300)}`);
    if (m.warnings.length > shown.length) items.push(`- … ${m.warnings.length - shown.length} more (see \`--format json\`)`);
    blocks.push(`**Notices (${m.warnings.length})**\n\n${items.join('\n')}`);
  }
  return blocks;
}

/**
 * A model's phases as one Markdown block: a table with a row per phase (dims, tokens, MACs, bytes
 * moved, intensity, KV cache, memory), then a row per phase and device (latency, bound, tokens per
 * second, time to first token). Null when the model has no phases.
 */
export function phasesMarkdown(m: ModelReport): string | null {
  const phases = phaseEntries(m);
  if (!phases.length) return null;
  const rows = phases.map(([name, p]) => {
    const c = phaseCells(p);
    return [code(name, 40), text(c.dims, 200), c.tokens, text(c.macs, 40), text(c.bytes, 40), text(c.intensity, 40), text(c.kvCache, 40), text(c.memory, 40)];
  });
  const out = [
    `**Phases** (the model at each phase's dims; memory = weights + KV cache + peak of the other activations)`,
    '',
    mdTable(['phase', 'dims', 'tokens', 'MACs', 'bytes moved', 'intensity', 'KV cache', 'memory'], ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'], rows),
  ];
  const notes = phases.flatMap(([name, p]) => {
    const n = generateNote(p);
    return n ? [`${escapeMarkdownCode(name, { max: 40 })}: ${text(n, 300)}`] : [];
  });
  if (notes.length) out.push('', `<sub>${notes.join(' · ')}</sub>`);
  const devices = phaseDevices(m, phases);
  const latency = devices.flatMap((d) =>
    phases.flatMap(([name, p]) => {
      const l = phaseLatency(p, d);
      if (!l) return [];
      const c = latencyCells(l, fmtMs);
      return [[code(name, 40), code(d, 40), `**${text(c.ms, 40)}**`, text(c.bound, 20), text(c.tokensPerSecond, 40), text(c.timeToFirstToken, 40)]];
    }),
  );
  if (latency.length) {
    out.push('', mdTable(['phase', 'device', 'latency', 'bound', 'tokens/s', 'time to first token'], ['l', 'l', 'r', 'l', 'r', 'r'], latency));
  }
  return out.join('\n');
}

export function renderAnalyzeMarkdown(report: AnalyzeReport, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const level = options.headingLevel ?? 3;
  const opts = { top: options.top ?? 10, headingLevel: level, timeColumns: options.timeColumns ?? 3, phasesShownAbove: options.phasesShownAbove };
  const title = options.title === undefined ? 'model-budget analysis' : options.title;
  const head: string[] = [];
  if (title !== false) head.push(`${'#'.repeat(Math.max(1, Math.min(6, level - 1)))} ${escapeMarkdown(title, { max: 200 })}`);
  const footer = `<sub>${text(report.tool.name, 40)} ${text(report.tool.version, 40)} · counts in SI units (k, M, G: powers of 1000) · latencies are static roofline estimates</sub>`;

  const sep = '\n\n';
  const note = (shown: number) =>
    `> [!NOTE]\n> Truncated to stay under ${maxChars.toLocaleString('en-US')} characters: ${shown} of ${report.models.length} model(s) shown in full or in part. The JSON report (\`--format json\`) has everything.`;
  const reserve = note(report.models.length).length + footer.length + 3 * sep.length + 16;

  const parts: string[] = [...head];
  let length = parts.reduce((s, p) => s + p.length + sep.length, 0);
  let truncated = false;
  let modelsShown = 0;
  outer: for (const m of report.models) {
    const blocks = modelBlocks(m, opts);
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (length + b.length + sep.length + reserve > maxChars) {
        truncated = true;
        break outer;
      }
      parts.push(b);
      length += b.length + sep.length;
      if (i === 0) modelsShown++;
    }
  }
  if (truncated) parts.push(note(modelsShown));
  parts.push(footer);
  let out = parts.join(sep) + '\n';
  // A last guard for a tiny maxChars: never exceed it, even if it means cutting the footer.
  if (out.length > maxChars) out = out.slice(0, Math.max(0, maxChars - 2)).replace(/[\uD800-\uDBFF]$/, '') + '…\n';
  return out;
}

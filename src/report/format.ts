/**
 * Numbers as people read them. Counts use SI prefixes (k, M, G, T: powers of 1000); bytes use
 * decimal units (kB, MB, GB: powers of 1000), as model zoos and device datasheets do.
 */
import { safeText } from '../util/sanitize.js';

const PREFIXES: [number, string][] = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 3 significant digits: 11.7M, 1.82G, 950. */
export function formatCount(n: number | null, unit = ''): string {
  if (n === null || !Number.isFinite(n)) return '?';
  const abs = Math.abs(n);
  for (const [scale, p] of PREFIXES) {
    if (abs >= scale) return `${trim((n / scale).toPrecision(3))}${p}${unit}`;
  }
  return `${Number.isInteger(n) ? n : trim(n.toPrecision(3))}${unit}`;
}

export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '?';
  const abs = Math.abs(n);
  if (abs >= 1e12) return `${trim((n / 1e12).toPrecision(3))} TB`;
  if (abs >= 1e9) return `${trim((n / 1e9).toPrecision(3))} GB`;
  if (abs >= 1e6) return `${trim((n / 1e6).toPrecision(3))} MB`;
  if (abs >= 1e3) return `${trim((n / 1e3).toPrecision(3))} kB`;
  return `${n} B`;
}

function trim(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** The widest a table cell gets (code points): a longer name is cut with an ellipsis. */
export const MAX_CELL = 120;

/**
 * A fixed-width text table; numeric-looking columns are right-aligned. Every cell passes
 * {@link safeText}: names come from untrusted files, and a line break, tab or escape sequence in
 * one must not add a row, shift the columns or start a line of its own.
 */
export function textTable(header: string[], rows: string[][], rightAlign: boolean[] = [], maxCell = MAX_CELL): string {
  const clean = (cells: string[]) => header.map((_, i) => safeText(cells[i] ?? '', maxCell));
  const head = clean(header);
  const body = rows.map(clean);
  // A loop, not Math.max(...rows): a graph can have more inputs than a call has room for arguments.
  const widths = head.map((h) => h.length);
  for (const r of body) r.forEach((c, i) => (widths[i] = Math.max(widths[i], c.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAlign[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Binary units for memory sizes (how DRAM capacities are sold): 16 GiB. */
export function formatBinaryBytes(n: number): string {
  const units: [number, string][] = [
    [2 ** 40, 'TiB'],
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  for (const [scale, u] of units) if (n >= scale) return `${trim((n / scale).toPrecision(3))} ${u}`;
  return `${n} B`;
}

/** The names formats go by in report headers. */
const FORMAT_NAMES: Record<string, string> = { onnx: 'ONNX', tflite: 'TensorFlow Lite' };

/**
 * The header's format fields, unescaped (each renderer escapes them): ONNX models `IR 8`, `opset 17`
 * (as before formats were told apart, and for reports that predate `format`); others their format
 * and version, `TensorFlow Lite schema 3`.
 */
export function formatHeader(m: { format?: string; formatVersion?: number; irVersion: number; opset: number }): string[] {
  if (m.format === undefined || m.format === 'onnx') return [`IR ${m.irVersion}`, `opset ${m.opset}`];
  const name = FORMAT_NAMES[m.format] ?? m.format;
  return [m.format === 'tflite' ? `${name} schema ${m.formatVersion ?? '?'}` : `${name} ${m.formatVersion ?? ''}`.trim()];
}

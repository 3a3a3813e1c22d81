/**
 * Numbers as people read them. Counts use SI prefixes (k, M, G, T: powers of 1000); bytes use
 * decimal units (kB, MB, GB: powers of 1000), as model zoos and device datasheets do.
 */

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

/** A fixed-width text table; numeric-looking columns are right-aligned. */
export function textTable(header: string[], rows: string[][], rightAlign: boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAlign[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Binary units for memory sizes (how DRAM capacities are sold): 16 GiB. */
export function formatBinaryBytes(n: number): string {
  const units: [number, string][] = [[2 ** 40, 'TiB'], [2 ** 30, 'GiB'], [2 ** 20, 'MiB'], [2 ** 10, 'KiB']];
  for (const [scale, u] of units) if (n >= scale) return `${trim((n / scale).toPrecision(3))} ${u}`;
  return `${n} B`;
}

/**
 * The pure part of `npm run accuracy` (scripts/accuracy.ts): error statistics, the Markdown
 * table written into docs/roofline.md, and the ORT profile summary. No I/O here, so
 * test/devices/accuracy.test.ts checks it against hand-worked examples.
 */
import { median } from '../src/util/median.js';

export { median };

export const START = '<!-- accuracy:start -->';
export const END = '<!-- accuracy:end -->';

/** Ranks 1..n, ties sharing the mean of the ranks they span (the convention Spearman's rho needs). */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k][1]] = r;
    i = j + 1;
  }
  return out;
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** Spearman's rank correlation: Pearson's r of the ranks (ties averaged). NaN below 2 pairs or with a constant side. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new Error(`spearman: ${xs.length} vs ${ys.length} values`);
  if (xs.length < 2) return NaN;
  return pearson(ranks(xs), ranks(ys));
}

/** Relative error of an estimate: estimate / measured - 1 (+0.3 = 30% too slow, -0.3 = 30% too fast). */
export const relError = (estimate: number, measured: number): number => estimate / measured - 1;

export interface ErrorStats {
  n: number;
  /** Median of |estimate / measured - 1|. */
  medianAbsError: number;
  /** How many estimates land within +-tolerance of the measurement. */
  within: number;
  tolerance: number;
  spearman: number;
}

export function errorStats(estimates: readonly number[], measured: readonly number[], tolerance = 0.25): ErrorStats {
  const errs = estimates.map((e, i) => relError(e, measured[i]));
  return {
    n: errs.length,
    medianAbsError: median(errs.map(Math.abs)),
    within: errs.filter((e) => Math.abs(e) <= tolerance + 1e-12).length,
    tolerance,
    spearman: spearman(estimates, measured),
  };
}

export interface AccuracyRow {
  model: string;
  dims: string;
  measuredMs: number;
  /** Estimate on the device as declared (no calibration). */
  defaultMs: number;
  /** Estimate on the calibrated device; absent when calibration was skipped. */
  calibratedMs?: number;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  threads: number;
  ort: string;
  node: string;
  date: string;
  defaultDevice: string;
  calibratedDevice?: string;
  /** How it was run, one line each. */
  method: string[];
}

const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const fmtRatio = (r: number) => r.toFixed(2);
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

function statsLine(label: string, s: ErrorStats): string {
  return `| ${label} | ${pct(s.medianAbsError)} | ${s.within} of ${s.n} (${pct(s.within / s.n)}) | ${Number.isNaN(s.spearman) ? '–' : s.spearman.toFixed(3)} |`;
}

/** The Markdown block between the markers: per-model table, summary statistics, machine and method. */
export function renderAccuracy(rows: readonly AccuracyRow[], machine: MachineInfo): string {
  const calibrated = rows.some((r) => r.calibratedMs !== undefined);
  const lines: string[] = [];
  lines.push(
    `Measured ${machine.date} on ${machine.cpu} (${machine.cores} CPUs, ${machine.threads} ORT threads), onnxruntime-node ${machine.ort}, Node ${machine.node}.`,
    '',
  );
  const head = ['model', 'dims', 'measured ms', 'default ms', 'default ÷ measured'];
  if (calibrated) head.push('calibrated ms', 'calibrated ÷ measured');
  lines.push(`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? '---' : '--:')).join('|')}|`);
  for (const r of rows) {
    const cells = [r.model, r.dims, fmtMs(r.measuredMs), fmtMs(r.defaultMs), fmtRatio(r.defaultMs / r.measuredMs)];
    if (calibrated)
      cells.push(r.calibratedMs === undefined ? '–' : fmtMs(r.calibratedMs), r.calibratedMs === undefined ? '–' : fmtRatio(r.calibratedMs / r.measuredMs));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', '| device | median \\|error\\| | within ±25% | Spearman |', '|---|--:|--:|--:|');
  const measured = rows.map((r) => r.measuredMs);
  lines.push(
    statsLine(
      `default: ${machine.defaultDevice}`,
      errorStats(
        rows.map((r) => r.defaultMs),
        measured,
      ),
    ),
  );
  if (calibrated) {
    const cal = rows.filter((r) => r.calibratedMs !== undefined);
    lines.push(
      statsLine(
        `calibrated: ${machine.calibratedDevice ?? 'this machine'}`,
        errorStats(
          cal.map((r) => r.calibratedMs!),
          cal.map((r) => r.measuredMs),
        ),
      ),
    );
  }
  lines.push('', 'How it was run:', '');
  for (const m of machine.method) lines.push(`- ${m}`);
  return lines.join('\n');
}

/** `doc` with the text between the markers replaced (markers kept); the markers are appended when absent. */
export function replaceBlock(doc: string, block: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 && b < 0) return `${doc.replace(/\n*$/, '\n')}\n${START}\n${block}\n${END}\n`;
  if (a < 0 || b < a) throw new Error(`docs/roofline.md: the markers ${START} ... ${END} are out of order or one is missing`);
  return `${doc.slice(0, a + START.length)}\n${block}\n${doc.slice(b)}`;
}

/** One event of an onnxruntime profile (chrome trace format). */
export interface ProfileEvent {
  cat?: string;
  name?: string;
  dur?: number;
  args?: { op_name?: string };
}

/**
 * Microseconds per run per operator type from an ORT profile: the kernel-time events of the
 * 'Node' category, summed by `args.op_name` and divided by the number of runs profiled.
 */
export function profileByOpType(events: readonly ProfileEvent[], runs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time') || typeof e.dur !== 'number') continue;
    const op = e.args?.op_name ?? '?';
    out.set(op, (out.get(op) ?? 0) + e.dur / runs);
  }
  return out;
}

/** One event's input shapes (`args.input_type_shape`: [{"float": [1, 3, 224, 224]}, ...]). */
export function eventShapes(e: ProfileEvent): (number[] | null)[] {
  const list = (e.args as { input_type_shape?: Record<string, number[]>[] } | undefined)?.input_type_shape ?? [];
  return list.map((o) => Object.values(o)[0] ?? null);
}

/**
 * The kind of a convolution kernel from its input shapes X [N, C, ...] and W [M, C/group, k...]:
 * depthwise (one input channel per group, C groups), grouped, conv-1x1 (one group, 1x1 kernel),
 * else conv. Null when the shapes are missing.
 */
export function convKind(
  x: readonly number[] | null | undefined,
  w: readonly number[] | null | undefined,
): 'depthwise' | 'grouped' | 'conv-1x1' | 'conv' | null {
  if (!x || !w || x.length < 3 || w.length < 3 || !(w[1] > 0)) return null;
  const groups = x[1] / w[1];
  if (groups > 1 && w[1] === 1) return 'depthwise';
  if (groups > 1) return 'grouped';
  return w.slice(2).every((k) => k === 1) ? 'conv-1x1' : 'conv';
}

/** onnxruntime's own (contrib / fused) operators, by the op class of the work they do. */
export const ORT_OP_CLASS: Record<string, string> = {
  FusedMatMul: 'gemm',
  FusedGemm: 'gemm',
  MatMulNBits: 'gemm',
  BiasGelu: 'elementwise',
  FastGelu: 'elementwise',
  QuickGelu: 'elementwise',
  Gelu: 'elementwise',
  BiasAdd: 'elementwise',
  SkipLayerNormalization: 'normalization',
  SimplifiedLayerNormalization: 'normalization',
  ReorderInput: 'data-movement',
  ReorderOutput: 'data-movement',
};

/**
 * Microseconds per run per op class from an ORT profile: Conv / FusedConv by their shapes
 * (convKind), ORT's own operators by ORT_OP_CLASS, other operators by `classOfType` (the classes
 * the engine gives those op types), else the op type itself.
 */
export function profileByClass(events: readonly ProfileEvent[], runs: number, classOfType: ReadonlyMap<string, string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time') || typeof e.dur !== 'number') continue;
    const op = e.args?.op_name ?? '?';
    let cls: string | null = null;
    if (op === 'Conv' || op === 'FusedConv' || op === 'NhwcFusedConv') {
      const [x, w] = eventShapes(e);
      cls = convKind(x, w);
    }
    cls ??= ORT_OP_CLASS[op] ?? classOfType.get(op) ?? op;
    out.set(cls, (out.get(cls) ?? 0) + e.dur / runs);
  }
  return out;
}

/** Side-by-side text table: measured and estimated microseconds per op type, largest first. */
export function renderOpTypeSummary(measured: ReadonlyMap<string, number>, estimated: ReadonlyMap<string, number>, label = 'op type'): string {
  const types = [...new Set([...measured.keys(), ...estimated.keys()])];
  types.sort((a, b) => Math.max(measured.get(b) ?? 0, estimated.get(b) ?? 0) - Math.max(measured.get(a) ?? 0, estimated.get(a) ?? 0));
  const w = Math.max(8, ...types.map((t) => t.length));
  const lines = [`${label.padEnd(w)}  ${'measured us'.padStart(12)}  ${'estimate us'.padStart(12)}  ${'est/meas'.padStart(8)}`];
  for (const t of types) {
    const m = measured.get(t);
    const e = estimated.get(t);
    const ratio = m && e !== undefined ? (e / m).toFixed(2) : '–';
    lines.push(
      `${t.padEnd(w)}  ${(m === undefined ? '–' : m.toFixed(1)).padStart(12)}  ${(e === undefined ? '–' : e.toFixed(1)).padStart(12)}  ${ratio.padStart(8)}`,
    );
  }
  return lines.join('\n');
}

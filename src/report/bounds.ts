/**
 * How a figure that is only a lower bound reads: `≥ 368M`, with the static upper bound next to
 * it when there is one (`≥ 368M, ≤ 1.2G`), and the note that says why (the incomplete nodes).
 * Plain text: each renderer escapes what it prints.
 */
import type { Totals } from '../analysis/aggregate.js';
import type { LatencyReport, ModelReport } from './model-report.js';
import { safeText } from '../util/sanitize.js';

type Field = 'macs' | 'coreMacs' | 'flops' | 'memoryAccessBytes' | 'peakActivationBytes';

/** What a report with unknown shapes but no `lowerBound` list (saved before it existed) is taken to have as lower bounds. */
const SHAPE_DEPENDENT: readonly string[] = ['macs', 'coreMacs', 'flops', 'memoryAccessBytes', 'peakActivationBytes'];

/**
 * True when the total `field` is a lower bound: as the report's `lowerBound` list says, or, for a
 * report saved before that list existed, for the shape-dependent totals when nodes were incomplete.
 * The one rule the renderers and the budget evaluation share.
 */
export function isLowerBound(t: Totals, field: keyof Totals): boolean {
  if (t.lowerBound) return t.lowerBound.includes(field);
  return t.incompleteNodes > 0 && SHAPE_DEPENDENT.includes(field);
}

/** A lower bound as written everywhere: `≥ 368M`, or `≥ 368M, ≤ 1.2G` with its static upper bound. */
export function lowerBoundText(value: string, upper?: string | null): string {
  return `≥ ${value}${upper != null ? `, ≤ ${upper}` : ''}`;
}

/** The figure as shown: `368M`, or `≥ 368M` / `≥ 368M, ≤ 1.2G` when it is a lower bound. */
export function boundedFigure(t: Totals, field: Field, format: (n: number) => string): string {
  if (!isLowerBound(t, field)) return format(t[field]);
  const upper = t.upperBound?.[field];
  return lowerBoundText(format(t[field]), upper !== undefined ? format(upper) : null);
}

/** The latency as shown, the same way. */
export function boundedMs(l: LatencyReport, format: (ms: number) => string): string {
  if (!l.lowerBound) return format(l.ms);
  return lowerBoundText(format(l.ms), l.upperBoundMs !== undefined ? format(l.upperBoundMs) : null);
}

/**
 * The sentence under the figures: "lower bound: 3 node(s) with unknown shapes (NonZero_0,
 * MatMul_1, ...)"; null when every figure is complete.
 */
export function lowerBoundNote(t: Totals): string | null {
  if (!t.incompleteNodes && !(t.lowerBound ?? []).length) return null;
  const names = (t.incompleteNodeNames ?? []).map((n) => safeText(n, 40));
  const list = names.length ? ` (${names.join(', ')}${t.incompleteNodes > names.length ? ', ...' : ''})` : '';
  const upper = t.upperBound && Object.keys(t.upperBound).length > 0;
  return (
    `lower bound: ${t.incompleteNodes} node(s) with unknown shapes${list}; figures marked ≥ may be higher at run time` +
    (upper ? ', ≤ gives a static upper bound (data-dependent sizes at their maximum)' : '')
  );
}

const METRIC_FIELD: Partial<Record<string, { field: Field; scale: number }>> = {
  gmacs: { field: 'macs', scale: 1e9 },
  gflops: { field: 'flops', scale: 1e9 },
  'peak-memory': { field: 'peakActivationBytes', scale: 1 },
  'memory-traffic': { field: 'memoryAccessBytes', scale: 1 },
};

/**
 * A budget metric's value as shown in the check's tables (`fmt` formats in the metric's unit):
 * with `≥` (and the `≤` bound) when the model's figure is a lower bound.
 */
export function boundedMetric(
  report: ModelReport | null | undefined,
  metric: string,
  device: string | undefined,
  value: number,
  fmt: (v: number) => string,
): string {
  if (report && metric === 'latency' && device) {
    const l = report.latency?.[device];
    if (l?.lowerBound) return lowerBoundText(fmt(value), l.upperBoundMs !== undefined ? fmt(l.upperBoundMs) : null);
  }
  const m = METRIC_FIELD[metric];
  if (!report || !m || !isLowerBound(report.totals, m.field)) return fmt(value);
  const upper = report.totals.upperBound?.[m.field];
  return lowerBoundText(fmt(value), upper !== undefined ? fmt(upper / m.scale) : null);
}

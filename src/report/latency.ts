/**
 * Adding per-device latency estimates to a model report (pure: report in, report out).
 */
import type { DeviceModel, EstimateOptions } from '../devices/roofline.js';
import { estimateLatency } from '../devices/roofline.js';
import type { LatencyReport, ModelReport } from './model-report.js';
import type { OpClass } from '../devices/op-class.js';

/**
 * How a report's nodes are estimated: with its graph's inputs and outputs (fusion, load-time
 * folding) and whether its file has symbolic dims (a report's `dims` are the ones it bound).
 */
export function reportEstimateOptions(report: ModelReport): EstimateOptions & { graphInputs: string[]; graphOutputs: string[]; dynamicShapes: boolean } {
  return {
    graphInputs: report.graph.inputs.map((i) => i.name),
    graphOutputs: report.graph.outputs.map((o) => o.name),
    dynamicShapes: Object.keys(report.dims).length > 0,
  };
}

export function withLatency(report: ModelReport, devices: readonly DeviceModel[], options: EstimateOptions = {}): ModelReport {
  if (devices.length === 0) return report;
  const latency: NonNullable<ModelReport['latency']> = {};
  const nodes = report.nodes.map((n) => ({ ...n, latency: { ...(n.latency ?? {}) } }));
  const warnings = [...report.warnings];
  // Nodes with unknown FLOPs or bytes make the estimate a lower bound; with every one's upper
  // figures known, the same estimate over those gives an upper bound (time grows with both).
  const unknown = new Set(report.nodes.filter((n) => n.flops === null || n.lowerBound || n.bytesRead === null || n.bytesWritten === null));
  const atMax = [...unknown].every((n) => n.upper && n.upper.flops !== null && n.upper.bytes !== null)
    ? report.nodes.map((n) => (unknown.has(n) ? { ...n, flops: n.upper!.flops, bytesRead: n.upper!.bytes, bytesWritten: 0 } : n))
    : null;
  const own = reportEstimateOptions(report);
  const opts: EstimateOptions = {
    ...options,
    graphOutputs: options.graphOutputs ?? own.graphOutputs,
    graphInputs: options.graphInputs ?? own.graphInputs,
    dynamicShapes: options.dynamicShapes ?? own.dynamicShapes,
  };
  for (const d of devices) {
    const est = estimateLatency(report.nodes, d, opts);
    const classes: NonNullable<LatencyReport['classes']> = {};
    for (const [c, t] of Object.entries(est.byClass) as [OpClass, { kernels: number }][]) {
      if (t.kernels === 0) continue; // only fused into other kernels: its own figures were not used
      const f = d.classes?.[c];
      classes[c] = {
        computeEfficiency: f?.computeEfficiency ?? d.computeEfficiency,
        kernelOverheadUs: (f?.kernelOverhead ?? d.kernelOverhead) * 1e6,
        // Only where the class has its own (else the device-wide figure in `efficiency.memory`).
        ...(f?.memoryEfficiency !== undefined ? { memoryEfficiency: f.memoryEfficiency } : {}),
      };
    }
    latency[d.id] = {
      device: d.id,
      name: d.name,
      ms: est.ms,
      computeMs: est.computeMs,
      memoryMs: est.memoryMs,
      overheadMs: est.overheadMs,
      bound: est.bound,
      utilization: est.utilization,
      precision: est.precision,
      ridgePoint: est.ridgePoint,
      achievedFlops: est.achievedFlops,
      kernels: est.kernels,
      efficiency: {
        compute: d.computeEfficiency,
        memory: d.memoryEfficiency,
        kernelOverheadUs: d.kernelOverhead * 1e6,
        ...(d.runOverhead ? { runOverheadUs: d.runOverhead * 1e6 } : {}),
        ...(d.threadWake ? { threadWakeUs: d.threadWake * 1e6 } : {}),
      },
      fusion: est.fusion,
      byClass: est.byClass,
      classes,
      ...(d.cache ? { cache: { bytes: d.cache.bytes, bandwidth: d.cache.bandwidth } } : {}),
    };
    if (unknown.size) {
      latency[d.id].lowerBound = true;
      if (atMax) latency[d.id].upperBoundMs = estimateLatency(atMax, d, opts).ms;
    }
    est.nodes.forEach((t, i) => {
      if (t.bound !== 'none') nodes[i].latency[d.id] = { us: t.time * 1e6, bound: t.bound };
    });
    for (const message of est.notices) warnings.push({ node: '', message });
  }
  for (const n of nodes) if (Object.keys(n.latency).length === 0) delete (n as { latency?: unknown }).latency;
  return { ...report, latency, nodes, warnings };
}

export interface ClassRow {
  opClass: string;
  ms: number;
  kernels: number;
  /** Share of the model's estimated time. */
  share: number;
  /** Null when the class launched no kernel (all its nodes fused into others) or the report does not say. */
  computeEfficiency: number | null;
  kernelOverheadUs: number | null;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A latency report's per-class breakdown, costliest first, for the renderers. A saved report is
 * untrusted: entries that are not numbers are left out, never shown as NaN.
 */
export function classRows(l: LatencyReport): ClassRow[] {
  const rows: ClassRow[] = [];
  const by = l.byClass && typeof l.byClass === 'object' ? l.byClass : {};
  for (const [c, v] of Object.entries(by) as [string, { ms: unknown; kernels: unknown } | undefined][]) {
    if (!v || !finite(v.ms) || !finite(v.kernels)) continue;
    const f = (l.classes as Record<string, { computeEfficiency?: unknown; kernelOverheadUs?: unknown } | undefined> | undefined)?.[c];
    rows.push({
      opClass: c,
      ms: v.ms,
      kernels: v.kernels,
      share: finite(l.ms) && l.ms > 0 ? v.ms / l.ms : 0,
      computeEfficiency: f && finite(f.computeEfficiency) ? f.computeEfficiency : null,
      kernelOverheadUs: f && finite(f.kernelOverheadUs) ? f.kernelOverheadUs : null,
    });
  }
  return rows.sort((a, b) => b.ms - a.ms || (a.opClass < b.opClass ? -1 : 1));
}

/** One line saying which runtime model the estimate used. */
export function fusionText(fusion: unknown): string | null {
  if (fusion === 'standard') return 'fusion standard: element-wise epilogues fold into the conv / gemm before them, views are free';
  if (fusion === 'none') return 'fusion none: every node is its own kernel';
  return null;
}

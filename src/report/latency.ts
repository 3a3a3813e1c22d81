/**
 * Adding per-device latency estimates to a model report (pure: report in, report out).
 */
import type { DeviceModel, EstimateOptions } from '../devices/roofline.js';
import { estimateLatency } from '../devices/roofline.js';
import type { ModelReport } from './model-report.js';

export function withLatency(report: ModelReport, devices: readonly DeviceModel[], options: EstimateOptions = {}): ModelReport {
  if (devices.length === 0) return report;
  const latency: NonNullable<ModelReport['latency']> = {};
  const nodes = report.nodes.map((n) => ({ ...n, latency: { ...(n.latency ?? {}) } }));
  const warnings = [...report.warnings];
  // Nodes with unknown FLOPs or bytes make the estimate a lower bound; with every one's upper
  // figures known, the same estimate over those gives an upper bound (time grows with both).
  const unknown = report.nodes.filter((n) => n.flops === null || n.lowerBound || n.bytesRead === null || n.bytesWritten === null);
  const atMax = unknown.every((n) => n.upper && n.upper.flops !== null && n.upper.bytes !== null)
    ? report.nodes.map((n) => (unknown.includes(n) ? { ...n, flops: n.upper!.flops, bytesRead: n.upper!.bytes, bytesWritten: 0 } : n))
    : null;
  for (const d of devices) {
    const est = estimateLatency(report.nodes, d, options);
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
      efficiency: { compute: d.computeEfficiency, memory: d.memoryEfficiency, kernelOverheadUs: d.kernelOverhead * 1e6 },
    };
    if (unknown.length) {
      latency[d.id].lowerBound = true;
      if (atMax) latency[d.id].upperBoundMs = estimateLatency(atMax, d, options).ms;
    }
    est.nodes.forEach((t, i) => {
      if (t.bound !== 'none') nodes[i].latency[d.id] = { us: t.time * 1e6, bound: t.bound };
    });
    for (const message of est.notices) warnings.push({ node: '', message });
  }
  for (const n of nodes) if (Object.keys(n.latency).length === 0) delete (n as { latency?: unknown }).latency;
  return { ...report, latency, nodes, warnings };
}

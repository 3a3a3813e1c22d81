/**
 * A fitted device as the budgets file's `custom-devices` YAML (docs: README, "Calibrating a
 * device"): ready to paste into a budgets file, or to pass with `--devices FILE`. The fit's
 * summary rides along as comments.
 */
import type { DeviceClass, Precision } from '../devices/catalog.js';
import type { DeviceModel } from '../devices/roofline.js';
import { OP_CLASSES } from '../devices/op-class.js';
import { safeText } from '../util/sanitize.js';
import type { FitReport } from './fit.js';

export interface DeviceYamlOptions {
  /** The device class (sets the defaults of anything the file leaves out). */
  class?: DeviceClass;
  /** Comment lines placed before the document (how it was measured). */
  comments?: readonly string[];
}

const sig = (x: number, digits = 4): string => String(Number(x.toPrecision(digits)));

function rate(flops: number): string {
  return flops >= 1e12 ? `${sig(flops / 1e12)} TFLOPS` : `${sig(flops / 1e9)} GFLOPS`;
}

function bandwidth(bytesPerSecond: number): string {
  return bytesPerSecond >= 1e12 ? `${sig(bytesPerSecond / 1e12)} TB/s` : `${sig(bytesPerSecond / 1e9)} GB/s`;
}

function size(bytes: number): string {
  const MiB = 2 ** 20;
  if (bytes >= MiB) return `${sig(bytes / MiB)}MiB`;
  if (bytes >= 1024) return `${sig(bytes / 1024)}KiB`;
  return `${Math.round(bytes)}B`;
}

function seconds(s: number): string {
  return `${sig(s * 1e6, 3)}us`;
}

function fraction(x: number): string {
  return sig(Math.min(1, x), 3);
}

/** A YAML double-quoted scalar (JSON's string syntax is YAML's), kept to one line. */
function quoted(s: string): string {
  return JSON.stringify(safeText(s, 200));
}

export function deviceYaml(device: DeviceModel, fit?: FitReport, options: DeviceYamlOptions = {}): string {
  const lines: string[] = [];
  for (const c of options.comments ?? []) lines.push(`# ${safeText(c, 300)}`);
  if (fit) lines.push(...fitComments(fit));
  const fitted = new Set(fit?.parameters.filter((p) => p.identifiable).map((p) => p.name) ?? []);
  const mark = (name: string) => (fit ? (fitted.has(name) ? '  # fitted' : '  # not measured: the base figure') : '');
  lines.push('custom-devices:');
  lines.push(`  - id: ${quoted(device.id)}`);
  lines.push(`    name: ${quoted(device.name)}`);
  if (options.class) lines.push(`    class: ${options.class}`);
  const peaks = (Object.entries(device.peak) as [Precision, number | undefined][]).filter(([, v]) => typeof v === 'number' && v > 0);
  lines.push(`    peak: { ${peaks.map(([p, v]) => `${p}: ${rate(v!)}`).join(', ')} }`);
  lines.push(`    bandwidth: ${bandwidth(device.bandwidth)}`);
  lines.push(`    compute-efficiency: ${fraction(device.computeEfficiency)}${mark('compute-efficiency')}`);
  lines.push(`    memory-efficiency: ${fraction(device.memoryEfficiency)}${mark('memory-efficiency')}`);
  lines.push(`    kernel-overhead: ${seconds(device.kernelOverhead)}${mark('kernel-overhead')}`);
  if (device.runOverhead) lines.push(`    run-overhead: ${seconds(device.runOverhead)}${mark('run-overhead')}`);
  if (device.threadWake) lines.push(`    thread-wake: ${seconds(device.threadWake)}${mark('thread-wake')}`);
  if (device.nchwcBlock) lines.push(`    nchwc-block: ${device.nchwcBlock}${fit ? "  # the CPU's fp32 vector lanes" : ''}`);
  if (device.cache) lines.push(`    cache: { size: ${size(device.cache.bytes)}, bandwidth: ${bandwidth(device.cache.bandwidth)} }${mark('cache.bandwidth')}`);
  lines.push(`    fusion: ${device.fusion}`);
  const classes = OP_CLASSES.filter((c) => device.classes[c] && Object.keys(device.classes[c]).length);
  if (classes.length) {
    lines.push('    classes:');
    for (const c of classes) {
      const f = device.classes[c]!;
      const parts: string[] = [];
      if (f.computeEfficiency !== undefined) parts.push(`compute-efficiency: ${fraction(f.computeEfficiency)}`);
      if (f.memoryEfficiency !== undefined) parts.push(`memory-efficiency: ${fraction(f.memoryEfficiency)}`);
      if (f.kernelOverhead !== undefined) parts.push(`kernel-overhead: ${seconds(f.kernelOverhead)}`);
      const names = [`${c}.compute-efficiency`, `${c}.memory-efficiency`, `${c}.kernel-overhead`].filter((n) => fit?.parameters.some((p) => p.name === n));
      const measured = names.filter((n) => fitted.has(n)).length;
      const note = fit
        ? measured > 0 && measured === names.length
          ? '  # fitted'
          : measured > 0
            ? '  # partly fitted'
            : '  # not measured: the base figures'
        : '';
      lines.push(`      ${c}: { ${parts.join(', ')} }${note}`);
    }
  }
  return lines.join('\n') + '\n';
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function fitComments(fit: FitReport): string[] {
  const out = [
    `Fit: ${fit.residuals.length} measurements, median |estimate / measured - 1| ${pct(fit.medianAbsError)} (before the fit ${pct(fit.initialMedianAbsError)}), rms ln error ${fit.rmsLogError.toFixed(3)}; fusion ${fit.fusion} (fixed).`,
  ];
  if (fit.cache.candidates.length) {
    out.push(
      fit.cache.identifiable
        ? `Cache size ${size(fit.cache.bytes!)}: the best of ${fit.cache.candidates.map(size).join(', ')}.`
        : 'Cache: no measurement responds to it (kept from the base device).',
    );
  }
  if (fit.notIdentifiable.length) out.push(`Not identifiable (no measurement exercises them; base figures kept): ${fit.notIdentifiable.join(', ')}.`);
  if (fit.skipped.length) out.push(`Left out (nothing to estimate or no time): ${fit.skipped.map((s) => safeText(s, 60)).join(', ')}.`);
  out.push('Residuals (estimate / measured after the fit):');
  const width = Math.min(40, Math.max(...fit.residuals.map((r) => r.id.length), 2));
  for (const r of fit.residuals) {
    out.push(
      `  ${safeText(r.id, 60).padEnd(width)}  measured ${sig(r.measuredMs, 3).padStart(8)} ms  estimate ${sig(r.estimatedMs, 3).padStart(8)} ms  ${r.ratio.toFixed(2)}`,
    );
  }
  return out.map((l) => `# ${l}`);
}

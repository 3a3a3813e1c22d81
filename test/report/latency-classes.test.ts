/**
 * What a user sees of op classes and fusion, end to end through the CLI: a conv -> BN -> ReLU ->
 * residual Add block on a catalog CPU (whose class fuses by default) folds into one kernel; the
 * JSON report says which fusion it used and where the time goes per class, and the text and
 * Markdown renderings show the same.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';
import { deviceModel } from '../../src/devices/efficiency.js';
import { findDevice } from '../../src/devices/catalog.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';

const C = 8;
const HW = 16;
const dir = mkdtempSync(join(tmpdir(), 'mb-classes-'));
const model = join(dir, 'block.onnx');
const vec = (name: string, v: number) => ({ name, dtype: 'float32' as const, dims: [C], values: new Array<number>(C).fill(v) });
writeFileSync(
  model,
  encodeModel({
    graph: {
      nodes: [
        { op: 'Conv', inputs: ['x', 'w'], outputs: ['c'], name: 'conv', attrs: { pads: [1, 1, 1, 1], kernel_shape: [3, 3] } },
        { op: 'BatchNormalization', inputs: ['c', 'scale', 'bias', 'mean', 'var'], outputs: ['b'], name: 'bn' },
        { op: 'Relu', inputs: ['b'], outputs: ['r'], name: 'relu' },
        { op: 'Add', inputs: ['r', 'x'], outputs: ['y'], name: 'residual' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, C, HW, HW] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [
        { name: 'w', dtype: 'float32', dims: [C, C, 3, 3], raw: new Uint8Array(C * C * 9 * 4) },
        vec('scale', 1),
        vec('bias', 0),
        vec('mean', 0),
        vec('var', 1),
      ],
    },
  }),
);

const analyze = (...extra: string[]) => runCli('analyze', '--allow-outside-repo', model, '--device', 'raspberry-pi-5', ...extra);

describe('op classes and fusion in the report', () => {
  const json = analyze('--format', 'json');
  const report = JSON.parse(json.stdout) as AnalyzeReport;
  const m = report.models[0];
  const l = m.latency!['raspberry-pi-5'];

  it('the JSON latency says the fusion used, one kernel, and the time per class', () => {
    expect(json.code).toBe(0);
    expect(l.fusion).toBe('standard');
    expect(l.kernels).toBe(1);
    expect(l.byClass!.conv!.kernels).toBe(1);
    expect(m.nodes.slice(1).map((n) => n.latency!['raspberry-pi-5'].bound)).toEqual(['fused', 'fused', 'fused']);
    const total = Object.values(l.byClass!).reduce((s, c) => s + c.ms, 0);
    expect(total).toBeCloseTo(l.ms, 12);
    const d = deviceModel(findDevice('raspberry-pi-5')!);
    expect(l.classes!.conv).toEqual({ computeEfficiency: d.classes.conv?.computeEfficiency ?? d.computeEfficiency, kernelOverheadUs: d.kernelOverhead * 1e6 });
  });

  it('a fused epilogue runs at the conv rate and reads only its extra inputs', () => {
    const d = deviceModel(findDevice('raspberry-pi-5')!);
    const rate = d.peak.fp32! * (d.classes.conv?.computeEfficiency ?? d.computeEfficiency);
    const dram = d.bandwidth * d.memoryEfficiency;
    const add = m.nodes[3];
    // The residual x: C x HW x HW fp32 read; the Add's FLOPs at the conv's rate; no launch.
    const expected = Math.max(add.flops! / rate, (C * HW * HW * 4) / dram);
    expect(add.latency!['raspberry-pi-5'].us).toBeCloseTo(expected * 1e6, 9);
    const relu = m.nodes[2];
    expect(relu.latency!['raspberry-pi-5'].us).toBeCloseTo((relu.flops! / rate) * 1e6, 9);
  });

  it('text and Markdown show the fusion and the per-class table', () => {
    const text = analyze();
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('time by op class');
    expect(text.stdout).toMatch(/raspberry-pi-5: fusion standard: element-wise epilogues fold into the conv/);
    expect(text.stdout).toMatch(/raspberry-pi-5\s+conv\s/);
    const md = analyze('--format', 'markdown');
    expect(md.stdout).toContain('<summary>Time by op class</summary>');
    expect(md.stdout).toContain('fusion standard');
    const html = analyze('--format', 'html');
    expect(html.stdout).toContain('Fusion standard');
    expect(html.stdout).not.toContain('No fusion, no caches');
    // The roofline chart draws kernels: the three fused epilogues are part of the conv's dot.
    expect(html.stdout.match(/<circle class="node"/g) ?? []).toHaveLength(1);
  });
});

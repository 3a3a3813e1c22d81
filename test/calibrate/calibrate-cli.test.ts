/**
 * `model-budget calibrate` end to end through the CLI: measurements brought as CSV / profiles,
 * errors with file and line, onnxruntime-node absent, and (where it is installed) the quick
 * micro-suite on this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { mainAsync } from '../../src/cli/main.js';
import { loadOrt } from '../../src/calibrate/ort.js';
import { suiteIds } from '../../src/calibrate/suite.js';
import { encodeModel } from '../helpers/encode.js';
import { findDevice } from '../../src/devices/catalog.js';
import { deviceModel } from '../../src/devices/efficiency.js';
import { estimateLatency, type DeviceModel } from '../../src/devices/roofline.js';
import { analyzeFile } from '../../src/io/analyze-file.js';
import type { FitReport } from '../../src/calibrate/fit.js';

async function run(argv: string[], deps = {}) {
  let stdout = '';
  let stderr = '';
  const code = await mainAsync(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, deps);
  return { code, stdout, stderr };
}

let dir: string;

function matmulModel(n: number, batch: string | number = 'batch'): Uint8Array {
  const w = new Float32Array(n * n).fill(0.01);
  return encodeModel({
    graph: {
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w'], outputs: ['m'], name: 'mm' },
        { op: 'Relu', inputs: ['m'], outputs: ['y'], name: 'relu' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [batch, n] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [batch, n] }],
      initializers: [{ name: 'w', dtype: 'float32', dims: [n, n], raw: new Uint8Array(w.buffer) }],
    },
  });
}

function addModel(n: number): Uint8Array {
  return encodeModel({
    graph: {
      nodes: [{ op: 'Add', inputs: ['x', 'x'], outputs: ['y'], name: 'add' }],
      inputs: [{ name: 'x', dtype: 'float32', shape: [n] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [n] }],
    },
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-calibrate-'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'mlp.onnx'), matmulModel(512));
  writeFileSync(join(dir, 'models', 'add.onnx'), addModel(1 << 20));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Raspberry Pi 5 whose figures the measurements come from (the same for every class they use). */
function truthDevice(): DeviceModel {
  const base = deviceModel(findDevice('raspberry-pi-5')!);
  const f = { computeEfficiency: 0.3, kernelOverhead: 20e-6 };
  return {
    ...base,
    computeEfficiency: 0.3,
    kernelOverhead: 20e-6,
    memoryEfficiency: 0.5,
    classes: { ...base.classes, gemm: f, elementwise: f },
    fusion: 'standard',
  };
}

describe('calibrate --from measurements.csv', () => {
  it('fits the device from whole-model latencies and writes it as custom-devices YAML', async () => {
    const truth = truthDevice();
    const rows: string[] = [];
    for (const batch of [1, 4, 16, 64, 256]) {
      const nodes = analyzeFile(join(dir, 'models', 'mlp.onnx'), { dims: { batch } }).nodes;
      rows.push(`models/mlp.onnx,batch=${batch},${estimateLatency(nodes, truth).ms}`);
    }
    const add = analyzeFile(join(dir, 'models', 'add.onnx')).nodes;
    rows.push(`models/add.onnx,,${estimateLatency(add, truth).ms}`);
    writeFileSync(join(dir, 'm.csv'), `model,dims,ms\n${rows.join('\n')}\n`);
    const out = join(dir, 'pi.yml');
    const r = await run(['calibrate', '--from', join(dir, 'm.csv'), '--device', 'raspberry-pi-5', '--id', 'my-pi', '--output', out, '--allow-outside-repo']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The fit table on stdout: one row per measurement.
    expect(r.stdout).toContain('models/mlp.onnx (batch=16)');
    expect(r.stdout).toMatch(/median \|error\| 0\.\d% after the fit/);
    const doc = parseYaml(readFileSync(out, 'utf8')) as { 'custom-devices': Record<string, unknown>[] };
    const d = doc['custom-devices'][0];
    expect(d).toMatchObject({ id: 'my-pi', class: 'sbc-cpu', fusion: 'standard', bandwidth: '17.07 GB/s' });
    expect(d.name).toMatch(/^Raspberry Pi 5.*calibrated \d{4}-\d\d-\d\d from .*m\.csv$/);
    // The memory efficiency the measurements were made with, as the matmuls stream their weights
    // (the batch-1 products pin the class's own figure; the one Add shares the device-wide figure
    // with its kernel overhead, so that one is not pinned to two digits).
    expect((d.classes as Record<string, Record<string, unknown>>).gemm['memory-efficiency']).toBeCloseTo(0.5, 2);

    const json = await run(['calibrate', '--from', join(dir, 'm.csv'), '--device', 'raspberry-pi-5', '--format', 'json', '--allow-outside-repo']);
    expect(json.code).toBe(0);
    const { fit } = JSON.parse(json.stdout) as { fit: FitReport };
    expect(fit.residuals).toHaveLength(6);
    expect(fit.medianAbsError).toBeLessThan(0.01);
    // The compute efficiency used for the gemm (the class's figure, or the device's where the roofline has no classes).
    const eff = fit.parameters.filter((p) => p.identifiable && /^(gemm\.)?compute-efficiency$/.test(p.name));
    expect(eff.length).toBeGreaterThan(0);
    for (const p of eff) expect(p.value).toBeCloseTo(0.3, 2);
  });

  it('refuses a bad CSV with its file and line, exit 2, one line', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'model,dims,ms\nmodels/add.onnx,,1\nmodels/add.onnx,,soon\n');
    const r = await run(['calibrate', '--from', join(dir, 'bad.csv'), '--device', 'raspberry-pi-5', '--allow-outside-repo']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`model-budget: ${join(dir, 'bad.csv')}:3:1: ms must be a number of milliseconds above zero, got 'soon'\n`);
    writeFileSync(join(dir, 'missing.csv'), 'model,dims,ms\nmodels/none.onnx,,1\n');
    const m = await run(['calibrate', '--from', join(dir, 'missing.csv'), '--device', 'raspberry-pi-5', '--allow-outside-repo']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(new RegExp(`^model-budget: ${join(dir, 'missing.csv')}:2:1: model 'models/none.onnx': .*\\n$`));
  });

  it('starts from a device of a --devices file (what calibrate writes), refusing an id it lacks', async () => {
    writeFileSync(
      join(dir, 'boards.yml'),
      'custom-devices:\n  - id: my-board\n    name: My board\n    class: edge-gpu\n    peak: { fp16: 20 TFLOPS, fp32: 5 TFLOPS }\n    bandwidth: 100 GB/s\n',
    );
    const r = await run([
      'calibrate',
      '--from',
      join(dir, 'm.csv'),
      '--devices',
      join(dir, 'boards.yml'),
      '--device',
      'my-board',
      '--id',
      'my-board-fit',
      '--format',
      'json',
      '--allow-outside-repo',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { device: DeviceModel; class: string };
    expect(out.class).toBe('edge-gpu');
    expect(out.device).toMatchObject({ id: 'my-board-fit', peak: { fp16: 20e12, fp32: 5e12 }, bandwidth: 100e9 });
    expect(out.device.name).toMatch(/^My board, calibrated /);
    const missing = await run(['calibrate', '--from', join(dir, 'm.csv'), '--devices', join(dir, 'boards.yml'), '--device', 'other', '--allow-outside-repo']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`model-budget: --device 'other' is not a custom device of ${join(dir, 'boards.yml')}\n`);
    writeFileSync(join(dir, 'broken.yml'), 'custom-devices:\n  - id: b\n    class: cpu\n    peak: { fp32: 5 TFLOPS }\n    bandwidth: fast\n');
    const broken = await run(['calibrate', '--from', join(dir, 'm.csv'), '--devices', join(dir, 'broken.yml'), '--device', 'b', '--allow-outside-repo']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^model-budget: ${join(dir, 'broken.yml')}:5:16: custom-devices\\[0\\]\\.bandwidth: `));
  });

  it('needs a base device for measurements brought from elsewhere', async () => {
    const r = await run(['calibrate', '--from', join(dir, 'm.csv'), '--allow-outside-repo']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/--device ID, or --bandwidth/);
  });
});

describe('calibrate --from profile.json --model', () => {
  it('an ORT profile fits per node; kernels matching no node are named in a warning', async () => {
    const events = [
      ...[1, 2, 3].map(() => ({ cat: 'Node', name: 'mm_kernel_time', dur: 900, args: { op_name: 'MatMul' } })),
      { cat: 'Node', name: 'relu_kernel_time', dur: 30, args: { op_name: 'Relu' } },
      { cat: 'Node', name: 'ghost_kernel_time', dur: 5, args: { op_name: 'Add' } },
    ];
    writeFileSync(join(dir, 'profile.json'), JSON.stringify(events));
    const r = await run([
      'calibrate',
      '--from',
      join(dir, 'profile.json'),
      '--model',
      join(dir, 'models', 'mlp.onnx'),
      '--dims',
      'batch=8',
      '--device',
      'raspberry-pi-5',
      '--format',
      'json',
      '--allow-outside-repo',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `model-budget: warning: ${join(dir, 'profile.json')}: 1 of 3 kernels match no node of ${join(dir, 'models', 'mlp.onnx')} and are not used: 'ghost'\n`,
    );
    const { fit } = JSON.parse(r.stdout) as { fit: FitReport };
    expect(fit.residuals.map((x) => [x.id, x.measuredMs])).toEqual([
      ['mm', 0.9],
      ['relu', 0.03],
    ]);
  });

  it('a TensorRT profile without --model, or a file that is no profile: exit 2 naming the file', async () => {
    writeFileSync(join(dir, 'trt.json'), JSON.stringify([{ count: 2 }, { name: 'mm + relu', averageMs: 0.4 }]));
    const r = await run(['calibrate', '--from', join(dir, 'trt.json'), '--device', 'raspberry-pi-5', '--allow-outside-repo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`model-budget: ${join(dir, 'trt.json')}: is a TensorRT profile: name the model it profiles with --model\n`);
    writeFileSync(join(dir, 'broken.json'), '[\n  {"cat": "Node",\n  oops\n]');
    const b = await run([
      'calibrate',
      '--from',
      join(dir, 'broken.json'),
      '--model',
      join(dir, 'models', 'mlp.onnx'),
      '--device',
      'raspberry-pi-5',
      '--allow-outside-repo',
    ]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(new RegExp(`^model-budget: ${join(dir, 'broken.json')}:3:\\d+: is not JSON`));
  });
});

describe('calibrate on this machine', () => {
  it('without onnxruntime-node: exit 2 and one line saying how to install it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mb-no-ort-'));
    try {
      const r = await run(['calibrate', '--quick'], { loadOrt: () => loadOrt([empty]) });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'model-budget: onnxruntime-node: is not installed; timing models on this machine needs it: install it with `npm i --ignore-scripts onnxruntime-node` (the CPU build is in the package)\n',
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('usage mistakes are exit 2', async () => {
    expect((await run(['calibrate', '--id', 'raspberry-pi-5'])).stderr).toMatch(/is a catalog device/);
    expect((await run(['calibrate', '--id', 'Bad Id'])).code).toBe(2);
    expect((await run(['calibrate', '--format', 'xml'])).stderr).toMatch(/--format must be yaml, json or text/);
    expect((await run(['calibrate', '--bandwidth', 'fast'])).stderr).toMatch(/--bandwidth: /);
    expect((await run(['calibrate', '--devices', 'x.yml'])).stderr).toMatch(/--devices FILE needs --device ID/);
    expect((await run(['calibrate', '--device', 'no-such-device', '--from', 'm.csv'])).stderr).toMatch(/unknown device 'no-such-device'/);
    const help = await run(['calibrate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: model-budget calibrate/);
  });

  let ort = true;
  try {
    loadOrt();
  } catch {
    ort = false;
  }
  it.skipIf(!ort)('times the quick micro-suite with onnxruntime-node and fits it (needs onnxruntime-node; skipped without it)', async () => {
    const r = await run(['calibrate', '--quick', '--threads', '1', '--format', 'json']);
    expect(r.code).toBe(0);
    const { device, fit } = JSON.parse(r.stdout) as { device: DeviceModel; fit: FitReport };
    expect(device.id).toBe('this-machine');
    expect(device.fusion).toBe('onnxruntime');
    expect(device.name).toMatch(/calibrated \d{4}-\d\d-\d\d with onnxruntime 1\./);
    expect(fit.residuals.map((x) => x.id)).toEqual(suiteIds({ quick: true }).map((s) => s.id));
    for (const x of fit.residuals) expect(x.measuredMs).toBeGreaterThan(0);
    // Progress on stderr, one line per micro-model.
    expect(r.stderr.split('\n').filter((l) => /ms {2}\(/.test(l))).toHaveLength(fit.residuals.length);
  });

  it.skipIf(!ort)('--fusion none times without ORT fusions and writes an unfused device (needs onnxruntime-node; skipped without it)', async () => {
    const r = await run(['calibrate', '--quick', '--threads', '1', '--fusion', 'none', '--id', 'unfused']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^timing the micro-suite with onnxruntime-node \(optimisation basic\)/);
    const d = (parseYaml(r.stdout) as { 'custom-devices': Record<string, unknown>[] })['custom-devices'][0];
    expect(d).toMatchObject({ id: 'unfused', class: 'cpu', fusion: 'none' });
    expect(r.stdout).toMatch(/^# Fit: 7 measurements, .*fusion none \(fixed\)\.$/m);
  });
});

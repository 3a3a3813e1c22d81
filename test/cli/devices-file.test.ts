/**
 * `--devices FILE` and `--fusion` on analyze, check and compare, end to end through the CLI: a
 * calibrated device's figures reach the estimate as the roofline rule says, `like` inherits a
 * catalog device, and every broken devices file is one positioned error per problem, exit 2.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { encodeModel } from '../helpers/encode.js';
import { findDevice } from '../../src/devices/catalog.js';
import { CLASS_EFFICIENCY } from '../../src/devices/efficiency.js';
import type { AnalyzeReport, ModelReport } from '../../src/report/model-report.js';
import type { CheckReport } from '../../src/check/run.js';
import type { Comparison } from '../../src/report/compare.js';

// X[M, K] x W[K, N] (`gemm`, compute-bound on the devices below), then Add(Y, Y) (`add`, memory-bound).
const M = 256;
const K = 512;
const N = 256;
const GEMM_FLOPS = 2 * M * K * N;
const GEMM_BYTES = 4 * (M * K + K * N + M * N);
const ADD_BYTES = 4 * 3 * M * N;

const dir = mkdtempSync(join(tmpdir(), 'mb-devices-'));
mkdirSync(join(dir, '.git'));
mkdirSync(join(dir, 'models'));
const model = join(dir, 'models', 'gemm.onnx');
writeFileSync(
  model,
  encodeModel({
    graph: {
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'], name: 'gemm' },
        { op: 'Add', inputs: ['y', 'y'], outputs: ['z'], name: 'add' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [M, K] }],
      outputs: [{ name: 'z', dtype: 'float32' }],
      initializers: [{ name: 'w', dtype: 'float32', dims: [K, N], raw: new Uint8Array(K * N * 4) }],
    },
  }),
);

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/**
 * A calibrated device as `calibrate --output` writes it: 100 GFLOPS fp32, 10 GB/s. The gemm and
 * elementwise class figures equal the device-wide ones unless given, so the rule gives the same
 * time whichever the roofline reads; `fusion: none` keeps every node its own kernel.
 */
function calibrated(o: { eff?: number; gemmEff?: number; fusion?: string; id?: string } = {}): string {
  const eff = o.eff ?? 0.5;
  return `# written by model-budget calibrate
custom-devices:
  - id: ${o.id ?? 'this-machine'}
    name: Test CPU (2 cores), calibrated
    class: cpu
    peak: { fp32: 100 GFLOPS }
    bandwidth: 10 GB/s
    compute-efficiency: ${eff}
    memory-efficiency: 0.8
    kernel-overhead: 4us
    fusion: ${o.fusion ?? 'none'}
    classes:
      gemm: { compute-efficiency: ${o.gemmEff ?? eff}, kernel-overhead: 4us }
      elementwise: { compute-efficiency: ${eff}, kernel-overhead: 4us }
`;
}

function analyze(...args: string[]): ModelReport {
  const r = runCli('analyze', model, '--allow-outside-repo', '--format', 'json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as AnalyzeReport).models[0];
}

const nodeUs = (m: ModelReport, name: string, device: string) => m.nodes.find((n) => n.name === name)!.latency![device].us;

describe('analyze --devices FILE --device ID', () => {
  it("a calibrated device's figures give the estimate the roofline rule says", () => {
    const m = analyze('--devices', file('dev.yml', calibrated()), '--device', 'this-machine');
    // gemm: compute-bound, FLOPs / (peak x efficiency) + overhead; add: memory-bound, bytes / (bandwidth x memory efficiency) + overhead.
    expect(nodeUs(m, 'gemm', 'this-machine')).toBeCloseTo((GEMM_FLOPS / (100e9 * 0.5)) * 1e6 + 4, 6);
    expect(GEMM_BYTES / (10e9 * 0.8)).toBeLessThan(GEMM_FLOPS / (100e9 * 0.5));
    expect(nodeUs(m, 'add', 'this-machine')).toBeCloseTo((ADD_BYTES / (10e9 * 0.8)) * 1e6 + 4, 6);
    expect(m.latency!['this-machine'].name).toBe('Test CPU (2 cores), calibrated');
  });

  it("without --device, every device of the file; with it, the file's and the catalog's", () => {
    const path = file('two.yml', calibrated() + calibrated({ id: 'other-machine' }).replace(/^[^\n]*\ncustom-devices:\n/, ''));
    expect(Object.keys(analyze('--devices', path).latency!)).toEqual(['this-machine', 'other-machine']);
    expect(Object.keys(analyze('--devices', path, '--device', 'other-machine,raspberry-pi-5').latency!)).toEqual(['other-machine', 'raspberry-pi-5']);
  });

  it("halving the efficiency doubles a compute-bound node's compute time and leaves a memory-bound one", () => {
    const at = (eff: number) => analyze('--devices', file(`eff-${eff}.yml`, calibrated({ eff })), '--device', 'this-machine');
    const [full, half] = [at(0.5), at(0.25)];
    expect(nodeUs(half, 'gemm', 'this-machine') - 4).toBeCloseTo(2 * (nodeUs(full, 'gemm', 'this-machine') - 4), 6);
    expect(nodeUs(half, 'add', 'this-machine')).toBeCloseTo(nodeUs(full, 'add', 'this-machine'), 9);
  });

  // These tests check that the figures of a devices file and --fusion reach the roofline's rules.
  const reluModel = join(dir, 'models', 'gemm-relu.onnx');
  writeFileSync(
    reluModel,
    encodeModel({
      graph: {
        nodes: [
          { op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'], name: 'gemm' },
          { op: 'Relu', inputs: ['y'], outputs: ['z'], name: 'act' },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [M, K] }],
        outputs: [{ name: 'z', dtype: 'float32' }],
        initializers: [{ name: 'w', dtype: 'float32', dims: [K, N], raw: new Uint8Array(K * N * 4) }],
      },
    }),
  );

  it("a gemm class efficiency applies to the gemm node only: doubling it halves that node's compute time", () => {
    const at = (gemmEff: number) => analyze('--devices', file(`gemm-${gemmEff}.yml`, calibrated({ eff: 0.2, gemmEff })), '--device', 'this-machine');
    const [low, high] = [at(0.25), at(0.5)];
    expect(nodeUs(low, 'gemm', 'this-machine')).toBeCloseTo((GEMM_FLOPS / (100e9 * 0.25)) * 1e6 + 4, 6);
    expect(nodeUs(high, 'gemm', 'this-machine')).toBeCloseTo((GEMM_FLOPS / (100e9 * 0.5)) * 1e6 + 4, 6);
    expect(nodeUs(high, 'add', 'this-machine')).toBeCloseTo(nodeUs(low, 'add', 'this-machine'), 9);
  });

  it('--fusion standard folds a Relu into the MatMul before it (one kernel), overriding the device', () => {
    const kernels = (...args: string[]) => {
      const r = runCli(
        'analyze',
        reluModel,
        '--allow-outside-repo',
        '--format',
        'json',
        '--devices',
        file('fusion.yml', calibrated({ fusion: 'none' })),
        ...args,
      );
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as AnalyzeReport).models[0].latency!['this-machine'].kernels;
    };
    expect(kernels()).toBe(2);
    expect(kernels('--fusion', 'standard')).toBe(1);
  });

  it("like: a catalog device's class, peaks and bandwidth, with the keys given replacing its", () => {
    const pi = findDevice('raspberry-pi-5')!;
    const path = file(
      'like.yml',
      `custom-devices:
  - id: my-pi
    like: raspberry-pi-5
    compute-efficiency: 0.3
    fusion: none
    cache: { size: 1kB, bandwidth: 100 GB/s }
    classes: { gemm: { compute-efficiency: 0.3 } }
  - id: faster-pi
    like: raspberry-pi-5
    bandwidth: 34 GB/s
    fusion: none
    cache: { size: 1kB, bandwidth: 100 GB/s }
`,
    );
    const m = analyze('--devices', path);
    const sbc = CLASS_EFFICIENCY['sbc-cpu'];
    // The class (sbc-cpu) sets the memory efficiency and overhead; the peak and bandwidth are the Pi's.
    expect(m.latency!['my-pi'].efficiency).toEqual({ compute: 0.3, memory: sbc.memory, kernelOverheadUs: sbc.overhead * 1e6 });
    expect(m.latency!['my-pi'].ridgePoint).toBeCloseTo(pi.peak.fp32!.value / pi.bandwidth.value, 9);
    expect(m.latency!['faster-pi'].ridgePoint).toBeCloseTo(pi.peak.fp32!.value / 34e9, 9);
    const addUs = (bw: number) => (ADD_BYTES / (bw * sbc.memory)) * 1e6;
    // The add is memory-bound at either bandwidth (its FLOPs are M x N), its tensors larger than the 1 kB cache.
    expect(nodeUs(m, 'add', 'my-pi')).toBeGreaterThanOrEqual(addUs(pi.bandwidth.value));
    expect(nodeUs(m, 'add', 'faster-pi')).toBeLessThan(nodeUs(m, 'add', 'my-pi'));
    expect(nodeUs(m, 'gemm', 'my-pi')).toBeGreaterThanOrEqual((GEMM_FLOPS / (pi.peak.fp32!.value * 0.3)) * 1e6);
  });

  it('--fusion needs a device, and takes none, standard or onnxruntime', () => {
    const r = runCli('analyze', model, '--allow-outside-repo', '--fusion', 'standard');
    expect([r.code, r.stderr]).toEqual([2, 'model-budget: --fusion applies to latency estimates: give --device or --devices\n']);
    const bad = runCli('analyze', model, '--allow-outside-repo', '--device', 'h100-sxm', '--fusion', 'full');
    expect([bad.code, bad.stderr]).toEqual([2, "model-budget: --fusion must be one of none, standard, onnxruntime, got 'full'\n"]);
  });

  it('an unknown --device suggests the devices of the file too', () => {
    const r = runCli('analyze', model, '--allow-outside-repo', '--devices', file('dev.yml', calibrated()), '--device', 'this-machin');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown device 'this-machin' (did you mean 'this-machine'?)");
    expect(r.stderr).toContain('dev.yml declares this-machine');
  });
});

describe('a broken devices file: every problem, positioned, exit 2', () => {
  const errors = (text: string): string[] => {
    const path = file('broken.yml', text);
    const r = runCli('analyze', model, '--allow-outside-repo', '--devices', path);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    return r.stderr
      .trimEnd()
      .split('\n')
      .map((l) => l.replace(`${dir}/`, ''));
  };

  it('bad keys, an unknown like, an unknown op class, bad figures: all in one run, in file order', () => {
    expect(
      errors(`custom-devices:
  - id: this-machine
    like: raspbery-pi-5
    fusoin: standard
    fusion: full
    cache: { size: 32 apples, bandwidth: 60 GB/s }
    classes:
      gem: { compute-efficiency: 0.7 }
      conv: { compute-efficiency: 2, overhead: 3us }
`),
    ).toEqual([
      'model-budget: 7 problems in broken.yml:',
      "model-budget: broken.yml:3:11: custom-devices[0].like: expected a catalog device id, got 'raspbery-pi-5'; did you mean 'raspberry-pi-5' or 'raspberry-pi-4'? (`model-budget devices` lists the catalog)",
      "model-budget: broken.yml:4:5: custom-devices[0].fusoin: unknown key; did you mean 'fusion'? (allowed: id, name, like, class, peak, derivation, bandwidth, compute-efficiency, memory-efficiency, kernel-overhead, run-overhead, thread-wake, nchwc-block, cache, fusion, classes)",
      "model-budget: broken.yml:5:13: custom-devices[0].fusion: expected one of none, standard, onnxruntime, got 'full'",
      "model-budget: broken.yml:6:20: custom-devices[0].cache.size: expected a size like 20MB or 64MiB (B, kB, MB, GB, KiB, MiB, GiB), got '32 apples'",
      "model-budget: broken.yml:8:7: custom-devices[0].classes.gem: unknown key; did you mean 'gemm'? (allowed: gemm, conv, conv-1x1, depthwise, grouped, conv-3d, conv-transpose, recurrent, attention, normalization, elementwise, reduction, data-movement, resample, view, shape)",
      'model-budget: broken.yml:9:35: custom-devices[0].classes.conv.compute-efficiency: expected a fraction in (0, 1] like 0.8 or 80%, got 2',
      "model-budget: broken.yml:9:38: custom-devices[0].classes.conv.overhead: unknown key; did you mean 'kernel-overhead'? (allowed: compute-efficiency, memory-efficiency, kernel-overhead)",
    ]);
  });

  it('a key other than custom-devices (and version) at the top', () => {
    expect(errors(`version: 1\ndevices: [h100-sxm]\ncustom-devices:\n  - { id: a, like: h100-sxm }\n`)).toEqual([
      "model-budget: broken.yml:2:1: devices: unknown key; did you mean 'custom-devices'? (allowed: version, custom-devices)",
    ]);
    expect(errors(`version: 1\nmodels: []\n`)).toEqual([
      'model-budget: 2 problems in broken.yml:',
      "model-budget: broken.yml:1:1: a devices file needs 'custom-devices' (a list of devices, as in a budgets file)",
      'model-budget: broken.yml:2:1: models: unknown key (allowed: version, custom-devices)',
    ]);
    expect(errors(`custom-devices: []\n`)).toEqual(['model-budget: broken.yml:1:17: custom-devices: expected at least one device, got an empty list']);
    expect(errors(`version: 2\ncustom-devices:\n  - { id: a, like: h100-sxm }\n`)).toEqual([
      'model-budget: broken.yml:1:10: version: expected 1 (the only version this tool reads), got 2',
    ]);
    expect(errors(`- id: a\n`)).toEqual(['model-budget: broken.yml:1:1: expected a devices file with custom-devices (a mapping), got a list']);
  });

  it('a device without class, peak or bandwidth, and a cache without its bandwidth, unless like gives them', () => {
    expect(errors(`custom-devices:\n  - id: a\n    peak: { fp32: 1 TFLOPS }\n    cache: { size: 32MiB }\n`)).toEqual([
      'model-budget: 3 problems in broken.yml:',
      "model-budget: broken.yml:2:5: custom-devices[0]: a custom device needs 'class' (one of datacenter-gpu, consumer-gpu, edge-gpu, cpu, sbc-cpu, apple-soc, npu) or 'like' (a catalog device): it sets the default compute-efficiency, memory-efficiency, kernel-overhead",
      "model-budget: broken.yml:2:5: custom-devices[0]: a custom device needs 'bandwidth' (like 34 GB/s) or 'like'",
      "model-budget: broken.yml:4:12: custom-devices[0].cache: a cache needs 'size' and 'bandwidth' (like { size: 32MiB, bandwidth: 60 GB/s })",
    ]);
  });
});

describe('check --devices FILE', () => {
  const budgets = (latency: string, extra = '') =>
    file(
      'budgets.yml',
      `version: 1
${extra}models:
  - path: models/gemm.onnx
    budgets:
      latency: { this-machine: ${latency} }
`,
    );
  const msAt = (eff: number) => ((GEMM_FLOPS / (100e9 * eff)) * 1e6 + 4 + (ADD_BYTES / (10e9 * 0.8)) * 1e6 + 4) / 1e3;

  it("budgets may name the file's devices; their estimate decides the verdict", () => {
    const dev = file('dev.yml', calibrated());
    const pass = runCli('check', '--budgets', budgets(`${(msAt(0.5) * 1.01).toFixed(4)}ms`), '--devices', dev, '--format', 'json');
    expect(pass.stderr).toBe('');
    expect(pass.code).toBe(0);
    const report = JSON.parse(pass.stdout) as CheckReport;
    expect(report.head.models[0].latency!['this-machine'].ms).toBeCloseTo(msAt(0.5), 9);
    const fail = runCli('check', '--budgets', budgets(`${(msAt(0.5) * 0.99).toFixed(4)}ms`), '--devices', dev);
    expect(fail.code).toBe(1);
  });

  it('without the devices file, that budget names an unknown device', () => {
    const r = runCli('check', '--budgets', budgets('10ms'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("budgets.yml:5:18: models[0].budgets.latency.this-machine: device 'this-machine' is not in this file's devices (none)");
  });

  it('a device declared in both files is an error naming both', () => {
    const dev = file('dev.yml', calibrated());
    const r = runCli('check', '--budgets', budgets('10ms', `custom-devices:\n  - { id: this-machine, like: raspberry-pi-5 }\n`), '--devices', dev);
    expect([r.code, r.stderr]).toEqual([
      2,
      "model-budget: budgets.yml:3:11: custom-devices[0].id: device 'this-machine' is declared both here and in dev.yml (line 3); keep one of them\n",
    ]);
  });

  it("the budgets file's fusion key is checked; a devices file outside the repository is refused", () => {
    const bad = runCli('check', '--budgets', budgets('10ms', 'fusion: full\n'), '--devices', file('dev.yml', calibrated()));
    expect([bad.code, bad.stderr]).toEqual([2, "model-budget: budgets.yml:2:9: fusion: expected one of none, standard, onnxruntime, got 'full'\n"]);
    const outside = join(mkdtempSync(join(tmpdir(), 'mb-outside-')), 'dev.yml');
    writeFileSync(outside, calibrated());
    const r = runCli('check', '--budgets', budgets('10ms'), '--devices', outside);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dev\.yml: resolves to a file outside the repository: refused \(--allow-outside-repo lifts this\)/);
    expect(runCli('check', '--budgets', budgets('10ms'), '--devices', outside, '--allow-outside-repo').code).toBe(0);
  });

  it('no such devices file', () => {
    const r = runCli('check', '--budgets', budgets('10ms'), '--devices', join(dir, 'nope.yml'));
    expect([r.code, r.stderr]).toEqual([2, 'model-budget: nope.yml: no such devices file\n']);
  });
});

describe('compare --devices FILE', () => {
  it('estimates both saved reports again on the devices given', () => {
    const saved = file('report.json', runCli('analyze', model, '--allow-outside-repo', '--format', 'json', '--device', 'h100-sxm').stdout);
    const dev = file('dev.yml', calibrated());
    const r = runCli('compare', saved, saved, '--allow-outside-repo', '--devices', dev, '--format', 'json');
    expect(r.stderr).toBe('');
    const m = (JSON.parse(r.stdout) as Comparison).models[0];
    // The saved h100-sxm estimate is replaced by this-machine's.
    expect(Object.keys(m.latency)).toEqual(['this-machine']);
    expect(m.latency['this-machine'].base).toBeCloseTo(((GEMM_FLOPS / 50e9) * 1e6 + 4 + (ADD_BYTES / 8e9) * 1e6 + 4) / 1e3, 9);
    const plain = JSON.parse(runCli('compare', saved, saved, '--allow-outside-repo', '--format', 'json').stdout) as Comparison;
    expect(Object.keys(plain.models[0].latency)).toEqual(['h100-sxm']);
  });
});

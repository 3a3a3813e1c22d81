/** The calibrated device as custom-devices YAML: the shape the budgets file reads, units it parses. */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { deviceYaml } from '../../src/calibrate/calibrate.js';
import { parseDevicesText } from '../../src/calibrate/devices-file.js';
import { fitDevice } from '../../src/calibrate/fit.js';
import { cacheCandidates, nchwcBlockOf, parseCacheSize, parseCpuInfo, vectorUnit } from '../../src/calibrate/machine.js';
import { parseBandwidth, parseBytes, parseDurationMs, parseRate } from '../../src/budgets/units.js';
import type { DeviceModel } from '../../src/devices/roofline.js';
import type { NodeEntry } from '../../src/report/model-report.js';

const device: DeviceModel = {
  id: 'this-machine',
  name: 'Intel Xeon (2 cores, AVX-512), calibrated 2026-12-02 with onnxruntime 1.30.0',
  peak: { fp32: 268.8e9 },
  bandwidth: 15e9,
  computeEfficiency: 0.55,
  memoryEfficiency: 0.9,
  kernelOverhead: 4e-6,
  classes: {
    gemm: { computeEfficiency: 0.7, kernelOverhead: 3e-6 },
    depthwise: { computeEfficiency: 0.12 },
    recurrent: { computeEfficiency: 0.3, kernelOverhead: 6e-6 },
  },
  cache: { bytes: 32 * 2 ** 20, bandwidth: 60e9 },
  fusion: 'standard',
};

interface Entry {
  id: string;
  name: string;
  class: string;
  peak: Record<string, string>;
  bandwidth: string;
  'compute-efficiency': number;
  'memory-efficiency': number;
  'kernel-overhead': string;
  cache: { size: string; bandwidth: string };
  fusion: string;
  classes: Record<string, { 'compute-efficiency'?: number; 'kernel-overhead'?: string }>;
}

describe('deviceYaml', () => {
  it('writes the custom-devices shape of context.md, in units the budgets parser reads back to the same figures', () => {
    const text = deviceYaml(device, undefined, { class: 'cpu', comments: ['measured here'] });
    expect(text.startsWith('# measured here\ncustom-devices:\n')).toBe(true);
    const doc = parseYaml(text) as { 'custom-devices': Entry[] };
    expect(Object.keys(doc)).toEqual(['custom-devices']);
    expect(doc['custom-devices']).toHaveLength(1);
    const d = doc['custom-devices'][0];
    expect(Object.keys(d)).toEqual([
      'id',
      'name',
      'class',
      'peak',
      'bandwidth',
      'compute-efficiency',
      'memory-efficiency',
      'kernel-overhead',
      'cache',
      'fusion',
      'classes',
    ]);
    expect(d).toMatchObject({ id: 'this-machine', name: device.name, class: 'cpu', fusion: 'standard', 'compute-efficiency': 0.55, 'memory-efficiency': 0.9 });
    expect(parseRate(d.peak.fp32)).toBeCloseTo(268.8e9, -6);
    expect(parseBandwidth(d.bandwidth)).toBe(15e9);
    expect(parseDurationMs(d['kernel-overhead'])).toBeCloseTo(4e-3, 9);
    expect(parseBytes(d.cache.size)).toBe(32 * 2 ** 20);
    expect(parseBandwidth(d.cache.bandwidth)).toBe(60e9);
    expect(Object.keys(d.classes)).toEqual(['gemm', 'depthwise', 'recurrent']);
    expect(d.classes.gemm['compute-efficiency']).toBe(0.7);
    expect(parseDurationMs(d.classes.gemm['kernel-overhead'])).toBeCloseTo(3e-3, 9);
    expect(d.classes.depthwise).toEqual({ 'compute-efficiency': 0.12 });
    expect(parseDurationMs(d.classes.recurrent['kernel-overhead'])).toBeCloseTo(6e-3, 9);
  });

  it('marks which figures the fit measured and carries its residuals as comments', () => {
    const nodes: NodeEntry[] = [
      {
        name: 'mm',
        opType: 'MatMul',
        inputs: [],
        outputs: [{ name: 'y', dtype: 'float32', shape: [1000] }],
        params: 0,
        macs: 5e8,
        flops: 1e9,
        bytesRead: 1e6,
        bytesWritten: 1e6,
        intensity: 500,
      },
    ];
    const base = { ...device, classes: {}, cache: undefined };
    const { device: fitted, report } = fitDevice([{ id: 'gemm\n::error::x', nodes, ms: 10 }], { base });
    const text = deviceYaml(fitted, report, { class: 'cpu' });
    expect(text).toMatch(/^# Fit: 1 measurements, median \|estimate \/ measured - 1\| 0\.0%/m);
    expect(text).toMatch(/^ {4}memory-efficiency: 0\.9 {2}# not measured: the base figure$/m);
    // Names from files stay on their comment line.
    expect(text.split('\n').every((l) => l === '' || l.startsWith('#') || l.startsWith(' ') || l === 'custom-devices:')).toBe(true);
    expect(parseYaml(text)).toHaveProperty('custom-devices');
  });

  it('is read back by the budgets parser (devices written before the new keys)', () => {
    const text = deviceYaml({ ...device, classes: {}, cache: undefined }, undefined, { class: 'cpu' }).replace(/^ {4}fusion: .*\n/m, '');
    const [d] = parseDevicesText(text, 'dev.yml');
    expect(d.class).toBe('cpu');
    expect(d.model).toMatchObject({ id: 'this-machine', bandwidth: 15e9, computeEfficiency: 0.55, memoryEfficiency: 0.9 });
    expect(d.model.kernelOverhead).toBeCloseTo(4e-6, 12);
    expect(d.model.peak.fp32).toBeCloseTo(268.8e9, -6);
  });

  let knowsNewKeys = true;
  try {
    parseDevicesText('custom-devices:\n  - { id: x, class: cpu, peak: { fp32: 1 TFLOPS }, bandwidth: 1 GB/s, fusion: none }\n', 'probe.yml');
  } catch {
    knowsNewKeys = false;
  }
  it.skipIf(!knowsNewKeys)('is read back whole by the budgets parser: classes, cache, fusion (needs the parser of the new keys)', () => {
    const [d] = parseDevicesText(deviceYaml(device, undefined, { class: 'cpu' }), 'dev.yml');
    expect(d.model.fusion).toBe('standard');
    expect(d.model.cache).toEqual({ bytes: 32 * 2 ** 20, bandwidth: 60e9 });
    expect(d.model.classes.gemm?.computeEfficiency).toBe(0.7);
    expect(d.model.classes.gemm?.kernelOverhead).toBeCloseTo(3e-6, 12);
    expect(d.model.classes.depthwise?.computeEfficiency).toBe(0.12);
  });

  it('writes the per-pass figures (run overhead, thread wake) and the NCHWc block, and reads them back', () => {
    const text = deviceYaml({ ...device, runOverhead: 12.5e-6, threadWake: 9e-6, nchwcBlock: 16 }, undefined, { class: 'cpu' });
    expect(text).toMatch(/^ {4}run-overhead: 12\.5us$/m);
    expect(text).toMatch(/^ {4}thread-wake: 9us$/m);
    expect(text).toMatch(/^ {4}nchwc-block: 16$/m);
    const [d] = parseDevicesText(text, 'dev.yml');
    expect(d.model.runOverhead).toBeCloseTo(12.5e-6, 12);
    expect(d.model.threadWake).toBeCloseTo(9e-6, 12);
    expect(d.model.nchwcBlock).toBe(16);
  });

  it('a devices file with other top keys is refused with the key named', () => {
    const text = 'custom-devices:\n  - { id: x, class: cpu, peak: { fp32: 1 TFLOPS }, bandwidth: 1 GB/s }\nmodels: []\n';
    // This adapter's wording, or the budgets parser's (--devices on analyze / check / compare).
    expect(() => parseDevicesText(text, 'dev.yml')).toThrow(/^dev\.yml(:3:1)?: .*models.*(not one of them|unknown key)/);
  });
});

describe('this machine', () => {
  it('FLOPs per cycle from the CPU flags', () => {
    expect(vectorUnit(new Set(['fma', 'avx2', 'avx512f'])).flopsPerCycle).toBe(2 * 16 * 2);
    expect(vectorUnit(new Set(['fma', 'avx2'])).flopsPerCycle).toBe(2 * 8 * 2);
    expect(vectorUnit(new Set(['asimd'])).flopsPerCycle).toBe(2 * 4 * 2);
    expect(vectorUnit(new Set()).vector).toMatch(/^assumed/);
  });

  it("ONNX Runtime's NCHWc block from the vector unit: 16 fp32 lanes with AVX-512, 8 with AVX2, none off x86", () => {
    expect(nchwcBlockOf(vectorUnit(new Set(['fma', 'avx2', 'avx512f'])))).toBe(16);
    expect(nchwcBlockOf(vectorUnit(new Set(['fma', 'avx2'])))).toBe(8);
    expect(nchwcBlockOf(vectorUnit(new Set(['asimd'])))).toBeUndefined();
    expect(nchwcBlockOf(vectorUnit(new Set()))).toBeUndefined();
  });

  it('reads model, clock and flags from /proc/cpuinfo', () => {
    const info = parseCpuInfo(
      'processor\t: 0\nmodel name\t: AMD EPYC 7763 64-Core Processor\ncpu MHz\t\t: 2445.406\nflags\t\t: fpu avx2 fma\n\nprocessor\t: 1\n',
    );
    expect(info).toEqual({ model: 'AMD EPYC 7763 64-Core Processor', mhz: 2445.406, flags: new Set(['fpu', 'avx2', 'fma']) });
    expect(parseCacheSize('2048K')).toBe(2 * 2 ** 20);
    expect(parseCacheSize('32M')).toBe(32 * 2 ** 20);
  });

  it('cache candidates: L2, L2 x cores, powers of two up to the last level', () => {
    const MiB = 2 ** 20;
    expect(
      cacheCandidates(
        [
          { level: 2, bytes: 2 * MiB, sharedBy: 1 },
          { level: 3, bytes: 32 * MiB, sharedBy: 2 },
        ],
        2,
      ),
    ).toEqual([2, 4, 8, 16, 32].map((x) => x * MiB));
    expect(cacheCandidates([], 4)).toEqual([1, 2, 4, 8, 16, 32, 64].map((x) => x * MiB).filter((b) => b > MiB));
  });
});

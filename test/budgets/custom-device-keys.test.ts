/**
 * The custom-device keys of issue 12 (like, cache, fusion, classes), the file-level fusion, the
 * `--devices` file, and how they reach the roofline's DeviceModel (configDevices, resolveDevices).
 */
import { describe, expect, it } from 'vitest';
import { parseBudgets, parseDevicesFile } from '../../src/budgets/parse.js';
import { configDevices } from '../../src/check/run.js';
import { resolveDevices } from '../../src/cli/devices.js';
import { findDevice } from '../../src/devices/catalog.js';
import type { CustomDevice } from '../../src/budgets/types.js';

const MODEL = 'models:\n  - path: a.onnx\n';
const one = (entry: string, file = 'b.yml'): CustomDevice => parseDevicesFile(`custom-devices:\n  - ${entry}\n`, file).customDevices[0];

describe('like', () => {
  const pi = findDevice('raspberry-pi-5')!;

  it("copies the catalog device's class, peaks, bandwidth and memory; the id and name are the file's", () => {
    const d = one('{ id: my-pi, like: raspberry-pi-5 }');
    expect(d.device).toEqual({ id: 'my-pi', name: 'my-pi', class: pi.class, peak: pi.peak, bandwidth: pi.bandwidth, memory: pi.memory });
    expect(d.overrides).toEqual({});
  });

  it('keys given replace the inherited ones: a peak replaces all the peaks', () => {
    const d = one('{ id: my-pi, like: raspberry-pi-5, class: cpu, peak: { fp32: 50 GFLOPS }, bandwidth: 20 GB/s }');
    expect(d.device.class).toBe('cpu');
    expect(d.device.peak).toEqual({ fp32: { value: 50e9, source: 'budgets file' } });
    expect(d.device.bandwidth.value).toBe(20e9);
  });

  it("a cache key left out keeps the catalog device's; without one to inherit, both are needed", () => {
    const saved = pi.cache;
    pi.cache = { size: { value: 2 * 2 ** 20, source: 'test' }, bandwidth: { value: 40e9, source: 'test' } };
    try {
      expect(one('{ id: my-pi, like: raspberry-pi-5 }').device.cache).toEqual(pi.cache);
      const d = one('{ id: my-pi, like: raspberry-pi-5, cache: { bandwidth: 60 GB/s } }');
      expect(d.overrides.cache).toEqual({ bytes: 2 * 2 ** 20, bandwidth: 60e9 });
    } finally {
      pi.cache = saved;
    }
    expect(() => one('{ id: x, class: cpu, peak: { fp32: 1 TFLOPS }, bandwidth: 1 GB/s, cache: { bandwidth: 60 GB/s } }')).toThrow(
      "b.yml:2:78: custom-devices[0].cache: a cache needs 'size' and 'bandwidth' (like { size: 32MiB, bandwidth: 60 GB/s })",
    );
  });
});

describe('cache, fusion and classes', () => {
  it('in base units: bytes (binary or decimal), bytes/s, seconds', () => {
    const d = one(`{ id: x, class: cpu, peak: { fp32: 1 TFLOPS }, bandwidth: 10 GB/s, cache: { size: 32MiB, bandwidth: 60 GB/s }, fusion: standard,
      classes: { gemm: { compute-efficiency: 0.7, memory-efficiency: 90%, kernel-overhead: 3us }, depthwise: { compute-efficiency: 12% }, recurrent: { kernel-overhead: 6us } } }`);
    expect(d.overrides).toEqual({
      cache: { bytes: 32 * 2 ** 20, bandwidth: 60e9 },
      fusion: 'standard',
      classes: {
        gemm: { computeEfficiency: 0.7, memoryEfficiency: 0.9, kernelOverhead: 3e-6 },
        depthwise: { computeEfficiency: 0.12 },
        recurrent: { kernelOverhead: 6e-6 },
      },
    });
    expect(() => one('{ id: x, like: h100-sxm, classes: { gemm: { memory-efficiency: 1.2 } } }')).toThrow(/classes\.gemm\.memory-efficiency: /);
    expect(d.device.cache).toEqual({ size: { value: 32 * 2 ** 20, source: 'budgets file' }, bandwidth: { value: 60e9, source: 'budgets file' } });
    expect(one('{ id: x, like: h100-sxm, cache: { size: 50MB, bandwidth: 5 TB/s } }').overrides.cache).toEqual({ bytes: 50e6, bandwidth: 5e12 });
  });

  it('an unknown op class says which it may be; a zero cache is refused', () => {
    expect(() => one('{ id: x, like: h100-sxm, classes: { depthwize: {} } }')).toThrow(
      /classes\.depthwize: unknown key; did you mean 'depthwise'\? \(allowed: gemm, conv,/,
    );
    expect(() => one('{ id: x, like: h100-sxm, classes: [gemm] }')).toThrow('custom-devices[0].classes: expected figures per op class (a mapping), got a list');
    expect(() => one('{ id: x, like: h100-sxm, cache: { size: 1MB, bandwidth: 1e400 GB/s } }')).toThrow(
      "custom-devices[0].cache.bandwidth: expected a finite value, like 60 GB/s, got '1e400 GB/s'",
    );
    expect(() => one('{ id: x, like: h100-sxm, cache: { size: 0, bandwidth: 1 GB/s } }')).toThrow(
      'custom-devices[0].cache.size: expected a value above zero, like 32MiB, got 0',
    );
  });
});

describe('fusion: --fusion, then the device, then the file', () => {
  const cfg = parseBudgets(
    `version: 1
fusion: standard
devices: [h100-sxm]
custom-devices:
  - { id: own, like: raspberry-pi-5, fusion: none }
  - { id: plain, like: raspberry-pi-5 }
${MODEL}`,
    'b.yml',
  );

  it("the file's fusion applies to catalog and custom devices that do not set their own", () => {
    expect(cfg.fusion).toBe('standard');
    expect(configDevices(cfg).map((d) => [d.id, d.fusion])).toEqual([
      ['h100-sxm', 'standard'],
      ['own', 'none'],
      ['plain', 'standard'],
    ]);
  });

  it('--fusion overrides both', () => {
    expect(configDevices(cfg, 'none').map((d) => d.fusion)).toEqual(['none', 'none', 'none']);
  });

  it("a devices file's devices keep their own, else take the budgets file's", () => {
    const ext = parseDevicesFile(
      'custom-devices:\n  - { id: calibrated, like: raspberry-pi-5, fusion: none }\n  - { id: bare, like: raspberry-pi-5 }\n',
      'dev.yml',
    );
    const c = parseBudgets(`version: 1\nfusion: standard\n${MODEL}`, 'b.yml', ext);
    expect(configDevices(c).map((d) => [d.id, d.fusion])).toEqual([
      ['calibrated', 'none'],
      ['bare', 'standard'],
    ]);
  });

  it('--device with a devices file, and --fusion there', () => {
    const ext = parseDevicesFile(
      'custom-devices:\n  - { id: calibrated, like: raspberry-pi-5, fusion: none, classes: { gemm: { compute-efficiency: 0.6 } } }\n',
      'dev.yml',
    );
    const [cal, h100] = resolveDevices(['calibrated', 'h100-sxm'], ext, 'standard');
    // The gemm figure given replaces the cpu class default; the other classes keep theirs.
    expect([cal.id, cal.fusion, cal.classes.gemm, cal.peak.fp32]).toEqual([
      'calibrated',
      'standard',
      { computeEfficiency: 0.6 },
      findDevice('raspberry-pi-5')!.peak.fp32!.value,
    ]);
    expect([h100.id, h100.fusion]).toEqual(['h100-sxm', 'standard']);
    expect(resolveDevices([], ext).map((d) => [d.id, d.fusion])).toEqual([['calibrated', 'none']]);
  });
});

describe('a budgets file with a --devices file', () => {
  const ext = parseDevicesFile('version: 1\ncustom-devices:\n  - { id: calibrated, like: raspberry-pi-5 }\n', 'dev.yml');

  it("its devices join the file's: listed, estimated, and budgets may name them", () => {
    const c = parseBudgets(`version: 1\ndevices: [h100-sxm, calibrated]\n${MODEL}    budgets: { latency: { calibrated: 5ms } }\n`, 'b.yml', ext);
    expect(c.devices).toEqual(['h100-sxm', 'calibrated']);
    expect(c.customDevices.map((d) => [d.device.id, d.file])).toEqual([['calibrated', 'dev.yml']]);
    expect(c.models[0].budgets[0]).toMatchObject({ metric: 'latency', device: 'calibrated', max: 5 });
  });

  it('an id declared in both files is an error at the budgets file, naming the other', () => {
    expect(() => parseBudgets(`version: 1\ncustom-devices:\n  - { id: calibrated, like: h100-sxm }\n${MODEL}`, 'b.yml', ext)).toThrow(
      "b.yml:3:11: custom-devices[0].id: device 'calibrated' is declared both here and in dev.yml (line 3); keep one of them",
    );
  });
});

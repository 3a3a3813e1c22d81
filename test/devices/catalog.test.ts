/**
 * The device catalog as data: every figure sourced, positive, and (where derived) rebuilt from
 * the textbook formula peak = chips x cores x clock x ops per cycle per core; plus spot checks
 * against datasheet numbers.
 */
import { describe, expect, it } from 'vitest';
import { DEVICES, SOURCES, findDevice, type Device, type Figure, type Precision } from '../../src/devices/catalog.js';
import { renderDevicesMarkdownTable } from '../../scripts/devices-table.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PRECISIONS: Precision[] = ['fp64', 'fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'];
const GPU_CLASSES = new Set(['datacenter-gpu', 'consumer-gpu', 'edge-gpu']);

/** Every figure of a device with a label, peaks first. */
function figures(d: Device): [string, Figure][] {
  const out: [string, Figure][] = [];
  for (const p of PRECISIONS) {
    const f = d.peak[p];
    if (f) out.push([`${d.id}.peak.${p}`, f]);
  }
  out.push([`${d.id}.bandwidth`, d.bandwidth]);
  if (d.memory) out.push([`${d.id}.memory`, d.memory]);
  if (d.power) out.push([`${d.id}.power`, d.power]);
  if (d.cache) out.push([`${d.id}.cache.size`, d.cache.size], [`${d.id}.cache.bandwidth`, d.cache.bandwidth]);
  return out;
}

const all = DEVICES.flatMap(figures);

/** The textbook formula: chips x cores x clock (Hz) x ops per cycle per core. */
function rebuild(f: Figure): number {
  const d = f.derivation!;
  return (d.chips ?? 1) * d.cores * d.clockGHz * 1e9 * d.opsPerCyclePerCore;
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function device(id: string): Device {
  const d = findDevice(id);
  if (!d) throw new Error(`no device ${id}`);
  return d;
}

describe('catalog shape', () => {
  it('has at least 25 devices', () => {
    expect(DEVICES.length).toBeGreaterThanOrEqual(25);
  });

  it('ids are unique and kebab-case', () => {
    const ids = DEVICES.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('holds the devices the product promises', () => {
    for (const id of [
      't4',
      'a10',
      'l4',
      'a100-40gb-sxm',
      'a100-80gb-sxm',
      'h100-sxm',
      'h100-pcie',
      'h200-sxm',
      'l40s',
      'rtx-3090',
      'rtx-4090',
      'p100-sxm2',
      'jetson-nano',
      'jetson-xavier-nx',
      'jetson-orin-nano',
      'jetson-orin-nx-16gb',
      'jetson-agx-orin-64gb',
      'raspberry-pi-4',
      'raspberry-pi-5',
      'apple-m1',
      'apple-m2',
      'apple-m3',
      'intel-core-i7-12700',
      'xeon-platinum-8480',
      'graviton3',
      'coral-edge-tpu',
      'hailo-8',
      'github-ubuntu-x64',
      'github-ubuntu-arm64',
      'github-macos-arm64',
    ]) {
      expect(findDevice(id), id).toBeDefined();
    }
  });

  it('findDevice ignores case and spaces, and returns undefined for unknown ids', () => {
    expect(findDevice(' H100-SXM ')?.id).toBe('h100-sxm');
    expect(findDevice('no-such-device')).toBeUndefined();
  });

  it('every device has a name, a peak and a bandwidth', () => {
    for (const d of DEVICES) {
      expect(d.name.length, d.id).toBeGreaterThan(0);
      expect(Object.keys(d.peak).length, d.id).toBeGreaterThan(0);
      expect(d.bandwidth, d.id).toBeDefined();
    }
  });
});

describe('sources', () => {
  it('every figure cites a known source', () => {
    for (const [label, f] of all) expect(SOURCES[f.source], `${label} -> ${f.source}`).toBeDefined();
  });

  it('every source has a title and an https URL', () => {
    for (const [key, s] of Object.entries(SOURCES)) {
      expect(s.title.length, key).toBeGreaterThan(0);
      expect(s.url, key).toMatch(/^https:\/\/\S+$/);
      expect(() => new URL(s.url), key).not.toThrow();
    }
  });

  it('every source is cited by a figure or named in a note (no dead entries)', () => {
    const cited = new Set(all.map(([, f]) => f.source));
    const text = JSON.stringify(DEVICES);
    for (const key of Object.keys(SOURCES)) {
      expect(cited.has(key) || text.includes(key), key).toBe(true);
    }
  });
});

describe('figures', () => {
  it('no figure is zero, negative or not finite', () => {
    for (const [label, f] of all) {
      expect(Number.isFinite(f.value), label).toBe(true);
      expect(f.value, label).toBeGreaterThan(0);
    }
  });

  it('magnitudes are plausible (catches unit slips: GFLOPS written as TFLOPS, GB/s as MB/s)', () => {
    for (const d of DEVICES) {
      for (const p of PRECISIONS) {
        const f = d.peak[p];
        if (f) {
          expect(f.value, `${d.id}.${p}`).toBeGreaterThan(1e10);
          expect(f.value, `${d.id}.${p}`).toBeLessThan(1e16);
        }
      }
      expect(d.bandwidth.value, d.id).toBeGreaterThan(1e8);
      expect(d.bandwidth.value, d.id).toBeLessThan(1e13);
      if (d.memory) expect(d.memory.value, d.id).toBeGreaterThan(1e6);
      if (d.power) expect(d.power.value, d.id).toBeLessThan(2000);
      if (d.cache) {
        // A last-level cache: 1 to 512 MiB, smaller than the memory, faster than it.
        expect(d.cache.size.value, d.id).toBeGreaterThanOrEqual(2 ** 20);
        expect(d.cache.size.value, d.id).toBeLessThanOrEqual(2 ** 29);
        if (d.memory) expect(d.cache.size.value, d.id).toBeLessThan(d.memory.value);
        expect(d.cache.bandwidth.value, d.id).toBeGreaterThan(d.bandwidth.value);
        expect(d.cache.bandwidth.value, d.id).toBeLessThan(1e14);
      }
    }
  });

  it('every derived figure rebuilds from its derivation within 0.5%', () => {
    let derived = 0;
    for (const [label, f] of all) {
      if (!f.derivation) continue;
      derived++;
      const d = f.derivation;
      for (const v of [d.cores, d.clockGHz, d.opsPerCyclePerCore, d.chips ?? 1]) expect(v, label).toBeGreaterThan(0);
      expect(relErr(f.value, rebuild(f)), `${label}: ${f.value} vs ${rebuild(f)}`).toBeLessThan(0.005);
    }
    expect(derived).toBeGreaterThan(40);
  });

  it('fp16 is at least fp32 on GPUs (tensor cores, or 2x FP16 on CUDA cores)', () => {
    for (const d of DEVICES) {
      if (!GPU_CLASSES.has(d.class)) continue;
      const fp16 = d.peak.fp16?.value;
      const fp32 = d.peak.fp32?.value;
      if (fp16 === undefined || fp32 === undefined) continue;
      expect(fp16, d.id).toBeGreaterThanOrEqual(fp32);
    }
  });

  it('a figure halved from a "with sparsity" number says so', () => {
    for (const [label, f] of all) {
      const note = f.note ?? '';
      if (/with sparsity|"Sparsity"/i.test(note)) expect(note, label).toMatch(/halved|dense/i);
    }
  });

  it('host-link "bandwidth" of on-chip-memory NPUs is marked as such', () => {
    for (const d of DEVICES.filter((x) => x.class === 'npu')) {
      expect(d.bandwidth.note ?? '', d.id).toMatch(/host link/);
    }
  });
});

describe('spot checks against datasheets', () => {
  it('H100 L2: 50 MiB, ~9.8 TB/s measured on the same die (H200); A100: 40 MiB', () => {
    expect(device('h100-sxm').cache!.size.value).toBe(50 * 2 ** 20);
    expect(device('h100-sxm').cache!.bandwidth.value).toBe(9.8e12);
    expect(device('a100-40gb-sxm').cache!.size.value).toBe(40 * 2 ** 20);
  });

  it('H100 SXM bf16 dense = 989.4 TFLOPS', () => {
    // NVIDIA H100 datasheet: BF16 Tensor Core 1,979 TFLOPS "with sparsity" -> 989.5 dense;
    // 528 tensor cores x 1.83 GHz x 1024 = 989.4 (glennklockwood.com/garden/processors/h100).
    expect(relErr(device('h100-sxm').peak.bf16!.value, 989.4e12)).toBeLessThan(1e-3);
    expect(device('h100-sxm').bandwidth.value).toBe(3350e9); // datasheet: 3.35 TB/s
  });

  it('A100 fp16 dense = 312 TFLOPS (40GB and 80GB)', () => {
    // NVIDIA A100 datasheet: FP16 Tensor Core 312 | 624* TFLOPS (* with sparsity).
    expect(device('a100-40gb-sxm').peak.fp16!.value).toBeCloseTo(312e12, -9);
    expect(device('a100-80gb-sxm').peak.fp16!.value).toBeCloseTo(312e12, -9);
    expect(device('a100-80gb-sxm').bandwidth.value).toBe(2039e9); // datasheet: 2,039 GB/s
  });

  it('T4 int8 = 130 TOPS (dense; Turing has no sparsity)', () => {
    // NVIDIA T4 datasheet: INT8 130 TOPS, INT4 260 TOPS, FP16/FP32 mixed 65 TFLOPS.
    expect(device('t4').peak.int8!.value).toBeCloseTo(130e12, -9);
    expect(device('t4').peak.bf16).toBeUndefined();
  });

  it('Raspberry Pi 5 fp32 = 153.6 GFLOPS, derived: 4 cores x 2.4 GHz x 16', () => {
    // BCM2712: 4x Cortex-A76 at 2.4 GHz (Raspberry Pi 5 launch); 2 x 128-bit FMA pipes per core.
    const f = device('raspberry-pi-5').peak.fp32!;
    expect(f.value).toBeCloseTo(153.6e9, -6);
    expect(f.derivation).toMatchObject({ cores: 4, clockGHz: 2.4, opsPerCyclePerCore: 16 });
    expect(rebuild(f)).toBeCloseTo(153.6e9, -6);
  });

  it('P100 SXM2: the textbook formula with the 1.48 GHz boost clock', () => {
    // FP64 = 1 x 1792 x 1.48 GHz x 2 = 5.3 TFLOPS; FP32 = 3584 x 1.48 x 2 = 10.6 TFLOPS.
    // A widely copied derivation used 1.58 GHz for FP32: 3584 x 1.58 x 2 = 11.3, not 10.6.
    const p100 = device('p100-sxm2');
    expect(p100.peak.fp64!.derivation).toMatchObject({ cores: 1792, clockGHz: 1.48, opsPerCyclePerCore: 2 });
    expect(p100.peak.fp32!.derivation).toMatchObject({ cores: 3584, clockGHz: 1.48, opsPerCyclePerCore: 2 });
    expect(relErr(p100.peak.fp64!.value, 5.3e12)).toBeLessThan(0.005);
    expect(relErr(p100.peak.fp32!.value, 10.6e12)).toBeLessThan(0.005);
    expect(relErr(p100.peak.fp32!.value, 3584 * 1.58e9 * 2)).toBeGreaterThan(0.05);
    expect(p100.peak.fp16!.value).toBeCloseTo(2 * p100.peak.fp32!.value, -9);
  });

  it('Jetson INT8 is the GPU dense rate, not the sparse headline with DLAs', () => {
    // NVIDIA DLA README: AGX Orin 64GB MAXN = GPU 171 + 2x DLA 105 sparse TOPS = 275.
    expect(relErr(device('jetson-agx-orin-64gb').peak.int8!.value, 171e12 / 2)).toBeLessThan(0.005);
    // Orin Nano 8GB: "40 TOPS" sparse, no DLA -> about 20 dense.
    expect(device('jetson-orin-nano').peak.int8!.value).toBeLessThan((40e12 / 2) * 1.05);
    // Orin NX 16GB: "100 TOPS" sparse with DLAs; the GPU alone is ~30 dense.
    expect(device('jetson-orin-nx-16gb').peak.int8!.value).toBeLessThan(100e12 / 2);
  });

  it('GeForce FP16 tensor rate is the FP32-accumulate one', () => {
    // GA102 whitepaper: RTX 3090 FP16 tensor 142 (FP16 acc) / 71 (FP32 acc) dense;
    // Ada whitepaper: RTX 4090 330.3 / 165.2.
    expect(device('rtx-3090').peak.fp16!.value).toBeCloseTo(71e12, -9);
    expect(device('rtx-4090').peak.fp16!.value).toBeCloseTo(165.2e12, -9);
  });

  it('GitHub-hosted runners: FMA units counted per physical core, not per SMT vCPU', () => {
    // ubuntu-latest: 4 vCPUs = 2 Zen 3 cores x 2 SMT threads (lscpu: "Thread(s) per core: 2");
    // Zen 3: 2 x 256-bit FMA = 2 x 8 lanes x 2 = 32 SP FLOP/cycle; EPYC 7763 peak boost 3.5 GHz.
    const x64 = device('github-ubuntu-x64');
    expect(x64.class).toBe('cpu');
    expect(relErr(x64.peak.fp32!.value, 2 * 3.5e9 * 32)).toBeLessThan(1e-9);
    expect(x64.peak.fp32!.note).toMatch(/SMT/);
    // its share of 8 x DDR4-3200 (204.8 GB/s) by 4 of 128 threads
    expect(relErr(x64.bandwidth.value, (204.8e9 * 4) / 128)).toBeLessThan(1e-9);
    // ubuntu-24.04-arm: 4 Neoverse N2 cores (no SMT), 2 x 128-bit FMA = 16 SP FLOP/cycle.
    expect(device('github-ubuntu-arm64').peak.fp32!.derivation).toMatchObject({ cores: 4, opsPerCyclePerCore: 16 });
    // macos-latest: 3 M1 vCPUs, Firestorm 4 x 128-bit FMA = 32 SP FLOP/cycle at 3.204 GHz; 7 GB.
    const mac = device('github-macos-arm64');
    expect(relErr(mac.peak.fp32!.value, 3 * 3.204e9 * 32)).toBeLessThan(0.005);
    expect(mac.memory!.value).toBe(7 * 1024 ** 3);
  });

  it('T4 bandwidth: one figure picked, the other noted', () => {
    const bw = device('t4').bandwidth;
    expect(bw.value).toBe(320e9);
    expect(bw.note).toMatch(/300/);
  });
});

describe('docs/devices.md', () => {
  it('holds the table generated from the catalog (run `npx tsx scripts/devices-table.ts` after editing)', () => {
    const path = fileURLToPath(new URL('../../docs/devices.md', import.meta.url));
    const doc = readFileSync(path, 'utf8');
    expect(doc).toContain(renderDevicesMarkdownTable());
  });
});

/**
 * "This machine" as a device: its CPU model, cores, clock and vector units from the OS, the
 * peak by the textbook arithmetic (cores x clock x FLOPs per cycle), and its caches (the
 * candidates the fit tries for the cache size).
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';

export interface Machine {
  cpu: string;
  /** Hardware threads this process may use (what onnxruntime's threads run on). */
  cores: number;
  clockGHz: number;
  /** Where the clock came from. */
  clockSource: string;
  /** fp32 FLOPs per cycle per core. */
  flopsPerCycle: number;
  /** Which vector unit that assumes, in words. */
  vector: string;
  /** cores x clock x FLOPs per cycle, FLOP/s. */
  peak: number;
  /** Data / unified caches by level, bytes (L2, L3 ...), as the OS reports them. */
  caches: { level: number; bytes: number; sharedBy: number }[];
}

/**
 * Channels per block of ONNX Runtime's blocked convolution layout on this CPU (MLAS's NCHWc block:
 * the fp32 lanes of the widest vectors it uses, 16 with AVX-512, 8 with AVX2); undefined where
 * MLAS has no blocked convolutions (not x86).
 */
export function nchwcBlockOf(machine: Pick<Machine, 'vector'>): number | undefined {
  if (machine.vector.startsWith('AVX-512')) return 16;
  if (machine.vector.startsWith('AVX2')) return 8;
  return undefined;
}

/** FLOPs per cycle per core at fp32 from the CPU flags (two FMA pipes assumed, as on every recent x86 and big Arm core). */
export function vectorUnit(flags: ReadonlySet<string>): { flopsPerCycle: number; vector: string } {
  if (flags.has('avx512f')) return { flopsPerCycle: 2 * 16 * 2, vector: 'AVX-512: 2 FMA x 16 fp32 lanes x 2' };
  if (flags.has('avx2') && flags.has('fma')) return { flopsPerCycle: 2 * 8 * 2, vector: 'AVX2+FMA: 2 FMA x 8 fp32 lanes x 2' };
  if (flags.has('asimd') || flags.has('neon')) return { flopsPerCycle: 2 * 4 * 2, vector: 'NEON: 2 FMA x 4 fp32 lanes x 2' };
  return { flopsPerCycle: 2 * 4 * 2, vector: 'assumed 2 FMA x 4 fp32 lanes x 2 (no AVX2/AVX-512/NEON flag found)' };
}

/** The fields of /proc/cpuinfo this needs (the first processor's). */
export function parseCpuInfo(text: string): { model?: string; mhz?: number; flags: Set<string> } {
  const get = (key: string) => new RegExp(`^${key}\\s*:\\s*(.*)$`, 'mi').exec(text)?.[1]?.trim();
  const model = get('model name') ?? get('Model') ?? get('Hardware');
  const mhz = Number(get('cpu MHz'));
  const flags = new Set((get('flags') ?? get('Features') ?? '').split(/\s+/).filter(Boolean));
  return { ...(model ? { model } : {}), ...(mhz > 0 ? { mhz } : {}), flags };
}

/** A size as sysfs writes it: '2048K', '32M', '512'. */
export function parseCacheSize(s: string): number | null {
  const m = /^(\d+)\s*([KMG]?)/i.exec(s.trim());
  if (!m) return null;
  return Number(m[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
}

function readCaches(): Machine['caches'] {
  const dir = '/sys/devices/system/cpu/cpu0/cache';
  const out: Machine['caches'] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((e) => /^index\d+$/.test(e));
  } catch {
    return out;
  }
  for (const e of entries) {
    try {
      const read = (f: string) => readFileSync(join(dir, e, f), 'utf8').trim();
      if (read('type') === 'Instruction') continue;
      const level = Number(read('level'));
      const bytes = parseCacheSize(read('size'));
      let sharedBy = 1;
      try {
        sharedBy = read('shared_cpu_list')
          .split(',')
          .reduce((n, r) => {
            const [a, b] = r.split('-').map(Number);
            return n + (b === undefined ? 1 : b - a + 1);
          }, 0);
      } catch {
        // not reported
      }
      if (level >= 2 && bytes) out.push({ level, bytes, sharedBy });
    } catch {
      // an entry that cannot be read is left out
    }
  }
  return out.sort((a, b) => a.level - b.level);
}

export function detectMachine(): Machine {
  let info: ReturnType<typeof parseCpuInfo> = { flags: new Set() };
  try {
    info = parseCpuInfo(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    // not Linux
  }
  const cpus = os.cpus();
  const cpu = info.model ?? cpus[0]?.model ?? os.arch();
  const cores = os.availableParallelism();
  const nominal = /@\s*([\d.]+)\s*GHz/i.exec(cpu);
  let clockGHz: number;
  let clockSource: string;
  if (nominal) [clockGHz, clockSource] = [Number(nominal[1]), 'the CPU model name'];
  else if (info.mhz) [clockGHz, clockSource] = [info.mhz / 1e3, '/proc/cpuinfo (cpu MHz)'];
  else if (cpus[0]?.speed) [clockGHz, clockSource] = [cpus[0].speed / 1e3, 'os.cpus()'];
  else [clockGHz, clockSource] = [2, 'assumed (no clock reported)'];
  const flags = info.flags.size ? info.flags : new Set(os.arch() === 'arm64' ? ['asimd'] : []);
  const { flopsPerCycle, vector } = vectorUnit(flags);
  return { cpu, cores, clockGHz, clockSource, flopsPerCycle, vector, peak: cores * clockGHz * 1e9 * flopsPerCycle, caches: readCaches() };
}

/**
 * Cache sizes for the fit to try: the L2 (per core and all cores' together), the last level, and
 * powers of two in between; without sysfs, 1 to 64 MiB. A VM's last level is often the host's
 * whole L3 (hundreds of MiB, shared with other tenants), hence the steps below it.
 */
export function cacheCandidates(caches: Machine['caches'], cores: number): number[] {
  const MiB = 2 ** 20;
  const l2 = caches.find((c) => c.level === 2)?.bytes;
  const last = caches.length ? caches[caches.length - 1].bytes : undefined;
  const set = new Set<number>();
  if (l2) {
    set.add(l2);
    set.add(l2 * Math.max(1, cores));
  }
  const lo = l2 ?? MiB;
  const hi = Math.min(last ?? 64 * MiB, 512 * MiB);
  for (let b = MiB; b <= hi; b *= 2) if (b > lo) set.add(b);
  if (last) set.add(last);
  return [...set].filter((b) => b <= 1024 * MiB).sort((a, b) => a - b);
}

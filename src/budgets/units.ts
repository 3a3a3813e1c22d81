/**
 * Quantities as people write them in a budgets file: counts (`5M`), bytes (`20MB`, `64MiB`),
 * durations (`8ms`), percentages (`+5%`), rates (`20 TOPS`, `34 GB/s`) and clocks (`1.2 GHz`).
 * Each parser returns a number in base units or throws UnitError with what is allowed.
 */
import { UserError } from '../errors.js';
import { quoteToken } from '../util/sanitize.js';

/** A quantity that does not parse; the budgets parser adds the file, position and key. */
export class UnitError extends UserError {
  constructor(detail: string) {
    super('', detail);
    this.name = 'UnitError';
  }
}

const NUMBER = String.raw`([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)`;

function split(value: unknown, what: string, example: string): [number, string] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new UnitError(`expected ${what} like ${example}, got ${value}`);
    return [value, ''];
  }
  if (typeof value !== 'string') {
    // An empty YAML value (`params:`) is null: say "nothing", not "a map".
    const got = value === null || value === undefined ? 'nothing' : typeof value === 'object' ? 'a ' + (Array.isArray(value) ? 'list' : 'map') : typeof value;
    throw new UnitError(`expected ${what} like ${example}, got ${got}`);
  }
  const m = new RegExp(`^\\s*\\+?${NUMBER}\\s*([A-Za-zµ/%]*)\\s*$`).exec(value);
  if (!m) throw new UnitError(`expected ${what} like ${example}, got ${quoteToken(value, 32)}`);
  return [Number(m[1]), m[2]];
}

const SI: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

/** A count: `5M`, `1.2G`, `950k`, `3e9`, 1200. */
export function parseCount(value: unknown): number {
  const [n, unit] = split(value, 'a count', '5M or 1.2G');
  if (!(unit in SI)) throw new UnitError(`expected a count like 5M or 1.2G (suffixes k, M, G, T, P), got ${quoteToken(value, 32)}`);
  return n * SI[unit];
}

/** Giga-quantities (gmacs, gflops): a plain number is already in G; a suffixed count is converted. */
export function parseGiga(value: unknown): number {
  if (typeof value === 'number') return parseCount(value);
  return parseCount(value) / (/[kKMGTP]\s*$/.test(String(value)) ? 1e9 : 1);
}

const BYTES: Record<string, number> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
};

/** Bytes: `20MB`, `1.5GB`, `512kB` (decimal), `64MiB` (binary), `4096B` or a plain number of bytes. */
export function parseBytes(value: unknown): number {
  const [n, unit] = split(value, 'a size', '20MB or 64MiB');
  if (unit === '') return n;
  if (!(unit in BYTES)) throw new UnitError(`expected a size like 20MB or 64MiB (B, kB, MB, GB, KiB, MiB, GiB), got ${quoteToken(value, 32)}`);
  return n * BYTES[unit];
}

const DURATION_MS: Record<string, number> = { s: 1e3, ms: 1, us: 1e-3, µs: 1e-3, ns: 1e-6 };

/** A duration in milliseconds: `8ms`, `1.2s`, `500us`. A bare number is not accepted (which unit?). */
export function parseDurationMs(value: unknown): number {
  if (typeof value === 'number') throw new UnitError(`expected a duration like 8ms or 1.2s (s, ms, us), got ${value} with no unit`);
  const [n, unit] = split(value, 'a duration', '8ms or 1.2s');
  if (!(unit in DURATION_MS)) throw new UnitError(`expected a duration like 8ms or 1.2s (s, ms, us), got ${quoteToken(value, 32)}`);
  return n * DURATION_MS[unit];
}

/** A percentage: `5%`, `+5%`; returns 5. */
export function parsePercent(value: unknown): number {
  const [n, unit] = split(value, 'a percentage', '5%');
  if (unit !== '%') throw new UnitError(`expected a percentage like 5%, got ${quoteToken(value, 32)}`);
  return n;
}

const RATE: Record<string, number> = {
  OPS: 1,
  FLOPS: 1,
  kOPS: 1e3,
  MOPS: 1e6,
  GOPS: 1e9,
  TOPS: 1e12,
  POPS: 1e15,
  kFLOPS: 1e3,
  MFLOPS: 1e6,
  GFLOPS: 1e9,
  TFLOPS: 1e12,
  PFLOPS: 1e15,
};

/** A compute rate in op/s: `20 TOPS`, `10 TFLOPS`, `900 GFLOPS`. */
export function parseRate(value: unknown): number {
  const [n, unit] = split(value, 'a rate', '20 TOPS or 10 TFLOPS');
  if (!(unit in RATE)) throw new UnitError(`expected a rate like 20 TOPS or 10 TFLOPS (GOPS, TOPS, GFLOPS, TFLOPS, ...), got ${quoteToken(value, 32)}`);
  return n * RATE[unit];
}

/** A bandwidth in bytes/s: `34 GB/s`, `1.2 TB/s`, `500 MB/s`. */
export function parseBandwidth(value: unknown): number {
  const [n, unit] = split(value, 'a bandwidth', '34 GB/s');
  const m = /^([kKMGT]?B|[KMGT]iB)\/s$/.exec(unit);
  if (!m || !(m[1] in BYTES)) throw new UnitError(`expected a bandwidth like 34 GB/s or 1.2 TB/s, got ${quoteToken(value, 32)}`);
  return n * BYTES[m[1]];
}

/** A clock in GHz: `1.2 GHz`, `900 MHz`. */
export function parseClockGHz(value: unknown): number {
  const [n, unit] = split(value, 'a clock', '1.2 GHz');
  if (unit === 'GHz') return n;
  if (unit === 'MHz') return n / 1e3;
  throw new UnitError(`expected a clock like 1.2 GHz or 900 MHz, got ${quoteToken(value, 32)}`);
}

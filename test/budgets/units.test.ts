import { describe, expect, it } from 'vitest';
import {
  UnitError,
  parseBandwidth,
  parseBytes,
  parseClockGHz,
  parseCount,
  parseDurationMs,
  parseGiga,
  parsePercent,
  parseRate,
} from '../../src/budgets/units.js';

function err(f: (v: unknown) => number, v: unknown): string {
  try {
    f(v);
  } catch (e) {
    expect(e).toBeInstanceOf(UnitError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${String(v)}`);
}

describe('parseCount', () => {
  it.each([
    [1200, 1200],
    ['1200', 1200],
    ['5M', 5e6],
    ['1.2G', 1.2e9],
    ['950k', 950e3],
    ['950K', 950e3],
    ['2T', 2e12],
    ['1P', 1e15],
    ['3e9', 3e9],
    ['.5M', 5e5],
    ['5.M', 5e6],
    ['+5M', 5e6],
    [' 5 M ', 5e6],
    [0, 0],
  ])('%j -> %d', (v, n) => {
    expect(parseCount(v)).toBeCloseTo(n, 6);
  });

  it('rejects malformed values with what is allowed', () => {
    expect(err(parseCount, '5X')).toBe("expected a count like 5M or 1.2G (suffixes k, M, G, T, P), got '5X'");
    expect(err(parseCount, '5MB')).toBe("expected a count like 5M or 1.2G (suffixes k, M, G, T, P), got '5MB'");
    expect(err(parseCount, 'lots')).toBe("expected a count like 5M or 1.2G, got 'lots'");
    expect(err(parseCount, '-5M')).toBe("expected a count like 5M or 1.2G, got '-5M'");
    expect(err(parseCount, '')).toBe("expected a count like 5M or 1.2G, got ''");
    expect(err(parseCount, -1)).toBe('expected a count like 5M or 1.2G, got -1');
    expect(err(parseCount, Infinity)).toBe('expected a count like 5M or 1.2G, got Infinity');
    expect(err(parseCount, NaN)).toBe('expected a count like 5M or 1.2G, got NaN');
    expect(err(parseCount, true)).toBe('expected a count like 5M or 1.2G, got boolean');
    expect(err(parseCount, null)).toBe('expected a count like 5M or 1.2G, got nothing');
    expect(err(parseCount, undefined)).toBe('expected a count like 5M or 1.2G, got nothing');
    expect(err(parseCount, [1])).toBe('expected a count like 5M or 1.2G, got a list');
    expect(err(parseCount, { a: 1 })).toBe('expected a count like 5M or 1.2G, got a map');
  });
});

describe('parseGiga', () => {
  it('takes a plain number (or numeric string) as already in G and converts suffixed counts', () => {
    expect(parseGiga(0.1)).toBe(0.1);
    expect(parseGiga('0.1')).toBe(0.1);
    expect(parseGiga('1200M')).toBeCloseTo(1.2, 12);
    expect(parseGiga('1.5G')).toBeCloseTo(1.5, 12);
    expect(parseGiga('2T')).toBeCloseTo(2000, 9);
    expect(parseGiga('500k')).toBeCloseTo(5e-4, 15);
  });
  it('rejects what parseCount rejects', () => {
    expect(err(parseGiga, '5GB')).toBe("expected a count like 5M or 1.2G (suffixes k, M, G, T, P), got '5GB'");
    expect(err(parseGiga, -2)).toBe('expected a count like 5M or 1.2G, got -2');
  });
});

describe('parseBytes', () => {
  it.each([
    [4096, 4096],
    ['4096', 4096],
    ['4096B', 4096],
    ['20MB', 20e6],
    ['1.5GB', 1.5e9],
    ['512kB', 512e3],
    ['512KB', 512e3],
    ['2TB', 2e12],
    ['64MiB', 64 * 2 ** 20],
    ['1KiB', 1024],
    ['2 GiB', 2 * 2 ** 30],
    ['1TiB', 2 ** 40],
  ])('%j -> %d', (v, n) => {
    expect(parseBytes(v)).toBeCloseTo(n, 3);
  });
  it('rejects malformed sizes', () => {
    expect(err(parseBytes, '20mb')).toBe("expected a size like 20MB or 64MiB (B, kB, MB, GB, KiB, MiB, GiB), got '20mb'");
    expect(err(parseBytes, '20M')).toBe("expected a size like 20MB or 64MiB (B, kB, MB, GB, KiB, MiB, GiB), got '20M'");
    expect(err(parseBytes, 'big')).toBe("expected a size like 20MB or 64MiB, got 'big'");
    expect(err(parseBytes, -5)).toBe('expected a size like 20MB or 64MiB, got -5');
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['8ms', 8],
    ['1.2s', 1200],
    ['500us', 0.5],
    ['500µs', 0.5],
    ['250000ns', 0.25],
    [' 3 ms ', 3],
  ])('%j -> %d ms', (v, n) => {
    expect(parseDurationMs(v)).toBeCloseTo(n, 12);
  });
  it('needs a unit: a bare number is refused', () => {
    expect(err(parseDurationMs, 8)).toBe('expected a duration like 8ms or 1.2s (s, ms, us), got 8 with no unit');
    expect(err(parseDurationMs, '8')).toBe("expected a duration like 8ms or 1.2s (s, ms, us), got '8'");
    expect(err(parseDurationMs, '8 min')).toBe("expected a duration like 8ms or 1.2s (s, ms, us), got '8 min'");
    expect(err(parseDurationMs, 'fast')).toBe("expected a duration like 8ms or 1.2s, got 'fast'");
    expect(err(parseDurationMs, '-1ms')).toBe("expected a duration like 8ms or 1.2s, got '-1ms'");
  });
});

describe('parsePercent', () => {
  it.each([
    ['5%', 5],
    ['+5%', 5],
    ['0.5%', 0.5],
    [' 12.5 % ', 12.5],
  ])('%j -> %d', (v, n) => {
    expect(parsePercent(v)).toBe(n);
  });
  it('rejects values without % and negative ones', () => {
    expect(err(parsePercent, 5)).toBe('expected a percentage like 5%, got 5');
    expect(err(parsePercent, '5')).toBe("expected a percentage like 5%, got '5'");
    expect(err(parsePercent, '5 pct')).toBe("expected a percentage like 5%, got '5 pct'");
    expect(err(parsePercent, '-5%')).toBe("expected a percentage like 5%, got '-5%'");
  });
});

describe('parseRate', () => {
  it.each([
    ['20 TOPS', 20e12],
    ['10 TFLOPS', 10e12],
    ['900 GFLOPS', 900e9],
    ['900GOPS', 900e9],
    ['5 MOPS', 5e6],
    ['5 MFLOPS', 5e6],
    ['3 kOPS', 3e3],
    ['3 kFLOPS', 3e3],
    ['1 POPS', 1e15],
    ['1 PFLOPS', 1e15],
    ['100 OPS', 100],
    ['100 FLOPS', 100],
  ])('%j -> %d', (v, n) => {
    expect(parseRate(v)).toBeCloseTo(n, 0);
  });
  it('rejects other units and bare numbers', () => {
    const allowed = 'expected a rate like 20 TOPS or 10 TFLOPS (GOPS, TOPS, GFLOPS, TFLOPS, ...), got';
    expect(err(parseRate, '20 tops')).toBe(`${allowed} '20 tops'`);
    expect(err(parseRate, '20 T')).toBe(`${allowed} '20 T'`);
    expect(err(parseRate, 20)).toBe(`${allowed} 20`);
    expect(err(parseRate, 'TOPS')).toBe("expected a rate like 20 TOPS or 10 TFLOPS, got 'TOPS'");
  });
});

describe('parseBandwidth', () => {
  it.each([
    ['34 GB/s', 34e9],
    ['1.2 TB/s', 1.2e12],
    ['500 MB/s', 500e6],
    ['800 kB/s', 800e3],
    ['100 B/s', 100],
    ['16 GiB/s', 16 * 2 ** 30],
    ['1 KiB/s', 1024],
  ])('%j -> %d', (v, n) => {
    expect(parseBandwidth(v)).toBeCloseTo(n, 0);
  });
  it('rejects sizes without /s, bits, and bare numbers', () => {
    const allowed = 'expected a bandwidth like 34 GB/s or 1.2 TB/s, got';
    expect(err(parseBandwidth, '34 GB')).toBe(`${allowed} '34 GB'`);
    expect(err(parseBandwidth, '34 Gb/s')).toBe(`${allowed} '34 Gb/s'`);
    expect(parseBandwidth('34 KB/s')).toBe(34e3); // KB as parseBytes reads it: decimal
    expect(err(parseBandwidth, 34e9)).toBe(`${allowed} 34000000000`);
    expect(err(parseBandwidth, 'x GB/s')).toBe("expected a bandwidth like 34 GB/s, got 'x GB/s'");
  });
});

describe('parseClockGHz', () => {
  it('reads GHz and MHz into GHz', () => {
    expect(parseClockGHz('1.2 GHz')).toBe(1.2);
    expect(parseClockGHz('900 MHz')).toBeCloseTo(0.9, 12);
    expect(parseClockGHz('2GHz')).toBe(2);
  });
  it('rejects other units and bare numbers', () => {
    expect(err(parseClockGHz, '1.2 ghz')).toBe("expected a clock like 1.2 GHz or 900 MHz, got '1.2 ghz'");
    expect(err(parseClockGHz, '1200 kHz')).toBe("expected a clock like 1.2 GHz or 900 MHz, got '1200 kHz'");
    expect(err(parseClockGHz, 1.2)).toBe('expected a clock like 1.2 GHz or 900 MHz, got 1.2');
    expect(err(parseClockGHz, 'quick')).toBe("expected a clock like 1.2 GHz, got 'quick'");
  });
});

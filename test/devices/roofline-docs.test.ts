/**
 * docs/roofline.md holds the efficiency tables generated from src/devices/efficiency.ts, and
 * they say what the code uses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { regenerate, renderRooflineTables } from '../../scripts/roofline-table.js';
import { CLASS_EFFICIENCY } from '../../src/devices/efficiency.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/roofline.md', import.meta.url)), 'utf8');

describe('docs/roofline.md', () => {
  it('holds the tables generated from efficiency.ts (run `npx tsx scripts/roofline-table.ts` after editing)', () => {
    expect(regenerate(doc) === doc).toBe(true);
  });

  it('states each device class fusion and the CPU gemm figure the issue measured (0.67 of peak)', () => {
    const tables = renderRooflineTables();
    expect(tables).toMatch(/\| desktop \/ server CPU \| 0\.50 \| 0\.70 \| 6 µs \| standard \|/);
    expect(CLASS_EFFICIENCY.cpu.compute * CLASS_EFFICIENCY.cpu.classes.gemm!.computeFactor!).toBeCloseTo(0.67, 6);
    expect(tables).toMatch(/\| gemm \| — \| — \| — \| — \| 0\.67 \(×1\.34\)/);
  });
});

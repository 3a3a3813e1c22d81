/** The reader's name pool (src/formats/onnx/wire.ts StringPool): strings keyed by their bytes in the file. */
import { describe, expect, it } from 'vitest';
import { StringPool } from '../../src/formats/onnx/wire.js';

const enc = new TextEncoder();

/** The names laid end to end in one buffer, with each one's byte range. */
function layout(names: string[]): { buf: Uint8Array; ranges: [number, number][] } {
  const parts = names.map((n) => enc.encode(n));
  const buf = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  const ranges: [number, number][] = [];
  let at = 0;
  for (const p of parts) {
    buf.set(p, at);
    ranges.push([at, at + p.length]);
    at += p.length;
  }
  return { buf, ranges };
}

describe('StringPool', () => {
  it('gives the same string object for the same bytes anywhere in the buffer, and the right text', () => {
    const names = ['conv1_out', 'relu', 'conv1_out', 'réseau/тест', 'relu', '', 'réseau/тест', ''];
    const { buf, ranges } = layout(names);
    const pool = new StringPool(buf);
    const got = ranges.map(([s, e]) => pool.get(buf, s, e));
    expect(got).toEqual(names);
    expect(Object.is(got[0], got[2])).toBe(true);
    expect(Object.is(got[3], got[6])).toBe(true);
  });

  it('keeps 40,000 distinct names apart (through the warm-up, into the byte table and past every growth of it) and finds each again by string and number', () => {
    // Names that differ only in the middle, as a deep model's layer names do. 80,000 lookups:
    // the warm-up's Map for the first ones, the byte table (new names, then names the warm-up met) after.
    const distinct = Array.from({ length: 40_000 }, (_, i) => `/encoder/layer.${i}/attention/self/query/MatMul_output_0`);
    const { buf, ranges } = layout([...distinct, ...distinct]);
    const pool = new StringPool(buf);
    const ids: number[] = [];
    const first = ranges.slice(0, distinct.length).map(([s, e]) => {
      const name = pool.get(buf, s, e);
      ids.push(pool.lastId);
      return name;
    });
    const again = ranges.slice(distinct.length).map(([s, e], i) => {
      const name = pool.get(buf, s, e);
      expect(pool.lastId).toBe(ids[i]);
      return name;
    });
    expect(first).toEqual(distinct);
    expect(again).toEqual(distinct);
    expect(new Set(first).size).toBe(distinct.length);
    // Numbers in order of first sight: 0 .. count - 1.
    expect(ids).toEqual(distinct.map((_, i) => i));
    expect(pool.count).toBe(distinct.length);
  });

  it('numbers every lookup right across the end of the warm-up, new and repeated names interleaved', () => {
    // Each new name followed by an earlier one: lookup 32,768 (where the byte table takes over)
    // and the ones around it alternate between new names and names the warm-up met.
    const names: string[] = [];
    for (let i = 0; i < 40_000; i++) names.push(`/block.${i}/Add_output_0`, `/block.${i >> 1}/Add_output_0`);
    const { buf, ranges } = layout(names);
    const pool = new StringPool(buf);
    const expected = new Map<string, number>();
    ranges.forEach(([s, e], i) => {
      const name = names[i];
      if (!expected.has(name)) expected.set(name, expected.size);
      expect(pool.get(buf, s, e)).toBe(name);
      expect(pool.lastId, `lookup ${i}`).toBe(expected.get(name));
    });
    expect(pool.count).toBe(expected.size);
  });

  it('decodes bytes from another buffer without pooling them', () => {
    const { buf, ranges } = layout(['a', 'b']);
    const pool = new StringPool(new Uint8Array(0));
    expect(ranges.map(([s, e]) => pool.get(buf, s, e))).toEqual(['a', 'b']);
  });
});

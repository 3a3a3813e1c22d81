/**
 * Skimming large ONNX files (src/formats/onnx/skim.ts, src/io/load-model.ts): the payloads of
 * big initializers are never read, and everything the analysis gives is what reading the whole
 * file gives. Files are written by the project's ONNX writer, with weights of random bytes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { skimModel, UNREAD_FIELD, UNREAD_MIN_BYTES } from '../../src/formats/onnx/skim.js';
import { DEFAULT_VALUE_LIMIT, readTensorValues } from '../../src/formats/onnx/tensor-values.js';
import { loadModelFile } from '../../src/io/load-model.js';
import { inferModel } from '../../src/analysis/infer.js';
import { totals } from '../../src/analysis/aggregate.js';
import { DecodeError, InputError } from '../../src/errors.js';
import { encodeModel, type ModelSpec } from '../helpers/encode.js';
import { lcg } from '../../src/util/lcg.js';

const dir = mkdtempSync(join(tmpdir(), 'mb-skim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function randomBytes(n: number, seed: number): Uint8Array {
  const next = lcg(seed);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
  return b;
}

/** Two MatMuls with big weights (one in 1 MiB of float32), a small bias and a shape constant. */
function spec(): ModelSpec {
  return {
    graph: {
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w1'], outputs: ['h'], name: 'mm1' },
        { op: 'Add', inputs: ['h', 'b1'], outputs: ['h2'], name: 'add' },
        { op: 'Reshape', inputs: ['h2', 'shape'], outputs: ['h3'], name: 'reshape' },
        { op: 'MatMul', inputs: ['h3', 'w2'], outputs: ['y'], name: 'mm2' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 512] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [
        { name: 'w1', dtype: 'float32', dims: [512, 512], raw: randomBytes(512 * 512 * 4, 1) },
        { name: 'b1', dtype: 'float32', dims: [512], raw: randomBytes(512 * 4, 2) },
        { name: 'shape', dtype: 'int64', dims: [2], values: [-1, 256] },
        { name: 'w2', dtype: 'float32', dims: [256, 300], raw: randomBytes(256 * 300 * 4, 3) },
      ],
    },
  };
}

/** An in-memory file that counts what is read of it. */
function memoryFile(bytes: Uint8Array) {
  const stats = { read: 0 };
  const pread = (offset: number, length: number) => {
    const b = bytes.subarray(offset, Math.min(bytes.length, offset + length));
    stats.read += b.length;
    return b;
  };
  const readInto = (into: Uint8Array, offset: number, length: number) => {
    into.set(bytes.subarray(offset, offset + length));
    stats.read += length;
  };
  return { pread, readInto, stats };
}

const summary = (r: ReturnType<typeof inferModel>) => ({
  nodes: r.nodes.map((n) => ({ name: n.name, cost: n.cost, params: n.params, weightBytes: n.weightBytes, outputs: n.outputs.map((o) => o.info) })),
  totals: totals(r),
  warnings: r.warnings,
});

describe('skimModel', () => {
  const bytes = encodeModel(spec());
  const full = decodeModel(bytes);

  it('leaves every payload of UNREAD_MIN_BYTES or more unread, pointing at its bytes in the file, and keeps the rest', () => {
    const file = memoryFile(bytes);
    const skimmed = decodeModel(skimModel(bytes.length, file.pread, file.readInto), { skimmed: true });
    // A 64 KiB window at the start and a few small reads after each payload: not a tenth of the file.
    expect(file.stats.read).toBeLessThan(bytes.length / 10);
    const byName = new Map(skimmed.graph.initializers.map((t) => [t.name, t]));
    for (const t of full.graph.initializers) {
      const s = byName.get(t.name)!;
      expect({ ...s, storage: null }).toEqual({ ...t, storage: null });
      if (s.storage.kind === 'raw' && t.storage.kind === 'raw') {
        expect(Buffer.compare(s.storage.bytes, t.storage.bytes)).toBe(0);
        continue;
      }
      if (t.storage.kind !== 'raw') throw new Error('raw expected');
      if (t.storage.bytes.length >= UNREAD_MIN_BYTES) {
        expect(s.storage.kind).toBe('unread');
        if (s.storage.kind !== 'unread') return;
        expect(s.storage.length).toBe(t.storage.bytes.length);
        expect(Buffer.compare(bytes.subarray(s.storage.offset, s.storage.offset + s.storage.length), t.storage.bytes)).toBe(0);
      } else {
        throw new Error(`${t.name}: small raw data not kept`);
      }
    }
    expect(skimmed.graph.nodes).toEqual(full.graph.nodes);
  });

  it('a tensor whose values the rules read is never left unread', () => {
    // The most a readable tensor takes: DEFAULT_VALUE_LIMIT elements of 16 bytes (complex128).
    expect(UNREAD_MIN_BYTES).toBeGreaterThan(DEFAULT_VALUE_LIMIT * 16);
    const file = memoryFile(bytes);
    const skimmed = decodeModel(skimModel(bytes.length, file.pread, file.readInto), { skimmed: true });
    expect(readTensorValues(skimmed.graph.initializers.find((t) => t.name === 'shape')!)).toEqual([-1, 256]);
  });

  it('analyses to the same figures as the whole file', () => {
    const file = memoryFile(bytes);
    const skimmed = decodeModel(skimModel(bytes.length, file.pread, file.readInto), { skimmed: true });
    expect(summary(inferModel(skimmed, { dims: { batch: 4 } }))).toEqual(summary(inferModel(full, { dims: { batch: 4 } })));
  });

  it("a file of its own with the skimmer's field: an unknown field to the decoder, never a payload reference", () => {
    const file = memoryFile(bytes);
    const skimmedBytes = skimModel(bytes.length, file.pread, file.readInto);
    const asFile = decodeModel(skimmedBytes);
    const w1 = asFile.graph.initializers.find((t) => t.name === 'w1')!;
    expect(w1.storage.kind).toBe('empty');
    expect(UNREAD_FIELD).toBe(2 ** 29 - 1);
  });

  it('a payload running past the end is a DecodeError (the loader then reads the file whole)', () => {
    const cut = bytes.subarray(0, bytes.length - 1000);
    const file = memoryFile(cut);
    expect(() => skimModel(cut.length, file.pread, file.readInto)).toThrow(DecodeError);
  });
});

describe('loadModelFile skims large ONNX files', () => {
  const bytes = encodeModel(spec());
  const path = join(dir, 'model.onnx');
  writeFileSync(path, bytes);

  it('gives the same model, but large payloads unread', () => {
    const whole = loadModelFile(path);
    const skimmed = loadModelFile(path, { skimFromBytes: 0 });
    expect(skimmed.bytes).toBe(whole.bytes);
    expect(skimmed.model.graph.initializers.map((t) => t.storage.kind)).toEqual(['unread', 'raw', 'raw', 'unread']);
    expect(summary(inferModel(skimmed.model))).toEqual(summary(inferModel(whole.model)));
  });

  it('a truncated file gets the message reading it whole gives', () => {
    const cut = join(dir, 'cut.onnx');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 5000));
    const message = (o: object) => {
      try {
        loadModelFile(cut, o);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).message;
      }
      throw new Error('no error');
    };
    expect(message({ skimFromBytes: 0 })).toBe(message({}));
    expect(message({})).toMatch(/truncated/);
  });

  it('raw data of the wrong length for its dims: refused as when read whole', () => {
    const bad = spec();
    bad.graph.initializers![0] = { ...bad.graph.initializers![0], dims: [512, 511] };
    const p = join(dir, 'bad.onnx');
    writeFileSync(p, encodeModel(bad));
    const err = (o: object) => {
      try {
        inferModel(loadModelFile(p, o).model);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err({ skimFromBytes: 0 })).toBe(err({}));
    expect(err({})).toMatch(/1048576 bytes of raw data \(1046528 expected\)/);
  });

  it('damaged files: skimmed or read whole, the same outcome (the same error, or the same analysis)', () => {
    const next = lcg(15);
    const pick = (n: number) => Math.floor(next() * n);
    // Where the structure is: the first 200 bytes, and the headers around each initializer's payload.
    const model = decodeModel(bytes);
    const headers = [0, ...model.graph.initializers.map((t) => (t.storage.kind === 'raw' ? t.storage.bytes.byteOffset : 0))];
    const outcome = (p: string, o: object): unknown => {
      try {
        const loaded = loadModelFile(p, o);
        return summary(inferModel(loaded.model, { dims: { batch: 2 } }));
      } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
    };
    const file = join(dir, 'damaged.onnx');
    let errors = 0;
    for (let c = 0; c < 120; c++) {
      const b = new Uint8Array(bytes);
      const at = Math.max(0, headers[pick(headers.length)] - 64 + pick(128));
      let damaged: Uint8Array;
      switch (c % 4) {
        case 0: // cut
          damaged = b.subarray(0, pick(b.length));
          break;
        case 1: // bytes changed near a header
          for (let k = 0; k < 1 + pick(3); k++) b[Math.min(b.length - 1, at + pick(16))] = pick(256);
          damaged = b;
          break;
        case 2: // a byte dropped
          damaged = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
          break;
        default: // a byte put in
          damaged = Buffer.concat([b.subarray(0, at), Uint8Array.of(pick(256)), b.subarray(at)]);
      }
      writeFileSync(file, damaged);
      const skimmed = outcome(file, { skimFromBytes: 0 });
      expect(skimmed).toEqual(outcome(file, {}));
      if (typeof skimmed === 'string') errors++;
    }
    // The damage is real: many cases are refused (and the rest analyse alike).
    expect(errors).toBeGreaterThan(20);
  });
});

/**
 * A TFLite file above 2 GiB (the converter stores buffers after the FlatBuffer at offset/size):
 * read up to its FlatBuffer, the weights stay unread and count from their shapes. The files here are
 * sparse (a FlatBuffer of a few kB, ftruncate'd past 2 GiB): nothing allocates gigabytes.
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTfliteParts, type TfliteModelSpec } from '../../../src/formats/tflite/encode.js';
import { LARGE_MODEL_FIRST_READ, loadModelFile } from '../../../src/io/load-model.js';
import { MAX_MODEL_BYTES } from '../../../src/io/safe-open.js';
import { runCli } from '../../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-tflite-large-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A sparse file: `head` at 0, each tail part at its offset, `size` bytes in all. */
function sparseFile(name: string, head: Uint8Array, tail: { offset: number; bytes: Uint8Array }[], size: number): string {
  const p = join(dir, name);
  const fd = openSync(p, 'w');
  try {
    writeSync(fd, head, 0, head.length, 0);
    for (const t of tail) writeSync(fd, t.bytes, 0, t.bytes.length, t.offset);
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
  return p;
}

// A fully connected layer 256 -> 128 whose weights lie past 2 GiB.
const [IN, OUT] = [256, 128];
const spec = (at: number): TfliteModelSpec => ({
  description: 'large',
  offsetBuffers: { at },
  subgraphs: [
    {
      tensors: [
        { name: 'x', dtype: 'float32', shape: [1, IN] },
        { name: 'w', dtype: 'float32', shape: [OUT, IN], data: new Uint8Array(OUT * IN * 4).fill(1) },
        { name: 'b', dtype: 'float32', shape: [OUT], data: new Uint8Array(OUT * 4).fill(2) },
        { name: 'y', dtype: 'float32', shape: [1, OUT] },
      ],
      inputs: ['x'],
      outputs: ['y'],
      operators: [{ op: 'FULLY_CONNECTED', inputs: ['x', 'w', 'b'], outputs: ['y'] }],
    },
  ],
});

describe('TFLite above 2 GiB', () => {
  it('reads the FlatBuffer only: params from the shapes of the buffers stored past 2 GiB', () => {
    const { head, tail, size } = encodeTfliteParts(spec(MAX_MODEL_BYTES + 4096));
    expect(size).toBeGreaterThan(MAX_MODEL_BYTES);
    const p = sparseFile('big.tflite', head, tail, size);
    const r = runCli('analyze', p, '--allow-outside-repo', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = (JSON.parse(r.stdout) as { models: { fileBytes: number; format: string; totals: { params: number; weightBytes: number } }[] }).models[0];
    expect(m.format).toBe('tflite');
    expect(m.fileBytes).toBe(size);
    expect(m.totals.params).toBe(OUT * IN + OUT);
    expect(m.totals.weightBytes).toBe(4 * (OUT * IN + OUT));
  });

  it('small integer constants past 2 GiB (shapes, axes) are read, the weights are not', () => {
    const m = spec(MAX_MODEL_BYTES + 4096);
    const sg = m.subgraphs[0];
    sg.tensors.push({ name: 'target', dtype: 'int32', shape: [2], data: [OUT, 1] }, { name: 'col', dtype: 'float32', shape: [OUT, 1] });
    sg.outputs = ['col'];
    sg.operators.push({ op: 'RESHAPE', inputs: ['y', 'target'], outputs: ['col'] });
    const { head, tail, size } = encodeTfliteParts(m);
    const p = sparseFile('reshape.tflite', head, tail, size);
    const g = loadModelFile(p).model.graph;
    const storage = (name: string) => g.initializers.find((t) => t.name === name)!.storage;
    const target = storage('target');
    expect(target.kind).toBe('raw');
    if (target.kind === 'raw') expect([...new Int32Array(target.bytes.buffer.slice(target.bytes.byteOffset, target.bytes.byteOffset + 8))]).toEqual([OUT, 1]);
    expect(storage('w')).toMatchObject({ kind: 'external', location: '', length: OUT * IN * 4 });
  });

  it('a FlatBuffer longer than the first read is read on, as far as it goes', () => {
    const big = spec(MAX_MODEL_BYTES + 4096);
    // An embedding table kept inside the FlatBuffer, past the first read.
    const rows = Math.ceil(LARGE_MODEL_FIRST_READ / (4 * IN)) + 16;
    const sg = big.subgraphs[0];
    sg.tensors.push({ name: 'table', dtype: 'float32', shape: [rows, IN], data: new Uint8Array(rows * IN * 4), inline: true });
    sg.tensors.push({ name: 'ids', dtype: 'int32', shape: [1] }, { name: 'emb', dtype: 'float32', shape: [1, IN] });
    sg.inputs.push('ids');
    sg.outputs.push('emb');
    sg.operators.push({ op: 'EMBEDDING_LOOKUP', inputs: ['ids', 'table'], outputs: ['emb'] });
    const { head, tail, size } = encodeTfliteParts(big);
    expect(head.length).toBeGreaterThan(LARGE_MODEL_FIRST_READ);
    const p = sparseFile('longer.tflite', head, tail, size);
    const r = runCli('analyze', p, '--allow-outside-repo', '--format', 'json');
    expect(r.stderr).toBe('');
    const m = (JSON.parse(r.stdout) as { models: { totals: { params: number } }[] }).models[0];
    expect(m.totals.params).toBe(OUT * IN + OUT + rows * IN);
  });

  it('a buffer past the end of a large file is refused, one line', () => {
    const { head, tail, size } = encodeTfliteParts(spec(MAX_MODEL_BYTES + 4096));
    const p = sparseFile('cut.tflite', head, tail, size - 100);
    const r = runCli('analyze', p, '--allow-outside-repo');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cut\.tflite: is truncated or corrupted: buffer \d+ \(bytes \d+ to \d+\) runs past the end of the file/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('any other file above 2 GiB is refused before it is read', () => {
    const p = sparseFile('big.onnx', new Uint8Array([0x08, 0x07]), [], MAX_MODEL_BYTES + 1);
    const r = runCli('analyze', p, '--allow-outside-repo');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big\.onnx: is larger than 2 GiB, the limit for a model file: refused/);
  });
});

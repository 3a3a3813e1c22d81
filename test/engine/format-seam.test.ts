/**
 * The format seam (src/formats): a file is recognised by the readers in the registry, decoded by
 * its own reader, and the report says which format it was and that format's version.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';
import { sniff } from '../../src/formats/sniff.js';
import { READERS } from '../../src/formats/registry.js';
import { formatHeader } from '../../src/report/format.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';

const spec = (irVersion: number) =>
  encodeModel({
    irVersion,
    producer: 'seam-test',
    graph: {
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 8] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
    },
  });

describe('format seam', () => {
  it('every reader has an id, a name and a sniff, and ids are unique', () => {
    const ids = READERS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('onnx');
  });

  it('an ONNX file is sniffed as ONNX and the JSON report says so, with its IR version', () => {
    const bytes = spec(7);
    const s = sniff(bytes);
    expect(s.kind === 'model' && s.reader.id).toBe('onnx');
    const dir = mkdtempSync(join(tmpdir(), 'mb-seam-'));
    const path = join(dir, 'm.onnx');
    writeFileSync(path, bytes);
    const r = runCli('analyze', path, '--allow-outside-repo', '--format', 'json');
    expect(r.code).toBe(0);
    const m = (JSON.parse(r.stdout) as AnalyzeReport).models[0];
    expect(m.format).toBe('onnx');
    expect(m.formatVersion).toBe(7);
    expect(m.irVersion).toBe(7);
    expect(m.producer).toBe('seam-test');
    const text = runCli('analyze', path, '--allow-outside-repo');
    expect(text.stdout).toMatch(/seam-test, IR 7, opset 17, 1 nodes/);
  });

  it('the header names each format by its own version fields', () => {
    expect(formatHeader({ format: 'onnx', formatVersion: 8, irVersion: 8, opset: 17 })).toEqual(['IR 8', 'opset 17']);
    // Reports written before `format` existed are ONNX.
    expect(formatHeader({ irVersion: 9, opset: 18 })).toEqual(['IR 9', 'opset 18']);
    expect(formatHeader({ format: 'tflite', formatVersion: 3, irVersion: 0, opset: 3 })).toEqual(['TensorFlow Lite schema 3']);
  });
});

/**
 * Every kind of bad input gets one line on stderr naming the file and the problem, exit 2,
 * and nothing on stdout.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, type ModelSpec } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';

let dir: string;

const relu = (extra: Partial<ModelSpec['graph']> = {}): ModelSpec => ({
  graph: {
    nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'], name: 'relu' }],
    inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 8] }],
    outputs: [{ name: 'y', dtype: 'float32' }],
    ...extra,
  },
});

function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

function expectBadInput(path: string, pattern: RegExp, ...extra: string[]) {
  const r = runCli('analyze', path, '--allow-outside-repo', ...extra);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-bad-'));
});

describe('bad input', () => {
  it('a file that does not exist', () => {
    expectBadInput(join(dir, 'nope.onnx'), /no such file/);
  });

  it('a directory', () => {
    const d = join(dir, 'adir.onnx');
    mkdirSync(d);
    expectBadInput(d, /is a directory/);
  });

  it('an empty file', () => {
    expectBadInput(file('empty.onnx', new Uint8Array()), /is empty/);
  });

  it('a text file', () => {
    expectBadInput(file('notes.onnx', 'hello, this is not a model\n'), /is a text file, not an ONNX or TensorFlow Lite model/);
  });

  it('a Git LFS pointer', () => {
    const pointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'ab'.repeat(32) + '\nsize 102400\n';
    expectBadInput(file('lfs.onnx', pointer), /Git LFS pointer to a 102400-byte file.*git lfs pull/);
  });

  it('a ZIP (PyTorch checkpoint)', () => {
    expectBadInput(file('model.pt.onnx', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0])), /ZIP archive/);
  });

  it('random binary bytes', () => {
    const bytes = new Uint8Array(256).map((_, i) => (i * 37 + 11) & 0xff);
    bytes[0] = 0xff;
    expectBadInput(
      file('random.onnx', bytes),
      /(a file of unknown type \(no magic number this tool knows, not a protobuf\), not an ONNX or TensorFlow Lite model|not a valid ONNX model)/,
    );
  });

  it('a truncated model', () => {
    const weights = new Uint8Array(64 * 64 * 4).fill(1);
    const bytes = encodeModel({
      graph: {
        nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
        inputs: [{ name: 'x', dtype: 'float32', shape: [1, 64] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [{ name: 'w', dtype: 'float32', dims: [64, 64], raw: weights }],
      },
    });
    expectBadInput(file('cut.onnx', bytes.subarray(0, Math.floor(bytes.length / 2))), /truncated or corrupted/);
  });

  it('a graph with a cycle', () => {
    const spec = relu({
      nodes: [
        { op: 'Add', inputs: ['x', 'b'], outputs: ['a'], name: 'add' },
        { op: 'Relu', inputs: ['a'], outputs: ['b'], name: 'relu' },
      ],
      outputs: [{ name: 'b', dtype: 'float32' }],
    });
    expectBadInput(file('cycle.onnx', encodeModel(spec)), /cycle/);
  });

  it('a dangling input', () => {
    const spec = relu({ nodes: [{ op: 'Add', inputs: ['x', 'ghost'], outputs: ['y'], name: 'add' }] });
    expectBadInput(file('dangling.onnx', encodeModel(spec)), /reads 'ghost', which no node, input or initializer provides/);
  });

  it('a negative dim', () => {
    const spec = relu({ inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 8] }] });
    expectBadInput(file('negative.onnx', encodeModel(spec)), /negative dimension \(-1\) at axis 0/);
  });

  it('an absurd dim', () => {
    const spec = relu({ inputs: [{ name: 'x', dtype: 'float32', shape: [2 ** 40, 8] }] });
    expectBadInput(file('absurd.onnx', encodeModel(spec)), /absurd dimension/);
  });

  it('an absurd total size', () => {
    const spec = relu({ inputs: [{ name: 'x', dtype: 'float32', shape: [2 ** 30, 2 ** 30] }] });
    expectBadInput(file('huge.onnx', encodeModel(spec)), /absurd size/);
  });

  const external = (location: string) =>
    encodeModel({
      graph: {
        nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
        inputs: [{ name: 'x', dtype: 'float32', shape: [1, 4] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [{ name: 'w', dtype: 'float32', dims: [4, 4], external: { location, offset: 0, length: 64 } }],
      },
    });

  it('a missing external data file', () => {
    expectBadInput(file('ext-missing.onnx', external('ext-missing.onnx.data')), /external data file 'ext-missing.onnx.data'.*missing/);
  });

  it('an external data file that is too short', () => {
    file('short.onnx.data', new Uint8Array(10));
    expectBadInput(file('ext-short.onnx', external('short.onnx.data')), /too short/);
  });

  it('an external location that escapes the model folder', () => {
    expectBadInput(file('escape.onnx', external('../../etc/passwd')), /points outside the model's folder/);
    expectBadInput(file('abs.onnx', external('/etc/passwd')), /points outside the model's folder/);
  });

  it('a missing external file is allowed on request, with a notice', () => {
    const p = file('ext-allowed.onnx', external('absent.data'));
    const r = runCli('analyze', p, '--allow-outside-repo', '--allow-missing-weights', '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as AnalyzeReport;
    expect(report.models[0].totals.params).toBe(16);
    expect(report.models[0].warnings[0].message).toMatch(/absent.data' is absent/);
  });

  it('bad --dims', () => {
    const p = file('ok.onnx', encodeModel(relu()));
    // (0 is a valid dim: an empty tensor; a name the model lacks is tested in test/cli/bounds-cli.test.ts)
    for (const bad of ['batch', 'batch=-3', 'batch=1.5', 'batch=abc', 'batch=2147483649']) {
      const r = runCli('analyze', p, '--allow-outside-repo', '--dims', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--dims/);
    }
  });

  it('an unknown option or command', () => {
    expect(runCli('analyze', 'x.onnx', '--frobnicate').code).toBe(2);
    expect(runCli('frobnicate').code).toBe(2);
    expect(runCli('analyze').stderr).toMatch(/at least one model/);
  });
});

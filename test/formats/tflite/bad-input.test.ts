/**
 * A broken or crafted .tflite file: one line on stderr naming the file and the problem, exit 2,
 * nothing on stdout, never a stack, never a hang (the FlatBuffers runtime checks nothing: the
 * reader checks every offset, length and index before following it).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTflite, type TfliteModelSpec, type TfliteOperatorSpec } from '../../../src/formats/tflite/encode.js';
import { lcg } from '../../../src/util/lcg.js';
import { runCli } from '../../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-tflite-bad-'));
});

let n = 0;
function file(bytes: Uint8Array, ext = '.tflite'): string {
  const p = join(dir, `m${n++}${ext}`);
  writeFileSync(p, bytes);
  return p;
}

function expectBadInput(path: string, pattern: RegExp, ...extra: string[]): void {
  const r = runCli('analyze', path, '--allow-outside-repo', ...extra);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** x -> RELU -> y -> RELU -> z, with a constant the second reads; `ops` and `extra` override. */
function model(ops?: TfliteOperatorSpec[], over: Partial<TfliteModelSpec> = {}): TfliteModelSpec {
  return {
    subgraphs: [
      {
        tensors: [
          { name: 'x', dtype: 'float32', shape: [1, 4] },
          { name: 'y', dtype: 'float32', shape: [1, 4] },
          { name: 'c', dtype: 'float32', shape: [1, 4], data: [1, 2, 3, 4] },
          { name: 'z', dtype: 'float32', shape: [1, 4] },
        ],
        inputs: ['x'],
        outputs: ['z'],
        operators: ops ?? [
          { op: 'RELU', inputs: ['x'], outputs: ['y'] },
          { op: 'ADD', inputs: ['y', 'c'], outputs: ['z'], options: { fused_activation_function: 'NONE' } },
        ],
      },
    ],
    ...over,
  };
}

const callee = (name: string, calls?: TfliteOperatorSpec): TfliteModelSpec['subgraphs'][number] => ({
  name,
  tensors: [
    { name: `${name}/a`, dtype: 'float32', shape: [1, 4] },
    { name: `${name}/b`, dtype: 'float32', shape: [1, 4] },
  ],
  inputs: [`${name}/a`],
  outputs: [`${name}/b`],
  operators: [calls ?? { op: 'RELU', inputs: [`${name}/a`], outputs: [`${name}/b`] }],
});

describe('TFLite: bad input', () => {
  it('a valid model analyses (the baseline the cases below break)', () => {
    const r = runCli('analyze', file(encodeTflite(model())), '--allow-outside-repo');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a truncated file', () => {
    const bytes = encodeTflite(model());
    expectBadInput(file(bytes.subarray(0, Math.floor(bytes.length / 2))), /is truncated or corrupted: .*runs past the end/);
    expectBadInput(file(bytes.subarray(0, 12)), /is truncated or corrupted/);
  });

  it('no TFL3 identifier: not taken for a TFLite model even with the extension', () => {
    const bytes = encodeTflite(model()).slice();
    bytes.set([0x58, 0x58, 0x58, 0x58], 4);
    expectBadInput(file(bytes), /is (not|a file of unknown type|a text file)/);
  });

  it('offsets out of range: the root table, a vtable, a vector length', () => {
    const bytes = encodeTflite(model());
    const root = bytes.slice();
    new DataView(root.buffer).setUint32(0, 0x7fff_fff0, true);
    expectBadInput(file(root), /is truncated or corrupted: .*runs past the end/);
    const vt = bytes.slice();
    const rootPos = new DataView(vt.buffer).getUint32(0, true);
    new DataView(vt.buffer).setInt32(rootPos, -0x7fff_0000, true);
    expectBadInput(file(vt), /is (truncated or corrupted|not a valid TensorFlow Lite model)/);
    // Every uint32 that could be a vector length, made huge, one at a time: refused or analysed, never more.
    for (let at = 8; at + 4 <= bytes.length; at += 4) {
      const v = bytes.slice();
      const dv = new DataView(v.buffer);
      const len = dv.getUint32(at, true);
      if (len === 0 || len > 16) continue;
      dv.setUint32(at, 0x3fff_ffff, true);
      const r = runCli('analyze', file(v), '--allow-outside-repo');
      expect([0, 2]).toContain(r.code);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('an operator code index out of range', () => {
    expectBadInput(
      file(encodeTflite(model([{ op: 'RELU', inputs: ['x'], outputs: ['z'], opcodeIndex: 7 }]))),
      /operator 0 uses operator code 7, but the model has 0 operator codes/,
    );
  });

  it('a tensor index out of range (operator input, output, subgraph input)', () => {
    expectBadInput(
      file(encodeTflite(model([{ op: 'RELU', inputs: [9], outputs: ['z'] }]))),
      /operator 0 \('RELU'\) input refers to tensor 9, but the subgraph has 4 tensors/,
    );
    expectBadInput(file(encodeTflite(model([{ op: 'RELU', inputs: ['x'], outputs: [-5] }]))), /refers to tensor -5/);
    const m = model();
    m.subgraphs[0].inputs = [42];
    expectBadInput(file(encodeTflite(m)), /subgraph input refers to tensor 42/);
  });

  it('a buffer index out of range, a buffer past the end of the file', () => {
    const m = model();
    m.subgraphs[0].tensors[1].buffer = 50;
    expectBadInput(file(encodeTflite(m)), /tensor 'y' refers to buffer 50, but the model has 2 buffers/);
    const far = model(undefined, { extraBuffers: [{ offset: 1_000_000, size: 64 }] });
    far.subgraphs[0].tensors[1].buffer = 2;
    expectBadInput(file(encodeTflite(far)), /buffer 2 \(bytes 1000000 to 1000064\) runs past the end of the file/);
  });

  it('a subgraph index out of range', () => {
    const m = model([{ op: 'WHILE', inputs: ['x'], outputs: ['z'], options: { cond_subgraph_index: 1, body_subgraph_index: 7 } }]);
    m.subgraphs.push(callee('cond'));
    expectBadInput(file(encodeTflite(m)), /refers to subgraph 7, but the model has 2 subgraphs/);
  });

  it('cyclic subgraph calls: a WHILE body calling its own subgraph, A → B → A', () => {
    const self = model([{ op: 'WHILE', inputs: ['x'], outputs: ['z'], options: { cond_subgraph_index: 1, body_subgraph_index: 0 } }]);
    self.subgraphs.push(callee('cond'));
    expectBadInput(file(encodeTflite(self)), /subgraph calls form a cycle \(0 → 0\)/);
    const ab = model([{ op: 'CALL_ONCE', inputs: [], outputs: [], options: { init_subgraph_index: 1 } }]);
    ab.subgraphs.push(callee('A', { op: 'IF', inputs: ['A/a', 'A/a'], outputs: ['A/b'], options: { then_subgraph_index: 2, else_subgraph_index: 2 } }));
    ab.subgraphs.push(callee('B', { op: 'CALL_ONCE', inputs: [], outputs: [], options: { init_subgraph_index: 1 } }));
    expectBadInput(file(encodeTflite(ab)), /subgraph calls form a cycle \(1 → 2 → 1\)/);
  });

  it('a subgraph no operator calls is checked too; calls nested past the depth limit are refused', () => {
    const orphan = model();
    orphan.subgraphs.push(callee('unused', { op: 'RELU', inputs: ['unused/a'], outputs: [31] }));
    expectBadInput(file(encodeTflite(orphan)), /operator 0 \('RELU'\) output of subgraph 1 refers to tensor 31, but the subgraph has 2 tensors/);
    const chain = model([{ op: 'CALL_ONCE', inputs: [], outputs: [], options: { init_subgraph_index: 1 } }]);
    for (let k = 1; k <= 80; k++)
      chain.subgraphs.push(callee(`s${k}`, k < 80 ? { op: 'CALL_ONCE', inputs: [], outputs: [], options: { init_subgraph_index: k + 1 } } : undefined));
    expectBadInput(file(encodeTflite(chain)), /subgraph calls are nested more than 64 deep/);
  });

  it('the node limit: over --max-nodes, refused before decoding', () => {
    const p = file(encodeTflite(model()));
    expectBadInput(p, /has more than 1 nodes: refused/, '--max-nodes', '1');
    expect(runCli('analyze', p, '--allow-outside-repo', '--max-nodes', '2').code).toBe(0);
  });

  it('fuzz: mutated bytes of a valid model give exit 0 or 2, one line, never a stack', () => {
    const base = encodeTflite(
      model(undefined, {
        signatures: [{ key: 'serving_default', inputs: [{ name: 'in', tensor: 'x' }], outputs: [{ name: 'out', tensor: 'z' }] }],
      }),
    );
    const rand = lcg(14);
    const p = join(dir, 'fuzz.tflite');
    for (let i = 0; i < 400; i++) {
      const bytes = base.slice();
      const flips = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < flips; k++) {
        const at = 8 + Math.floor(rand() * (bytes.length - 8));
        bytes[at] = rand() < 0.5 ? Math.floor(rand() * 256) : bytes[at] ^ (1 << Math.floor(rand() * 8));
      }
      writeFileSync(p, rand() < 0.1 ? bytes.subarray(0, Math.floor(rand() * bytes.length)) : bytes);
      const r = runCli('analyze', p, '--allow-outside-repo');
      if (r.code !== 0 && r.code !== 2) throw new Error(`mutation ${i}: exit ${r.code}\n${r.stderr}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      if (r.code === 2) expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});

describe('TFLite: offsets that alias', () => {
  it('one subgraph listed 20,000 times (a few kB describing millions of tensors) is refused, quickly', async () => {
    const flatbuffers = await import('flatbuffers');
    const { Model, SubGraph, Tensor, TensorType } = await import('../../../src/formats/tflite/schema_generated.js');
    const b = new flatbuffers.Builder(1024);
    const name = b.createString('t');
    const shape = Tensor.createShapeVector(b, [1]);
    const tensors = Array.from({ length: 200 }, () => {
      Tensor.startTensor(b);
      Tensor.addShape(b, shape);
      Tensor.addType(b, TensorType.FLOAT32);
      Tensor.addName(b, name);
      return Tensor.endTensor(b);
    });
    const sg = SubGraph.createSubGraph(b, SubGraph.createTensorsVector(b, tensors), 0, 0, 0, 0, -1);
    const subgraphs = Model.createSubgraphsVector(b, new Array<number>(20_000).fill(sg));
    Model.finishModelBuffer(b, Model.createModel(b, 3, 0, subgraphs, 0, 0, 0, 0, 0, 0, 0));
    const bytes = b.asUint8Array();
    expect(bytes.length).toBeLessThan(200_000);
    expectBadInput(file(bytes), /offsets that alias/);
  });
});

describe('TFLite: text from the file in messages', () => {
  it('a custom code is quoted and sanitised where a message names it', () => {
    const m = model([{ op: { custom: 'evil\n::error::x' }, inputs: [77], outputs: ['z'] }]);
    const r = runCli('analyze', file(encodeTflite(m)), '--allow-outside-repo');
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^::/m);
    expect(r.stderr).toMatch(/operator 0 \('evil.*'\) input refers to tensor 77/);
  });
});

/**
 * `nodes[].opClass` and `nodes[].timing` in the JSON report, end to end through the CLI, on the
 * repository's real recurrent models and on crafted graphs; and the report schema describes them.
 * Expected figures come from the models' architectures (scripts/export_fixtures.py) and the rules.
 */
import Ajv, { type SchemaObject } from 'ajv';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OP_CLASSES } from '../../src/devices/op-class.js';
import type { NodeEntry } from '../../src/report/model-report.js';
import { runCli } from '../helpers/cli.js';
import { encodeModel, type ModelSpec } from '../helpers/encode.js';
import { matmulLoopBody } from '../helpers/models.js';

const ROOT = join(import.meta.dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as SchemaObject & {
  definitions: { node: { properties: { opClass: { enum: string[] } } } };
};
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface Report {
  models: { path: string; nodes: NodeEntry[] }[];
}

function analyze(...args: string[]): Report {
  const r = runCli('analyze', ...args, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return report;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A crafted model in a temporary repository (a folder with .git), analysed by the CLI. */
function analyzeSpec(spec: ModelSpec, ...args: string[]): NodeEntry[] {
  const dir = mkdtempSync(join(tmpdir(), 'mb-opclass-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.git'));
  const p = join(dir, 'm.onnx');
  writeFileSync(p, encodeModel(spec));
  return analyze('--allow-outside-repo', p, ...args).models[0].nodes;
}

const zeros = (n: number) => new Uint8Array(n * 4);

describe('the real recurrent models', () => {
  const T = 98;
  let report: Report;
  let gru: Report['models'][number];
  let lstm: Report['models'][number];
  beforeAll(() => {
    report = analyze(join(ROOT, 'test/fixtures/models/gru_classifier.onnx'), join(ROOT, 'examples/models/lstm-tagger.onnx'), '--dims', `sequence=${T}`);
    [gru, lstm] = report.models;
  });

  it('gru_classifier: two bidirectional GRU layers (hidden 64; inputs 64, then 128) give 2 x 98 steps', () => {
    const H = 64;
    const layers = gru.nodes.filter((n) => n.opType === 'GRU');
    expect(layers.map((n) => n.opClass)).toEqual(['recurrent', 'recurrent']);
    // PyTorch's GRU: bias present, default activations (sigmoid, tanh). Per step, direction, row:
    // Ht-1·Rᵀ (3H x H MACs) + 3H sums + 6H bias adds + H reset multiply + 2H sigmoids + H tanh + 4H.
    const gates = 3 * H + 6 * H + H + 2 * H * 4 + H * 1 + 4 * H;
    layers.forEach((n, layer) => {
      const I = layer === 0 ? 64 : 2 * H;
      expect(n.timing, n.name).toEqual({ steps: 2 * T, stepFlops: 2 * 3 * H * H + gates, stepBytes: (3 * H * H + 3 * H) * 4 });
      // The rest of the node's FLOPs is the input projection, one GEMM over all steps.
      expect(n.flops! - n.timing!.steps! * n.timing!.stepFlops!).toBe(T * 2 * 2 * 3 * H * I);
    });
  });

  it('lstm-tagger: the embedding Gather reads 98 rows of 64 floats, not the 1000-row table', () => {
    const embed = lstm.nodes.find((n) => n.opType === 'Gather' && n.inputs[0].shape?.[0] === 1000)!;
    expect(embed.opClass).toBe('data-movement');
    const rows = T * 64 * 4;
    expect(embed.timing).toEqual({ bytes: rows + T * 8 + rows });
    expect(embed.bytesRead).toBe(1000 * 64 * 4 + T * 8);
  });

  it('lstm-tagger: two bidirectional LSTM layers (hidden 64) re-read R and Rb every step', () => {
    const H = 64;
    const layers = lstm.nodes.filter((n) => n.opType === 'LSTM');
    expect(layers).toHaveLength(2);
    const gates = 4 * H + 8 * H + 3 * H * 4 + H * 1 + H * 1 + 3 * H + H;
    layers.forEach((n, layer) => {
      const I = layer === 0 ? 64 : 2 * H;
      expect(n.timing, n.name).toEqual({ steps: 2 * T, stepFlops: 2 * 4 * H * H + gates, stepBytes: (4 * H * H + 4 * H) * 4 });
      expect(n.flops! - n.timing!.steps! * n.timing!.stepFlops!).toBe(T * 2 * 2 * 4 * H * I);
    });
  });

  it('every node has a class; only gathers, slices and recurrent nodes have timing', () => {
    for (const m of report.models) {
      for (const n of m.nodes) {
        expect(OP_CLASSES, `${m.path} ${n.name}`).toContain(n.opClass);
        if (n.timing) expect(['Gather', 'Slice', 'GRU', 'LSTM']).toContain(n.opType);
        // A slice moves the part it keeps, read and written.
        const shape = n.outputs[0].shape;
        if (n.opType === 'Slice' && n.outputs[0].dtype === 'float32' && shape?.every((d): d is number => typeof d === 'number')) {
          const kept = shape.reduce((a, b) => a * b, 1) * 4;
          expect(n.timing?.bytes).toBe(2 * kept);
        }
      }
    }
  });
});

describe('crafted graphs', () => {
  it('convolutions by group and kernel, and an unsupported operator falls back to elementwise', () => {
    const conv = (name: string, x: string, w: string, y: string, attrs: Record<string, number | number[]> = {}) => ({
      op: 'Conv',
      name,
      inputs: [x, w],
      outputs: [y],
      attrs,
    });
    const nodes = analyzeSpec({
      graph: {
        nodes: [
          conv('full', 'x', 'w3', 'a', { pads: [1, 1, 1, 1] }),
          conv('dw', 'a', 'wdw', 'b', { group: 32, pads: [1, 1, 1, 1] }),
          conv('pw', 'b', 'w1', 'c'),
          conv('grp', 'c', 'wg', 'd', { group: 4, pads: [1, 1, 1, 1] }),
          { op: 'Relu', name: 'act', inputs: ['d'], outputs: ['e'] },
          { op: 'Mystery', name: 'custom', domain: 'example.custom', inputs: ['e'], outputs: ['y'] },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [1, 16, 8, 8] }],
        outputs: [{ name: 'y', dtype: 'float32', shape: [1, 64, 8, 8] }],
        initializers: [
          { name: 'w3', dtype: 'float32', dims: [32, 16, 3, 3], raw: zeros(32 * 16 * 9) },
          { name: 'wdw', dtype: 'float32', dims: [32, 1, 3, 3], raw: zeros(32 * 9) },
          { name: 'w1', dtype: 'float32', dims: [64, 32, 1, 1], raw: zeros(64 * 32) },
          { name: 'wg', dtype: 'float32', dims: [64, 16, 3, 3], raw: zeros(64 * 16 * 9) },
        ],
      },
      opsets: { '': 17, 'example.custom': 1 },
    });
    const byName = Object.fromEntries(nodes.map((n) => [n.name, n]));
    expect(byName.full.opClass).toBe('conv');
    expect(byName.dw.opClass).toBe('depthwise');
    expect(byName.pw.opClass).toBe('conv-1x1');
    expect(byName.grp.opClass).toBe('grouped');
    expect(byName.act.opClass).toBe('elementwise');
    expect(byName.custom).toMatchObject({ supported: false, opClass: 'elementwise' });
    for (const n of nodes) expect(n.timing).toBeUndefined();
  });

  it('a Loop of 100 iterations (summarised, not unrolled) is recurrent with 100 steps', () => {
    const trips = 100;
    const body = matmulLoopBody();
    const nodes = analyzeSpec({
      graph: {
        nodes: [{ op: 'Loop', name: 'loop', inputs: ['M', '', 'h0'], outputs: ['h_final'], attrs: { body: { graph: body } } }],
        inputs: [{ name: 'h0', dtype: 'float32', shape: [1, 4] }],
        outputs: [{ name: 'h_final', dtype: 'float32' }],
        initializers: [
          { name: 'M', dtype: 'int64', dims: [], values: [trips] },
          { name: 'w', dtype: 'float32', dims: [4, 4], values: new Array<number>(16).fill(0) },
        ],
      },
    });
    expect(nodes[0]).toMatchObject({ opType: 'Loop', opClass: 'recurrent', timing: { steps: trips }, macs: trips * 4 * 4 });
  });

  it('a Scan over 5 steps is recurrent with 5 steps', () => {
    const body = {
      nodes: [
        { op: 'Add', inputs: ['s', 'x_t'], outputs: ['s_next'] },
        { op: 'Identity', inputs: ['s_next'], outputs: ['y_t'] },
      ],
      inputs: [
        { name: 's', dtype: 'float32' as const, shape: [2] },
        { name: 'x_t', dtype: 'float32' as const, shape: [2] },
      ],
      outputs: [
        { name: 's_next', dtype: 'float32' as const, shape: [2] },
        { name: 'y_t', dtype: 'float32' as const, shape: [2] },
      ],
    };
    const nodes = analyzeSpec({
      opsets: { '': 11 },
      graph: {
        nodes: [{ op: 'Scan', name: 'scan', inputs: ['s0', 'xs'], outputs: ['s_final', 'ys'], attrs: { body: { graph: body }, num_scan_inputs: 1 } }],
        inputs: [
          { name: 's0', dtype: 'float32', shape: [2] },
          { name: 'xs', dtype: 'float32', shape: [5, 2] },
        ],
        outputs: [
          { name: 's_final', dtype: 'float32' },
          { name: 'ys', dtype: 'float32' },
        ],
      },
    });
    expect(nodes[0]).toMatchObject({ opType: 'Scan', opClass: 'recurrent', timing: { steps: 5 }, flops: 5 * 2 });
  });
});

describe('schema/report.schema.json', () => {
  it('lists exactly the op classes of src/devices/op-class.ts', () => {
    expect(schema.definitions.node.properties.opClass.enum).toEqual([...OP_CLASSES]);
  });

  it('rejects an unknown class and a negative timing figure', () => {
    const base = analyze(join(ROOT, 'test/fixtures/models/gru_classifier.onnx'));
    const node = base.models[0].nodes.find((n) => n.opType === 'GRU')!;
    (node as { opClass: string }).opClass = 'matmul';
    expect(validate(base)).toBe(false);
    node.opClass = 'recurrent';
    expect(validate(base)).toBe(true);
    node.timing = { ...node.timing, stepBytes: -1 };
    expect(validate(base)).toBe(false);
  });
});

/**
 * The same architectures written as ONNX (the ONNX writer) and as TensorFlow Lite (the TFLite
 * writer), analysed end to end through the CLI: equal params and MACs, whatever the layout
 * (NCHW / OIHW against NHWC / OHWI) and whatever the format's way of writing the same layer
 * (a fused activation, a depthwise op, a separate bias). Expected figures are worked out from the
 * architecture here, not read from the tool.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, type ModelSpec } from '../../helpers/encode.js';
import { encodeTflite, type TfliteModelSpec, type TfliteTensorSpec } from '../../../src/formats/tflite/encode.js';
import { runCli } from '../../helpers/cli.js';
import type { AnalyzeReport, ModelReport } from '../../../src/report/model-report.js';
import type { CheckReport } from '../../../src/check/run.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-xformat-'));
});

function analyze(name: string, bytes: Uint8Array): ModelReport {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const r = runCli('analyze', path, '--allow-outside-repo', '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as AnalyzeReport).models[0];
}

const f32 = (n: number) => new Uint8Array(n * 4);
const prod = (d: number[]) => d.reduce((a, b) => a * b, 1);

/**
 * A MobileNet-v1 style network at H×W×3: conv 3×3 stride 2 (3 → c1) + ReLU, depthwise 3×3 (c1),
 * pointwise 1×1 (c1 → c2) + ReLU, global average pool, fully connected (c2 → classes), softmax.
 */
const H = 32;
const C1 = 8;
const C2 = 16;
const CLASSES = 10;
const HO = H / 2; // SAME padding, stride 2

function mobilenetOnnx(): Uint8Array {
  const spec: ModelSpec = {
    graph: {
      nodes: [
        { op: 'Conv', inputs: ['x', 'w1', 'b1'], outputs: ['c1'], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [0, 0, 1, 1] } },
        { op: 'Relu', inputs: ['c1'], outputs: ['r1'] },
        { op: 'Conv', inputs: ['r1', 'wd', 'bd'], outputs: ['d'], attrs: { kernel_shape: [3, 3], group: C1, pads: [1, 1, 1, 1] } },
        { op: 'Conv', inputs: ['d', 'wp', 'bp'], outputs: ['p'], attrs: { kernel_shape: [1, 1] } },
        { op: 'Relu', inputs: ['p'], outputs: ['rp'] },
        { op: 'GlobalAveragePool', inputs: ['rp'], outputs: ['g'] },
        { op: 'Flatten', inputs: ['g'], outputs: ['f'] },
        { op: 'Gemm', inputs: ['f', 'wf', 'bf'], outputs: ['logits'], attrs: { transB: 1 } },
        { op: 'Softmax', inputs: ['logits'], outputs: ['y'] },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 3, H, H] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [
        { name: 'w1', dtype: 'float32', dims: [C1, 3, 3, 3], raw: f32(C1 * 27) },
        { name: 'b1', dtype: 'float32', dims: [C1], raw: f32(C1) },
        { name: 'wd', dtype: 'float32', dims: [C1, 1, 3, 3], raw: f32(C1 * 9) },
        { name: 'bd', dtype: 'float32', dims: [C1], raw: f32(C1) },
        { name: 'wp', dtype: 'float32', dims: [C2, C1, 1, 1], raw: f32(C2 * C1) },
        { name: 'bp', dtype: 'float32', dims: [C2], raw: f32(C2) },
        { name: 'wf', dtype: 'float32', dims: [CLASSES, C2], raw: f32(CLASSES * C2) },
        { name: 'bf', dtype: 'float32', dims: [CLASSES], raw: f32(CLASSES) },
      ],
    },
  };
  return encodeModel(spec);
}

function mobilenetTflite(quantized: boolean): Uint8Array {
  const w = quantized ? 'int8' : 'float32';
  const bias = quantized ? 'int32' : 'float32';
  const act = quantized ? 'int8' : 'float32';
  const c = (name: string, dtype: string, shape: number[]): TfliteTensorSpec => ({
    name,
    dtype,
    shape,
    data: new Uint8Array(prod(shape) * (dtype === 'int8' ? 1 : 4)),
  });
  const v = (name: string, shape: number[]): TfliteTensorSpec => ({ name, dtype: act, shape });
  const spec: TfliteModelSpec = {
    subgraphs: [
      {
        tensors: [
          v('x', [1, H, H, 3]),
          c('w1', w, [C1, 3, 3, 3]),
          c('b1', bias, [C1]),
          v('c1', [1, HO, HO, C1]),
          c('wd', w, [1, 3, 3, C1]),
          c('bd', bias, [C1]),
          v('d', [1, HO, HO, C1]),
          c('wp', w, [C2, 1, 1, C1]),
          c('bp', bias, [C2]),
          v('p', [1, HO, HO, C2]),
          v('g', [1, 1, 1, C2]),
          { name: 'shape', dtype: 'int32', shape: [2], data: [1, C2] },
          v('f', [1, C2]),
          c('wf', w, [CLASSES, C2]),
          c('bf', bias, [CLASSES]),
          v('logits', [1, CLASSES]),
          v('y', [1, CLASSES]),
        ],
        inputs: ['x'],
        outputs: ['y'],
        operators: [
          {
            op: 'CONV_2D',
            inputs: ['x', 'w1', 'b1'],
            outputs: ['c1'],
            options: { padding: 'SAME', stride_w: 2, stride_h: 2, fused_activation_function: 'RELU' },
          },
          { op: 'DEPTHWISE_CONV_2D', inputs: ['c1', 'wd', 'bd'], outputs: ['d'], options: { padding: 'SAME', stride_w: 1, stride_h: 1, depth_multiplier: 1 } },
          {
            op: 'CONV_2D',
            inputs: ['d', 'wp', 'bp'],
            outputs: ['p'],
            options: { padding: 'VALID', stride_w: 1, stride_h: 1, fused_activation_function: 'RELU' },
          },
          {
            op: 'AVERAGE_POOL_2D',
            inputs: ['p'],
            outputs: ['g'],
            options: { padding: 'VALID', stride_w: HO, stride_h: HO, filter_width: HO, filter_height: HO },
          },
          { op: 'RESHAPE', inputs: ['g', 'shape'], outputs: ['f'] },
          { op: 'FULLY_CONNECTED', inputs: ['f', 'wf', 'bf'], outputs: ['logits'] },
          { op: 'SOFTMAX', inputs: ['logits'], outputs: ['y'], options: { beta: 1 } },
        ],
      },
    ],
  };
  return encodeTflite(spec);
}

describe('the same architecture as ONNX and as TFLite', () => {
  // Worked out from the architecture: weights + biases of each layer.
  const params = C1 * 27 + C1 + C1 * 9 + C1 + C2 * C1 + C2 + CLASSES * C2 + CLASSES;
  const coreMacs = HO * HO * C1 * 27 + HO * HO * C1 * 9 + HO * HO * C2 * C1 + C2 * CLASSES;

  it('a MobileNet-style network: equal params and core MACs, and both equal the formulas', () => {
    const onnx = analyze('mn.onnx', mobilenetOnnx());
    const tfl = analyze('mn.tflite', mobilenetTflite(false));
    expect(tfl.format).toBe('tflite');
    expect([tfl.formatVersion, tfl.irVersion, tfl.opset, tfl.opsetImports]).toEqual([3, 0, 0, { tflite: 3 }]);
    expect(onnx.totals.params).toBe(params);
    expect(tfl.totals.params).toBe(params);
    expect(onnx.totals.coreMacs).toBe(coreMacs);
    expect(tfl.totals.coreMacs).toBe(coreMacs);
    expect(tfl.totals.macs).toBe(onnx.totals.macs);
    expect(tfl.graph.outputs[0].shape).toEqual([1, CLASSES]);
  });

  it('int8 with int32 biases: the params of the float original, a quarter of the weight bytes', () => {
    const f = analyze('mnf.tflite', mobilenetTflite(false));
    const q = analyze('mnq.tflite', mobilenetTflite(true));
    expect(q.totals.params).toBe(params);
    expect(q.totals.coreMacs).toBe(coreMacs);
    const biasElems = C1 + C1 + C2 + CLASSES;
    // The int32 RESHAPE target is a shape, neither params nor weight bytes.
    expect(f.totals.weightBytes).toBe(params * 4);
    expect(q.totals.weightBytes).toBe((params - biasElems) * 1 + biasElems * 4);
  });

  it('an LSTM over a sequence: equal MACs; ONNX has one more bias vector per gate (Wb and Rb against one)', () => {
    const [T, B, I, U] = [12, 2, 6, 5];
    const onnx = analyze(
      'lstm.onnx',
      encodeModel({
        graph: {
          nodes: [{ op: 'LSTM', inputs: ['x', 'W', 'R', 'B'], outputs: ['y'], attrs: { hidden_size: U } }],
          inputs: [{ name: 'x', dtype: 'float32', shape: [T, B, I] }],
          outputs: [{ name: 'y', dtype: 'float32' }],
          initializers: [
            { name: 'W', dtype: 'float32', dims: [1, 4 * U, I], raw: f32(4 * U * I) },
            { name: 'R', dtype: 'float32', dims: [1, 4 * U, U], raw: f32(4 * U * U) },
            { name: 'B', dtype: 'float32', dims: [1, 8 * U], raw: f32(8 * U) },
          ],
        },
      }),
    );
    const w = (name: string, shape: number[]): TfliteTensorSpec => ({ name, dtype: 'float32', shape, data: f32(prod(shape)) });
    const gates = ['input', 'forget', 'cell', 'output'];
    const tfl = analyze(
      'lstm.tflite',
      encodeTflite({
        subgraphs: [
          {
            tensors: [
              { name: 'x', dtype: 'float32', shape: [B, T, I] },
              ...gates.map((g) => w(`${g}_w`, [U, I])),
              ...gates.map((g) => w(`${g}_r`, [U, U])),
              ...gates.map((g) => w(`${g}_b`, [U])),
              { name: 'h', dtype: 'float32', shape: [B, U], isVariable: true },
              { name: 'c', dtype: 'float32', shape: [B, U], isVariable: true },
              { name: 'y', dtype: 'float32', shape: [B, T, U] },
            ],
            inputs: ['x'],
            outputs: ['y'],
            operators: [
              {
                op: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
                inputs: [
                  'x',
                  ...gates.map((g) => `${g}_w`),
                  ...gates.map((g) => `${g}_r`),
                  null,
                  null,
                  null,
                  ...gates.map((g) => `${g}_b`),
                  null,
                  null,
                  'h',
                  'c',
                  null,
                  null,
                  null,
                  null,
                ],
                outputs: ['y'],
                options: { fused_activation_function: 'TANH', time_major: false },
              },
            ],
          },
        ],
      }),
    );
    const macs = T * B * 4 * U * (I + U);
    expect(onnx.totals.macs).toBe(macs);
    expect(tfl.totals.macs).toBe(macs);
    // The state tensors (variable) are not params.
    expect(tfl.totals.params).toBe(4 * U * I + 4 * U * U + 4 * U);
    expect(onnx.totals.params).toBe(tfl.totals.params + 4 * U);
    expect(tfl.graph.outputs[0].shape).toEqual([B, T, U]);
  });
});

describe('.tflite paths in a budgets file, unchanged', () => {
  it('check reads them by glob, gates params and latency, and the Markdown names the format', () => {
    const repo = mkdtempSync(join(tmpdir(), 'mb-xformat-check-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'models'));
    writeFileSync(join(repo, 'models', 'net.tflite'), mobilenetTflite(true));
    writeFileSync(join(repo, 'models', 'net.onnx'), mobilenetOnnx());
    const params = C1 * 27 + C1 + C1 * 9 + C1 + C2 * C1 + C2 + CLASSES * C2 + CLASSES;
    writeFileSync(
      join(repo, 'budgets.yml'),
      `version: 1
devices: [raspberry-pi-5]
models:
  - path: models/*.tflite
    budgets:
      params: ${params - 1}
      latency: { raspberry-pi-5: 1s }
  - path: models/net.onnx
    budgets:
      params: ${params}
`,
    );
    const r = runCli('check', '--budgets', join(repo, 'budgets.yml'), '--format', 'markdown');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // the TFLite model is one param over
    expect(r.stdout).toContain('models/net.tflite');
    expect(r.stdout).toContain('TensorFlow Lite schema 3');
    const ok = runCli('check', '--budgets', join(repo, 'budgets.yml'), '--format', 'json');
    const models = (JSON.parse(ok.stdout) as CheckReport).head.models;
    expect(models.map((m) => [m.path, m.format, m.totals.params])).toEqual([
      ['models/net.tflite', 'tflite', params],
      ['models/net.onnx', 'onnx', params],
    ]);
  });
});

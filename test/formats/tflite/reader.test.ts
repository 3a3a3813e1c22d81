/**
 * The TFLite reader: files written by the project's TFLite writer (src/formats/tflite/encode.ts)
 * read into the neutral graph as issue 14's contract says, and analysed end to end through the CLI
 * (before the TFLite operator rules exist: params, the file's shapes, nodes, inputs/outputs, format).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeTflite } from '../../../src/formats/tflite/decode.js';
import { encodeTflite, tensorBytes, type TfliteModelSpec, type TfliteSubgraphSpec } from '../../../src/formats/tflite/encode.js';
import { tfliteReader } from '../../../src/formats/tflite/reader.js';
import { sniff } from '../../../src/formats/sniff.js';
import type { Attr, Graph } from '../../../src/graph/model.js';
import { runCli } from '../../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-tflite-'));
});

function write(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

interface JsonModel {
  format: string;
  formatVersion: number;
  producer: string;
  dims: Record<string, number>;
  graph: { inputs: { name: string; dtype: string; shape: (number | null)[] }[]; outputs: { name: string; dtype: string; shape: (number | null)[] }[] };
  totals: { params: number; weightBytes: number };
  nodes: { name: string; opType: string; domain: string }[];
}

function analyze(path: string, ...extra: string[]): JsonModel {
  const r = runCli('analyze', path, '--allow-outside-repo', '--format', 'json', ...extra);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { models: JsonModel[] }).models[0];
}

// A 3x3 convolution, 3 -> 4 channels, NHWC, then a fully connected layer: weights OHWI and [units, in].
const [N, H, W, CIN, COUT, K, UNITS] = [1, 8, 8, 3, 4, 3, 10];
const convSpec = (over: Partial<TfliteModelSpec> = {}): TfliteModelSpec => ({
  description: 'unit test converter',
  subgraphs: [
    {
      name: 'main',
      tensors: [
        { name: 'image', dtype: 'float32', shape: [N, H, W, CIN] },
        { name: 'conv/w', dtype: 'float32', shape: [COUT, K, K, CIN], data: new Array<number>(COUT * K * K * CIN).fill(0.5) },
        { name: 'conv/b', dtype: 'float32', shape: [COUT], data: new Array<number>(COUT).fill(0) },
        { name: 'conv', dtype: 'float32', shape: [N, H, W, COUT] },
        { name: 'shape', dtype: 'int32', shape: [2], data: [N, H * W * COUT] },
        { name: 'flat', dtype: 'float32', shape: [N, H * W * COUT] },
        { name: 'fc/w', dtype: 'float32', shape: [UNITS, H * W * COUT], data: new Uint8Array(UNITS * H * W * COUT * 4) },
        { name: 'logits', dtype: 'float32', shape: [N, UNITS] },
      ],
      inputs: ['image'],
      outputs: ['logits'],
      operators: [
        {
          op: 'CONV_2D',
          inputs: ['image', 'conv/w', 'conv/b'],
          outputs: ['conv'],
          options: { padding: 'SAME', stride_w: 1, stride_h: 1, fused_activation_function: 'RELU6' },
        },
        { op: 'RESHAPE', inputs: ['conv', 'shape'], outputs: ['flat'] },
        { op: 'FULLY_CONNECTED', inputs: ['flat', 'fc/w', null], outputs: ['logits'], options: { keep_num_dims: false } },
      ],
    },
  ],
  ...over,
});

const attrOf = (g: Graph, node: number, name: string): Attr | undefined => g.nodes[node].attrs.get(name);

describe('TFLite: recognised and decoded', () => {
  it('sniffs TFL3 at byte 4, before the ONNX guess', () => {
    const bytes = encodeTflite(convSpec());
    expect(tfliteReader.sniff(bytes)).toBe('yes');
    const s = sniff(bytes);
    expect(s.kind === 'model' && s.reader.id).toBe('tflite');
    const other = bytes.slice();
    other[7] = 0x34; // TFL4
    expect(tfliteReader.sniff(other)).toBe('no');
  });

  it('analyses end to end: params from the constant tensors, shapes, nodes, inputs/outputs and format from the file', () => {
    const m = analyze(write('conv.tflite', encodeTflite(convSpec())));
    expect(m.format).toBe('tflite');
    expect(m.formatVersion).toBe(3);
    expect(m.producer).toBe('unit test converter');
    // Conv weights + bias + FC weights; the int32 reshape target is not a weight.
    expect(m.totals.params).toBe(COUT * K * K * CIN + COUT + UNITS * H * W * COUT);
    expect(m.totals.weightBytes).toBe(4 * m.totals.params);
    expect(m.graph.inputs).toEqual([{ name: 'image', dtype: 'float32', shape: [N, H, W, CIN] }]);
    expect(m.graph.outputs.map((o) => o.name)).toEqual(['logits']);
    expect(m.nodes.map((n) => [n.name, n.opType, n.domain])).toEqual([
      ['conv', 'CONV_2D', 'tflite'],
      ['flat', 'RESHAPE', 'tflite'],
      ['logits', 'FULLY_CONNECTED', 'tflite'],
    ]);
    const text = runCli('analyze', join(dir, 'conv.tflite'), '--allow-outside-repo');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('TensorFlow Lite schema 3');
  });

  it('options become attributes under their schema names, absent fields at their schema defaults', () => {
    const m = decodeTflite(encodeTflite(convSpec()));
    const g = m.graph;
    expect(attrOf(g, 0, 'padding')).toEqual({ type: 'string', value: 'SAME' });
    expect(attrOf(g, 0, 'fused_activation_function')).toEqual({ type: 'string', value: 'RELU6' });
    expect(attrOf(g, 0, 'stride_w')).toEqual({ type: 'int', value: 1 });
    // Not written: the schema's defaults (dilation 1, quantized_bias_type FLOAT32 = 0).
    expect(attrOf(g, 0, 'dilation_w_factor')).toEqual({ type: 'int', value: 1 });
    expect(attrOf(g, 0, 'quantized_bias_type')).toEqual({ type: 'string', value: 'FLOAT32' });
    // bool -> int 0/1; enum default DEFAULT.
    expect(attrOf(g, 2, 'keep_num_dims')).toEqual({ type: 'int', value: 0 });
    expect(attrOf(g, 2, 'asymmetric_quantize_inputs')).toEqual({ type: 'int', value: 0 });
    expect(attrOf(g, 2, 'weights_format')).toEqual({ type: 'string', value: 'DEFAULT' });
    // No options table: no attributes. An omitted input (-1) is ''.
    expect(g.nodes[1].attrs.size).toBe(0);
    expect(g.nodes[2].inputs).toEqual(['flat', 'fc/w', '']);
    expect(m.opsetImports).toEqual(new Map([['tflite', 3]]));
  });

  it('float, [int], [float] and string fields; an operator code above 127 (builtin_code over deprecated_builtin_code)', () => {
    const spec: TfliteModelSpec = {
      subgraphs: [
        {
          tensors: [
            { name: 'x', dtype: 'float32', shape: [1, 1, 4] },
            { name: 'a', dtype: 'float32', shape: [1, 1, 4] },
            { name: 's', dtype: 'float32', shape: [4] },
            { name: 'c', dtype: 'float32', shape: [1, 1, 4] },
            { name: 'h', dtype: 'RESOURCE', shape: [] },
          ],
          inputs: ['x'],
          outputs: ['c'],
          operators: [
            { op: 'LEAKY_RELU', inputs: ['x'], outputs: ['a'], options: { alpha: 0.25 } },
            { op: 'SQUEEZE', inputs: ['a'], outputs: ['s'], options: { squeeze_dims: [0, 1] } },
            { op: 'CUMSUM', inputs: ['s'], outputs: ['c'], options: { exclusive: true } },
            { op: 'VAR_HANDLE', inputs: [], outputs: ['h'], options: { container: 'c0', shared_name: 'state' } },
          ],
        },
      ],
    };
    const g = decodeTflite(encodeTflite(spec)).graph;
    expect(attrOf(g, 0, 'alpha')).toEqual({ type: 'float', value: 0.25 });
    expect(attrOf(g, 1, 'squeeze_dims')).toEqual({ type: 'ints', value: [0, 1] });
    expect(g.nodes[2].opType).toBe('CUMSUM');
    expect(attrOf(g, 2, 'exclusive')).toEqual({ type: 'int', value: 1 });
    expect(attrOf(g, 2, 'reverse')).toEqual({ type: 'int', value: 0 });
    expect(attrOf(g, 3, 'shared_name')).toEqual({ type: 'string', value: 'state' });
    // RESOURCE has no dtype here: null, its code kept in the value info.
    expect(g.valueInfo.find((v) => v.name === 'h')?.type).toEqual({ kind: 'tensor', dtype: null, shape: [] });
  });

  it('custom operators: domain tflite.custom, the custom code as the operator type', () => {
    const spec = convSpec();
    spec.subgraphs[0].operators[1] = { op: { custom: 'MyReshape' }, inputs: ['conv', 'shape'], outputs: ['flat'] };
    const g = decodeTflite(encodeTflite(spec)).graph;
    expect(g.nodes[1]).toMatchObject({ domain: 'tflite.custom', opType: 'MyReshape', name: 'flat' });
    const m = analyze(write('custom.tflite', encodeTflite(spec)));
    expect(m.nodes[1]).toMatchObject({ opType: 'MyReshape', domain: 'tflite.custom' });
  });

  it('tensor names are unique in the model: empty and repeated names get #index, a later subgraph @k', () => {
    const spec: TfliteModelSpec = {
      subgraphs: [
        {
          tensors: [
            { name: 'x', dtype: 'float32', shape: [2] },
            { name: '', dtype: 'float32', shape: [2] },
            { name: 'x', dtype: 'float32', shape: [2] },
            { name: 'cond', dtype: 'bool', shape: [] },
          ],
          inputs: [0, 3],
          outputs: [2],
          operators: [
            { op: 'RELU', inputs: [0], outputs: [1] },
            { op: 'IF', inputs: [3, 1], outputs: [2], options: { then_subgraph_index: 1, else_subgraph_index: 1 } },
          ],
        },
        {
          tensors: [
            { name: 'x', dtype: 'float32', shape: [2] },
            { name: 'y', dtype: 'float32', shape: [2] },
          ],
          inputs: ['x'],
          outputs: ['y'],
          operators: [{ op: 'NEG', inputs: ['x'], outputs: ['y'] }],
        },
      ],
    };
    const g = decodeTflite(encodeTflite(spec)).graph;
    expect(g.valueInfo.map((v) => v.name)).toEqual(['x', 'tensor#1', 'x#2', 'cond']);
    expect(g.nodes[0]).toMatchObject({ name: 'tensor#1', inputs: ['x'], outputs: ['tensor#1'] });
    const then = attrOf(g, 1, 'then_subgraph');
    const other = attrOf(g, 1, 'else_subgraph');
    expect(then?.type).toBe('graph');
    // One subgraph called twice is one Graph object.
    expect(then?.type === 'graph' && other?.type === 'graph' && then.value === other.value).toBe(true);
    const body = (then as { value: Graph }).value;
    expect(body.valueInfo.map((v) => v.name)).toEqual(['x@1', 'y']);
    expect(body.nodes[0]).toMatchObject({ opType: 'NEG', inputs: ['x@1'], outputs: ['y'] });
  });

  it('WHILE: cond_subgraph and body_subgraph attributes hold the subgraphs', () => {
    const loopVar = (p: string): TfliteSubgraphSpec['tensors'] => [{ name: `${p}i`, dtype: 'int32', shape: [] }];
    const spec: TfliteModelSpec = {
      subgraphs: [
        {
          tensors: [...loopVar(''), { name: 'out', dtype: 'int32', shape: [] }],
          inputs: ['i'],
          outputs: ['out'],
          operators: [{ op: 'WHILE', inputs: ['i'], outputs: ['out'], options: { cond_subgraph_index: 1, body_subgraph_index: 2 } }],
        },
        {
          name: 'cond',
          tensors: [...loopVar('c/'), { name: 'ten', dtype: 'int32', shape: [], data: [10] }, { name: 'lt', dtype: 'bool', shape: [] }],
          inputs: ['c/i'],
          outputs: ['lt'],
          operators: [{ op: 'LESS', inputs: ['c/i', 'ten'], outputs: ['lt'] }],
        },
        {
          name: 'body',
          tensors: [...loopVar('b/'), { name: 'one', dtype: 'int32', shape: [], data: [1] }, { name: 'next', dtype: 'int32', shape: [] }],
          inputs: ['b/i'],
          outputs: ['next'],
          operators: [{ op: 'ADD', inputs: ['b/i', 'one'], outputs: ['next'] }],
        },
      ],
    };
    const g = decodeTflite(encodeTflite(spec)).graph;
    const cond = attrOf(g, 0, 'cond_subgraph');
    const body = attrOf(g, 0, 'body_subgraph');
    expect(cond?.type === 'graph' && cond.value.name).toBe('cond');
    expect(body?.type === 'graph' && body.value.nodes.map((n) => n.opType)).toEqual(['ADD']);
    expect(body?.type === 'graph' && body.value.initializers.map((t) => [t.name, t.dims, t.dtype])).toEqual([['one', [], 'int32']]);
  });

  it('dynamic dims (shape_signature -1) are <input>[axis], and a SignatureDef name binds them too', () => {
    const spec = convSpec({
      signatures: [{ key: 'serving_default', inputs: [{ name: 'pixels', tensor: 'image' }], outputs: [{ name: 'scores', tensor: 'logits' }] }],
    });
    spec.subgraphs[0].tensors[0].shapeSignature = [-1, H, W, CIN];
    const g = decodeTflite(encodeTflite(spec)).graph;
    expect(g.inputs[0].type).toEqual({ kind: 'tensor', dtype: 'float32', shape: [null, H, W, CIN] });
    const path = write('dyn.tflite', encodeTflite(spec));
    const byTensor = analyze(path, '--dims', 'image[0]=5');
    expect(byTensor.graph.inputs[0].shape).toEqual([5, H, W, CIN]);
    expect(byTensor.dims['image[0]']).toBe(5);
    const bySignature = analyze(path, '--dims', 'pixels[0]=6');
    expect(bySignature.graph.inputs[0].shape).toEqual([6, H, W, CIN]);
    // A name that is neither is still a typo.
    const bad = runCli('analyze', path, '--allow-outside-repo', '--dims', 'pixel[0]=6');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a symbolic dim/);
  });

  it('variable tensors (LSTM/SVDF state) and tensors nothing writes are known, not params', () => {
    const spec: TfliteModelSpec = {
      subgraphs: [
        {
          tensors: [
            { name: 'x', dtype: 'float32', shape: [1, 16] },
            { name: 'w', dtype: 'float32', shape: [8, 16], data: new Uint8Array(8 * 16 * 4) },
            { name: 'state', dtype: 'float32', shape: [1, 64], isVariable: true },
            { name: 'scratch', dtype: 'int8', shape: [128] },
            { name: 'y', dtype: 'float32', shape: [1, 8] },
          ],
          inputs: ['x'],
          outputs: ['y'],
          operators: [{ op: 'SVDF', inputs: ['x', 'w', 'scratch', null, 'state'], outputs: ['y'], options: { rank: 1 } }],
        },
      ],
    };
    const g = decodeTflite(encodeTflite(spec)).graph;
    expect(g.initializers.map((t) => [t.name, t.dims, t.variable === true, t.storage.kind])).toEqual([
      ['w', [8, 16], false, 'raw'],
      ['state', [1, 64], true, 'empty'],
      ['scratch', [128], true, 'empty'],
    ]);
    const m = analyze(write('svdf.tflite', encodeTflite(spec)));
    expect(m.totals.params).toBe(8 * 16);
  });

  it('sparse constants: sparse initializers whose values are the stored elements (the params), dims the dense shape', () => {
    // A 4x4 CSR matrix with 3 non-zeros: rows dense, columns sparse.
    const spec: TfliteModelSpec = {
      subgraphs: [
        {
          tensors: [
            { name: 'x', dtype: 'float32', shape: [1, 4] },
            {
              name: 'w',
              dtype: 'float32',
              shape: [4, 4],
              data: [1, 2, 3],
              sparsity: {
                traversalOrder: [0, 1],
                dimMetadata: [
                  { format: 'DENSE', denseSize: 4 },
                  { format: 'SPARSE_CSR', arraySegments: [0, 1, 1, 2, 3], arrayIndices: [0, 2, 3] },
                ],
              },
            },
            { name: 'y', dtype: 'float32', shape: [1, 4] },
          ],
          inputs: ['x'],
          outputs: ['y'],
          operators: [{ op: 'FULLY_CONNECTED', inputs: ['x', 'w', null], outputs: ['y'] }],
        },
      ],
    };
    const g = decodeTflite(encodeTflite(spec)).graph;
    expect(g.initializers).toEqual([]);
    expect(g.sparseInitializers).toHaveLength(1);
    const sp = g.sparseInitializers[0];
    expect([sp.name, sp.dims, sp.values.dims, sp.values.dtype, sp.indices.dims, sp.indices.dtype]).toEqual(['w', [4, 4], [3], 'float32', [3], 'int32']);
    const m = analyze(write('sparse.tflite', encodeTflite(spec)));
    expect(m.totals.params).toBe(3);
  });

  it('quantization parameters are metadata: an int8 model has the params of its float original', () => {
    const q = convSpec();
    for (const t of q.subgraphs[0].tensors) {
      if (t.dtype !== 'float32') continue;
      const count = t.shape.reduce((a, b) => a * b, 1);
      t.dtype = 'int8';
      if (t.data) t.data = new Uint8Array(count);
      t.quantization = { scale: new Array<number>(t.shape[0]).fill(0.1), zeroPoint: new Array<number>(t.shape[0]).fill(0), quantizedDimension: 0 };
    }
    const m = analyze(write('int8.tflite', encodeTflite(q)));
    expect(m.totals.params).toBe(COUT * K * K * CIN + COUT + UNITS * H * W * COUT);
    expect(m.totals.weightBytes).toBe(m.totals.params);
    expect(m.graph.inputs[0].dtype).toBe('int8');
  });

  it('buffers stored after the FlatBuffer (offset/size) are views into the file, as inline ones', () => {
    const inline = encodeTflite(convSpec());
    const after = encodeTflite(convSpec({ offsetBuffers: true }));
    expect(after.length).toBeGreaterThan(inline.length);
    const g = decodeTflite(after).graph;
    const w = g.initializers.find((t) => t.name === 'conv/w')!;
    expect(w.storage.kind).toBe('raw');
    if (w.storage.kind === 'raw') {
      expect(w.storage.bytes.buffer).toBe(after.buffer);
      expect(w.storage.bytes.byteOffset).toBeGreaterThan(after.length / 2);
      expect([...w.storage.bytes]).toEqual([...tensorBytes('float32', new Array<number>(COUT * K * K * CIN).fill(0.5))]);
    }
    expect(analyze(write('after.tflite', after)).totals.params).toBe(analyze(write('inline.tflite', inline)).totals.params);
  });

  it('round trip: what the writer wrote is what the reader reads', () => {
    const spec = convSpec();
    const g = decodeTflite(encodeTflite(spec)).graph;
    const sg = spec.subgraphs[0];
    expect(g.name).toBe('main');
    expect(g.valueInfo.map((v) => [v.name, v.type?.kind === 'tensor' ? v.type.shape : null])).toEqual(sg.tensors.map((t) => [t.name, t.shape]));
    expect(g.nodes.map((n) => [n.opType, n.inputs, n.outputs])).toEqual(sg.operators.map((o) => [o.op, o.inputs.map((i) => i ?? ''), o.outputs]));
    for (const t of sg.tensors.filter((x) => x.data)) {
      const init = g.initializers.find((i) => i.name === t.name)!;
      const want = t.data instanceof Uint8Array ? t.data : tensorBytes(t.dtype, t.data!);
      expect(init.storage.kind === 'raw' && [...init.storage.bytes]).toEqual([...want]);
      expect(init.dims).toEqual(t.shape);
    }
    expect(g.inputs.map((v) => v.name)).toEqual(sg.inputs);
    expect(g.outputs.map((v) => v.name)).toEqual(sg.outputs);
  });
});

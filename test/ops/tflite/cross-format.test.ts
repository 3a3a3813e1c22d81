/**
 * The same layers as an ONNX graph (written by the project's ONNX writer, read by its decoder)
 * and as the TFLite-shaped neutral graph: equal params and core MACs, one test per major family.
 * Expected counts are also worked out by hand from the layer dims.
 */
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../../src/formats/onnx/decode.js';
import { inferModel } from '../../../src/analysis/infer.js';
import { encodeModel, type ModelSpec } from '../../helpers/encode.js';
import { infer, op, tfliteModel, totals, type GraphSpec } from '../../helpers/tflite-graph.js';

const onnx = (spec: ModelSpec) => totals(inferModel(decodeModel(encodeModel({ opsets: { '': 21 }, ...spec }))));
const tfl = (spec: GraphSpec) => {
  const r = infer(tfliteModel(spec));
  expect(r.warnings).toEqual([]);
  return totals(r);
};
const w = (name: string, dims: number[]) => ({ name, dtype: 'float32' as const, dims, raw: new Uint8Array(4 * dims.reduce((a, b) => a * b, 1)) });

describe('ONNX and TFLite count the same layers alike', () => {
  it('conv / depthwise / pointwise / pooling / fully connected (a MobileNet block)', () => {
    const a = onnx({
      graph: {
        inputs: [{ name: 'x', dtype: 'float32', shape: [1, 3, 32, 32] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [
          w('w1', [16, 3, 3, 3]),
          w('b1', [16]),
          w('w2', [16, 1, 3, 3]),
          w('b2', [16]),
          w('w3', [32, 16, 1, 1]),
          w('b3', [32]),
          w('fc', [10, 32]),
          w('fcb', [10]),
        ],
        nodes: [
          { op: 'Conv', inputs: ['x', 'w1', 'b1'], outputs: ['c1'], attrs: { strides: [2, 2], auto_pad: 'SAME_UPPER' } },
          { op: 'Conv', inputs: ['c1', 'w2', 'b2'], outputs: ['c2'], attrs: { group: 16, auto_pad: 'SAME_UPPER' } },
          { op: 'Conv', inputs: ['c2', 'w3', 'b3'], outputs: ['c3'] },
          { op: 'GlobalAveragePool', inputs: ['c3'], outputs: ['p'] },
          { op: 'Flatten', inputs: ['p'], outputs: ['f'] },
          { op: 'Gemm', inputs: ['f', 'fc', 'fcb'], outputs: ['y'], attrs: { transB: 1 } },
        ],
      },
    });
    const b = tfl({
      inputs: [['x', 'float32', [1, 32, 32, 3]]],
      consts: [
        ['w1', 'float32', [16, 3, 3, 3]],
        ['b1', 'float32', [16]],
        ['w2', 'float32', [1, 3, 3, 16]],
        ['b2', 'float32', [16]],
        ['w3', 'float32', [32, 1, 1, 16]],
        ['b3', 'float32', [32]],
        ['axes', 'int32', [2], [1, 2]],
        ['fc', 'float32', [10, 32]],
        ['fcb', 'float32', [10]],
      ],
      nodes: [
        op('CONV_2D', ['x', 'w1', 'b1'], ['c1'], { padding: 'SAME', stride_h: 2, stride_w: 2, fused_activation_function: 'RELU6' }),
        op('DEPTHWISE_CONV_2D', ['c1', 'w2', 'b2'], ['c2'], { padding: 'SAME', stride_h: 1, stride_w: 1, depth_multiplier: 1 }),
        op('CONV_2D', ['c2', 'w3', 'b3'], ['c3'], { padding: 'VALID', stride_h: 1, stride_w: 1 }),
        op('MEAN', ['c3', 'axes'], ['p'], { keep_dims: 0 }),
        op('FULLY_CONNECTED', ['p', 'fc', 'fcb'], ['y'], { keep_num_dims: 0 }),
      ],
      outputs: [['y', 'float32', [1, 10]]],
    });
    const params = 16 * 27 + 16 + 16 * 9 + 16 + 32 * 16 + 32 + 10 * 32 + 10;
    const core = 16 * 16 * 16 * 27 + 16 * 16 * 16 * 9 + 16 * 16 * 32 * 16 + 32 * 10;
    expect(a.params).toBe(params);
    expect(b.params).toBe(params);
    expect(a.coreMacs).toBe(core);
    expect(b.coreMacs).toBe(core);
  });

  it('depthwise with a depth multiplier = Conv with group = C', () => {
    const a = onnx({
      graph: {
        inputs: [{ name: 'x', dtype: 'float32', shape: [1, 8, 10, 10] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [w('dw', [16, 1, 3, 3])],
        nodes: [{ op: 'Conv', inputs: ['x', 'dw'], outputs: ['y'], attrs: { group: 8, strides: [2, 2] } }],
      },
    });
    const b = tfl({
      inputs: [['x', 'float32', [1, 10, 10, 8]]],
      consts: [['dw', 'float32', [1, 3, 3, 16]]],
      nodes: [op('DEPTHWISE_CONV_2D', ['x', 'dw'], ['y'], { padding: 'VALID', stride_h: 2, stride_w: 2, depth_multiplier: 2 })],
      outputs: [['y', 'float32', [1, 4, 4, 16]]],
    });
    expect(a).toEqual(b);
    expect(b.coreMacs).toBe(4 * 4 * 16 * 9);
  });

  it('transposed convolution', () => {
    const a = onnx({
      graph: {
        inputs: [{ name: 'x', dtype: 'float32', shape: [1, 8, 7, 7] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [w('k', [8, 4, 3, 3])],
        nodes: [{ op: 'ConvTranspose', inputs: ['x', 'k'], outputs: ['y'], attrs: { strides: [2, 2], pads: [1, 1, 0, 0], output_padding: [0, 0] } }],
      },
    });
    const b = tfl({
      inputs: [['x', 'float32', [1, 7, 7, 8]]],
      consts: [
        ['os', 'int32', [4], [1, 14, 14, 4]],
        ['k', 'float32', [4, 3, 3, 8]],
      ],
      nodes: [op('TRANSPOSE_CONV', ['os', 'k', 'x'], ['y'], { padding: 'SAME', stride_h: 2, stride_w: 2 })],
      outputs: [['y', 'float32', [1, 14, 14, 4]]],
    });
    expect(a.params).toBe(8 * 4 * 9);
    expect(b.params).toBe(a.params);
    expect(b.coreMacs).toBe(a.coreMacs);
    expect(a.coreMacs).toBe(7 * 7 * 8 * 4 * 9);
  });

  it('batched matmul', () => {
    const a = onnx({
      graph: {
        inputs: [
          { name: 'p', dtype: 'float32', shape: [2, 5, 6] },
          { name: 'q', dtype: 'float32', shape: [2, 6, 7] },
        ],
        outputs: [{ name: 'y', dtype: 'float32' }],
        nodes: [{ op: 'MatMul', inputs: ['p', 'q'], outputs: ['y'] }],
      },
    });
    const b = tfl({
      inputs: [
        ['p', 'float32', [2, 5, 6]],
        ['q', 'float32', [2, 7, 6]],
      ],
      nodes: [op('BATCH_MATMUL', ['p', 'q'], ['y'], { adj_x: 0, adj_y: 1 })],
      outputs: [['y', 'float32', [2, 5, 7]]],
    });
    expect(b).toEqual(a);
    expect(a.coreMacs).toBe(2 * 5 * 7 * 6);
  });

  it('LSTM: equal MACs; ONNX has a second bias per gate (Rb), TFLite one', () => {
    const [T, B, I, H] = [6, 2, 10, 12];
    const a = onnx({
      graph: {
        inputs: [{ name: 'x', dtype: 'float32', shape: [T, B, I] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [w('W', [1, 4 * H, I]), w('R', [1, 4 * H, H]), w('Bias', [1, 8 * H])],
        nodes: [{ op: 'LSTM', inputs: ['x', 'W', 'R', 'Bias'], outputs: ['y'], attrs: { hidden_size: H } }],
      },
    });
    const consts: NonNullable<GraphSpec['consts']> = [];
    const inputs = ['x'];
    const add = (name: string, dims: number[]) => {
      consts.push([name, 'float32', dims]);
      inputs.push(name);
    };
    for (const g of ['ii', 'if', 'ic', 'io']) add(`w_${g}`, [H, I]);
    for (const g of ['ri', 'rf', 'rc', 'ro']) add(`r_${g}`, [H, H]);
    inputs.push('', '', '');
    for (const g of ['bi', 'bf', 'bc', 'bo']) add(`b_${g}`, [H]);
    inputs.push('', '', 'h0', 'c0');
    const b = tfl({
      inputs: [
        ['x', 'float32', [T, B, I]],
        ['h0', 'float32', [B, H]],
        ['c0', 'float32', [B, H]],
      ],
      consts,
      nodes: [op('UNIDIRECTIONAL_SEQUENCE_LSTM', inputs, ['y'], { time_major: 1, fused_activation_function: 'TANH' })],
      outputs: [['y', 'float32', [T, B, H]]],
    });
    expect(b.macs).toBe(a.macs);
    expect(a.macs).toBe(T * B * 4 * H * (I + H));
    expect(a.params - b.params).toBe(4 * H);
    expect(b.params).toBe(4 * H * I + 4 * H * H + 4 * H);
  });
});

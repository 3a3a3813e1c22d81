/** TFLite element-wise, activation, pooling, reduction and normalization builtins: shapes and FLOPs per the tables. */
import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../../helpers/op.js';

const TFL = 'tflite';
const run = (op: string, inputs: Parameters<typeof runOp>[1]['inputs'], attrs: Parameters<typeof runOp>[1]['attrs'] = {}, outputs = 1) =>
  runOp(op, { domain: TFL, inputs, attrs, outputs });
const flops = (r: ReturnType<typeof runOp>) => r.cost?.flops;

describe('binary element-wise', () => {
  it('ADD broadcasts and adds its fused activation', () => {
    const r = run('ADD', [t('float32', [1, 8, 8, 16]), t('float32', [16])], { fused_activation_function: 'RELU6' });
    expect(outShape(r)).toEqual([1, 8, 8, 16]);
    const n = 8 * 8 * 16;
    expect(r.cost).toEqual({ macs: 0, flops: n + 2 * n, coreMacs: 0 });
  });

  const ONE: string[] = [
    'SUB',
    'MUL',
    'DIV',
    'MAXIMUM',
    'MINIMUM',
    'POW',
    'FLOOR_DIV',
    'FLOOR_MOD',
    'EQUAL',
    'NOT_EQUAL',
    'LESS',
    'LESS_EQUAL',
    'GREATER',
    'GREATER_EQUAL',
  ];
  for (const name of ONE) {
    it(`${name}: 1 FLOP per output element`, () => {
      const r = run(name, [t('float32', [2, 1, 5]), t('float32', [3, 1])]);
      expect(outShape(r)).toEqual([2, 3, 5]);
      expect(flops(r)).toBe(30);
    });
  }

  it('comparisons give bool; LOGICAL_AND / OR / NOT', () => {
    expect(run('LESS', [t('float32', [4]), t('float32', [4])]).outputs[0]).toMatchObject({ dtype: 'bool' });
    expect(flops(run('LOGICAL_AND', [t('bool', [4]), t('bool', [4])]))).toBe(4);
    expect(flops(run('LOGICAL_OR', [t('bool', [4]), t('bool', [1])]))).toBe(4);
    expect(flops(run('LOGICAL_NOT', [t('bool', [6])]))).toBe(6);
  });

  it('SQUARED_DIFFERENCE costs 2, ADD_N n - 1, SELECT / SELECT_V2 1', () => {
    expect(flops(run('SQUARED_DIFFERENCE', [t('float32', [10]), t('float32', [10])]))).toBe(20);
    expect(flops(run('ADD_N', [t('float32', [10]), t('float32', [10]), t('float32', [10])]))).toBe(20);
    const sel = run('SELECT_V2', [t('bool', [3, 1]), t('float32', [1, 4]), t('float32', [1])]);
    expect(outShape(sel)).toEqual([3, 4]);
    expect(flops(sel)).toBe(12);
    const sel1 = run('SELECT', [t('bool', [3]), t('float32', [3, 4]), t('float32', [3, 4])]);
    expect(outShape(sel1)).toEqual([3, 4]);
  });

  it('values propagate through ADD / MUL (shape arithmetic), not through DIV', () => {
    const add = run('ADD', [t('int32', [2], [3, 4]), t('int32', [], [1])]);
    expect(add.outputs[0]).toMatchObject({ value: [4, 5] });
    const div = run('DIV', [t('int32', [1], [-7]), t('int32', [1], [2])]);
    expect(div.outputs[0]).not.toHaveProperty('value');
  });
});

describe('unary element-wise and activations', () => {
  const PER: [string, number][] = [
    ['ABS', 1],
    ['NEG', 1],
    ['FLOOR', 1],
    ['CEIL', 1],
    ['ROUND', 1],
    ['SIGN', 1],
    ['EXP', 1],
    ['LOG', 1],
    ['SQRT', 1],
    ['RSQRT', 2],
    ['SQUARE', 1],
    ['SIN', 1],
    ['COS', 1],
    ['RELU', 1],
    ['RELU6', 2],
    ['RELU_N1_TO_1', 2],
    ['RELU_0_TO_1', 2],
    ['LEAKY_RELU', 2],
    ['LOGISTIC', 4],
    ['TANH', 1],
    ['HARD_SWISH', 5],
    ['ELU', 4],
    ['GELU', 5],
    ['CAST', 0],
    ['ZEROS_LIKE', 0],
    ['ONES_LIKE', 0],
    ['QUANTIZE', 4],
    ['DEQUANTIZE', 2],
  ];
  for (const [name, per] of PER) {
    it(`${name}: ${per} FLOPs per element`, () => {
      const r = run(name, [t('float32', [2, 3, 7])]);
      expect(outShape(r)).toEqual([2, 3, 7]);
      expect(flops(r)).toBe(42 * per);
      expect(r.cost?.macs).toBe(0);
    });
  }

  it('GELU approximate is the tanh form (9); PRELU 2', () => {
    expect(flops(run('GELU', [t('float32', [10])], { approximate: 1 }))).toBe(90);
    expect(flops(run('PRELU', [t('float32', [1, 4, 4, 8]), t('float32', [1, 1, 8])]))).toBe(2 * 128);
  });

  it('QUANTIZE / DEQUANTIZE / CAST leave the type to the file', () => {
    expect(run('QUANTIZE', [t('float32', [4])]).outputs[0]).toMatchObject({ dtype: null, shape: [4] });
    expect(run('CAST', [t('float32', [4])], { in_data_type: 'FLOAT32', out_data_type: 'INT32' }).outputs[0]).toMatchObject({ dtype: null });
  });
});

describe('pooling', () => {
  it('AVERAGE_POOL_2D 7x7 VALID (MobileNet head): K + 1 per output', () => {
    const r = run('AVERAGE_POOL_2D', [t('int8', [1, 7, 7, 1024])], { padding: 'VALID', filter_height: 7, filter_width: 7, stride_h: 2, stride_w: 2 });
    expect(outShape(r)).toEqual([1, 1, 1, 1024]);
    expect(r.cost).toEqual({ macs: 0, flops: 1024 * 50, coreMacs: 0 });
    expect(r.opClass).toBe('reduction');
  });

  it('MAX_POOL_2D SAME stride 2: ceil(in / 2); K per output + fused', () => {
    const r = run('MAX_POOL_2D', [t('float32', [1, 15, 15, 8])], {
      padding: 'SAME',
      filter_height: 3,
      filter_width: 3,
      stride_h: 2,
      stride_w: 2,
      fused_activation_function: 'RELU',
    });
    expect(outShape(r)).toEqual([1, 8, 8, 8]);
    expect(flops(r)).toBe(512 * 9 + 512);
  });

  it('L2_POOL_2D: 3K + 1', () => {
    const r = run('L2_POOL_2D', [t('float32', [1, 4, 4, 2])], { padding: 'VALID', filter_height: 2, filter_width: 2, stride_h: 2, stride_w: 2 });
    expect(outShape(r)).toEqual([1, 2, 2, 2]);
    expect(flops(r)).toBe(8 * 13);
  });
});

describe('reductions and normalizations', () => {
  it('MEAN over H, W with keep_dims: in + out', () => {
    const r = run('MEAN', [t('float32', [1, 7, 7, 64]), t('int32', [2], [1, 2])], { keep_dims: 1 });
    expect(outShape(r)).toEqual([1, 1, 1, 64]);
    expect(flops(r)).toBe(49 * 64 + 64);
    expect(r.opClass).toBe('reduction');
  });

  it('SUM / REDUCE_MAX / REDUCE_MIN / REDUCE_PROD / REDUCE_ANY / REDUCE_ALL without keep_dims: in', () => {
    for (const name of ['SUM', 'REDUCE_MAX', 'REDUCE_MIN', 'REDUCE_PROD', 'REDUCE_ANY', 'REDUCE_ALL']) {
      const r = run(name, [t('float32', [2, 3, 4]), t('int32', [1], [-1])], { keep_dims: 0 });
      expect(outShape(r), name).toEqual([2, 3]);
      expect(flops(r), name).toBe(24);
    }
  });

  it('ARG_MAX / ARG_MIN drop the axis, typed by output_type', () => {
    const r = run('ARG_MAX', [t('float32', [1, 10]), t('int32', [1], [1])], { output_type: 'INT32' });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int32', shape: [1] });
    expect(flops(r)).toBe(10);
    expect(outShape(run('ARG_MIN', [t('float32', [4, 10]), t('int32', [], [0])], { output_type: 'INT64' }))).toEqual([10]);
  });

  it('SOFTMAX 5 per element, LOG_SOFTMAX 5 + 1 per row', () => {
    expect(flops(run('SOFTMAX', [t('float32', [2, 10])], { beta: { type: 'float', value: 1 } }))).toBe(100);
    expect(flops(run('LOG_SOFTMAX', [t('float32', [2, 10])]))).toBe(102);
  });

  it('L2_NORMALIZATION 3N + rows; LOCAL_RESPONSE_NORMALIZATION (2r + 1 + 4) N', () => {
    expect(flops(run('L2_NORMALIZATION', [t('float32', [3, 8])]))).toBe(3 * 24 + 3);
    const lrn = run('LOCAL_RESPONSE_NORMALIZATION', [t('float32', [1, 4, 4, 8])], { radius: 2 });
    expect(outShape(lrn)).toEqual([1, 4, 4, 8]);
    expect(flops(lrn)).toBe((5 + 4) * 128);
  });
});

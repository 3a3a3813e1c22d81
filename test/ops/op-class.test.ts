/**
 * Op classes: every registered operator declares one (src/devices/op-class.ts), the documented
 * mapping holds, and convolutions are classified by their group and kernel.
 */
import { describe, expect, it } from 'vitest';
import { OP_CLASSES, type OpClass } from '../../src/devices/op-class.js';
import { lookupOp, registeredOps } from '../../src/ops/registry.js';
import { applyOp } from '../../src/analysis/apply.js';
import { makeNode, runOp, t } from '../helpers/op.js';

const MS = 'com.microsoft';

/** The class a node of `op` gets with the given inputs and attributes. */
function classOf(op: string, inputs: Parameters<typeof runOp>[1]['inputs'] = [], attrs: Record<string, number | number[]> = {}, domain?: string): OpClass {
  return runOp(op, { inputs, attrs, domain }).opClass;
}

function split(key: string): { domain: string; op: string } {
  const at = key.indexOf(':');
  return { domain: key.slice(0, at), op: key.slice(at + 1) };
}

describe('every registered operator has an op class', () => {
  it('declared on the definition, and a known class for a node with nothing known', () => {
    const missing: string[] = [];
    const wrong: string[] = [];
    for (const key of registeredOps()) {
      const { domain, op } = split(key);
      const def = lookupOp(domain, op)!;
      if (def.opClass === undefined) missing.push(key);
      // With no inputs known (a class function must cope) and with no sub-graph runner.
      const r = runOp(op, { inputs: [], domain: domain || undefined });
      if (!(OP_CLASSES as readonly string[]).includes(r.opClass)) wrong.push(`${key}: ${r.opClass}`);
    }
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
  });

  // The mapping of issue 12, operator by operator.
  const EXPECTED: Record<OpClass, string[]> = {
    gemm: ['MatMul', 'Gemm', 'MatMulInteger', 'QLinearMatMul', 'Einsum', `${MS}:FusedMatMul`, `${MS}:TransposeMatMul`, `${MS}:FusedGemm`, `${MS}:QGemm`],
    conv: ['DeformConv'],
    'conv-1x1': [],
    depthwise: [],
    grouped: [],
    'conv-3d': [],
    'conv-transpose': ['ConvTranspose'],
    recurrent: ['LSTM', 'GRU', 'RNN'],
    attention: ['Attention', `${MS}:Attention`, `${MS}:MultiHeadAttention`, `${MS}:GroupQueryAttention`, `${MS}:QAttention`],
    normalization: [
      'LayerNormalization',
      'InstanceNormalization',
      'GroupNormalization',
      'LpNormalization',
      'RMSNormalization',
      'SimplifiedLayerNormalization',
      `${MS}:SimplifiedLayerNormalization`,
      `${MS}:SkipLayerNormalization`,
      'Softmax',
      'LogSoftmax',
    ],
    elementwise: [
      'BatchNormalization',
      'Relu',
      'Sigmoid',
      'Gelu',
      'Add',
      'Mul',
      'Pow',
      'Exp',
      'Sqrt',
      'Cast',
      'CastLike',
      'Where',
      'Clip',
      'Equal',
      'Greater',
      'Not',
      'Sum',
      'QuantizeLinear',
      'DequantizeLinear',
      `${MS}:QuantizeLinear`,
      `${MS}:DequantizeLinear`,
      `${MS}:BiasGelu`,
      `${MS}:QLinearAdd`,
    ],
    reduction: [
      'ReduceMean',
      'ReduceSum',
      'ArgMax',
      'ArgMin',
      'MaxPool',
      'AveragePool',
      'GlobalAveragePool',
      'GlobalMaxPool',
      'LpPool',
      'GlobalLpPool',
      'TopK',
    ],
    'data-movement': [
      'Transpose',
      'Concat',
      'Split',
      'Slice',
      'Gather',
      'GatherElements',
      'GatherND',
      'Scatter',
      'ScatterElements',
      'ScatterND',
      'Pad',
      'Tile',
      'Expand',
      'DepthToSpace',
      'SpaceToDepth',
      'NonZero',
      'Compress',
      'OneHot',
      'Trilu',
    ],
    resample: ['Resize', 'Upsample', 'GridSample'],
    view: ['Reshape', 'Squeeze', 'Unsqueeze', 'Flatten', 'Identity', 'Dropout'],
    shape: ['Shape', 'Size', 'Constant', 'ConstantOfShape', 'Range', 'EyeLike'],
  };

  it.each(Object.entries(EXPECTED).flatMap(([cls, ops]) => ops.map((o) => [o, cls])))('%s is %s', (key, cls) => {
    const { domain, op } = key.includes(':') ? split(key) : { domain: '', op: key };
    expect(lookupOp(domain, op), key).toBeDefined();
    expect(classOf(op, [], {}, domain || undefined)).toBe(cls);
  });

  it('families by name: every Reduce* is a reduction, every matmul a gemm, every conv a conv class', () => {
    for (const key of registeredOps()) {
      const { domain, op } = split(key);
      const cls = classOf(op, [], {}, domain || undefined);
      if (op.startsWith('Reduce')) expect(cls, key).toBe('reduction');
      if (/MatMul|Gemm/.test(op)) expect(cls, key).toBe('gemm');
      if (/Attention$/.test(op)) expect(cls, key).toBe('attention');
      if (/Conv$/.test(op) && op !== 'ConvTranspose') expect(['conv', 'conv-1x1', 'depthwise', 'grouped', 'conv-3d'], key).toContain(cls);
      if (/Normalization$/.test(op) && op !== 'BatchNormalization') expect(cls, key).toBe('normalization');
    }
  });
});

describe('convolutions are classified by group and kernel', () => {
  const x = (c: number, spatial = [32, 32]) => t('float32', [1, c, ...spatial]);
  const w = (cout: number, cinPerGroup: number, kernel = [3, 3]) => t('float32', [cout, cinPerGroup, ...kernel]);

  it.each<[string, Parameters<typeof runOp>[1]['inputs'], Record<string, number | number[]>, OpClass]>([
    ['3x3, group 1', [x(16), w(32, 16)], {}, 'conv'],
    ['1x1, group 1', [x(16), w(32, 16, [1, 1])], {}, 'conv-1x1'],
    ['1x1 with stride 2', [x(16), w(32, 16, [1, 1])], { strides: [2, 2] }, 'conv-1x1'],
    ['1x3 (one kernel dim only is 1)', [x(16), w(32, 16, [1, 3])], {}, 'conv'],
    ['3x3 depthwise: group = channels, one channel per group', [x(32), w(32, 1)], { group: 32 }, 'depthwise'],
    ['depthwise with a channel multiplier (64 outputs from 32 channels)', [x(32), w(64, 1)], { group: 32 }, 'depthwise'],
    ['1x1 with one channel per group is still depthwise', [x(32), w(32, 1, [1, 1])], { group: 32 }, 'depthwise'],
    ['grouped: 4 groups of 8 channels', [x(32), w(64, 8)], { group: 4 }, 'grouped'],
    ['grouped 1x1 (ShuffleNet)', [x(32), w(64, 8, [1, 1])], { group: 4 }, 'grouped'],
    ['3D 3x3x3: a volumetric kernel', [x(3, [8, 56, 56]), w(64, 3, [3, 3, 3])], {}, 'conv-3d'],
    ['3D 1x3x3 (a (2+1)D spatial part) is still volumetric', [x(64, [8, 56, 56]), w(64, 64, [1, 3, 3])], {}, 'conv-3d'],
    ['3D kernel from the attribute when the weight is unknown', [x(16, [8, 28, 28]), undefined], { kernel_shape: [3, 3, 3] }, 'conv-3d'],
    ['3D 1x1x1', [x(64, [8, 56, 56]), w(64, 64, [1, 1, 1])], {}, 'conv-1x1'],
    ['1D kernel 1', [x(16, [100]), w(8, 16, [1])], {}, 'conv-1x1'],
    ['kernel from the attribute when the weight is unknown', [x(16), undefined], { kernel_shape: [1, 1] }, 'conv-1x1'],
    ['channels per group from the input when the weight is unknown', [x(32), undefined], { group: 32, kernel_shape: [3, 3] }, 'depthwise'],
    ['group > 1 with nothing known of the channels', [undefined, undefined], { group: 4 }, 'grouped'],
    ['nothing known', [], {}, 'conv'],
  ])('Conv %s', (_, inputs, attrs, expected) => {
    expect(classOf('Conv', inputs, attrs)).toBe(expected);
  });

  it('the quantized and fused convolutions read their weight where it is', () => {
    const s = t('float32', []);
    const zp = t('uint8', []);
    const qx = t('uint8', [1, 32, 16, 16]);
    // QLinearConv: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point.
    const q = (weight: ReturnType<typeof t>) => [qx, s, zp, weight, s, zp, s, zp];
    expect(classOf('QLinearConv', q(t('uint8', [32, 1, 3, 3])), { group: 32 })).toBe('depthwise');
    expect(classOf('QLinearConv', q(t('uint8', [64, 32, 1, 1])))).toBe('conv-1x1');
    expect(classOf('QLinearConv', q(t('uint8', [64, 8, 3, 3])), { group: 4 }, MS)).toBe('grouped');
    expect(classOf('ConvInteger', [qx, t('uint8', [32, 1, 3, 3])], { group: 32 })).toBe('depthwise');
    expect(classOf('ConvInteger', [qx, t('uint8', [64, 32, 3, 3])])).toBe('conv');
    expect(classOf('FusedConv', [x(16), w(32, 16, [1, 1])], {}, MS)).toBe('conv-1x1');
    // NhwcConv: the input is channels-last, the weight is still [M, C/group, kH, kW].
    expect(classOf('NhwcConv', [t('float32', [1, 16, 16, 32]), undefined], { group: 32, kernel_shape: [3, 3] }, MS)).toBe('depthwise');
    expect(classOf('NhwcConv', [t('float32', [1, 16, 16, 32]), undefined], { group: 4, kernel_shape: [3, 3] }, MS)).toBe('grouped');
    expect(classOf('ConvTranspose', [x(32), w(32, 1)], { group: 32 })).toBe('conv-transpose');
  });
});

describe('a class function that fails', () => {
  it('gives the fallback class and a warning, like a failing rule', () => {
    const def = lookupOp('', 'Relu')!;
    const broken = {
      ...def,
      opClass: () => {
        throw new Error('bug');
      },
    };
    const r = applyOp(broken, makeNode('Relu', { inputs: [t('float32', [2])] }), [t('float32', [2])], 21);
    expect(r.opClass).toBe('elementwise');
    expect(r.warnings).toEqual(['class rule failed: bug']);
    expect(r.cost).toMatchObject({ flops: 2 });
  });
});

describe('classes that depend on the node', () => {
  it('Dropout is a view unless known to train (then it draws a mask per element)', () => {
    const x = t('float32', [4, 8]);
    const ratio = t('float32', [], [0.5]);
    expect(classOf('Dropout', [x])).toBe('view');
    expect(classOf('Dropout', [x, ratio, t('bool', [], [0])])).toBe('view');
    expect(classOf('Dropout', [x, ratio, t('bool', [], [1])])).toBe('elementwise');
  });

  it('the softmax family is row-wise (normalization), quantized or fused', () => {
    expect(classOf('Hardmax')).toBe('normalization');
    expect(classOf('BiasSoftmax', [], {}, MS)).toBe('normalization');
    expect(classOf('QLinearSoftmax', [], {}, MS)).toBe('normalization');
    expect(classOf('QLinearSigmoid', [], {}, MS)).toBe('elementwise');
  });
});

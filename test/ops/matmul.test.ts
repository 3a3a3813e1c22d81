import { describe, expect, it } from 'vitest';
import { floatAttr, outShape, runOp, t } from '../helpers/op.js';

const MS = 'com.microsoft';

describe('MatMul (numpy semantics)', () => {
  const cases: { name: string; a: (number | string)[]; b: (number | string)[]; out: (number | string)[]; k: number }[] = [
    { name: '2-D', a: [3, 4], b: [4, 5], out: [3, 5], k: 4 },
    { name: 'batched with broadcasting', a: [2, 1, 3, 4], b: [5, 4, 6], out: [2, 5, 3, 6], k: 4 },
    { name: '1-D x 2-D', a: [4], b: [4, 5], out: [5], k: 4 },
    { name: '2-D x 1-D', a: [3, 4], b: [4], out: [3], k: 4 },
    { name: '1-D x 1-D', a: [4], b: [4], out: [], k: 4 },
    { name: '3-D x 2-D (linear layer)', a: [8, 128, 768], b: [768, 3072], out: [8, 128, 3072], k: 768 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = runOp('MatMul', { inputs: [t('float32', c.a), t('float32', c.b)] });
      expect(outShape(r)).toEqual(c.out);
      const outElems = c.out.reduce<number>((p, d) => p * (d as number), 1);
      const macs = outElems * c.k;
      expect(r.cost).toEqual({ macs, flops: 2 * macs, coreMacs: macs });
    });
  }

  it('keeps symbols, cost unknown until bound', () => {
    const r = runOp('MatMul', { inputs: [t('float16', ['batch', 'seq', 64]), t('float16', [64, 64])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: ['batch', 'seq', 64] });
    expect(r.cost).toBeNull();
  });

  it('unknown operand: unknown output, typed', () => {
    const r = runOp('MatMul', { inputs: [t('float32', null), t('float32', [4, 5])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: null });
    expect(r.cost).toBeNull();
  });
});

describe('Gemm', () => {
  it('transA / transB and bias', () => {
    // A is [K, M] = [4, 3] transposed, B is [N, K] = [5, 4] transposed
    const r = runOp('Gemm', {
      inputs: [t('float32', [4, 3]), t('float32', [5, 4]), t('float32', [5])],
      attrs: { transA: 1, transB: 1 },
    });
    expect(outShape(r)).toEqual([3, 5]);
    const macs = 3 * 5 * 4;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 3 * 5, coreMacs: macs });
  });

  it('alpha and beta scaling are counted only when not 1', () => {
    const inputs = [t('float32', [2, 8]), t('float32', [8, 16]), t('float32', [2, 16])];
    const macs = 2 * 16 * 8;
    const mn = 2 * 16;
    expect(runOp('Gemm', { inputs, attrs: { alpha: floatAttr(1), beta: floatAttr(1) } }).cost?.flops).toBe(2 * macs + mn);
    expect(runOp('Gemm', { inputs, attrs: { alpha: 0.5 } }).cost?.flops).toBe(2 * macs + mn + mn);
    expect(runOp('Gemm', { inputs, attrs: { alpha: 0.5, beta: 0.25 } }).cost?.flops).toBe(2 * macs + 3 * mn);
    // No C: neither the add nor beta applies
    expect(runOp('Gemm', { inputs: inputs.slice(0, 2), attrs: { beta: 0.25 } }).cost?.flops).toBe(2 * macs);
  });

  it('a classifier head', () => {
    const r = runOp('Gemm', { inputs: [t('float32', [1, 2048]), t('float32', [1000, 2048]), t('float32', [1000])], attrs: { transB: 1 } });
    expect(outShape(r)).toEqual([1, 1000]);
    expect(r.cost?.macs).toBe(1 * 1000 * 2048);
  });
});

describe('quantized matmuls', () => {
  it('MatMulInteger: int32, zero-point subtractions when given', () => {
    const r = runOp('MatMulInteger', { inputs: [t('uint8', [4, 3]), t('uint8', [3, 2]), t('uint8', [])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int32', shape: [4, 2] });
    const macs = 4 * 2 * 3;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 4 * 3, coreMacs: macs });
  });

  it('QLinearMatMul: typed like y_zero_point', () => {
    const inputs = [
      t('uint8', [2, 4, 3]),
      t('float32', []),
      t('uint8', []),
      t('int8', [3, 5]),
      t('float32', []),
      t('int8', []),
      t('float32', []),
      t('int8', []),
    ];
    const r = runOp('QLinearMatMul', { inputs });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int8', shape: [2, 4, 5] });
    const macs = 2 * 4 * 5 * 3;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 2 * 4 * 3 + 3 * 5 + 4 * 2 * 4 * 5, coreMacs: macs });
  });

  it('MatMulNBits: [..., N], MACs = rows x N x K, weight dequantization', () => {
    const r = runOp('MatMulNBits', {
      domain: MS,
      inputs: [t('float16', [1, 7, 4096]), t('uint8', [11008, 128, 16]), t('float16', [11008 * 128])],
      attrs: { K: 4096, N: 11008, bits: 4, block_size: 32 },
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [1, 7, 11008] });
    const macs = 1 * 7 * 11008 * 4096;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 2 * 11008 * 4096, coreMacs: macs });
  });

  it('QGemm: float output without y_scale, requantized with it', () => {
    const base = [t('uint8', [2, 8]), t('float32', []), t('uint8', []), t('int8', [8, 4]), t('float32', []), t('int8', [])];
    const f = runOp('QGemm', { domain: MS, inputs: base });
    expect(f.outputs[0]).toMatchObject({ dtype: 'float32', shape: [2, 4] });
    const macs = 2 * 4 * 8;
    expect(f.cost?.flops).toBe(2 * macs + 2 * 8 + 8 * 4 + 2 * 4);
    const q = runOp('QGemm', { domain: MS, inputs: [...base, t('int32', [4]), t('float32', []), t('uint8', [])] });
    expect(q.outputs[0]).toMatchObject({ dtype: 'uint8', shape: [2, 4] });
    expect(q.cost?.flops).toBe(2 * macs + 2 * 8 + 8 * 4 + 2 * 4 + 4 * 2 * 4);
  });

  it('DynamicQuantizeMatMul and MatMulIntegerToFloat', () => {
    const d = runOp('DynamicQuantizeMatMul', { domain: MS, inputs: [t('float32', [3, 8]), t('int8', [8, 4]), t('float32', [])] });
    expect(d.outputs[0]).toMatchObject({ dtype: 'float32', shape: [3, 4] });
    const macs = 3 * 4 * 8;
    expect(d.cost?.flops).toBe(2 * macs + 7 * 3 * 8 + 8 + 3 * 4);
    const m = runOp('MatMulIntegerToFloat', {
      domain: MS,
      inputs: [t('uint8', [3, 8]), t('int8', [8, 4]), t('float32', []), t('float32', [4])],
    });
    expect(m.outputs[0]).toMatchObject({ dtype: 'float32', shape: [3, 4] });
    expect(m.cost?.flops).toBe(2 * macs + 3 * 4);
  });
});

describe('com.microsoft fused matmuls', () => {
  it('TransposeMatMul is FusedMatMul under its older name', () => {
    const r = runOp('TransposeMatMul', { domain: MS, inputs: [t('float32', [4, 3]), t('float32', [4, 5])], attrs: { transA: 1 } });
    expect(outShape(r)).toEqual([3, 5]);
    expect(r.cost?.macs).toBe(3 * 5 * 4);
  });

  it('MatMulBnb4 and MatMulInteger16', () => {
    const b = runOp('MatMulBnb4', {
      domain: MS,
      inputs: [t('float16', [2, 64]), t('uint8', [(128 * 64) / 2]), t('float16', [(128 * 64) / 64])],
      attrs: { K: 64, N: 128, block_size: 64, quant_type: 1 },
    });
    expect(b.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 128] });
    const macs = 2 * 128 * 64;
    // dequantize: one multiply (code x absmax) per weight
    expect(b.cost).toEqual({ macs, flops: 2 * macs + 128 * 64, coreMacs: macs });
    const i = runOp('MatMulInteger16', { domain: MS, inputs: [t('int16', [3, 4]), t('int16', [4, 2])] });
    expect(i.outputs[0]).toMatchObject({ dtype: 'int32', shape: [3, 2] });
    expect(i.cost?.macs).toBe(3 * 2 * 4);
  });

  it('FusedMatMul transA / transB / alpha', () => {
    const r = runOp('FusedMatMul', {
      domain: MS,
      inputs: [t('float32', [2, 4, 3]), t('float32', [2, 5, 4])],
      attrs: { transA: 1, transB: 1, alpha: 0.125 },
    });
    expect(outShape(r)).toEqual([2, 3, 5]);
    const macs = 2 * 3 * 5 * 4;
    expect(r.cost?.flops).toBe(2 * macs + 2 * 3 * 5);
  });

  it('FusedMatMul transBatchB moves the first dim next to the matrix', () => {
    // B [4, 2, 5] with transBatchB -> [2, 4, 5]
    const r = runOp('FusedMatMul', { domain: MS, inputs: [t('float32', [2, 3, 4]), t('float32', [4, 2, 5])], attrs: { transBatchB: 1 } });
    expect(outShape(r)).toEqual([2, 3, 5]);
  });

  it('FusedGemm with activation, GemmFastGelu', () => {
    const g = runOp('FusedGemm', { domain: MS, inputs: [t('float32', [4, 8]), t('float32', [8, 2])], attrs: { activation: 'LeakyRelu' } });
    expect(g.cost?.flops).toBe(2 * 4 * 2 * 8 + 4 * 2 * 2);
    const f = runOp('GemmFastGelu', { domain: MS, inputs: [t('float32', [4, 8]), t('float32', [8, 2]), t('float32', [2])] });
    // bias + FastGelu (9 per element, as activations.ts counts the tanh form)
    expect(f.cost?.flops).toBe(2 * 4 * 2 * 8 + 4 * 2 + 9 * 4 * 2);
  });
});

describe('Einsum', () => {
  it('batched matmul: MACs = product of all label sizes', () => {
    const r = runOp('Einsum', { inputs: [t('float32', [2, 3, 4]), t('float32', [2, 4, 5])], attrs: { equation: 'bij,bjk->bik' } });
    expect(outShape(r)).toEqual([2, 3, 5]);
    const macs = 2 * 3 * 4 * 5;
    expect(r.cost).toEqual({ macs, flops: 2 * macs, coreMacs: macs });
  });

  it('attention scores with ellipsis', () => {
    const r = runOp('Einsum', { inputs: [t('float32', [1, 8, 16, 64]), t('float32', [1, 8, 32, 64])], attrs: { equation: '...qd,...kd->...qk' } });
    expect(outShape(r)).toEqual([1, 8, 16, 32]);
    expect(r.cost?.macs).toBe(1 * 8 * 16 * 32 * 64);
  });

  it('implicit output: labels used once, sorted', () => {
    expect(outShape(runOp('Einsum', { inputs: [t('float32', [3, 4]), t('float32', [4, 5])], attrs: { equation: 'ij,jk' } }))).toEqual([3, 5]);
    expect(outShape(runOp('Einsum', { inputs: [t('float32', [3, 4])], attrs: { equation: 'ji' } }))).toEqual([4, 3]);
    expect(outShape(runOp('Einsum', { inputs: [t('float32', [2, 3, 3])], attrs: { equation: '...ii' } }))).toEqual([2]);
  });

  it('single operand: transpose is free, a sum counts its adds', () => {
    const tr = runOp('Einsum', { inputs: [t('float32', [3, 4])], attrs: { equation: 'ij->ji' } });
    expect(tr.cost).toEqual({ macs: 0, flops: 0, coreMacs: 0 });
    const sum = runOp('Einsum', { inputs: [t('float32', [3, 4])], attrs: { equation: 'ij->i' } });
    expect(outShape(sum)).toEqual([3]);
    expect(sum.cost).toEqual({ macs: 0, flops: 3 * 4, coreMacs: 0 });
    const diag = runOp('Einsum', { inputs: [t('float32', [5, 5])], attrs: { equation: 'ii->i' } });
    expect(outShape(diag)).toEqual([5]);
    expect(diag.cost?.flops).toBe(0);
  });

  it('no summed label (outer / Hadamard product): multiplies only', () => {
    const r = runOp('Einsum', { inputs: [t('float32', [3]), t('float32', [4])], attrs: { equation: 'i,j->ij' } });
    expect(outShape(r)).toEqual([3, 4]);
    expect(r.cost).toEqual({ macs: 0, flops: 3 * 4, coreMacs: 0 });
  });

  it('inner product and unknown inputs', () => {
    const r = runOp('Einsum', { inputs: [t('float32', [7]), t('float32', [7])], attrs: { equation: 'i,i' } });
    expect(outShape(r)).toEqual([]);
    expect(r.cost?.macs).toBe(7);
    const u = runOp('Einsum', { inputs: [t('float32', null), t('float32', [7])], attrs: { equation: 'i,i' } });
    expect(u.outputs[0]).toMatchObject({ dtype: 'float32', shape: null });
    expect(u.cost).toBeNull();
  });
});

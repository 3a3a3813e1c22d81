import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';

const MS = 'com.microsoft';
const SOFTMAX = 5;

describe('com.microsoft Attention (projection included)', () => {
  const [B, S, D, N] = [2, 16, 64, 4];
  const H = D / N;

  it('BERT-style self attention: projection + QKᵀ + AV', () => {
    const r = runOp('Attention', {
      domain: MS,
      inputs: [t('float32', [B, S, D]), t('float32', [D, 3 * D]), t('float32', [3 * D]), t('int32', [B])],
      attrs: { num_heads: N },
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [B, S, D] });
    const projection = B * S * D * 3 * D;
    const scores = B * N * S * S;
    const attn = scores * H + scores * H;
    const macs = projection + attn;
    // bias add on Q, K, V; per score: scale 1 + mask 1 + softmax 5
    const flops = 2 * macs + B * S * 3 * D + scores * (1 + 1 + SOFTMAX);
    expect(r.cost).toEqual({ macs, flops, coreMacs: macs });
  });

  it('GPT-2 style with past: present grows by S, scores span past + S', () => {
    const P = 10;
    const r = runOp('Attention', {
      domain: MS,
      inputs: [t('float16', [1, 1, D]), t('float16', [D, 3 * D]), t('float16', [3 * D]), undefined, t('float16', [2, 1, N, P, H])],
      omit: [3],
      attrs: { num_heads: N, unidirectional: 1 },
      outputs: 2,
    });
    expect(outShape(r, 0)).toEqual([1, 1, D]);
    expect(outShape(r, 1)).toEqual([2, 1, N, P + 1, H]);
    const scores = 1 * N * 1 * (P + 1);
    const macs = 1 * 1 * D * 3 * D + 2 * scores * H;
    expect(r.cost?.macs).toBe(macs);
    // bias, then scale + causal + softmax per score
    expect(r.cost?.flops).toBe(2 * macs + 3 * D + scores * (1 + 1 + SOFTMAX));
  });

  it('qkv_hidden_sizes and no past present', () => {
    const r = runOp('Attention', {
      domain: MS,
      inputs: [t('float32', [1, 8, 32]), t('float32', [32, 16 + 16 + 24])],
      attrs: { num_heads: 2, qkv_hidden_sizes: [16, 16, 24] },
      outputs: 2,
    });
    expect(outShape(r, 0)).toEqual([1, 8, 24]);
    expect(outShape(r, 1)).toEqual([2, 1, 2, 8, 8]);
    const scores = 1 * 2 * 8 * 8;
    expect(r.cost?.macs).toBe(1 * 8 * 32 * 56 + scores * 8 + scores * 12);
  });
});

describe('com.microsoft QAttention', () => {
  it('int8 projection, float output', () => {
    const [B, S, D, N] = [1, 8, 32, 2];
    const r = runOp('QAttention', {
      domain: MS,
      inputs: [
        t('uint8', [B, S, D]),
        t('int8', [D, 3 * D]),
        t('float32', [3 * D]),
        t('float32', []),
        t('float32', []),
        undefined,
        t('uint8', []),
        t('int8', []),
      ],
      omit: [5],
      attrs: { num_heads: N },
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [B, S, D] });
    const H = D / N;
    const scores = B * N * S * S;
    const macs = B * S * D * 3 * D + 2 * scores * H;
    // bias + zero points (input, weight) + rescale of the projection; scale + softmax per score
    const extra = B * S * 3 * D + B * S * D + D * 3 * D + B * S * 3 * D + scores * (1 + SOFTMAX);
    expect(r.cost).toEqual({ macs, flops: 2 * macs + extra, coreMacs: macs });
  });
});

describe('com.microsoft MultiHeadAttention', () => {
  it('separate Q, K, V with bias and past', () => {
    const [B, S, L, P, N, H] = [2, 4, 4, 6, 8, 16];
    const r = runOp('MultiHeadAttention', {
      domain: MS,
      inputs: [
        t('float32', [B, S, N * H]),
        t('float32', [B, L, N * H]),
        t('float32', [B, L, N * H]),
        t('float32', [3 * N * H]),
        undefined,
        undefined,
        t('float32', [B, N, P, H]),
        t('float32', [B, N, P, H]),
      ],
      omit: [4, 5],
      attrs: { num_heads: N },
      outputs: 3,
    });
    expect(outShape(r, 0)).toEqual([B, S, N * H]);
    expect(outShape(r, 1)).toEqual([B, N, P + L, H]);
    expect(outShape(r, 2)).toEqual([B, N, P + L, H]);
    const scores = B * N * S * (P + L);
    const macs = 2 * scores * H;
    const bias = B * S * N * H + B * L * N * 2 * H;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + bias + scores * (1 + SOFTMAX), coreMacs: macs });
  });

  it('cross attention with BNSH keys and packed QKV', () => {
    const cross = runOp('MultiHeadAttention', {
      domain: MS,
      inputs: [t('float32', [1, 3, 64]), t('float32', [1, 4, 20, 16]), t('float32', [1, 4, 20, 16])],
      attrs: { num_heads: 4 },
    });
    expect(outShape(cross)).toEqual([1, 3, 64]);
    expect(cross.cost?.macs).toBe(2 * 1 * 4 * 3 * 20 * 16);
    const packed = runOp('MultiHeadAttention', { domain: MS, inputs: [t('float32', [2, 5, 4, 3, 8])], attrs: { num_heads: 4 } });
    expect(outShape(packed)).toEqual([2, 5, 32]);
    expect(packed.cost?.macs).toBe(2 * 2 * 4 * 5 * 5 * 8);
  });
});

describe('com.microsoft GroupQueryAttention', () => {
  const [B, S, N, KV, H] = [1, 1, 32, 8, 128];

  it('decode step with past and known total_sequence_length', () => {
    const P = 99;
    const total = P + S;
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [
        t('float16', [B, S, N * H]),
        t('float16', [B, S, KV * H]),
        t('float16', [B, S, KV * H]),
        t('float16', [B, KV, P, H]),
        t('float16', [B, KV, P, H]),
        t('int32', [B], [total - 1]),
        t('int32', [], [total]),
      ],
      attrs: { num_heads: N, kv_num_heads: KV },
      outputs: 3,
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [B, S, N * H] });
    expect(outShape(r, 1)).toEqual([B, KV, total, H]);
    const scores = B * N * S * total;
    const macs = 2 * scores * H;
    // scale + causal (default) + softmax
    expect(r.cost).toEqual({ macs, flops: 2 * macs + scores * (1 + 1 + SOFTMAX), coreMacs: macs });
  });

  it('packed QKV prefill without past, rotary', () => {
    const s = 7;
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [t('float32', [1, s, (N + 2 * KV) * H]), undefined, undefined, undefined, undefined, t('int32', [1]), t('int32', [])],
      omit: [1, 2, 3, 4],
      attrs: { num_heads: N, kv_num_heads: KV, do_rotary: 1 },
      outputs: 3,
    });
    expect(outShape(r, 0)).toEqual([1, s, N * H]);
    expect(outShape(r, 1)).toEqual([1, KV, s, H]);
    const scores = N * s * s;
    const macs = 2 * scores * H;
    const rotary = 3 * (s * N * H + s * KV * H);
    expect(r.cost?.flops).toBe(2 * macs + scores * (1 + 1 + SOFTMAX) + rotary);
  });

  it('unknown total with symbolic past: present length unknown', () => {
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [
        t('float16', [B, S, N * H]),
        t('float16', [B, S, KV * H]),
        t('float16', [B, S, KV * H]),
        t('float16', [B, KV, 'past', H]),
        t('float16', [B, KV, 'past', H]),
        t('int32', [B]),
        t('int32', []),
      ],
      attrs: { num_heads: N, kv_num_heads: KV },
      outputs: 3,
    });
    expect(outShape(r, 1)).toEqual([B, KV, null, H]);
    expect(r.cost).toBeNull();
  });
});

describe('ai.onnx Attention (opset 23)', () => {
  it('4-D inputs with past: Y, present, qk output', () => {
    const [B, qN, kvN, S, L, P, H, Hv] = [2, 8, 2, 3, 3, 5, 16, 32];
    const r = runOp('Attention', {
      inputs: [
        t('float32', [B, qN, S, H]),
        t('float32', [B, kvN, L, H]),
        t('float32', [B, kvN, L, Hv]),
        undefined,
        t('float32', [B, kvN, P, H]),
        t('float32', [B, kvN, P, Hv]),
      ],
      omit: [3],
      attrs: { is_causal: 1 },
      outputs: 4,
      opset: 23,
    });
    const T = P + L;
    expect(outShape(r, 0)).toEqual([B, qN, S, Hv]);
    expect(outShape(r, 1)).toEqual([B, kvN, T, H]);
    expect(outShape(r, 2)).toEqual([B, kvN, T, Hv]);
    expect(outShape(r, 3)).toEqual([B, qN, S, T]);
    const scores = B * qN * S * T;
    const macs = scores * H + scores * Hv;
    // Q and K scaled by √scale, causal bias 1, softmax 5 per score
    const flops = 2 * macs + B * qN * S * H + B * kvN * T * H + scores * (1 + SOFTMAX);
    expect(r.cost).toEqual({ macs, flops, coreMacs: macs });
  });

  it('3-D inputs with head counts', () => {
    const r = runOp('Attention', {
      inputs: [t('float16', [1, 10, 4 * 8]), t('float16', [1, 12, 2 * 8]), t('float16', [1, 12, 2 * 6])],
      attrs: { q_num_heads: 4, kv_num_heads: 2, softcap: 30.5 },
      opset: 23,
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [1, 10, 4 * 6] });
    const scores = 1 * 4 * 10 * 12;
    const macs = scores * 8 + scores * 6;
    expect(r.cost?.flops).toBe(2 * macs + 1 * 4 * 10 * 8 + 1 * 2 * 12 * 8 + scores * (3 + SOFTMAX));
  });
});

describe('RotaryEmbedding', () => {
  it('com.microsoft full rotation on 3-D input', () => {
    const r = runOp('RotaryEmbedding', {
      domain: MS,
      inputs: [t('float32', [1, 5, 4 * 64]), t('int64', [1, 5]), t('float32', [512, 32]), t('float32', [512, 32])],
      attrs: { num_heads: 4 },
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [1, 5, 256] });
    expect(r.cost).toEqual({ macs: 0, flops: 3 * 1 * 5 * 256, coreMacs: 0 });
  });

  it('ai.onnx partial rotation on 4-D input', () => {
    const r = runOp('RotaryEmbedding', {
      inputs: [t('float32', [2, 4, 3, 64]), t('float32', [3, 16]), t('float32', [3, 16])],
      attrs: { rotary_embedding_dim: 32 },
      opset: 23,
    });
    expect(outShape(r)).toEqual([2, 4, 3, 64]);
    // half of every head is rotated
    expect(r.cost?.flops).toBe((3 * (2 * 4 * 3 * 64 * 32)) / 64);
  });

  it('unknown input', () => {
    const r = runOp('RotaryEmbedding', { inputs: [t('float32', null), t('float32', [3, 16]), t('float32', [3, 16])], opset: 23 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: null });
    expect(r.cost).toBeNull();
  });
});

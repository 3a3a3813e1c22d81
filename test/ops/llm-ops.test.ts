/**
 * The operators LLM exports use, from their specs (onnxruntime docs/ContribOperators.md; ONNX
 * Operators.md for opset 23): every input variant and attribute that changes a shape or a cost,
 * the KV-cache slots, empty caches (a prefill at past_sequence_length = 0), and malformed nodes
 * (a warning and unknown figures, never an exception). Expected costs are computed here from the
 * formulas in src/ops/attention.ts: scores = B·N·S·T, MACs = scores·(H + Hv), FLOPs = 2·MACs +
 * scores·(softmax 5 + scale 1 + causal 1 + masks) + per-element extras.
 */
import { describe, expect, it } from 'vitest';
import { lookupOp, registeredOps } from '../../src/ops/registry.js';
import { inferModel } from '../../src/analysis/infer.js';
import { totals } from '../../src/analysis/aggregate.js';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { encodeModel } from '../../src/formats/onnx/encode.js';
import { floatAttr, outShape, runOp, t, type AttrValue } from '../helpers/op.js';

const MS = 'com.microsoft';
const SOFTMAX = 5;

describe('cacheSlots: the attention operators that carry a KV cache say where it is', () => {
  const cases: [string, string, number[], number[], string[], string[]][] = [
    // domain, op, past slots, present slots, past input names (spec), present output names (spec)
    [MS, 'GroupQueryAttention', [3, 4], [1, 2], ['past_key', 'past_value'], ['present_key', 'present_value']],
    [MS, 'MultiHeadAttention', [6, 7], [1, 2], ['past_key', 'past_value'], ['present_key', 'present_value']],
    [MS, 'PagedAttention', [3, 4], [1, 2], ['key_cache', 'value_cache'], ['key_cache_out', 'value_cache_out']],
    [MS, 'Attention', [4], [1], ['past'], ['present']],
    [MS, 'QAttention', [8], [1], ['past'], ['present']],
    ['', 'Attention', [4, 5], [1, 2], ['past_key', 'past_value'], ['present_key', 'present_value']],
  ];
  it.each(cases)('%s %s: past %j, present %j', (domain, op, past, present) => {
    expect(lookupOp(domain, op)?.cacheSlots).toEqual({ past, present });
  });

  it('no other operator claims cache slots', () => {
    const withSlots = registeredOps().filter((k) => {
      const [domain, op] = [k.slice(0, k.lastIndexOf(':')), k.slice(k.lastIndexOf(':') + 1)];
      return lookupOp(domain, op)?.cacheSlots;
    });
    expect(withSlots.length).toBe(cases.length);
  });
});

describe('com.microsoft GroupQueryAttention', () => {
  const [B, N, KV, H] = [2, 8, 2, 16];

  it('prefill with separate Q, K, V and no past: present holds the S new keys', () => {
    const S = 5;
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [
        t('float16', [B, S, N * H]),
        t('float16', [B, S, KV * H]),
        t('float16', [B, S, KV * H]),
        undefined,
        undefined,
        t('int32', [B]),
        t('int32', [], [S]),
      ],
      omit: [3, 4],
      attrs: { num_heads: N, kv_num_heads: KV },
      outputs: 4,
    });
    expect(outShape(r, 0)).toEqual([B, S, N * H]);
    expect(outShape(r, 1)).toEqual([B, KV, S, H]);
    expect(outShape(r, 2)).toEqual([B, KV, S, H]);
    expect(outShape(r, 3)).toEqual([B, N, S, S]);
    const scores = B * N * S * S;
    const macs = 2 * scores * H;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + scores * (SOFTMAX + 1 + 1), coreMacs: macs });
  });

  it('prefill with an empty cache (past length 0): present = the new keys, scores over them only', () => {
    const S = 6;
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [
        t('float16', [1, S, N * H]),
        t('float16', [1, S, KV * H]),
        t('float16', [1, S, KV * H]),
        t('float16', [1, KV, 0, H]),
        t('float16', [1, KV, 0, H]),
        t('int32', [1]),
        t('int32', []),
      ],
      attrs: { num_heads: N, kv_num_heads: KV },
      outputs: 3,
    });
    expect(outShape(r, 1)).toEqual([1, KV, S, H]);
    expect(r.cost?.macs).toBe(2 * N * S * S * H);
  });

  it('decode: the context is past + 1 and MACs count every query head (not the KV heads)', () => {
    const P = 511;
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [
        t('float16', [B, 1, N * H]),
        t('float16', [B, 1, KV * H]),
        t('float16', [B, 1, KV * H]),
        t('float16', [B, KV, P, H]),
        t('float16', [B, KV, P, H]),
        t('int32', [B]),
        t('int32', []),
      ],
      attrs: { num_heads: N, kv_num_heads: KV },
      outputs: 3,
    });
    // total_sequence_length unknown and the past a fixed number: ONNX Runtime cannot tell a shared
    // buffer from a growing one, so the present length is left unknown (the declared one fills it).
    expect(outShape(r, 1)).toEqual([B, KV, null, H]);
    expect(r.cost?.macs).toBe(B * N * 1 * (P + 1) * H * 2);
  });

  it('a buffer shared by past and present (max_sequence_length) keeps its size; scores span total_sequence_length', () => {
    const [MAX, TOTAL] = [4096, 100];
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [
        t('float16', [1, 1, N * H]),
        t('float16', [1, 1, KV * H]),
        t('float16', [1, 1, KV * H]),
        t('float16', [1, KV, MAX, H]),
        t('float16', [1, KV, MAX, H]),
        t('int32', [1], [TOTAL - 1]),
        t('int32', [], [TOTAL]),
      ],
      attrs: { num_heads: N, kv_num_heads: KV },
      outputs: 3,
    });
    expect(outShape(r, 1)).toEqual([1, KV, MAX, H]);
    expect(r.cost?.macs).toBe(N * TOTAL * H * 2);
  });

  it("symbolic past and total (a cache that grows, total from the mask's shape): present is the total", () => {
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [
        t('float16', ['batch', 'seq', N * H]),
        t('float16', ['batch', 'seq', KV * H]),
        t('float16', ['batch', 'seq', KV * H]),
        t('float16', ['batch', KV, 'past', H]),
        t('float16', ['batch', KV, 'past', H]),
        t('int32', ['batch']),
        t('int32', [], ['total']),
      ],
      attrs: { num_heads: N, kv_num_heads: KV },
      outputs: 4,
    });
    expect(outShape(r, 1)).toEqual(['batch', KV, 'total', H]);
    expect(outShape(r, 3)).toEqual(['batch', N, 'seq', null]);
  });

  it('sliding-window cache: present keeps the window buffer', () => {
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [
        t('float16', [1, 1, N * H]),
        t('float16', [1, 1, KV * H]),
        t('float16', [1, 1, KV * H]),
        t('float16', [1, KV, 128, H]),
        t('float16', [1, KV, 128, H]),
        t('int32', [1], [999]),
        t('int32', [], [1000]),
      ],
      attrs: { num_heads: N, kv_num_heads: KV, local_window_size: 128, sliding_window_cache: 1 },
      outputs: 3,
    });
    expect(outShape(r, 1)).toEqual([1, KV, 128, H]);
  });

  it('int4-quantized cache: present keeps the packed head width and the cache dtype', () => {
    const P = 10;
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs: [
        t('float16', [1, 1, N * H]),
        t('float16', [1, 1, KV * H]),
        t('float16', [1, 1, KV * H]),
        t('uint8', [1, KV, P, H / 2]),
        t('uint8', [1, KV, P, H / 2]),
        t('int32', [1], [P]),
        t('int32', [], [P + 1]),
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        t('float32', [1]),
        t('float32', [1]),
      ],
      omit: [7, 8, 9, 10, 11],
      attrs: { num_heads: N, kv_num_heads: KV, kv_cache_bit_width: 4, k_quant_type: 'PER_TENSOR', v_quant_type: 'PER_TENSOR' },
      outputs: 3,
    });
    expect(r.outputs[1]).toMatchObject({ dtype: 'uint8', shape: [1, KV, P + 1, H / 2] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [1, 1, N * H] });
  });

  it('rotary over part of the head (a cos cache 8 wide: 16 of 32 channels), attention bias, softcap, Q/K RMS norm', () => {
    const [S, HEAD] = [3, 32];
    const inputs = [
      t('float32', [1, S, (N + 2 * KV) * HEAD]),
      undefined,
      undefined,
      undefined,
      undefined,
      t('int32', [1]),
      t('int32', [], [S]),
      t('float32', [64, 8]),
      t('float32', [64, 8]),
      undefined,
      t('float32', [1, N, S, S]),
      undefined,
      undefined,
      undefined,
      t('float32', [HEAD]),
      t('float32', [HEAD]),
    ];
    const r = runOp('GroupQueryAttention', {
      domain: MS,
      inputs,
      omit: [1, 2, 3, 4, 9, 11, 12, 13],
      attrs: { num_heads: N, kv_num_heads: KV, do_rotary: 1, softcap: floatAttr(30) },
      outputs: 3,
    });
    expect(outShape(r, 0)).toEqual([1, S, N * HEAD]);
    const scores = N * S * S;
    const macs = 2 * scores * HEAD;
    // per score: softmax 5, scale 1, causal 1, attention_bias 1, softcap 3
    const perScore = SOFTMAX + 1 + 1 + 1 + 3;
    const qRows = S * N;
    const kRows = S * KV;
    const rotary = 3 * (qRows + kRows) * 16; // 2 x 8 of the 32 channels of each head rotate
    const norm = 4 * (qRows + kRows) * HEAD + 3 * (qRows + kRows);
    expect(r.cost).toEqual({ macs, flops: 2 * macs + scores * perScore + rotary + norm, coreMacs: macs });
  });

  it('malformed: missing kv_num_heads, a hidden size the heads do not divide, a 2-D query: warnings, no figures', () => {
    const q = t('float16', [1, 4, 8 * 16]);
    const noKv = runOp('GroupQueryAttention', { domain: MS, inputs: [q, q, q], attrs: { num_heads: 8 }, outputs: 3 });
    expect(noKv.warnings.join()).toMatch(/num_heads and kv_num_heads must be positive/);
    expect(noKv.cost).toBeNull();
    expect(outShape(noKv)).toBeNull();
    const odd = runOp('GroupQueryAttention', { domain: MS, inputs: [t('float16', [1, 4, 100]), q, q], attrs: { num_heads: 8, kv_num_heads: 2 } });
    expect(odd.warnings.join()).toMatch(/hidden size 100 is not a multiple of num_heads/);
    expect(odd.cost).toBeNull();
    const flat = runOp('GroupQueryAttention', { domain: MS, inputs: [t('float16', [4, 128])], attrs: { num_heads: 8, kv_num_heads: 2 } });
    expect(flat.warnings.join()).toMatch(/query must be 3-D/);
  });
});

describe('com.microsoft MultiHeadAttention', () => {
  const [B, N, H] = [2, 4, 8];

  it('decode with past, unidirectional, key padding mask and attention bias', () => {
    const P = 9;
    const r = runOp('MultiHeadAttention', {
      domain: MS,
      inputs: [
        t('float32', [B, 1, N * H]),
        t('float32', [B, 1, N * H]),
        t('float32', [B, 1, N * H]),
        undefined,
        t('int32', [B, P + 1]),
        t('float32', [B, N, 1, P + 1]),
        t('float32', [B, N, P, H]),
        t('float32', [B, N, P, H]),
      ],
      omit: [3],
      attrs: { num_heads: N, unidirectional: 1 },
      outputs: 4,
    });
    expect(outShape(r, 1)).toEqual([B, N, P + 1, H]);
    expect(outShape(r, 3)).toEqual([B, N, 1, P + 1]);
    const scores = B * N * 1 * (P + 1);
    const macs = 2 * scores * H;
    // scale, key padding mask, attention bias, causal, softmax
    expect(r.cost).toEqual({ macs, flops: 2 * macs + scores * (1 + 1 + 1 + 1 + SOFTMAX), coreMacs: macs });
  });

  it('an empty past (length 0): present = the new keys', () => {
    const S = 7;
    const r = runOp('MultiHeadAttention', {
      domain: MS,
      inputs: [
        t('float32', [B, S, N * H]),
        t('float32', [B, S, N * H]),
        t('float32', [B, S, N * H]),
        undefined,
        undefined,
        undefined,
        t('float32', [B, N, 0, H]),
        t('float32', [B, N, 0, H]),
      ],
      omit: [3, 4, 5],
      attrs: { num_heads: N },
      outputs: 3,
    });
    expect(outShape(r, 1)).toEqual([B, N, S, H]);
    expect(r.cost?.macs).toBe(2 * B * N * S * S * H);
  });
});

describe('com.microsoft PagedAttention', () => {
  const [N, KV, H] = [8, 2, 16];
  const [BLOCKS, BLOCK, MAXB] = [64, 16, 8];
  const caches = [t('float16', [BLOCKS, BLOCK, KV, H]), t('float16', [BLOCKS, BLOCK, KV, H])];

  it('exact scores when the sequence lengths are known: Σ new x (past + new) per sequence', () => {
    // two sequences: 3 new tokens after 10 cached, 2 new after 0
    const [T, cum, past] = [5, [0, 3, 5], [10, 0]];
    const r = runOp('PagedAttention', {
      domain: MS,
      inputs: [
        t('float16', [T, N * H]),
        t('float16', [T, KV * H]),
        t('float16', [T, KV * H]),
        ...caches,
        t('int32', [3], cum),
        t('int32', [2], past),
        t('int32', [2, MAXB]),
      ],
      attrs: { num_heads: N, kv_num_heads: KV },
      outputs: 3,
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [T, N * H] });
    expect(outShape(r, 1)).toEqual([BLOCKS, BLOCK, KV, H]);
    const scores = N * (3 * (10 + 3) + 2 * (0 + 2));
    const macs = 2 * scores * H;
    // scale, causal (default 1), softmax
    expect(r.cost).toEqual({ macs, flops: 2 * macs + scores * (1 + 1 + SOFTMAX), coreMacs: macs });
    expect(r.warnings).toEqual([]);
  });

  it('unknown lengths: every token against the block table capacity, with a warning; packed QKV and rotary', () => {
    const T = 4;
    const r = runOp('PagedAttention', {
      domain: MS,
      inputs: [
        t('float16', [T, (N + 2 * KV) * H]),
        undefined,
        undefined,
        ...caches,
        t('int32', [2]),
        t('int32', [1]),
        t('int32', [1, MAXB]),
        t('float16', [4096, H / 2]),
        t('float16', [4096, H / 2]),
      ],
      omit: [1, 2],
      attrs: { num_heads: N, kv_num_heads: KV, do_rotary: 1 },
      outputs: 3,
    });
    expect(outShape(r)).toEqual([T, N * H]);
    const scores = N * T * MAXB * BLOCK;
    const macs = 2 * scores * H;
    const rotary = 3 * (T * N + T * KV) * H;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + scores * (1 + 1 + SOFTMAX) + rotary, coreMacs: macs });
    expect(r.warnings.join()).toMatch(/block table's capacity of 128 keys/);
  });

  it('malformed: a 3-D query', () => {
    const r = runOp('PagedAttention', { domain: MS, inputs: [t('float16', [1, 4, N * H])], attrs: { num_heads: N, kv_num_heads: KV } });
    expect(r.warnings.join()).toMatch(/query must be 2-D/);
    expect(r.cost).toBeNull();
  });
});

describe('ai.onnx Attention (23): past of length 0 and malformed nodes', () => {
  it('prefill with empty past_key / past_value: present = the new keys', () => {
    const [B, N, S, H] = [1, 4, 6, 8];
    const r = runOp('Attention', {
      inputs: [
        t('float32', [B, N, S, H]),
        t('float32', [B, N, S, H]),
        t('float32', [B, N, S, H]),
        undefined,
        t('float32', [B, N, 0, H]),
        t('float32', [B, N, 0, H]),
      ],
      omit: [3],
      attrs: { is_causal: 1 },
      outputs: 3,
      opset: 23,
    });
    expect(outShape(r, 1)).toEqual([B, N, S, H]);
    expect(r.cost?.macs).toBe(2 * B * N * S * S * H);
  });

  it('3-D inputs without head counts, past without its value: warnings, no figures', () => {
    const x = t('float32', [1, 4, 32]);
    const r = runOp('Attention', { inputs: [x, x, x], opset: 23 });
    expect(r.warnings.join()).toMatch(/3-D inputs need positive q_num_heads and kv_num_heads/);
    expect(r.cost).toBeNull();
    const half = runOp('Attention', {
      inputs: [t('float32', [1, 2, 4, 8]), t('float32', [1, 2, 4, 8]), t('float32', [1, 2, 4, 8]), undefined, t('float32', [1, 2, 3, 8])],
      omit: [3],
      opset: 23,
    });
    expect(half.warnings.join()).toMatch(/past_key and past_value must be given together/);
  });
});

describe('RotaryEmbedding', () => {
  it('com.microsoft: 4-D input, interleaved, one position id: whole heads rotate', () => {
    const r = runOp('RotaryEmbedding', {
      domain: MS,
      inputs: [t('float16', [2, 4, 3, 64]), t('int64', [1]), t('float16', [128, 32]), t('float16', [128, 32])],
      attrs: { interleaved: 1 },
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 4, 3, 64] });
    expect(r.cost?.flops).toBe(3 * 2 * 4 * 3 * 64);
  });

  it('com.microsoft: 3-D input with num_heads and a partial rotary_embedding_dim', () => {
    const r = runOp('RotaryEmbedding', {
      domain: MS,
      inputs: [t('float32', [1, 5, 4 * 64]), t('int64', [1, 5]), t('float32', [512, 16]), t('float32', [512, 16])],
      attrs: { num_heads: 4, rotary_embedding_dim: 32 },
    });
    // 32 of each head's 64 channels rotate
    expect(r.cost?.flops).toBe(3 * 5 * 4 * 32);
  });

  it('ai.onnx: a 3-D input without num_heads, a 2-D input: warnings', () => {
    const r = runOp('RotaryEmbedding', { inputs: [t('float32', [1, 5, 64]), t('float32', [5, 16]), t('float32', [5, 16])], opset: 23 });
    expect(r.warnings.join()).toMatch(/a 3-D input needs num_heads/);
    const flat = runOp('RotaryEmbedding', { domain: MS, inputs: [t('float32', [5, 64]), t('int64', [1]), t('float32', [5, 32]), t('float32', [5, 32])] });
    expect(flat.warnings.join()).toMatch(/input must be 3-D or 4-D/);
  });
});

describe('com.microsoft MatMulNBits', () => {
  const [K, N] = [4096, 1024];

  it('8 bits, zero points, g_idx and bias: bias adds one per output element', () => {
    const r = runOp('MatMulNBits', {
      domain: MS,
      inputs: [t('float16', [3, K]), t('uint8', [N, K / 128, 128]), t('float16', [N, K / 128]), t('uint8', [N, K / 128]), t('int32', [K]), t('float16', [N])],
      attrs: { K, N, bits: 8, block_size: 128 },
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [3, N] });
    const macs = 3 * K * N;
    expect(r.cost).toEqual({ macs, flops: 2 * macs + 2 * N * K + 3 * N, coreMacs: macs });
    expect(r.warnings).toEqual([]);
  });

  it('malformed: B not [N, k_blocks, blob], A not K wide, bits 9, block_size 24, K missing', () => {
    const bad = runOp('MatMulNBits', {
      domain: MS,
      inputs: [t('float32', [1, 100]), t('uint8', [N, 3, 16]), t('float32', [N * 3])],
      attrs: { K, N, bits: 4, block_size: 32 },
    });
    const w = bad.warnings.join(' | ');
    expect(w).toMatch(/A's last dim is 100 but K is 4096/);
    expect(w).toMatch(/B is \[1024, 3, 16\], expected \[1024, 128, 16\]/);
    const attrs = runOp('MatMulNBits', { domain: MS, inputs: [t('float32', [1, K])], attrs: { K, N, bits: 9, block_size: 24 } });
    expect(attrs.warnings.join()).toMatch(/bits is 9.*block_size is 24/);
    const noK = runOp('MatMulNBits', { domain: MS, inputs: [t('float32', [1, K])], attrs: { N } });
    expect(noK.warnings.join()).toMatch(/K and N are required/);
    expect(noK.cost).toBeNull();
  });
});

describe('MatMulNBits weights in a model: params are the K x N values, bytes as stored', () => {
  it('K not a multiple of block_size (the last block padded), packed zero points, float scales', () => {
    const [K, N, BLOCK] = [80, 24, 32];
    const blocks = Math.ceil(K / BLOCK); // 3, the last one half padding
    const zpBytes = N * Math.ceil((blocks * 4) / 8);
    const r = inferModel(
      decodeModel(
        encodeModel({
          opsets: { '': 21, 'com.microsoft': 1 },
          graph: {
            nodes: [{ op: 'MatMulNBits', domain: MS, inputs: ['x', 'w', 's', 'zp'], outputs: ['y'], attrs: { K, N, bits: 4, block_size: BLOCK } }],
            inputs: [{ name: 'x', dtype: 'float32', shape: [2, K] }],
            outputs: [{ name: 'y', dtype: 'float32' }],
            initializers: [
              { name: 'w', dtype: 'uint8', dims: [N, blocks, BLOCK / 2], raw: new Uint8Array(N * blocks * (BLOCK / 2)) },
              { name: 's', dtype: 'float32', dims: [N, blocks], raw: new Uint8Array(N * blocks * 4) },
              { name: 'zp', dtype: 'uint8', dims: [N, zpBytes / N], raw: new Uint8Array(zpBytes) },
            ],
          },
        }),
      ),
    );
    const t = totals(r);
    expect(r.warnings).toEqual([]);
    // K x N values (not the padded 96 x N); scales and zero points are bytes, not params
    expect(t.params).toBe(K * N);
    expect(t.weightBytes).toBe(N * blocks * (BLOCK / 2) + N * blocks * 4 + zpBytes);
    expect(t.macs).toBe(2 * K * N);
  });
});

describe('hostile inputs: the LLM operators never fail, whatever the shapes and attributes', () => {
  const ops: [string, string, number][] = [
    [MS, 'GroupQueryAttention', 16],
    [MS, 'MultiHeadAttention', 10],
    [MS, 'PagedAttention', 17],
    [MS, 'RotaryEmbedding', 4],
    [MS, 'MatMulNBits', 6],
    [MS, 'SkipSimplifiedLayerNormalization', 4],
    [MS, 'SimplifiedLayerNormalization', 2],
    ['', 'Attention', 7],
    ['', 'RMSNormalization', 2],
    ['', 'RotaryEmbedding', 4],
  ];
  const shapes = [null, [], [0], [3], [2, 0], [1, 5, 7], [2, 'seq', 64], [1, 4, 0, 16], [1, 2, 3, 4, 5], [0, 0, 0, 0]];
  const attrSets: Record<string, AttrValue>[] = [
    {},
    { num_heads: 0, kv_num_heads: 0, q_num_heads: -1 },
    { num_heads: 4, kv_num_heads: 2, q_num_heads: 4, do_rotary: 1, K: 64, N: 8, bits: 4, block_size: 32, rotary_embedding_dim: 7 },
    { num_heads: 3, kv_num_heads: 5, K: -1, N: 0, bits: 0, block_size: 0, axis: 9, sliding_window_cache: 1, kv_cache_layout: 'LATENT' },
  ];
  it.each(ops)('%s %s', (domain, op, arity) => {
    let runs = 0;
    for (const attrs of attrSets) {
      for (let i = 0; i < shapes.length; i++) {
        // Every input gets a shape from the list, rotated per input so ranks mix.
        const inputs = Array.from({ length: arity }, (_, j) => t(j === 5 || j === 6 ? 'int32' : 'float16', shapes[(i + j) % shapes.length] as never));
        for (const take of [1, 3, arity]) {
          const r = runOp(op, { domain, inputs: inputs.slice(0, take), attrs, outputs: 4, opset: 23 });
          expect(r.warnings.filter((w) => /rule failed/.test(w))).toEqual([]);
          runs++;
        }
      }
    }
    expect(runs).toBe(attrSets.length * shapes.length * 3);
  });
});

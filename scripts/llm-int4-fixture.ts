/**
 * A small Llama-style decoder as ONNX Runtime GenAI's model builder writes it, in two variants
 * built with the project's ONNX writer (src/formats/onnx/encode.ts), committed under
 * test/fixtures/models/:
 *
 *   llama_tiny_fp32.onnx   projections as MatMul with float32 weights [K, N]
 *   llama_tiny_int4.onnx   the same projections as com.microsoft MatMulNBits, 4 bits, block 32:
 *                          B uint8 [N, K/32, 16], scales float32 [N, K/32], no zero points
 *
 * Regenerate with `npx tsx scripts/llm-int4-fixture.ts` (deterministic: a seeded generator).
 *
 * Per layer: SimplifiedLayerNormalization (layer 0) or SkipSimplifiedLayerNormalization (the
 * residual add fused), q/k/v projections, com.microsoft GroupQueryAttention (grouped heads, RoPE
 * from cos/sin caches, past/present KV cache), o projection, SkipSimplifiedLayerNormalization,
 * SwiGLU MLP (gate · SiLU, up, down); a final norm and the lm_head. Inputs are GenAI's:
 * input_ids [batch, sequence_length], attention_mask [batch, total_sequence_length] (seqlens_k =
 * ReduceSum(mask) - 1, total_sequence_length = Shape(mask)[1]), past_key_values.N.key / .value
 * [batch, kv_heads, past_sequence_length, head]; outputs logits and present.N.key / .value.
 * The embedding table, norm weights and cos/sin caches stay float32 in both variants.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeModel, type ModelSpec, type NodeSpec, type TensorSpec } from '../src/formats/onnx/encode.js';

export const ARCH = {
  vocab: 256,
  hidden: 64,
  heads: 4,
  kvHeads: 2,
  head: 16,
  ffn: 128,
  layers: 2,
  maxPositions: 256,
  /** MatMulNBits: bits per weight and values per quantization block (along K). */
  bits: 4,
  block: 32,
} as const;

export type Variant = 'fp32' | 'int4';

/** The projections, per layer and for the lm_head: name, K (in), N (out). */
export function projections(): { name: string; k: number; n: number }[] {
  const { hidden, heads, kvHeads, head, ffn, vocab, layers } = ARCH;
  const out: { name: string; k: number; n: number }[] = [];
  for (let l = 0; l < layers; l++) {
    out.push(
      { name: `layers.${l}.attn.q_proj`, k: hidden, n: heads * head },
      { name: `layers.${l}.attn.k_proj`, k: hidden, n: kvHeads * head },
      { name: `layers.${l}.attn.v_proj`, k: hidden, n: kvHeads * head },
      { name: `layers.${l}.attn.o_proj`, k: heads * head, n: hidden },
      { name: `layers.${l}.mlp.gate_proj`, k: hidden, n: ffn },
      { name: `layers.${l}.mlp.up_proj`, k: hidden, n: ffn },
      { name: `layers.${l}.mlp.down_proj`, k: ffn, n: hidden },
    );
  }
  out.push({ name: 'lm_head', k: hidden, n: vocab });
  return out;
}

/** mulberry32: a small seeded generator, so the files are the same on every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function floats(name: string, dims: number[], next: () => number, scale = 0.05, offset = 0): TensorSpec {
  const n = dims.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = offset + (next() * 2 - 1) * scale;
  return { name, dtype: 'float32', dims, raw: new Uint8Array(v.buffer) };
}

function bytes(name: string, dims: number[], next: () => number): TensorSpec {
  const n = dims.reduce((a, b) => a * b, 1);
  const v = new Uint8Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.floor(next() * 256);
  return { name, dtype: 'uint8', dims, raw: v };
}

export function decoderSpec(variant: Variant): ModelSpec {
  const { vocab, hidden, heads, kvHeads, head, layers, maxPositions, bits, block } = ARCH;
  const next = generator(13);
  const nodes: NodeSpec[] = [];
  const inits: TensorSpec[] = [];
  const node = (op: string, inputs: string[], outputs: string[], attrs?: NodeSpec['attrs'], domain?: string) => {
    nodes.push({ op, inputs, outputs, name: outputs[0].replace(/\W/g, '_'), ...(attrs ? { attrs } : {}), ...(domain ? { domain } : {}) });
  };
  const linear = (name: string, x: string, k: number, n: number): string => {
    const y = `${name}/out`;
    if (variant === 'fp32') {
      inits.push(floats(`${name}.weight`, [k, n], next));
      node('MatMul', [x, `${name}.weight`], [y]);
    } else {
      const blocks = Math.ceil(k / block);
      inits.push(bytes(`${name}.weight_Q4`, [n, blocks, (block * bits) / 8], next));
      inits.push(floats(`${name}.weight_scales`, [n, blocks], next, 0.005, 0.01));
      node('MatMulNBits', [x, `${name}.weight_Q4`, `${name}.weight_scales`], [y], { K: k, N: n, bits, block_size: block, accuracy_level: 4 }, 'com.microsoft');
    }
    return y;
  };

  inits.push(floats('embed_tokens.weight', [vocab, hidden], next));
  inits.push(floats('cos_cache', [maxPositions, head / 2], next, 1));
  inits.push(floats('sin_cache', [maxPositions, head / 2], next, 1));
  inits.push({ name: 'one_i64', dtype: 'int64', dims: [], values: [1] });
  inits.push({ name: 'axis_1', dtype: 'int64', dims: [1], values: [1] });

  // GenAI's attention-mask preprocessing: seqlens_k and total_sequence_length for GQA.
  node('ReduceSum', ['attention_mask', 'axis_1'], ['mask/sum'], { keepdims: 0 });
  node('Sub', ['mask/sum', 'one_i64'], ['mask/seqlens_k_i64']);
  node('Cast', ['mask/seqlens_k_i64'], ['seqlens_k'], { to: 6 });
  node('Shape', ['attention_mask'], ['mask/shape']);
  node('Gather', ['mask/shape', 'one_i64'], ['mask/total_i64'], { axis: 0 });
  node('Cast', ['mask/total_i64'], ['total_sequence_length'], { to: 6 });

  node('Gather', ['embed_tokens.weight', 'input_ids'], ['embeddings']);
  let residual = 'embeddings';
  let normed = '';
  for (let l = 0; l < layers; l++) {
    const p = `layers.${l}`;
    inits.push(floats(`${p}.input_layernorm.weight`, [hidden], next, 0.1, 1));
    inits.push(floats(`${p}.post_attention_layernorm.weight`, [hidden], next, 0.1, 1));
    if (l === 0) {
      node('SimplifiedLayerNormalization', [residual, `${p}.input_layernorm.weight`], [`${p}.input_layernorm/out`], { axis: -1, epsilon: { float: 1e-5 } });
    } else {
      node(
        'SkipSimplifiedLayerNormalization',
        [normed, residual, `${p}.input_layernorm.weight`],
        [`${p}.input_layernorm/out`, '', '', `${p}.input_layernorm/sum`],
        { epsilon: { float: 1e-5 } },
        'com.microsoft',
      );
      residual = `${p}.input_layernorm/sum`;
    }
    const x = `${p}.input_layernorm/out`;
    const q = linear(`${p}.attn.q_proj`, x, hidden, heads * head);
    const k = linear(`${p}.attn.k_proj`, x, hidden, kvHeads * head);
    const v = linear(`${p}.attn.v_proj`, x, hidden, kvHeads * head);
    node(
      'GroupQueryAttention',
      [q, k, v, `past_key_values.${l}.key`, `past_key_values.${l}.value`, 'seqlens_k', 'total_sequence_length', 'cos_cache', 'sin_cache'],
      [`${p}.attn/out`, `present.${l}.key`, `present.${l}.value`],
      { num_heads: heads, kv_num_heads: kvHeads, do_rotary: 1, scale: { float: 1 / Math.sqrt(head) } },
      'com.microsoft',
    );
    const o = linear(`${p}.attn.o_proj`, `${p}.attn/out`, heads * head, hidden);
    node(
      'SkipSimplifiedLayerNormalization',
      [o, residual, `${p}.post_attention_layernorm.weight`],
      [`${p}.post_attention_layernorm/out`, '', '', `${p}.post_attention_layernorm/sum`],
      { epsilon: { float: 1e-5 } },
      'com.microsoft',
    );
    residual = `${p}.post_attention_layernorm/sum`;
    const h = `${p}.post_attention_layernorm/out`;
    const gate = linear(`${p}.mlp.gate_proj`, h, hidden, ARCH.ffn);
    const up = linear(`${p}.mlp.up_proj`, h, hidden, ARCH.ffn);
    node('Sigmoid', [gate], [`${p}.mlp/sigmoid`]);
    node('Mul', [gate, `${p}.mlp/sigmoid`], [`${p}.mlp/silu`]);
    node('Mul', [`${p}.mlp/silu`, up], [`${p}.mlp/gated`]);
    normed = linear(`${p}.mlp.down_proj`, `${p}.mlp/gated`, ARCH.ffn, hidden);
  }
  inits.push(floats('norm.weight', [hidden], next, 0.1, 1));
  node('SkipSimplifiedLayerNormalization', [normed, residual, 'norm.weight'], ['norm/out'], { epsilon: { float: 1e-5 } }, 'com.microsoft');
  const logits = linear('lm_head', 'norm/out', hidden, vocab);
  node('Identity', [logits], ['logits']);

  const cache = (prefix: string, seq: string) =>
    Array.from({ length: layers }, (_, l) =>
      ['key', 'value'].map((kv) => ({ name: `${prefix}.${l}.${kv}`, dtype: 'float32' as const, shape: ['batch_size', kvHeads, seq, head] })),
    ).flat();
  return {
    irVersion: 8,
    opsets: { '': 21, 'com.microsoft': 1 },
    producer: 'model-budget scripts/llm-int4-fixture.ts',
    graph: {
      name: `llama_tiny_${variant}`,
      nodes,
      inputs: [
        { name: 'input_ids', dtype: 'int64', shape: ['batch_size', 'sequence_length'] },
        { name: 'attention_mask', dtype: 'int64', shape: ['batch_size', 'total_sequence_length'] },
        ...cache('past_key_values', 'past_sequence_length'),
      ],
      outputs: [{ name: 'logits', dtype: 'float32', shape: ['batch_size', 'sequence_length', vocab] }, ...cache('present', 'total_sequence_length')],
      initializers: inits,
    },
  };
}

export const FIXTURES: Record<Variant, string> = { fp32: 'llama_tiny_fp32.onnx', int4: 'llama_tiny_int4.onnx' };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const variant of ['fp32', 'int4'] as const) {
    const out = fileURLToPath(new URL(`../test/fixtures/models/${FIXTURES[variant]}`, import.meta.url));
    const bytes = encodeModel(decoderSpec(variant));
    writeFileSync(out, bytes);
    console.log(`${out}: ${bytes.length} bytes`);
  }
}

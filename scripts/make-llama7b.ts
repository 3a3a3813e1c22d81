/**
 * A Llama-2-7B-shaped decoder as ONNX, without its weights (issue 13):
 *
 *   npx tsx scripts/make-llama7b.ts [out.onnx]     (default: llama-2-7b.onnx in the current folder)
 *
 * writes the graph a torch export of Hugging Face's LlamaForCausalLM (opset 17, eager attention,
 * `use_cache=True`) has, with every learned weight stored as EXTERNAL fp16 data in
 * `<name>.data`, a file that is never written: analyse it with `--allow-missing-weights`. The
 * graph is small (about 2,000 nodes, ~200 KB) and written in milliseconds.
 *
 * Architecture (Llama-2-7B, Touvron et al. 2023; the Hugging Face config of meta-llama/Llama-2-7b-hf):
 * 32 layers, hidden 4096, 32 heads of 128 (no grouped-query attention at 7B), SwiGLU FFN 11008,
 * vocab 32000, RMSNorm eps 1e-5, RoPE base 10000, untied embedding and LM head. Learned weights:
 * 32000·4096 (embedding) + 32 × (4·4096² + 3·4096·11008 + 2·4096) + 4096 (final norm) +
 * 4096·32000 (LM head) = 6,738,415,616, the published count.
 *
 * As torch writes it, per layer:
 * - RMSNorm decomposed (LlamaRMSNorm: upcast, `pow(2).mean(-1)`, `rsqrt(var + eps)`, downcast,
 *   scale): Cast, Pow, ReduceMean, Add, Sqrt, Div, Mul, Cast, Mul.
 * - q / k / v / o projections as MatMul on the transposed [in, out] weights, Reshape + Transpose
 *   to [batch, 32, sequence, 128].
 * - RoPE as `q * cos + rotate_half(q) * sin`: Slice, Slice, Neg, Concat, Mul, Mul, Add; cos / sin
 *   computed once per run from the positions and the `inv_freq` buffer (64 fp32 values), as
 *   transformers' LlamaRotaryEmbedding does since 4.38.
 * - the KV cache: `past_key_values.N.key|value` [batch, 32, past_sequence, 128] fp16 inputs,
 *   Concat along axis 2 with this step's keys / values, returned as `present.N.key|value`.
 * - attention: MatMul(q, kᵀ), Div by √128, Add the causal + padding mask, Softmax in fp32 (Cast,
 *   Softmax, Cast), MatMul with v, Transpose + Reshape, o projection, residual Add.
 * - SwiGLU MLP: gate and up MatMul, SiLU as Sigmoid + Mul, Mul, down MatMul, residual Add.
 * Then the final RMSNorm, the LM head MatMul and `logits.float()` (Cast to fp32).
 *
 * Inputs: input_ids [batch, sequence] int64, attention_mask [batch, total_sequence] int64
 * (total_sequence = past_sequence + sequence), the 64 cache inputs. Outputs: logits [batch,
 * sequence, 32000] fp32 and the 64 present tensors [batch, 32, total_sequence, 128] fp16.
 *
 * Besides the learned weights the graph holds non-learned float constants, which the tool counts
 * as params like any float initializer (README, "What it measures"): `inv_freq` (head_dim / 2 =
 * 64 values) and the scalars listed in NON_LEARNED_SCALARS.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { encodeModel, type ModelSpec, type NodeSpec, type TensorSpec, type ValueSpec } from '../src/formats/onnx/encode.js';

export interface LlamaConfig {
  layers: number;
  hidden: number;
  heads: number;
  ffn: number;
  vocab: number;
  ropeBase: number;
  rmsEps: number;
}

/** Llama-2-7B (meta-llama/Llama-2-7b-hf config.json). */
export const LLAMA_2_7B: LlamaConfig = { layers: 32, hidden: 4096, heads: 32, ffn: 11008, vocab: 32000, ropeBase: 10000, rmsEps: 1e-5 };

/** The non-learned float scalars the graph uses (one initializer each, shared by every layer). */
export const NON_LEARNED_SCALARS = ['const.pow_two', 'const.rms_eps', 'const.one', 'const.attn_scale', 'const.mask_min'] as const;

const FLOAT = 1;
const FLOAT16 = 10;

/** IEEE half bits of a float (round to nearest even), for the fp16 scalars. */
function halfBits(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp <= 0) return sign; // tiny: 0 (no subnormal scalars here)
  if (exp >= 31) return sign | 0x7c00;
  let h = sign | (exp << 10) | (mant >>> 13);
  mant &= 0x1fff;
  if (mant > 0x1000 || (mant === 0x1000 && (h & 1) === 1)) h++;
  return h;
}

/** The ONNX ModelSpec of a Llama-style decoder with a KV cache; learned weights external in `dataFile`. */
export function llamaSpec(cfg: LlamaConfig = LLAMA_2_7B, dataFile = 'llama-2-7b.onnx.data'): ModelSpec {
  const { layers, hidden, heads, ffn, vocab } = cfg;
  const headDim = hidden / heads;
  if (!Number.isInteger(headDim) || headDim % 2 !== 0) throw new Error('hidden / heads must be an even whole number');
  const nodes: NodeSpec[] = [];
  const inits: TensorSpec[] = [];
  let offset = 0;
  /** A learned fp16 weight, stored externally at the next offset of the (absent) data file. */
  const weight = (name: string, dims: number[]): string => {
    const length = dims.reduce((a, b) => a * b, 1) * 2;
    inits.push({ name, dtype: 'float16', dims, external: { location: dataFile, offset, length } });
    offset += length;
    return name;
  };
  const i64 = (name: string, values: number[], dims = [values.length]): string => {
    inits.push({ name, dtype: 'int64', dims, values });
    return name;
  };
  const node = (op: string, name: string, inputs: string[], attrs?: NodeSpec['attrs'], outputs?: string[]): string => {
    const outs = outputs ?? [`${name}_output_0`];
    nodes.push({ op, name, inputs, outputs: outs, ...(attrs ? { attrs } : {}) });
    return outs[0];
  };

  // Shared constants (inline, as torch writes small tensors).
  inits.push({ name: 'const.pow_two', dtype: 'float32', dims: [], values: [2] });
  inits.push({ name: 'const.rms_eps', dtype: 'float32', dims: [], values: [cfg.rmsEps] });
  inits.push({ name: 'const.one', dtype: 'float32', dims: [], values: [1] });
  inits.push({ name: 'const.attn_scale', dtype: 'float16', dims: [], values: [halfBits(Math.sqrt(headDim))] });
  inits.push({ name: 'const.mask_min', dtype: 'float16', dims: [], values: [halfBits(-65504)] });
  const invFreq = Array.from({ length: headDim / 2 }, (_, i) => 1 / cfg.ropeBase ** ((2 * i) / headDim));
  inits.push({ name: 'model.rotary_emb.inv_freq', dtype: 'float32', dims: [headDim / 2], values: invFreq });
  const zeroScalar = i64('const.i64_zero', [0], []);
  const oneScalar = i64('const.i64_one', [1], []);
  const twoIdx = i64('const.i64_two', [2], []);
  const axisM1 = i64('const.axes_m1', [-1]);
  const axis1 = i64('const.axes_1', [1]);
  const axes12 = i64('const.axes_1_2', [1, 2]);
  const halfStart = i64('const.half', [headDim / 2]);
  const startZero = i64('const.start_0', [0]);
  const endMax = i64('const.end_max', [2 ** 62]);
  const headShape = i64('const.head_shape', [0, 0, heads, headDim]);
  const mergedShape = i64('const.merged_shape', [0, 0, hidden]);

  // Lengths, positions, RoPE tables and the mask: once per run, shared by the layers.
  const pastLen = node('Gather', '/model/Gather_past', [node('Shape', '/model/Shape_past', ['past_key_values.0.key']), twoIdx], { axis: 0 });
  const seqLen = node('Gather', '/model/Gather_seq', [node('Shape', '/model/Shape_ids', ['input_ids']), oneScalar], { axis: 0 });
  const totalLen = node('Add', '/model/Add_total', [pastLen, seqLen]);
  const positions = node('Range', '/model/Range_positions', [pastLen, totalLen, oneScalar]);
  const posF = node('Unsqueeze', '/model/rotary_emb/Unsqueeze', [node('Cast', '/model/rotary_emb/Cast', [positions], { to: FLOAT }), axis1]);
  const freqs = node('Mul', '/model/rotary_emb/Mul', [posF, 'model.rotary_emb.inv_freq']);
  const emb = node('Concat', '/model/rotary_emb/Concat', [freqs, freqs], { axis: -1 });
  const cos = node('Cast', '/model/rotary_emb/Cast_cos', [node('Cos', '/model/rotary_emb/Cos', [emb])], { to: FLOAT16 });
  const sin = node('Cast', '/model/rotary_emb/Cast_sin', [node('Sin', '/model/rotary_emb/Sin', [emb])], { to: FLOAT16 });
  const maskLen = node('Gather', '/model/Gather_mask_len', [node('Shape', '/model/Shape_mask', ['attention_mask']), oneScalar], { axis: 0 });
  const keyPos = node('Range', '/model/Range_keys', [zeroScalar, maskLen, oneScalar]);
  const causal = node('Greater', '/model/Greater_causal', [keyPos, node('Unsqueeze', '/model/Unsqueeze_query', [positions, axis1])]);
  const padding = node('Unsqueeze', '/model/Unsqueeze_pad', [node('Equal', '/model/Equal_pad', ['attention_mask', zeroScalar]), axes12]);
  const masked = node('Or', '/model/Or_mask', [padding, causal]);
  const mask = node('Mul', '/model/Mul_mask', [node('Cast', '/model/Cast_mask', [masked], { to: FLOAT16 }), 'const.mask_min']);

  const rmsNorm = (prefix: string, x: string, w: string): string => {
    const xf = node('Cast', `${prefix}/Cast`, [x], { to: FLOAT });
    const sq = node('Pow', `${prefix}/Pow`, [xf, 'const.pow_two']);
    const mean = node('ReduceMean', `${prefix}/ReduceMean`, [sq], { axes: [-1], keepdims: 1 });
    const sd = node('Sqrt', `${prefix}/Sqrt`, [node('Add', `${prefix}/Add`, [mean, 'const.rms_eps'])]);
    const inv = node('Div', `${prefix}/Div`, ['const.one', sd]);
    const normed = node('Cast', `${prefix}/Cast_1`, [node('Mul', `${prefix}/Mul`, [xf, inv])], { to: FLOAT16 });
    return node('Mul', `${prefix}/Mul_1`, [w, normed]);
  };
  const heads4d = (prefix: string, t: string): string =>
    node('Transpose', `${prefix}/Transpose`, [node('Reshape', `${prefix}/Reshape`, [t, headShape])], { perm: [0, 2, 1, 3] });
  const rope = (prefix: string, t: string): string => {
    const x1 = node('Slice', `${prefix}/Slice`, [t, startZero, halfStart, axisM1]);
    const x2 = node('Slice', `${prefix}/Slice_1`, [t, halfStart, endMax, axisM1]);
    const rotated = node('Concat', `${prefix}/Concat`, [node('Neg', `${prefix}/Neg`, [x2]), x1], { axis: -1 });
    return node('Add', `${prefix}/Add`, [node('Mul', `${prefix}/Mul`, [t, cos]), node('Mul', `${prefix}/Mul_1`, [rotated, sin])]);
  };

  let x = node('Gather', '/model/embed_tokens/Gather', [weight('model.embed_tokens.weight', [vocab, hidden]), 'input_ids'], { axis: 0 });
  const cacheInputs: ValueSpec[] = [];
  const cacheOutputs: ValueSpec[] = [];
  for (let l = 0; l < layers; l++) {
    const p = `/model/layers.${l}`;
    const w = (s: string) => `model.layers.${l}.${s}`;
    const h = rmsNorm(`${p}/input_layernorm`, x, weight(w('input_layernorm.weight'), [hidden]));
    const proj = (name: string, input: string, inDim: number, outDim: number, sub = 'self_attn') =>
      node('MatMul', `${p}/${sub}/${name}/MatMul`, [input, weight(w(`${sub}.${name}.weight`), [inDim, outDim])]);
    const q = rope(`${p}/self_attn/rotary_q`, heads4d(`${p}/self_attn/q`, proj('q_proj', h, hidden, hidden)));
    const k = rope(`${p}/self_attn/rotary_k`, heads4d(`${p}/self_attn/k`, proj('k_proj', h, hidden, hidden)));
    const v = heads4d(`${p}/self_attn/v`, proj('v_proj', h, hidden, hidden));
    for (const kind of ['key', 'value']) {
      cacheInputs.push({ name: `past_key_values.${l}.${kind}`, dtype: 'float16', shape: ['batch', heads, 'past_sequence', headDim] });
      cacheOutputs.push({ name: `present.${l}.${kind}`, dtype: 'float16', shape: ['batch', heads, 'total_sequence', headDim] });
    }
    const keys = node('Concat', `${p}/self_attn/Concat_k`, [`past_key_values.${l}.key`, k], { axis: 2 }, [`present.${l}.key`]);
    const values = node('Concat', `${p}/self_attn/Concat_v`, [`past_key_values.${l}.value`, v], { axis: 2 }, [`present.${l}.value`]);
    const kT = node('Transpose', `${p}/self_attn/Transpose_k`, [keys], { perm: [0, 1, 3, 2] });
    const scores = node('Div', `${p}/self_attn/Div`, [node('MatMul', `${p}/self_attn/MatMul`, [q, kT]), 'const.attn_scale']);
    const logits32 = node('Cast', `${p}/self_attn/Cast`, [node('Add', `${p}/self_attn/Add_mask`, [scores, mask])], { to: FLOAT });
    const probs = node('Cast', `${p}/self_attn/Cast_1`, [node('Softmax', `${p}/self_attn/Softmax`, [logits32], { axis: -1 })], { to: FLOAT16 });
    const ctx = node('MatMul', `${p}/self_attn/MatMul_1`, [probs, values]);
    const merged = node('Reshape', `${p}/self_attn/Reshape_out`, [
      node('Transpose', `${p}/self_attn/Transpose_out`, [ctx], { perm: [0, 2, 1, 3] }),
      mergedShape,
    ]);
    x = node('Add', `${p}/Add`, [x, proj('o_proj', merged, hidden, hidden)]);
    const h2 = rmsNorm(`${p}/post_attention_layernorm`, x, weight(w('post_attention_layernorm.weight'), [hidden]));
    const gate = proj('gate_proj', h2, hidden, ffn, 'mlp');
    const act = node('Mul', `${p}/mlp/act_fn/Mul`, [gate, node('Sigmoid', `${p}/mlp/act_fn/Sigmoid`, [gate])]);
    const up = proj('up_proj', h2, hidden, ffn, 'mlp');
    const down = proj('down_proj', node('Mul', `${p}/mlp/Mul`, [act, up]), ffn, hidden, 'mlp');
    x = node('Add', `${p}/Add_1`, [x, down]);
  }
  const final = rmsNorm('/model/norm', x, weight('model.norm.weight', [hidden]));
  const head = node('MatMul', '/lm_head/MatMul', [final, weight('lm_head.weight', [hidden, vocab])]);
  node('Cast', '/Cast_logits', [head], { to: FLOAT }, ['logits']);

  return {
    irVersion: 8,
    opsets: { '': 17 },
    producer: 'model-budget scripts/make-llama7b.ts (torch-export layout)',
    graph: {
      name: 'llama-2-7b',
      nodes,
      inputs: [
        { name: 'input_ids', dtype: 'int64', shape: ['batch', 'sequence'] },
        { name: 'attention_mask', dtype: 'int64', shape: ['batch', 'total_sequence'] },
        ...cacheInputs,
      ],
      outputs: [{ name: 'logits', dtype: 'float32', shape: ['batch', 'sequence', vocab] }, ...cacheOutputs],
      initializers: inits,
    },
  };
}

/** Writes the graph to `path`; its weights are named as `<file name>.data` beside it, and not written. */
export function writeLlama(path: string, cfg: LlamaConfig = LLAMA_2_7B): Uint8Array {
  const bytes = encodeModel(llamaSpec(cfg, `${basename(path)}.data`));
  writeFileSync(path, bytes);
  return bytes;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const out = process.argv[2] ?? 'llama-2-7b.onnx';
  const bytes = writeLlama(out);
  console.log(`${out}: ${bytes.length} bytes (weights external in ${basename(out)}.data, not written)`);
}

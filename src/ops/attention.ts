/**
 * Attention family: com.microsoft Attention, QAttention, MultiHeadAttention,
 * GroupQueryAttention, PagedAttention, RotaryEmbedding, and ai.onnx Attention (23+) and
 * RotaryEmbedding (23+). Shapes follow onnxruntime's docs/ContribOperators.md and ONNX's
 * Operators.md (inputs, attributes, the shape functions in bert_defs.cc / nn/defs.cc).
 *
 * Notation: B batch, S query length, T total key length (past + new), L new key/value length,
 * N query heads, H head size (Q·K), Hv value head size, Din input hidden size, scores = B·N·S·T.
 *
 * Core MACs (attention matmuls, and the input projection where the operator includes it):
 *   QKᵀ = B·N·S·T·H, AV = B·N·S·T·Hv, projection (Attention, QAttention) = B·S·Din·(Dq + Dk + Dv).
 * With H = Hv that is B·N·S·T·H x 2. Grouped heads (GQA, ai.onnx kv_num_heads < q_num_heads)
 * still do the work per query head. T includes the past (the KV cache). Masked positions
 * (causal, padding, windows) are counted: this is the dense formula, an upper bound for kernels
 * that skip masked blocks. FLOPs = 2 x MACs plus:
 *
 * | term                         | FLOPs                    | applies to                                          |
 * |------------------------------|--------------------------|-----------------------------------------------------|
 * | projection bias              | B·S·(Dq+Dk+Dv)           | Attention / QAttention bias; MHA bias on new Q, K, V |
 * | scale                        | 1 per score              | com.microsoft ops (scale applied to QKᵀ)            |
 * | scale (ai.onnx)              | |Q| + B·Hkv·T·H          | ai.onnx Attention scales Q and K by √scale          |
 * | softmax                      | 5 per score              | max, subtract, exp, sum, divide                     |
 * | mask / attention bias        | 1 per score, per input   | mask_index, key_padding_mask, attention_bias        |
 * | causal mask                  | 1 per score              | unidirectional=1, GQA causal (default 1), PagedAttention is_causal (default 1) |
 * | ai.onnx attn_mask / is_causal / windows | 1 per score   | all compose into one bias, added once               |
 * | softcap                      | 3 per score              | softcap > 0: softcap·tanh(x / softcap)              |
 * | rotary (do_rotary)           | 3 per rotated Q and K element | see RotaryEmbedding; the rotated width is 2 x the cos cache's last dim |
 * | Q / K RMS norm               | 4 per Q and K element + 3 per head row | GQA / PagedAttention q_norm_weight and k_norm_weight, as normalization.ts counts RMSNormalization |
 * | QAttention                   | |input| + |weight| (zero points, when given) + B·S·3D (rescale) | int8 projection |
 * | RotaryEmbedding              | 3 per rotated element    | x1·cos - x2·sin, x1·sin + x2·cos: 6 per pair; elements past rotary_embedding_dim are copied |
 *
 * When the key length depends on data the shapes cannot give (a shared past/present buffer
 * without a known past_sequence_length, GQA without a known total_sequence_length,
 * PagedAttention's past_seqlens), the largest length the buffers allow is used (PagedAttention:
 * the block table's capacity, max_blocks x block_size, with a warning).
 *
 * KV cache: the operators that take past keys / values and return present ones say which slots
 * in `cacheSlots` (src/analysis/kv-cache.ts reads them). GroupQueryAttention's present length is
 * ONNX Runtime's: max(past buffer, total_sequence_length) (a buffer shared with present keeps its
 * size); a quantized cache keeps the past's packed head width.
 *
 * Malformed nodes (head counts missing or not dividing the hidden size, wrong ranks) get a
 * warning and unknown figures, never an exception.
 */
import type { Dim, Shape } from '../graph/model.js';
import { tensor, type TensorInfo } from '../graph/info.js';
import { addDims, mulDims, numel } from '../graph/shape.js';
import { coreCost } from './common.js';
import { dimValues, knownInts, type CostCtx, type InferCtx, type OpCost, type OpDef } from './types.js';

const MS = 'com.microsoft';

const SOFTMAX_FLOPS = 5;
const SOFTCAP_FLOPS = 3;
const ROTARY_FLOPS = 3;
/** RMS norm as normalization.ts counts it: 4 per element (square, sum, divide, scale), 3 per row. */
const RMS_PER_ELEMENT = 4;
const RMS_PER_ROW = 3;

/** A node the spec does not allow: a notice in the report (its figures stay unknown), never a crash. */
function malformed(ctx: InferCtx, detail: string): void {
  ctx.warn(`malformed ${ctx.node.opType}: ${detail}`);
}

/** Dim / k when it divides evenly; null otherwise. */
function divDim(d: Dim, k: number): Dim {
  if (typeof d !== 'number' || k <= 0 || d % k !== 0) return null;
  return d / k;
}

/** The scalar value of input i, when known. */
function scalarValue(ctx: InferCtx, i: number): number | null {
  const v = knownInts(ctx.input(i));
  return v && v.length === 1 ? v[0] : null;
}

/** Geometry of the attention core, all numbers. */
interface Core {
  b: number;
  n: number;
  s: number;
  t: number;
  h: number;
  hv: number;
}

/** QKᵀ and AV MACs plus per-score FLOPs (softmax + `perScore`). */
function coreAttention(c: Core, perScore: number): OpCost {
  const scores = c.b * c.n * c.s * c.t;
  return coreCost(scores * (c.h + c.hv), scores * (SOFTMAX_FLOPS + perScore));
}

/** Adds FLOPs (and MACs) of another term. */
function plus(a: OpCost, macs: number, flops: number): OpCost {
  return { macs: a.macs + macs, flops: a.flops + 2 * macs + flops, coreMacs: a.coreMacs + macs };
}

/** Core geometry from dims that may be unknown. */
function core(b: Dim, n: Dim, s: Dim, t: Dim, h: Dim, hv: Dim): Core | null {
  const v = [b, n, s, t, h, hv];
  if (!v.every((d): d is number => typeof d === 'number')) return null;
  return { b: v[0], n: v[1], s: v[2], t: v[3], h: v[4], hv: v[5] };
}

// ---------------------------------------------------------------------------------------------
// com.microsoft Attention and QAttention: input projection + attention.

interface Projected {
  b: Dim;
  s: Dim;
  din: Dim;
  dq: Dim;
  dk: Dim;
  dv: Dim;
  n: number;
  past: Shape;
}

/** Attention's geometry: sizes of Q, K, V from qkv_hidden_sizes, else a third of weights / bias. */
function projected(ctx: InferCtx, pastIndex: number): Projected {
  const x = ctx.input(0)?.shape;
  const xs = x && x.length === 3 ? x : null;
  const n = ctx.attrs.int('num_heads', 0);
  const sizes = ctx.attrs.ints('qkv_hidden_sizes');
  let dq: Dim;
  let dk: Dim;
  let dv: Dim;
  if (sizes && sizes.length === 3) [dq, dk, dv] = sizes;
  else {
    const total = ctx.input(1)?.shape?.[1] ?? ctx.input(2)?.shape?.[0] ?? null;
    dq = dk = dv = divDim(total, 3);
  }
  const past = ctx.input(pastIndex)?.shape ?? null;
  return { b: xs ? xs[0] : null, s: xs ? xs[1] : null, din: xs ? xs[2] : null, dq, dk, dv, n, past: past && past.length === 5 ? past : null };
}

/** Output and present shapes of Attention / QAttention. */
function projectedInfer(ctx: InferCtx, pastIndex: number, dtype: TensorInfo['dtype']) {
  const p = projected(ctx, pastIndex);
  const head = divDim(p.dq, p.n);
  const out = tensor(dtype, ctx.input(0)?.shape ? [p.b, p.s, p.dv] : null);
  let present: Shape;
  if (p.past && ctx.attrs.int('past_present_share_buffer', 0) !== 0) present = [...p.past];
  else if (p.past) present = [2, p.past[1], p.past[2], addDims(p.past[3], p.s), p.past[4]];
  else present = [2, p.b, p.n || null, p.s, head];
  return [out, tensor(dtype, present)];
}

/** Attention's total key length: past + S, with a shared buffer's effective length when known. */
function projectedTotal(ctx: InferCtx, p: Projected): Dim {
  if (!p.past) return p.s;
  if (ctx.attrs.int('past_present_share_buffer', 0) !== 0) {
    const past = scalarValue(ctx, 6);
    // Unknown past length in a shared buffer: the buffer's size bounds it.
    return past !== null ? addDims(past, p.s) : p.past[3];
  }
  return addDims(p.past[3], p.s);
}

/** Per-score extras for com.microsoft ops: scale, masks, causal, softcap. */
function msPerScore(ctx: InferCtx, maskInputs: number[], causal: boolean): number {
  let k = 1; // scale
  for (const i of maskInputs) if (ctx.has(i)) k += 1;
  if (causal) k += 1;
  if (ctx.attrs.float('softcap', 0) > 0) k += SOFTCAP_FLOPS;
  return k;
}

function projectedCost(ctx: CostCtx, pastIndex: number, maskInputs: number[], quantized: boolean): OpCost | null {
  const p = projected(ctx, pastIndex);
  const c = core(p.b, p.n || null, p.s, projectedTotal(ctx, p), divDim(p.dq, p.n), divDim(p.dv, p.n));
  if (!c || typeof p.din !== 'number' || typeof p.dq !== 'number' || typeof p.dk !== 'number' || typeof p.dv !== 'number') {
    return null;
  }
  const qkv = p.dq + p.dk + p.dv;
  const projectedElems = c.b * c.s * qkv;
  const unidirectional = ctx.attrs.int('unidirectional', 0) !== 0;
  let cost = coreAttention(c, msPerScore(ctx, maskInputs, unidirectional));
  let extra = ctx.has(2) ? projectedElems : 0;
  if (quantized) {
    // Zero-point subtractions on the int8 input and weight, then the int32 -> float rescale.
    const elems = (i: number): number => numel(ctx.input(i)?.shape ?? null) ?? 0;
    extra += (ctx.has(6) ? elems(0) : 0) + (ctx.has(7) ? elems(1) : 0) + projectedElems;
  }
  if (ctx.attrs.int('do_rotary', 0) !== 0) extra += ROTARY_FLOPS * c.b * c.s * (p.dq + p.dk);
  cost = plus(cost, projectedElems * p.din, extra);
  return cost;
}

const msAttention: OpDef = {
  opType: 'Attention',
  domain: MS,
  opClass: 'attention',
  // One tensor holds past keys and values ([2, B, N, P, H]); so does present.
  cacheSlots: { past: [4], present: [1] },
  infer: (ctx) => projectedInfer(ctx, 4, ctx.input(0)?.dtype ?? null),
  cost: (ctx) => projectedCost(ctx, 4, [3, 5], false),
};

const qAttention: OpDef = {
  opType: 'QAttention',
  domain: MS,
  opClass: 'attention',
  cacheSlots: { past: [8], present: [1] },
  // Output and present are float, typed like the input scale.
  infer: (ctx) => projectedInfer(ctx, 8, ctx.input(3)?.dtype ?? ctx.input(2)?.dtype ?? null),
  cost: (ctx) => projectedCost(ctx, 8, [5], true),
};

// ---------------------------------------------------------------------------------------------
// com.microsoft MultiHeadAttention: Q, K, V already projected (bias optional).

interface MhaGeometry {
  b: Dim;
  s: Dim;
  n: number;
  h: Dim;
  hv: Dim;
  /** New key/value length. */
  l: Dim;
  /** Past length (0 when there is no past). */
  p: Dim;
  /** K and V given as BNSH (cross attention with precomputed keys): no past is appended. */
  bnsh: boolean;
  out: Shape;
}

function mhaGeometry(ctx: InferCtx): MhaGeometry | null {
  const q = ctx.input(0)?.shape;
  const k = ctx.input(1)?.shape;
  const v = ctx.input(2)?.shape;
  const n = ctx.attrs.int('num_heads', 0);
  if (!q) return null;
  if (q.length === 5) {
    // Packed QKV: [B, S, N, 3, H].
    return { b: q[0], s: q[1], n, h: q[4], hv: q[4], l: q[1], p: 0, bnsh: false, out: [q[0], q[1], mulDims(q[2], q[4])] };
  }
  if (q.length !== 3) return null;
  const h = divDim(q[2], n);
  const g: MhaGeometry = { b: q[0], s: q[1], n, h, hv: null, l: null, p: 0, bnsh: false, out: null };
  if (k && k.length === 5) {
    // Packed KV: [B, L, N, 2, H].
    Object.assign(g, { l: k[1], hv: k[4], out: [q[0], q[1], q[2]] });
  } else if (k && k.length === 4) {
    Object.assign(g, { l: k[2], bnsh: true });
  } else if (k && k.length === 3) {
    g.l = k[1];
  }
  if (v && v.length === 3) Object.assign(g, { hv: divDim(v[2], n), out: [q[0], q[1], v[2]], l: g.l ?? v[1] });
  else if (v && v.length === 4) Object.assign(g, { hv: v[3], out: [q[0], q[1], mulDims(v[1], v[3])], l: g.l ?? v[2] });
  const past = ctx.input(6)?.shape;
  if (!g.bnsh && ctx.has(6)) g.p = past && past.length === 4 ? past[2] : null;
  return g;
}

/** Key length the scores span: past + new, or the shared buffer's effective / maximum length. */
function mhaTotal(ctx: InferCtx, g: MhaGeometry): Dim {
  if (g.bnsh) return g.l;
  if (ctx.has(6) && ctx.has(8)) {
    const past = scalarValue(ctx, 8);
    return past !== null ? addDims(past, g.l) : (ctx.input(6)?.shape?.[2] ?? null);
  }
  return addDims(g.p, g.l);
}

const multiHeadAttention: OpDef = {
  opType: 'MultiHeadAttention',
  domain: MS,
  opClass: 'attention',
  cacheSlots: { past: [6, 7], present: [1, 2] },
  infer: (ctx) => {
    const dt = ctx.input(0)?.dtype ?? null;
    const g = mhaGeometry(ctx);
    if (!g) return [tensor(dt, null), tensor(dt, null), tensor(dt, null)];
    const shared = ctx.has(6) && ctx.has(8);
    const total = shared ? null : g.bnsh ? g.l : addDims(g.p, g.l);
    const pk = ctx.input(6)?.shape;
    const pv = ctx.input(7)?.shape;
    const presentK = shared && pk ? [...pk] : [g.b, g.n || null, total, g.h];
    const presentV = shared && pv ? [...pv] : [g.b, g.n || null, total, g.hv];
    const qk = [g.b, g.n || null, g.s, mhaTotal(ctx, g)];
    return [tensor(dt, g.out), tensor(dt, presentK), tensor(dt, presentV), tensor(dt, qk)];
  },
  cost: (ctx) => {
    const g = mhaGeometry(ctx);
    const c = g && core(g.b, g.n || null, g.s, mhaTotal(ctx, g), g.h, g.hv);
    if (!g || !c) return null;
    const unidirectional = ctx.attrs.int('unidirectional', 0) !== 0;
    const cost = coreAttention(c, msPerScore(ctx, [4, 5], unidirectional));
    if (!ctx.has(3)) return cost;
    // Bias on Q, and on K and V unless they come in already projected as BNSH.
    const l = typeof g.l === 'number' ? g.l : 0;
    const bias = c.b * c.s * c.n * c.h + (g.bnsh ? 0 : c.b * l * c.n * (c.h + c.hv));
    return plus(cost, 0, bias);
  },
};

// ---------------------------------------------------------------------------------------------
// com.microsoft GroupQueryAttention
//
// Inputs: 0 query (or packed QKV), 1 key, 2 value, 3 past_key, 4 past_value, 5 seqlens_k,
// 6 total_sequence_length, 7 cos_cache, 8 sin_cache, 9 position_ids, 10 attention_bias,
// 11 head_sink, 12 k_scale, 13 v_scale, 14 q_norm_weight, 15 k_norm_weight.
// Outputs: 0 output, 1 present_key, 2 present_value, 3 output_qk.

interface GqaGeometry {
  b: Dim;
  s: Dim;
  n: number;
  kvN: number;
  h: Dim;
  l: Dim;
  /** Past buffer shape ([B, kvN, P, H'], H' packed for an int4 cache), or undefined without past. */
  pastShape: Shape | undefined;
  /** Past buffer length, or undefined without past. */
  past: Dim | undefined;
  /** total_sequence_length's value: a number, a symbol (from Shape of a mask), or null. */
  total: Dim;
}

/** A scalar input's value as a dim (number or symbol), when tracked. */
function scalarDim(ctx: InferCtx, i: number): Dim {
  const v = dimValues(ctx.input(i));
  return v && v.length === 1 ? v[0] : null;
}

/** num_heads and kv_num_heads of a com.microsoft grouped attention op, both positive (else null, said when checking). */
function headCounts(ctx: InferCtx, check: boolean): { n: number; kvN: number } | null {
  const n = ctx.attrs.int('num_heads', 0);
  const kvN = ctx.attrs.int('kv_num_heads', 0);
  if (n > 0 && kvN > 0) return { n, kvN };
  if (check) malformed(ctx, 'num_heads and kv_num_heads must be positive');
  return null;
}

function gqaGeometry(ctx: InferCtx, check = false): GqaGeometry | null {
  const q = ctx.input(0)?.shape;
  const heads = headCounts(ctx, check);
  if (!heads) return null;
  const { n, kvN } = heads;
  if (!q) return null;
  if (q.length !== 3) {
    if (check) malformed(ctx, `query must be 3-D, got rank ${q.length}`);
    return null;
  }
  const packed = !ctx.has(1);
  const h = divDim(q[2], packed ? n + 2 * kvN : n);
  if (check && typeof q[2] === 'number' && h === null) {
    malformed(ctx, `query's hidden size ${q[2]} is not a multiple of ${packed ? 'num_heads + 2 x kv_num_heads' : 'num_heads'}`);
  }
  const k = ctx.input(1)?.shape;
  const l = packed ? q[1] : k && k.length === 3 ? k[1] : null;
  let pastShape: Shape | undefined;
  if (ctx.has(3)) {
    const ps = ctx.input(3)?.shape ?? null;
    if (check && ps && ps.length !== 4) malformed(ctx, `past_key must be 4-D (BNSH), got rank ${ps.length}`);
    pastShape = ps && ps.length === 4 ? ps : null;
  }
  const past = pastShape === undefined ? undefined : pastShape ? pastShape[2] : null;
  return { b: q[0], s: q[1], n, kvN, h, l, pastShape, past, total: scalarDim(ctx, 6) };
}

/**
 * present_key / present_value sequence length, as ONNX Runtime infers it: without past (or with an
 * empty one), the total length (else the new keys'); with past, max(past buffer, total_sequence_length) (a buffer shared
 * with present keeps its size), the buffer itself for a sliding-window cache. When the total is a
 * symbol and the past buffer one too (a cache that grows each step), the total.
 */
function gqaPresentLength(ctx: InferCtx, g: GqaGeometry): Dim {
  if (ctx.attrs.int('sliding_window_cache', 0) === 1 && g.past !== undefined) return g.past;
  // No past, or an empty one (a prefill): the keys of this step.
  if (g.past === undefined || g.past === 0) return g.total ?? g.l;
  if (typeof g.past === 'number' && typeof g.total === 'number') return Math.max(g.past, g.total);
  if (typeof g.past === 'string' && typeof g.total === 'string') return g.total;
  return null;
}

/** Key length the scores span: total_sequence_length, else past + new (no past: the new keys). */
function gqaContext(g: GqaGeometry): Dim {
  if (typeof g.total === 'number') return g.total;
  return g.past === undefined ? g.l : addDims(g.past, g.l);
}

/** Rotated width of a head: 2 x the cos cache's last dim, at most the head size. */
function rotaryWidth(ctx: InferCtx, cosIndex: number, head: number): number {
  const cos = ctx.input(cosIndex)?.shape;
  const half = cos && cos.length > 0 ? cos[cos.length - 1] : null;
  return typeof half === 'number' && half > 0 ? Math.min(2 * half, head) : head;
}

const groupQueryAttention: OpDef = {
  opType: 'GroupQueryAttention',
  domain: MS,
  opClass: 'attention',
  cacheSlots: { past: [3, 4], present: [1, 2] },
  infer: (ctx) => {
    const dt = ctx.input(0)?.dtype ?? null;
    const g = gqaGeometry(ctx, true);
    const cacheDt = ctx.has(3) ? (ctx.input(3)?.dtype ?? null) : dt;
    if (!g) return [tensor(dt, null), tensor(cacheDt, null), tensor(cacheDt, null), tensor(dt, null)];
    // The cache keeps the past buffer's head width (packed for an int4 cache).
    const width = g.pastShape ? g.pastShape[3] : g.h;
    const present = [g.b, g.kvN, gqaPresentLength(ctx, g), width];
    return [tensor(dt, [g.b, g.s, mulDims(g.n, g.h)]), tensor(cacheDt, present), tensor(cacheDt, [...present]), tensor(dt, [g.b, g.n, g.s, gqaContext(g)])];
  },
  cost: (ctx) => {
    const g = gqaGeometry(ctx);
    const c = g && core(g.b, g.n, g.s, gqaContext(g), g.h, g.h);
    if (!g || !c) return null;
    const causal = ctx.attrs.int('causal', 1) !== 0;
    const cost = coreAttention(c, msPerScore(ctx, [10], causal));
    const l = typeof g.l === 'number' ? g.l : c.s;
    const qElems = c.b * c.s * c.n * c.h;
    const kElems = c.b * l * g.kvN * c.h;
    let extra = 0;
    // Per-head RMS norm of Q and K (Qwen3-style q_norm_weight / k_norm_weight).
    if (ctx.has(14) && ctx.has(15)) extra += RMS_PER_ELEMENT * (qElems + kElems) + RMS_PER_ROW * (c.b * c.s * c.n + c.b * l * g.kvN);
    if (ctx.attrs.int('do_rotary', 0) !== 0) extra += ROTARY_FLOPS * (c.b * c.s * c.n + c.b * l * g.kvN) * rotaryWidth(ctx, 7, c.h);
    return plus(cost, 0, extra);
  },
};

// ---------------------------------------------------------------------------------------------
// com.microsoft PagedAttention: packed tokens (no padding), a block-based cache updated in place.
//
// Inputs: 0 query [T, N·H] (or packed QKV [T, (N + 2·kvN)·H]), 1 key, 2 value, 3 key_cache
// [blocks, block_size, kvN, H'], 4 value_cache, 5 cumulative_sequence_length [B + 1],
// 6 past_seqlens [B], 7 block_table [B, max_blocks], 8 cos_cache, 9 sin_cache, 10 slot_mapping,
// 11 head_sink, 12 q_norm_weight, 13 k_norm_weight, 14 k_scale, 15 v_scale, 16 attention_metadata.
// Outputs: 0 output [T, N·Hv], 1 key_cache_out, 2 value_cache_out (alias the caches).

interface PagedGeometry {
  tokens: Dim;
  n: number;
  kvN: number;
  h: Dim;
  hv: Dim;
}

function pagedGeometry(ctx: InferCtx, check = false): PagedGeometry | null {
  const q = ctx.input(0)?.shape;
  const heads = headCounts(ctx, check);
  if (!heads) return null;
  const { n, kvN } = heads;
  if (!q) return null;
  if (q.length !== 2) {
    if (check) malformed(ctx, `query must be 2-D [num_tokens, hidden], got rank ${q.length}`);
    return null;
  }
  const latent = ctx.attrs.string('kv_cache_layout', 'SEPARATE') === 'LATENT';
  const packed = !ctx.has(1) && !latent;
  const h = divDim(q[1], packed ? n + 2 * kvN : n);
  if (check && typeof q[1] === 'number' && h === null) malformed(ctx, `query's hidden size ${q[1]} does not split into the heads`);
  const vHead = ctx.attrs.int('v_head_size', 0);
  return { tokens: q[0], n, kvN, h, hv: latent && vHead > 0 ? vHead : h };
}

/** Σ over sequences of new tokens x (past + new) keys, when the lengths are known values. */
function pagedExactScores(ctx: InferCtx): number | null {
  const cum = knownInts(ctx.input(5));
  const past = knownInts(ctx.input(6));
  if (!cum || !past || cum.length !== past.length + 1) return null;
  let sum = 0;
  for (let b = 0; b < past.length; b++) {
    const q = cum[b + 1] - cum[b];
    if (q < 0 || past[b] < 0) return null;
    sum += q * (past[b] + q);
  }
  return sum;
}

const pagedAttention: OpDef = {
  opType: 'PagedAttention',
  domain: MS,
  opClass: 'attention',
  cacheSlots: { past: [3, 4], present: [1, 2] },
  infer: (ctx) => {
    const dt = ctx.input(0)?.dtype ?? null;
    const g = pagedGeometry(ctx, true);
    const cache = (i: number) => {
      const c = ctx.input(i);
      return tensor(c?.dtype ?? null, c?.shape ? [...c.shape] : null);
    };
    return [tensor(dt, g ? [g.tokens, mulDims(g.n, g.hv)] : null), cache(3), cache(4)];
  },
  cost: (ctx) => {
    const g = pagedGeometry(ctx);
    if (!g || typeof g.tokens !== 'number' || typeof g.h !== 'number' || typeof g.hv !== 'number') return null;
    // Query-key pairs over the batch: exact from the lengths when they are known values, else
    // every token against the most keys a sequence's block table can hold.
    let pairs = pagedExactScores(ctx);
    if (pairs === null) {
      const blocks = ctx.input(7)?.shape?.[1];
      const blockSize = ctx.input(3)?.shape?.[1];
      if (typeof blocks !== 'number' || typeof blockSize !== 'number') return null;
      pairs = g.tokens * blocks * blockSize;
      ctx.warn(`PagedAttention: key lengths depend on past_seqlens; costed at the block table's capacity of ${blocks * blockSize} keys per token`);
    }
    const scores = g.n * pairs;
    let perScore = 1; // scale
    if (ctx.attrs.int('is_causal', 1) !== 0) perScore += 1;
    if (ctx.attrs.float('softcap', 0) > 0) perScore += SOFTCAP_FLOPS;
    const cost = coreCost(scores * (g.h + g.hv), scores * (SOFTMAX_FLOPS + perScore));
    const qRows = g.tokens * g.n;
    const kRows = g.tokens * g.kvN;
    let extra = 0;
    if (ctx.has(12) && ctx.has(13)) extra += RMS_PER_ELEMENT * (qRows + kRows) * g.h + RMS_PER_ROW * (qRows + kRows);
    if (ctx.attrs.int('do_rotary', 0) !== 0) extra += ROTARY_FLOPS * (qRows + kRows) * rotaryWidth(ctx, 8, g.h);
    return plus(cost, 0, extra);
  },
};

// ---------------------------------------------------------------------------------------------
// ai.onnx Attention (opset 23+)

interface OnnxAttnGeometry {
  b: Dim;
  qN: Dim;
  kvN: Dim;
  s: Dim;
  l: Dim;
  p: Dim;
  h: Dim;
  hv: Dim;
  rank: number;
}

function onnxAttnGeometry(ctx: InferCtx, check = false): OnnxAttnGeometry | null {
  const q = ctx.input(0)?.shape;
  const k = ctx.input(1)?.shape;
  const v = ctx.input(2)?.shape;
  if (!q) return null;
  if (q.length !== 3 && q.length !== 4) {
    if (check) malformed(ctx, `Q must be 3-D or 4-D, got rank ${q.length}`);
    return null;
  }
  if (check && ctx.has(4) !== ctx.has(5)) malformed(ctx, 'past_key and past_value must be given together');
  if (check && ctx.has(6) && ctx.has(4)) malformed(ctx, 'nonpad_kv_seqlen cannot be combined with past_key / past_value');
  const past = ctx.has(4) ? ctx.input(4)?.shape : undefined;
  if (check && past && past.length !== 4) malformed(ctx, `past_key must be 4-D, got rank ${past.length}`);
  const p: Dim = past === undefined ? 0 : past && past.length === 4 ? past[2] : null;
  if (q.length === 4) {
    return {
      b: q[0],
      qN: q[1],
      s: q[2],
      h: q[3],
      kvN: k && k.length === 4 ? k[1] : v && v.length === 4 ? v[1] : null,
      l: k && k.length === 4 ? k[2] : v && v.length === 4 ? v[2] : null,
      hv: v && v.length === 4 ? v[3] : null,
      p,
      rank: 4,
    };
  }
  const qN = ctx.attrs.int('q_num_heads', 0);
  const kvN = ctx.attrs.int('kv_num_heads', 0);
  if (qN <= 0 || kvN <= 0) {
    if (check) malformed(ctx, '3-D inputs need positive q_num_heads and kv_num_heads');
    return null;
  }
  const h = divDim(q[2], qN);
  if (check && typeof q[2] === 'number' && h === null) malformed(ctx, `Q's hidden size ${q[2]} is not a multiple of q_num_heads ${qN}`);
  return {
    b: q[0],
    qN,
    s: q[1],
    h,
    kvN,
    l: k && k.length === 3 ? k[1] : v && v.length === 3 ? v[1] : null,
    hv: v && v.length === 3 ? divDim(v[2], kvN) : null,
    p,
    rank: 3,
  };
}

/** present_key / present_value: the past tensors grown by the new keys (their other dims kept), else [B, kvN, L, H]. */
function onnxPresent(ctx: InferCtx, g: OnnxAttnGeometry, pastIndex: number, head: Dim): Shape {
  const t = addDims(g.p, g.l);
  const past = ctx.input(pastIndex)?.shape;
  if (past && past.length === 4) return [past[0], past[1], t, past[3]];
  return [g.b, g.kvN, t, head];
}

const onnxAttention: OpDef = {
  opType: 'Attention',
  opClass: 'attention',
  cacheSlots: { past: [4, 5], present: [1, 2] },
  infer: (ctx) => {
    const dt = ctx.input(0)?.dtype ?? null;
    const kDt = ctx.input(4)?.dtype ?? ctx.input(1)?.dtype ?? dt;
    const vDt = ctx.input(5)?.dtype ?? ctx.input(2)?.dtype ?? dt;
    const g = onnxAttnGeometry(ctx, true);
    if (!g) return [tensor(dt, null), tensor(kDt, null), tensor(vDt, null), tensor(dt, null)];
    const t = addDims(g.p, g.l);
    const y = g.rank === 4 ? [g.b, g.qN, g.s, g.hv] : [g.b, g.s, mulDims(g.qN, g.hv)];
    return [tensor(dt, y), tensor(kDt, onnxPresent(ctx, g, 4, g.h)), tensor(vDt, onnxPresent(ctx, g, 5, g.hv)), tensor(dt, [g.b, g.qN, g.s, t])];
  },
  cost: (ctx) => {
    const g = onnxAttnGeometry(ctx);
    const c = g && core(g.b, g.qN, g.s, addDims(g.p, g.l), g.h, g.hv);
    if (!g || !c || typeof g.kvN !== 'number') return null;
    // attn_mask, the causal frontier and the windows are composed into one bias, added once per score.
    const windowed = ctx.attrs.int('left_window_size', -1) >= 0 || ctx.attrs.int('right_window_size', -1) >= 0;
    let perScore = ctx.has(3) || ctx.attrs.int('is_causal', 0) !== 0 || windowed ? 1 : 0;
    if (ctx.attrs.float('softcap', 0) > 0) perScore += SOFTCAP_FLOPS;
    // Q and K are each scaled by √scale before the product.
    const scaling = c.b * c.n * c.s * c.h + c.b * g.kvN * c.t * c.h;
    return plus(coreAttention(c, perScore), 0, scaling);
  },
};

// ---------------------------------------------------------------------------------------------
// RotaryEmbedding (com.microsoft: input, position_ids, cos, sin; ai.onnx 23: X, cos, sin, position_ids)

function rotaryDef(domain: string, cosIndex: number): OpDef {
  return {
    opType: 'RotaryEmbedding',
    domain,
    opClass: 'elementwise',
    infer: (ctx) => {
      const x = ctx.input(0);
      const rank = x?.shape?.length;
      const packed = ctx.attrs.int('is_packed_batching', 0) !== 0;
      if (rank !== undefined && rank !== 3 && rank !== 4 && !packed) malformed(ctx, `input must be 3-D or 4-D, got rank ${rank}`);
      // ai.onnx needs num_heads to split a 3-D input into heads (com.microsoft can take them from the cos cache).
      if (rank === 3 && domain === '' && ctx.attrs.int('num_heads', 0) <= 0) malformed(ctx, 'a 3-D input needs num_heads');
      return [tensor(x?.dtype ?? null, x?.shape ? [...x.shape] : null)];
    },
    cost: (ctx) => {
      const x = ctx.input(0)?.shape ?? null;
      const n = numel(x);
      if (!x || n === null) return null;
      const heads = ctx.attrs.int('num_heads', 0);
      const cos = ctx.input(cosIndex)?.shape;
      const cosLast = cos && cos.length > 0 ? cos[cos.length - 1] : null;
      let headSize: Dim = x.length === 4 ? x[3] : heads > 0 ? divDim(x[x.length - 1], heads) : null;
      const attrDim = ctx.attrs.int('rotary_embedding_dim', 0);
      const rot: Dim = attrDim > 0 ? attrDim : typeof cosLast === 'number' ? 2 * cosLast : headSize;
      // com.microsoft with num_heads 0 rotates whole heads of the cache's width.
      if (headSize === null) headSize = rot;
      if (typeof rot !== 'number' || typeof headSize !== 'number' || headSize === 0) return null;
      const rotated = Math.round((n * Math.min(rot, headSize)) / headSize);
      return { macs: 0, flops: ROTARY_FLOPS * rotated, coreMacs: 0 };
    },
  };
}

export const ops: OpDef[] = [
  msAttention,
  qAttention,
  multiHeadAttention,
  groupQueryAttention,
  pagedAttention,
  onnxAttention,
  rotaryDef(MS, 2),
  rotaryDef('', 1),
];

/**
 * Attention family: com.microsoft Attention, QAttention, MultiHeadAttention,
 * GroupQueryAttention, RotaryEmbedding, and ai.onnx Attention (23+) and RotaryEmbedding (23+).
 *
 * Notation: B batch, S query length, T total key length (past + new), L new key/value length,
 * N query heads, H head size (Q·K), Hv value head size, Din input hidden size, scores = B·N·S·T.
 *
 * Core MACs (attention matmuls, and the input projection where the operator includes it):
 *   QKᵀ = B·N·S·T·H, AV = B·N·S·T·Hv, projection (Attention, QAttention) = B·S·Din·(Dq + Dk + Dv).
 * Grouped heads (GQA, ai.onnx kv_num_heads < q_num_heads) still do the work per query head.
 * Masked positions (causal, padding, windows) are counted: this is the dense formula, an upper
 * bound for kernels that skip masked blocks. FLOPs = 2 x MACs plus:
 *
 * | term                         | FLOPs                    | applies to                                          |
 * |------------------------------|--------------------------|-----------------------------------------------------|
 * | projection bias              | B·S·(Dq+Dk+Dv)           | Attention / QAttention bias; MHA bias on new Q, K, V |
 * | scale                        | 1 per score              | com.microsoft ops (scale applied to QKᵀ)            |
 * | scale (ai.onnx)              | |Q| + B·Hkv·T·H          | ai.onnx Attention scales Q and K by √scale          |
 * | softmax                      | 5 per score              | max, subtract, exp, sum, divide                     |
 * | mask / attention bias        | 1 per score, per input   | mask_index, key_padding_mask, attention_bias        |
 * | causal mask                  | 1 per score              | unidirectional=1, GQA causal (default 1)            |
 * | ai.onnx attn_mask / is_causal| 1 per score              | both compose into one bias, added once              |
 * | softcap                      | 3 per score              | softcap > 0: softcap·tanh(x / softcap)              |
 * | rotary (do_rotary)           | 3 per rotated Q and K element | see RotaryEmbedding                            |
 * | QAttention                   | |input| + |weight| (zero points, when given) + B·S·3D (rescale) | int8 projection |
 * | RotaryEmbedding              | 3 per rotated element    | x1·cos - x2·sin, x1·sin + x2·cos: 6 per pair; elements past rotary_embedding_dim are copied |
 *
 * When the key length depends on data the shapes cannot give (a shared past/present buffer
 * without a known past_sequence_length, GQA without a known total_sequence_length), the
 * largest length the buffers allow is used.
 */
import type { Dim, Shape } from '../graph/model.js';
import { tensor, type TensorInfo } from '../graph/info.js';
import { addDims, mulDims, numel } from '../graph/shape.js';
import { coreCost } from './common.js';
import { knownInts, type CostCtx, type InferCtx, type OpCost, type OpDef } from './types.js';

const MS = 'com.microsoft';

const SOFTMAX_FLOPS = 5;
const SOFTCAP_FLOPS = 3;
const ROTARY_FLOPS = 3;

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
  infer: (ctx) => projectedInfer(ctx, 4, ctx.input(0)?.dtype ?? null),
  cost: (ctx) => projectedCost(ctx, 4, [3, 5], false),
};

const qAttention: OpDef = {
  opType: 'QAttention',
  domain: MS,
  opClass: 'attention',
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

interface GqaGeometry {
  b: Dim;
  s: Dim;
  n: number;
  kvN: number;
  h: Dim;
  l: Dim;
  /** Past buffer length, or null without past. */
  past: Dim | undefined;
  total: number | null;
}

function gqaGeometry(ctx: InferCtx): GqaGeometry | null {
  const q = ctx.input(0)?.shape;
  if (!q || q.length !== 3) return null;
  const n = ctx.attrs.int('num_heads', 0);
  const kvN = ctx.attrs.int('kv_num_heads', 0);
  const packed = !ctx.has(1);
  const h = divDim(q[2], packed ? n + 2 * kvN : n);
  const k = ctx.input(1)?.shape;
  const l = packed ? q[1] : k && k.length === 3 ? k[1] : null;
  const past = ctx.has(3) ? (ctx.input(3)?.shape?.length === 4 ? (ctx.input(3)?.shape as Dim[])[2] : null) : undefined;
  return { b: q[0], s: q[1], n, kvN, h, l, past, total: scalarValue(ctx, 6) };
}

/** present_key / present_value sequence length (ORT: max(past buffer, total_sequence_length)). */
function gqaPresentLength(ctx: InferCtx, g: GqaGeometry): Dim {
  if (g.past === undefined) return g.total ?? g.l;
  if (ctx.attrs.int('sliding_window_cache', 0) === 1) return g.past;
  if (g.total === null) return null;
  if (typeof g.past === 'number') return Math.max(g.past, g.total);
  return null;
}

const groupQueryAttention: OpDef = {
  opType: 'GroupQueryAttention',
  domain: MS,
  opClass: 'attention',
  infer: (ctx) => {
    const dt = ctx.input(0)?.dtype ?? null;
    const g = gqaGeometry(ctx);
    const cacheDt = ctx.has(3) ? (ctx.input(3)?.dtype ?? null) : dt;
    if (!g) return [tensor(dt, null), tensor(cacheDt, null), tensor(cacheDt, null)];
    const present = [g.b, g.kvN || null, gqaPresentLength(ctx, g), g.h];
    return [
      tensor(dt, [g.b, g.s, mulDims(g.n || null, g.h)]),
      tensor(cacheDt, present),
      tensor(cacheDt, [...present]),
      tensor(dt, [g.b, g.n || null, g.s, g.total]),
    ];
  },
  cost: (ctx) => {
    const g = gqaGeometry(ctx);
    if (!g) return null;
    // Context length: total_sequence_length, else past + new (no past: the new keys).
    const t = g.total ?? (g.past === undefined ? g.l : addDims(g.past, g.l));
    const c = core(g.b, g.n || null, g.s, t, g.h, g.h);
    if (!c) return null;
    const causal = ctx.attrs.int('causal', 1) !== 0;
    const cost = coreAttention(c, msPerScore(ctx, [10], causal));
    if (ctx.attrs.int('do_rotary', 0) === 0) return cost;
    const l = typeof g.l === 'number' ? g.l : c.s;
    return plus(cost, 0, ROTARY_FLOPS * (c.b * c.s * c.n * c.h + c.b * l * g.kvN * c.h));
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

function onnxAttnGeometry(ctx: InferCtx): OnnxAttnGeometry | null {
  const q = ctx.input(0)?.shape;
  const k = ctx.input(1)?.shape;
  const v = ctx.input(2)?.shape;
  if (!q || (q.length !== 3 && q.length !== 4)) return null;
  const past = ctx.has(4) ? ctx.input(4)?.shape : undefined;
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
  return {
    b: q[0],
    qN: qN || null,
    s: q[1],
    h: divDim(q[2], qN),
    kvN: kvN || null,
    l: k && k.length === 3 ? k[1] : v && v.length === 3 ? v[1] : null,
    hv: v && v.length === 3 ? divDim(v[2], kvN) : null,
    p,
    rank: 3,
  };
}

const onnxAttention: OpDef = {
  opType: 'Attention',
  opClass: 'attention',
  infer: (ctx) => {
    const dt = ctx.input(0)?.dtype ?? null;
    const kDt = ctx.input(4)?.dtype ?? ctx.input(1)?.dtype ?? dt;
    const vDt = ctx.input(5)?.dtype ?? ctx.input(2)?.dtype ?? dt;
    const g = onnxAttnGeometry(ctx);
    if (!g) return [tensor(dt, null), tensor(kDt, null), tensor(vDt, null), tensor(dt, null)];
    const t = addDims(g.p, g.l);
    const y = g.rank === 4 ? [g.b, g.qN, g.s, g.hv] : [g.b, g.s, mulDims(g.qN, g.hv)];
    return [tensor(dt, y), tensor(kDt, [g.b, g.kvN, t, g.h]), tensor(vDt, [g.b, g.kvN, t, g.hv]), tensor(dt, [g.b, g.qN, g.s, t])];
  },
  cost: (ctx) => {
    const g = onnxAttnGeometry(ctx);
    const c = g && core(g.b, g.qN, g.s, addDims(g.p, g.l), g.h, g.hv);
    if (!g || !c || typeof g.kvN !== 'number') return null;
    // attn_mask and the causal frontier are composed into one bias, added once per score.
    let perScore = ctx.has(3) || ctx.attrs.int('is_causal', 0) !== 0 ? 1 : 0;
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

export const ops: OpDef[] = [msAttention, qAttention, multiHeadAttention, groupQueryAttention, onnxAttention, rotaryDef(MS, 2), rotaryDef('', 1)];

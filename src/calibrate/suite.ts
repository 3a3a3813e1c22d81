/**
 * The calibration micro-suite: small ONNX models, one kind of kernel each, generated in memory
 * with the project's own writer (random weights as raw bytes) and analysed by the project's own
 * engine, so the fit sees exactly the NodeEntry list the estimate uses.
 *
 * Sizes span what the roofline must tell apart: GEMMs from overhead-bound (64) to compute-bound
 * (1024); convolutions of every class; element-wise chains whose working set runs from ~16 KiB
 * to ~256 MiB (so the cache shows); normalisation, Gather on an embedding table, recurrence.
 */
import { encodeModel, type NodeSpec, type TensorSpec, type ValueSpec } from '../formats/onnx/encode.js';
import { decodeBytes } from '../io/load-model.js';
import { inferModel } from '../analysis/infer.js';
import { modelReport, type NodeEntry } from '../report/model-report.js';
import type { FeedSpec } from './ort.js';
import { lcg } from '../util/lcg.js';

export interface MicroModel {
  /** Short id, e.g. 'matmul-256'. */
  id: string;
  /** What it exercises, one line. */
  what: string;
  bytes: Uint8Array;
  feeds: FeedSpec[];
  /** The project's analysis of the model (what the estimate and the fit use). */
  nodes: NodeEntry[];
  /** Its graph's input and output names; `dynamic`: its inputs have symbolic dims. */
  graph: { inputs: string[]; outputs: string[]; dynamic?: boolean };
  /** Timed runs per pass to ask for (fewer for the slow ones). */
  runs?: number;
}

/** What a micro-model is before encoding. */
interface Spec {
  id: string;
  what: string;
  nodes: NodeSpec[];
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  initializers?: TensorSpec[];
  feeds?: Partial<Record<string, number>>;
  runs?: number;
  /** Values of the inputs' symbolic dims (the model is then dynamic: its shape arithmetic runs at every pass). */
  dims?: Record<string, number>;
  /** Operator sets beyond the default domain's 17 (e.g. com.microsoft for ONNX Runtime's contrib operators). */
  opsets?: Record<string, number>;
}

/** A float32 initializer of small random values (raw bytes, no per-element encoding). */
function weight(name: string, dims: number[], seed = 7): TensorSpec {
  const n = dims.reduce((a, b) => a * b, 1);
  const a = new Float32Array(n);
  const rnd = lcg(seed + n);
  // A random block, repeated: large tables (a 32000 x 512 embedding) cost no more to make than to copy.
  const block = Math.min(n, 1 << 14);
  for (let i = 0; i < block; i++) a[i] = (rnd() - 0.5) * 0.1;
  for (let i = block; i < n; i += block) a.copyWithin(i, 0, Math.min(block, n - i));
  return { name, dtype: 'float32', dims, raw: new Uint8Array(a.buffer) };
}

const f32 = (name: string, shape: (number | string)[]): ValueSpec => ({ name, dtype: 'float32', shape });

function matmul(n: number, m = n): Spec {
  return {
    id: m === n ? `matmul-${n}` : `matmul-${m}x${n}`,
    what: `MatMul [${m},${n}] x [${n},${n}] weight`,
    nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'], name: 'matmul' }],
    inputs: [f32('x', [m, n])],
    outputs: [f32('y', [m, n])],
    initializers: [weight('w', [n, n])],
    runs: n >= 1024 ? 5 : undefined,
  };
}

/** A transformer's projection: activations [m, k] times a [k, n] weight. */
function projection(m: number, k: number, n: number): Spec {
  return {
    id: `matmul-${m}x${k}x${n}`,
    what: `MatMul [${m},${k}] x [${k},${n}] weight (a transformer projection)`,
    nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'], name: 'matmul' }],
    inputs: [f32('x', [m, k])],
    outputs: [f32('y', [m, n])],
    initializers: [weight('w', [k, n])],
  };
}

/**
 * `layers` matrix-vector products in a row ([1, n] through [n, n] weights), as an MLP or an LLM's
 * decode step runs them: one model with many small gemm kernels pins the class's launch cost
 * apart from the run's own (a lone MatMul pays both once, and the fit cannot tell them apart).
 */
function gemvChain(n: number, layers: number): Spec {
  const nodes = Array.from({ length: layers }, (_, i) => ({
    op: 'MatMul',
    inputs: [i === 0 ? 'x' : `h${i}`, `w${i}`],
    outputs: [i === layers - 1 ? 'y' : `h${i + 1}`],
    name: `matmul${i}`,
  }));
  return {
    id: `gemv-chain-${n}x${layers}`,
    what: `${layers} x MatMul [1,${n}] x [${n},${n}] weight in a row (an MLP at batch 1)`,
    nodes,
    inputs: [f32('x', [1, n])],
    outputs: [f32('y', [1, n])],
    initializers: Array.from({ length: layers }, (_, i) => weight(`w${i}`, [n, n], 7 + i)),
  };
}

function gemm(m: number, k: number, n: number): Spec {
  return {
    id: `gemm-${m}x${k}x${n}`,
    what: `Gemm [${m},${k}] x [${n},${k}]^T + bias`,
    nodes: [{ op: 'Gemm', inputs: ['x', 'w', 'b'], outputs: ['y'], name: 'gemm', attrs: { transB: 1 } }],
    inputs: [f32('x', [m, k])],
    outputs: [f32('y', [m, n])],
    initializers: [weight('w', [n, k]), weight('b', [n])],
  };
}

interface ConvShape {
  id: string;
  cin: number;
  cout: number;
  hw: number;
  k: number;
  group?: number;
  stride?: number;
  relu?: boolean;
  /**
   * Convolutions in a row (default 4), alternating cin -> cout -> cin, as in a network: runtimes
   * convert layouts at a chain's ends (onnxruntime's NCHWc reorders), which a lone conv would pay in full.
   */
  depth?: number;
  /** A volumetric (3-D) convolution over this many frames (kernel k x k x k, padded to keep them); absent: 2-D. */
  frames?: number;
}

function conv(c: ConvShape): Spec {
  const group = c.group ?? 1;
  const stride = c.stride ?? 1;
  const depth = c.depth ?? 4;
  const pad = c.k >> 1;
  const nodes: NodeSpec[] = [];
  const initializers: TensorSpec[] = [];
  let hw = c.hw;
  let channels = c.cin;
  let x = 'x';
  const f = c.frames;
  const kernel = f ? [c.k, c.k, c.k] : [c.k, c.k];
  for (let i = 0; i < depth; i++) {
    const cin = channels;
    const cout = i % 2 === 0 ? c.cout : c.cin;
    // Only the first conv strides (a stem); the rest keep the size.
    const s = i === 0 ? stride : 1;
    const out = Math.floor((hw + 2 * pad - c.k) / s) + 1;
    const y = i === depth - 1 && !c.relu ? 'y' : `c${i}`;
    nodes.push({
      op: 'Conv',
      inputs: [x, `w${i}`, `b${i}`],
      outputs: [y],
      name: `conv${i}`,
      attrs: { kernel_shape: kernel, pads: [...kernel, ...kernel].map(() => pad), strides: f ? [1, s, s] : [s, s], group },
    });
    initializers.push(weight(`w${i}`, [cout, cin / group, ...kernel], 7 + i), weight(`b${i}`, [cout], 11 + i));
    x = y;
    if (c.relu) {
      const r = i === depth - 1 ? 'y' : `r${i}`;
      nodes.push({ op: 'Relu', inputs: [y], outputs: [r], name: `relu${i}` });
      x = r;
    }
    hw = out;
    channels = cout;
  }
  return {
    id: c.id,
    what: `${depth} x Conv ${kernel.join('x')} ${c.cin}->${c.cout}${depth > 1 && c.cin !== c.cout ? `->${c.cin}` : ''} group ${group}${stride > 1 ? ` (first stride ${stride})` : ''} at ${f ? `${f}x` : ''}${c.hw}x${c.hw}${c.relu ? ', each + Relu' : ''}`,
    nodes,
    inputs: [f32('x', [1, c.cin, ...(f ? [f] : []), c.hw, c.hw])],
    outputs: [f32('y', [1, channels, ...(f ? [f] : []), hw, hw])],
    initializers,
  };
}

/**
 * ONNX Runtime's GroupQueryAttention (com.microsoft), as LLM exports for it use it (rotary
 * embedding inside, keys and values appended to a cache): `seq` new tokens over `past` cached
 * ones, `heads` query heads sharing `kvHeads` key/value heads of `dim`. A prefill: the kernel's
 * arithmetic (its launch cost comes from `decodeStep`).
 */
function gqa(seq: number, past: number, heads: number, kvHeads: number, dim: number): Spec {
  const total = past + seq;
  const maxSeq = Math.max(64, total);
  const rotary = (name: string, seed: number): TensorSpec => weight(name, [maxSeq, dim / 2], seed);
  return {
    id: `gqa-${seq}x${past}-${heads}h${kvHeads}x${dim}`,
    what: `GroupQueryAttention (com.microsoft, rotary): ${seq} new tokens over ${past} cached, ${heads} heads on ${kvHeads} key/value heads of ${dim}`,
    nodes: [
      {
        op: 'GroupQueryAttention',
        domain: 'com.microsoft',
        inputs: ['q', 'k', 'v', 'past_key', 'past_value', 'seqlens_k', 'total_len', 'cos', 'sin'],
        outputs: ['y', 'present_key', 'present_value'],
        name: 'gqa',
        attrs: { num_heads: heads, kv_num_heads: kvHeads, do_rotary: 1, scale: 1 / Math.sqrt(dim) },
      },
    ],
    inputs: [
      f32('q', [1, seq, heads * dim]),
      f32('k', [1, seq, kvHeads * dim]),
      f32('v', [1, seq, kvHeads * dim]),
      f32('past_key', [1, kvHeads, past, dim]),
      f32('past_value', [1, kvHeads, past, dim]),
    ],
    outputs: [f32('y', [1, seq, heads * dim]), f32('present_key', [1, kvHeads, total, dim]), f32('present_value', [1, kvHeads, total, dim])],
    initializers: [
      // seqlens_k: each sequence's total length less one; total_sequence_length: a scalar.
      { name: 'seqlens_k', dtype: 'int32', dims: [1], values: [total - 1] },
      { name: 'total_len', dtype: 'int32', dims: [], values: [total] },
      rotary('cos', 11),
      rotary('sin', 13),
    ],
    opsets: { 'com.microsoft': 1 },
  };
}

/**
 * A tiny LLM's decode step as an export for ONNX Runtime writes it: `layers` of (query, key and
 * value projections of the [1, 1, hidden] activation, GroupQueryAttention over `past` cached
 * tokens with rotary embedding, output projection, residual Add), `heads` query heads of `dim`
 * on `kvHeads` key/value heads. GroupQueryAttention's launch cost (it fans out over heads,
 * rotates, appends to the cache) in the company it keeps in a real graph: alone, or four in a
 * row, it measured 2-3x slower between the suite's other models than in a loop of its own,
 * while the same kernels inside a decoder did not.
 */
function decodeStep(layers: number, past: number, heads: number, kvHeads: number, dim: number): Spec {
  const hidden = heads * dim;
  const kvWidth = kvHeads * dim;
  const total = past + 1;
  const nodes: NodeSpec[] = [];
  const outputs: ValueSpec[] = [];
  const initializers: TensorSpec[] = [
    { name: 'seqlens_k', dtype: 'int32', dims: [1], values: [total - 1] },
    { name: 'total_len', dtype: 'int32', dims: [], values: [total] },
    weight('cos', [Math.max(64, total), dim / 2], 11),
    weight('sin', [Math.max(64, total), dim / 2], 13),
  ];
  const inputs: ValueSpec[] = [f32('x', [1, 1, hidden])];
  let x = 'x';
  for (let l = 0; l < layers; l++) {
    const p = (n: string) => `l${l}_${n}`;
    const y = l === layers - 1 ? 'y' : p('out');
    initializers.push(
      weight(p('wq'), [hidden, hidden], 20 + l),
      weight(p('wk'), [hidden, kvWidth], 30 + l),
      weight(p('wv'), [hidden, kvWidth], 40 + l),
      weight(p('wo'), [hidden, hidden], 50 + l),
    );
    inputs.push(f32(p('past_key'), [1, kvHeads, past, dim]), f32(p('past_value'), [1, kvHeads, past, dim]));
    outputs.push(f32(p('present_key'), [1, kvHeads, total, dim]), f32(p('present_value'), [1, kvHeads, total, dim]));
    nodes.push(
      { op: 'MatMul', inputs: [x, p('wq')], outputs: [p('q')], name: p('q') },
      { op: 'MatMul', inputs: [x, p('wk')], outputs: [p('k')], name: p('k') },
      { op: 'MatMul', inputs: [x, p('wv')], outputs: [p('v')], name: p('v') },
      {
        op: 'GroupQueryAttention',
        domain: 'com.microsoft',
        inputs: [p('q'), p('k'), p('v'), p('past_key'), p('past_value'), 'seqlens_k', 'total_len', 'cos', 'sin'],
        outputs: [p('attn'), p('present_key'), p('present_value')],
        name: p('gqa'),
        attrs: { num_heads: heads, kv_num_heads: kvHeads, do_rotary: 1, scale: 1 / Math.sqrt(dim) },
      },
      { op: 'MatMul', inputs: [p('attn'), p('wo')], outputs: [p('o')], name: p('o') },
      { op: 'Add', inputs: [p('o'), x], outputs: [y], name: p('res') },
    );
    x = y;
  }
  return {
    id: `decode-${layers}x${heads}h${kvHeads}x${dim}-past${past}`,
    what: `a decode step: ${layers} x (q/k/v MatMul, GroupQueryAttention over ${past} cached, ${heads} heads on ${kvHeads} of ${dim}, output MatMul, residual Add)`,
    nodes,
    inputs,
    outputs: [f32('y', [1, 1, hidden]), ...outputs],
    initializers,
    opsets: { 'com.microsoft': 1 },
  };
}

/**
 * Views: `count` Reshapes in a row over an input with a symbolic dim, alternating [n, 64] and
 * [2n, 32] (targets with -1, as dynamic exports write them): the launch cost of a view. ONNX
 * Runtime runs each as a kernel (a copy-free one). Shape arithmetic (Shape, Gather, Unsqueeze,
 * Concat feeding a Reshape) cannot be timed apart: ONNX Runtime folds every such chain a
 * micro-model can hold (ReshapeFusion, then common-subexpression elimination over shapes it
 * proves equal: an earlier suite timed 32 Reshapes for 160 nodes and priced shape math at
 * nothing), while a real dynamic export's shape math (an LLM's decoder: shapes from the mask and
 * the cache) runs as ordinary small kernels. It takes the device-wide launch cost.
 */
function viewChain(count: number): Spec {
  if (count % 2 !== 0) throw new Error(`viewChain(${count}): an even count returns to [n, 64]`);
  const nodes: NodeSpec[] = [];
  let cur = 'x';
  for (let i = 0; i < count; i++) {
    const out = i === count - 1 ? 'y' : `x${i + 1}`;
    nodes.push({ op: 'Reshape', inputs: [cur, i % 2 === 0 ? 'narrow' : 'wide'], outputs: [out], name: `reshape${i}` });
    cur = out;
  }
  return {
    id: `view-chain-${count}`,
    what: `${count} x Reshape, [n,64] <-> [2n,32], n symbolic`,
    nodes,
    inputs: [f32('x', ['n', 64])],
    // An even count ends where it began.
    outputs: [f32('y', ['n', 64])],
    initializers: [
      { name: 'narrow', dtype: 'int64', dims: [2], values: [-1, 32] },
      { name: 'wide', dtype: 'int64', dims: [2], values: [-1, 64] },
    ],
    dims: { n: 8 },
  };
}

/**
 * A mix of small kernels of different kinds, `blocks` times over a [1, 8, 64] activation (a tiny
 * transformer's element-wise, normalisation, data-movement and matmul kernels, each on a few
 * kilobytes): the launch cost when each kernel differs from the one before, as in a real graph,
 * which the chains of one repeated kernel above do not show.
 */
function smallOps(blocks: number): Spec {
  const nodes: NodeSpec[] = [];
  let x = 'x';
  for (let b = 0; b < blocks; b++) {
    const p = (s: string) => `b${b}_${s}`;
    const y = b === blocks - 1 ? 'y' : p('out');
    nodes.push(
      { op: 'LayerNormalization', inputs: [x, 's', 'bias'], outputs: [p('ln')], name: p('ln'), attrs: { axis: -1 } },
      { op: 'MatMul', inputs: [p('ln'), 'w'], outputs: [p('mm')], name: p('mm') },
      { op: 'Transpose', inputs: [p('mm')], outputs: [p('t')], name: p('t'), attrs: { perm: [0, 2, 1] } },
      { op: 'Softmax', inputs: [p('t')], outputs: [p('sm')], name: p('sm'), attrs: { axis: -1 } },
      { op: 'Transpose', inputs: [p('sm')], outputs: [p('t2')], name: p('t2'), attrs: { perm: [0, 2, 1] } },
      { op: 'Sigmoid', inputs: [p('t2')], outputs: [p('sg')], name: p('sg') },
      { op: 'Mul', inputs: [p('sg'), p('mm')], outputs: [p('mul')], name: p('mul') },
      { op: 'Split', inputs: [p('mul'), 'halves'], outputs: [p('s0'), p('s1')], name: p('split'), attrs: { axis: -1 } },
      { op: 'Concat', inputs: [p('s1'), p('s0')], outputs: [p('cat')], name: p('cat'), attrs: { axis: -1 } },
      { op: 'Add', inputs: [p('cat'), x], outputs: [y], name: p('add') },
    );
    x = y;
  }
  return {
    id: `small-ops-${blocks * 10}`,
    what: `${blocks} x (LayerNorm, MatMul, Transpose, Softmax, Transpose, Sigmoid, Mul, Split, Concat, Add) on [1,8,64] (launch cost in a mixed graph)`,
    nodes,
    inputs: [f32('x', [1, 8, 64])],
    outputs: [f32('y', [1, 8, 64])],
    initializers: [weight('s', [64]), weight('bias', [64]), weight('w', [64, 64]), { name: 'halves', dtype: 'int64', dims: [2], values: [32, 32] }],
  };
}

/** One tiny kernel: what a run costs outside the kernels (the fit's run overhead). */
function tiny(): Spec {
  return {
    id: 'tiny-relu-16',
    what: 'Relu on 16 floats (the cost of a run itself)',
    nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'], name: 'relu' }],
    inputs: [f32('x', [16])],
    outputs: [f32('y', [16])],
  };
}

function convTranspose(cin: number, cout: number, hw: number): Spec {
  return {
    id: `conv-transpose-${cin}-${cout}-${hw}`,
    what: `ConvTranspose 4x4 stride 2 ${cin}->${cout} at ${hw}x${hw}`,
    nodes: [{ op: 'ConvTranspose', inputs: ['x', 'w'], outputs: ['y'], name: 'deconv', attrs: { kernel_shape: [4, 4], strides: [2, 2], pads: [1, 1, 1, 1] } }],
    inputs: [f32('x', [1, cin, hw, hw])],
    outputs: [f32('y', [1, cout, hw * 2, hw * 2])],
    initializers: [weight('w', [cin, cout, 4, 4])],
  };
}

/** Add, Relu, Mul on n floats: each node's working set is 2-3 tensors of 4n bytes. */
function chain(n: number): Spec {
  return {
    id: `eltwise-${n}`,
    what: `Add -> Relu -> Mul on ${n} floats (${formatSize(n * 16)} of tensors)`,
    nodes: [
      { op: 'Add', inputs: ['x', 'x'], outputs: ['a'], name: 'add' },
      { op: 'Relu', inputs: ['a'], outputs: ['r'], name: 'relu' },
      { op: 'Mul', inputs: ['r', 'x'], outputs: ['y'], name: 'mul' },
    ],
    inputs: [f32('x', [n])],
    outputs: [f32('y', [n])],
    runs: n >= 1 << 22 ? 5 : undefined,
  };
}

function layerNorm(rows: number, width: number): Spec {
  return {
    id: `layernorm-${rows}x${width}`,
    what: `LayerNormalization over [${rows},${width}]`,
    nodes: [{ op: 'LayerNormalization', inputs: ['x', 's', 'b'], outputs: ['y'], name: 'ln', attrs: { axis: -1, epsilon: { float: 1e-5 } } }],
    inputs: [f32('x', [rows, width])],
    outputs: [f32('y', [rows, width])],
    initializers: [weight('s', [width]), weight('b', [width])],
  };
}

function softmax(shape: number[]): Spec {
  return {
    id: `softmax-${shape.join('x')}`,
    what: `Softmax over [${shape.join(',')}]`,
    nodes: [{ op: 'Softmax', inputs: ['x'], outputs: ['y'], name: 'softmax', attrs: { axis: -1 } }],
    inputs: [f32('x', shape)],
    outputs: [f32('y', shape)],
  };
}

function gather(vocab: number, width: number, tokens: number): Spec {
  return {
    id: `gather-${tokens}-of-${vocab}x${width}`,
    what: `Gather ${tokens} rows of a ${vocab}x${width} embedding table`,
    nodes: [{ op: 'Gather', inputs: ['table', 'ids'], outputs: ['y'], name: 'embedding', attrs: { axis: 0 } }],
    inputs: [{ name: 'ids', dtype: 'int64', shape: [1, tokens] }],
    outputs: [f32('y', [1, tokens, width])],
    initializers: [weight('table', [vocab, width])],
    feeds: { ids: vocab },
  };
}

/** A recurrent layer; a batch above 1 makes each step's matmul compute-bound (its weights are read once per step for the whole batch). */
function recurrent(op: 'LSTM' | 'GRU', steps: number, input: number, hidden: number, batch = 1, directions: 1 | 2 = 1): Spec {
  const gates = op === 'LSTM' ? 4 : 3;
  const d = directions;
  const outputs: ValueSpec[] = [f32('y', [steps, d, batch, hidden]), f32('h', [d, batch, hidden])];
  const attrs: Record<string, number | string> = {
    hidden_size: hidden,
    ...(op === 'GRU' ? { linear_before_reset: 1 } : {}),
    ...(d === 2 ? { direction: 'bidirectional' } : {}),
  };
  return {
    id: `${op.toLowerCase()}-${steps}x${hidden}${batch > 1 ? `-b${batch}` : ''}${d === 2 ? '-bidi' : ''}`,
    what: `${op} T=${steps}, input ${input}, hidden ${hidden}${batch > 1 ? `, batch ${batch}` : ''}${d === 2 ? ', bidirectional' : ''}`,
    nodes: [{ op, inputs: ['x', 'w', 'r', 'b'], outputs: ['y', 'h'], name: op.toLowerCase(), attrs }],
    inputs: [f32('x', [steps, batch, input])],
    outputs,
    initializers: [weight('w', [d, gates * hidden, input]), weight('r', [d, gates * hidden, hidden]), weight('b', [d, 2 * gates * hidden])],
  };
}

function resize(c: number, hw: number): Spec {
  return {
    id: `resize-${c}x${hw}`,
    what: `Resize (linear, x2) of [1,${c},${hw},${hw}]`,
    nodes: [{ op: 'Resize', inputs: ['x', '', 'scales'], outputs: ['y'], name: 'resize', attrs: { mode: 'linear' } }],
    inputs: [f32('x', [1, c, hw, hw])],
    outputs: [f32('y', [1, c, hw * 2, hw * 2])],
    initializers: [{ name: 'scales', dtype: 'float32', dims: [4], values: [1, 1, 2, 2] }],
  };
}

function transposeConcat(c: number, hw: number): Spec {
  return {
    id: `transpose-concat-${c}x${hw}`,
    what: `Transpose NCHW->NHWC of [1,${c},${hw},${hw}], then Concat with itself`,
    nodes: [
      { op: 'Transpose', inputs: ['x'], outputs: ['t'], name: 'transpose', attrs: { perm: [0, 2, 3, 1] } },
      { op: 'Concat', inputs: ['t', 't'], outputs: ['y'], name: 'concat', attrs: { axis: 3 } },
    ],
    inputs: [f32('x', [1, c, hw, hw])],
    outputs: [f32('y', [1, hw, hw, 2 * c])],
  };
}

function formatSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function fullSpecs(): Spec[] {
  return [
    tiny(),
    matmul(64),
    matmul(128),
    matmul(256),
    matmul(512),
    matmul(1024),
    matmul(1024, 1),
    matmul(4096, 1),
    gemvChain(64, 16),
    gemvChain(256, 8),
    gemm(64, 1024, 1024),
    projection(197, 768, 3072),
    projection(197, 3072, 768),
    projection(128, 768, 768),
    conv({ id: 'conv3x3-16-32', cin: 16, cout: 16, hw: 32, k: 3 }),
    conv({ id: 'conv3x3-64-56', cin: 64, cout: 64, hw: 56, k: 3 }),
    conv({ id: 'conv3x3-128-28-relu', cin: 128, cout: 128, hw: 28, k: 3, relu: true }),
    conv({ id: 'conv3x3-256-28', cin: 256, cout: 256, hw: 28, k: 3 }),
    conv({ id: 'conv3x3-64-112', cin: 64, cout: 64, hw: 112, k: 3 }),
    conv({ id: 'conv3x3-128-56-x8', cin: 128, cout: 128, hw: 56, k: 3, depth: 8, relu: true }),
    conv({ id: 'conv7x7-stem', cin: 3, cout: 64, hw: 224, k: 7, stride: 2, depth: 1 }),
    conv({ id: 'conv1x1-256-64-28', cin: 256, cout: 64, hw: 28, k: 1 }),
    conv({ id: 'conv1x1-64-256-56', cin: 64, cout: 256, hw: 56, k: 1 }),
    conv({ id: 'conv1x1-32-32-16', cin: 32, cout: 32, hw: 16, k: 1 }),
    conv({ id: 'conv1x1-1024-256-14', cin: 1024, cout: 256, hw: 14, k: 1 }),
    conv({ id: 'depthwise-144-56', cin: 144, cout: 144, hw: 56, k: 3, group: 144 }),
    conv({ id: 'depthwise-128-56', cin: 128, cout: 128, hw: 56, k: 3, group: 128 }),
    conv({ id: 'depthwise-512-14', cin: 512, cout: 512, hw: 14, k: 3, group: 512 }),
    conv({ id: 'depthwise-32-16', cin: 32, cout: 32, hw: 16, k: 3, group: 32 }),
    conv({ id: 'grouped-128-g4-28', cin: 128, cout: 128, hw: 28, k: 3, group: 4 }),
    conv({ id: 'grouped-128-g32-56', cin: 128, cout: 128, hw: 56, k: 3, group: 32 }),
    conv({ id: 'grouped-64-g8-14', cin: 64, cout: 64, hw: 14, k: 3, group: 8 }),
    conv({ id: 'conv3d-32-8x28', cin: 32, cout: 32, hw: 28, k: 3, frames: 8, depth: 2 }),
    conv({ id: 'conv3d-64-4x14', cin: 64, cout: 64, hw: 14, k: 3, frames: 4, depth: 2 }),
    conv({ id: 'conv3d-64-8x56', cin: 64, cout: 64, hw: 56, k: 3, frames: 8, depth: 2 }),
    convTranspose(64, 32, 28),
    convTranspose(16, 16, 8),
    chain(1 << 10),
    chain(1 << 13),
    chain(1 << 16),
    chain(1 << 18),
    chain(1 << 19),
    chain(1 << 20),
    chain(1 << 21),
    chain(1 << 22),
    chain(1 << 24),
    layerNorm(128, 768),
    layerNorm(1, 512),
    softmax([12, 128, 128]),
    softmax([1, 1000]),
    gather(32000, 512, 128),
    gather(32000, 512, 8),
    recurrent('LSTM', 64, 128, 256),
    recurrent('GRU', 98, 64, 128),
    recurrent('LSTM', 16, 32, 64),
    recurrent('LSTM', 32, 256, 256, 32),
    recurrent('LSTM', 64, 64, 64, 1, 2),
    resize(64, 56),
    resize(16, 16),
    transposeConcat(64, 56),
    transposeConcat(16, 16),
    decodeStep(4, 8, 4, 2, 16),
    gqa(128, 128, 8, 4, 64),
    viewChain(32),
    smallOps(4),
  ];
}

function quickSpecs(): Spec[] {
  return [
    matmul(64),
    matmul(256),
    conv({ id: 'conv1x1-32-32-16', cin: 32, cout: 32, hw: 16, k: 1 }),
    chain(1 << 10),
    chain(1 << 16),
    layerNorm(16, 64),
    gather(1000, 64, 16),
  ];
}

/** Encode and analyse one spec. */
function build(s: Spec): MicroModel {
  const bytes = encodeModel({
    opsets: { '': 17, ...s.opsets },
    producer: 'model-budget calibrate',
    graph: { name: s.id, nodes: s.nodes, inputs: s.inputs, outputs: s.outputs, initializers: s.initializers },
  });
  const model = decodeBytes(s.id, bytes);
  const report = modelReport(
    { path: s.id, fileBytes: bytes.byteLength, format: { ...model.format, producer: '' }, notices: [] },
    inferModel(model, s.dims ? { dims: s.dims } : {}),
  );
  const feeds: FeedSpec[] = s.inputs.map((v) => ({
    name: v.name,
    dtype: v.dtype === 'int64' ? 'int64' : 'float32',
    shape: (v.shape ?? []).map((d) => (typeof d === 'number' ? d : (s.dims?.[String(d)] ?? 1))),
    ...(s.feeds?.[v.name] !== undefined ? { intMax: s.feeds[v.name] } : {}),
  }));
  const graph = { inputs: report.graph.inputs.map((i) => i.name), outputs: report.graph.outputs.map((o) => o.name), ...(s.dims ? { dynamic: true } : {}) };
  return { id: s.id, what: s.what, bytes, feeds, nodes: report.nodes, graph, ...(s.runs ? { runs: s.runs } : {}) };
}

/** The micro-suite (quick: a few small models, for tests). Models are built one at a time, as iterated. */
export function* microSuite(options: { quick?: boolean } = {}): Generator<MicroModel> {
  for (const s of options.quick ? quickSpecs() : fullSpecs()) yield build(s);
}

/** The suite's ids and what each exercises, without building anything. */
export function suiteIds(options: { quick?: boolean } = {}): { id: string; what: string }[] {
  return (options.quick ? quickSpecs() : fullSpecs()).map((s) => ({ id: s.id, what: s.what }));
}

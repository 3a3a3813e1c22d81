/**
 * The bench's generated models (scripts/bench.ts), written with the project's own ONNX writer
 * (src/formats/onnx/encode.ts). Importable by anything that wants the same stress models:
 *
 *   chainsSpec(nodes) / chainsModel(nodes)   issue 15's node-heavy graphs: 10 parallel chains of
 *                                            shape sub-graphs, `nodes` = 80·k + 1 (961, 10,001,
 *                                            50,001, 200,001 in the bench: CHAIN_SIZES)
 *   bertSpec(config) / bertModel(config)     BERT-base as torch exports it (shape sub-graphs
 *                                            included), inline weights: 109,482,240 parameters,
 *                                            ~438 MB (BERT_BASE); smaller configs for tests
 *   transformerModel(external)               the earlier bench's 320-layer transformer-style graph
 *                                            (10,241 nodes, ~570 MB inline), or with its weights
 *                                            in an external file
 *
 * Weights are zeros: every float initializer is a view of one shared zero buffer, so generating
 * a 440 MB model costs one copy (the writer's output). Nothing here is part of the product.
 */
import { encodeModel, type ModelSpec, type NodeSpec, type TensorSpec } from '../src/formats/onnx/encode.js';
import { encodeTflite, type TfliteOperatorSpec, type TfliteTensorSpec } from '../src/formats/tflite/encode.js';

/** The chain sizes the bench measures (issue 15's table). */
export const CHAIN_SIZES = [961, 10_001, 50_001, 200_001] as const;

/** Parallel chains in a chains model. */
export const CHAINS = 10;
/** Nodes in one block of a chain: Shape → Gather → Unsqueeze → Concat → Reshape → Add → Mul → Relu. */
export const CHAIN_BLOCK_OPS = ['Shape', 'Gather', 'Unsqueeze', 'Concat', 'Reshape', 'Add', 'Mul', 'Relu'] as const;
/** Width of the chains' activations ([batch, CHAIN_WIDTH]). */
const CHAIN_WIDTH = 64;

/** Blocks per chain for a model of `nodes` nodes (CHAINS chains of blocks, then one Sum). */
export function chainBlocks(nodes: number): number {
  const per = CHAINS * CHAIN_BLOCK_OPS.length;
  const blocks = (nodes - 1) / per;
  if (!Number.isInteger(blocks) || blocks < 1) throw new Error(`chains: ${nodes} nodes is not ${per}·k + 1`);
  return blocks;
}

/**
 * Issue 15's node-heavy stress graph: CHAINS parallel chains from one input x [batch, 64], each of
 * blocks that rebuild x's shape the way torch exports do (Shape → Gather(0) → Unsqueeze →
 * Concat with [64] → Reshape) and then Add a bias, Mul a scale, Relu; a Sum joins the chains.
 * Names follow torch's `/scope/Op` and `/scope/Op_output_0`.
 */
export function chainsSpec(nodes: number): ModelSpec {
  const blocks = chainBlocks(nodes);
  const zeros = new Uint8Array(4 * CHAIN_WIDTH);
  const initializers: TensorSpec[] = [
    { name: 'idx0', dtype: 'int64', dims: [], values: [0] },
    { name: 'axes0', dtype: 'int64', dims: [1], values: [0] },
    { name: 'width', dtype: 'int64', dims: [1], values: [CHAIN_WIDTH] },
    { name: 'bias', dtype: 'float32', dims: [CHAIN_WIDTH], raw: zeros },
    { name: 'scale', dtype: 'float32', dims: [CHAIN_WIDTH], raw: zeros },
  ];
  const list: NodeSpec[] = [];
  const ends: string[] = [];
  for (let c = 0; c < CHAINS; c++) {
    let x = 'x';
    for (let b = 0; b < blocks; b++) {
      const p = `/c${c}/b${b}/`;
      const n = (op: string, inputs: string[], attrs?: NodeSpec['attrs']) => {
        const out = `${p}${op}_output_0`;
        list.push({ op, inputs, outputs: [out], name: `${p}${op}`, attrs });
        return out;
      };
      const shape = n('Shape', [x]);
      const batch = n('Gather', [shape, 'idx0'], { axis: 0 });
      const batch1 = n('Unsqueeze', [batch, 'axes0']);
      const target = n('Concat', [batch1, 'width'], { axis: 0 });
      const r = n('Reshape', [x, target]);
      const a = n('Add', [r, 'bias']);
      const m = n('Mul', [a, 'scale']);
      x = n('Relu', [m]);
    }
    ends.push(x);
  }
  list.push({ op: 'Sum', inputs: ends, outputs: ['y'], name: '/Sum' });
  return {
    producer: 'model-budget-bench',
    graph: {
      name: `chains_${nodes}`,
      nodes: list,
      inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', CHAIN_WIDTH] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: ['batch', CHAIN_WIDTH] }],
      initializers,
    },
  };
}

export function chainsModel(nodes: number): Uint8Array {
  return encodeModel(chainsSpec(nodes));
}

export interface BertConfig {
  layers: number;
  hidden: number;
  heads: number;
  ffn: number;
  vocab: number;
  maxPositions: number;
  typeVocab: number;
}

/** bert-base-uncased's shape: 109,482,240 parameters. */
export const BERT_BASE: BertConfig = { layers: 12, hidden: 768, heads: 12, ffn: 3072, vocab: 30522, maxPositions: 512, typeVocab: 2 };

/** Nodes of {@link bertSpec}: 16 for the embeddings and the mask, 62 per layer, 3 for the pooler. */
export function bertNodeCount(layers: number): number {
  return 16 + 62 * layers + 3;
}

/** Parameters (float initializer elements) of {@link bertSpec}, from the architecture. */
export function bertParams(c: BertConfig): number {
  const h = c.hidden;
  const embeddings = (c.vocab + c.maxPositions + c.typeVocab) * h + 2 * h;
  const layer = 4 * (h * h + h) + (h * c.ffn + c.ffn) + (c.ffn * h + h) + 2 * 2 * h;
  const pooler = h * h + h;
  return embeddings + c.layers * layer + pooler;
}

/**
 * BERT as `torch.onnx.export` writes Hugging Face's BertModel (opset 17, inputs input_ids and
 * attention_mask [batch, sequence]): embeddings with the position / token-type ids sliced from
 * buffers by the sequence length, the extended attention mask, and per layer the shape
 * sub-graphs that split and merge heads (Shape → Gather → Unsqueeze → Concat → Reshape, once
 * per q, k, v and once for the context), erf GELU, LayerNormalization; the pooler.
 */
export function bertSpec(c: BertConfig = BERT_BASE): ModelSpec {
  const h = c.hidden;
  const headDim = h / c.heads;
  if (!Number.isInteger(headDim)) throw new Error('bert: hidden must be a multiple of heads');
  const nodes: NodeSpec[] = [];
  const inits: TensorSpec[] = [];
  const zeros = new Uint8Array(4 * Math.max(c.vocab * h, h * c.ffn));
  const weight = (name: string, dims: number[]) => {
    inits.push({ name, dtype: 'float32', dims, raw: zeros.subarray(0, 4 * dims.reduce((a, b) => a * b, 1)) });
    return name;
  };
  const i64 = (name: string, dims: number[], values: number[]) => {
    inits.push({ name, dtype: 'int64', dims, values });
    return name;
  };
  const f32 = (name: string, value: number) => {
    inits.push({ name, dtype: 'float32', dims: [], values: [value] });
    return name;
  };
  const n = (scope: string, op: string, inputs: string[], attrs?: NodeSpec['attrs'], outputs = 1) => {
    const name = `${scope}/${op}_${nodes.length}`;
    const outs = Array.from({ length: outputs }, (_, i) => `${name}_output_${i}`);
    nodes.push({ op, inputs, outputs: outs, name, attrs });
    return outs[0];
  };
  const idx0 = i64('onnx::Gather_0', [], [0]);
  const idx1 = i64('onnx::Gather_1', [], [1]);
  const axes0 = i64('onnx::Unsqueeze_0', [1], [0]);
  const axes1 = i64('onnx::Unsqueeze_1', [1], [1]);
  const axes2 = i64('onnx::Unsqueeze_2', [1], [2]);
  const start0 = i64('onnx::Slice_0', [1], [0]);
  const headsDims = i64('onnx::Concat_heads', [2], [c.heads, headDim]);
  const hiddenDim = i64('onnx::Concat_hidden', [1], [h]);
  const one = f32('onnx::Sub_one', 1);
  const minVal = f32('onnx::Mul_min', -3.4028234663852886e38);
  const sqrtHead = f32('onnx::Div_sqrt_head', Math.sqrt(headDim));
  const sqrt2 = f32('onnx::Div_sqrt2', Math.SQRT2);
  const half = f32('onnx::Mul_half', 0.5);

  // Embeddings (11 nodes).
  const e = '/embeddings';
  const words = n(e + '/word_embeddings', 'Gather', [weight('embeddings.word_embeddings.weight', [c.vocab, h]), 'input_ids']);
  const seq = n(e, 'Unsqueeze', [n(e, 'Gather', [n(e, 'Shape', ['input_ids']), idx1], { axis: 0 }), axes0]);
  const positionIds = i64(
    'embeddings.position_ids',
    [1, c.maxPositions],
    Array.from({ length: c.maxPositions }, (_, i) => i),
  );
  const typeIds = i64('embeddings.token_type_ids', [1, c.maxPositions], new Array<number>(c.maxPositions).fill(0));
  const types = n(e + '/token_type_embeddings', 'Gather', [
    weight('embeddings.token_type_embeddings.weight', [c.typeVocab, h]),
    n(e, 'Slice', [typeIds, start0, seq, axes1]),
  ]);
  const positions = n(e + '/position_embeddings', 'Gather', [
    weight('embeddings.position_embeddings.weight', [c.maxPositions, h]),
    n(e, 'Slice', [positionIds, start0, seq, axes1]),
  ]);
  const emb = n(e, 'Add', [n(e, 'Add', [words, types]), positions]);
  let x = n(e + '/LayerNorm', 'LayerNormalization', [emb, weight('embeddings.LayerNorm.weight', [h]), weight('embeddings.LayerNorm.bias', [h])], {
    axis: -1,
    epsilon: 1e-12,
  });
  // Extended attention mask (5 nodes): (1 - mask[:, None, None, :]) * min.
  const m = '';
  const mask4 = n(m, 'Unsqueeze', [n(m, 'Unsqueeze', ['attention_mask', axes1]), axes2]);
  const mask = n(m, 'Mul', [n(m, 'Sub', [one, n(m, 'Cast', [mask4], { to: 1 })]), minVal]);

  /** [batch, sequence] of `t` as two [1] tensors (6 nodes): what torch traces for `t.size()[:2]`. */
  const batchSeq = (s: string, t: string) => [
    n(s, 'Unsqueeze', [n(s, 'Gather', [n(s, 'Shape', [t]), idx0], { axis: 0 }), axes0]),
    n(s, 'Unsqueeze', [n(s, 'Gather', [n(s, 'Shape', [t]), idx1], { axis: 0 }), axes0]),
  ];
  const linear = (s: string, t: string, name: string, inF: number, outF: number) =>
    n(s, 'Add', [n(s, 'MatMul', [t, weight(`${name}.weight`, [inF, outF])]), weight(`${name}.bias`, [outF])]);

  for (let l = 0; l < c.layers; l++) {
    const s = `/encoder/layer.${l}`;
    const p = `encoder.layer.${l}`;
    const a = `${s}/attention/self`;
    // Per head split (q, k, v): linear 2 + batchSeq 6 + Concat + Reshape + Transpose = 11 → 33.
    const heads = (t: 'query' | 'key' | 'value') => {
      const proj = linear(a + '/' + t, x, `${p}.attention.self.${t}`, h, h);
      const shape = n(a, 'Concat', [...batchSeq(a, proj), headsDims], { axis: 0 });
      return n(a, 'Transpose', [n(a, 'Reshape', [proj, shape])], { perm: t === 'key' ? [0, 2, 3, 1] : [0, 2, 1, 3] });
    };
    const q = heads('query');
    const k = heads('key');
    const v = heads('value');
    // Attention (6) and the merge of heads (batchSeq 6 + Concat + Reshape = 8) → 14.
    const scores = n(a, 'Add', [n(a, 'Div', [n(a, 'MatMul', [q, k]), sqrtHead]), mask]);
    const ctx = n(a, 'Transpose', [n(a, 'MatMul', [n(a, 'Softmax', [scores], { axis: -1 }), v])], { perm: [0, 2, 1, 3] });
    const merged = n(a, 'Reshape', [ctx, n(a, 'Concat', [...batchSeq(a, ctx), hiddenDim], { axis: 0 })]);
    // Output projection, residual, LayerNorm (4); FFN: up (2), erf GELU (5), down (2), residual and LayerNorm (2) → 15.
    const o = `${s}/attention/output`;
    const attn = n(o + '/LayerNorm', 'LayerNormalization', [
      n(o, 'Add', [linear(o + '/dense', merged, `${p}.attention.output.dense`, h, h), x]),
      weight(`${p}.attention.output.LayerNorm.weight`, [h]),
      weight(`${p}.attention.output.LayerNorm.bias`, [h]),
    ]);
    const i = `${s}/intermediate`;
    const up = linear(i + '/dense', attn, `${p}.intermediate.dense`, h, c.ffn);
    const gelu = n(i, 'Mul', [n(i, 'Mul', [up, n(i, 'Add', [n(i, 'Erf', [n(i, 'Div', [up, sqrt2])]), one])]), half]);
    const d = `${s}/output`;
    x = n(d + '/LayerNorm', 'LayerNormalization', [
      n(d, 'Add', [linear(d + '/dense', gelu, `${p}.output.dense`, c.ffn, h), attn]),
      weight(`${p}.output.LayerNorm.weight`, [h]),
      weight(`${p}.output.LayerNorm.bias`, [h]),
    ]);
  }
  // The graph's outputs are named by the nodes that make them, as torch does.
  nodes[nodes.length - 1].outputs[0] = 'last_hidden_state';
  x = 'last_hidden_state';
  // Pooler (3 nodes): tanh(dense(hidden[:, 0])).
  const first = n('/pooler', 'Gather', [x, idx0], { axis: 1 });
  n('/pooler', 'Tanh', [n('/pooler/dense', 'Gemm', [first, weight('pooler.dense.weight', [h, h]), weight('pooler.dense.bias', [h])], { transB: 1 })]);
  nodes[nodes.length - 1].outputs[0] = 'pooler_output';
  return {
    producer: 'pytorch',
    graph: {
      name: 'main_graph',
      nodes,
      inputs: [
        { name: 'input_ids', dtype: 'int64', shape: ['batch', 'sequence'] },
        { name: 'attention_mask', dtype: 'int64', shape: ['batch', 'sequence'] },
      ],
      outputs: [
        { name: 'last_hidden_state', dtype: 'float32', shape: ['batch', 'sequence', h] },
        { name: 'pooler_output', dtype: 'float32', shape: ['batch', h] },
      ],
      initializers: inits,
    },
  };
}

export function bertModel(c: BertConfig = BERT_BASE): Uint8Array {
  return encodeModel(bertSpec(c));
}

/**
 * A transformer-style graph exported the way PyTorch does it (shape sub-graphs included): with
 * the defaults 320 layers of width 192, 10,241 nodes and ~570 MB of inline float32 weights, or
 * (`external` set) the same graph with its weights in that external file, `externalBytes` long.
 */
export function transformerModel(external: string | null, layers = 320, width = 192, heads = 4): { bytes: Uint8Array; externalBytes: number } {
  const D = width;
  const nodes: NodeSpec[] = [];
  const inits: TensorSpec[] = [];
  // One zero-filled buffer backs every weight: the writer copies views, so generation stays cheap.
  const maxBytes = 4 * D * 4 * D;
  const zeros = new Uint8Array(maxBytes);
  let offset = 0;
  const weight = (name: string, dims: number[]) => {
    const bytes = 4 * dims.reduce((a, b) => a * b, 1);
    if (external) {
      inits.push({ name, dtype: 'float32', dims, external: { location: external, offset, length: bytes } });
      offset += bytes;
    } else inits.push({ name, dtype: 'float32', dims, raw: zeros.subarray(0, bytes) });
    return name;
  };
  const i64 = (name: string, values: number[]) => {
    inits.push({ name, dtype: 'int64', dims: [values.length], values });
    return name;
  };
  i64('axis0', [0]);
  i64('idx0', [0]);
  i64('idx1', [1]);
  i64('heads_hd', [heads, D / heads]);
  i64('dmodel', [D]);
  let x = 'input';
  for (let l = 0; l < layers; l++) {
    const p = `l${l}_`;
    const n = (op: string, inputs: string[], outputs: string[], attrs?: NodeSpec['attrs']) =>
      nodes.push({ op, inputs, outputs, name: `${p}${op}_${nodes.length}`, attrs });
    n('LayerNormalization', [x, weight(`${p}ln1_g`, [D]), weight(`${p}ln1_b`, [D])], [`${p}h`], { axis: -1 });
    n('MatMul', [`${p}h`, weight(`${p}wqkv`, [D, 3 * D])], [`${p}qkv0`]);
    n('Add', [`${p}qkv0`, weight(`${p}bqkv`, [3 * D])], [`${p}qkv`]);
    n('Split', [`${p}qkv`], [`${p}q`, `${p}k`, `${p}v`], { axis: -1 });
    // Shape sub-graph: [batch, seq, heads, head_dim] from Shape(x).
    n('Shape', [x], [`${p}shape`]);
    n('Gather', [`${p}shape`, 'idx0'], [`${p}b`], { axis: 0 });
    n('Gather', [`${p}shape`, 'idx1'], [`${p}s`], { axis: 0 });
    n('Concat', [`${p}b`, `${p}s`, 'heads_hd'], [`${p}split_shape`], { axis: 0 });
    n('Concat', [`${p}b`, `${p}s`, 'dmodel'], [`${p}merge_shape`], { axis: 0 });
    for (const t of ['q', 'k', 'v']) {
      n('Reshape', [`${p}${t}`, `${p}split_shape`], [`${p}${t}4`]);
      n('Transpose', [`${p}${t}4`], [`${p}${t}h`], { perm: t === 'k' ? [0, 2, 3, 1] : [0, 2, 1, 3] });
    }
    n('MatMul', [`${p}qh`, `${p}kh`], [`${p}scores0`]);
    n('Mul', [`${p}scores0`, weight(`${p}scale`, [])], [`${p}scores`]);
    n('Softmax', [`${p}scores`], [`${p}probs`], { axis: -1 });
    n('MatMul', [`${p}probs`, `${p}vh`], [`${p}ctx`]);
    n('Transpose', [`${p}ctx`], [`${p}ctx_t`], { perm: [0, 2, 1, 3] });
    n('Reshape', [`${p}ctx_t`, `${p}merge_shape`], [`${p}ctx_m`]);
    n('MatMul', [`${p}ctx_m`, weight(`${p}wo`, [D, D])], [`${p}attn0`]);
    n('Add', [`${p}attn0`, weight(`${p}bo`, [D])], [`${p}attn`]);
    n('Add', [x, `${p}attn`], [`${p}res1`]);
    n('LayerNormalization', [`${p}res1`, weight(`${p}ln2_g`, [D]), weight(`${p}ln2_b`, [D])], [`${p}h2`], { axis: -1 });
    n('MatMul', [`${p}h2`, weight(`${p}w1`, [D, 4 * D])], [`${p}ff0`]);
    n('Add', [`${p}ff0`, weight(`${p}b1`, [4 * D])], [`${p}ff1`]);
    n('Erf', [`${p}ff1`], [`${p}ff2`]);
    n('Mul', [`${p}ff1`, `${p}ff2`], [`${p}ff3`]);
    n('MatMul', [`${p}ff3`, weight(`${p}w2`, [4 * D, D])], [`${p}ff4`]);
    n('Add', [`${p}ff4`, weight(`${p}b2`, [D])], [`${p}ff5`]);
    n('Add', [`${p}res1`, `${p}ff5`], [`${p}out`]);
    x = `${p}out`;
  }
  nodes.push({ op: 'Identity', inputs: [x], outputs: ['output'], name: 'output' });
  const bytes = encodeModel({
    graph: {
      nodes,
      inputs: [{ name: 'input', dtype: 'float32', shape: ['batch', 'sequence', D] }],
      outputs: [{ name: 'output', dtype: 'float32', shape: ['batch', 'sequence', D] }],
      initializers: inits,
    },
  });
  return { bytes, externalBytes: offset };
}

/**
 * TFLite stress models, written with the project's TFLite writer (src/formats/tflite/encode.ts):
 *   tfliteChainsModel(ops)   10 parallel chains of ADD (a constant), MUL (a constant), RELU,
 *                            LOGISTIC over [1, 64] float tensors: `ops` operators in all
 *   tfliteWeightsModel()     24 FULLY_CONNECTED layers of 2048 × 2048 float weights with biases
 *                            (~403 MB of buffers), as a weight-heavy file
 */
export function tfliteChainsModel(ops: number): Uint8Array {
  const tensors: TfliteTensorSpec[] = [{ name: 'x', dtype: 'float32', shape: [1, 64] }];
  const operators: TfliteOperatorSpec[] = [];
  const CYCLE = ['ADD', 'MUL', 'RELU', 'LOGISTIC'] as const;
  tensors.push({ name: 'k', dtype: 'float32', shape: [64], data: new Uint8Array(256) });
  const perChain = Math.floor(ops / CHAINS);
  const outputs: string[] = [];
  for (let c = 0; c < CHAINS; c++) {
    let prev = 'x';
    for (let i = 0; i < perChain; i++) {
      const op = CYCLE[i % CYCLE.length];
      const out = `c${c}/n${i}/${op.toLowerCase()}`;
      tensors.push({ name: out, dtype: 'float32', shape: [1, 64] });
      operators.push({
        op,
        inputs: op === 'ADD' || op === 'MUL' ? [prev, 'k'] : [prev],
        outputs: [out],
        ...(op === 'ADD' || op === 'MUL' ? { options: { fused_activation_function: 'NONE' } } : {}),
      });
      prev = out;
    }
    outputs.push(prev);
  }
  return encodeTflite({ description: 'model-budget bench', subgraphs: [{ tensors, inputs: ['x'], outputs, operators }] });
}

export function tfliteWeightsModel(layers = 24, width = 2048): Uint8Array {
  const zeros = new Uint8Array(width * width * 4);
  const tensors: TfliteTensorSpec[] = [{ name: 'x', dtype: 'float32', shape: [1, width] }];
  const operators: TfliteOperatorSpec[] = [];
  let prev = 'x';
  for (let l = 0; l < layers; l++) {
    tensors.push({ name: `fc${l}/w`, dtype: 'float32', shape: [width, width], data: zeros });
    tensors.push({ name: `fc${l}/b`, dtype: 'float32', shape: [width], data: zeros.subarray(0, width * 4) });
    tensors.push({ name: `fc${l}/y`, dtype: 'float32', shape: [1, width] });
    operators.push({ op: 'FULLY_CONNECTED', inputs: [prev, `fc${l}/w`, `fc${l}/b`], outputs: [`fc${l}/y`], options: { fused_activation_function: 'RELU' } });
    prev = `fc${l}/y`;
  }
  return encodeTflite({ description: 'model-budget bench', subgraphs: [{ tensors, inputs: ['x'], outputs: [prev], operators }] });
}

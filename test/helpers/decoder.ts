/**
 * A one-layer decoder with a KV cache, written with the project's ONNX writer: token ids
 * [batch, sequence] -> embedding -> Q, K, V projections -> K and V concatenated after the past
 * ones along the sequence axis (the present cache, returned) -> softmax(Q K^T) V -> output
 * projection to the vocabulary. An attention mask [batch, total] input is declared (unused) as
 * exporters declare it. The figures a test expects are {@link decoderMacs} and {@link decoderKvBytes},
 * from the architecture.
 */
import { encodeModel, type NodeSpec } from './encode.js';

export const ARCH = { vocab: 64, hidden: 16, heads: 2, headDim: 8 } as const;

export interface DecoderNames {
  pastKey?: string;
  pastValue?: string;
  presentKey?: string;
  presentValue?: string;
  /** The past inputs' sequence symbol (default past_sequence). */
  past?: string;
}

const zeros = (n: number) => new Uint8Array(n * 4);

export function decoder(names: DecoderNames = {}): Uint8Array {
  const { vocab: V, hidden: D, heads: H, headDim: HD } = ARCH;
  const pk = names.pastKey ?? 'past_key';
  const pv = names.pastValue ?? 'past_value';
  const ck = names.presentKey ?? 'present_key';
  const cv = names.presentValue ?? 'present_value';
  const past = names.past ?? 'past_sequence';
  const heads = (x: string, out: string): NodeSpec[] => [
    { op: 'Reshape', inputs: [x, 'split_shape'], outputs: [`${out}_r`] },
    { op: 'Transpose', inputs: [`${out}_r`], outputs: [out], attrs: { perm: [0, 2, 1, 3] } },
  ];
  return encodeModel({
    opsets: { '': 17 },
    graph: {
      nodes: [
        { op: 'Gather', inputs: ['embed', 'input_ids'], outputs: ['x'], name: 'embed' },
        { op: 'MatMul', inputs: ['x', 'wq'], outputs: ['q0'], name: 'q_proj' },
        { op: 'MatMul', inputs: ['x', 'wk'], outputs: ['k0'], name: 'k_proj' },
        { op: 'MatMul', inputs: ['x', 'wv'], outputs: ['v0'], name: 'v_proj' },
        ...heads('q0', 'q'),
        ...heads('k0', 'k'),
        ...heads('v0', 'v'),
        { op: 'Concat', inputs: [pk, 'k'], outputs: [ck], attrs: { axis: 2 }, name: 'cache_k' },
        { op: 'Concat', inputs: [pv, 'v'], outputs: [cv], attrs: { axis: 2 }, name: 'cache_v' },
        { op: 'Transpose', inputs: [ck], outputs: ['kt'], attrs: { perm: [0, 1, 3, 2] } },
        { op: 'MatMul', inputs: ['q', 'kt'], outputs: ['scores'], name: 'scores' },
        { op: 'Softmax', inputs: ['scores'], outputs: ['probs'], attrs: { axis: -1 } },
        { op: 'MatMul', inputs: ['probs', cv], outputs: ['ctx'], name: 'context' },
        { op: 'Transpose', inputs: ['ctx'], outputs: ['ctx_t'], attrs: { perm: [0, 2, 1, 3] } },
        { op: 'Reshape', inputs: ['ctx_t', 'merge_shape'], outputs: ['ctx_m'] },
        { op: 'MatMul', inputs: ['ctx_m', 'wo'], outputs: ['logits'], name: 'lm_head' },
      ],
      inputs: [
        { name: 'input_ids', dtype: 'int64', shape: ['batch', 'sequence'] },
        { name: 'attention_mask', dtype: 'int64', shape: ['batch', 'total_sequence'] },
        { name: pk, dtype: 'float32', shape: ['batch', H, past, HD] },
        { name: pv, dtype: 'float32', shape: ['batch', H, past, HD] },
      ],
      outputs: [
        { name: 'logits', dtype: 'float32' },
        { name: ck, dtype: 'float32' },
        { name: cv, dtype: 'float32' },
      ],
      initializers: [
        { name: 'embed', dtype: 'float32', dims: [V, D], raw: zeros(V * D) },
        { name: 'wq', dtype: 'float32', dims: [D, D], raw: zeros(D * D) },
        { name: 'wk', dtype: 'float32', dims: [D, D], raw: zeros(D * D) },
        { name: 'wv', dtype: 'float32', dims: [D, D], raw: zeros(D * D) },
        { name: 'wo', dtype: 'float32', dims: [D, V], raw: zeros(D * V) },
        { name: 'split_shape', dtype: 'int64', dims: [4], values: [0, 0, H, HD] },
        { name: 'merge_shape', dtype: 'int64', dims: [3], values: [0, 0, D] },
      ],
    },
  });
}

/** MACs of one run: Q, K, V projections, Q K^T and P V over past + sequence keys, the output projection. */
export function decoderMacs(batch: number, sequence: number, past: number): number {
  const { vocab: V, hidden: D, heads: H, headDim: HD } = ARCH;
  const tokens = batch * sequence;
  return 3 * tokens * D * D + 2 * batch * H * sequence * (past + sequence) * HD + tokens * D * V;
}

/** Bytes of the present K and V (float32) after a run. */
export function decoderKvBytes(batch: number, sequence: number, past: number): number {
  const { heads: H, headDim: HD } = ARCH;
  return 2 * batch * H * (past + sequence) * HD * 4;
}

/** Bytes of the weights (float32) and the two int64 shape constants. */
export const decoderWeightBytes = (): number => {
  const { vocab: V, hidden: D } = ARCH;
  return 4 * (V * D + 3 * D * D + D * V) + 8 * (4 + 3);
};

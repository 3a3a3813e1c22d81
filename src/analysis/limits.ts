/**
 * The bounds every number from a model file is held to, and the work one analysis may do.
 * Models arrive in pull requests, so every count is attacker-controlled: numbers are checked
 * when read (dims, element counts, tensor data) and when combined (costs, totals), and a model
 * that passes a ceiling is refused with a GraphError rather than reported as a wrong figure.
 */
import type { DType } from '../graph/dtype.js';
import { dtypeBits } from '../graph/dtype.js';
import type { Info } from '../graph/info.js';
import type { TensorData } from '../graph/model.js';
import { GraphError } from './errors.js';

/** Largest dimension accepted anywhere (inputs, initializers, inferred shapes). */
export const MAX_DIM = 2 ** 31;
/** Largest element count of one tensor. */
export const MAX_ELEMENTS = 2 ** 48;
/** Every count and total is an exact integer in a double: below 2^53. */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;
/** Parameters (weights' elements) a model may have: 10^15. Bytes likewise. */
export const MAX_PARAMS = 1e15;
export const MAX_WEIGHT_BYTES = 1e15;
/** Nodes the driver may visit in one analysis, sub-graph runs and unrolled loops included. */
export const MAX_NODE_VISITS = 10_000_000;
/** Sub-graph runs (If branches, Loop / Scan bodies, each distinct run once) in one analysis. */
export const MAX_SUBGRAPH_RUNS = 100_000;
/** Loop iterations unrolled in one analysis; past it, loops are summarised (body once x trips). */
export const MAX_UNROLLED_ITERATIONS = 4096;
/** Nodes function inlining may create in one model. */
export const MAX_INLINED_NODES = 2_000_000;
/** Sub-graphs nested deeper than this (the decoder stops at 64) are refused. */
export const MAX_GRAPH_DEPTH = 80;

/** a + b, refused when the sum is not an exact integer below 2^53. */
export function checkedAdd(a: number, b: number, what: string): number {
  const s = a + b;
  if (!(s <= MAX_COUNT)) throw new GraphError(`${what} exceeds 2^53 (${fmt(s)}): too large to count exactly`);
  return s;
}

/** a x b, refused past 2^53. */
export function checkedMul(a: number, b: number, what: string): number {
  const p = a * b;
  if (!(p <= MAX_COUNT)) throw new GraphError(`${what} exceeds 2^53 (${fmt(p)}): too large to count exactly`);
  return p;
}

export function fmt(n: number): string {
  return Number.isFinite(n) && Math.abs(n) < 1e15 ? String(n) : n.toPrecision(3);
}

/** What is wrong with a dim, or null when it is a whole number in [0, MAX_DIM]. */
export function dimProblem(d: number): string | null {
  if (!Number.isFinite(d)) return `a non-finite dimension (${d})`;
  if (!Number.isInteger(d)) return `a fractional dimension (${d})`;
  if (d < 0) return `a negative dimension (${d})`;
  if (d > MAX_DIM) return `an absurd dimension (${fmt(d)}, above 2^31)`;
  return null;
}

/** Elements of known dims, refused past MAX_ELEMENTS. */
export function checkedElements(dims: readonly number[], owner: string): number {
  let n = 1;
  for (const d of dims) n *= d;
  if (n > MAX_ELEMENTS) throw new GraphError(`${owner} has an absurd size (${fmt(n)} elements, above 2^48)`);
  return n;
}

/**
 * A tensor stored in the file: dims whole and in range, element count bounded, and the inline
 * data (raw bytes, typed field or strings) holding exactly that many elements. External data and
 * tensors with no data at all are checked for dims only (the loader checks external lengths).
 */
export function checkTensorData(t: TensorData, owner: string): number {
  t.dims.forEach((d, axis) => {
    const p = dimProblem(d);
    if (p) throw new GraphError(`${owner} has ${p} at axis ${axis}`);
  });
  const n = checkedElements(t.dims, owner);
  const st = t.storage;
  const mismatch = (have: string) => {
    throw new GraphError(`${owner} declares ${fmt(n)} elements (dims [${t.dims.join(', ')}]) but holds ${have}`);
  };
  // Raw data, read or left in a skimmed file: its length in bytes.
  const rawLength = st.kind === 'raw' ? st.bytes.byteLength : st.kind === 'unread' ? st.length : null;
  if (rawLength !== null && t.dtype !== null && t.dtype !== 'string') {
    const bits = dtypeBits(t.dtype);
    const want = Math.ceil((n * bits) / 8);
    if (rawLength !== want) mismatch(`${rawLength} bytes of raw data (${want} expected)`);
  } else if (st.kind === 'strings') {
    if (st.values.length !== n) mismatch(`${st.values.length} strings`);
  } else if (st.kind === 'field' && t.dtype !== null) {
    const have = fieldCount(st.field, st.segments);
    const want = n * fieldPerElement(t.dtype);
    // Sub-byte types are packed into int32_data (two int4 per value); older writers did not pack.
    const bits = dtypeBits(t.dtype);
    const packed = bits > 0 && bits < 8 ? Math.ceil((n * bits) / 8) : want;
    if (have !== null && have !== want && have !== packed) mismatch(`${have} values in its ${st.field} field (${want} expected)`);
  }
  return n;
}

/** Field values per element: complex numbers take two. */
function fieldPerElement(dtype: DType): number {
  return dtype === 'complex64' || dtype === 'complex128' ? 2 : 1;
}

/** Values in a repeated numeric field, counted without decoding them; null for a field not counted here. */
function fieldCount(field: string, segments: readonly { packed: boolean; wireType: number; bytes: Uint8Array }[]): number | null {
  let count = 0;
  for (const seg of segments) {
    if (!seg.packed) {
      count++;
      continue;
    }
    switch (field) {
      case 'float':
        count += seg.bytes.byteLength / 4;
        break;
      case 'double':
        count += seg.bytes.byteLength / 8;
        break;
      case 'int32':
      case 'int64':
      case 'uint64':
        for (const b of seg.bytes) if (b < 0x80) count++;
        break;
      default:
        return null;
    }
  }
  return count;
}

/** Refuse an inferred value whose shape is out of range; `what` names the node and output. */
export function checkInfo(info: Info | null, what: () => string): void {
  if (!info) return;
  if (info.kind === 'tensor') {
    if (!info.shape) return;
    let n = 1;
    let known = true;
    const shape = info.shape;
    for (let axis = 0; axis < shape.length; axis++) {
      const d = shape[axis];
      if (typeof d !== 'number') {
        known = false;
        continue;
      }
      if (!(Number.isInteger(d) && d >= 0 && d <= MAX_DIM)) throw new GraphError(`${what()} has ${dimProblem(d)!} at axis ${axis}`);
      n *= d;
    }
    if (known && n > MAX_ELEMENTS) throw new GraphError(`${what()} has an absurd size (${fmt(n)} elements, above 2^48)`);
    return;
  }
  if (info.kind === 'sequence') {
    checkInfo(info.elem, what);
    if (info.items) for (const t of info.items) checkInfo(t, what);
    return;
  }
  if (info.kind === 'optional') checkInfo(info.elem, what);
  else if (info.kind === 'map') checkInfo(info.value, what);
}

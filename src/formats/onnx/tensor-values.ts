/**
 * Reading the elements of a (small) tensor, for value propagation through shape sub-graphs.
 * Weights are never read this way: callers pass a limit, and external data is never opened.
 */
import type { TensorData } from '../../graph/model.js';
import { Reader } from './wire.js';

/** Tensors with more elements than this are not decoded. */
export const DEFAULT_VALUE_LIMIT = 4096;

export function elementCount(t: TensorData): number {
  let n = 1;
  for (const d of t.dims) n *= d;
  return n;
}

const f16buf = new DataView(new ArrayBuffer(4));

export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

export function bfloat16ToFloat(b: number): number {
  f16buf.setUint32(0, (b & 0xffff) << 16);
  return f16buf.getFloat32(0);
}

/**
 * Elements of `t` as numbers (bool as 0/1), or null when there are more than `limit`, the data
 * is external, or the type holds no numbers this reader decodes (strings, float8, complex).
 */
export function readTensorValues(t: TensorData, limit = DEFAULT_VALUE_LIMIT): number[] | null {
  const count = elementCount(t);
  if (count > limit || t.dtype === null) return null;
  const st = t.storage;
  if (count === 0) return [];
  switch (st.kind) {
    case 'raw':
      return fromRaw(t, st.bytes, count);
    case 'field':
      return fromField(t, st.field, st.segments, count);
    default:
      return null;
  }
}

function fromRaw(t: TensorData, bytes: Uint8Array, count: number): number[] | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = new Array<number>(count);
  const need = (w: number) => bytes.byteLength >= count * w;
  switch (t.dtype) {
    case 'float32':
      if (!need(4)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getFloat32(i * 4, true);
      return out;
    case 'float64':
      if (!need(8)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getFloat64(i * 8, true);
      return out;
    case 'float16':
      if (!need(2)) return null;
      for (let i = 0; i < count; i++) out[i] = halfToFloat(dv.getUint16(i * 2, true));
      return out;
    case 'bfloat16':
      if (!need(2)) return null;
      for (let i = 0; i < count; i++) out[i] = bfloat16ToFloat(dv.getUint16(i * 2, true));
      return out;
    case 'int8':
      if (!need(1)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getInt8(i);
      return out;
    case 'uint8':
    case 'bool':
      if (!need(1)) return null;
      for (let i = 0; i < count; i++) out[i] = t.dtype === 'bool' ? (dv.getUint8(i) ? 1 : 0) : dv.getUint8(i);
      return out;
    case 'int16':
      if (!need(2)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getInt16(i * 2, true);
      return out;
    case 'uint16':
      if (!need(2)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getUint16(i * 2, true);
      return out;
    case 'int32':
      if (!need(4)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getInt32(i * 4, true);
      return out;
    case 'uint32':
      if (!need(4)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getUint32(i * 4, true);
      return out;
    case 'int64':
      if (!need(8)) return null;
      for (let i = 0; i < count; i++) out[i] = Number(dv.getBigInt64(i * 8, true));
      return out;
    case 'uint64':
      if (!need(8)) return null;
      for (let i = 0; i < count; i++) out[i] = Number(dv.getBigUint64(i * 8, true));
      return out;
    case 'int4':
    case 'uint4': {
      if (bytes.byteLength < Math.ceil(count / 2)) return null;
      for (let i = 0; i < count; i++) {
        const byte = bytes[i >> 1];
        let v = i & 1 ? byte >> 4 : byte & 0x0f;
        if (t.dtype === 'int4' && v >= 8) v -= 16;
        out[i] = v;
      }
      return out;
    }
    default:
      return null;
  }
}

function fromField(t: TensorData, field: string, segments: { packed: boolean; wireType: number; bytes: Uint8Array }[], count: number): number[] | null {
  const raw: number[] = [];
  for (const seg of segments) {
    const r = new Reader(seg.bytes);
    const readOne = (): number => {
      switch (field) {
        case 'float':
          return r.float();
        case 'double':
          return r.double();
        case 'int32':
          return r.int32();
        case 'int64':
          return r.int64();
        case 'uint64':
          return r.uint64();
        default:
          throw new Error(`field ${field} holds no numbers`);
      }
    };
    while (!r.done && raw.length <= count) raw.push(readOne());
  }
  if (raw.length < count) return null;
  raw.length = count;
  switch (t.dtype) {
    case 'float16':
      return field === 'int32' ? raw.map(halfToFloat) : raw;
    case 'bfloat16':
      return field === 'int32' ? raw.map(bfloat16ToFloat) : raw;
    case 'bool':
      return raw.map((v) => (v ? 1 : 0));
    case 'complex64':
    case 'complex128':
    case 'string':
      return null;
    default:
      if (t.dtype?.startsWith('float8') || t.dtype === 'float4e2m1') return null;
      return raw;
  }
}

/**
 * What inference knows about a value flowing through the graph: its type, its shape and,
 * for small tensors, its elements (shape sub-graphs are evaluated through these).
 */
import type { DType } from './dtype.js';
import type { Dim, Shape, ValueType } from './model.js';

export interface TensorInfo {
  kind: 'tensor';
  dtype: DType | null;
  shape: Shape;
  /**
   * Row-major elements when known (only kept for small tensors). An entry may be a symbol
   * (from `Shape` of a symbolic input) or null (unknown element of a partly known value).
   */
  value?: Dim[];
}

export interface SequenceInfo {
  kind: 'sequence';
  elem: TensorInfo | null;
  /** Element infos when the sequence's length and items are known statically. */
  items?: TensorInfo[];
}

export interface OptionalInfo {
  kind: 'optional';
  elem: Info | null;
  /** true/false when it is statically known whether the optional holds a value. */
  present?: boolean;
}

export interface MapInfo {
  kind: 'map';
  key: DType | null;
  value: Info | null;
}

export type Info = TensorInfo | SequenceInfo | OptionalInfo | MapInfo;

/** Values with more elements than this are not tracked (shape math never needs them). */
export const MAX_TRACKED_ELEMENTS = 4096;

export function tensor(dtype: DType | null, shape: Shape, value?: Dim[]): TensorInfo {
  const t: TensorInfo = { kind: 'tensor', dtype, shape };
  if (value !== undefined && value.length <= MAX_TRACKED_ELEMENTS) t.value = value;
  return t;
}

export function unknownTensor(dtype: DType | null = null): TensorInfo {
  return { kind: 'tensor', dtype, shape: null };
}

export function infoFromType(type: ValueType | null): Info | null {
  if (!type) return null;
  switch (type.kind) {
    case 'tensor':
    case 'sparse':
      return tensor(type.dtype, type.shape ? [...type.shape] : null);
    case 'sequence': {
      const elem = infoFromType(type.elem);
      return { kind: 'sequence', elem: elem && elem.kind === 'tensor' ? elem : null };
    }
    case 'optional':
      return { kind: 'optional', elem: infoFromType(type.elem) };
    case 'map':
      return { kind: 'map', key: type.key, value: infoFromType(type.value) };
  }
}

export function isTensor(info: Info | null | undefined): info is TensorInfo {
  return !!info && info.kind === 'tensor';
}

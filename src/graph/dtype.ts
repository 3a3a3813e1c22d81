/**
 * ONNX tensor element types (TensorProto.DataType), with their storage width.
 * Names follow numpy / ONNX Runtime spelling so reports read naturally.
 */
export type DType =
  | 'float32'
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'string'
  | 'bool'
  | 'float16'
  | 'float64'
  | 'uint32'
  | 'uint64'
  | 'complex64'
  | 'complex128'
  | 'bfloat16'
  | 'float8e4m3fn'
  | 'float8e4m3fnuz'
  | 'float8e5m2'
  | 'float8e5m2fnuz'
  | 'uint4'
  | 'int4'
  | 'float4e2m1'
  | 'float8e8m0'
  | 'uint2'
  | 'int2';

/** Index = the ONNX enum value. */
const BY_CODE: (DType | null)[] = [
  null,
  'float32',
  'uint8',
  'int8',
  'uint16',
  'int16',
  'int32',
  'int64',
  'string',
  'bool',
  'float16',
  'float64',
  'uint32',
  'uint64',
  'complex64',
  'complex128',
  'bfloat16',
  'float8e4m3fn',
  'float8e4m3fnuz',
  'float8e5m2',
  'float8e5m2fnuz',
  'uint4',
  'int4',
  'float4e2m1',
  'float8e8m0',
  'uint2',
  'int2',
];

const BITS: Record<DType, number> = {
  float32: 32,
  uint8: 8,
  int8: 8,
  uint16: 16,
  int16: 16,
  int32: 32,
  int64: 64,
  // A string tensor's size is data-dependent; it counts as 0 bytes and the report says so.
  string: 0,
  bool: 8,
  float16: 16,
  float64: 64,
  uint32: 32,
  uint64: 64,
  complex64: 64,
  complex128: 128,
  bfloat16: 16,
  float8e4m3fn: 8,
  float8e4m3fnuz: 8,
  float8e5m2: 8,
  float8e5m2fnuz: 8,
  uint4: 4,
  int4: 4,
  float4e2m1: 4,
  float8e8m0: 8,
  uint2: 2,
  int2: 2,
};

/** The DType for an ONNX enum value, or null for UNDEFINED / a code this build does not know. */
export function dtypeFromCode(code: number): DType | null {
  return BY_CODE[code] ?? null;
}

export function dtypeCode(dtype: DType): number {
  return BY_CODE.indexOf(dtype);
}

/** Storage width of one element in bits (4 for int4, 0 for string). */
export function dtypeBits(dtype: DType): number {
  return BITS[dtype];
}

/** Bytes taken by `count` elements of `dtype`; sub-byte types pack (int4: 2 per byte, rounded up). */
export function byteSize(dtype: DType, count: number): number {
  return Math.ceil((count * BITS[dtype]) / 8);
}

export function isFloat(dtype: DType | null): boolean {
  return dtype !== null && (dtype.startsWith('float') || dtype === 'bfloat16');
}

export function isInteger(dtype: DType | null): boolean {
  return dtype !== null && /^u?int\d+$/.test(dtype);
}

/** Element types that hold weights worth counting as params (floating, or quantized integers). */
export function isNumeric(dtype: DType | null): boolean {
  return dtype !== null && dtype !== 'string' && dtype !== 'bool';
}

export const ALL_DTYPES: readonly DType[] = BY_CODE.filter((d): d is DType => d !== null);

/** The values each integer dtype holds (int64 / uint64: unbounded here, as doubles carry them). */
export const INT_RANGE: Partial<Record<DType, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  int64: [-Infinity, Infinity],
  uint64: [0, Infinity],
  int4: [-8, 7],
  uint4: [0, 15],
  int2: [-2, 1],
  uint2: [0, 3],
};

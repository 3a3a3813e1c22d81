/**
 * The project's TensorFlow Lite writer (tests and fixtures): builds .tflite bytes from a plain
 * description with flatbuffers' Builder and the generated schema code, so hand-built models go
 * through the real reader. Like src/formats/onnx/encode.ts: tensors by name, operators by builtin
 * name with their options as a plain object (field names as in schema.fbs), several subgraphs,
 * signature defs, and buffers stored after the FlatBuffer at offset/size (as for models > 2 GB).
 *
 * Raw indices (a tensor, buffer, operator code or subgraph index given as a number) are written as
 * they are, unchecked, so tests can write broken files.
 */
import * as flatbuffers from 'flatbuffers';
import {
  Buffer as FbBuffer,
  BuiltinOperator,
  BuiltinOptions,
  BuiltinOptions2,
  DimensionMetadata,
  DimensionType,
  Int32Vector,
  Model,
  Operator,
  OperatorCode,
  QuantizationDetails,
  QuantizationParameters,
  SignatureDef,
  SparseIndexVector,
  SparsityParameters,
  SubGraph,
  Tensor,
  TensorMap,
  TensorType,
} from './schema_generated.js';
import { ENUMS, TABLES, UNIONS } from './schema_meta_generated.js';

export type OptionValue = number | boolean | string | number[] | string[];

export interface TfliteTensorSpec {
  name: string;
  /** A project dtype (DType: 'float32') or a TensorType name ('FLOAT32', 'RESOURCE'). */
  dtype: string;
  shape: number[];
  /** shape_signature (-1: a dynamic dim). */
  shapeSignature?: number[];
  /** Constant data: raw bytes, or numbers written in the dtype (float32/16?, int8/16/32/64, uint8). */
  data?: Uint8Array | number[];
  /** An explicit buffer index (shares or breaks buffers); default: a new buffer when `data` is given, else 0. */
  /** With the model's offsetBuffers: keep this tensor's data inside the FlatBuffer all the same. */
  inline?: boolean;
  buffer?: number;
  isVariable?: boolean;
  hasRank?: boolean;
  quantization?: { scale?: number[]; zeroPoint?: number[]; min?: number[]; max?: number[]; quantizedDimension?: number };
  /** Sparsity parameters (the data holds the stored elements). */
  sparsity?: {
    traversalOrder: number[];
    blockMap?: number[];
    dimMetadata: { format: 'DENSE' | 'SPARSE_CSR'; denseSize?: number; arraySegments?: number[]; arrayIndices?: number[] }[];
  };
}

export interface TfliteOperatorSpec {
  /** A BuiltinOperator name ('CONV_2D'), or { custom: code }. */
  op: string | { custom: string };
  /** Tensor names; null: an omitted input (-1); a number: a raw tensor index. */
  inputs: (string | number | null)[];
  outputs: (string | number)[];
  /** The options table's fields by schema name (enums by member name, bools as booleans). */
  options?: Record<string, OptionValue>;
  /** The options table ('Pool2DOptions'); default: derived from the operator's name. */
  optionsType?: string;
  /** A raw opcode_index (default: the operator code's index). */
  opcodeIndex?: number;
  /** An operator code version (default 1). */
  version?: number;
}

export interface TfliteSubgraphSpec {
  name?: string;
  tensors: TfliteTensorSpec[];
  inputs: (string | number)[];
  outputs: (string | number)[];
  operators: TfliteOperatorSpec[];
}

export interface TfliteModelSpec {
  /** Schema version (default 3). */
  version?: number;
  description?: string;
  subgraphs: TfliteSubgraphSpec[];
  signatures?: { key: string; subgraph?: number; inputs: { name: string; tensor: string | number }[]; outputs: { name: string; tensor: string | number }[] }[];
  /**
   * Store buffers after the FlatBuffer at offset/size (as the converter does for models > 2 GB).
   * With `at`, the first buffer starts at that file offset (padding in between).
   */
  offsetBuffers?: boolean | { at: number };
  /** Raw Buffer tables appended after the generated ones (offset/size as given): for broken files. */
  extraBuffers?: { offset: number; size: number }[];
}

export interface TfliteFileParts {
  /** The FlatBuffer (the whole file unless buffers are stored after it). */
  head: Uint8Array;
  /** Buffers stored after the FlatBuffer: where each goes in the file. */
  tail: { offset: number; bytes: Uint8Array }[];
  /** The file's size. */
  size: number;
}

/** The model as one file (for offsetBuffers with a far `at`, prefer encodeTfliteParts). */
export function encodeTflite(spec: TfliteModelSpec): Uint8Array {
  const parts = encodeTfliteParts(spec);
  if (parts.tail.length === 0) return parts.head;
  const out = new Uint8Array(parts.size);
  out.set(parts.head, 0);
  for (const t of parts.tail) out.set(t.bytes, t.offset);
  return out;
}

const TENSOR_TYPE_BY_DTYPE: Record<string, string> = {
  float32: 'FLOAT32',
  float16: 'FLOAT16',
  bfloat16: 'BFLOAT16',
  float64: 'FLOAT64',
  int8: 'INT8',
  int16: 'INT16',
  int32: 'INT32',
  int64: 'INT64',
  uint8: 'UINT8',
  uint16: 'UINT16',
  uint32: 'UINT32',
  uint64: 'UINT64',
  int4: 'INT4',
  int2: 'INT2',
  uint4: 'UINT4',
  bool: 'BOOL',
  string: 'STRING',
  complex64: 'COMPLEX64',
  complex128: 'COMPLEX128',
  float8e4m3fn: 'FLOAT8_E4M3FN',
  float8e5m2: 'FLOAT8_E5M2',
};

function enumValue(enumName: string, member: string): number {
  for (const [v, n] of ENUMS[enumName].values) if (n === member) return v;
  throw new Error(`encodeTflite: ${enumName} has no member ${member}`);
}

/** The TensorType of a project dtype or a TensorType name. */
export function tensorType(dtype: string): TensorType {
  const t = TensorType[(TENSOR_TYPE_BY_DTYPE[dtype] ?? dtype) as keyof typeof TensorType] as TensorType | undefined;
  if (t === undefined) throw new Error(`encodeTflite: no TensorType for ${dtype}`);
  return t;
}

/** Numbers as the bytes of a dtype. */
export function tensorBytes(dtype: string, values: number[]): Uint8Array {
  const t = TENSOR_TYPE_BY_DTYPE[dtype] ?? dtype;
  const width: Record<string, number> = { FLOAT32: 4, FLOAT64: 8, INT8: 1, UINT8: 1, BOOL: 1, INT16: 2, UINT16: 2, INT32: 4, UINT32: 4, INT64: 8 };
  const w = width[t];
  if (w === undefined) throw new Error(`encodeTflite: write ${dtype} data as raw bytes`);
  const out = new Uint8Array(values.length * w);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => {
    const o = i * w;
    if (t === 'FLOAT32') dv.setFloat32(o, v, true);
    else if (t === 'FLOAT64') dv.setFloat64(o, v, true);
    else if (t === 'INT8') dv.setInt8(o, v);
    else if (t === 'UINT8' || t === 'BOOL') dv.setUint8(o, v);
    else if (t === 'INT16') dv.setInt16(o, v, true);
    else if (t === 'UINT16') dv.setUint16(o, v, true);
    else if (t === 'INT32') dv.setInt32(o, v, true);
    else if (t === 'UINT32') dv.setUint32(o, v, true);
    else dv.setBigInt64(o, BigInt(v), true);
  });
  return out;
}

const POOL = new Set(['AVERAGE_POOL_2D', 'MAX_POOL_2D', 'L2_POOL_2D']);
const REDUCER = new Set(['MEAN', 'SUM', 'REDUCE_PROD', 'REDUCE_MAX', 'REDUCE_MIN', 'REDUCE_ANY', 'REDUCE_ALL']);

/** The options table of a builtin operator: 'CONV_2D' → 'Conv2DOptions' (by name, with the known exceptions). */
export function optionsTableOf(op: string): string | null {
  if (POOL.has(op)) return 'Pool2DOptions';
  if (REDUCER.has(op)) return 'ReducerOptions';
  const want = `${op.replaceAll('_', '')}options`.toLowerCase();
  for (const u of ['BuiltinOptions', 'BuiltinOptions2']) for (const m of UNIONS[u]) if (m.toLowerCase() === want) return m;
  return null;
}

type OptionsUnion = { union: 'BuiltinOptions'; code: BuiltinOptions } | { union: 'BuiltinOptions2'; code: BuiltinOptions2 };

function unionOf(table: string): OptionsUnion {
  const one = BuiltinOptions[table as keyof typeof BuiltinOptions] as BuiltinOptions | undefined;
  if (one !== undefined && one !== BuiltinOptions.NONE) return { union: 'BuiltinOptions', code: one };
  const two = BuiltinOptions2[table as keyof typeof BuiltinOptions2] as BuiltinOptions2 | undefined;
  if (two !== undefined && two !== BuiltinOptions2.NONE) return { union: 'BuiltinOptions2', code: two };
  throw new Error(`encodeTflite: ${table} is not an options table`);
}

export function encodeTfliteParts(spec: TfliteModelSpec): TfliteFileParts {
  const b = new flatbuffers.Builder(1024);
  const buffers: { data: Uint8Array | null; inline?: boolean }[] = [{ data: null }];
  const opcodes: { key: string; builtin: BuiltinOperator; custom: string | null; version: number }[] = [];
  const opcodeIndex = (op: TfliteOperatorSpec): number => {
    const custom = typeof op.op === 'string' ? null : op.op.custom;
    const builtin =
      typeof op.op === 'string' ? (BuiltinOperator[op.op as keyof typeof BuiltinOperator] as BuiltinOperator | undefined) : BuiltinOperator.CUSTOM;
    if (builtin === undefined) throw new Error(`encodeTflite: no builtin operator ${JSON.stringify(op.op)}`);
    const version = op.version ?? 1;
    const key = `${builtin}/${custom ?? ''}/${version}`;
    let i = opcodes.findIndex((o) => o.key === key);
    if (i < 0) i = opcodes.push({ key, builtin, custom, version }) - 1;
    return i;
  };

  const subgraphOffsets = spec.subgraphs.map((sg) => {
    const index = new Map(sg.tensors.map((t, i) => [t.name, i]));
    const ref = (x: string | number | null): number => {
      if (x === null) return -1;
      if (typeof x === 'number') return x;
      const i = index.get(x);
      if (i === undefined) throw new Error(`encodeTflite: no tensor named ${x}`);
      return i;
    };
    const tensors = sg.tensors.map((t) => {
      let buffer = t.buffer ?? 0;
      if (t.data !== undefined && t.buffer === undefined) {
        const data = t.data instanceof Uint8Array ? t.data : tensorBytes(t.dtype, t.data);
        buffer = buffers.push({ data, inline: t.inline }) - 1;
      }
      const name = b.createString(t.name);
      const shape = Tensor.createShapeVector(b, t.shape);
      const sig = t.shapeSignature ? Tensor.createShapeSignatureVector(b, t.shapeSignature) : 0;
      let quant = 0;
      if (t.quantization) {
        const q = t.quantization;
        quant = QuantizationParameters.createQuantizationParameters(
          b,
          q.min ? QuantizationParameters.createMinVector(b, q.min) : 0,
          q.max ? QuantizationParameters.createMaxVector(b, q.max) : 0,
          q.scale ? QuantizationParameters.createScaleVector(b, q.scale) : 0,
          q.zeroPoint
            ? QuantizationParameters.createZeroPointVector(
                b,
                q.zeroPoint.map((v) => BigInt(v)),
              )
            : 0,
          QuantizationDetails.NONE,
          0,
          q.quantizedDimension ?? 0,
        );
      }
      let sparsity = 0;
      if (t.sparsity) {
        const s = t.sparsity;
        const vec = (values: number[] | undefined) => (values ? Int32Vector.createInt32Vector(b, Int32Vector.createValuesVector(b, values)) : 0);
        const dims = s.dimMetadata.map((d) => {
          const seg = vec(d.arraySegments);
          const idx = vec(d.arrayIndices);
          const kind = (v: number) => (v ? SparseIndexVector.Int32Vector : SparseIndexVector.NONE);
          const format = d.format === 'DENSE' ? DimensionType.DENSE : DimensionType.SPARSE_CSR;
          return DimensionMetadata.createDimensionMetadata(b, format, d.denseSize ?? 0, kind(seg), seg, kind(idx), idx);
        });
        sparsity = SparsityParameters.createSparsityParameters(
          b,
          SparsityParameters.createTraversalOrderVector(b, s.traversalOrder),
          s.blockMap ? SparsityParameters.createBlockMapVector(b, s.blockMap) : 0,
          SparsityParameters.createDimMetadataVector(b, dims),
        );
      }
      Tensor.startTensor(b);
      Tensor.addShape(b, shape);
      Tensor.addType(b, tensorType(t.dtype));
      Tensor.addBuffer(b, buffer);
      Tensor.addName(b, name);
      if (quant) Tensor.addQuantization(b, quant);
      if (t.isVariable) Tensor.addIsVariable(b, true);
      if (sparsity) Tensor.addSparsity(b, sparsity);
      if (sig) Tensor.addShapeSignature(b, sig);
      if (t.hasRank) Tensor.addHasRank(b, true);
      return Tensor.endTensor(b);
    });
    const operators = sg.operators.map((op) => {
      const inputs = Operator.createInputsVector(b, op.inputs.map(ref));
      const outputs = Operator.createOutputsVector(b, op.outputs.map(ref));
      let options: (OptionsUnion & { offset: number }) | null = null;
      if (op.options || op.optionsType) {
        const table = op.optionsType ?? (typeof op.op === 'string' ? optionsTableOf(op.op) : null);
        if (!table) throw new Error(`encodeTflite: name the options table of ${JSON.stringify(op.op)} (optionsType)`);
        options = { ...unionOf(table), offset: optionsTable(b, table, op.options ?? {}) };
      }
      Operator.startOperator(b);
      Operator.addOpcodeIndex(b, op.opcodeIndex ?? opcodeIndex(op));
      Operator.addInputs(b, inputs);
      Operator.addOutputs(b, outputs);
      if (options?.union === 'BuiltinOptions') {
        Operator.addBuiltinOptionsType(b, options.code);
        Operator.addBuiltinOptions(b, options.offset);
      } else if (options) {
        Operator.addBuiltinOptions2Type(b, options.code);
        Operator.addBuiltinOptions2(b, options.offset);
      }
      return Operator.endOperator(b);
    });
    const name = b.createString(sg.name ?? '');
    return SubGraph.createSubGraph(
      b,
      SubGraph.createTensorsVector(b, tensors),
      SubGraph.createInputsVector(b, sg.inputs.map(ref)),
      SubGraph.createOutputsVector(b, sg.outputs.map(ref)),
      SubGraph.createOperatorsVector(b, operators),
      name,
      -1,
    );
  });

  const codes = opcodes.map((o) => {
    const custom = o.custom !== null ? b.createString(o.custom) : 0;
    OperatorCode.startOperatorCode(b);
    OperatorCode.addDeprecatedBuiltinCode(b, Math.min(o.builtin, 127));
    if (custom) OperatorCode.addCustomCode(b, custom);
    OperatorCode.addVersion(b, o.version);
    OperatorCode.addBuiltinCode(b, o.builtin);
    return OperatorCode.endOperatorCode(b);
  });

  // Buffers: inline data, or placed after the FlatBuffer (at offsets past the size the same model
  // takes with every buffer inline, a bound known before the layout).
  const tail: { offset: number; bytes: Uint8Array }[] = [];
  const bufferTables = (layout: ((i: number) => { offset: number; size: number } | undefined) | null) => [
    ...buffers.map((buf, i) => {
      if (i === 0 || buf.data === null) return FbBuffer.createBuffer(b, 0, 0n, 0n);
      const at = layout?.(i);
      if (at) return FbBuffer.createBuffer(b, 0, BigInt(at.offset), BigInt(at.size));
      return FbBuffer.createBuffer(b, FbBuffer.createDataVector(b, buf.data), 0n, 0n);
    }),
    ...(spec.extraBuffers ?? []).map((x) => FbBuffer.createBuffer(b, 0, BigInt(x.offset), BigInt(x.size))),
  ];

  const finish = (layout: ((i: number) => { offset: number; size: number } | undefined) | null): Uint8Array => {
    const sigs = (spec.signatures ?? []).map((s) => {
      const sg = spec.subgraphs[s.subgraph ?? 0] as TfliteSubgraphSpec | undefined;
      const idx = (x: string | number) => (typeof x === 'number' ? x : (sg?.tensors.findIndex((t) => t.name === x) ?? -1));
      const maps = (list: { name: string; tensor: string | number }[]) => list.map((m) => TensorMap.createTensorMap(b, b.createString(m.name), idx(m.tensor)));
      const inputs = SignatureDef.createInputsVector(b, maps(s.inputs));
      const outputs = SignatureDef.createOutputsVector(b, maps(s.outputs));
      const key = b.createString(s.key);
      SignatureDef.startSignatureDef(b);
      SignatureDef.addInputs(b, inputs);
      SignatureDef.addOutputs(b, outputs);
      SignatureDef.addSignatureKey(b, key);
      SignatureDef.addSubgraphIndex(b, s.subgraph ?? 0);
      return SignatureDef.endSignatureDef(b);
    });
    const bufs = Model.createBuffersVector(b, bufferTables(layout));
    const model = Model.createModel(
      b,
      spec.version ?? 3,
      Model.createOperatorCodesVector(b, codes),
      Model.createSubgraphsVector(b, subgraphOffsets),
      b.createString(spec.description ?? 'model-budget test writer'),
      bufs,
      0,
      0,
      sigs.length ? Model.createSignatureDefsVector(b, sigs) : 0,
      0,
      0,
    );
    Model.finishModelBuffer(b, model);
    return b.asUint8Array();
  };

  if (!spec.offsetBuffers) {
    const head = finish(null).slice();
    return { head, tail, size: head.length };
  }
  // The FlatBuffer with its buffers inline is larger than without: the data starts after that.
  const firstSize = encodeTfliteParts({ ...spec, offsetBuffers: false }).head.length;
  const start = typeof spec.offsetBuffers === 'object' ? spec.offsetBuffers.at : 0;
  let at = Math.max(start, align16(firstSize + 4096 + 16 * buffers.length));
  const offsets = new Map<number, { offset: number; size: number }>();
  for (let i = 1; i < buffers.length; i++) {
    const data = buffers[i].data;
    if (!data || buffers[i].inline) continue;
    offsets.set(i, { offset: at, size: data.length });
    tail.push({ offset: at, bytes: data });
    at = align16(at + data.length);
  }
  const head = finish((i) => offsets.get(i)).slice();
  if (tail.length && tail[0].offset < head.length) throw new Error('encodeTflite: the FlatBuffer overlaps its buffers');
  const last = tail[tail.length - 1] as { offset: number; bytes: Uint8Array } | undefined;
  return { head, tail, size: last ? last.offset + last.bytes.length : head.length };
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

/** An options table from a plain object, its fields by schema name. */
function optionsTable(b: flatbuffers.Builder, table: string, values: Record<string, OptionValue>): number {
  const fields = TABLES[table];
  const known = new Set(fields.map((f) => f[0]));
  for (const k of Object.keys(values)) if (!known.has(k)) throw new Error(`encodeTflite: ${table} has no field ${k}`);
  // Vectors and strings first (they cannot be built inside a table).
  const refs = new Map<string, number>();
  for (const f of fields) {
    const [name, kind, vector, elem] = f;
    const v = values[name];
    if (v === undefined) continue;
    if (kind === 'string' && !vector) refs.set(name, b.createString(v as string));
    else if (vector) {
      const list = v as (number | string)[];
      const nums = list.map((x) => (typeof x === 'string' ? enumValue(elem, x) : x));
      const base = kind === 'enum' ? ENUMS[elem].base : elem;
      const width = SIZE[base];
      b.startVector(width, nums.length, width);
      for (let i = nums.length - 1; i >= 0; i--) addScalar(b, base, nums[i]);
      refs.set(name, b.endVector());
    }
  }
  const slots = fields.length ? Math.max(...fields.map((f) => f[4])) + 1 : 0;
  b.startObject(slots);
  for (const f of fields) {
    const [name, kind, vector, elem, slot] = f;
    const v = values[name];
    if (v === undefined) continue;
    if (refs.has(name)) {
      b.addFieldOffset(slot, refs.get(name)!, 0);
      continue;
    }
    if (vector || kind === 'table' || kind === 'union') throw new Error(`encodeTflite: ${table}.${name} is not supported by the writer`);
    const base = kind === 'enum' ? ENUMS[elem].base : elem;
    const n = typeof v === 'string' ? enumValue(elem, v) : typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
    // Written even when equal to the default, so a test can tell an explicit value from an absent one.
    b.forceDefaults(true);
    addField(b, base, slot, n);
    b.forceDefaults(false);
  }
  return b.endObject();
}

const SIZE: Record<string, number> = { bool: 1, byte: 1, ubyte: 1, short: 2, ushort: 2, int: 4, uint: 4, float: 4, long: 8, ulong: 8, double: 8 };

function addScalar(b: flatbuffers.Builder, type: string, v: number): void {
  switch (type) {
    case 'bool':
    case 'byte':
    case 'ubyte':
      b.addInt8(v);
      break;
    case 'short':
    case 'ushort':
      b.addInt16(v);
      break;
    case 'int':
    case 'uint':
      b.addInt32(v);
      break;
    case 'float':
      b.addFloat32(v);
      break;
    case 'double':
      b.addFloat64(v);
      break;
    default:
      b.addInt64(BigInt(v));
  }
}

function addField(b: flatbuffers.Builder, type: string, slot: number, v: number): void {
  switch (type) {
    case 'bool':
    case 'byte':
    case 'ubyte':
      b.addFieldInt8(slot, v, 0);
      break;
    case 'short':
    case 'ushort':
      b.addFieldInt16(slot, v, 0);
      break;
    case 'int':
    case 'uint':
      b.addFieldInt32(slot, v, 0);
      break;
    case 'float':
      b.addFieldFloat32(slot, v, 0);
      break;
    case 'double':
      b.addFieldFloat64(slot, v, 0);
      break;
    default:
      b.addFieldInt64(slot, BigInt(v), 0n);
  }
}

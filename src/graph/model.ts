/**
 * The project's own graph model: what every format's reader (src/formats) produces and everything
 * else reads.
 * It holds structure, types and *where* tensor data lives, never copies of weight bytes.
 */
import type { DType } from './dtype.js';

/** A dimension: a known size, a symbol (`batch`), or unknown. */
export type Dim = number | string | null;
/** A shape: dims, or null when even the rank is unknown. */
export type Shape = Dim[] | null;

/** A declared type from the file (ValueInfoProto / TypeProto). */
export type ValueType =
  | { kind: 'tensor'; dtype: DType | null; shape: Shape }
  | { kind: 'sparse'; dtype: DType | null; shape: Shape }
  | { kind: 'sequence'; elem: ValueType | null }
  | { kind: 'optional'; elem: ValueType | null }
  | { kind: 'map'; key: DType | null; value: ValueType | null };

export interface ValueInfo {
  name: string;
  type: ValueType | null;
}

/**
 * Where a tensor's elements are. Byte ranges are views into the file buffer (never copies);
 * external data is a reference that is only resolved, never read, during analysis.
 */
export type TensorStorage =
  | { kind: 'raw'; bytes: Uint8Array }
  /** One of TensorProto's typed repeated fields, kept as the undecoded segments of the field. */
  | { kind: 'field'; field: TypedField; segments: FieldSegment[] }
  | { kind: 'strings'; values: string[] }
  | { kind: 'external'; location: string; offset: number; length: number | null }
  /** Raw data left in the model file, unread: a large initializer of a skimmed file (src/formats/onnx/skim.ts). */
  | { kind: 'unread'; offset: number; length: number }
  | { kind: 'empty' };

export type TypedField = 'float' | 'int32' | 'string' | 'int64' | 'double' | 'uint64';

/** A run of a repeated field: a packed byte range, or a single unpacked value (wire type 0/1/5). */
export interface FieldSegment {
  packed: boolean;
  wireType: number;
  bytes: Uint8Array;
}

export interface TensorData {
  name: string;
  dtype: DType | null;
  /** The format's own element type code (ONNX data_type, TFLite TensorType), for messages about unknown codes. */
  dtypeCode: number;
  dims: number[];
  storage: TensorStorage;
  /**
   * A tensor the runtime allocates, not a weight: a TFLite variable (is_variable: LSTM / SVDF
   * state) or a tensor read but never written (a scratch area). Its shape and type are known.
   */
  variable?: boolean;
}

export interface SparseTensorData {
  name: string;
  values: TensorData;
  indices: TensorData;
  dims: number[];
}

export type Attr =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: TensorData }
  | { type: 'graph'; value: Graph }
  | { type: 'sparse_tensor'; value: SparseTensorData }
  | { type: 'type_proto'; value: ValueType | null }
  | { type: 'floats'; value: number[] }
  | { type: 'ints'; value: number[] }
  | { type: 'strings'; value: string[] }
  | { type: 'tensors'; value: TensorData[] }
  | { type: 'graphs'; value: Graph[] }
  | { type: 'sparse_tensors'; value: SparseTensorData[] }
  | { type: 'type_protos'; value: (ValueType | null)[] }
  /** Inside a function body: refers to an attribute of the calling node. */
  | { type: 'ref'; ref: string };

export interface Node {
  name: string;
  opType: string;
  /** '' is the default ONNX domain (also written 'ai.onnx' in files). */
  domain: string;
  /** Input names; '' marks an omitted optional input. */
  inputs: string[];
  outputs: string[];
  attrs: Map<string, Attr>;
}

export interface Graph {
  name: string;
  nodes: Node[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  valueInfo: ValueInfo[];
  initializers: TensorData[];
  sparseInitializers: SparseTensorData[];
  /**
   * Set by the ONNX reader: the nodes' value names as numbers, what inference indexes by instead
   * of looking names up. Valid only while `nameIds.nodes` is this graph's `nodes` (a graph made
   * from another, with other nodes, carries a stale copy: ignored).
   */
  nameIds?: NameIds;
}

/** A graph's node inputs and outputs as numbers, one per distinct name in the file (Graph.nameIds). */
export interface NameIds {
  /** The nodes the numbers are of (Graph.nodes as decoded). */
  nodes: readonly Node[];
  /** Node after node, each node's inputs then its outputs ('' included): numbers below `count`. */
  ids: Int32Array;
  count: number;
  /** Whether some node holds a sub-graph (an attribute of type graph or graphs). */
  subgraphs: boolean;
}

export interface FunctionDef {
  name: string;
  domain: string;
  overload: string;
  inputs: string[];
  outputs: string[];
  attributes: string[];
  /** Attributes with default values (FunctionProto.attribute_proto). */
  attributeDefaults: Map<string, Attr>;
  nodes: Node[];
  opsetImports: Map<string, number>;
}

/** The file formats the project reads (src/formats/registry.ts). */
export type FormatId = 'onnx' | 'tflite';

/** Where a model came from: its file format and that format's own header, in one place. */
export interface FormatInfo {
  format: FormatId;
  /** ONNX: the IR version (ModelProto.ir_version). TFLite: the schema version (Model.version). */
  version: number;
  /**
   * Who wrote the file, for the report header: ONNX producer_name and producer_version joined by a
   * space; TFLite: Model.description ("MLIR Converted."). '' when the file does not say.
   */
  producer: string;
}

export interface Model {
  /** The file format and its header fields. */
  format: FormatInfo;
  /**
   * domain ('' for ai.onnx) -> version. ONNX: the opset imports. Other formats: their operators'
   * domain (TFLite: 'tflite') -> the schema version, so every registered rule sees an opset.
   */
  opsetImports: Map<string, number>;
  graph: Graph;
  functions: FunctionDef[];
  metadata: Map<string, string>;
}

/**
 * An operator's label in reports: its type alone in its format's own domain (ONNX's '', TFLite's
 * builtins 'tflite'), else `domain:type` (`com.microsoft:FusedConv`, `tflite.custom:Signal`).
 */
export function opLabel(domain: string, opType: string): string {
  return domain === '' || domain === 'tflite' ? opType : `${domain}:${opType}`;
}

/** Normalise the two spellings of the default domain. */
export function normDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

/**
 * TFLite-shaped neutral graphs built in memory (the shape the TFLite reader produces, per
 * /work/notes/i14/contract.md): domain 'tflite' nodes named by their BuiltinOperator, snake_case
 * attributes with enums as strings, every tensor declared in valueInfo, constants as raw
 * little-endian bytes. For rule tests before (and besides) the TFLite writer.
 *
 *   const model = tfliteModel({
 *     inputs: [['x', 'float32', [1, 224, 224, 3]]],
 *     consts: [['w', 'float32', [32, 3, 3, 3]], ['b', 'float32', [32]]],
 *     nodes: [op('CONV_2D', ['x', 'w', 'b'], ['y'], { padding: 'SAME', stride_h: 2, stride_w: 2 })],
 *     outputs: [['y', 'float32', [1, 112, 112, 32]]],
 *   });
 */
import type { Attr, Dim, Graph, Model, Node, Shape, TensorData, ValueInfo } from '../../src/graph/model.js';
import type { DType } from '../../src/graph/dtype.js';
import { byteSize } from '../../src/graph/dtype.js';
import { toAttr, type AttrValue } from './op.js';
import { inferModel, type InferOptions, type InferResult } from '../../src/analysis/infer.js';

/** [name, dtype, shape] */
export type TensorSpec = [string, DType | null, Shape];
/** [name, dtype, dims, values?] — values written little-endian; zeros when omitted. */
export type ConstSpec = [string, DType, number[], number[]?];

export interface GraphSpec {
  inputs?: TensorSpec[];
  outputs?: TensorSpec[];
  /** Declared shapes of intermediate tensors (valueInfo). */
  tensors?: TensorSpec[];
  consts?: ConstSpec[];
  nodes: Node[];
  name?: string;
}

/** TFLite TensorType codes, for dtypeCode. */
const CODES: Partial<Record<DType, number>> = {
  float32: 0,
  float16: 1,
  int32: 2,
  uint8: 3,
  int64: 4,
  string: 5,
  bool: 6,
  int16: 7,
  complex64: 8,
  int8: 9,
  float64: 10,
};

function write(dtype: DType, dims: number[], values?: number[]): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const bytes = new Uint8Array(byteSize(dtype, count));
  if (!values) return bytes;
  const dv = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    switch (dtype) {
      case 'float32':
        dv.setFloat32(i * 4, v, true);
        break;
      case 'int32':
        dv.setInt32(i * 4, v, true);
        break;
      case 'int64':
        dv.setBigInt64(i * 8, BigInt(v), true);
        break;
      case 'int8':
        dv.setInt8(i, v);
        break;
      case 'uint8':
      case 'bool':
        dv.setUint8(i, v);
        break;
      default:
        throw new Error(`tflite-graph: cannot write ${dtype} values`);
    }
  });
  return bytes;
}

export function constTensor([name, dtype, dims, values]: ConstSpec): TensorData {
  return { name, dtype, dtypeCode: CODES[dtype] ?? -1, dims, storage: { kind: 'raw', bytes: write(dtype, dims, values) } };
}

const vi = ([name, dtype, shape]: TensorSpec): ValueInfo => ({ name, type: { kind: 'tensor', dtype, shape: shape ? [...shape] : null } });

export function tfliteGraph(spec: GraphSpec): Graph {
  const consts = (spec.consts ?? []).map(constTensor);
  const outputs = (spec.outputs ?? []).map(vi);
  return {
    name: spec.name ?? 'main',
    nodes: spec.nodes,
    inputs: (spec.inputs ?? []).map(vi),
    outputs,
    // The reader declares every tensor, constants included.
    valueInfo: [...(spec.tensors ?? []).map(vi), ...(spec.consts ?? []).map(([n, d, dims]) => vi([n, d, dims as Dim[]]))],
    initializers: consts,
    sparseInitializers: [],
  };
}

export function tfliteModel(spec: GraphSpec): Model {
  return {
    format: { format: 'tflite', version: 3, producer: '' },
    opsetImports: new Map([['tflite', 3]]),
    graph: tfliteGraph(spec),
    functions: [],
    metadata: new Map(),
  };
}

/** A builtin node (domain 'tflite'); name = its first output, as the reader names nodes. */
export function op(opType: string, inputs: string[], outputs: string[], attrs: Record<string, AttrValue> = {}): Node {
  const map = new Map<string, Attr>();
  for (const [k, v] of Object.entries(attrs)) map.set(k, toAttr(v));
  return { name: outputs[0] ?? `${opType}#0`, opType, domain: 'tflite', inputs, outputs, attrs: map };
}

/** A custom op node (domain 'tflite.custom', opType = custom_code). */
export function customOp(code: string, inputs: string[], outputs: string[]): Node {
  return { name: outputs[0] ?? `${code}#0`, opType: code, domain: 'tflite.custom', inputs, outputs, attrs: new Map() };
}

export const float = (value: number): Attr => ({ type: 'float', value });

/** Infer a model; throws on a node without cost so tests see gaps. */
export function infer(model: Model, options: InferOptions = {}): InferResult {
  return inferModel(model, options);
}

/** Sum of core MACs / MACs / FLOPs over the recorded nodes. */
export function totals(r: InferResult): { macs: number; flops: number; coreMacs: number; params: number } {
  let macs = 0;
  let flops = 0;
  let coreMacs = 0;
  let params = 0;
  for (const n of r.nodes) {
    macs += n.cost?.macs ?? 0;
    flops += n.cost?.flops ?? 0;
    coreMacs += n.cost?.coreMacs ?? 0;
  }
  for (const w of r.weights.values()) params += w.elements;
  return { macs, flops, coreMacs, params };
}

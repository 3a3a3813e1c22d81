// Types for the generated onnx-pb.js: the part the bench and its tests use. Written by hand, not
// generated (pbjs --dts runs jsdoc over the whole schema, too slow for the freshness test that
// regenerates onnx-pb.js); the field names are protobufjs's camelCase of onnx.proto's.
import type Long from 'long';

export declare namespace onnx {
  interface NodeProto {
    input: string[];
    output: string[];
    name: string;
    opType: string;
    domain: string;
  }
  interface TensorProto {
    dims: (number | Long)[];
    dataType: number;
    name: string;
    rawData: Uint8Array;
  }
  interface GraphProto {
    node: NodeProto[];
    name: string;
    initializer: TensorProto[];
  }
  interface ModelProto {
    irVersion: number | Long;
    producerName: string;
    graph?: GraphProto | null;
  }
  const ModelProto: {
    /** Decodes a ModelProto; `bytes` is kept by reference (bytes fields are views into it). */
    decode(bytes: Uint8Array): ModelProto;
  };
}

/** ONNX (.onnx, a protobuf ModelProto) behind the format seam. */
import type { FormatReader } from '../types.js';
import { decodeModel } from './decode.js';

export const onnxReader: FormatReader = {
  id: 'onnx',
  name: 'ONNX',
  sniff(bytes) {
    // ModelProto starts with the tag of one of its fields (ir_version: 0x08 in every exporter).
    const first = bytes[0];
    const field = first >> 3;
    const wire = first & 7;
    return field >= 1 && field <= 25 && (wire === 0 || wire === 2) ? 'maybe' : 'no';
  },
  decode(bytes, options) {
    return decodeModel(bytes, { maxNodes: options.maxNodes });
  },
};

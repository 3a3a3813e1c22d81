/**
 * The formats the project reads: one line per reader. Magic numbers are checked first, then the
 * known non-model files (src/formats/sniff.ts), then the readers that can only guess (ONNX's
 * protobuf has no magic number).
 */
import type { FormatReader } from './types.js';
import { onnxReader } from './onnx/reader.js';
import { tfliteReader } from './tflite/reader.js';

export const READERS: readonly FormatReader[] = [tfliteReader, onnxReader];

/** 'ONNX or TensorFlow Lite': what a file that is none of them is not. */
export function formatNames(): string {
  const names = READERS.map((r) => r.name).sort();
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

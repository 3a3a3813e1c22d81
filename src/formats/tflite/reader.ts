/** TensorFlow Lite (.tflite, a FlatBuffer with the file identifier TFL3) behind the format seam. */
import type { FormatReader } from '../types.js';
import { decodeTflite } from './decode.js';

export const tfliteReader: FormatReader = {
  id: 'tflite',
  name: 'TensorFlow Lite',
  sniff(bytes) {
    // Every TFLite writer puts the identifier after the root offset.
    return bytes.length >= 8 && bytes[4] === 0x54 && bytes[5] === 0x46 && bytes[6] === 0x4c && bytes[7] === 0x33 ? 'yes' : 'no';
  },
  decode(bytes, options) {
    return decodeTflite(bytes, { maxNodes: options.maxNodes, fileSize: options.fileSize });
  },
};

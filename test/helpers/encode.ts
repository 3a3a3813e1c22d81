/** The project's ONNX writer lives in src/formats/onnx/encode.ts (calibrate builds its micro-models with it). */
export * from '../../src/formats/onnx/encode.js';

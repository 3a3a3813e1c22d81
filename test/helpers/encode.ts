/** The project's ONNX writer lives in src/onnx/encode.ts (calibrate builds its micro-models with it). */
export * from '../../src/onnx/encode.js';

/**
 * TFLite custom operators (domain 'tflite.custom', opType = the custom_code) with an estimated
 * cost. Every one warns that its count is an estimate. A custom operator not listed here gets the
 * driver's fallback: a warning, the file's declared output shapes, and one FLOP per output
 * element (src/analysis/infer.ts).
 *
 * TFLite_Detection_PostProcess (SSD post-processing): box_encodings [1, A, 4], class_predictions
 * [1, A, C], anchors [A, 4] → boxes [1, D, 4], classes [1, D], scores [1, D], count [1]. D, the
 * detections kept, is the `max_detections` attribute when the reader gives one (the options are a
 * flexbuffer), else 10 (the default of TensorFlow's SSD export) for the cost; the output shapes
 * are then the file's.
 *
 * | step                         | FLOPs                                                         |
 * |------------------------------|---------------------------------------------------------------|
 * | decode boxes (center-size)   | 20 per anchor: 4 scale divides, 4 multiplies by the anchor's   |
 * |                              | size, 2 offset adds, 2 exps, 8 for the corners                |
 * | score threshold / best class | 1 comparison per class score (A·C)                            |
 * | non-maximum suppression      | 19 per IoU (IOU_FLOPS, as ONNX NonMaxSuppression), every       |
 * |                              | anchor against every kept detection: A·D                      |
 */
import { tensor } from '../../graph/info.js';
import type { Dim } from '../../graph/model.js';
import { numel } from '../../graph/shape.js';
import type { OpDef } from '../types.js';
import { IOU_FLOPS } from '../gather-scatter.js';
import { TFL_CUSTOM } from './common.js';

const DECODE_FLOPS = 20;
/** max_detections of TensorFlow's export_tflite_ssd_graph when not given. */
const DEFAULT_DETECTIONS = 10;

const detectionPostProcess: OpDef = {
  opType: 'TFLite_Detection_PostProcess',
  domain: TFL_CUSTOM,
  opClass: 'reduction',
  infer(ctx) {
    const det: Dim = ctx.attrs.int('max_detections') ?? null;
    const dt = ctx.input(0)?.dtype ?? 'float32';
    return [tensor(dt, [1, det, 4]), tensor(dt, [1, det]), tensor(dt, [1, det]), tensor(dt, [1])];
  },
  cost(ctx) {
    const boxes = ctx.input(0)?.shape;
    const scores = numel(ctx.input(1)?.shape ?? null);
    const a = boxes && boxes.length === 3 ? boxes[1] : null;
    const d = ctx.attrs.int('max_detections') ?? DEFAULT_DETECTIONS;
    if (typeof a !== 'number' || scores === null) return null;
    ctx.warn(
      "TFLite custom op 'TFLite_Detection_PostProcess': cost estimated (box decoding, score threshold, NMS of every anchor against every kept detection)",
    );
    return { macs: 0, flops: a * DECODE_FLOPS + scores + a * d * IOU_FLOPS, coreMacs: 0 };
  },
};

export const ops: OpDef[] = [detectionPostProcess];

/**
 * Operator families. Add a family by importing its `ops` here; the registry does the rest.
 */
import type { OpDef } from './types.js';
import { ops as elementwise } from './elementwise.js';
import { ops as activations } from './activations.js';
import { ops as reduce } from './reduce.js';
import { ops as normalization } from './normalization.js';
import { ops as conv } from './conv.js';
import { ops as pool } from './pool.js';
import { ops as matmul } from './matmul.js';
import { ops as rnn } from './rnn.js';
import { ops as attention } from './attention.js';
import { ops as quantize } from './quantize.js';
import { ops as shape } from './shape.js';
import { ops as gatherScatter } from './gather-scatter.js';
import { ops as sliceConcat } from './slice-concat.js';
import { ops as resize } from './resize.js';
import { ops as sequence } from './sequence.js';
import { ops as misc } from './misc.js';
import { ops as controlFlow } from './control-flow.js';
import { ops as loss } from './loss.js';
import { ops as training } from './training.js';
import { TFLITE_FAMILIES } from './tflite/index.js';

export const FAMILIES: readonly (readonly OpDef[])[] = [
  elementwise,
  activations,
  reduce,
  normalization,
  conv,
  pool,
  matmul,
  rnn,
  attention,
  quantize,
  shape,
  gatherScatter,
  sliceConcat,
  resize,
  sequence,
  misc,
  controlFlow,
  loss,
  training,
  ...TFLITE_FAMILIES,
];

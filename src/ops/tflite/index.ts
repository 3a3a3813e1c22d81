/**
 * The TensorFlow Lite operator families (domain 'tflite': builtins by their BuiltinOperator
 * name; 'tflite.custom': custom ops by custom_code). Shared pieces in ./common.ts.
 */
import type { OpDef } from '../types.js';
import { ops as conv } from './conv.js';
import { ops as matmul } from './matmul.js';
import { ops as rnn } from './rnn.js';
import { ops as pool } from './pool.js';
import { ops as elementwise } from './elementwise.js';
import { ops as reduce } from './reduce.js';
import { ops as shape } from './shape.js';
import { ops as controlFlow } from './control-flow.js';
import { ops as misc } from './misc.js';
import { ops as custom } from './custom.js';

export const TFLITE_FAMILIES: readonly (readonly OpDef[])[] = [conv, matmul, rnn, pool, elementwise, reduce, shape, misc, controlFlow, custom];

/**
 * TFLite element-wise builtins: arithmetic, comparison and logic with numpy broadcasting, unary
 * math, activations, SELECT, CAST, QUANTIZE / DEQUANTIZE. Each runs the ONNX rule of the same
 * operation (src/ops/elementwise.ts, activations.ts), so the counts are those tables', plus the
 * fused activation (src/ops/tflite/common.ts) where the builtin has one (ADD, SUB, MUL, DIV,
 * CONCATENATION ...). FLOPs per output element:
 *
 * | operator                                              | FLOPs | as ONNX                 |
 * |-------------------------------------------------------|-------|-------------------------|
 * | ADD SUB MUL DIV FLOOR_DIV FLOOR_MOD POW               | 1     | Add Sub Mul Div Mod Pow |
 * | MAXIMUM MINIMUM                                       | 1     | Max Min (two inputs)    |
 * | ADD_N (n inputs)                                      | n - 1 | Sum                     |
 * | SQUARED_DIFFERENCE                                    | 2     | (a - b)², subtract and multiply |
 * | EQUAL NOT_EQUAL LESS LESS_EQUAL GREATER GREATER_EQUAL | 1     | comparisons             |
 * | LOGICAL_AND LOGICAL_OR LOGICAL_NOT                    | 1     | And Or Not              |
 * | SELECT SELECT_V2                                      | 1     | Where                   |
 * | ABS NEG FLOOR CEIL ROUND SIGN EXP LOG SQRT SIN COS    | 1     | unary math              |
 * | RSQRT                                                 | 2     | sqrt, reciprocal        |
 * | SQUARE                                                | 1     | x · x                   |
 * | RELU                                                  | 1     | Relu                    |
 * | RELU6 RELU_N1_TO_1 RELU_0_TO_1                        | 2     | Clip with two bounds    |
 * | LEAKY_RELU PRELU                                      | 2     | LeakyRelu PRelu         |
 * | LOGISTIC                                              | 4     | Sigmoid                 |
 * | TANH                                                  | 1     | Tanh                    |
 * | HARD_SWISH                                            | 5     | HardSwish               |
 * | ELU                                                   | 4     | Elu                     |
 * | GELU (approximate: tanh form)                         | 5 (9) | Gelu                    |
 * | CAST ZEROS_LIKE ONES_LIKE                             | 0     | Cast                    |
 * | QUANTIZE                                              | 4     | QuantizeLinear          |
 * | DEQUANTIZE                                            | 2     | DequantizeLinear        |
 *
 * Values are propagated (shape arithmetic) where TFLite computes as ONNX does; for DIV,
 * FLOOR_DIV, FLOOR_MOD, NOT_EQUAL and RSQRT they are not.
 */
import { tensor } from '../../graph/info.js';
import type { DType } from '../../graph/dtype.js';
import { numel } from '../../graph/shape.js';
import { ops as elementwise } from '../elementwise.js';
import { ops as activations } from '../activations.js';
import { DEQUANTIZE_FLOPS, QUANTIZE_FLOPS } from '../quantize.js';
import type { CostCtx, InferCtx, OpDef } from '../types.js';
import { delegate, noValues, onnxDef, str, TFL, type OnnxView } from './common.js';

const ew = (name: string) => onnxDef(elementwise, name);
const act = (name: string) => onnxDef(activations, name);

/** The first input's shape and a fixed FLOPs per element. */
function sameShape(opType: string, perElement: number, dtype?: (ctx: InferCtx) => DType | null): OpDef {
  return {
    opType,
    domain: TFL,
    opClass: 'elementwise',
    infer(ctx) {
      const x = ctx.input(0);
      const dt = dtype ? dtype(ctx) : (x?.dtype ?? null);
      return [tensor(dt, x?.shape ? [...x.shape] : null)];
    },
    cost: (ctx: CostCtx) => {
      const n = numel(ctx.output(0)?.shape ?? null);
      return n === null ? null : { macs: 0, flops: n * perElement, coreMacs: 0 };
    },
  };
}

const binary: [string, string, boolean][] = [
  // TFLite name, ONNX rule, values propagate
  ['ADD', 'Add', true],
  ['SUB', 'Sub', true],
  ['MUL', 'Mul', true],
  ['DIV', 'Div', false],
  ['FLOOR_DIV', 'Div', false],
  ['FLOOR_MOD', 'Mod', false],
  ['POW', 'Pow', true],
  ['MAXIMUM', 'Max', true],
  ['MINIMUM', 'Min', true],
  ['EQUAL', 'Equal', true],
  ['NOT_EQUAL', 'Equal', false],
  ['LESS', 'Less', true],
  ['LESS_EQUAL', 'LessOrEqual', true],
  ['GREATER', 'Greater', true],
  ['GREATER_EQUAL', 'GreaterOrEqual', true],
  ['LOGICAL_AND', 'And', true],
  ['LOGICAL_OR', 'Or', true],
  ['SELECT_V2', 'Where', true],
];

const unary: [string, OpDef, boolean][] = [
  ['ABS', ew('Abs'), true],
  ['NEG', ew('Neg'), true],
  ['FLOOR', ew('Floor'), true],
  ['CEIL', ew('Ceil'), true],
  ['ROUND', ew('Round'), true],
  ['SIGN', ew('Sign'), true],
  ['EXP', ew('Exp'), true],
  ['LOG', ew('Log'), true],
  ['SQRT', ew('Sqrt'), true],
  ['SIN', ew('Sin'), true],
  ['COS', ew('Cos'), true],
  ['LOGICAL_NOT', ew('Not'), true],
  ['RELU', act('Relu'), true],
  ['LEAKY_RELU', act('LeakyRelu'), true],
  ['LOGISTIC', act('Sigmoid'), true],
  ['TANH', act('Tanh'), true],
  ['HARD_SWISH', act('HardSwish'), true],
  ['ELU', act('Elu'), true],
];

export const ops: OpDef[] = [
  ...binary.map(([name, onnx, values]) => delegate(name, ew(onnx), values ? {} : { outputs: noValues })),
  ...unary.map(([name, onnx, values]) => delegate(name, onnx, values ? {} : { outputs: noValues })),
  delegate('ADD_N', ew('Sum')),
  // SELECT (v1): the condition may be a vector over the first dim; the output is x's shape.
  {
    ...delegate('SELECT', ew('Where')),
    infer: (ctx) => [tensor(ctx.input(1)?.dtype ?? ctx.input(2)?.dtype ?? null, ctx.input(1)?.shape ? [...ctx.input(1)!.shape!] : null)],
  },
  delegate('SQUARED_DIFFERENCE', ew('Sub'), { outputs: noValues, extraPerElement: 1 }),
  delegate('RSQRT', ew('Sqrt'), { outputs: noValues, extraPerElement: 1 }),
  delegate('SQUARE', ew('Abs'), { outputs: noValues }),
  delegate('PRELU', act('PRelu')),
  delegate('GELU', act('Gelu'), { view: (ctx): OnnxView => (ctx.attrs.int('approximate', 0) !== 0 ? { attrs: { approximate: str('tanh') } } : {}) }),
  sameShape('RELU6', 2),
  sameShape('RELU_N1_TO_1', 2),
  sameShape('RELU_0_TO_1', 2),
  // The output type is the file's (CastOptions may be absent from older files).
  sameShape('CAST', 0, () => null),
  sameShape('ZEROS_LIKE', 0),
  sameShape('ONES_LIKE', 0),
  // The quantized type (int8 / uint8 / int16) is the output tensor's: the file declares it.
  sameShape('QUANTIZE', QUANTIZE_FLOPS, () => null),
  sameShape('DEQUANTIZE', DEQUANTIZE_FLOPS, () => null),
];

/**
 * Shared pieces of the TensorFlow Lite operator rules (src/ops/tflite/*): the domains, the fused
 * activation every conv / pool / element-wise builtin may carry, TFLite's SAME / VALID padding,
 * its tensor type names, and a view that lets a TFLite rule run the ONNX rule of the same
 * operation (so both formats count alike).
 *
 * Fused activation (`fused_activation_function`), counted as part of the op: FLOPs per output
 * element, as the ONNX activation would count it (src/ops/activations.ts, Clip with two bounds):
 *
 * | fused_activation_function | FLOPs per output element | formula              |
 * |---------------------------|--------------------------|----------------------|
 * | NONE                      | 0                        |                      |
 * | RELU                      | 1                        | max(x, 0)            |
 * | RELU_N1_TO_1              | 2                        | min(max(x, -1), 1)   |
 * | RELU6                     | 2                        | min(max(x, 0), 6)    |
 * | TANH                      | 1                        | tanh(x)              |
 * | SIGN_BIT                  | 1                        | one comparison       |
 */
import type { Attr, Dim, Node } from '../../graph/model.js';
import type { Info } from '../../graph/info.js';
import type { DType } from '../../graph/dtype.js';
import { numel } from '../../graph/shape.js';
import { Attrs, type CostCtx, type InferCtx, type OpCost, type OpDef } from '../types.js';
import type { Window } from '../conv.js';

export const TFL = 'tflite';
export const TFL_CUSTOM = 'tflite.custom';

/** The ONNX opset the delegated ONNX rules run at (axes as inputs, Split's num_outputs ...). */
const ONNX_OPSET = 21;

const FUSED_FLOPS = new Map<string, number>([
  ['NONE', 0],
  ['RELU', 1],
  ['RELU_N1_TO_1', 2],
  ['RELU6', 2],
  ['TANH', 1],
  ['SIGN_BIT', 1],
]);

/** FLOPs per output element of a fused activation (an unknown name counts 1, like an unknown ONNX activation). */
export function fusedPerElement(name: string): number {
  return FUSED_FLOPS.get(name) ?? 1;
}

/** FLOPs of the node's fused activation over output `i` (0 when none or when the output is unknown). */
export function fusedFlops(ctx: CostCtx, i = 0): number {
  const act = ctx.attrs.string('fused_activation_function', 'NONE');
  if (act === 'NONE') return 0;
  return (numel(ctx.output(i)?.shape ?? null) ?? 0) * fusedPerElement(act);
}

/** `cost` with the fused activation's FLOPs added (null stays null). */
export function withFused(ctx: CostCtx, cost: OpCost | null): OpCost | null {
  if (!cost) return null;
  const extra = fusedFlops(ctx);
  return extra === 0 ? cost : { ...cost, flops: cost.flops + extra };
}

// ---------------------------------------------------------------------------------------------
// Padding

/**
 * A sliding window with TFLite's padding: SAME gives out = ceil(in / stride) (padding split
 * with the smaller half first, as ONNX's SAME_UPPER), VALID gives
 * out = ceil((in - (k - 1)·d) / stride) = floor((in - (k - 1)·d - 1) / stride) + 1.
 */
export function tflWindow(padding: string, kernel: number[], strides: number[], dilations: number[]): Window | null {
  if (kernel.some((k) => k <= 0) || strides.some((s) => s <= 0) || dilations.some((d) => d <= 0)) return null;
  if (padding !== 'SAME' && padding !== 'VALID') return null;
  return { kernel, strides, dilations, pads: null, autoPad: padding === 'SAME' ? 'SAME_UPPER' : 'VALID', ceil: false };
}

/** A shape read from a tensor's elements (FILL dims, RESIZE size ...): negative entries are unknown. */
export function shapeFrom(values: readonly Dim[] | null | undefined): Dim[] | null {
  return values ? values.map((v) => (typeof v === 'number' && (v < 0 || !Number.isInteger(v)) ? null : v)) : null;
}

/** Known numeric dims, else null. */
export function numbers(dims: readonly Dim[] | null | undefined): number[] | null {
  if (!dims) return null;
  return dims.every((d): d is number => typeof d === 'number') ? (dims as number[]) : null;
}

// ---------------------------------------------------------------------------------------------
// Tensor types

const TYPES = new Map<string, DType>([
  ['FLOAT32', 'float32'],
  ['FLOAT16', 'float16'],
  ['BFLOAT16', 'bfloat16'],
  ['FLOAT64', 'float64'],
  ['INT8', 'int8'],
  ['INT16', 'int16'],
  ['INT32', 'int32'],
  ['INT64', 'int64'],
  ['UINT8', 'uint8'],
  ['UINT16', 'uint16'],
  ['UINT32', 'uint32'],
  ['UINT64', 'uint64'],
  ['INT4', 'int4'],
  ['BOOL', 'bool'],
  ['STRING', 'string'],
  ['COMPLEX64', 'complex64'],
  ['COMPLEX128', 'complex128'],
]);

/** The DType of a TensorType enum name (an attribute such as CastOptions.out_data_type); null when unknown. */
export function tflDtype(name: string | undefined): DType | null {
  return name === undefined ? null : (TYPES.get(name) ?? null);
}

// ---------------------------------------------------------------------------------------------
// Running an ONNX rule on a TFLite node

export interface OnnxView {
  /** The ONNX attributes the rule reads (the TFLite ones are not visible to it). */
  attrs?: Record<string, Attr>;
  /** The ONNX rule's inputs, each a TFLite input index or a made-up info (a constant from an attribute). */
  inputs?: readonly (number | { info: Info | undefined })[];
}

/**
 * The node's context as an ONNX rule expects it: ONNX attributes and input order, ONNX opset.
 * Made per call (a cost context's outputs are set after the shape rule ran); warnings go to
 * the node.
 */
export function onnxCtx<C extends InferCtx>(ctx: C, v: OnnxView = {}): C {
  const view = Object.create(ctx) as Record<string, unknown>;
  const own = (k: string, value: unknown) => Object.defineProperty(view, k, { value, enumerable: true });
  own('opset', ONNX_OPSET);
  own('attrs', new Attrs(new Map(Object.entries(v.attrs ?? {}))));
  own('warn', (m: string) => ctx.warn(m));
  if (v.inputs) {
    const infos: (Info | undefined)[] = [];
    const names: string[] = [];
    v.inputs.forEach((s, k) => {
      if (typeof s === 'number') {
        infos.push(ctx.inputs[s]);
        names.push(ctx.has(s) ? ctx.node.inputs[s] : '');
      } else {
        infos.push(s.info);
        names.push(s.info ? `\u0000const${k}` : '');
      }
    });
    const node: Node = { ...ctx.node, inputs: names };
    own('inputs', infos);
    own('node', node);
  }
  return view as unknown as C;
}

export const int = (value: number): Attr => ({ type: 'int', value });
export const ints = (value: number[]): Attr => ({ type: 'ints', value });
export const str = (value: string): Attr => ({ type: 'string', value });
export const flt = (value: number): Attr => ({ type: 'float', value });

export interface DelegateOptions {
  /** ONNX attributes and inputs for this node (default: no attributes, the same inputs). */
  view?: (ctx: InferCtx) => OnnxView;
  /** Add the fused activation's FLOPs (default true). */
  fused?: boolean;
  /** Adjust the ONNX rule's outputs (a dtype the formats type differently, a value to drop). */
  outputs?: (outs: (Info | null | undefined)[], ctx: InferCtx) => (Info | null | undefined)[];
  opClass?: OpDef['opClass'];
  /** FLOPs per output element added to the ONNX count. */
  extraPerElement?: number;
}

/** A TFLite builtin that is the ONNX operator `onnx` under other attribute names. */
export function delegate(opType: string, onnx: OpDef, o: DelegateOptions = {}): OpDef {
  const view = (ctx: InferCtx): OnnxView => (o.view ? o.view(ctx) : {});
  const onnxClass = onnx.opClass;
  return {
    opType,
    domain: TFL,
    opClass: o.opClass ?? (typeof onnxClass === 'function' ? (ctx) => onnxClass(onnxCtx(ctx, view(ctx))) : onnxClass),
    infer(ctx) {
      const outs = onnx.infer(onnxCtx(ctx, view(ctx)));
      return o.outputs ? o.outputs(outs, ctx) : outs;
    },
    cost(ctx) {
      let cost = onnx.cost(onnxCtx(ctx, view(ctx)));
      // A malformed node (a variadic op with no inputs) can give a negative count: unknown instead.
      if (cost && (cost.macs < 0 || cost.flops < 0 || cost.coreMacs < 0)) return null;
      if (cost && o.extraPerElement) {
        const n = numel(ctx.output(0)?.shape ?? null);
        if (n === null) return null;
        cost = { ...cost, flops: cost.flops + n * o.extraPerElement };
      }
      return o.fused === false ? cost : withFused(ctx, cost);
    },
  };
}

/** The ONNX definition `opType` (default domain) from a family's list. */
export function onnxDef(family: readonly OpDef[], opType: string): OpDef {
  const def = family.find((d) => d.opType === opType && !d.domain);
  if (!def) throw new Error(`ONNX operator ${opType} is not in the family`);
  return def;
}

/** Drop tracked values (the TFLite op's integer semantics differ from the ONNX one's). */
export function noValues(outs: (Info | null | undefined)[]): (Info | null | undefined)[] {
  return outs.map((o) => (o && o.kind === 'tensor' && o.value ? { kind: 'tensor', dtype: o.dtype, shape: o.shape } : o));
}

/**
 * TFLite data movement and shape builtins. No arithmetic: 0 FLOPs, as the ONNX rules count
 * them (src/ops/shape.ts, slice-concat.ts, gather-scatter.ts), except the resizes:
 *
 * | operator                                   | FLOPs                                      | class          |
 * |--------------------------------------------|--------------------------------------------|----------------|
 * | RESHAPE SQUEEZE EXPAND_DIMS                | 0                                          | view           |
 * | TRANSPOSE CONCATENATION SPLIT SPLIT_V SLICE STRIDED_SLICE PAD PADV2 MIRROR_PAD TILE PACK UNPACK BROADCAST_TO REVERSE_V2 SPACE_TO_DEPTH DEPTH_TO_SPACE SPACE_TO_BATCH_ND BATCH_TO_SPACE_ND | 0 (+ fused activation: CONCATENATION) | data-movement |
 * | GATHER GATHER_ND EMBEDDING_LOOKUP          | 0 (timing: the rows read, as ONNX Gather)  | data-movement  |
 * | RESIZE_BILINEAR                            | 9 x out when both H and W change (3 per axis resized: 2 taps) | resample |
 * | RESIZE_NEAREST_NEIGHBOR                    | 0                                          | resample       |
 * | SHAPE FILL DENSIFY                         | 0                                          | shape          |
 *
 * Constant operands (RESHAPE's shape tensor or new_shape, paddings, perm, begin / end / size,
 * axis tensors) are read from the tensors' values; where one is not known the dims it decides are
 * unknown (the file's declared shape then fills them). Values are tracked through RESHAPE,
 * SQUEEZE, EXPAND_DIMS, TRANSPOSE, CONCATENATION, SLICE, STRIDED_SLICE, PACK (axis 0), SHAPE,
 * GATHER, so a shape computed in the graph (SHAPE → STRIDED_SLICE → PACK → RESHAPE) follows `--dims`.
 */
import type { Dim, Shape } from '../../graph/model.js';
import { tensor, type Info } from '../../graph/info.js';
import { isConcrete, normAxis, numel } from '../../graph/shape.js';
import { ops as shapeOps, noCost } from '../shape.js';
import { ops as sliceConcat } from '../slice-concat.js';
import { ops as gatherScatter } from '../gather-scatter.js';
import { interpolationFlops } from '../resize.js';
import { dimValues, knownInts, type InferCtx, type OpDef } from '../types.js';
import { delegate, int, ints, onnxCtx as onnxCtxFor, onnxDef, shapeFrom, TFL, type OnnxView } from './common.js';

const HUGE = 2 ** 53 - 1;

const c64 = (values: Dim[]): { info: Info } => ({ info: tensor('int64', [values.length], values) });

const shapeDef = (name: string) => onnxDef(shapeOps, name);
const sc = (name: string) => onnxDef(sliceConcat, name);
const gs = (name: string) => onnxDef(gatherScatter, name);

/** A rule with output shapes only (0 FLOPs). */
function shapeOnly(opType: string, opClass: OpDef['opClass'], infer: OpDef['infer']): OpDef {
  return { opType, domain: TFL, opClass, infer, cost: noCost };
}

const unknownRank = (ctx: InferCtx, rank: number | undefined): Info =>
  tensor(ctx.input(0)?.dtype ?? null, rank === undefined ? null : new Array<Dim>(rank).fill(null));

// --- RESHAPE -----------------------------------------------------------------------------------

function reshapeView(ctx: InferCtx): OnnxView {
  const attrs = { allowzero: int(1) };
  const fromInput = ctx.has(1) ? dimValues(ctx.input(1)) : null;
  if (fromInput) return { attrs, inputs: [0, c64(fromInput)] };
  const attr = ctx.attrs.ints('new_shape');
  // A shape input whose value is unknown (computed) still says the rank; new_shape then only guesses.
  if (attr && !(ctx.has(1) && ctx.input(1)?.shape)) return { attrs, inputs: [0, c64(attr)] };
  return { attrs, inputs: [0, 1] };
}

// --- TRANSPOSE ---------------------------------------------------------------------------------

const transposeOnnx = sc('Transpose');
const transpose: OpDef = {
  ...delegate('TRANSPOSE', transposeOnnx, { fused: false, view: (ctx) => ({ attrs: { perm: ints(knownInts(ctx.input(1)) ?? []) } }) }),
  infer(ctx) {
    const perm = knownInts(ctx.input(1));
    if (!perm) return [unknownRank(ctx, ctx.input(0)?.shape?.length)];
    return transposeOnnx.infer(onnxCtxFor(ctx, { attrs: { perm: ints(perm) } }));
  },
};

// --- SPLIT / SPLIT_V -----------------------------------------------------------------------------

const splitOnnx = sc('Split');

function splitView(ctx: InferCtx): OnnxView | null {
  const axis = knownInts(ctx.input(0));
  if (!axis || axis.length !== 1) return null;
  return { attrs: { axis: int(axis[0]), num_outputs: int(ctx.attrs.int('num_splits', ctx.node.outputs.length)) }, inputs: [1] };
}

function splitVView(ctx: InferCtx): OnnxView | null {
  const axis = knownInts(ctx.input(2));
  const sizes = knownInts(ctx.input(1));
  const xs = ctx.input(0)?.shape;
  if (!axis || axis.length !== 1 || !sizes || !xs) return null;
  const a = normAxis(axis[0], xs.length);
  if (a === null) return null;
  // One size may be -1: the rest of the axis.
  const unknown = sizes.filter((s) => s < 0).length;
  let resolved: Dim[] = sizes;
  if (unknown === 1) {
    const d = xs[a];
    const rest = sizes.filter((s) => s >= 0).reduce((x, y) => x + y, 0);
    resolved = sizes.map((s) => (s >= 0 ? s : typeof d === 'number' ? d - rest : null));
    if (resolved.some((s) => s === null)) return null;
  }
  return { attrs: { axis: int(a) }, inputs: [0, c64(resolved)] };
}

function splitDef(opType: string, view: (ctx: InferCtx) => OnnxView | null, x: number): OpDef {
  return shapeOnly(opType, 'data-movement', (ctx) => {
    const v = view(ctx);
    if (!v) return ctx.node.outputs.map(() => tensor(ctx.input(x)?.dtype ?? null, ctx.input(x)?.shape ? ctx.input(x)!.shape!.map(() => null) : null));
    return splitOnnx.infer(onnxCtxFor(ctx, v));
  });
}

// --- SLICE / STRIDED_SLICE ---------------------------------------------------------------------

const sliceOnnx = sc('Slice');

function sliceView(ctx: InferCtx): OnnxView | null {
  const begin = dimValues(ctx.input(1));
  const size = dimValues(ctx.input(2));
  if (!begin || !size || begin.length !== size.length) return null;
  const ends = size.map((s, i) => {
    const b = begin[i];
    if (s === -1) return HUGE;
    return typeof s === 'number' && typeof b === 'number' ? b + s : null;
  });
  if (ends.some((e) => e === null)) return null;
  return { inputs: [0, c64(begin), c64(ends)] };
}

const slice = shapeOnly('SLICE', 'data-movement', (ctx) => {
  const v = sliceView(ctx);
  return v ? sliceOnnx.infer(onnxCtxFor(ctx, v)) : [unknownRank(ctx, ctx.input(0)?.shape?.length)];
});

function stridedSlice(ctx: InferCtx): (Info | null | undefined)[] {
  const x = ctx.input(0);
  const rank = x?.shape?.length;
  const begin = knownInts(ctx.input(1));
  const end = knownInts(ctx.input(2));
  const strides = ctx.has(3) ? knownInts(ctx.input(3)) : begin?.map(() => 1);
  const a = ctx.attrs;
  const shrink = a.int('shrink_axis_mask', 0);
  const unsupported = a.int('ellipsis_mask', 0) !== 0 || a.int('new_axis_mask', 0) !== 0 || a.int('offset', 0) !== 0;
  const kept = (r: number) => Array.from({ length: r }, (_, i) => i).filter((i) => !(shrink & (1 << i)));
  if (
    rank === undefined ||
    !begin ||
    !end ||
    !strides ||
    unsupported ||
    begin.length !== end.length ||
    begin.length !== strides.length ||
    begin.length > rank
  ) {
    if (rank === undefined || unsupported) return [tensor(x?.dtype ?? null, null)];
    return [
      tensor(
        x?.dtype ?? null,
        kept(rank).map(() => null),
      ),
    ];
  }
  const m = begin.length;
  const starts: Dim[] = [];
  const ends: Dim[] = [];
  for (let i = 0; i < m; i++) {
    const step = strides[i];
    if (shrink & (1 << i)) {
      starts.push(begin[i]);
      ends.push(begin[i] === -1 ? HUGE : begin[i] + 1);
      strides[i] = 1;
      continue;
    }
    starts.push(a.int('begin_mask', 0) & (1 << i) ? (step > 0 ? 0 : HUGE) : begin[i]);
    ends.push(a.int('end_mask', 0) & (1 << i) ? (step > 0 ? HUGE : -HUGE) : end[i]);
  }
  const axes = Array.from({ length: m }, (_, i) => i);
  const [out] = sliceOnnx.infer(onnxCtxFor(ctx, { inputs: [0, c64(starts), c64(ends), c64(axes), c64(strides)] }));
  if (!out || out.kind !== 'tensor' || !out.shape) return [out];
  const shape = out.shape.filter((_, i) => !(i < m && shrink & (1 << i)));
  return [tensor(out.dtype, shape, out.value)];
}

// --- PAD ---------------------------------------------------------------------------------------

function pad(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const xs = x?.shape ?? null;
  const p = knownInts(ctx.input(1));
  if (!xs) return [tensor(x?.dtype ?? null, null)];
  if (!p || p.length !== 2 * xs.length) return [unknownRank(ctx, xs.length)];
  return [
    tensor(
      x?.dtype ?? null,
      xs.map((d, i) => (typeof d === 'number' ? d + p[2 * i] + p[2 * i + 1] : null)),
    ),
  ];
}

// --- PACK / UNPACK -----------------------------------------------------------------------------

function pack(ctx: InferCtx): (Info | null)[] {
  const ins = ctx.node.inputs.map((_, i) => ctx.input(i));
  const first = ins.find((t) => t?.shape) ?? ins[0];
  const dtype = first?.dtype ?? null;
  if (!first?.shape) return [tensor(dtype, null)];
  const rank = first.shape.length;
  const axis = normAxis(ctx.attrs.int('axis', 0), rank + 1);
  if (axis === null) return [tensor(dtype, null)];
  const n = ctx.node.inputs.length;
  const shape = first.shape.map((d, i) => {
    // Every input has the same shape: take a dim any input knows.
    for (const t of ins) if (t?.shape && typeof t.shape[i] === 'number') return t.shape[i];
    return d;
  });
  shape.splice(axis, 0, n);
  // Stacking along axis 0 is concatenating the flattened inputs.
  let value: Dim[] | undefined;
  if (axis === 0 && ins.every((t) => t?.value)) value = ins.flatMap((t) => t!.value!);
  if (value && (!isConcrete(shape) || value.length !== numel(shape))) value = undefined;
  return [tensor(dtype, shape, value)];
}

function unpack(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const xs = x?.shape;
  const outs = ctx.node.outputs.length;
  const axis = xs ? normAxis(ctx.attrs.int('axis', 0), xs.length) : null;
  const shape: Shape = xs && axis !== null ? xs.filter((_, i) => i !== axis) : xs && xs.length > 0 ? new Array<Dim>(xs.length - 1).fill(null) : null;
  return Array.from({ length: outs }, () => tensor(x?.dtype ?? null, shape ? [...shape] : null));
}

// --- space / depth / batch ---------------------------------------------------------------------

function nhwc(ctx: InferCtx): Dim[] | null {
  const xs = ctx.input(0)?.shape;
  return xs && xs.length === 4 ? xs : null;
}

const mul = (d: Dim, k: number): Dim => (typeof d === 'number' ? d * k : null);
const div = (d: Dim, k: number): Dim => (typeof d === 'number' && k > 0 && d % k === 0 ? d / k : null);

function spaceToDepth(ctx: InferCtx): (Info | null)[] {
  const x = nhwc(ctx);
  const b = ctx.attrs.int('block_size', 1);
  return [tensor(ctx.input(0)?.dtype ?? null, x ? [x[0], div(x[1], b), div(x[2], b), mul(x[3], b * b)] : null)];
}

function depthToSpace(ctx: InferCtx): (Info | null)[] {
  const x = nhwc(ctx);
  const b = ctx.attrs.int('block_size', 1);
  return [tensor(ctx.input(0)?.dtype ?? null, x ? [x[0], mul(x[1], b), mul(x[2], b), div(x[3], b * b)] : null)];
}

/** SPACE_TO_BATCH_ND (paddings) and BATCH_TO_SPACE_ND (crops): input, block_shape [M], [M, 2]. */
function spaceBatch(toBatch: boolean) {
  return (ctx: InferCtx): (Info | null)[] => {
    const x = ctx.input(0);
    const xs = x?.shape;
    const block = knownInts(ctx.input(1));
    const pc = knownInts(ctx.input(2));
    if (!xs) return [tensor(x?.dtype ?? null, null)];
    if (!block || !pc || pc.length !== 2 * block.length || block.length + 1 > xs.length || block.some((k) => k <= 0)) return [unknownRank(ctx, xs.length)];
    const prod = block.reduce((p, k) => p * k, 1);
    const out: Dim[] = [...xs];
    out[0] = toBatch ? mul(xs[0], prod) : div(xs[0], prod);
    block.forEach((k, i) => {
      const d = xs[1 + i];
      const extra = pc[2 * i] + pc[2 * i + 1];
      out[1 + i] = toBatch ? div(typeof d === 'number' ? d + extra : null, k) : typeof d === 'number' ? d * k - extra : null;
    });
    return [tensor(x?.dtype ?? null, out)];
  };
}

// --- RESIZE ------------------------------------------------------------------------------------

function resizeDef(opType: string, taps: number): OpDef {
  return {
    opType,
    domain: TFL,
    opClass: 'resample',
    infer(ctx) {
      const x = nhwc(ctx);
      const size = shapeFrom(dimValues(ctx.input(1)));
      const hw: Dim[] = size && size.length === 2 ? size : [null, null];
      return [tensor(ctx.input(0)?.dtype ?? null, x ? [x[0], ...hw, x[3]] : [null, ...hw, null])];
    },
    cost(ctx) {
      const x = nhwc(ctx);
      const y = ctx.output(0)?.shape;
      if (!x || !y || !isConcrete(y)) return null;
      const n = numel(y)!;
      if (taps === 0 || n === 0) return { macs: 0, flops: 0, coreMacs: 0 };
      const resized: number[] = [];
      for (const i of [1, 2]) if (x[i] !== y[i]) resized.push(taps);
      return { macs: 0, flops: n * interpolationFlops(resized), coreMacs: 0 };
    },
  };
}

// --- SHAPE / FILL --------------------------------------------------------------------------------

function shapeOf(ctx: InferCtx): (Info | null)[] {
  const xs = ctx.input(0)?.shape;
  const dt = ctx.attrs.string('out_type', 'INT32') === 'INT64' ? 'int64' : 'int32';
  if (!xs) return [tensor(dt, [null])];
  return [tensor(dt, [xs.length], [...xs])];
}

function fill(ctx: InferCtx): (Info | null)[] {
  const dims = dimValues(ctx.input(0));
  const n = ctx.input(0)?.shape?.[0];
  return [tensor(ctx.input(1)?.dtype ?? null, dims ? shapeFrom(dims) : typeof n === 'number' && n >= 0 ? new Array<Dim>(n).fill(null) : null)];
}

function sameAsInput(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  return [tensor(x?.dtype ?? null, x?.shape ? [...x.shape] : null)];
}

// --- GATHER ------------------------------------------------------------------------------------

const gatherOnnx = gs('Gather');

function gatherShape(ctx: InferCtx): (Info | null | undefined)[] {
  const batchDims = ctx.attrs.int('batch_dims', 0);
  if (batchDims === 0) return gatherOnnx.infer(onnxCtxFor(ctx, { attrs: { axis: int(ctx.attrs.int('axis', 0)) } }));
  // params[:axis] + indices[batch_dims:] + params[axis + 1:]
  const p = ctx.input(0)?.shape;
  const idx = ctx.input(1)?.shape;
  const dtype = ctx.input(0)?.dtype ?? null;
  if (!p || !idx) return [tensor(dtype, null)];
  const axis = normAxis(ctx.attrs.int('axis', 0), p.length);
  const bd = batchDims < 0 ? batchDims + idx.length : batchDims;
  if (axis === null || bd < 0 || bd > idx.length) return [tensor(dtype, null)];
  return [tensor(dtype, [...p.slice(0, axis), ...idx.slice(bd), ...p.slice(axis + 1)])];
}

export const ops: OpDef[] = [
  { ...delegate('RESHAPE', shapeDef('Reshape'), { fused: false, view: reshapeView }), cost: noCost },
  delegate('SQUEEZE', shapeDef('Squeeze'), {
    fused: false,
    view: (ctx) => {
      const dims = ctx.attrs.ints('squeeze_dims') ?? [];
      return { inputs: [0, dims.length ? c64(dims) : { info: undefined }] };
    },
  }),
  delegate('EXPAND_DIMS', shapeDef('Unsqueeze'), { fused: false }),
  transpose,
  delegate('CONCATENATION', sc('Concat'), { view: (ctx) => ({ attrs: { axis: int(ctx.attrs.int('axis', 0)) } }) }),
  splitDef('SPLIT', splitView, 1),
  splitDef('SPLIT_V', splitVView, 0),
  slice,
  shapeOnly('STRIDED_SLICE', 'data-movement', stridedSlice),
  shapeOnly('PAD', 'data-movement', pad),
  shapeOnly('PADV2', 'data-movement', pad),
  shapeOnly('MIRROR_PAD', 'data-movement', pad),
  delegate('TILE', shapeDef('Tile'), { fused: false }),
  delegate('BROADCAST_TO', shapeDef('Expand'), { fused: false }),
  shapeOnly('PACK', 'data-movement', pack),
  shapeOnly('UNPACK', 'data-movement', unpack),
  shapeOnly('SPACE_TO_DEPTH', 'data-movement', spaceToDepth),
  shapeOnly('DEPTH_TO_SPACE', 'data-movement', depthToSpace),
  shapeOnly('SPACE_TO_BATCH_ND', 'data-movement', spaceBatch(true)),
  shapeOnly('BATCH_TO_SPACE_ND', 'data-movement', spaceBatch(false)),
  shapeOnly('REVERSE_V2', 'data-movement', sameAsInput),
  { ...delegate('GATHER', gatherOnnx, { fused: false, view: (ctx) => ({ attrs: { axis: int(ctx.attrs.int('axis', 0)) } }) }), infer: gatherShape },
  delegate('GATHER_ND', gs('GatherND'), { fused: false }),
  // EMBEDDING_LOOKUP(ids, table) is Gather(table, ids) on axis 0.
  delegate('EMBEDDING_LOOKUP', gatherOnnx, { fused: false, view: () => ({ inputs: [1, 0], attrs: { axis: int(0) } }) }),
  resizeDef('RESIZE_BILINEAR', 2),
  resizeDef('RESIZE_NEAREST_NEIGHBOR', 0),
  shapeOnly('SHAPE', 'shape', shapeOf),
  shapeOnly('FILL', 'shape', fill),
  shapeOnly('DENSIFY', 'shape', sameAsInput),
];

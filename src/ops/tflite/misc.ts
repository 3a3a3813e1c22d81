/**
 * Other TFLite builtins: TOPK_V2, CUMSUM, ONE_HOT, RANGE, WHERE, REVERSE_SEQUENCE, SCATTER_ND,
 * MATRIX_DIAG, MATRIX_SET_DIAG, ATAN2, BITWISE_XOR, RIGHT_SHIFT, BROADCAST_ARGS, BUCKETIZE,
 * SEGMENT_SUM, UNSORTED_SEGMENT_SUM / PROD / MAX / MIN, NON_MAX_SUPPRESSION_V4 / V5, the
 * random generators, and the resource-variable ops (VAR_HANDLE, READ_VARIABLE,
 * ASSIGN_VARIABLE). Where an ONNX operator does the same its rule runs (same counts):
 *
 * | operator                      | FLOPs                                        | as ONNX           |
 * |-------------------------------|----------------------------------------------|-------------------|
 * | TOPK_V2                       | in x ceil(log2 k)                            | TopK              |
 * | CUMSUM                        | 1 x out                                      | CumSum            |
 * | ONE_HOT RANGE                 | 0 / 2 x out                                  | OneHot / Range    |
 * | ATAN2 BITWISE_XOR RIGHT_SHIFT | 1 x out                                      | broadcast binary  |
 * | BUCKETIZE                     | ceil(log2(boundaries + 1)) x out (a binary search) |             |
 * | SEGMENT_SUM, UNSORTED_SEGMENT_* | 1 x in (each element combined into its segment) |              |
 * | NON_MAX_SUPPRESSION_V4 / V5   | N + N·ceil(log2 N) + 19·N(N - 1)/2           | NonMaxSuppression |
 * | RANDOM_UNIFORM / RANDOM_STANDARD_NORMAL / MULTINOMIAL | 2 / 8 x out / as ONNX | RandomUniform / RandomNormal / Multinomial |
 * | WHERE REVERSE_SEQUENCE SCATTER_ND MATRIX_DIAG MATRIX_SET_DIAG BROADCAST_ARGS VAR_HANDLE READ_VARIABLE ASSIGN_VARIABLE | 0 | |
 *
 * WHERE's row count (the true elements) is data: unknown ([?, rank]; at most every element in an
 * upper-bound run). A resource variable's
 * shape is the file's.
 */
import type { Dim } from '../../graph/model.js';
import { tensor, type Info } from '../../graph/info.js';
import { broadcast, numel } from '../../graph/shape.js';
import { ops as elementwise } from '../elementwise.js';
import { ops as gatherScatter } from '../gather-scatter.js';
import { ops as shapeOps, noCost } from '../shape.js';
import { ops as miscOps } from '../misc.js';
import { dimValues, knownInts, type CostCtx, type InferCtx, type OpDef } from '../types.js';
import { delegate, int, noValues, onnxCtx as onnxCtxFor, onnxDef, shapeFrom, TFL } from './common.js';

const perInput = (ctx: CostCtx) => {
  const n = numel(ctx.input(0)?.shape ?? null);
  return n === null ? null : { macs: 0, flops: n, coreMacs: 0 };
};

function shapeOnly(opType: string, opClass: OpDef['opClass'], infer: OpDef['infer'], cost: OpDef['cost'] = noCost): OpDef {
  return { opType, domain: TFL, opClass, infer, cost };
}

const sameAs =
  (i: number) =>
  (ctx: InferCtx): (Info | null)[] => {
    const x = ctx.input(i);
    return [tensor(x?.dtype ?? null, x?.shape ? [...x.shape] : null)];
  };

/** TOPK_V2: the indices are int32 in TFLite. */
const topk = delegate('TOPK_V2', onnxDef(gatherScatter, 'TopK'), {
  fused: false,
  view: () => ({ attrs: { axis: int(-1), largest: int(1), sorted: int(1) } }),
  outputs: (outs) => outs.map((o, i) => (i === 1 && o && o.kind === 'tensor' ? tensor('int32', o.shape) : o)),
});

const oneHot = delegate('ONE_HOT', onnxDef(gatherScatter, 'OneHot'), {
  fused: false,
  // ONNX takes [off, on] as one values input; TFLite on and off as inputs 2 and 3.
  view: (ctx) => ({ attrs: { axis: int(ctx.attrs.int('axis', -1)) }, inputs: [0, 1, { info: tensor(ctx.input(2)?.dtype ?? null, [2]) }] }),
});

function where(ctx: InferCtx): (Info | null)[] {
  const xs = ctx.input(0)?.shape;
  // As many rows as true elements: at most all of them (upper-bound runs).
  const rows = xs ? (ctx.upTo?.(xs) ?? null) : null;
  return [tensor('int64', [rows, xs?.length ?? null])];
}

function scatterNd(ctx: InferCtx): (Info | null)[] {
  return [tensor(ctx.input(1)?.dtype ?? null, shapeFrom(dimValues(ctx.input(2))))];
}

function matrixDiag(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const xs = x?.shape;
  return [tensor(x?.dtype ?? null, xs && xs.length > 0 ? [...xs, xs[xs.length - 1]] : null)];
}

function broadcastArgs(ctx: InferCtx): (Info | null)[] {
  const a = dimValues(ctx.input(0));
  const b = dimValues(ctx.input(1));
  const dt = ctx.input(0)?.dtype ?? null;
  if (!a || !b) {
    const la = ctx.input(0)?.shape?.[0];
    const lb = ctx.input(1)?.shape?.[0];
    return [tensor(dt, [typeof la === 'number' && typeof lb === 'number' ? Math.max(la, lb) : null])];
  }
  const out = broadcast(a, b);
  return [tensor(dt, out ? [out.length] : [Math.max(a.length, b.length)], out ?? undefined)];
}

const bucketize: OpDef = {
  ...shapeOnly('BUCKETIZE', 'elementwise', (ctx) => [tensor('int32', ctx.input(0)?.shape ? [...ctx.input(0)!.shape!] : null)]),
  cost(ctx) {
    const n = numel(ctx.output(0)?.shape ?? null);
    const b = ctx.attrs.floats('boundaries')?.length ?? 0;
    return n === null ? null : { macs: 0, flops: n * Math.max(1, Math.ceil(Math.log2(b + 1))), coreMacs: 0 };
  },
};

/** SEGMENT_SUM (data, segment_ids): [?, ...data[1:]]; UNSORTED_* (data, segment_ids, num_segments). */
function segment(sorted: boolean) {
  return (ctx: InferCtx): (Info | null)[] => {
    const x = ctx.input(0);
    const ids = ctx.input(1)?.shape;
    const xs = x?.shape;
    if (!xs || !ids) return [tensor(x?.dtype ?? null, null)];
    const n = sorted ? null : (shapeFrom(knownInts(ctx.input(2)))?.[0] ?? null);
    return [tensor(x?.dtype ?? null, [n, ...xs.slice(ids.length)])];
  };
}

const nmsOnnx = onnxDef(gatherScatter, 'NonMaxSuppression');

function nmsDef(opType: string, outputs: number): OpDef {
  return {
    opType,
    domain: TFL,
    opClass: 'reduction',
    infer(ctx) {
      const max = shapeFrom(knownInts(ctx.input(2)))?.[0] ?? null;
      const outs: Info[] = [tensor('int32', [max])];
      if (outputs === 3) outs.push(tensor(ctx.input(1)?.dtype ?? null, [max]));
      outs.push(tensor('int32', []));
      return outs;
    },
    cost(ctx) {
      // One batch, one class: boxes [1, N, 4], scores [1, 1, N].
      const n = ctx.input(1)?.shape?.[0] ?? null;
      const view = { inputs: [{ info: tensor('float32', [1, n, 4]) }, { info: tensor('float32', [1, 1, n]) }] };
      return nmsOnnx.cost(onnxCtxFor(ctx, view));
    },
  };
}

/** The random generators: (shape[, seed]) with the output shape in the first input's value. */
function randomDef(opType: string, onnxName: string): OpDef {
  const onnx = onnxDef(miscOps, onnxName);
  return {
    opType,
    domain: TFL,
    opClass: 'elementwise',
    infer(ctx) {
      return [tensor(null, shapeFrom(dimValues(ctx.input(0))))];
    },
    cost: (ctx) => onnx.cost(onnxCtxFor(ctx)),
  };
}

function multinomial(ctx: InferCtx): (Info | null)[] {
  const logits = ctx.input(0)?.shape;
  const n = shapeFrom(knownInts(ctx.input(1)))?.[0] ?? null;
  return [tensor(null, [logits && logits.length === 2 ? logits[0] : null, n] as Dim[])];
}

export const ops: OpDef[] = [
  topk,
  delegate('CUMSUM', onnxDef(elementwise, 'CumSum'), {
    fused: false,
    view: (ctx) => ({ attrs: { exclusive: int(ctx.attrs.int('exclusive', 0)), reverse: int(ctx.attrs.int('reverse', 0)) } }),
  }),
  oneHot,
  delegate('RANGE', onnxDef(shapeOps, 'Range'), { fused: false }),
  shapeOnly('WHERE', 'data-movement', where),
  shapeOnly('REVERSE_SEQUENCE', 'data-movement', sameAs(0)),
  shapeOnly('SCATTER_ND', 'data-movement', scatterNd),
  shapeOnly('MATRIX_DIAG', 'data-movement', matrixDiag),
  shapeOnly('MATRIX_SET_DIAG', 'data-movement', sameAs(0)),
  delegate('ATAN2', onnxDef(elementwise, 'Add'), { fused: false, outputs: noValues }),
  delegate('BITWISE_XOR', onnxDef(elementwise, 'BitwiseXor'), { fused: false }),
  delegate('RIGHT_SHIFT', onnxDef(elementwise, 'BitShift'), { fused: false }),
  shapeOnly('BROADCAST_ARGS', 'shape', broadcastArgs),
  bucketize,
  shapeOnly('SEGMENT_SUM', 'reduction', segment(true), perInput),
  ...['UNSORTED_SEGMENT_SUM', 'UNSORTED_SEGMENT_PROD', 'UNSORTED_SEGMENT_MAX', 'UNSORTED_SEGMENT_MIN'].map((n) =>
    shapeOnly(n, 'reduction', segment(false), perInput),
  ),
  nmsDef('NON_MAX_SUPPRESSION_V4', 2),
  nmsDef('NON_MAX_SUPPRESSION_V5', 3),
  randomDef('RANDOM_UNIFORM', 'RandomUniform'),
  randomDef('RANDOM_STANDARD_NORMAL', 'RandomNormal'),
  {
    ...randomDef('MULTINOMIAL', 'Multinomial'),
    opClass: 'reduction',
    infer: multinomial,
    cost: (ctx) => onnxDef(miscOps, 'Multinomial').cost(onnxCtxFor(ctx, { attrs: { sample_size: int(knownInts(ctx.input(1))?.[0] ?? 1) } })),
  },
  // Resource variables: a handle, and reads / writes of the variable's value (its shape is the file's).
  shapeOnly('VAR_HANDLE', 'shape', () => [tensor(null, [])]),
  shapeOnly('READ_VARIABLE', 'view', () => [null]),
  shapeOnly('ASSIGN_VARIABLE', 'view', () => []),
];

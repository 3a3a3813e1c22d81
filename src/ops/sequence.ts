/**
 * Sequence and optional family: tensor sequences (SequenceConstruct ... ConcatFromSequence,
 * SequenceMap) and optionals. A sequence's items are tracked when its length and contents are
 * statically known (SequenceConstruct, SplitToSequence of a known shape, ...), so SequenceAt,
 * SequenceLength and ConcatFromSequence give exact results; otherwise `elem` describes every item.
 *
 * FLOP counts: all of these only move or wrap tensors, 0 FLOPs, except SequenceMap, which costs
 * its body's cost once per item of the first input sequence (null when the length is unknown).
 */
import type { Dim, Graph } from '../graph/model.js';
import { infoFromType, tensor, type Info, type OptionalInfo, type SequenceInfo, type TensorInfo } from '../graph/info.js';
import { addDims, normAxis } from '../graph/shape.js';
import type { DType } from '../graph/dtype.js';
import { dtypeFromCode } from '../graph/dtype.js';
import { dimValues, ZERO_COST, type CostCtx, type InferCtx, type OpCost, type OpDef } from './types.js';
import { addCosts } from './common.js';
import { noCost, scalarArg } from './shape.js';

/** An info describing every one of `items`: dims they all share, null where they differ. */
export function unifyTensors(items: readonly (TensorInfo | null | undefined)[]): TensorInfo | null {
  if (items.length === 0) return null;
  const dtype = items.find((t) => t?.dtype)?.dtype ?? null;
  const shapes = items.map((t) => t?.shape ?? null);
  if (shapes.some((s) => s === null)) return tensor(dtype, null);
  const rank = shapes[0]!.length;
  if (shapes.some((s) => s!.length !== rank)) return tensor(dtype, null);
  const dims = shapes[0]!.map((d, i) => (shapes.every((s) => s![i] === d) ? d : null));
  return tensor(dtype, dims);
}

/** A sequence info from known items. */
function sequenceOf(items: TensorInfo[], dtype: DType | null = null): SequenceInfo {
  return { kind: 'sequence', elem: unifyTensors(items) ?? tensor(dtype, null), items };
}

function seqInput(ctx: InferCtx, i: number): SequenceInfo | undefined {
  const v = ctx.inputs[i];
  return v && v.kind === 'sequence' ? v : undefined;
}

/** A position argument into a sequence of `len` items (insert allows len itself). */
function position(ctx: InferCtx, i: number, len: number, fallback: number, insert = false): number | null {
  if (!ctx.has(i)) return fallback;
  const p = scalarArg(ctx.input(i));
  if (typeof p !== 'number') return null;
  const v = p < 0 ? p + len : p;
  return v >= 0 && v <= (insert ? len : len - 1) ? v : null;
}

// ---------------------------------------------------------------------------------------------
// Sequence construction and access
// ---------------------------------------------------------------------------------------------

function inferSequenceConstruct(ctx: InferCtx): (Info | null)[] {
  const ins = ctx.inputs.map((_, i) => ctx.input(i));
  if (ins.every((t): t is TensorInfo => !!t)) return [sequenceOf(ins)];
  const dtype = ins.find((t) => t?.dtype)?.dtype ?? null;
  return [{ kind: 'sequence', elem: tensor(dtype, null) }];
}

function inferSequenceEmpty(ctx: InferCtx): (Info | null)[] {
  const code = ctx.attrs.int('dtype');
  const dtype = code === undefined ? 'float32' : dtypeFromCode(code);
  return [{ kind: 'sequence', elem: tensor(dtype, null), items: [] }];
}

function inferSequenceAt(ctx: InferCtx): (Info | null)[] {
  const s = seqInput(ctx, 0);
  if (!s) return [null];
  if (s.items) {
    const p = position(ctx, 1, s.items.length, -1);
    if (p !== null) return [s.items[p]];
  }
  return [s.elem];
}

function inferSequenceInsert(ctx: InferCtx): (Info | null)[] {
  const s = seqInput(ctx, 0);
  const t = ctx.input(1);
  if (s?.items && t) {
    const p = position(ctx, 2, s.items.length, s.items.length, true);
    if (p !== null) {
      const items = [...s.items];
      items.splice(p, 0, t);
      return [sequenceOf(items)];
    }
  }
  const elem = s?.items?.length === 0 ? (t ?? null) : unifyTensors([s?.elem, t]);
  return [{ kind: 'sequence', elem }];
}

function inferSequenceErase(ctx: InferCtx): (Info | null)[] {
  const s = seqInput(ctx, 0);
  if (!s) return [null];
  if (s.items) {
    const p = position(ctx, 1, s.items.length, s.items.length - 1);
    if (p !== null) {
      const items = s.items.filter((_, i) => i !== p);
      return [sequenceOf(items, s.elem?.dtype ?? null)];
    }
  }
  return [{ kind: 'sequence', elem: s.elem }];
}

function inferSequenceLength(ctx: InferCtx): (Info | null)[] {
  const s = seqInput(ctx, 0);
  return [tensor('int64', [], s?.items ? [s.items.length] : undefined)];
}

// ---------------------------------------------------------------------------------------------
// SplitToSequence, ConcatFromSequence
// ---------------------------------------------------------------------------------------------

/** Item lengths along the axis for SplitToSequence; null when unknown. */
function splitLengths(ctx: InferCtx, dim: Dim): Dim[] | null {
  if (!ctx.has(1)) return typeof dim === 'number' ? new Array<Dim>(dim).fill(1) : null;
  const t = ctx.input(1);
  if (t?.shape?.length === 0) {
    const s = scalarArg(t);
    if (typeof s !== 'number' || s <= 0 || typeof dim !== 'number') return null;
    const n = Math.ceil(dim / s);
    return Array.from({ length: n }, (_, i) => (i === n - 1 ? dim - s * (n - 1) : s));
  }
  return dimValues(t);
}

function inferSplitToSequence(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [{ kind: 'sequence', elem: tensor(dtype, null) }];
  const axis = normAxis(ctx.attrs.int('axis', 0), x.shape.length);
  if (axis === null) return [{ kind: 'sequence', elem: tensor(dtype, null) }];
  // keepdims only matters when no split is given (items of length 1).
  const drop = !ctx.has(1) && ctx.attrs.int('keepdims', 1) === 0;
  const itemShape = (len: Dim) => {
    const s = [...x.shape!];
    if (drop) s.splice(axis, 1);
    else s[axis] = len;
    return s;
  };
  const lengths = splitLengths(ctx, x.shape[axis]);
  if (lengths === null) {
    const len = ctx.has(1) ? null : 1;
    return [{ kind: 'sequence', elem: tensor(dtype, itemShape(len)) }];
  }
  return [
    sequenceOf(
      lengths.map((len) => tensor(dtype, itemShape(len))),
      dtype,
    ),
  ];
}

function inferConcatFromSequence(ctx: InferCtx): (Info | null)[] {
  const s = seqInput(ctx, 0);
  const newAxis = ctx.attrs.int('new_axis', 0) === 1;
  const axisAttr = ctx.attrs.int('axis', 0);
  const elem = s?.elem ?? null;
  const dtype = elem?.dtype ?? s?.items?.find((t) => t.dtype)?.dtype ?? null;
  const ref = s?.items ? unifyTensors(s.items) : elem;
  if (!ref?.shape) return [tensor(dtype, null)];
  const rank = ref.shape.length;
  const axis = normAxis(axisAttr, newAxis ? rank + 1 : rank);
  if (axis === null) return [tensor(dtype, null)];
  const out = [...ref.shape];
  if (newAxis) {
    out.splice(axis, 0, s?.items ? s.items.length : null);
    return [tensor(dtype, out)];
  }
  let total: Dim = null;
  if (s?.items) {
    total = 0;
    for (const t of s.items) total = addDims(total, t.shape?.[axis] ?? null);
  }
  out[axis] = total;
  return [tensor(dtype, out)];
}

// ---------------------------------------------------------------------------------------------
// SequenceMap
// ---------------------------------------------------------------------------------------------

/** The body's inputs for sample i (or for "any sample" when i is null). */
function sampleInputs(ctx: InferCtx, i: number | null): (Info | null)[] {
  return ctx.inputs.map((v) => {
    if (!v || v.kind !== 'sequence') return v ?? null;
    return i !== null && v.items ? (v.items[i] ?? null) : v.elem;
  });
}

/** The number of samples SequenceMap runs: the first sequence's length, when known. */
function mapLength(ctx: InferCtx): number | null {
  return seqInput(ctx, 0)?.items?.length ?? null;
}

function inferSequenceMap(ctx: InferCtx): (Info | null)[] {
  const body = ctx.attrs.graph('body');
  const nOut = ctx.node.outputs.length;
  if (!body) return new Array<Info | null>(nOut).fill(null);
  const n = mapLength(ctx);
  if (n === null) {
    const r = ctx.subgraph(body, sampleInputs(ctx, null));
    return Array.from({ length: nOut }, (_, j) => {
      const o = r.outputs[j];
      return { kind: 'sequence', elem: o && o.kind === 'tensor' ? o : null } satisfies SequenceInfo;
    });
  }
  const runs = Array.from({ length: n }, (_, i) => ctx.subgraph(body, sampleInputs(ctx, i)).outputs);
  return Array.from({ length: nOut }, (_, j) => {
    const items = runs.map((outs) => outs[j]);
    if (items.every((t): t is TensorInfo => !!t && t.kind === 'tensor')) return sequenceOf(items);
    return { kind: 'sequence', elem: null } satisfies SequenceInfo;
  });
}

function costSequenceMap(ctx: CostCtx): OpCost | null {
  const body: Graph | undefined = ctx.attrs.graph('body');
  const n = mapLength(ctx);
  if (!body || n === null) return null;
  let total: OpCost = ZERO_COST;
  for (let i = 0; i < n; i++) {
    const c = ctx.subgraph(body, sampleInputs(ctx, i)).cost as OpCost | null;
    if (!c) return null;
    total = addCosts(total, c);
  }
  // One body run per element, one after the other (see the class in `ops`).
  return { ...total, timing: { steps: n } };
}

// ---------------------------------------------------------------------------------------------
// Optionals
// ---------------------------------------------------------------------------------------------

function inferOptional(ctx: InferCtx): (Info | null)[] {
  if (ctx.has(0)) return [{ kind: 'optional', elem: ctx.inputs[0] ?? null, present: true } satisfies OptionalInfo];
  const type = ctx.attrs.typeProto('type');
  return [{ kind: 'optional', elem: infoFromType(type ?? null), present: false } satisfies OptionalInfo];
}

/** Whether the input holds an element: true, false, or null when unknown. */
function hasElement(ctx: InferCtx): boolean | null {
  if (!ctx.has(0)) return false;
  const v = ctx.inputs[0];
  if (!v) return null;
  if (v.kind === 'optional') return v.present ?? null;
  return true;
}

function inferOptionalHasElement(ctx: InferCtx): (Info | null)[] {
  const h = hasElement(ctx);
  return [tensor('bool', [], h === null ? undefined : [h ? 1 : 0])];
}

function inferOptionalGetElement(ctx: InferCtx): (Info | null)[] {
  const v = ctx.inputs[0];
  if (!v) return [null];
  return [v.kind === 'optional' ? v.elem : v];
}

// ---------------------------------------------------------------------------------------------

export const ops: OpDef[] = [
  // Sequences hold copies of their tensors (ONNX Runtime copies on insert and on SequenceAt):
  // data movement; their length and an empty sequence are metadata.
  { opType: 'SequenceConstruct', opClass: 'data-movement', infer: inferSequenceConstruct, cost: noCost },
  { opType: 'SequenceEmpty', opClass: 'shape', infer: inferSequenceEmpty, cost: noCost },
  { opType: 'SequenceAt', opClass: 'data-movement', infer: inferSequenceAt, cost: noCost },
  { opType: 'SequenceInsert', opClass: 'data-movement', infer: inferSequenceInsert, cost: noCost },
  { opType: 'SequenceErase', opClass: 'data-movement', infer: inferSequenceErase, cost: noCost },
  { opType: 'SequenceLength', opClass: 'shape', infer: inferSequenceLength, cost: noCost },
  { opType: 'SplitToSequence', opClass: 'data-movement', infer: inferSplitToSequence, cost: noCost },
  { opType: 'ConcatFromSequence', opClass: 'data-movement', infer: inferConcatFromSequence, cost: noCost },
  // Runs its body once per element, one after the other, like a Loop: recurrent, with the
  // iterations as timing steps (see costSequenceMap).
  { opType: 'SequenceMap', opClass: 'recurrent', infer: inferSequenceMap, cost: costSequenceMap },
  // An optional wraps or unwraps a tensor without copying it; HasElement reads metadata.
  { opType: 'Optional', opClass: 'view', infer: inferOptional, cost: noCost },
  { opType: 'OptionalHasElement', opClass: 'shape', infer: inferOptionalHasElement, cost: noCost },
  { opType: 'OptionalGetElement', opClass: 'view', infer: inferOptionalGetElement, cost: noCost },
];

/**
 * If, Loop and Scan: their outputs and costs come from their sub-graphs.
 *
 * Cost: If = the branch taken when the condition is a known constant, else the dearer branch
 * (by FLOPs), with a notice. Loop = body x trip count (M); without M, or with a data-dependent
 * exit condition, the count is an upper bound or unknown and a notice says so. Scan = body x
 * sequence length (x batch for opset 8).
 *
 * Timing: Loop and Scan run their iterations one after the other, each launching its body's
 * kernels, so when the iteration count is exact (or the maximum the cost is taken at) the
 * cost carries `timing.steps` = iterations: the roofline adds a kernel overhead per iteration.
 * No per-step FLOPs or bytes: iterations of an unrolled loop may differ.
 */
import type { Dim, Graph, Shape } from '../graph/model.js';
import { tensor, type Info, type TensorInfo } from '../graph/info.js';
import { mergeDim } from '../graph/shape.js';
import { addCosts } from './common.js';
import { checkedMul } from '../analysis/limits.js';
import { quoteToken } from '../util/sanitize.js';
import { knownInts, type CostCtx, type InferCtx, type OpCost, type OpDef, type SubgraphResult } from './types.js';

/** Merge two infos of the same value from different paths: agreeing dims stay, others become unknown. */
export function mergeInfo(a: Info | null, b: Info | null): Info | null {
  if (!a || !b || a.kind !== b.kind) return null;
  if (a.kind === 'sequence' && b.kind === 'sequence') {
    const elem = mergeInfo(a.elem, b.elem);
    const out: Info = { kind: 'sequence', elem: elem && elem.kind === 'tensor' ? elem : null };
    if (a.items && b.items && a.items.length === b.items.length) {
      const items = a.items.map((t, i) => mergeInfo(t, b.items![i]));
      if (items.every((t): t is TensorInfo => !!t && t.kind === 'tensor')) out.items = items;
    }
    return out;
  }
  if (a.kind === 'optional' && b.kind === 'optional') {
    const out: Info = { kind: 'optional', elem: mergeInfo(a.elem, b.elem) };
    if (a.present !== undefined && a.present === b.present) out.present = a.present;
    return out;
  }
  if (a.kind !== 'tensor' || b.kind !== 'tensor') return null;
  const dtype = a.dtype === b.dtype ? a.dtype : (a.dtype ?? b.dtype);
  let shape: Shape = null;
  if (a.shape && b.shape && a.shape.length === b.shape.length) {
    shape = a.shape.map((d, i) => (d === b.shape![i] ? d : null));
  }
  return tensor(dtype, shape);
}

function sameShape(a: Info | null, b: Info | null): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'sequence' && b.kind === 'sequence') {
    if (!sameShape(a.elem, b.elem)) return false;
    if (!a.items || !b.items) return a.items === b.items;
    return a.items.length === b.items.length && a.items.every((t, i) => sameShape(t, b.items![i]));
  }
  if (a.kind === 'optional' && b.kind === 'optional') return a.present === b.present && sameShape(a.elem, b.elem);
  if (a.kind !== 'tensor' || b.kind !== 'tensor') return false;
  if (a.shape === null || b.shape === null) return a.shape === b.shape;
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape![i]);
}

function dearer(a: OpCost, b: OpCost): OpCost {
  return b.flops > a.flops ? b : a;
}

// --- If -------------------------------------------------------------------------------------

function ifBranches(ctx: InferCtx): Branches {
  const cond = knownInts(ctx.input(0));
  const taken = cond && cond.length === 1 ? cond[0] !== 0 : null;
  const thenG = ctx.attrs.graph('then_branch');
  const elseG = ctx.attrs.graph('else_branch');
  return {
    then: thenG && taken !== false ? ctx.subgraph(thenG, []) : undefined,
    else: elseG && taken !== true ? ctx.subgraph(elseG, []) : undefined,
    taken,
  };
}

/** The branches of an If-like node: each run unless the condition rules it out. */
export interface Branches {
  then?: SubgraphResult;
  else?: SubgraphResult;
  /** The branch a known condition takes; null when the condition is not known. */
  taken: boolean | null;
}

/**
 * An If-like operator (ONNX If, TFLite IF) from the way it runs its branches: the outputs and cost
 * of the branch taken, or with an unknown condition both branches' outputs merged and the dearer
 * branch's cost. A whole branch of mixed kernels: no class fits, so the generic element-wise one
 * (as for unsupported operators).
 */
export function ifLike(opType: string, domain: string | undefined, branches: (ctx: InferCtx) => Branches): OpDef {
  return {
    opType,
    ...(domain !== undefined ? { domain } : {}),
    opClass: 'elementwise',
    infer(ctx) {
      const b = branches(ctx);
      if (b.taken === true) return b.then?.outputs ?? [];
      if (b.taken === false) return b.else?.outputs ?? [];
      const t = b.then?.outputs ?? [];
      const e = b.else?.outputs ?? [];
      return ctx.node.outputs.map((_, i) => mergeInfo(t[i] ?? null, e[i] ?? null));
    },
    cost(ctx) {
      const b = branches(ctx);
      if (b.taken === true) return b.then?.cost ?? null;
      if (b.taken === false) return b.else?.cost ?? null;
      if (!b.then || !b.else) return null;
      if (b.then.cost.flops !== b.else.cost.flops) ctx.warn('condition not known statically: costed as the dearer branch');
      return dearer(b.then.cost, b.else.cost);
    },
  };
}

const ifOp = ifLike('If', undefined, ifBranches);

// --- Loop -----------------------------------------------------------------------------------

interface LoopRun {
  /** Final carried values, then scan outputs. */
  outputs: (Info | null)[];
  /** Cost of one iteration (summarised) or of all of them (unrolled: trips === costTrips). */
  cost: OpCost;
  /** Exact iteration count, when known. */
  trips: number | null;
  /** Iterations to cost: exact, an upper bound (M with a condition), or null. */
  costTrips: number | null;
  unrolled?: boolean;
}

/** Loops with at most this many iterations are unrolled: each iteration sees exact values. */
const UNROLL_LIMIT = 64;

function runLoop(ctx: InferCtx): LoopRun | null {
  const body = ctx.attrs.graph('body');
  if (!body) return null;
  const m = ctx.has(0) ? knownInts(ctx.input(0)) : null;
  // The loop runs `for (i = 0; i < M && cond; i++)`: a negative M runs it zero times.
  const maxTrips = m && m.length === 1 ? Math.max(0, m[0]) : null;
  const condGiven = ctx.has(1);
  const condValue = condGiven ? knownInts(ctx.input(1)) : null;
  const carriedCount = ctx.node.inputs.length - 2;
  const initial: (Info | null)[] = [];
  for (let i = 0; i < carriedCount; i++) initial.push(ctx.inputs[i + 2] ?? null);
  if (maxTrips !== null && maxTrips >= 0 && maxTrips <= UNROLL_LIMIT && (ctx.tryUnroll?.(maxTrips) ?? true)) {
    const unrolled = unrollLoop(ctx, body, maxTrips, condGiven ? (condValue?.[0] ?? null) : 1, initial);
    if (unrolled) return unrolled;
  }
  let carried = initial;
  // A body may change a carried value's shape per iteration: run until the shapes settle (2 rounds max).
  let result = ctx.subgraph(body, [tensor('int64', []), tensor('bool', []), ...carried]);
  const next = result.outputs.slice(1, 1 + carriedCount);
  if (!next.every((o, i) => sameShape(o, carried[i]))) {
    carried = carried.map((c, i) => mergeInfo(c, next[i] ?? null));
    result = ctx.subgraph(body, [tensor('int64', []), tensor('bool', []), ...carried]);
    const again = result.outputs.slice(1, 1 + carriedCount);
    result = { ...result, outputs: [result.outputs[0], ...again.map((o, i) => mergeInfo(o, carried[i]))] };
  }
  const condFalse = condValue && condValue.length === 1 && condValue[0] === 0;
  const trips = condFalse ? 0 : !condGiven ? maxTrips : null;
  const scans = result.outputs.slice(1 + carriedCount).map((o): Info | null => {
    if (!o || o.kind !== 'tensor') return null;
    return tensor(o.dtype, o.shape ? [trips, ...o.shape] : null);
  });
  return { outputs: [...result.outputs.slice(1, 1 + carriedCount), ...scans], cost: result.cost, trips, costTrips: condFalse ? 0 : maxTrips };
}

/**
 * Run the body iteration by iteration with the iteration number and condition as known
 * values. Returns null when the exit condition becomes unknown (then the loop is summarised).
 */
function unrollLoop(ctx: InferCtx, body: Graph, maxTrips: number, cond: number | null, initial: (Info | null)[]): LoopRun | null {
  const carriedCount = initial.length;
  let carried = initial;
  let keepGoing = cond;
  let total: OpCost = { macs: 0, flops: 0, coreMacs: 0 };
  const scanItems: (Info | null)[][] = [];
  let trips = 0;
  for (let i = 0; i < maxTrips; i++) {
    if (keepGoing === null) return null;
    if (keepGoing === 0) break;
    const r = ctx.subgraph(body, [tensor('int64', [], [i]), tensor('bool', [], [keepGoing]), ...carried]);
    total = addCosts(total, r.cost);
    trips++;
    const c = knownInts(r.outputs[0]);
    keepGoing = c && c.length === 1 ? (c[0] ? 1 : 0) : null;
    carried = r.outputs.slice(1, 1 + carriedCount);
    scanItems.push(r.outputs.slice(1 + carriedCount));
  }
  const scanCount = body.outputs.length - 1 - carriedCount;
  const scans: (Info | null)[] = [];
  for (let k = 0; k < scanCount; k++) {
    const items = scanItems.map((it) => it[k] ?? null);
    let elem: Info | null = items[0] ?? null;
    for (const it of items.slice(1)) elem = mergeInfo(elem, it);
    if (trips === 0) {
      scans.push(null);
      continue;
    }
    scans.push(elem && elem.kind === 'tensor' ? tensor(elem.dtype, elem.shape ? [trips, ...elem.shape] : null) : null);
  }
  return { outputs: [...carried, ...scans], cost: total, trips, costTrips: trips, unrolled: true };
}

const loopOp: OpDef = {
  opType: 'Loop',
  // Iterations run one after the other, each launching its body's kernels: recurrent, with the
  // iterations as timing steps when their count is exact.
  opClass: 'recurrent',
  infer(ctx) {
    return runLoop(ctx)?.outputs ?? [];
  },
  cost(ctx) {
    const run = runLoop(ctx);
    if (!run) return null;
    if (run.unrolled) return { ...run.cost, timing: { steps: run.costTrips! } };
    if (run.costTrips === null) {
      ctx.warn('Loop trip count not known statically: cost of one iteration shown');
      return { ...run.cost, partial: true };
    }
    if (run.trips === null) ctx.warn(`Loop may exit early: costed at its maximum of ${run.costTrips} iterations`);
    return { ...scaleCostChecked(run.cost, run.costTrips, ctx), timing: { steps: run.costTrips } };
  },
};

// --- Scan -----------------------------------------------------------------------------------

interface ScanRun {
  body: SubgraphResult;
  seqLen: Dim;
  batch: Dim;
  states: number;
  scanOutAxes: number[];
}

function runScan(ctx: InferCtx): ScanRun | null {
  const body = ctx.attrs.graph('body');
  const numScan = ctx.attrs.int('num_scan_inputs');
  if (!body || numScan === undefined) return null;
  const v8 = ctx.opset < 9;
  const first = v8 ? 1 : 0; // opset 8 starts with the optional sequence_lens
  const all = ctx.node.inputs.length - first;
  const states = all - numScan;
  const inAxes = ctx.attrs.ints('scan_input_axes') ?? [];
  const bodyInputs: (Info | null)[] = [];
  let seqLen: Dim = null;
  let batch: Dim = 1;
  for (let i = 0; i < all; i++) {
    const info = ctx.inputs[first + i] ?? null;
    if (i < states) {
      if (v8 && info && info.kind === 'tensor' && info.shape) {
        batch = mergeDim(batch === 1 ? null : batch, info.shape[0]) ?? info.shape[0];
        bodyInputs.push(tensor(info.dtype, info.shape.slice(1)));
      } else bodyInputs.push(info);
      continue;
    }
    const t = info && info.kind === 'tensor' ? info : null;
    if (!t || !t.shape) {
      bodyInputs.push(t ? tensor(t.dtype, null) : null);
      continue;
    }
    const rank = t.shape.length;
    let axis = v8 ? 1 : (inAxes[i - states] ?? 0);
    if (axis < 0) axis += rank;
    seqLen = seqLen === null ? t.shape[axis] : mergeDim(seqLen, t.shape[axis]);
    const slice = t.shape.filter((_, k) => k !== axis && !(v8 && k === 0));
    if (v8) batch = t.shape[0];
    bodyInputs.push(tensor(t.dtype, slice));
  }
  const result = ctx.subgraph(body, bodyInputs);
  return { body: result, seqLen, batch, states, scanOutAxes: ctx.attrs.ints('scan_output_axes') ?? [] };
}

const scanOp: OpDef = {
  opType: 'Scan',
  // A recurrence over the scanned axis (tf2onnx exports RNNs as Scan): recurrent.
  opClass: 'recurrent',
  infer(ctx) {
    const run = runScan(ctx);
    if (!run) return [];
    const v8 = ctx.opset < 9;
    return run.body.outputs.map((o, i): Info | null => {
      if (!o || o.kind !== 'tensor') return o;
      if (i < run.states) return v8 ? tensor(o.dtype, o.shape ? [run.batch, ...o.shape] : null) : o;
      if (!o.shape) return tensor(o.dtype, null);
      if (v8) return tensor(o.dtype, [run.batch, run.seqLen, ...o.shape]);
      let axis = run.scanOutAxes[i - run.states] ?? 0;
      const rank = o.shape.length + 1;
      if (axis < 0) axis += rank;
      const shape = [...o.shape];
      shape.splice(axis, 0, run.seqLen);
      return tensor(o.dtype, shape);
    });
  },
  cost(ctx: CostCtx) {
    const run = runScan(ctx);
    if (!run || typeof run.seqLen !== 'number' || typeof run.batch !== 'number') return null;
    const steps = run.seqLen * run.batch;
    return { ...scaleCostChecked(run.body.cost, steps, ctx), timing: { steps } };
  },
};

/** A body's cost times its iterations, refused when the product is not an exact count. */
function scaleCostChecked(cost: OpCost, k: number, ctx: CostCtx): OpCost {
  const what = `node ${quoteToken(ctx.node.name || ctx.node.opType)} (${ctx.node.opType}) cost`;
  return { macs: checkedMul(cost.macs, k, what), flops: checkedMul(cost.flops, k, what), coreMacs: checkedMul(cost.coreMacs, k, what) };
}

export const ops: OpDef[] = [ifOp, loopOp, scanOp];
export type { TensorInfo, Graph };

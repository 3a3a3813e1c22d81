/**
 * TFLite control flow: IF, WHILE and CALL_ONCE run other subgraphs of the model (attributes
 * `then_subgraph` / `else_subgraph`, `cond_subgraph` / `body_subgraph`, `init_subgraph`).
 *
 * | operator  | outputs                                   | cost                                                  |
 * |-----------|-------------------------------------------|-------------------------------------------------------|
 * | IF        | the branch taken when the condition is a  | that branch; unknown condition: the dearer branch (by |
 * |           | known constant, else both merged          | FLOPs), with a notice                                 |
 * | WHILE     | the loop variables (inputs merged with    | every iteration when the condition stays a known      |
 * |           | the body's outputs; the final values when | value (a counter against a constant, up to 64 trips:  |
 * |           | the loop is run through)                  | cond x (n + 1) + body x n); else one iteration (cond +|
 * |           |                                           | body), marked partial, with a notice                  |
 * | CALL_ONCE | none                                      | the init subgraph once                                |
 *
 * IF passes its inputs 1.. to the branch; WHILE passes the loop variables to both subgraphs.
 * As ONNX If / Loop (src/ops/control-flow.ts): IF is 'elementwise' (a mix of kernels), WHILE
 * 'recurrent'.
 */
import type { Info } from '../../graph/info.js';
import type { Graph } from '../../graph/model.js';
import { addCosts } from '../common.js';
import { ifLike, mergeInfo, type Branches } from '../control-flow.js';
import { knownInts, type InferCtx, type OpCost, type OpDef } from '../types.js';
import { TFL } from './common.js';

function branches(ctx: InferCtx): Branches {
  const cond = knownInts(ctx.input(0));
  const taken = cond && cond.length === 1 ? cond[0] !== 0 : null;
  const args = ctx.node.inputs.slice(1).map((_, i) => ctx.inputs[i + 1] ?? null);
  const thenG = ctx.attrs.graph('then_subgraph');
  const elseG = ctx.attrs.graph('else_subgraph');
  return {
    then: thenG && taken !== false ? ctx.subgraph(thenG, args) : undefined,
    else: elseG && taken !== true ? ctx.subgraph(elseG, args) : undefined,
    taken,
  };
}

const ifOp = ifLike('IF', TFL, branches);

/** WHILE loops whose condition stays a known value are run iteration by iteration up to this many. */
const UNROLL_LIMIT = 64;

interface WhileRun {
  outputs: (Info | null)[];
  cost: OpCost;
  /** Exact iteration count when the loop was run through; null for a summary (one iteration). */
  trips: number | null;
}

/**
 * Run cond, then body, while cond's value is known and true: exact for loops over constants
 * (a counter against a limit). Null when the condition becomes unknown or the loop runs long.
 */
function unrollWhile(ctx: InferCtx, cond: Graph, body: Graph, vars: (Info | null)[]): WhileRun | null {
  let total: OpCost = { macs: 0, flops: 0, coreMacs: 0 };
  for (let trips = 0; trips <= UNROLL_LIMIT; trips++) {
    const c = ctx.subgraph(cond, vars);
    total = addCosts(total, c.cost);
    const go = knownInts(c.outputs[0]);
    if (!go || go.length !== 1) return null;
    if (go[0] === 0) return { outputs: vars, cost: total, trips };
    if (trips === UNROLL_LIMIT || !(ctx.tryUnroll?.(1) ?? true)) return null;
    const b = ctx.subgraph(body, vars);
    total = addCosts(total, b.cost);
    vars = vars.map((_, i) => b.outputs[i] ?? null);
  }
  return null;
}

function runWhile(ctx: InferCtx): WhileRun | null {
  const cond = ctx.attrs.graph('cond_subgraph');
  const body = ctx.attrs.graph('body_subgraph');
  if (!cond || !body) return null;
  const vars = ctx.node.inputs.map((_, i) => ctx.inputs[i] ?? null);
  const unrolled = unrollWhile(ctx, cond, body, vars);
  if (unrolled) return unrolled;
  const c = ctx.subgraph(cond, vars);
  const b = ctx.subgraph(body, vars);
  const outputs = vars.map((v, i) => mergeInfo(v, b.outputs[i] ?? null));
  return { outputs, cost: addCosts(c.cost, b.cost), trips: null };
}

const whileOp: OpDef = {
  opType: 'WHILE',
  domain: TFL,
  opClass: 'recurrent',
  infer: (ctx) => runWhile(ctx)?.outputs ?? [],
  cost(ctx) {
    const run = runWhile(ctx);
    if (!run) return null;
    if (run.trips !== null) return { ...run.cost, timing: { steps: run.trips } };
    ctx.warn('WHILE trip count not known statically: cost of one iteration shown');
    return { ...run.cost, partial: true };
  },
};

const callOnce: OpDef = {
  opType: 'CALL_ONCE',
  domain: TFL,
  opClass: 'elementwise',
  infer: () => [],
  cost(ctx) {
    const init = ctx.attrs.graph('init_subgraph');
    return init ? ctx.subgraph(init, []).cost : null;
  },
};

export const ops: OpDef[] = [ifOp, whileOp, callOnce];

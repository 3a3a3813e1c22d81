/**
 * Running one operator rule against what is known of its inputs. The graph driver uses this,
 * and so do the operator unit tests (through `applyOp`), so both see the same context.
 */
import type { Graph, Node } from '../graph/model.js';
import type { Info, TensorInfo } from '../graph/info.js';
import type { OpClass } from '../devices/op-class.js';
import { UserError } from '../errors.js';
import { Attrs, type CostCtx, type InferCtx, type OpCost, type OpDef, type SubgraphResult } from '../ops/types.js';

export interface ApplyResult {
  outputs: (Info | null)[];
  cost: OpCost | null;
  /** The operator's class for this node (a class function sees the same context as the rules). */
  opClass: OpClass;
  warnings: string[];
}

export type SubgraphRunner = (graph: Graph, inputs: readonly (Info | null)[]) => SubgraphResult;

const noSubgraphs: SubgraphRunner = () => {
  throw new Error('this context cannot run subgraphs');
};

/**
 * Apply `def` to `node`. Rules are written never to throw for missing information; if one
 * throws anyway (a bug, or a malformed attribute), the outputs are unknown and a warning says so.
 */
/**
 * The context the rules see: one object per node, its helpers on the prototype (no closures per
 * node), serving first the shape rule and then, with the outputs set, the cost rule.
 */
class RuleCtx implements CostCtx {
  readonly attrs: Attrs;
  outputs: readonly (Info | null)[] = NO_OUTPUTS;
  warnings: string[] | null = null;
  upTo?: InferCtx['upTo'];
  tryUnroll?: (iterations: number) => boolean;

  constructor(
    readonly node: Node,
    readonly opset: number,
    readonly inputs: readonly (Info | undefined)[],
    readonly subgraph: SubgraphRunner,
  ) {
    this.attrs = new Attrs(node.attrs);
  }

  input(i: number): TensorInfo | undefined {
    const v = this.inputs[i];
    return v && v.kind === 'tensor' ? v : undefined;
  }

  has(i: number): boolean {
    return i < this.node.inputs.length && this.node.inputs[i] !== '';
  }

  warn(message: string): void {
    (this.warnings ??= []).push(message);
  }

  output(i: number): TensorInfo | undefined {
    const v = this.outputs[i];
    return v && v.kind === 'tensor' ? v : undefined;
  }
}

const NO_OUTPUTS: readonly (Info | null)[] = [];
const NO_WARNINGS: readonly string[] = [];

export function applyOp(
  def: OpDef,
  node: Node,
  inputs: readonly (Info | undefined)[],
  opset: number,
  runSubgraph: SubgraphRunner = noSubgraphs,
  upTo?: InferCtx['upTo'],
  tryUnroll?: (iterations: number) => boolean,
): ApplyResult {
  const ctx = new RuleCtx(node, opset, inputs, runSubgraph);
  if (upTo) ctx.upTo = upTo;
  if (tryUnroll) ctx.tryUnroll = tryUnroll;

  const n = node.outputs.length;
  const outputs = new Array<Info | null>(n);
  try {
    const inferred = def.infer(ctx);
    for (let i = 0; i < n; i++) outputs[i] = inferred[i] ?? null;
  } catch (e) {
    // A rule refusing the model (an invalid attribute, a work budget spent) is the user's error.
    if (e instanceof UserError) throw e;
    ctx.warn(`shape rule failed: ${(e as Error).message}`);
    outputs.fill(null);
  }
  ctx.outputs = outputs;

  let opClass: OpClass;
  try {
    opClass = typeof def.opClass === 'function' ? def.opClass(ctx) : def.opClass;
  } catch (e) {
    if (e instanceof UserError) throw e;
    ctx.warn(`class rule failed: ${(e as Error).message}`);
    opClass = 'elementwise';
  }
  let cost: OpCost | null;
  try {
    cost = def.cost(ctx);
  } catch (e) {
    if (e instanceof UserError) throw e;
    ctx.warn(`cost rule failed: ${(e as Error).message}`);
    cost = null;
  }
  return { outputs, cost, opClass, warnings: ctx.warnings ?? (NO_WARNINGS as string[]) };
}

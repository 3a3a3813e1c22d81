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
export function applyOp(
  def: OpDef,
  node: Node,
  inputs: readonly (Info | undefined)[],
  opset: number,
  runSubgraph: SubgraphRunner = noSubgraphs,
  upTo?: InferCtx['upTo'],
  tryUnroll?: (iterations: number) => boolean,
): ApplyResult {
  const warnings: string[] = [];
  const attrs = new Attrs(node.attrs);
  const ctx: { -readonly [K in keyof InferCtx]: InferCtx[K] } = {
    node,
    opset,
    inputs,
    attrs,
    input(i: number): TensorInfo | undefined {
      const v = inputs[i];
      return v && v.kind === 'tensor' ? v : undefined;
    },
    has(i: number): boolean {
      return i < node.inputs.length && node.inputs[i] !== '';
    },
    warn(message: string) {
      warnings.push(message);
    },
    subgraph: runSubgraph,
    tryUnroll,
  };
  if (upTo) ctx.upTo = upTo;

  let outputs: (Info | null)[];
  try {
    const inferred = def.infer(ctx);
    outputs = node.outputs.map((_, i) => inferred[i] ?? null);
  } catch (e) {
    // A rule refusing the model (an invalid attribute, a work budget spent) is the user's error.
    if (e instanceof UserError) throw e;
    warnings.push(`shape rule failed: ${(e as Error).message}`);
    outputs = node.outputs.map(() => null);
  }

  const costCtx: CostCtx = {
    ...ctx,
    outputs,
    output(i: number): TensorInfo | undefined {
      const v = outputs[i];
      return v && v.kind === 'tensor' ? v : undefined;
    },
  };
  let opClass: OpClass;
  try {
    opClass = typeof def.opClass === 'function' ? def.opClass(ctx) : def.opClass;
  } catch (e) {
    if (e instanceof UserError) throw e;
    warnings.push(`class rule failed: ${(e as Error).message}`);
    opClass = 'elementwise';
  }
  let cost: OpCost | null;
  try {
    cost = def.cost(costCtx);
  } catch (e) {
    if (e instanceof UserError) throw e;
    warnings.push(`cost rule failed: ${(e as Error).message}`);
    cost = null;
  }
  return { outputs, cost, opClass, warnings };
}

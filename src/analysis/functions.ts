/**
 * Inlining model-local functions (FunctionProto): each call node is replaced by the function's
 * body, with formal inputs/outputs mapped to the call's tensors, internal tensors renamed so
 * they cannot collide, and attribute references (`ref_attr_name`) resolved.
 */
import type { Attr, FunctionDef, Graph, Node } from '../graph/model.js';
import { quoteToken } from '../util/sanitize.js';
import { GraphError } from './errors.js';
import { MAX_INLINED_NODES } from './limits.js';

const MAX_EXPANSION_DEPTH = 32;

function fnKey(domain: string, name: string, overload = ''): string {
  return `${domain}:${name}:${overload}`;
}

export interface ExpansionResult {
  graph: Graph;
  /** Opset imports of the functions used, to fill in domains the model itself does not import. */
  usedFunctions: FunctionDef[];
}

export function expandFunctions(graph: Graph, functions: readonly FunctionDef[]): ExpansionResult {
  if (functions.length === 0) return { graph, usedFunctions: [] };
  const byKey = new Map<string, FunctionDef>();
  for (const f of functions) {
    byKey.set(fnKey(f.domain, f.name, f.overload), f);
    if (!byKey.has(fnKey(f.domain, f.name))) byKey.set(fnKey(f.domain, f.name), f);
  }
  const used = new Set<FunctionDef>();
  let counter = 0;
  // Nodes created by inlining: a small file can call a function that calls another twice, and so
  // on, so the expansion is bounded, not the file.
  let created = 0;
  const sizes = new Map<FunctionDef, number>();
  const tooDeep = (n: Node) =>
    new GraphError(
      `function ${quoteToken(n.domain ? `${n.domain}:${n.opType}` : n.opType)} calls functions more than ${MAX_EXPANSION_DEPTH} deep (recursion?)`,
    );
  /** Nodes one call of `fn` inlines to (capped just past the limit), computed without inlining. */
  const expandedSize = (fn: FunctionDef, call: Node, depth: number): number => {
    if (depth >= MAX_EXPANSION_DEPTH) throw tooDeep(call);
    const known = sizes.get(fn);
    if (known !== undefined) return known;
    let size = 0;
    for (const b of fn.nodes) {
      const callee = byKey.get(fnKey(b.domain, b.opType));
      size = Math.min(MAX_INLINED_NODES + 1, size + (callee ? expandedSize(callee, b, depth + 1) : 1));
    }
    sizes.set(fn, size);
    return size;
  };

  /** `counted`: the nodes' expansion is already in `created` (they are the body of a counted call). */
  const expandNodes = (nodes: readonly Node[], depth: number, out: Node[] = [], counted = false): Node[] => {
    for (const n of nodes) {
      const fn = byKey.get(fnKey(n.domain, n.opType));
      if (!fn) {
        out.push(withExpandedSubgraphs(n, depth));
        continue;
      }
      if (depth >= MAX_EXPANSION_DEPTH) throw tooDeep(n);
      if (!counted) {
        created += expandedSize(fn, n, depth);
        if (created > MAX_INLINED_NODES) {
          throw new GraphError(`inlining the model's functions would create more than ${MAX_INLINED_NODES} nodes: refused`);
        }
      }
      used.add(fn);
      const prefix = `${n.name || fn.name}/${counter++}/`;
      const rename = new Map<string, string>();
      fn.inputs.forEach((formal, i) => rename.set(formal, n.inputs[i] ?? ''));
      fn.outputs.forEach((formal, i) => rename.set(formal, n.outputs[i] ?? `${prefix}${formal}`));
      const attrs = new Map<string, Attr>(fn.attributeDefaults);
      for (const [k, v] of n.attrs) attrs.set(k, v);
      const body = fn.nodes.map((b) => instantiate(b, prefix, rename, attrs));
      expandNodes(body, depth + 1, out, true);
    }
    return out;
  };

  const withExpandedSubgraphs = (n: Node, depth: number): Node => {
    let changed = false;
    const attrs = new Map<string, Attr>();
    for (const [k, a] of n.attrs) {
      if (a.type === 'graph') {
        attrs.set(k, { type: 'graph', value: expandGraph(a.value, depth) });
        changed = true;
      } else if (a.type === 'graphs') {
        attrs.set(k, { type: 'graphs', value: a.value.map((g) => expandGraph(g, depth)) });
        changed = true;
      } else attrs.set(k, a);
    }
    return changed ? { ...n, attrs } : n;
  };

  const expandGraph = (g: Graph, depth: number): Graph => ({ ...g, nodes: expandNodes(g.nodes, depth) });

  return { graph: expandGraph(graph, 0), usedFunctions: [...used] };
}

/** One body node of a call: tensors renamed, attribute references bound to the caller's values. */
function instantiate(b: Node, prefix: string, rename: Map<string, string>, callAttrs: Map<string, Attr>): Node {
  const name = (t: string): string => (t === '' ? '' : (rename.get(t) ?? `${prefix}${t}`));
  const attrs = new Map<string, Attr>();
  for (const [k, a] of b.attrs) {
    if (a.type === 'ref') {
      const bound = callAttrs.get(a.ref);
      if (bound && bound.type !== 'ref') attrs.set(k, bound);
    } else if (a.type === 'graph') {
      attrs.set(k, { type: 'graph', value: renameFree(a.value, name) });
    } else attrs.set(k, a);
  }
  return {
    name: `${prefix}${b.name}`,
    opType: b.opType,
    domain: b.domain,
    inputs: b.inputs.map(name),
    outputs: b.outputs.map(name),
    attrs,
  };
}

/** Rename the outer-scope references of a sub-graph inside a function body. */
function renameFree(g: Graph, name: (t: string) => string): Graph {
  const local = new Set<string>([...g.inputs.map((v) => v.name), ...g.initializers.map((t) => t.name)]);
  for (const n of g.nodes) for (const o of n.outputs) local.add(o);
  const map = (t: string) => (t === '' || local.has(t) ? t : name(t));
  return {
    ...g,
    nodes: g.nodes.map((n) => ({ ...n, inputs: n.inputs.map(map) })),
    outputs: g.outputs.map((o) => (local.has(o.name) ? o : { ...o, name: map(o.name) })),
  };
}

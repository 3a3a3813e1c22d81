/**
 * A decoder's KV cache: which graph inputs hold the keys / values of earlier steps (past) and
 * which graph outputs the cache this step leaves (present). Found, in this order:
 *
 * 1. by structure: a graph input that reaches, through views (Transpose, Reshape, Cast, Gather /
 *    Split of a stacked cache, ...), a Concat along the axis that carries one of its symbolic
 *    dims, whose other operand is computed (the new keys / values), and whose result feeds
 *    attention (a MatMul / Softmax path) and / or is returned as a graph output (the present).
 *    Sub-graphs count: optimum's merged decoders concatenate inside an If on `use_cache_branch`.
 *    Also any operator whose definition declares `cacheSlots` (GroupQueryAttention, ...): the
 *    graph inputs feeding its past slots and the outputs its present slots reach.
 * 2. by names, as exporters write them: `past_key_values.N.key`, `past.N.value`, `past_key_N`,
 *    `past_N`, `present.N.key`, `present_key_values.N.value`, `cache.N.key`, ... (a float tensor
 *    of rank 3 or more; every other word of the name must be one caches use).
 * 3. the caller's override (a budgets file's `kv-cache:`): names or `*` globs.
 *
 * Pure: no I/O. The figures (`totals.kvCacheBytes`, `otherPeakBytes`) are at the dims analysed.
 */
import { globMatch } from '../util/wildcard.js';
import type { Dim, Graph, Node, ValueType } from '../graph/model.js';
import type { Info } from '../graph/info.js';
import type { OpDef } from '../ops/types.js';
import type { KvCacheInfo, ModelReport } from '../report/model-report.js';
import { lookupOp } from '../ops/registry.js';
import { UserError } from '../errors.js';
import { quoteToken } from '../util/sanitize.js';
import { infoBytes, type InferResult } from './infer.js';
import { peakActivationExcluding } from './aggregate.js';

/** Names or `*` / `?` globs of the cache's graph inputs (past) and outputs (present). */
export interface KvCacheOverride {
  past?: readonly string[];
  present?: readonly string[];
}

/**
 * An override entry that matches no graph input / output. `role` and `index` say which entry,
 * so a caller that read it from a budgets file can point at its line.
 */
export class KvCacheConfigError extends UserError {
  constructor(
    file: string,
    detail: string,
    readonly role: 'past' | 'present',
    readonly index: number,
  ) {
    super(file, detail);
    this.name = 'KvCacheConfigError';
  }
}

type Lookup = (domain: string, opType: string) => OpDef | undefined;

export interface FindKvCacheOptions {
  override?: KvCacheOverride;
  /** The model file as the user wrote it, for errors. */
  file?: string;
  /** Operator definitions (tests inject one with `cacheSlots`); default: the registry. */
  lookup?: Lookup;
  /** Edges the structure search may follow (default 10^6); past it the search stops with what it found. */
  maxSearchSteps?: number;
}

/** The cache of `graph` (the model's top-level graph, functions inlined), or null when none is recognised. */
export function findKvCache(graph: Graph, result: InferResult, options: FindKvCacheOptions = {}): KvCacheInfo | null {
  const lookup = options.lookup ?? lookupOp;
  const override = options.override;
  const overridden = !!override && !!(override.past?.length || override.present?.length);
  // Nothing either search could find (no cache-like input or output, no operator carrying a cache):
  // skip indexing the graph, which on a node-heavy graph costs more than the rest of this search.
  if (!overridden && !mayHoldCache(graph, lookup)) return null;
  const g = new GraphIndex(graph, result, lookup, options.maxSearchSteps);
  if (overridden) return fromOverride(g, override, options.file ?? '');
  const found = byStructure(g) ?? byNames(g);
  return found;
}

/**
 * Whether the structure or name search can find anything: a graph input shaped like a cache
 * tensor, an output shaped and named like one, or an operator (sub-graphs included, as the search indexes them) with cache slots.
 */
export function mayHoldCache(graph: Graph, lookup: Lookup): boolean {
  const inits = new Set(graph.initializers.map((t) => t.name));
  for (const i of graph.inputs) if (!inits.has(i.name) && isCacheTensor(i.type)) return true;
  // Outputs matter only to the name search (the structure search starts from inputs and operators).
  for (const o of graph.outputs) if (isCacheTensor(o.type) && nameRole(o.name, false)) return true;
  // Operators with cache slots, by domain and type: a big graph has a few dozen operator types
  // for 10^5 nodes (and the decoder's type strings are shared: each lookup hashes none).
  const opsOf = new Map<string, Map<string, boolean>>();
  let lastDomain: string | null = null;
  let ops = new Map<string, boolean>();
  const scan = (g: Graph, depth: number): boolean => {
    if (depth > 16) return false;
    for (const node of g.nodes) {
      if (node.domain !== lastDomain) {
        lastDomain = node.domain;
        let known = opsOf.get(lastDomain);
        if (!known) opsOf.set(lastDomain, (known = new Map<string, boolean>()));
        ops = known;
      }
      let slots = ops.get(node.opType);
      if (slots === undefined) ops.set(node.opType, (slots = !!lookup(node.domain, node.opType)?.cacheSlots));
      if (slots) return true;
      if (node.attrs.size === 0) continue;
      for (const a of node.attrs.values()) {
        if (a.type === 'graph' && scan(a.value, depth + 1)) return true;
        if (a.type === 'graphs') for (const sub of a.value) if (scan(sub, depth + 1)) return true;
      }
    }
    return false;
  };
  return scan(graph, 0);
}

/**
 * Fill `report.kvCache` and `report.totals.kvCacheBytes` from the analysis (nothing when no cache
 * is recognised). `kvCacheBytes` sums the present tensors (a lower bound, listed in
 * `totals.lowerBound`, when some of their shapes are unknown; absent when none is known).
 */
export function attachKvCache(report: ModelReport, graph: Graph, result: InferResult, options: FindKvCacheOptions = {}): KvCacheInfo | null {
  const info = findKvCache(graph, result, options);
  if (!info) return null;
  const other = peakActivationExcluding(result, new Set([...info.past, ...info.present]));
  if (!other.unknown) info.otherPeakBytes = other.bytes;
  report.kvCache = info;
  const bytes = kvCacheBytes(result, info.present);
  if (bytes) {
    report.totals.kvCacheBytes = bytes.bytes;
    if (bytes.lowerBound && !report.totals.lowerBound.includes('kvCacheBytes')) report.totals.lowerBound.push('kvCacheBytes');
  }
  return info;
}

/** Bytes of the named graph outputs at the dims analysed; null when none is known. */
export function kvCacheBytes(result: InferResult, present: readonly string[]): { bytes: number; lowerBound: boolean } | null {
  let bytes = 0;
  let known = 0;
  for (const name of present) {
    const out = result.outputs.find((o) => o.name === name);
    const b = out?.info ? infoBytes(out.info) : null;
    if (b === null) continue;
    bytes += b;
    known++;
  }
  if (present.length === 0 || known === 0) return null;
  return { bytes, lowerBound: known < present.length };
}

/**
 * optimum's merged decoders choose between a with-cache and a without-cache branch by a bool
 * input, `use_cache_branch`, that an If reads. It follows from the dims: the cache branch when
 * every past length is above 0 (a dim not given counts as `defaultDim`), the other one at a
 * prefill with an empty cache. Null when the graph has no such input.
 */
export function mergedDecoderBranch(
  graph: Graph,
  dims: Readonly<Record<string, number>>,
  defaultDim = 1,
): { input: string; value: 0 | 1; because: string } | null {
  const input = graph.inputs.find((i) => i.name === 'use_cache_branch' && i.type?.kind === 'tensor' && i.type.dtype === 'bool');
  if (!input) return null;
  if (!graph.nodes.some((n) => n.opType === 'If' && n.domain === '' && n.inputs[0] === input.name)) return null;
  const g = new GraphIndex(graph, null, lookupOp);
  const found = byStructure(g) ?? byNames(g);
  if (!found || found.pastDims.length === 0) return null;
  const values = found.pastDims.map((d) => `${quoteToken(d)}=${Object.hasOwn(dims, d) ? dims[d] : defaultDim}`);
  const empty = found.pastDims.some((d) => (Object.hasOwn(dims, d) ? dims[d] : defaultDim) === 0);
  return { input: input.name, value: empty ? 0 : 1, because: values.join(', ') };
}

// --- the graph, with sub-graphs --------------------------------------------------------------

interface Use {
  node: Node;
  slot: number;
}

/** A value being followed: its name and the axis of interest (null: not tracked), with its rank when known. */
interface Track {
  name: string;
  axis: number | null;
}

const FLOAT_TYPES = new Set(['float32', 'float16', 'bfloat16', 'float64', 'int8', 'uint8', 'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz']);

/** Consumer edges the structure search follows in all, at most (a 32-layer decoder needs a few thousand). */
const MAX_SEARCH_STEPS = 1_000_000;

class GraphIndex {
  readonly consumers = new Map<string, Use[]>();
  readonly producer = new Map<string, Node>();
  /** A sub-graph's output name -> the If / Loop output it becomes (owner node and output slot). */
  readonly subOutputs = new Map<string, { node: Node; slot: number }[]>();
  readonly topOutputs: Set<string>;
  readonly inputs: { name: string; type: ValueType | null }[];
  readonly inputNames: Set<string>;
  readonly outputs: { name: string; type: ValueType | null }[];
  private readonly infos = new Map<string, Info | null>();
  /** Edges the structure search may still follow: a hostile graph (huge fan-outs) cannot make it slow. */
  private work: number;

  constructor(
    readonly graph: Graph,
    result: InferResult | null,
    readonly lookup: Lookup,
    maxSteps = MAX_SEARCH_STEPS,
  ) {
    this.work = maxSteps;
    const inits = new Set(graph.initializers.map((t) => t.name));
    this.inputs = graph.inputs.filter((i) => !inits.has(i.name)).map((i) => ({ name: i.name, type: i.type }));
    this.inputNames = new Set(this.inputs.map((i) => i.name));
    this.outputs = graph.outputs.map((o) => ({ name: o.name, type: o.type }));
    this.topOutputs = new Set(graph.outputs.map((o) => o.name));
    for (const inp of result?.inputs ?? []) this.infos.set(inp.name, inp.info);
    for (const n of result?.nodes ?? []) {
      // Names and infos read from the record: no ValueRef per value, no joined array per node.
      const ins = n.inputNames;
      const outs = n.outputNames;
      for (let k = 0; k < ins.length + outs.length; k++) {
        const name = k < ins.length ? ins[k] : outs[k - ins.length];
        if (name && !this.infos.has(name)) this.infos.set(name, n.valueInfo(k));
      }
    }
    this.index(graph, 0);
  }

  private index(g: Graph, depth: number): void {
    if (depth > 16) return;
    for (const node of g.nodes) {
      node.inputs.forEach((name, slot) => {
        if (!name) return;
        let list = this.consumers.get(name);
        if (!list) this.consumers.set(name, (list = []));
        list.push({ node, slot });
      });
      for (const o of node.outputs) if (o) this.producer.set(o, node);
      for (const a of node.attrs.values()) {
        const subs = a.type === 'graph' ? [a.value] : a.type === 'graphs' ? a.value : [];
        for (const sub of subs) {
          // If: branch output i is the node's output i. Loop / Scan bodies carry state: not followed.
          if (node.opType === 'If' && node.domain === '') {
            sub.outputs.forEach((o, i) => {
              let list = this.subOutputs.get(o.name);
              if (!list) this.subOutputs.set(o.name, (list = []));
              list.push({ node, slot: i });
            });
          }
          this.index(sub, depth + 1);
        }
      }
    }
  }

  /** Count one step of the search; false once the budget is spent (the search then stops, finding what it has). */
  step(): boolean {
    return --this.work >= 0;
  }

  /** The inferred shape of a value (top-level values only; sub-graph values: null). */
  shape(name: string): Dim[] | null {
    const info = this.infos.get(name);
    return info && info.kind === 'tensor' ? info.shape : null;
  }

  /** Known integer values a value holds (shape / axes constants). */
  values(name: string): number[] | null {
    const info = this.infos.get(name);
    if (!info || info.kind !== 'tensor' || !info.value) return null;
    const v = info.value;
    return v.every((x): x is number => typeof x === 'number') ? v : null;
  }

  rank(name: string): number | null {
    const s = this.shape(name);
    if (s) return s.length;
    const t = this.inputs.find((i) => i.name === name)?.type;
    return t && t.kind === 'tensor' && t.shape ? t.shape.length : null;
  }

  /** Is the value made by a node from data (not a graph input, an initializer or a Constant)? */
  computed(name: string): boolean {
    const p = this.producer.get(name);
    return p !== undefined && !(p.opType === 'Constant' && p.domain === '');
  }
}

function intsAttr(node: Node, key: string): number[] | null {
  const a = node.attrs.get(key);
  if (!a) return null;
  if (a.type === 'ints') return a.value;
  if (a.type === 'int') return [a.value];
  return null;
}

function intAttr(node: Node, key: string, fallback: number): number {
  const a = node.attrs.get(key);
  return a && a.type === 'int' ? a.value : fallback;
}

const SAME_AXIS = new Set(['Identity', 'Cast', 'CastLike', 'Dropout', 'QuantizeLinear', 'DequantizeLinear', 'Slice', 'Split', 'Tile', 'Contiguous']);

/**
 * Where a view takes the tracked axis of its data input (slot 0): the outputs that carry it and
 * the axis there (null: the axis is lost, or unknown); an empty list when `node` is no view.
 */
function throughView(g: GraphIndex, node: Node, slot: number, t: Track): Track[] {
  if (node.domain !== '' && node.domain !== 'com.microsoft') return [];
  const out0 = node.outputs[0];
  if (!out0 || slot !== 0) return [];
  const a = t.axis;
  const keep = (axis: number | null): Track[] => node.outputs.filter(Boolean).map((name) => ({ name, axis }));
  if (SAME_AXIS.has(node.opType)) return node.opType === 'Split' ? keep(a) : [{ name: out0, axis: a }];
  const inRank = g.rank(t.name);
  const norm = (x: number, rank: number | null) => (x < 0 && rank !== null ? x + rank : x);
  switch (node.opType) {
    case 'Transpose': {
      const perm = intsAttr(node, 'perm') ?? (inRank !== null ? Array.from({ length: inRank }, (_, i) => inRank - 1 - i) : null);
      return [{ name: out0, axis: a === null || !perm ? null : perm.indexOf(a) }];
    }
    case 'Unsqueeze': {
      const axes = intsAttr(node, 'axes') ?? (node.inputs[1] ? g.values(node.inputs[1]) : null);
      if (!axes || inRank === null || a === null) return [{ name: out0, axis: null }];
      const outRank = inRank + axes.length;
      const inserted = new Set(axes.map((x) => norm(x, outRank)));
      let k = 0;
      for (let j = 0; j < outRank; j++) {
        if (inserted.has(j)) continue;
        if (k === a) return [{ name: out0, axis: j }];
        k++;
      }
      return [{ name: out0, axis: null }];
    }
    case 'Squeeze': {
      let axes = intsAttr(node, 'axes') ?? (node.inputs[1] ? g.values(node.inputs[1]) : null);
      const shape = g.shape(t.name);
      if (!axes && shape) axes = shape.flatMap((d, i) => (d === 1 ? [i] : []));
      if (!axes || a === null) return [{ name: out0, axis: null }];
      const removed = axes.map((x) => norm(x, inRank));
      if (removed.includes(a)) return [{ name: out0, axis: null }];
      return [{ name: out0, axis: a - removed.filter((x) => x < a).length }];
    }
    case 'Expand': {
      const outRank = g.rank(out0);
      return [{ name: out0, axis: a === null || inRank === null || outRank === null ? null : a + outRank - inRank }];
    }
    case 'Gather': {
      const axis = norm(intAttr(node, 'axis', 0), inRank);
      const idxRank = node.inputs[1] ? g.rank(node.inputs[1]) : null;
      if (a === null || a === axis || idxRank === null) return [{ name: out0, axis: null }];
      return [{ name: out0, axis: a < axis ? a : a - 1 + idxRank }];
    }
    case 'Reshape':
    case 'Flatten':
      return [{ name: out0, axis: a === null ? null : reshapedAxis(g.shape(t.name), g.shape(out0), a) }];
    default:
      return [];
  }
}

/** The axis of a reshaped tensor that holds input axis `a` whole (same size, same elements before and after it); null when none or unknown. */
function reshapedAxis(from: Dim[] | null, to: Dim[] | null, a: number): number | null {
  if (!from || !to || a >= from.length) return null;
  const nums = (s: Dim[]) => s.every((d): d is number => typeof d === 'number');
  if (!nums(from) || !nums(to)) return null;
  const prod = (s: number[], i: number, j: number) => s.slice(i, j).reduce((x, y) => x * y, 1);
  const before = prod(from, 0, a);
  const after = prod(from, a + 1, from.length);
  for (let j = 0; j < to.length; j++) {
    if (to[j] === from[a] && prod(to, 0, j) === before && prod(to, j + 1, to.length) === after) return j;
  }
  return null;
}

/** Ops that read keys / values in attention. */
const ATTENTION_OPS = new Set([
  'MatMul',
  'Einsum',
  'Gemm',
  'FusedMatMul',
  'MatMulInteger',
  'Softmax',
  'Attention',
  'MultiHeadAttention',
  'GroupQueryAttention',
  'SparseAttention',
  'PagedAttention',
  'DecoderMaskedMultiHeadAttention',
]);

/** What a value reaches through views: graph outputs, and whether attention reads it. */
function forward(g: GraphIndex, start: string): { outputs: string[]; attention: boolean } {
  const outputs: string[] = [];
  let attention = false;
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name) || seen.size > 256) continue;
    seen.add(name);
    if (g.topOutputs.has(name)) outputs.push(name);
    for (const s of g.subOutputs.get(name) ?? []) if (s.node.outputs[s.slot]) stack.push(s.node.outputs[s.slot]);
    for (const use of g.consumers.get(name) ?? []) {
      if (!g.step()) return { outputs, attention };
      const n = use.node;
      if (ATTENTION_OPS.has(n.opType)) attention = true;
      const viewed = throughView(g, n, use.slot, { name, axis: null });
      // Stacking keys and values (Concat / Unsqueeze of a layer's pair) and scaling keep the cache whole.
      const more = viewed.length ? viewed.map((v) => v.name) : ['Concat', 'Mul', 'Div'].includes(n.opType) && n.domain === '' ? n.outputs : [];
      for (const o of more) if (o) stack.push(o);
    }
  }
  return { outputs, attention };
}

/** The symbolic dims of a declared type (unnamed ones as `input[axis]`, as --dims names them). */
function declaredDims(name: string, type: ValueType | null): Dim[] | null {
  if (!type || type.kind !== 'tensor' || !type.shape) return null;
  return type.shape.map((d, i) => (d === null ? `${name}[${i}]` : d));
}

function isCacheTensor(type: ValueType | null): boolean {
  return !!type && type.kind === 'tensor' && (type.dtype === null || FLOAT_TYPES.has(type.dtype)) && (type.shape === null || type.shape.length >= 3);
}

function byStructure(g: GraphIndex): KvCacheInfo | null {
  const past: string[] = [];
  const present = new Set<string>();
  const pastDims = new Set<string>();
  const bySlots: string[] = [];
  for (const inp of g.inputs) {
    if (!isCacheTensor(inp.type)) continue;
    const dims = declaredDims(inp.name, inp.type);
    if (!dims) continue;
    let hit = false;
    dims.forEach((d, axis) => {
      if (typeof d !== 'string') return;
      const r = concatsFrom(g, { name: inp.name, axis });
      if (r === null) return;
      hit = true;
      pastDims.add(d);
      for (const o of r) present.add(o);
    });
    if (hit) past.push(inp.name);
  }
  // Operators that carry the cache themselves.
  for (const [name, uses] of g.consumers) {
    for (const { node, slot } of uses) {
      const slots = g.lookup(node.domain, node.opType)?.cacheSlots;
      if (!slots || !slots.past.includes(slot)) continue;
      if (!g.step()) break;
      const source = backToInput(g, name);
      if (source && !past.includes(source)) {
        past.push(source);
        bySlots.push(source);
      }
    }
  }
  // Their sequence axis, with every cache input known (each one's symbols are not "elsewhere").
  if (bySlots.length) for (const d of sequenceDims(g, past)) pastDims.add(d);
  for (const node of allNodes(g)) {
    const slots = g.lookup(node.domain, node.opType)?.cacheSlots;
    if (!slots) continue;
    for (const s of slots.present) if (node.outputs[s]) for (const o of forward(g, node.outputs[s]).outputs) present.add(o);
  }
  if (past.length === 0 && present.size === 0) return null;
  return finish(g, past, [...present], 'structure', [...pastDims]);
}

function* allNodes(g: GraphIndex): Generator<Node> {
  const seen = new Set<Node>();
  for (const uses of g.consumers.values()) {
    for (const u of uses) {
      if (seen.has(u.node)) continue;
      seen.add(u.node);
      yield u.node;
    }
  }
}

/** The graph input a value comes from through views (data slot 0), or null. */
function backToInput(g: GraphIndex, name: string): string | null {
  let cur = name;
  for (let i = 0; i < 64; i++) {
    if (g.inputNames.has(cur)) return cur;
    const p = g.producer.get(cur);
    if (!p || !p.inputs[0] || throughView(g, p, 0, { name: p.inputs[0], axis: null }).length === 0) return null;
    cur = p.inputs[0];
  }
  return null;
}

/**
 * From a past input's axis, through views, to a Concat along that axis with a computed operand
 * whose result attention reads or the graph returns: the graph outputs it reaches (none when only
 * attention reads it). Null when there is no such Concat.
 */
function concatsFrom(g: GraphIndex, start: Track): string[] | null {
  const outs: string[] = [];
  let found = false;
  const seen = new Set<string>();
  const stack: Track[] = [start];
  while (stack.length) {
    const t = stack.pop()!;
    const key = `${t.name}\u0000${String(t.axis)}`;
    if (seen.has(key) || seen.size > 256 || t.axis === null) continue;
    seen.add(key);
    for (const { node, slot } of g.consumers.get(t.name) ?? []) {
      if (!g.step()) return found ? outs : null;
      if (node.opType === 'Concat' && node.domain === '' && node.outputs[0]) {
        const rank = g.rank(t.name);
        let axis = intAttr(node, 'axis', 0);
        if (axis < 0 && rank !== null) axis += rank;
        const others = node.inputs.filter((x, i) => i !== slot && x !== '');
        if (axis === t.axis && others.some((o) => g.computed(o))) {
          const f = forward(g, node.outputs[0]);
          if (f.attention || f.outputs.length) {
            found = true;
            outs.push(...f.outputs);
          }
        }
        continue;
      }
      for (const next of throughView(g, node, slot, t)) stack.push(next);
    }
  }
  return found ? outs : null;
}

// --- names ------------------------------------------------------------------------------------

/** Words a cache tensor's name may hold besides its role and layer numbers. */
const CACHE_WORDS = new Set([
  'key',
  'keys',
  'value',
  'values',
  'k',
  'v',
  'kv',
  'self',
  'cross',
  'decoder',
  'encoder',
  'cache',
  'cached',
  'layer',
  'layers',
  'attn',
  'out',
  'in',
]);

/** Does `name` read as a cache tensor (an input: the past; an output: the present)? */
function nameRole(name: string, isInput: boolean): boolean {
  const words = name
    .toLowerCase()
    .split(/[._/:-]+/)
    .filter(Boolean);
  if (words.length === 0) return false;
  const [head, ...rest] = words;
  if (!rest.every((w) => CACHE_WORDS.has(w) || /^(?:k|v|key|value|layer)?\d+$/.test(w))) return false;
  if (words.includes('cache')) return true;
  return isInput ? /^past\d*$/.test(head) || head === 'pkv' : /^present\d*$/.test(head);
}

function byNames(g: GraphIndex): KvCacheInfo | null {
  const past = g.inputs.filter((i) => isCacheTensor(i.type) && nameRole(i.name, true)).map((i) => i.name);
  const present = g.outputs.filter((o) => isCacheTensor(o.type) && nameRole(o.name, false)).map((o) => o.name);
  if (past.length === 0 && present.length === 0) return null;
  return finish(g, past, present, 'names', sequenceDims(g, past));
}

/**
 * The sequence axis' symbols of past inputs found without following a Concat: the symbols of
 * their declared shapes that no other input uses (batch does; the past length does not),
 * preferring the second-to-last axis (the [.., sequence, head_dim] layout) when several remain.
 */
function sequenceDims(g: GraphIndex, past: readonly string[]): string[] {
  const cache = new Set(past);
  const elsewhere = new Set<string>();
  for (const i of g.inputs) {
    if (cache.has(i.name)) continue;
    for (const d of declaredDims(i.name, i.type) ?? []) if (typeof d === 'string') elsewhere.add(d);
  }
  const out = new Set<string>();
  for (const name of past) {
    const dims = declaredDims(name, g.inputs.find((i) => i.name === name)?.type ?? null);
    if (!dims) continue;
    const candidates = dims.map((d, axis) => ({ d, axis })).filter((x): x is { d: string; axis: number } => typeof x.d === 'string' && !elsewhere.has(x.d));
    const preferred = candidates.find((c) => c.axis === dims.length - 2);
    for (const c of preferred ? [preferred] : candidates) out.add(c.d);
  }
  return [...out];
}

function finish(g: GraphIndex, past: string[], present: string[], found: KvCacheInfo['found'], pastDims: string[]): KvCacheInfo {
  const inOrder = (names: Iterable<string>, order: readonly { name: string }[]) => {
    const set = new Set(names);
    return order.filter((x) => set.has(x.name)).map((x) => x.name);
  };
  return { past: inOrder(past, g.inputs), present: inOrder(present, g.outputs), found, pastDims };
}

// --- override ---------------------------------------------------------------------------------

/** A name or a glob (`*` any run of characters, `?` one) as a matcher (no regular expression: a hostile pattern stays linear-ish). */
export function nameMatcher(pattern: string): (name: string) => boolean {
  if (!/[*?]/.test(pattern)) return (name) => name === pattern;
  return (name) => globMatch(pattern, name);
}

function fromOverride(g: GraphIndex, o: KvCacheOverride, file: string): KvCacheInfo {
  const pick = (patterns: readonly string[] | undefined, pool: readonly { name: string }[], role: 'past' | 'present'): string[] | null => {
    if (!patterns) return null;
    const chosen = new Set<string>();
    patterns.forEach((p, index) => {
      const match = nameMatcher(p);
      const hits = pool.filter((x) => match(x.name));
      if (hits.length === 0) {
        const what = role === 'past' ? 'graph input' : 'graph output';
        throw new KvCacheConfigError(file, `kv-cache ${role} ${quoteToken(p)} matches no ${what} of the model`, role, index);
      }
      for (const h of hits) chosen.add(h.name);
    });
    return [...chosen];
  };
  const past = pick(o.past, g.inputs, 'past');
  const present = pick(o.present, g.outputs, 'present');
  // A side not given is what the graph shows, when it shows one.
  const detected = past && present ? null : (byStructure(g) ?? byNames(g));
  const p = past ?? detected?.past ?? [];
  const dims = detected && !past ? detected.pastDims : sequenceDims(g, p);
  return finish(g, p, present ?? detected?.present ?? [], 'config', dims);
}

/**
 * The inference driver: binds symbolic dims, orders the graph, runs each operator's shape and
 * cost rule, recurses into sub-graphs, and records per-node results. Pure: no I/O.
 */
import type { Attr, Dim, Graph, Model, Node, Shape, SparseTensorData, TensorData, ValueType } from '../graph/model.js';
import { infoFromType, tensor, type Info, type TensorInfo } from '../graph/info.js';
import { byteSize, isNumeric } from '../graph/dtype.js';
import { numel, shapeToString } from '../graph/shape.js';
import { lookupOp } from '../ops/registry.js';
import type { OpCost, OpDef, SubgraphResult } from '../ops/types.js';
import type { OpClass } from '../devices/op-class.js';
import { readTensorValues } from '../formats/onnx/tensor-values.js';
import { applyOp } from './apply.js';
import { expandFunctions, type ExpansionResult } from './functions.js';
import { GraphError } from './errors.js';
import { UserError } from '../errors.js';
import {
  checkedAdd,
  checkedElements,
  checkInfo,
  checkTensorData,
  dimProblem,
  fmt,
  MAX_COUNT,
  MAX_GRAPH_DEPTH,
  MAX_NODE_VISITS,
  MAX_PARAMS,
  MAX_SUBGRAPH_RUNS,
  MAX_UNROLLED_ITERATIONS,
  MAX_WEIGHT_BYTES,
} from './limits.js';
import { quoteToken } from '../util/sanitize.js';

export interface InferOptions {
  /** Values for symbolic dims (`batch`, `sequence`, or `input[axis]` for unnamed ones). */
  dims?: Record<string, number>;
  /** Value for dims not given (default 1); null leaves them symbolic. */
  defaultDim?: number | null;
  /**
   * Use the shapes the file declares (value_info, graph outputs) where inference knows less.
   * Off for conformance runs, which measure inference alone.
   */
  useDeclaredShapes?: boolean;
  /** Node evaluations allowed (sub-graph runs and unrolled iterations included); default 10^7. */
  maxNodeVisits?: number;
  /**
   * When some node's shapes stay unknown, run inference a second time with data-dependent sizes
   * (NonZero, Compress, Unique, TopK, NonMaxSuppression) at their static maximum: the result
   * (`upper`) gives upper bounds for what the first run could only give lower bounds of.
   */
  upperBounds?: boolean;
  /**
   * Values some graph inputs are known to hold (a merged decoder's `use_cache_branch`, set from
   * the dims: src/analysis/kv-cache.ts), so the rules see them as constants; by input name.
   */
  inputValues?: Record<string, number[]>;
  /** The model's functions inlined (src/analysis/functions.ts), when the caller already has them: not done again. */
  expanded?: ExpansionResult;
  /**
   * Reuse a rule's result for a node that repeats an earlier one exactly (see `ruleMemo` in
   * inferRun); default true. Off only to check that reuse changes nothing.
   */
  reuseRules?: boolean;
}

/** The second, upper-bound run: its nodes line up one to one with the first run's. */
export interface UpperRun {
  result: InferResult;
  /** The largest value a dim of that run can take (a number, or a data-dependent dim's maximum); null: unknown. */
  maxOf: (d: Dim) => number | null;
}

/** A node's cost and bytes with every data-dependent size at its maximum. */
export interface NodeUpper {
  cost: OpCost;
  bytesRead: number;
  bytesWritten: number;
}

export interface ValueRef {
  name: string;
  info: Info | null;
}

export interface NodeResult {
  name: string;
  opType: string;
  domain: string;
  inputs: ValueRef[];
  outputs: ValueRef[];
  /** Null when a shape the cost rule needs is unknown. */
  cost: OpCost | null;
  /** False for an operator with no rule (custom / unknown): its cost is an elementwise estimate. */
  supported: boolean;
  /** The kernel class the roofline uses; 'elementwise' for an operator with no rule (its fallback). */
  opClass: OpClass;
  /** Weights first consumed by this node: elements and bytes. */
  params: number;
  weightBytes: number;
  /** Bytes of all inputs (weights included) and of all outputs; null when a shape is unknown. */
  bytesRead: number | null;
  bytesWritten: number | null;
  /** Upper-bound runs only: the node's figures at the maximum of its data-dependent sizes. */
  upper?: NodeUpper;
  /** The graph node's input and output names ('' for an omitted one): `inputs` / `outputs` without a ValueRef per value. */
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** The info of value k: the inputs' first, then the outputs' (as `inputs[k].info`, `outputs[k - inputNames.length].info`). */
  valueInfo(k: number): Info | null;
}

/**
 * A node's result as the run records it. Its name, op and domain are the graph node's; its
 * inputs and outputs are made when read, from the graph node's names and the run's one array of
 * infos: a graph of 10^5 nodes keeps no object per value and no array per node.
 */
class NodeRecord implements NodeResult {
  bytesRead: number | null = null;
  bytesWritten: number | null = null;
  declare upper?: NodeUpper;
  readonly #node: Node;
  /** The run's infos; this node's inputs' from `#at`, then its outputs'. */
  readonly #infos: (Info | null)[];
  readonly #at: number;

  constructor(
    node: Node,
    infos: (Info | null)[],
    at: number,
    public cost: OpCost | null,
    public supported: boolean,
    public opClass: OpClass,
    public params: number,
    public weightBytes: number,
  ) {
    this.#node = node;
    this.#infos = infos;
    this.#at = at;
  }

  get name(): string {
    return this.#node.name;
  }

  get opType(): string {
    return this.#node.opType;
  }

  get domain(): string {
    return this.#node.domain;
  }

  get inputNames(): readonly string[] {
    return this.#node.inputs;
  }

  get outputNames(): readonly string[] {
    return this.#node.outputs;
  }

  valueInfo(k: number): Info | null {
    return this.#infos[this.#at + k];
  }

  get inputs(): ValueRef[] {
    return this.#refs(this.#node.inputs, this.#at);
  }

  get outputs(): ValueRef[] {
    return this.#refs(this.#node.outputs, this.#at + this.#node.inputs.length);
  }

  #refs(names: readonly string[], from: number): ValueRef[] {
    const out = new Array<ValueRef>(names.length);
    for (let i = 0; i < names.length; i++) out[i] = { name: names[i], info: this.#infos[from + i] };
    return out;
  }
}

export interface Warning {
  /** Node name, or '' for the model. */
  node: string;
  message: string;
}

export interface InferResult {
  opset: number;
  opsetImports: Map<string, number>;
  /** Every symbol bound, with its value. */
  dims: Record<string, number>;
  /** Symbols that were not given and took the default. */
  defaultedDims: string[];
  /**
   * The model's symbolic dims: those of the graph inputs (named, or `input[axis]` for unnamed
   * ones) and the names the graph outputs use. The names `dims` may bind.
   */
  symbols: string[];
  /** The upper-bound run, when `upperBounds` was asked for and some node is incomplete. */
  upper?: UpperRun;
  inputs: { name: string; declared: ValueType | null; info: Info | null }[];
  outputs: ValueRef[];
  nodes: NodeResult[];
  warnings: Warning[];
  /** Weight tensors: name -> {elements, bytes, dtype}; each counted once. */
  weights: Map<string, { elements: number; bytes: number }>;
  /** The top-level graph's values as slots, one per name (liveness reads these, not names). */
  slots: ValueSlots;
}

/**
 * Every value of the top-level graph as a slot number, one per name (graph inputs, initializers,
 * node outputs): what the peak of live activations is found from without a table by name.
 */
export interface ValueSlots {
  /** Slots numbered 0 .. count - 1. */
  count: number;
  /** Node after node, each node's inputs then outputs (as NodeResult.valueInfo): the slot, or -1 for an omitted one. */
  values: Int32Array;
  /** Of InferResult.inputs, in order. */
  inputs: Int32Array;
  /** Of InferResult.outputs, in order (-1 for a name the graph lacks). */
  outputs: Int32Array;
}

/** Is `t` something a weight count includes: numeric, non-index data (int32: see INT32_WEIGHTS). */
function isWeightDtype(t: { dtype: TensorData['dtype'] }): boolean {
  return isNumeric(t.dtype) && t.dtype !== 'int64' && t.dtype !== 'uint64';
}

/**
 * int32 tensors are usually indices or shapes, but quantized models store biases as int32:
 * those count where a quantized op (or the DequantizeLinear of a QDQ model) reads them.
 */
const INT32_WEIGHTS = new Map<string, number[]>([
  [':QLinearConv', [8]],
  ['com.microsoft:QLinearConv', [8]],
  ['com.microsoft:QGemm', [6]],
  [':DequantizeLinear', [0]],
  ['com.microsoft:DequantizeLinear', [0]],
]);

/**
 * Weights packed several to a byte in a uint8 tensor: the params are the weight values, the bytes
 * stay as stored. MatMulNBits stores `bits`-bit weights (default 4) as [N, k_blocks, blob], the
 * last block padded when K is not a multiple of block_size: its params are K x N (its
 * attributes). MatMulBnb4 stores 4-bit ones, two to a byte. Their quantization metadata
 * (MatMulNBits scales and zero points, MatMulBnb4 absmax) counts in the weight bytes but not in
 * the params, so a 4-bit model has the params of its float original.
 */
function packedParams(node: Node, input: number, elements: number): number {
  if (node.domain !== 'com.microsoft') return elements;
  if (node.opType === 'MatMulNBits') {
    if (input === 2 || input === 3) return 0;
    if (input !== 1) return elements;
    const int = (name: string): number | undefined => {
      const a = node.attrs.get(name);
      return a && a.type === 'int' ? a.value : undefined;
    };
    const bits = int('bits') ?? 4;
    if (!(bits > 0 && bits < 8)) return elements;
    const unpacked = Math.floor((elements * 8) / bits);
    const [k, n, block] = [int('K'), int('N'), int('block_size')];
    // K x N when the attributes agree with what is stored, else the stored count unpacked.
    const agrees = k !== undefined && n !== undefined && block !== undefined && k > 0 && n > 0 && block > 0 && Math.ceil(k / block) * block * n === unpacked;
    return agrees ? k * n : unpacked;
  }
  if (node.opType === 'MatMulBnb4') return input === 1 ? elements * 2 : input === 2 ? 0 : elements;
  return elements;
}

function readsAsWeight(node: Node, input: number, dtype: TensorData['dtype']): boolean {
  if (dtype !== 'int32') return true;
  if (INT32_WEIGHTS.get(`${node.domain}:${node.opType}`)?.includes(input)) return true;
  return lookupOp(node.domain, node.opType)?.int32Weights?.includes(input) ?? false;
}

/** Tracked values of at most this many elements are pooled with their tensor's info. */
const POOLED_VALUE = 16;

/** Rule lookups before reuse is judged: under one in four found, it stops for the run. */
const MEMO_TRIAL = 4096;
/** Distinct rule results kept for reuse at most (the rest run their rules every time). */
const MEMO_MAX_ENTRIES = 1 << 15;

/** A number as a memo key writes it (-0 apart from 0: a rule may tell them apart). */
function numKey(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/**
 * A graph's values by name, each name one slot (its info in `infos`), made when the name is first
 * set: graph inputs, initializers, then the nodes' outputs as they run. A name the graph does
 * not have (yet) is looked up in the enclosing scopes.
 */
class Scope {
  readonly slots = new Map<string, number>();
  readonly infos: (Info | null)[] = [];
  constructor(readonly parent: Scope | null) {}

  has(name: string): boolean {
    return this.slots.has(name) || (this.parent?.has(name) ?? false);
  }

  get(name: string): Info | null | undefined {
    const k = this.slots.get(name);
    if (k !== undefined) return this.infos[k];
    return this.parent?.get(name);
  }

  /** Set a name's info; returns its slot (the one it had when set before). */
  set(name: string, info: Info | null): number {
    let k = this.slots.get(name);
    if (k === undefined) {
      k = this.infos.length;
      this.slots.set(name, k);
      this.infos.push(info);
    } else this.infos[k] = info;
    return k;
  }
}

/**
 * A run over the graphs in file order met a node before one of its inputs, or a name produced
 * twice: the run starts again in topological order (src/analysis/infer.ts inferRun). Passes
 * through the rules' error handling as a GraphError does; never reaches the caller.
 */
class NotInFileOrder extends GraphError {
  constructor() {
    super('the graph is not in file order');
  }
}

export function inferModel(model: Model, options: InferOptions = {}): InferResult {
  // Once for both runs (the graph is read, never changed, by a run).
  const expanded = options.expanded ?? expandFunctions(model.graph, model.functions);
  const first = inferRun(model, options, null, expanded);
  if (options.upperBounds && first.nodes.some(incomplete)) {
    const bounds = new BoundDims();
    let result: InferResult | null = null;
    try {
      result = inferRun(model, options, bounds, expanded);
    } catch (e) {
      // At the maxima a figure may pass a ceiling or a work budget: then there is no upper bound
      // to claim, and the lower bounds stand.
      if (!(e instanceof UserError)) throw e;
    }
    if (result && result.nodes.length === first.nodes.length) first.upper = { result, maxOf: (d) => bounds.maxOf(d) };
  }
  return first;
}

function incomplete(n: NodeResult): boolean {
  return !n.cost || n.bytesRead === null || n.bytesWritten === null;
}

/**
 * Data-dependent sizes of an upper-bound run: each is a fresh symbol (so shape rules carry it
 * like any symbolic dim, exactly) with a known maximum. The prefix keeps them apart from names
 * a model can use.
 */
class BoundDims {
  private readonly max = new Map<string, number>();
  maxOf(d: Dim): number | null {
    if (typeof d === 'number') return d;
    return d === null ? null : (this.max.get(d) ?? null);
  }
  upTo(dims: readonly Dim[]): Dim {
    let m = 1;
    for (const d of dims) {
      const v = this.maxOf(d);
      if (v === null) return null;
      m *= v;
    }
    const sym = `\u0000upto${this.max.size}`;
    this.max.set(sym, m);
    return sym;
  }
  /** `info` with every data-dependent dim (in shapes and tracked values) at its maximum; null when a dim stays unknown. */
  resolve(info: Info | null | undefined): Info | null | undefined {
    if (!info) return info;
    if (info.kind === 'tensor') {
      if (!info.shape) return null;
      const shape = info.shape.map((d) => this.maxOf(d));
      if (shape.some((d) => d === null)) return null;
      const out: TensorInfo = { kind: 'tensor', dtype: info.dtype, shape };
      if (info.value) out.value = info.value.map((v) => (typeof v === 'string' && this.max.has(v) ? this.max.get(v)! : v));
      return out;
    }
    if (info.kind === 'optional') {
      if (!info.elem) return info;
      const elem = this.resolve(info.elem);
      return elem ? { ...info, elem } : null;
    }
    if (info.kind === 'sequence' && info.items) {
      const items = info.items.map((t) => this.resolve(t));
      return items.every((t) => t && t.kind === 'tensor') ? { ...info, items: items as TensorInfo[] } : null;
    }
    return null;
  }
}

/** What a rule infers again at the maxima (`again`) agrees with the run's outputs at their maxima: equal where it knows a dim. */
function compatible(again: Info | null | undefined, atMax: Info | null | undefined): boolean {
  if (!again) return true;
  if (!atMax) return false;
  if (again.kind !== 'tensor' || atMax.kind !== 'tensor') return again.kind === atMax.kind;
  if (!again.shape) return true;
  if (!atMax.shape || again.shape.length !== atMax.shape.length) return false;
  return again.shape.every((d, i) => d === null || d === atMax.shape![i]);
}

function hasSubgraphs(node: Node): boolean {
  for (const a of node.attrs.values()) if (a.type === 'graph' || a.type === 'graphs') return true;
  return false;
}

/**
 * One run: in the files' own order first (as files are meant to be, every graph's nodes after
 * their inputs and each name produced once), checked as the nodes run; a graph that is not
 * starts the run again with every graph in topological order (the same order where the file's
 * is valid: topoOrder keeps file order among ready nodes).
 */
function inferRun(model: Model, options: InferOptions, bounds: BoundDims | null, expanded: ExpansionResult): InferResult {
  try {
    return inferRunOrdered(model, options, bounds, expanded, true);
  } catch (e) {
    if (!(e instanceof NotInFileOrder)) throw e;
    return inferRunOrdered(model, options, bounds, expanded, false);
  }
}

function inferRunOrdered(model: Model, options: InferOptions, bounds: BoundDims | null, expanded: ExpansionResult, fileOrder: boolean): InferResult {
  const useDeclared = options.useDeclaredShapes ?? true;
  const tflite = model.format.format === 'tflite';
  const defaultDim = options.defaultDim === undefined ? 1 : options.defaultDim;
  const given = options.dims ?? {};
  const warnings: Warning[] = [];
  const { graph, usedFunctions } = expanded;

  const opsetImports = new Map(model.opsetImports);
  for (const f of usedFunctions) for (const [d, v] of f.opsetImports) if (!opsetImports.has(d)) opsetImports.set(d, v);
  if (!opsetImports.has('')) opsetImports.set('', 1);
  const opsetOf = (domain: string): number => opsetImports.get(domain) ?? 1;

  // --- dims ---------------------------------------------------------------------------------
  const initNames = new Set(graph.initializers.map((t) => t.name));
  const realInputs = graph.inputs.filter((i) => !initNames.has(i.name));
  // Names come from the file: a null-prototype table, so `__proto__` or `constructor` is a name like any other.
  const dims: Record<string, number> = Object.create(null) as Record<string, number>;
  const defaulted: string[] = [];
  const symbols = new Set<string>();
  for (const [k, v] of Object.entries(given)) {
    const p = dimProblem(v);
    if (p) throw new GraphError(`dim ${quoteToken(k)} is given ${p}`);
    dims[k] = v;
  }
  // TFLite: an input a SignatureDef names (src/formats/tflite) also answers to `<signature name>[axis]`.
  const aliasOf = new Map<string, string>();
  if (model.format.format === 'tflite')
    for (const [k, v] of model.metadata) if (k.startsWith('tflite.signature_input.')) aliasOf.set(v, k.slice('tflite.signature_input.'.length));
  const bindShape = (shape: Shape, owner: string): Shape => {
    if (!shape) return shape;
    return shape.map((d, axis) => {
      if (typeof d !== 'number') symbols.add(d ?? `${owner}[${axis}]`);
      const alias = d === null && aliasOf.has(owner) ? `${aliasOf.get(owner)!}[${axis}]` : null;
      if (alias !== null) symbols.add(alias);
      if (alias !== null && alias in dims && !(`${owner}[${axis}]` in dims)) dims[`${owner}[${axis}]`] = dims[alias];
      if (typeof d === 'number') {
        const p = dimProblem(d);
        if (p) throw new GraphError(`input ${quoteToken(owner)} has ${p} at axis ${axis}`);
        return d;
      }
      const sym = d ?? `${owner}[${axis}]`;
      if (sym in dims) return dims[sym];
      if (defaultDim === null) return sym;
      dims[sym] = defaultDim;
      defaulted.push(sym);
      return defaultDim;
    });
  };
  const boundType = (t: ValueType | null, owner: string): ValueType | null => {
    if (!t) return t;
    if (t.kind === 'tensor' || t.kind === 'sparse') return { ...t, shape: bindShape(t.shape, owner) };
    if (t.kind === 'sequence' || t.kind === 'optional') return { ...t, elem: boundType(t.elem, owner) };
    return t;
  };

  const inputs = realInputs.map((vi) => ({ name: vi.name, declared: vi.type, info: infoFromType(boundType(vi.type, vi.name)) }));
  for (const inp of inputs) {
    const values = options.inputValues && Object.hasOwn(options.inputValues, inp.name) ? options.inputValues[inp.name] : undefined;
    const info = inp.info;
    if (values && info?.kind === 'tensor' && numel(info.shape) === values.length) inp.info = { ...info, value: [...values] };
  }
  const outputSymbols = (t: ValueType | null): void => {
    if (!t) return;
    if ((t.kind === 'tensor' || t.kind === 'sparse') && t.shape) for (const d of t.shape) if (typeof d === 'string') symbols.add(d);
    if (t.kind === 'sequence' || t.kind === 'optional') outputSymbols(t.elem);
  };
  for (const o of graph.outputs) outputSymbols(o.type);
  for (const inp of inputs) {
    const n = inp.info && inp.info.kind === 'tensor' ? numel(inp.info.shape) : null;
    if (n !== null && n > 2 ** 48) throw new GraphError(`input '${inp.name}' has an absurd size (${n} elements)`);
  }
  // Symbols that appear only in declared value_info / outputs resolve to the bound values too.
  const symbolsOnly = (shape: Shape): Shape => shape && shape.map((d) => (typeof d === 'string' && d in dims ? dims[d] : d));
  const declaredInfo = (t: ValueType | null): Info | null => {
    const bound = (x: ValueType | null): ValueType | null => {
      if (!x) return x;
      if (x.kind === 'tensor' || x.kind === 'sparse') return { ...x, shape: symbolsOnly(x.shape) };
      if (x.kind === 'sequence' || x.kind === 'optional') return { ...x, elem: bound(x.elem) };
      return x;
    };
    return infoFromType(bound(t));
  };

  // --- weights ---------------------------------------------------------------------------------
  const weights = new Map<string, { elements: number; bytes: number }>();
  const weightCandidates = new Map<string, { elements: number; bytes: number }>();
  // The top-level graph's nodes are recorded, each once: the arrays are made at their size (grown
  // by push, a graph of 10^5 nodes would leave their every smaller copy behind).
  const nodes = new Array<NodeResult>(graph.nodes.length);
  let recorded = 0;
  // The infos of every recorded node's inputs and outputs, node after node (see NodeRecord).
  let valueCount = 0;
  for (const n of graph.nodes) valueCount += n.inputs.length + n.outputs.length;
  const recordedInfos = new Array<Info | null>(valueCount);
  const recordedSlots = new Int32Array(valueCount);
  let infoCount = 0;
  // Work done so far: every node run, in every sub-graph and unrolled iteration.
  let visits = 0;
  const maxVisits = options.maxNodeVisits ?? MAX_NODE_VISITS;
  // Nested loops unroll multiplicatively (64 x 64 x ...): a model-wide budget, then summaries.
  let subgraphRuns = 0;
  let unrollLeft = MAX_UNROLLED_ITERATIONS;
  const tryUnroll = (iterations: number): boolean => {
    if (iterations > unrollLeft) return false;
    unrollLeft -= iterations;
    return true;
  };
  // A tensor of a fully known shape, and a tracked value (if any) of a few known numbers, one
  // object for all alike: a big graph has a few distinct ones for 10^5 outputs (its shape
  // sub-graphs compute the same small values again and again). Infos are never changed once inferred.
  const infoPool = new Map<string, TensorInfo>();
  const shared = (info: Info | null): Info | null => {
    if (!info || info.kind !== 'tensor' || !info.shape || info.dtype === null) return info;
    const known = pooledOf.get(info);
    if (known) return known;
    let key: string = info.dtype;
    for (const d of info.shape) {
      if (typeof d !== 'number') return info;
      key += `,${d}`;
    }
    if (info.value) {
      if (info.value.length > POOLED_VALUE) return info;
      key += '|';
      for (const v of info.value) {
        if (typeof v !== 'number' || Object.is(v, -0)) return info;
        key += `${v},`;
      }
    }
    let pooled = infoPool.get(key);
    if (!pooled) {
      infoPool.set(key, (pooled = info));
      recurring(info);
      pooledOf.set(info, info);
    }
    // A reused rule's outputs come back for every node that repeats it: their pooled infos kept.
    if (memoOutputs.has(info)) pooledOf.set(info, pooled);
    return pooled;
  };
  // Pooled infos (each its own) and reused outputs, with the pooled info each stands for.
  const pooledOf = new Map<Info, TensorInfo>();
  const memoOutputs = new Set<Info>();

  // --- rule reuse ------------------------------------------------------------------------------
  // A rule's result depends only on the node's operator, opset, attributes, which inputs and
  // outputs it has and its inputs' infos (rules read nothing else of the node but its name and
  // type for messages, and a thrown error is not kept). Infos that recur (pooled ones,
  // initializers', graph inputs') have numbers; a node whose present inputs all have one, and
  // whose attributes are plain numbers and strings, is looked up by those: a graph of repeated
  // blocks (every layer of a transformer, every chain here) runs each rule once per distinct
  // node. Not in an upper-bound run (its rules make a fresh dim per node).
  const infoIds = new Map<Info, number>();
  const recurring = (info: Info | null): void => {
    if (info && !infoIds.has(info)) infoIds.set(info, infoIds.size);
  };
  interface Reused {
    outputs: (Info | null)[];
    cost: OpCost | null;
    opClass: OpClass;
    warnings: string[];
  }
  // The results kept, as a tree per operator: a node's path is its opset, which of its outputs it
  // has, its attributes' text, then each input's number (-1 an omitted input, -2 one not known).
  // Numbers and kept strings as keys: no key string made per node.
  interface MemoLevel {
    next: Map<number | string, MemoLevel> | null;
    hit: Reused | null;
  }
  let ruleMemo: Map<OpDef, MemoLevel> | null = bounds || options.reuseRules === false ? null : new Map();
  let memoLookups = 0;
  let memoHits = 0;
  let memoEntries = 0;
  // Where a node that is not kept (yet) would be, when no place is made for it.
  const NOWHERE: MemoLevel = { next: null, hit: null };
  const memoStep = (level: MemoLevel, k: number | string, create: boolean): MemoLevel => {
    let n = level.next?.get(k);
    if (n === undefined) {
      if (!create) return NOWHERE;
      (level.next ??= new Map()).set(k, (n = { next: null, hit: null }));
    }
    return n;
  };
  /** The node's place in the tree (made when `create`, else NOWHERE when there is none), or null for a node never kept. */
  const memoPlace = (
    memo: Map<OpDef, MemoLevel>,
    def: OpDef,
    node: Node,
    inputsInfo: readonly (Info | undefined)[],
    opset: number,
    create: boolean,
  ): MemoLevel | null => {
    const outputs = node.outputs;
    if (outputs.length > 24) return null;
    let outCode = outputs.length * 2 ** 24;
    for (let i = 0; i < outputs.length; i++) if (outputs[i] === '') outCode += 2 ** i;
    let attrs = '';
    if (node.attrs.size > 0) {
      // Nodes alike often share one attribute map (the decoder's attribute sets): its text made once.
      let text = attrKeys.get(node.attrs);
      if (text === undefined) {
        text = attrsKey(node.attrs);
        if (attrKeys.size < MEMO_MAX_ENTRIES) attrKeys.set(node.attrs, text);
      }
      if (text === null) return null;
      attrs = text;
    }
    // The inputs' codes first: a node with an input of no number is never kept.
    const n = node.inputs.length;
    if (memoCodes.length < n) memoCodes = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      if (node.inputs[i] === '') memoCodes[i] = -1;
      else {
        const v = inputsInfo[i];
        if (v === undefined) memoCodes[i] = -2;
        else {
          const id = infoIds.get(v);
          if (id === undefined) return null;
          memoCodes[i] = id;
        }
      }
    }
    let level = memo.get(def);
    if (!level) {
      if (!create) return NOWHERE;
      memo.set(def, (level = { next: null, hit: null }));
    }
    let at = memoStep(memoStep(memoStep(level, opset, create), outCode, create), attrs, create);
    for (let i = 0; i < n; i++) at = memoStep(at, memoCodes[i], create);
    return at;
  };
  let memoCodes = new Int32Array(16);
  const attrKeys = new Map<ReadonlyMap<string, Attr>, string | null>();
  const attrsKey = (attrs: ReadonlyMap<string, Attr>): string | null => {
    let key = '';
    for (const [name, a] of attrs) {
      key += `${name.length}:${name}=`;
      switch (a.type) {
        case 'int':
        case 'float':
          key += `${a.type[0]}${numKey(a.value)};`;
          break;
        case 'ints':
        case 'floats':
          key += `${a.type[0]}[`;
          for (const v of a.value) key += `${numKey(v)},`;
          key += '];';
          break;
        case 'string':
        case 'strings':
          key += `${a.type[0]}${JSON.stringify(a.value)};`;
          break;
        default:
          return null; // tensors, graphs, types, references: not reused
      }
    }
    return key;
  };
  // Weights first read while running the current top-level node (its sub-graphs included).
  let pendingParams = 0;
  let pendingBytes = 0;

  const runGraph = (g: Graph, scope: Scope, record: NodeResult[] | null, path: string, depth: number): SubgraphResult => {
    if (depth > MAX_GRAPH_DEPTH) throw new GraphError(`sub-graphs are nested more than ${MAX_GRAPH_DEPTH} deep`);
    for (const t of g.initializers) {
      const elements = checkTensorData(t, `initializer ${quoteToken(path + t.name)}`);
      const info = initializerInfo(t);
      scope.set(t.name, info);
      recurring(info);
      // A variable (TFLite LSTM / SVDF state) has a known shape but holds no weights.
      if (t.dtype && isWeightDtype(t) && !t.variable) weightCandidates.set(t.name, { elements, bytes: byteSize(t.dtype, elements) });
    }
    for (const sp of g.sparseInitializers) {
      checkSparse(sp, `sparse initializer ${quoteToken(path + sp.name)}`);
      scope.set(sp.name, tensor(sp.values.dtype, [...sp.dims]));
      const elements = checkedElements(sp.values.dims, `sparse initializer ${quoteToken(path + sp.name)}`);
      if (sp.values.dtype && isWeightDtype(sp.values)) weightCandidates.set(sp.name, { elements, bytes: byteSize(sp.values.dtype, elements) });
    }
    const declared = new Map<string, ValueType | null>();
    if (useDeclared) for (const vi of [...g.valueInfo, ...g.outputs]) if (vi.type) declared.set(vi.name, vi.type);

    // Slots from here on are the nodes' outputs (a name set again from here on: produced twice).
    const firstOutputSlot = scope.infos.length;
    const order = fileOrder ? g.nodes : topoOrder(g, scope, path);
    // The top-level graph as decoded, in file order, without sub-graphs: its values found by the
    // reader's numbers (Graph.nameIds), a slot per number, never by name. Graph inputs and
    // initializers are found by name once each; the graph's outputs are also set by name (in
    // scope.slots, for the end of the run).
    const nameIds = record && fileOrder && g.nameIds?.nodes === g.nodes && !g.nameIds.subgraphs && g.nameIds.ids.length === valueCount ? g.nameIds : null;
    const ids = nameIds?.ids;
    const slotOfId = nameIds ? new Int32Array(nameIds.count).fill(-1) : null;
    const graphOutputs = nameIds ? new Set(g.outputs.map((o) => o.name)) : null;
    // The graph's running total, as three numbers (no object per node).
    let macs = 0;
    let flops = 0;
    let coreMacs = 0;
    // The node and output the messages below name: two closures per graph, none per node.
    let node = order[0];
    let outName = '';
    const label = () => `node ${quoteToken(path + (node.name || node.opType))} (${quoteToken(node.opType)})`;
    const outputLabel = () => `${label()}: output ${quoteToken(outName)}`;
    for (let step = 0; step < order.length; step++) {
      node = order[step];
      if (++visits > maxVisits) {
        throw new GraphError(`the model needs more than ${maxVisits} node evaluations (sub-graphs and unrolled loops included): refused`);
      }
      if (record) pendingParams = pendingBytes = 0;
      const names = node.inputs;
      const inputsInfo = new Array<Info | undefined>(names.length);
      const at = infoCount;
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        if (name === '') {
          if (record) recordedSlots[at + i] = -1;
          continue;
        }
        let k: number | undefined;
        if (slotOfId) {
          const id = ids![at + i];
          k = slotOfId[id];
          if (k < 0) {
            k = scope.slots.get(name); // a graph input or initializer, met first
            if (k !== undefined) slotOfId[id] = k;
          }
        } else k = scope.slots.get(name);
        const v = k !== undefined ? scope.infos[k] : scope.parent?.get(name);
        // Not there (yet): the file's order is not a valid one (topological order has every input first).
        if (v === undefined && fileOrder) throw new NotInFileOrder();
        inputsInfo[i] = v ?? undefined;
        if (record) recordedSlots[at + i] = k ?? -1;
      }
      if (fileOrder && !slotOfId && hasSubgraphs(node))
        for (const name of implicitInputs(node)) if (name !== '' && !scope.has(name)) throw new NotInFileOrder();
      const result = runNode(node, inputsInfo, scope, path, depth);
      let upper: NodeUpper | undefined;
      for (let i = 0; i < node.outputs.length; i++) {
        const name = node.outputs[i];
        if (name === '') continue;
        let info = result.outputs[i] ?? null;
        const decl = declared.size ? declared.get(name) : undefined;
        if (decl) {
          const d = declaredInfo(decl);
          const conflict = shapeConflict(info, d);
          if (conflict && tflite) {
            // A TFLite file's shapes are the ones its interpreter allocates: the file's wins.
            warnings.push({
              node: node.name || node.opType,
              message: `TFLite ${quoteToken(node.opType)} output ${quoteToken(name)}: derived shape ${conflict}; the file's shape is used`,
            });
            info = refine(d, info);
          } else {
            if (conflict) warnings.push({ node: node.name || node.opType, message: `'${name}': inferred shape ${conflict}; the inferred one is used` });
            info = refine(info, d);
          }
        }
        outName = name;
        if (info) checkInfo(info, outputLabel);
        info = shared(info);
        result.outputs[i] = info;
        let k: number;
        if (slotOfId) {
          const id = ids![at + names.length + i];
          k = slotOfId[id];
          if (k < 0) {
            // New, unless a graph input or initializer has the name (ONNX forbids it; the Map path overwrites it too).
            k = scope.slots.get(name) ?? -1;
            if (k < 0) {
              k = scope.infos.length;
              scope.infos.push(info);
              if (graphOutputs!.has(name)) scope.slots.set(name, k);
            } else scope.infos[k] = info;
            slotOfId[id] = k;
          } else {
            if (k >= firstOutputSlot) throw new NotInFileOrder(); // produced twice
            scope.infos[k] = info;
          }
        } else {
          const before = scope.infos.length;
          k = scope.set(name, info);
          if (fileOrder && k >= firstOutputSlot && k < before) throw new NotInFileOrder(); // produced twice
        }
        if (record) recordedSlots[at + names.length + i] = k;
      }
      if (bounds && record) upper = upperOf(node, inputsInfo, result.outputs, result.cost);
      for (let i = 0; i < result.warnings.length; i++) warnings.push({ node: node.name || node.opType, message: result.warnings[i] });

      // Weights: the first reader counts them (inside a sub-graph: the enclosing top-level node).
      for (let i = 0; i < node.inputs.length; i++) {
        const n = node.inputs[i];
        const w = weightCandidates.size ? weightCandidates.get(n) : undefined;
        if (w && !weights.has(n) && readsAsWeight(node, i, tensorDtype(inputsInfo[i]))) {
          const elements = packedParams(node, i, w.elements);
          weights.set(n, { ...w, elements });
          pendingParams += elements;
          pendingBytes += w.bytes;
        }
      }
      if (node.opType === 'Constant' && node.domain === '') {
        const out = result.outputs[0];
        if (out && out.kind === 'tensor' && isWeightDtype(out)) {
          const elements = numel(out.shape);
          if (elements !== null && out.dtype) weightCandidates.set(node.outputs[0], { elements, bytes: byteSize(out.dtype, elements) });
        }
      }
      const cost = result.cost;
      if (cost) {
        checkCost(cost, label);
        if (cost.macs > 0 && inputsInfo.some((v) => v?.kind === 'tensor' && v.dtype === 'string')) {
          throw new GraphError(`${label()} does arithmetic on a string tensor, which ONNX does not allow`);
        }
        if (macs + cost.macs + flops + cost.flops + coreMacs + cost.coreMacs <= MAX_COUNT) {
          macs += cost.macs;
          flops += cost.flops;
          coreMacs += cost.coreMacs;
        } else {
          const sum = addCostsChecked({ macs, flops, coreMacs }, cost, label); // throws past the ceiling
          ({ macs, flops, coreMacs } = sum);
        }
      }
      if (record) {
        for (let i = 0; i < node.outputs.length; i++) if (node.outputs[i] === '') recordedSlots[at + names.length + i] = -1;
        for (let i = 0; i < node.inputs.length; i++) recordedInfos[infoCount++] = inputsInfo[i] ?? null;
        for (let i = 0; i < node.outputs.length; i++) recordedInfos[infoCount++] = result.outputs[i] ?? null;
        const entry = new NodeRecord(node, recordedInfos, at, cost, result.supported, result.opClass, pendingParams, pendingBytes);
        // Shape and Size read a tensor's metadata, never its elements.
        entry.bytesRead = node.domain === '' && (node.opType === 'Shape' || node.opType === 'Size') ? 0 : sumBytes(inputsInfo);
        entry.bytesWritten = sumBytes(result.outputs);
        if (upper) entry.upper = upper;
        record[recorded++] = entry;
      }
    }
    const outputs = g.outputs.map((o) => {
      const v = scope.get(o.name);
      if (v === undefined) throw new GraphError(`graph output '${o.name}' is not produced by any node`);
      return v;
    });
    return { outputs, cost: { macs, flops, coreMacs } };
  };

  /**
   * A top-level node of an upper-bound run whose figures are unknown: run its rules again with
   * every data-dependent dim at its maximum. Valid only when each of its inputs and outputs is
   * known up to such dims (then the dims mean the same sizes as at run time, and cost rules grow
   * with sizes) and the rerun reproduces the outputs; nodes with sub-graphs are left out.
   */
  const upperOf = (node: Node, inputsInfo: (Info | undefined)[], outputs: (Info | null)[], cost: OpCost | null): NodeUpper | undefined => {
    if (!bounds || hasSubgraphs(node)) return undefined;
    if (cost && sumBytes(inputsInfo) !== null && sumBytes(outputs) !== null) return undefined;
    const ins = inputsInfo.map((i) => bounds.resolve(i));
    const outs = outputs.map((o) => bounds.resolve(o));
    if (ins.some((x, i) => x === null && node.inputs[i] !== '')) return undefined;
    if (outs.some((x, i) => x === null && node.outputs[i] !== '')) return undefined;
    const def = lookupOp(node.domain, node.opType);
    if (!def) return undefined;
    // The rule again, at the maxima; its outputs must agree with the run's (a data-dependent
    // size it cannot know is left at its maximum), and the cost rule sees those.
    let agrees = true;
    const atMax = {
      ...def,
      infer: (ctx: Parameters<typeof def.infer>[0]) => {
        const again = def.infer(ctx);
        node.outputs.forEach((name, i) => {
          if (name !== '' && !compatible(again[i], outs[i])) agrees = false;
        });
        return outs;
      },
    };
    const r = applyOp(
      atMax,
      node,
      ins.map((x) => x ?? undefined),
      opsetOf(node.domain),
    );
    if (!agrees || !r.cost) return undefined;
    const read = node.domain === '' && (node.opType === 'Shape' || node.opType === 'Size') ? 0 : sumBytes(ins);
    const written = sumBytes(outs);
    if (read === null || written === null) return undefined;
    return { cost: r.cost, bytesRead: read, bytesWritten: written };
  };

  const upToBound = bounds ? (d: readonly Dim[]) => bounds.upTo(d) : undefined;
  const runNode = (node: Node, inputsInfo: (Info | undefined)[], scope: Scope, path: string, depth: number) => {
    for (const [k, a] of node.attrs) {
      if (a.type !== 'tensor' && a.type !== 'tensors' && a.type !== 'sparse_tensor' && a.type !== 'sparse_tensors') continue;
      const owner = `node ${quoteToken(path + (node.name || node.opType))} attribute ${quoteToken(k)}`;
      if (a.type === 'tensor') checkTensorData(a.value, owner);
      else if (a.type === 'tensors') for (const t of a.value) checkTensorData(t, owner);
      else if (a.type === 'sparse_tensor') checkSparse(a.value, owner);
      else if (a.type === 'sparse_tensors') for (const t of a.value) checkSparse(t, owner);
    }
    const def = lookupOp(node.domain, node.opType);
    if (!def) {
      const domain = node.domain ? `${node.domain}:` : '';
      const outputs = node.outputs.map(() => null as Info | null);
      const what = node.domain === 'tflite.custom' ? 'custom op' : 'builtin op';
      return {
        outputs,
        cost: null as OpCost | null,
        supported: false,
        opClass: 'elementwise' as OpClass,
        warnings: [
          tflite && node.domain.startsWith('tflite')
            ? `TFLite ${what} ${quoteToken(node.opType)}: no cost rule; counted as an element-wise op over its output`
            : `unsupported operator ${domain}${node.opType}: output shapes unknown, cost estimated as elementwise`,
        ],
      };
    }
    // The shape rule and the cost rule both ask for the node's sub-graphs: each sub-graph runs
    // once per distinct set of inputs, so nested Ifs cost linear, not exponential, work.
    let memo: Map<Graph, Map<string, SubgraphResult>> | undefined;
    const runSub = !hasSubgraphs(node)
      ? undefined
      : (sub: Graph, subInputs: readonly (Info | null)[]): SubgraphResult => {
          memo ??= new Map();
          let byInputs = memo.get(sub);
          if (!byInputs) memo.set(sub, (byInputs = new Map<string, SubgraphResult>()));
          const key = JSON.stringify(subInputs, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `#${v}` : v));
          const hit = byInputs.get(key);
          if (hit) return hit;
          if (++subgraphRuns > MAX_SUBGRAPH_RUNS) {
            throw new GraphError(`the model's sub-graphs would run more than ${MAX_SUBGRAPH_RUNS} times (nested loops or branches): refused`);
          }
          const child = new Scope(scope);
          sub.inputs.forEach((vi, i) => {
            const given = subInputs[i];
            child.set(vi.name, given ?? declaredInfo(vi.type));
          });
          const res = runGraph(sub, child, null, `${path}${node.name || node.opType}/`, depth + 1);
          byInputs.set(key, res);
          return res;
        };
    const opset = opsetOf(node.domain);
    let place: MemoLevel | null = null;
    if (ruleMemo && !runSub) {
      place = memoPlace(ruleMemo, def, node, inputsInfo, opset, false);
      if (place) memoLookups++;
      const hit = place?.hit;
      if (hit) {
        memoHits++;
        // The outputs array is the caller's to change (the node's final infos go into it).
        return { outputs: hit.outputs.slice(), cost: hit.cost, opClass: hit.opClass, warnings: hit.warnings, supported: true };
      }
    }
    const r = applyOp(def, node, inputsInfo, opset, runSub, upToBound, tryUnroll);
    if (place && ruleMemo && memoEntries < MEMO_MAX_ENTRIES) {
      memoEntries++;
      // Made now, for a node not met before (a lookup makes nothing).
      if (place === NOWHERE) place = memoPlace(ruleMemo, def, node, inputsInfo, opset, true)!;
      place.hit = { outputs: r.outputs.slice(), cost: r.cost, opClass: r.opClass, warnings: r.warnings };
      for (const o of r.outputs) if (o) memoOutputs.add(o);
      // A graph whose nodes rarely repeat: the lookups cost more than they save, stop.
      if (memoLookups >= MEMO_TRIAL && memoHits * 4 < memoLookups) ruleMemo = null;
    }
    return { outputs: r.outputs, cost: r.cost, opClass: r.opClass, warnings: r.warnings, supported: true };
  };

  const top = new Scope(null);
  for (const inp of inputs) recurring(inp.info);
  const inputSlots = Int32Array.from(inputs, (inp) => top.set(inp.name, inp.info));
  const result = runGraph(graph, top, nodes, '', 0);

  // Unsupported operators: estimate one operation per output element, once shapes are known.
  for (const n of nodes) {
    if (n.supported || n.cost) continue;
    const elements = n.outputs.reduce<number | null>((acc, o) => {
      const e = o.info && o.info.kind === 'tensor' ? numel(o.info.shape) : null;
      return acc === null || e === null ? null : acc + e;
    }, 0);
    if (elements !== null) n.cost = { macs: 0, flops: checkedAdd(0, elements, `the estimate for node ${quoteToken(n.name || n.opType)}`), coreMacs: 0 };
  }
  checkCeilings(weights, nodes);

  if (defaulted.length) {
    warnings.unshift({ node: '', message: `dims not given, set to ${defaultDim!}: ${defaulted.join(', ')}` });
  }
  return {
    opset: opsetOf(''),
    opsetImports,
    dims,
    defaultedDims: defaulted,
    symbols: [...symbols],
    inputs,
    outputs: graph.outputs.map((o, i) => ({ name: o.name, info: result.outputs[i] ?? null })),
    nodes,
    warnings,
    weights,
    slots: { count: top.infos.length, values: recordedSlots, inputs: inputSlots, outputs: Int32Array.from(graph.outputs, (o) => top.slots.get(o.name) ?? -1) },
  };
}

/** A sparse tensor's dims, values and indices, as for any stored tensor. */
function checkSparse(sp: SparseTensorData, owner: string): void {
  sp.dims.forEach((d, axis) => {
    const p = dimProblem(d);
    if (p) throw new GraphError(`${owner} has ${p} at axis ${axis}`);
  });
  checkedElements(sp.dims, owner);
  checkTensorData(sp.values, `${owner} (values)`);
  checkTensorData(sp.indices, `${owner} (indices)`);
}

/** A node's cost: whole, non-negative and exact. */
function checkCost(cost: OpCost, label: () => string): void {
  for (const k of ['macs', 'flops', 'coreMacs'] as const) {
    const v = cost[k];
    if (!(v >= 0 && v <= MAX_COUNT)) {
      throw new GraphError(
        `${label()} has ${Number.isNaN(v) ? 'an undefined' : v < 0 ? 'a negative' : 'an absurd'} ${k === 'coreMacs' ? 'MAC' : k.slice(0, -1).toUpperCase()} count (${fmt(v)})`,
      );
    }
  }
}

function addCostsChecked(a: OpCost, b: OpCost, label: () => string): OpCost {
  const sum = a.macs + b.macs + a.flops + b.flops + a.coreMacs + b.coreMacs; // all >= 0: one test covers each
  if (sum <= MAX_COUNT) return { macs: a.macs + b.macs, flops: a.flops + b.flops, coreMacs: a.coreMacs + b.coreMacs };
  const what = `the cost up to ${label()}`;
  return { macs: checkedAdd(a.macs, b.macs, what), flops: checkedAdd(a.flops, b.flops, what), coreMacs: checkedAdd(a.coreMacs, b.coreMacs, what) };
}

/**
 * The model's totals, summed exactly: refused past 2^53 (MACs, FLOPs, memory traffic) or past
 * 10^15 params / weight bytes, so every figure the report gives is an exact integer.
 */
function checkCeilings(weights: Map<string, { elements: number; bytes: number }>, nodes: readonly NodeResult[]): void {
  let params = 0;
  let bytes = 0;
  for (const w of weights.values()) {
    params = checkedAdd(params, w.elements, 'the parameter count');
    bytes = checkedAdd(bytes, w.bytes, 'the weight size');
  }
  if (params > MAX_PARAMS) throw new GraphError(`the model has ${fmt(params)} parameters, above the ceiling of 10^15`);
  if (bytes > MAX_WEIGHT_BYTES) throw new GraphError(`the model's weights take ${fmt(bytes)} bytes, above the ceiling of 10^15`);
  const sum = { macs: 0, flops: 0, traffic: 0 };
  for (const n of nodes) {
    if (n.cost) {
      sum.macs = checkedAdd(sum.macs, n.cost.macs, "the model's MAC count");
      sum.flops = checkedAdd(sum.flops, n.cost.flops, "the model's FLOP count");
    }
    sum.traffic = checkedAdd(sum.traffic, (n.bytesRead ?? 0) + (n.bytesWritten ?? 0), "the model's memory traffic");
  }
}

function initializerInfo(t: TensorData): TensorInfo {
  const values = readTensorValues(t);
  return tensor(t.dtype, [...t.dims], values ?? undefined);
}

function tensorDtype(v: Info | undefined): TensorData['dtype'] | null {
  return v && v.kind === 'tensor' ? v.dtype : null;
}

function sumBytes(infos: readonly (Info | null | undefined)[]): number | null {
  let total = 0;
  for (const info of infos) {
    if (!info) continue;
    const b = infoBytes(info);
    if (b === null) return null;
    total += b;
  }
  return total;
}

/** Bytes a value takes, or null when its shape or type is unknown. */
export function infoBytes(info: Info): number | null {
  if (info.kind === 'tensor') {
    const n = numel(info.shape);
    return n === null || info.dtype === null ? null : byteSize(info.dtype, n);
  }
  if (info.kind === 'sequence') {
    if (!info.items) return null;
    return sumBytes(info.items);
  }
  if (info.kind === 'optional') return info.elem ? infoBytes(info.elem) : 0;
  return null;
}

/** A description of how two known shapes disagree, or null when they do not. */
function shapeConflict(inferred: Info | null, declared: Info | null): string | null {
  if (!inferred || !declared || inferred.kind !== 'tensor' || declared.kind !== 'tensor') return null;
  const a = inferred.shape;
  const b = declared.shape;
  if (!a || !b) return null;
  const differ = a.length !== b.length || a.some((d, i) => typeof d === 'number' && typeof b[i] === 'number' && d !== b[i]);
  return differ ? `${shapeToString(a)} differs from the declared ${shapeToString(b)}` : null;
}

/** Combine what inference found with what the file declares: inferred wins, declared fills gaps. */
function refine(inferred: Info | null, declared: Info | null): Info | null {
  if (!declared) return inferred;
  if (!inferred) return declared;
  if (inferred.kind !== 'tensor' || declared.kind !== 'tensor') return inferred;
  const dtype = inferred.dtype ?? declared.dtype;
  let shape = inferred.shape;
  if (shape === null) shape = declared.shape;
  else if (declared.shape && declared.shape.length === shape.length) {
    shape = shape.map((d, i) => (d === null ? declared.shape![i] : d));
  }
  const out: TensorInfo = { kind: 'tensor', dtype, shape };
  if (inferred.value) out.value = inferred.value;
  return out;
}

/**
 * Nodes in an order where every input is available first. Files are meant to be sorted already;
 * this also catches cycles and inputs nothing produces.
 */
function topoOrder(g: Graph, scope: Scope, path: string): Node[] {
  const producer = new Map<string, number>();
  g.nodes.forEach((n, i) => n.outputs.forEach((o) => o !== '' && producer.set(o, i)));
  const available = (name: string) => name === '' || scope.has(name);
  const waiting = new Array<number>(g.nodes.length).fill(0);
  const consumers: number[][] = g.nodes.map(() => []);
  const ready: number[] = [];
  g.nodes.forEach((n, i) => {
    const deps = new Set<number>();
    for (const name of [...n.inputs, ...implicitInputs(n)]) {
      if (available(name)) continue;
      const p = producer.get(name);
      if (p === undefined) {
        throw new GraphError(`node '${path}${n.name || n.opType}' (${n.opType}) reads '${name}', which no node, input or initializer provides`);
      }
      if (p === i) throw new GraphError(`node '${path}${n.name || n.opType}' (${n.opType}) reads its own output '${name}': the graph has a cycle`);
      deps.add(p);
    }
    waiting[i] = deps.size;
    for (const p of deps) consumers[p].push(i);
    if (deps.size === 0) ready.push(i);
  });
  const order: Node[] = [];
  // Keep file order among ready nodes: pop the smallest index first.
  const heap = ready.sort((a, b) => a - b);
  let head = 0;
  const queue = heap;
  while (head < queue.length) {
    const i = queue[head++];
    order.push(g.nodes[i]);
    for (const c of consumers[i]) if (--waiting[c] === 0) insertSorted(queue, c, head);
  }
  if (order.length !== g.nodes.length) {
    const stuck = g.nodes
      .filter((_, i) => waiting[i] > 0)
      .slice(0, 3)
      .map((n) => `'${path}${n.name || n.opType}'`);
    throw new GraphError(`the graph has a cycle (through nodes ${stuck.join(', ')})`);
  }
  return order;
}

function insertSorted(queue: number[], value: number, from: number): void {
  let i = queue.length;
  queue.push(value);
  while (i > from && queue[i - 1] > value) {
    queue[i] = queue[i - 1];
    i--;
  }
  queue[i] = value;
}

/** Outer-scope names a node's sub-graphs read: they must be computed before the node runs. */
function implicitInputs(n: Node): string[] {
  const out: string[] = [];
  for (const a of n.attrs.values()) {
    const graphs = a.type === 'graph' ? [a.value] : a.type === 'graphs' ? a.value : [];
    for (const g of graphs) for (const f of freeNames(g)) out.push(f);
  }
  return out;
}

/** Free names per sub-graph, computed once (each level of nesting would otherwise redo the levels below). */
const FREE_NAMES = new WeakMap<Graph, string[]>();

function freeNames(g: Graph): string[] {
  let names = FREE_NAMES.get(g);
  if (!names) FREE_NAMES.set(g, (names = computeFreeNames(g)));
  return names;
}

function computeFreeNames(g: Graph): string[] {
  const local = new Set<string>([...g.inputs.map((v) => v.name), ...g.initializers.map((t) => t.name), ...g.sparseInitializers.map((t) => t.name)]);
  for (const n of g.nodes) for (const o of n.outputs) local.add(o);
  const free = new Set<string>();
  for (const n of g.nodes) {
    for (const i of n.inputs) if (i !== '' && !local.has(i)) free.add(i);
    for (const f of implicitInputs(n)) if (!local.has(f)) free.add(f);
  }
  for (const o of g.outputs) if (!local.has(o.name)) free.add(o.name);
  return [...free];
}

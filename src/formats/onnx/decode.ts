/**
 * Decoding ONNX protobuf bytes (onnx.proto, IR 3 and up) into the graph model.
 *
 * Field numbers follow onnx/onnx.proto3. Unknown fields are skipped, so newer files decode.
 * Tensor payloads (raw_data, the typed repeated fields) are kept as views into the input
 * buffer and never decoded here; external data stays a reference.
 */
import { dtypeFromCode } from '../../graph/dtype.js';
import type {
  Attr,
  Dim,
  FieldSegment,
  FunctionDef,
  Graph,
  Model,
  Node,
  SparseTensorData,
  TensorData,
  TensorStorage,
  TypedField,
  ValueInfo,
  ValueType,
} from '../../graph/model.js';
import { normDomain } from '../../graph/model.js';
import { Buffer } from 'node:buffer';
import { Reader, StringPool, decodeUtf8 } from './wire.js';
import { DEFAULT_MAX_NODES, TooManyNodesError } from '../types.js';
import { UNREAD_FIELD } from './skim.js';

export { DEFAULT_MAX_NODES, TooManyNodesError };

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

/** Nesting limit for sub-graphs and types: deeper input is treated as malformed. */
const MAX_DEPTH = 64;

export interface DecodeOptions {
  /** At most this many nodes in all graphs and functions (default {@link DEFAULT_MAX_NODES}). */
  maxNodes?: number;
  /**
   * The bytes are a skimmed file (src/formats/onnx/skim.ts): its UNREAD_FIELD fields are payloads
   * left in the file. Never for a file's own bytes (there the field is unknown, and skipped).
   */
  skimmed?: boolean;
}

// Whether the current decode reads UNREAD_FIELD (DecodeOptions.skimmed).
let skimmed = false;

// Nodes left to decode in the current decodeModel call (decoding is synchronous: one at a time).
let nodesLeft = DEFAULT_MAX_NODES;
let nodeLimit = DEFAULT_MAX_NODES;

/**
 * Value names and operator types seen so far in this decode: each kept once (a value's name is
 * written once by its producer and again by every consumer; a million-node graph has a handful of
 * operator types), so a big graph holds one string per distinct name. Keyed by the bytes in the
 * file (wire.ts StringPool), so a repeated name is never decoded twice.
 */
let pool = new StringPool(new Uint8Array(0));

/** A stack twice the size, its contents kept. */
function grownInt32(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export function decodeModel(bytes: Uint8Array, options: DecodeOptions = {}): Model {
  pool = new StringPool(bytes);
  attrSets = new Map();
  valueTop = inputTop = outputTop = 0;
  try {
    return decodeModelBody(bytes, options);
  } finally {
    // Nothing of this decode kept past it (the number list grows with the graph).
    pool = new StringPool(new Uint8Array(0));
    attrSets = new Map();
    if (valueIds.length > 1024) valueIds = new Int32Array(1024);
    inputStack.length = outputStack.length = 0;
  }
}

function decodeModelBody(bytes: Uint8Array, options: DecodeOptions): Model {
  nodeLimit = nodesLeft = options.maxNodes ?? DEFAULT_MAX_NODES;
  skimmed = options.skimmed === true;
  const r = new Reader(bytes);
  let producerName = '';
  let producerVersion = '';
  const model: Model = {
    format: { format: 'onnx', version: 0, producer: '' },
    opsetImports: new Map(),
    graph: emptyGraph(),
    functions: [],
    metadata: new Map(),
  };
  let sawGraph = false;
  while (!r.done) {
    const tag = r.tag();
    switch (tag) {
      case (1 << 3) | WIRE_VARINT:
        model.format.version = r.int64();
        break;
      case (2 << 3) | WIRE_LEN:
        producerName = r.string();
        break;
      case (3 << 3) | WIRE_LEN:
        producerVersion = r.string();
        break;
      case (7 << 3) | WIRE_LEN:
        model.graph = graph(r, 0);
        sawGraph = true;
        break;
      case (8 << 3) | WIRE_LEN: {
        const [domain, version] = opsetId(r);
        model.opsetImports.set(domain, version);
        break;
      }
      case (14 << 3) | WIRE_LEN: {
        const [k, v] = stringEntry(r);
        model.metadata.set(k, v);
        break;
      }
      case (25 << 3) | WIRE_LEN:
        model.functions.push(functionProto(r));
        break;
      default:
        r.skip(tag & 7);
    }
  }
  if (!sawGraph) throw new Error('no graph in the model');
  model.format.producer = [producerName, producerVersion].filter(Boolean).join(' ');
  return model;
}

function emptyGraph(): Graph {
  return { name: '', nodes: [], inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [] };
}

// Every sub-message is read in place (Reader.enter / leave): no reader object and no closure per
// message. A function that reads one calls `enter` first and `leave` once it is done.

function opsetId(s: Reader): [string, number] {
  const outer = s.enter();
  let domain = '';
  let version = 0;
  while (!s.done) {
    const tag = s.tag();
    if (tag === ((1 << 3) | WIRE_LEN)) domain = s.string();
    else if (tag === ((2 << 3) | WIRE_VARINT)) version = s.int64();
    else s.skip(tag & 7);
  }
  s.leave(outer);
  return [normDomain(domain), version];
}

function stringEntry(s: Reader): [string, string] {
  const outer = s.enter();
  let key = '';
  let value = '';
  while (!s.done) {
    const tag = s.tag();
    if (tag === ((1 << 3) | WIRE_LEN)) key = s.string();
    else if (tag === ((2 << 3) | WIRE_LEN)) value = s.string();
    else s.skip(tag & 7);
  }
  s.leave(outer);
  return [key, value];
}

// The numbers of the node values of the graphs being decoded (Graph.nameIds), node after node:
// a graph's from where it started. A graph holding a sub-graph gets none (the sub-graph's nodes
// come in the middle of its own), so the numbers of a graph without are always contiguous. Every
// name is read through the pool of the buffer being decoded, so every name has a number.
let valueIds = new Int32Array(1024);
let valueTop = 0;

function pushId(id: number): void {
  if (valueTop === valueIds.length) valueIds = grownInt32(valueIds);
  valueIds[valueTop++] = id;
}

function graph(s: Reader, depth: number): Graph {
  if (depth > MAX_DEPTH) throw new Error('sub-graphs nested too deeply');
  const outer = s.enter();
  const g = emptyGraph();
  const idsFrom = valueTop;
  let subgraphs = false;
  while (!s.done) {
    const tag = s.tag();
    switch (tag) {
      case (1 << 3) | WIRE_LEN: {
        nodeHasGraph = false;
        g.nodes.push(node(s, depth, true));
        if (nodeHasGraph) subgraphs = true;
        break;
      }
      case (2 << 3) | WIRE_LEN:
        g.name = s.string();
        break;
      case (5 << 3) | WIRE_LEN:
        g.initializers.push(tensor(s));
        break;
      case (11 << 3) | WIRE_LEN:
        g.inputs.push(valueInfo(s));
        break;
      case (12 << 3) | WIRE_LEN:
        g.outputs.push(valueInfo(s));
        break;
      case (13 << 3) | WIRE_LEN:
        g.valueInfo.push(valueInfo(s));
        break;
      case (15 << 3) | WIRE_LEN:
        g.sparseInitializers.push(sparseTensor(s));
        break;
      default:
        s.skip(tag & 7);
    }
  }
  s.leave(outer);
  if (!subgraphs) g.nameIds = { nodes: g.nodes, ids: valueIds.slice(idsFrom, valueTop), count: pool.count, subgraphs };
  // Its numbers gone from the list: an enclosing graph's go on where they stood.
  valueTop = idsFrom;
  return g;
}

/** Set by `node` when the node it read holds a sub-graph (an attribute of type graph or graphs). */
let nodeHasGraph = false;

/**
 * The attributes of every node that has none: one shared empty map (a map each would take ~190
 * bytes a node). Nothing writes to a decoded node's attributes (function expansion builds its own).
 */
const EMPTY_NAMES: string[] = [];
const NO_ATTRS: Map<string, Attr> = new Map();

// Names of the nodes being decoded, as stacks: a node's names sit above `base` until it ends (a
// sub-graph's nodes, decoded inside an attribute, push and pop above them).
// (Stacks with their own tops: setting an array's length is a runtime call.) Their numbers in
// the pool (Graph.nameIds) alongside.
const inputStack: string[] = [];
const outputStack: string[] = [];
let inputIdStack = new Int32Array(256);
let outputIdStack = new Int32Array(256);
let inputTop = 0;
let outputTop = 0;

/** A NodeProto; with `ids`, its value names' numbers are appended to valueIds (a function body's nodes: none). */
function node(s: Reader, depth: number, ids: boolean): Node {
  if (--nodesLeft < 0) throw new TooManyNodesError(nodeLimit);
  const outer = s.enter();
  const n: Node = { name: '', opType: '', domain: '', inputs: EMPTY_NAMES, outputs: EMPTY_NAMES, attrs: NO_ATTRS };
  const inBase = inputTop;
  const outBase = outputTop;
  // The node's run of attributes: where it ends (-1 before the first attribute), its bytes as a
  // key for sharing (empty: not shared), and where the last attribute read ended.
  let attrRun = -1;
  let attrKey = '';
  let lastAttrEnd = -1;
  let sharedAttrs = false;
  try {
    while (!s.done) {
      const tag = s.tag();
      switch (tag) {
        case (1 << 3) | WIRE_LEN:
          if (inputTop === inputIdStack.length) inputIdStack = grownInt32(inputIdStack);
          inputStack[inputTop] = s.pooledString(pool);
          inputIdStack[inputTop++] = pool.lastId;
          break;
        case (2 << 3) | WIRE_LEN:
          if (outputTop === outputIdStack.length) outputIdStack = grownInt32(outputIdStack);
          outputStack[outputTop] = s.pooledString(pool);
          outputIdStack[outputTop++] = pool.lastId;
          break;
        case (3 << 3) | WIRE_LEN:
          n.name = s.string();
          break;
        case (4 << 3) | WIRE_LEN:
          n.opType = s.pooledString(pool);
          break;
        case (7 << 3) | WIRE_LEN:
          n.domain = normDomain(s.pooledString(pool));
          break;
        case (5 << 3) | WIRE_LEN: {
          if (attrRun < 0) {
            // The node's first attribute: its attributes are usually one run of fields, the same
            // bytes in every node alike (each Gather's axis, each Transpose's perm).
            const start = s.pos - 1;
            const end = attributeRunEnd(s.buf, start, s.end);
            const key = end - start <= MAX_ATTR_KEY ? latin1Slice.call(s.buf, start, end) : '';
            const known = key ? attrSets.get(key) : undefined;
            attrRun = end;
            if (known) {
              n.attrs = known;
              sharedAttrs = true;
              s.pos = lastAttrEnd = end;
              break;
            }
            attrKey = key;
          }
          const attr = attribute(s, depth);
          lastAttrEnd = s.pos;
          // (A shared set is never changed: another attribute after the run gets a map of its own.)
          if (n.attrs === NO_ATTRS) n.attrs = new Map();
          else if (sharedAttrs) {
            n.attrs = new Map(n.attrs);
            sharedAttrs = false;
          }
          n.attrs.set(attrName, attr);
          // After the attribute (its own sub-graphs' nodes reset the flag while they are read).
          if (attr.type === 'graph' || attr.type === 'graphs') nodeHasGraph = true;
          if (!PLAIN_ATTR.has(attr.type)) attrKey = '';
          break;
        }
        default:
          s.skip(tag & 7);
      }
    }
    // Attributes read in one run and all plain: later nodes with the same bytes share them.
    if (attrKey && lastAttrEnd === attrRun && attrSets.size < MAX_ATTR_SETS) attrSets.set(attrKey, freezeAttrs(n.attrs));
    // Copied out at their size (an array grown by push keeps spare room: a one-name list takes
    // ~190 bytes, and a graph of 10^5 nodes keeps them all).
    n.inputs = nameList(inputStack, inBase, inputTop);
    n.outputs = nameList(outputStack, outBase, outputTop);
    if (ids) {
      for (let i = inBase; i < inputTop; i++) pushId(inputIdStack[i]);
      for (let i = outBase; i < outputTop; i++) pushId(outputIdStack[i]);
    }
  } finally {
    inputTop = inBase;
    outputTop = outBase;
  }
  s.leave(outer);
  return n;
}

/**
 * Attribute sets shared by the nodes of this decode, keyed by their bytes in the file (as latin1
 * text): a run of attribute fields that decodes to plain values only (numbers, strings and their
 * lists) is decoded once, and every later node with the same bytes gets the same map. A graph of
 * repeated blocks has a few dozen distinct sets for 10^5 nodes with attributes (a map each would
 * take ~200 bytes). Shared maps and their values are frozen: nothing changes a decoded node's
 * attributes (function expansion builds its own maps).
 */
let attrSets = new Map<string, Map<string, Attr>>();
/** Runs longer than this are not shared (a long list is rarely repeated; its key would cost its size again). */
const MAX_ATTR_KEY = 256;
/** At most this many distinct shared sets in a decode. */
const MAX_ATTR_SETS = 4096;
const PLAIN_ATTR: ReadonlySet<Attr['type']> = new Set(['int', 'float', 'string', 'ints', 'floats', 'strings']);
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice: (this: Uint8Array, start: number, end: number) => string }).latin1Slice;

/**
 * Where the run of attribute fields (tag 0x2a: field 5, length-delimited) starting at `start`
 * ends, within `end`. A run that cannot be measured (a bad length) ends before that field, which
 * is then read, and reported, as usual.
 */
function attributeRunEnd(buf: Uint8Array, start: number, end: number): number {
  let p = start;
  while (p < end && buf[p] === 0x2a) {
    let q = p + 1;
    let len = 0;
    let mul = 1;
    let b = 0x80;
    for (let i = 0; i < 5 && q < end && b >= 0x80; i++) {
      b = buf[q++];
      len += (b & 0x7f) * mul;
      mul *= 128;
    }
    if (b >= 0x80 || len > end - q) break;
    p = q + len;
  }
  return p;
}

function freezeAttrs(attrs: Map<string, Attr>): Map<string, Attr> {
  for (const a of attrs.values()) {
    if (a.type !== 'ref' && Array.isArray(a.value)) Object.freeze(a.value);
    Object.freeze(a);
  }
  return attrs;
}

/**
 * A node's names from a stack, at their size. One and two names (nearly every node) as array
 * literals: V8 allocates a literal site's arrays straight in the old generation once it sees
 * them survive, so a big graph's lists are not copied by the young generation's collections.
 */
function nameList(stack: string[], from: number, to: number): string[] {
  switch (to - from) {
    case 0:
      return EMPTY_NAMES;
    case 1:
      return [stack[from]];
    case 2:
      return [stack[from], stack[from + 1]];
    default:
      return stack.slice(from, to);
  }
}

const ATTR_TYPES: Record<number, Attr['type']> = {
  1: 'float',
  2: 'int',
  3: 'string',
  4: 'tensor',
  5: 'graph',
  6: 'floats',
  7: 'ints',
  8: 'strings',
  9: 'tensors',
  10: 'graphs',
  11: 'sparse_tensor',
  12: 'sparse_tensors',
  13: 'type_proto',
  14: 'type_protos',
};

/** The name of the attribute `attribute` read last. */
let attrName = '';

/** An AttributeProto; its name in `attrName` (no pair array per attribute). */
function attribute(s: Reader, depth: number): Attr {
  const outer = s.enter();
  let name = '';
  let ref = '';
  let declared = 0;
  let f: number | undefined;
  let i: number | undefined;
  let str: Uint8Array | undefined;
  let t: TensorData | undefined;
  let g: Graph | undefined;
  let sp: SparseTensorData | undefined;
  let tp: ValueType | null | undefined;
  // The repeated fields, made when one is met (an attribute holds one kind of value).
  let floats: number[] | undefined;
  let ints: number[] | undefined;
  let strings: string[] | undefined;
  let tensors: TensorData[] | undefined;
  let graphs: Graph[] | undefined;
  let sparse: SparseTensorData[] | undefined;
  let typeProtos: (ValueType | null)[] | undefined;
  while (!s.done) {
    const tag = s.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    switch (field) {
      case 1:
        name = s.string();
        break;
      case 21:
        ref = s.string();
        break;
      case 20:
        declared = s.int32();
        break;
      case 2:
        f = s.float();
        break;
      case 3:
        i = s.int64();
        break;
      case 4:
        str = s.bytes();
        break;
      case 5:
        t = tensor(s);
        break;
      case 6:
        g = graph(s, depth + 1);
        break;
      case 22:
        sp = sparseTensor(s);
        break;
      case 14:
        tp = typeProto(s, 0);
        break;
      case 7:
        repeatedFloats(s, wire, (floats ??= []));
        break;
      case 8:
        repeatedInt64s(s, wire, (ints ??= []));
        break;
      case 9:
        (strings ??= []).push(s.string());
        break;
      case 10:
        (tensors ??= []).push(tensor(s));
        break;
      case 11:
        (graphs ??= []).push(graph(s, depth + 1));
        break;
      case 23:
        (sparse ??= []).push(sparseTensor(s));
        break;
      case 15:
        (typeProtos ??= []).push(typeProto(s, 0));
        break;
      default:
        s.skip(wire);
    }
  }
  s.leave(outer);
  attrName = name;
  if (ref) return { type: 'ref', ref };
  let type = ATTR_TYPES[declared];
  if (!type) {
    // IR version 1-2 files may omit `type`: infer it from the field that is set.
    type =
      f !== undefined
        ? 'float'
        : i !== undefined
          ? 'int'
          : str !== undefined
            ? 'string'
            : t
              ? 'tensor'
              : g
                ? 'graph'
                : floats?.length
                  ? 'floats'
                  : ints?.length
                    ? 'ints'
                    : strings?.length
                      ? 'strings'
                      : tensors?.length
                        ? 'tensors'
                        : graphs?.length
                          ? 'graphs'
                          : 'ints';
  }
  switch (type) {
    case 'float':
      return { type, value: f ?? 0 };
    case 'int':
      return { type, value: i ?? 0 };
    case 'string':
      return { type, value: str ? decodeUtf8(str) : '' };
    case 'tensor':
      if (!t) throw new Error(`attribute '${name}' declares a tensor but holds none`);
      return { type, value: t };
    case 'graph':
      if (!g) throw new Error(`attribute '${name}' declares a graph but holds none`);
      return { type, value: g };
    case 'sparse_tensor':
      if (!sp) throw new Error(`attribute '${name}' declares a sparse tensor but holds none`);
      return { type, value: sp };
    case 'type_proto':
      return { type, value: tp ?? null };
    case 'floats':
      return { type, value: floats ?? [] };
    case 'ints':
      return { type, value: ints ?? [] };
    case 'strings':
      return { type, value: strings ?? [] };
    case 'tensors':
      return { type, value: tensors ?? [] };
    case 'graphs':
      return { type, value: graphs ?? [] };
    case 'sparse_tensors':
      return { type, value: sparse ?? [] };
    case 'type_protos':
      return { type, value: typeProtos ?? [] };
    default:
      return { type: 'ints', value: [] };
  }
}

/** Repeated float (wire 5): packed (wire 2) or one value per tag; another wire type is skipped. */
function repeatedFloats(s: Reader, wire: number, out: number[]): void {
  if (wire === WIRE_LEN) {
    const outer = s.enter();
    while (!s.done) out.push(s.float());
    s.leave(outer);
  } else if (wire === 5) out.push(s.float());
  else s.skip(wire);
}

/** Repeated int64 (varint): packed (wire 2) or one value per tag; another wire type is skipped. */
function repeatedInt64s(s: Reader, wire: number, out: number[]): void {
  if (wire === WIRE_LEN) {
    const outer = s.enter();
    while (!s.done) out.push(s.int64());
    s.leave(outer);
  } else if (wire === WIRE_VARINT) out.push(s.int64());
  else s.skip(wire);
}

const TYPED_FIELDS: Record<number, [TypedField, number]> = {
  4: ['float', 5],
  5: ['int32', 0],
  7: ['int64', 0],
  10: ['double', 1],
  11: ['uint64', 0],
};

export function tensor(s: Reader): TensorData {
  const outer = s.enter();
  const t = decodeTensorBody(s);
  s.leave(outer);
  return t;
}

/** Decode a TensorProto from a reader positioned over exactly its bytes (also used for .pb files). */
export function decodeTensorBody(s: Reader): TensorData {
  const t: TensorData = { name: '', dtype: null, dtypeCode: 0, dims: [], storage: { kind: 'empty' } };
  let raw: Uint8Array | undefined;
  let typed: { field: TypedField; segments: FieldSegment[] } | undefined;
  const strings: string[] = [];
  let external = false;
  let location = '';
  let offset = 0;
  let length: number | null = null;
  let unread: { offset: number; length: number } | undefined;
  while (!s.done) {
    const tag = s.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    switch (field) {
      case 1:
        repeatedInt64s(s, wire, t.dims);
        break;
      case 2:
        t.dtypeCode = s.int32();
        t.dtype = dtypeFromCode(t.dtypeCode);
        break;
      case 8:
        t.name = s.string();
        break;
      case 9:
        raw = s.bytes();
        unread = undefined; // the last raw_data counts, read or not
        break;
      case 6:
        strings.push(s.string());
        break;
      case 13: {
        const [k, v] = stringEntry(s);
        if (k === 'location') location = v;
        else if (k === 'offset') offset = Number(v);
        else if (k === 'length') length = Number(v);
        break;
      }
      case 14:
        external = s.int32() === 1;
        break;
      case UNREAD_FIELD:
        if (!skimmed || wire !== WIRE_LEN) {
          s.skip(wire);
          break;
        }
        {
          const outer = s.enter();
          const at = s.uint32();
          const len = s.uint32();
          s.pos = s.end;
          s.leave(outer);
          unread = { offset: at, length: len };
          raw = undefined;
        }
        break;
      case 4:
      case 5:
      case 7:
      case 10:
      case 11: {
        const [name, scalarWire] = TYPED_FIELDS[field];
        if (wire !== WIRE_LEN && wire !== scalarWire) {
          s.skip(wire);
          break;
        }
        typed ??= { field: name, segments: [] };
        if (wire === WIRE_LEN) {
          typed.segments.push({ packed: true, wireType: scalarWire, bytes: s.bytes() });
        } else {
          const start = s.pos;
          s.skip(wire);
          typed.segments.push({ packed: false, wireType: scalarWire, bytes: s.buf.subarray(start, s.pos) });
        }
        break;
      }
      default:
        s.skip(wire);
    }
  }
  let storage: TensorStorage = { kind: 'empty' };
  if (external) storage = { kind: 'external', location, offset, length };
  else if (raw) storage = { kind: 'raw', bytes: raw };
  else if (unread) storage = { kind: 'unread', offset: unread.offset, length: unread.length };
  else if (typed) storage = { kind: 'field', field: typed.field, segments: typed.segments };
  else if (strings.length) storage = { kind: 'strings', values: strings };
  t.storage = storage;
  return t;
}

function sparseTensor(s: Reader): SparseTensorData {
  const outer = s.enter();
  let values: TensorData | undefined;
  let indices: TensorData | undefined;
  const dims: number[] = [];
  while (!s.done) {
    const tag = s.tag();
    const field = tag >>> 3;
    if (field === 1) values = tensor(s);
    else if (field === 2) indices = tensor(s);
    else if (field === 3) repeatedInt64s(s, tag & 7, dims);
    else s.skip(tag & 7);
  }
  s.leave(outer);
  const empty = (): TensorData => ({ name: '', dtype: null, dtypeCode: 0, dims: [0], storage: { kind: 'empty' } });
  const v = values ?? empty();
  return { name: v.name, values: v, indices: indices ?? empty(), dims };
}

function valueInfo(s: Reader): ValueInfo {
  const outer = s.enter();
  const vi: ValueInfo = { name: '', type: null };
  while (!s.done) {
    const tag = s.tag();
    if (tag === ((1 << 3) | WIRE_LEN)) vi.name = s.string();
    else if (tag === ((2 << 3) | WIRE_LEN)) vi.type = typeProto(s, 0);
    else s.skip(tag & 7);
  }
  s.leave(outer);
  return vi;
}

function typeProto(s: Reader, depth: number): ValueType | null {
  if (depth > MAX_DEPTH) throw new Error('types nested too deeply');
  const outer = s.enter();
  let out: ValueType | null = null;
  while (!s.done) {
    const tag = s.tag();
    const field = tag >>> 3;
    if ((tag & 7) !== WIRE_LEN) {
      s.skip(tag & 7);
      continue;
    }
    switch (field) {
      case 1:
      case 8: {
        const [dtype, shape] = tensorType(s);
        out = { kind: field === 1 ? 'tensor' : 'sparse', dtype, shape };
        break;
      }
      case 4:
        out = { kind: 'sequence', elem: innerType(s, depth) };
        break;
      case 9:
        out = { kind: 'optional', elem: innerType(s, depth) };
        break;
      case 5:
        out = mapType(s, depth);
        break;
      default:
        s.skip(WIRE_LEN);
    }
  }
  s.leave(outer);
  return out;
}

/** A Map type: its key's dtype and its value's type. */
function mapType(q: Reader, depth: number): ValueType {
  const outer = q.enter();
  let key = 0;
  let value: ValueType | null = null;
  while (!q.done) {
    const t = q.tag();
    if (t === ((1 << 3) | WIRE_VARINT)) key = q.int32();
    else if (t === ((2 << 3) | WIRE_LEN)) value = typeProto(q, depth + 1);
    else q.skip(t & 7);
  }
  q.leave(outer);
  return { kind: 'map' as const, key: dtypeFromCode(key), value };
}

/** The `elem_type` (field 1) of a Sequence / Optional type. */
function innerType(q: Reader, depth: number): ValueType | null {
  const outer = q.enter();
  let elem: ValueType | null = null;
  while (!q.done) {
    const t = q.tag();
    if (t === ((1 << 3) | WIRE_LEN)) elem = typeProto(q, depth + 1);
    else q.skip(t & 7);
  }
  q.leave(outer);
  return elem;
}

function tensorType(s: Reader): [ReturnType<typeof dtypeFromCode>, Dim[] | null] {
  const outer = s.enter();
  let dtype: ReturnType<typeof dtypeFromCode> = null;
  let shape: Dim[] | null = null;
  while (!s.done) {
    const tag = s.tag();
    if (tag === ((1 << 3) | WIRE_VARINT)) dtype = dtypeFromCode(s.int32());
    else if (tag === ((2 << 3) | WIRE_LEN)) shape = tensorShape(s);
    else s.skip(tag & 7);
  }
  s.leave(outer);
  return [dtype, shape];
}

function tensorShape(s: Reader): Dim[] {
  const outer = s.enter();
  const dims: Dim[] = [];
  while (!s.done) {
    const tag = s.tag();
    if (tag !== ((1 << 3) | WIRE_LEN)) {
      s.skip(tag & 7);
      continue;
    }
    dims.push(dimension(s));
  }
  s.leave(outer);
  return dims;
}

/** One TensorShapeProto.Dimension: a value, a symbol, or null (neither, or an empty symbol). */
function dimension(d: Reader): Dim {
  const outer = d.enter();
  let dim: Dim = null;
  while (!d.done) {
    const t = d.tag();
    if (t === ((1 << 3) | WIRE_VARINT)) dim = d.int64();
    else if (t === ((2 << 3) | WIRE_LEN)) {
      const p = d.string();
      dim = p === '' ? null : p;
    } else d.skip(t & 7);
  }
  d.leave(outer);
  return dim;
}

function functionProto(s: Reader): FunctionDef {
  const outer = s.enter();
  const f: FunctionDef = {
    name: '',
    domain: '',
    overload: '',
    inputs: [],
    outputs: [],
    attributes: [],
    attributeDefaults: new Map(),
    nodes: [],
    opsetImports: new Map(),
  };
  while (!s.done) {
    const tag = s.tag();
    const field = tag >>> 3;
    if ((tag & 7) !== WIRE_LEN) {
      s.skip(tag & 7);
      continue;
    }
    switch (field) {
      case 1:
        f.name = s.string();
        break;
      case 4:
        f.inputs.push(s.string());
        break;
      case 5:
        f.outputs.push(s.string());
        break;
      case 6:
        f.attributes.push(s.string());
        break;
      case 11: {
        const attr = attribute(s, 1);
        f.attributeDefaults.set(attrName, attr);
        f.attributes.push(attrName);
        break;
      }
      case 7:
        f.nodes.push(node(s, 1, false));
        break;
      case 9: {
        const [domain, version] = opsetId(s);
        f.opsetImports.set(domain, version);
        break;
      }
      case 10:
        f.domain = normDomain(s.string());
        break;
      case 13:
        f.overload = s.string();
        break;
      default:
        s.skip(WIRE_LEN);
    }
  }
  s.leave(outer);
  return f;
}

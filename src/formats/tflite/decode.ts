/**
 * TensorFlow Lite (.tflite, a FlatBuffer with the identifier TFL3) into the neutral graph
 * (issue 14; the conventions are summarised in src/formats/tflite/README.md):
 *
 * - one Graph per subgraph; subgraph 0 is the model's graph, control-flow subgraphs are `graph`
 *   attributes of their calling node (the same Graph object wherever a subgraph is called);
 * - nodes in domain 'tflite' named by BuiltinOperator ('tflite.custom': the custom code);
 * - options tables as attributes under their schema names, absent fields at their schema defaults;
 * - every tensor's declared type in valueInfo, constant tensors as initializers whose bytes are
 *   views into the file (buffers stored after the FlatBuffer at offset/size included);
 * - variable tensors (LSTM / SVDF state) as initializers marked `variable` (state, not params);
 * - sparse constant tensors as sparse initializers (values: the buffer's stored elements).
 *
 * Every offset is bounds-checked (fb.ts); indices (operator codes, tensors, buffers, subgraphs)
 * are range-checked; subgraph calls may not form a cycle.
 */
import type { DType } from '../../graph/dtype.js';
import type { Attr, Dim, Graph, Model, Node, SparseTensorData, TensorData, TensorStorage, ValueInfo } from '../../graph/model.js';
import { DecodeError } from '../../errors.js';
import { quoteToken } from '../../util/sanitize.js';
import { DEFAULT_MAX_NODES, TooManyNodesError } from '../types.js';
import { FbReader, type Table } from './fb.js';
import { ENUMS, TABLES } from './schema_meta_generated.js';

export interface TfliteDecodeOptions {
  maxNodes?: number;
  /**
   * The size of the whole file when `bytes` is only its beginning (a file above the size that is
   * read whole): buffers stored past the bytes read become references into the file (storage
   * 'external' with location '', checked against this size, never read).
   */
  fileSize?: number;
}

/** Subgraph calls nested deeper than this are refused (a chain A → B → C ... in a crafted file). */
export const MAX_SUBGRAPH_DEPTH = 64;

const CUSTOM_CODE = 32;

/** TFLite TensorType code → the project's dtype (null: RESOURCE, VARIANT and types the project has not). */
const DTYPES: Record<string, DType> = {
  FLOAT32: 'float32',
  FLOAT16: 'float16',
  BFLOAT16: 'bfloat16',
  FLOAT64: 'float64',
  INT8: 'int8',
  INT16: 'int16',
  INT32: 'int32',
  INT64: 'int64',
  UINT8: 'uint8',
  UINT16: 'uint16',
  UINT32: 'uint32',
  UINT64: 'uint64',
  INT4: 'int4',
  INT2: 'int2',
  UINT4: 'uint4',
  BOOL: 'bool',
  STRING: 'string',
  COMPLEX64: 'complex64',
  COMPLEX128: 'complex128',
  FLOAT8_E4M3FN: 'float8e4m3fn',
  FLOAT8_E5M2: 'float8e5m2',
};

export function tfliteDtype(code: number): DType | null {
  const name = ENUMS.TensorType.values.get(code);
  return name !== undefined ? (DTYPES[name] ?? null) : null;
}

const BYTES: Partial<Record<DType, number>> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  bool: 1,
  complex64: 8,
  complex128: 16,
  float8e4m3fn: 1,
  float8e5m2: 1,
};

/** A BuiltinOperator code's name ('CONV_2D'), or `BUILTIN_<code>` for a code this schema does not know. */
export function builtinName(code: number): string {
  return ENUMS.BuiltinOperator.values.get(code) ?? `BUILTIN_${code}`;
}

interface RawTensor {
  index: number;
  name: string;
  type: number;
  shape: number[];
  signature: number[] | null;
  buffer: number;
  variable: boolean;
  sparsity: Table | null;
}

interface RawSubgraph {
  index: number;
  table: Table;
  name: string;
  tensors: RawTensor[];
  operators: Table[];
  inputs: number[];
  outputs: number[];
}

interface OpCode {
  domain: string;
  opType: string;
}

export function decodeTflite(bytes: Uint8Array, options: TfliteDecodeOptions = {}): Model {
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  if (bytes.length < 8) throw new DecodeError('the file is truncated (shorter than a FlatBuffer header)', bytes.length);
  if (String.fromCharCode(bytes[4], bytes[5], bytes[6], bytes[7]) !== 'TFL3') {
    throw new DecodeError('the FlatBuffer identifier is not TFL3', 4);
  }
  const fileSize = options.fileSize !== undefined && options.fileSize > bytes.length ? options.fileSize : bytes.length;
  const r = new FbReader(bytes);
  const model = r.root('Model');
  const version = model.num('version');
  const description = model.str('description') ?? '';

  const opcodes: OpCode[] = model.tables('operator_codes').map((oc) => {
    const code = Math.max(oc.num('deprecated_builtin_code'), oc.num('builtin_code'));
    if (code === CUSTOM_CODE) return { domain: 'tflite.custom', opType: oc.str('custom_code') ?? '' };
    return { domain: 'tflite', opType: builtinName(code) };
  });
  const bufferTables = model.tables('buffers');
  const subgraphTables = model.tables('subgraphs');
  if (subgraphTables.length === 0) throw new DecodeError('the model has no subgraph', 0);

  // The node limit first, from the vector lengths alone.
  let nodeCount = 0;
  for (const sg of subgraphTables) {
    const f = sg.field('operators');
    const pos = sg.ref(f[4]);
    if (pos) nodeCount += r.u32(pos);
    if (nodeCount > maxNodes) throw new TooManyNodesError(maxNodes);
  }

  const raws: RawSubgraph[] = subgraphTables.map((t, index) => readSubgraph(t, index));
  const names = uniqueNames(raws);

  const buffers = new Map<number, TensorStorage | null>();
  const bufferStorage = (index: number, at: () => string): TensorStorage | null => {
    if (index === 0) return null;
    if (index >= bufferTables.length) throw new DecodeError(`${at()} refers to buffer ${index}, but the model has ${bufferTables.length} buffers`, 0);
    const hit = buffers.get(index);
    if (hit !== undefined) return hit;
    const b = bufferTables[index];
    let storage: TensorStorage | null = null;
    const offset = b.num('offset');
    const size = b.num('size');
    if (offset > 1) {
      if (offset + size > fileSize) {
        throw new DecodeError(`buffer ${index} (bytes ${offset} to ${offset + size}) runs past the end of the file`, b.pos);
      }
      if (size > 0) {
        storage =
          offset + size <= bytes.length
            ? { kind: 'raw', bytes: bytes.subarray(offset, offset + size) }
            : { kind: 'external', location: '', offset, length: size };
      }
    } else {
      const data = b.bytes('data');
      if (data && data.length > 0) storage = { kind: 'raw', bytes: data };
    }
    buffers.set(index, storage);
    return storage;
  };

  const graphs = new Map<number, Graph>();
  const building = new Set<number>();
  const stack: number[] = [];

  const subgraphAt = (index: number, from: string): Graph => {
    if (!Number.isInteger(index) || index < 0 || index >= raws.length) {
      throw new DecodeError(`${from} refers to subgraph ${index}, but the model has ${raws.length} subgraphs`, 0);
    }
    const done = graphs.get(index);
    if (done) return done;
    if (building.has(index)) {
      const cycle = [...stack.slice(stack.indexOf(index)), index].join(' → ');
      throw new DecodeError(`subgraph calls form a cycle (${cycle}), which would never end`, raws[index].table.pos);
    }
    if (stack.length >= MAX_SUBGRAPH_DEPTH) throw new DecodeError(`subgraph calls are nested more than ${MAX_SUBGRAPH_DEPTH} deep`, raws[index].table.pos);
    building.add(index);
    stack.push(index);
    const g = buildGraph(raws[index]);
    stack.pop();
    building.delete(index);
    graphs.set(index, g);
    return g;
  };

  const buildGraph = (raw: RawSubgraph): Graph => {
    const k = raw.index;
    const tn = names[k];
    const where = k === 0 ? '' : ` of subgraph ${k}`;
    // Messages are built only when something is wrong (quoting an op type costs a regular expression).
    const tensorName = (i: number, at: () => string): string => {
      if (!Number.isInteger(i) || i < 0 || i >= raw.tensors.length) {
        throw new DecodeError(`${at()}${where} refers to tensor ${i}, but the subgraph has ${raw.tensors.length} tensors`, raw.table.pos);
      }
      return tn[i];
    };
    const valueInfo: ValueInfo[] = [];
    const initializers: TensorData[] = [];
    const sparseInitializers: SparseTensorData[] = [];
    for (const t of raw.tensors) {
      const name = tn[t.index];
      const dtype = tfliteDtype(t.type);
      valueInfo.push({ name, type: { kind: 'tensor', dtype, shape: declaredShape(t) } });
      const storage = bufferStorage(t.buffer, () => `tensor ${quoteToken(name)}${where}`);
      if (t.sparsity && storage) {
        sparseInitializers.push(sparseTensor(t, name, dtype, storage));
      } else if (storage || t.variable) {
        const data: TensorData = { name, dtype, dtypeCode: t.type, dims: t.shape.map((d) => Math.max(d, 0)), storage: storage ?? { kind: 'empty' } };
        if (t.variable) data.variable = true;
        initializers.push(data);
      }
    }
    const nodes: Node[] = raw.operators.map((op, oi) => {
      const at = `operator ${oi}`;
      const opcodeIndex = op.num('opcode_index');
      if (opcodeIndex >= opcodes.length) {
        throw new DecodeError(`${at}${where} uses operator code ${opcodeIndex}, but the model has ${opcodes.length} operator codes`, op.pos);
      }
      const { domain, opType } = opcodes[opcodeIndex];
      const inputs = (op.nums('inputs') ?? []).map((i) => (i === -1 ? '' : tensorName(i, () => `${at} (${quoteToken(opType)}) input`)));
      const outputs = (op.nums('outputs') ?? []).map((i) => (i === -1 ? '' : tensorName(i, () => `${at} (${quoteToken(opType)}) output`)));
      const attrs = new Map<string, Attr>();
      const label = () => `${at}${where} (${quoteToken(opType)})`;
      for (const u of ['builtin_options', 'builtin_options_2']) {
        const opt = op.union(u);
        if (!opt) continue;
        if (!opt.table) {
          if (opt.member === '') throw new DecodeError(`${label()} has ${u} of unknown type ${opt.code}`, op.pos);
          continue;
        }
        optionAttrs(opt.table, attrs, (index) => subgraphAt(index, label()));
      }
      const first = outputs.find((o) => o !== '');
      return { name: first ?? `${opType}#${oi}`, opType, domain, inputs, outputs, attrs };
    });
    // A tensor read but neither produced, an input nor constant (a variable's state, an Ethos-U
    // scratch area): the runtime allocates it; its shape and type are known and it holds no weights.
    const available = new Set<string>([...initializers.map((t) => t.name), ...sparseInitializers.map((t) => t.name)]);
    for (const i of raw.inputs) if (i >= 0 && i < tn.length) available.add(tn[i]);
    for (const n of nodes) for (const o of n.outputs) available.add(o);
    const indexOf = new Map(tn.map((name, i) => [name, i]));
    for (const n of nodes) {
      for (const name of n.inputs) {
        if (name === '' || available.has(name)) continue;
        available.add(name);
        const t = raw.tensors[indexOf.get(name)!];
        initializers.push({
          name,
          dtype: tfliteDtype(t.type),
          dtypeCode: t.type,
          dims: t.shape.map((d) => Math.max(d, 0)),
          storage: { kind: 'empty' },
          variable: true,
        });
      }
    }
    const io = (list: number[], what: string): ValueInfo[] =>
      list.map((i) => {
        tensorName(i, () => `subgraph ${what}`);
        return valueInfo[i];
      });
    return {
      name: raw.name,
      nodes,
      inputs: io(raw.inputs, 'input'),
      outputs: io(raw.outputs, 'output'),
      valueInfo,
      initializers,
      sparseInitializers,
    };
  };

  function readSubgraph(t: Table, index: number): RawSubgraph {
    const tensors = t.tables('tensors').map((tt, i): RawTensor => {
      const shape = tt.nums('shape') ?? [];
      return {
        index: i,
        name: tt.str('name') ?? '',
        type: tt.num('type'),
        shape,
        signature: tt.nums('shape_signature'),
        buffer: tt.num('buffer'),
        variable: tt.num('is_variable') !== 0,
        sparsity: tt.sub('sparsity'),
      };
    });
    return {
      index,
      table: t,
      name: t.str('name') ?? (index === 0 ? 'main' : `subgraph_${index}`),
      tensors,
      operators: t.tables('operators'),
      inputs: t.nums('inputs') ?? [],
      outputs: t.nums('outputs') ?? [],
    };
  }

  const main = subgraphAt(0, 'the model');
  // Every other subgraph is checked too (indices, cycles), even one no operator calls.
  for (let k = 1; k < raws.length; k++) subgraphAt(k, 'the model');

  const metadata = new Map<string, string>();
  signatureAliases(model, raws, names, metadata);

  return {
    format: { format: 'tflite', version, producer: description },
    opsetImports: new Map([['tflite', version]]),
    graph: main,
    functions: [],
    metadata,
  };
}

/** The declared shape: `shape`, with null where `shape_signature` says -1 (a dynamic dim). */
function declaredShape(t: RawTensor): Dim[] {
  const sig = t.signature && t.signature.length === t.shape.length ? t.signature : null;
  return t.shape.map((d, i) => (d < 0 || (sig !== null && sig[i] < 0) ? null : d));
}

/**
 * A sparse constant: the buffer holds the stored (non-zero) elements, so its values are a 1-D
 * tensor of that many elements (the params, as ONNX sparse initializers count their values); the
 * indices are the innermost sparse dimension's CSR array_indices (metadata); dims the dense shape.
 */
function sparseTensor(t: RawTensor, name: string, dtype: DType | null, storage: TensorStorage): SparseTensorData {
  const width = dtype ? (BYTES[dtype] ?? 0) : 0;
  const stored = storage.kind === 'raw' ? storage.bytes.length : storage.kind === 'external' ? (storage.length ?? 0) : 0;
  const count = width > 0 ? Math.floor(stored / width) : dtype === 'int4' || dtype === 'uint4' ? stored * 2 : stored;
  const values: TensorData = { name: `${name}/values`, dtype, dtypeCode: t.type, dims: [count], storage };
  let indices: TensorData = { name: `${name}/indices`, dtype: 'int32', dtypeCode: 2, dims: [0], storage: { kind: 'empty' } };
  const dims = t.sparsity!.tables('dim_metadata');
  for (let i = dims.length - 1; i >= 0; i--) {
    const dm = dims[i];
    if (dm.num('format') !== 1) continue; // SPARSE_CSR
    const u = dm.union('array_indices');
    if (!u?.table) break;
    const [dt, code, w] =
      u.member === 'Uint8Vector' ? (['uint8', 3, 1] as const) : u.member === 'Uint16Vector' ? (['uint16', 16, 2] as const) : (['int32', 2, 4] as const);
    const v = u.table.vectorBytes('values', w);
    if (v) indices = { name: `${name}/indices`, dtype: dt, dtypeCode: code, dims: [v.length / w], storage: { kind: 'raw', bytes: v } };
    break;
  }
  return { name, values, indices, dims: t.shape.map((d) => Math.max(d, 0)) };
}

/** An options table's fields as attributes (see the module comment). */
function optionAttrs(t: Table, attrs: Map<string, Attr>, subgraph: (index: number) => Graph): void {
  for (const f of TABLES[t.type] ?? []) {
    const [name, kind, vector, elem, , , deprecated] = f;
    if (deprecated) continue;
    if (kind === 'table' || kind === 'union') continue; // nested StableHLO tables: not needed by any rule
    if (name.endsWith('_subgraph_index') && !vector && kind === 'scalar') {
      attrs.set(name.slice(0, -'_index'.length), { type: 'graph', value: subgraph(t.numField(f)) });
    } else if (name.endsWith('_subgraph_indices') && vector) {
      attrs.set(name.slice(0, -'_indices'.length) + 's', { type: 'graphs', value: (t.numsField(f) ?? []).map(subgraph) });
    } else if (t.type === 'CallOptions' && name === 'subgraph') {
      attrs.set('subgraph', { type: 'graph', value: subgraph(t.numField(f)) });
    } else if (kind === 'string') {
      if (vector) attrs.set(name, { type: 'strings', value: t.strings(f) });
      else attrs.set(name, { type: 'string', value: t.str(name) ?? '' });
    } else if (kind === 'enum') {
      const names = ENUMS[elem].values;
      if (vector) attrs.set(name, { type: 'strings', value: (t.numsField(f) ?? []).map((v) => names.get(v) ?? String(v)) });
      else {
        const v = t.numField(f);
        attrs.set(name, { type: 'string', value: names.get(v) ?? String(v) });
      }
    } else if (elem === 'float' || elem === 'double') {
      if (vector) attrs.set(name, { type: 'floats', value: t.numsField(f) ?? [] });
      else attrs.set(name, { type: 'float', value: t.numField(f) });
    } else if (vector) {
      attrs.set(name, { type: 'ints', value: t.numsField(f) ?? [] });
    } else {
      attrs.set(name, { type: 'int', value: t.numField(f) });
    }
  }
}

/**
 * Tensor names, unique in the model: an empty or repeated name becomes `<name or 'tensor'>#<index>`;
 * a name of subgraph k > 0 already used by an earlier subgraph gets `@k`.
 */
function uniqueNames(raws: RawSubgraph[]): string[][] {
  const used = new Set<string>();
  const next = new Map<string, number>();
  return raws.map((sg) => {
    const local = new Set<string>();
    const out = sg.tensors.map((t) => {
      let name = t.name;
      if (name === '' || local.has(name)) name = `${name || 'tensor'}#${t.index}`;
      local.add(t.name);
      if (used.has(name) && sg.index > 0) name = `${name}@${sg.index}`;
      let n = name;
      for (let i = next.get(name) ?? 2; used.has(n); i++) {
        n = `${name}~${i}`;
        next.set(name, i + 1);
      }
      used.add(n);
      return n;
    });
    return out;
  });
}

/**
 * Signature names: where a SignatureDef of subgraph 0 names an input differently from its
 * tensor, `tflite.signature_input.<signature name>` in the metadata holds the tensor's name, so
 * `--dims <signature name>[<axis>]=n` binds the tensor's dynamic dim (src/analysis/infer.ts).
 */
function signatureAliases(model: Table, raws: RawSubgraph[], names: string[][], metadata: Map<string, string>): void {
  for (const sig of model.tables('signature_defs')) {
    const k = sig.num('subgraph_index');
    if (k >= raws.length) throw new DecodeError(`a signature refers to subgraph ${k}, but the model has ${raws.length} subgraphs`, sig.pos);
    if (k !== 0) continue;
    for (const m of sig.tables('inputs')) {
      const alias = m.str('name');
      const i = m.num('tensor_index');
      if (i >= raws[0].tensors.length)
        throw new DecodeError(`a signature input refers to tensor ${i}, but the subgraph has ${raws[0].tensors.length} tensors`, m.pos);
      if (alias !== null && alias !== names[0][i]) metadata.set(`tflite.signature_input.${alias}`, names[0][i]);
    }
  }
}

/**
 * The versioned report object (what `--format json` prints). Every renderer starts from it.
 * Schema: the README, "JSON report" (schemaVersion 1); fields are only added within a version.
 */
import type { Info } from '../graph/info.js';
import type { Dim, FormatId, FormatInfo } from '../graph/model.js';
import type { Fusion, OpClass, TimingHints } from '../devices/op-class.js';
import type { InferResult, NodeResult, ValueRef } from '../analysis/infer.js';
import type { OpCost } from '../ops/types.js';
import { byOpType, nodeUpper, totals, type OpTypeTotals, type Totals } from '../analysis/aggregate.js';
import { LazyList, itemsOf, lazyMember, topItems } from './lazy-list.js';
import { jsonString } from './json.js';

export const SCHEMA_VERSION = 1;

export interface TensorEntry {
  name: string;
  /** 'tensor' unless a sequence / optional / map; for those, dtype and shape are the element's. */
  kind?: 'sequence' | 'optional' | 'map';
  dtype: string | null;
  shape: Dim[] | null;
}

export interface NodeEntry {
  name: string;
  opType: string;
  domain?: string;
  inputs: TensorEntry[];
  outputs: TensorEntry[];
  params: number;
  macs: number | null;
  flops: number | null;
  bytesRead: number | null;
  bytesWritten: number | null;
  /** FLOPs per byte moved (null when either is unknown or no bytes move). */
  intensity: number | null;
  /** Present (false) only for an operator with no rule: cost is an estimate. */
  supported?: false;
  /** The kind of kernel it runs (src/devices/op-class.ts); absent in reports written before op classes. */
  opClass?: OpClass;
  /** What the roofline needs beyond the tensor bytes (rows a Gather reads, recurrent steps). */
  timing?: TimingHints;
  /** Per device (with --device): estimated time in microseconds and what bounds it. */
  latency?: Record<string, { us: number; bound: string }>;
  /**
   * Only on a node whose figures are unknown: upper bounds with its data-dependent sizes at
   * their static maximum (null where there is none).
   */
  upper?: { macs: number | null; flops: number | null; bytes: number | null };
  /** Present (true) when `macs` / `flops` are only a lower bound (a Loop with an unknown trip count). */
  lowerBound?: true;
}

/** A model's estimated latency on one device (see docs/roofline.md). */
export interface LatencyReport {
  device: string;
  name: string;
  ms: number;
  computeMs: number;
  memoryMs: number;
  overheadMs: number;
  bound: 'compute' | 'memory' | 'overhead';
  utilization: number;
  precision: string;
  ridgePoint: number;
  achievedFlops: number;
  kernels: number;
  /**
   * The device-wide figures; `runOverheadUs`: what one inference call costs beyond its kernels (in `ms`), when the device has one;
   * `threadWakeUs`: what waking the worker threads costs a pass with a multi-threaded kernel, when the device has one (in `ms` when charged).
   */
  efficiency: { compute: number; memory: number; kernelOverheadUs: number; runOverheadUs?: number; threadWakeUs?: number };
  /**
   * The runtime model: 'standard' folds element-wise epilogues into conv / gemm kernels and makes
   * views free; 'onnxruntime' as ONNX Runtime's CPU provider fuses; 'none' runs every node.
   */
  fusion?: Fusion;
  /** Where the time goes, per op class: milliseconds and kernels launched. */
  byClass?: Partial<Record<OpClass, { ms: number; kernels: number }>>;
  /** The figures used for each op class that launched kernels (device-wide unless the class has its own). */
  classes?: Partial<Record<OpClass, { computeEfficiency: number; kernelOverheadUs: number; memoryEfficiency?: number }>>;
  /** The last-level cache the estimate used: bytes, and bandwidth in bytes/s. */
  cache?: { bytes: number; bandwidth: number };
  /** True when some node's FLOPs or bytes are unknown: `ms` is a lower bound. */
  lowerBound?: boolean;
  /** With `lowerBound`: the estimate at every data-dependent size's maximum, when every such node has one. */
  upperBoundMs?: number;
}

export interface ModelReport {
  path: string;
  fileBytes: number;
  /** The file format ('onnx', 'tflite'); absent in reports written before formats were told apart (ONNX). */
  format?: FormatId;
  /** The format's version: ONNX IR version, TFLite schema version (with `format`). */
  formatVersion?: number;
  /** ONNX's IR version; 0 for a model in another format (see `format`, `formatVersion`). */
  irVersion: number;
  producer: string;
  opset: number;
  opsetImports: Record<string, number>;
  dims: Record<string, number>;
  defaultedDims: string[];
  graph: { inputs: TensorEntry[]; outputs: TensorEntry[] };
  totals: Totals;
  byOpType: Record<string, OpTypeTotals>;
  /** Per device id, when devices were asked for. */
  latency?: Record<string, LatencyReport>;
  /** The KV cache of a decoder, when one is recognised (src/analysis/kv-cache.ts). */
  kvCache?: KvCacheInfo;
  /**
   * With phases (a budgets file's `phases` / `generate`): the model at each phase's dims, by
   * phase name, in the file's order. The report's own figures stay those of the model's `dims`.
   */
  phases?: Record<string, PhaseReport>;
  nodes: NodeEntry[];
  warnings: { node: string; message: string }[];
}

/** A decoder's KV cache: the graph inputs and outputs that hold it. */
export interface KvCacheInfo {
  /** Graph inputs holding the cache of earlier steps (past keys / values), in graph order. */
  past: string[];
  /** Graph outputs holding the cache this step leaves (present keys / values), in graph order. */
  present: string[];
  /** How they were found: the graph's structure, the names exporters use, or the budgets file. */
  found: 'structure' | 'names' | 'config';
  /** The symbolic dims on the past inputs' sequence axis (what a prefill with an empty cache sets to 0). */
  pastDims: string[];
  /**
   * The peak of live activations leaving the cache tensors out (past inputs, present outputs):
   * memory at a phase = weights + kvCacheBytes + this (the cache is counted once, at its size
   * after the step). Absent when shapes are unknown.
   */
  otherPeakBytes?: number;
}

/**
 * One phase of a model: the model analysed at the phase's dims (`prefill`, `decode`, any name a
 * budgets file gives), or `generate`: a prefill of `prompt` tokens then one decode step per further
 * output token, each at its growing context, summed as serving benchmarks report end-to-end.
 */
export interface PhaseReport {
  /** The dims this phase was analysed at (for generate: the prefill's). */
  dims: Record<string, number>;
  /**
   * The phase's totals. For generate: macs, coreMacs, flops and memoryAccessBytes summed over the
   * prefill and every decode step; peakActivationBytes and kvCacheBytes the largest of any step.
   */
  totals: Totals;
  /** Memory the phase needs: weights + KV cache + peak of the other activations (KvCacheInfo.otherPeakBytes), in bytes. */
  memoryBytes: number;
  /** Tokens one run of the phase takes in, over the batch (elements of the token-ids input); null when unknown. */
  tokens: number | null;
  /** FLOPs, MACs and bytes moved per op class (for the roofline picture: prefill compute-bound, decode memory-bound). */
  byClass: Partial<Record<OpClass, { macs: number; flops: number; bytes: number }>>;
  /** Per device id, when devices were asked for. */
  latency?: Record<string, PhaseLatency>;
  /** Only for generate: what it ran. */
  generate?: { prompt: number; tokens: number; decodeSteps: number };
}

/** A phase's estimated latency on one device. */
export interface PhaseLatency {
  /** The phase's time (generate: end to end, prefill + every decode step). */
  ms: number;
  computeMs: number;
  memoryMs: number;
  overheadMs: number;
  /** What bounds it (generate: the largest of the summed parts). */
  bound: 'compute' | 'memory' | 'overhead';
  /** decode: tokens per step × 1000 / ms; generate: batch × decode steps over the decode time. */
  tokensPerSecond?: number;
  /** prefill: its ms; generate: the prefill's ms. */
  timeToFirstTokenMs?: number;
  /** True when some node's figures are unknown: `ms` is a lower bound. */
  lowerBound?: boolean;
  /**
   * Where the phase's time goes, per op class (as LatencyReport.byClass; generate: summed over its
   * steps). Optional: the HTML roofline places a class at its achieved FLOP/s when its time is
   * here, on the attainable roof when not.
   */
  byClass?: Partial<Record<OpClass, { ms: number; kernels: number }>>;
  /** With `lowerBound`: the estimate at every data-dependent size's maximum, where known (not for generate). */
  upperBoundMs?: number;
}

export interface AnalyzeReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  models: ModelReport[];
}

export function tensorEntry(name: string, info: Info | null): TensorEntry {
  if (!info) return { name, dtype: null, shape: null };
  switch (info.kind) {
    case 'tensor':
      // The inferred shape itself (shapes are never changed once inferred): a copy per node costs memory on big graphs.
      return { name, dtype: info.dtype, shape: info.shape };
    case 'sequence':
      return { name, kind: 'sequence', dtype: info.elem?.dtype ?? null, shape: info.elem?.shape ?? null };
    case 'optional': {
      const inner = info.elem && info.elem.kind === 'tensor' ? info.elem : null;
      return { name, kind: 'optional', dtype: inner?.dtype ?? null, shape: inner?.shape ?? null };
    }
    case 'map':
      return { name, kind: 'map', dtype: info.key, shape: null };
  }
}

function nodeEntry(n: NodeResult, r: InferResult, i: number): NodeEntry {
  const e: NodeEntry = {
    name: n.name,
    opType: n.opType,
    inputs: tensorEntries(n.inputs),
    outputs: tensorEntries(n.outputs),
    params: n.params,
    macs: n.cost?.macs ?? null,
    flops: n.cost?.flops ?? null,
    bytesRead: n.bytesRead,
    bytesWritten: n.bytesWritten,
    intensity: intensity(n.cost?.flops ?? null, n.bytesRead, n.bytesWritten),
  };
  if (n.domain) e.domain = n.domain;
  if (!n.supported) e.supported = false;
  e.opClass = n.opClass;
  if (n.cost?.timing) e.timing = { ...n.cost.timing };
  if (n.cost?.partial) e.lowerBound = true;
  if (!n.cost || n.cost.partial || n.bytesRead === null || n.bytesWritten === null) {
    const u = nodeUpper(r, i);
    if (u.cost || u.bytes !== null) e.upper = { macs: u.cost?.macs ?? null, flops: u.cost?.flops ?? null, bytes: u.bytes };
  }
  return e;
}

/**
 * `JSON.stringify(nodeEntry(n, r, i))` written directly (the JSON writer's rows of a report's
 * nodes): no entry object, no per-value objects. The same keys in the same order; every string
 * through jsonString (JSON.stringify's escaping plus the writer's extra escapes); timing and upper
 * hold numbers only.
 */
function nodeText(n: NodeResult, r: InferResult, i: number, known: Map<Info, string>, tails: Tails): string {
  const head = `{"name":${jsonString(n.name)},"opType":${jsonString(n.opType)},"inputs":${tensorsText(n, n.inputNames, 0, known)},"outputs":${tensorsText(n, n.outputNames, n.inputNames.length, known)}`;
  const cost = n.cost;
  // Nodes that repeat one another share their cost object (inference reuses a rule's result):
  // the rest of their line is the same text, made once. Nodes of different kinds can share one
  // too (every shape operation's zero cost): the few tails of a cost object are kept side by side.
  const reusable = cost !== null && !cost.partial && n.bytesRead !== null && n.bytesWritten !== null;
  let kept: Tail[] | undefined;
  if (reusable) {
    kept = tails.byCost.get(cost);
    if (kept) {
      for (let k = 0; k < kept.length; k++) {
        const t = kept[k];
        if (
          t.params === n.params &&
          t.bytesRead === n.bytesRead &&
          t.bytesWritten === n.bytesWritten &&
          t.domain === n.domain &&
          t.supported === n.supported &&
          t.opClass === n.opClass
        )
          return head + t.text;
      }
    }
  }
  const text = tailText(n, r, i);
  if (reusable && tails.count < KNOWN_TAILS) {
    const tail = { params: n.params, bytesRead: n.bytesRead, bytesWritten: n.bytesWritten, domain: n.domain, supported: n.supported, opClass: n.opClass, text };
    if (!kept) tails.byCost.set(cost, [tail]);
    else if (kept.length < TAILS_PER_COST) kept.push(tail);
    else kept[kept.length - 1] = tail; // (a cost object with many tails: the last place turns over)
    tails.count++;
  }
  return head + text;
}

/** Line tails made and kept in all (one per reused rule result and kind of node, in a graph of repeated blocks: a few). */
const KNOWN_TAILS = 4096;
/** Tails kept for one cost object (a shared zero cost has one per kind of shape operation). */
const TAILS_PER_COST = 16;

/** The line tails a report's writing keeps, by the cost object they were made for, and how many in all. */
interface Tails {
  byCost: Map<OpCost, Tail[]>;
  count: number;
}

/** A node line's text after its outputs, and what it was made from (see nodeText). */
interface Tail {
  params: number;
  bytesRead: number | null;
  bytesWritten: number | null;
  domain: string;
  supported: boolean;
  opClass: OpClass | undefined;
  text: string;
}

function tailText(n: NodeResult, r: InferResult, i: number): string {
  const cost = n.cost;
  const flops = cost ? cost.flops : null;
  let s = `,"params":${num(n.params)},"macs":${num(cost ? cost.macs : null)},"flops":${num(flops)},"bytesRead":${num(n.bytesRead)},"bytesWritten":${num(n.bytesWritten)},"intensity":${num(intensity(flops, n.bytesRead, n.bytesWritten))}`;
  if (n.domain) s += `,"domain":${jsonString(n.domain)}`;
  if (!n.supported) s += ',"supported":false';
  if (n.opClass !== undefined) s += `,"opClass":${jsonString(n.opClass)}`;
  if (cost?.timing) s += `,"timing":${JSON.stringify({ ...cost.timing })}`;
  if (cost?.partial) s += ',"lowerBound":true';
  if (!cost || cost.partial || n.bytesRead === null || n.bytesWritten === null) {
    const u = nodeUpper(r, i);
    if (u.cost || u.bytes !== null) s += `,"upper":${JSON.stringify({ macs: u.cost?.macs ?? null, flops: u.cost?.flops ?? null, bytes: u.bytes })}`;
  }
  return `${s}}`;
}

/** A number (or null) as JSON.stringify writes it. */
function num(v: number | null): string {
  return v !== null && Number.isFinite(v) ? String(v) : 'null';
}

function dimsText(shape: readonly Dim[] | null | undefined): string {
  if (shape === null || shape === undefined) return 'null';
  let s = '[';
  for (let k = 0; k < shape.length; k++) {
    const d = shape[k];
    if (k > 0) s += ',';
    s += typeof d === 'number' ? num(d) : typeof d === 'string' ? jsonString(d) : 'null';
  }
  return `${s}]`;
}

/**
 * Text of a tensor's entry after its name (`,"dtype":...,"shape":[...]}`) by its info, for the infos
 * met first: a big graph's values share a few infos (the run pools them), each written once here.
 */
const KNOWN_INFOS = 4096;

/** `JSON.stringify(tensorEntries(n.inputs))` (from 0) or of `n.outputs` (from the inputs' count), read through the names. */
function tensorsText(n: NodeResult, names: readonly string[], from: number, known: Map<Info, string>): string {
  let s = '[';
  let first = true;
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
    if (name === '') continue;
    s += first ? '{"name":' : ',{"name":';
    first = false;
    s += jsonString(name);
    const info = n.valueInfo(from + k);
    if (!info) s += ',"dtype":null,"shape":null}';
    else {
      switch (info.kind) {
        case 'tensor': {
          let text = known.get(info);
          if (text === undefined) {
            text = `,"dtype":${info.dtype === null ? 'null' : jsonString(info.dtype)},"shape":${dimsText(info.shape)}}`;
            if (known.size < KNOWN_INFOS) known.set(info, text);
          }
          s += text;
          break;
        }
        default: {
          const e = tensorEntry(name, info);
          s += `,"kind":${jsonString(e.kind as string)},"dtype":${e.dtype === null ? 'null' : jsonString(e.dtype)},"shape":${dimsText(e.shape)}}`;
        }
      }
    }
  }
  return `${s}]`;
}

/** The named values' entries, in an array of their number (filter + map would leave spare room in each). */
function tensorEntries(refs: readonly ValueRef[]): TensorEntry[] {
  let named = 0;
  for (const r of refs) if (r.name !== '') named++;
  const out = new Array<TensorEntry>(named);
  let k = 0;
  for (const r of refs) if (r.name !== '') out[k++] = tensorEntry(r.name, r.info);
  return out;
}

function intensity(flops: number | null, read: number | null, written: number | null): number | null {
  if (flops === null || read === null || written === null || read + written === 0) return null;
  return flops / (read + written);
}

export interface ModelSource {
  path: string;
  fileBytes: number;
  /** The file's format and header (Model.format). */
  format: FormatInfo;
  notices: string[];
}

/**
 * The report of an analysed model. Its `nodes` are made from the analysis when first read (and
 * kept); until then the JSON writer streams them and the renderers rank them an entry at a time
 * (src/report/lazy-list.ts), so a big graph's entries are never all held at once.
 */
export function modelReport(src: ModelSource, r: InferResult): ModelReport {
  const onnx = src.format.format === 'onnx';
  const report: ModelReport = {
    path: src.path,
    fileBytes: src.fileBytes,
    format: src.format.format,
    formatVersion: src.format.version,
    irVersion: src.format.format === 'onnx' ? src.format.version : 0,
    producer: src.format.producer,
    // ONNX's default-domain opset; another format has none (0), and only its own operator domains.
    opset: onnx ? r.opset : 0,
    opsetImports: Object.fromEntries([...r.opsetImports].filter(([d]) => onnx || d !== '').map(([d, v]) => [d === '' ? 'ai.onnx' : d, v])),
    dims: r.dims,
    defaultedDims: r.defaultedDims,
    graph: {
      inputs: r.inputs.map((i) => tensorEntry(i.name, i.info)),
      outputs: r.outputs.map((o) => tensorEntry(o.name, o.info)),
    },
    totals: totals(r),
    byOpType: byOpType(r.nodes),
    nodes: [], // in place (the key order of the JSON report), made lazy below
    warnings: [...src.notices.map((message) => ({ node: '', message })), ...r.warnings],
  };
  const nodes = r.nodes;
  const known = new Map<Info, string>();
  const tails: Tails = { byCost: new Map(), count: 0 };
  lazyMember(
    report,
    'nodes',
    new LazyList(
      nodes.length,
      (i) => nodeEntry(nodes[i], r, i),
      true,
      (i) => nodeText(nodes[i], r, i, known, tails),
    ),
  );
  return report;
}

/** The report's nodes in graph order, read one at a time (never all built when they are still lazy). */
export function reportNodes(m: ModelReport): Iterable<NodeEntry> & { readonly length: number } {
  return itemsOf<NodeEntry>(m, 'nodes');
}

/**
 * The `top` costliest nodes by FLOPs among those with FLOPs or params, ties in graph order, with
 * their index: one pass over the nodes, holding at most `top`.
 */
export function topNodesByFlops(m: ModelReport, top: number): { n: NodeEntry; i: number }[] {
  return topItems(
    reportNodes(m),
    top,
    (n) => (n.flops ?? 0) > 0 || n.params > 0,
    (a, b) => (b.flops ?? 0) - (a.flops ?? 0),
  ).map(({ item, index }) => ({ n: item, i: index }));
}

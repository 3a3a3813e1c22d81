/**
 * Reading a model file from disk: recognise its format, decode it with that format's reader, and check its external-data
 * references (they must stay inside the model's folder and exist) without reading them.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Graph, Model, TensorData } from '../graph/model.js';
import { NeedBytesError, TooManyNodesError } from '../formats/types.js';
import { sniff } from '../formats/sniff.js';
import { formatNames } from '../formats/registry.js';
import { DecodeError, InputError } from '../errors.js';
import { quoteToken } from '../util/sanitize.js';
import { MAX_MODEL_BYTES, MiB, readFileRangesSafe, readFileSafe, realFolder, resolveRegularFile, withFileSafe, type Confinement } from './safe-open.js';
import { decodeModel } from '../formats/onnx/decode.js';
import { skimModel } from '../formats/onnx/skim.js';

export interface LoadOptions {
  /** Analyse a graph whose external weight files are absent (a notice is added instead). */
  allowMissingWeights?: boolean;
  /** Where the model may live (see src/io/safe-open.ts); default: no confinement. */
  confine?: Confinement;
  /** The path as the user wrote it, for messages (default: `path`). */
  display?: string;
  /** Refuse a model with more nodes than this (default: the decoder's DEFAULT_MAX_NODES). */
  maxNodes?: number;
  /** Skim ONNX files from this size on (default {@link SKIM_FROM_BYTES}; tests set it low). */
  skimFromBytes?: number;
}

export interface LoadedModel {
  path: string;
  bytes: number;
  model: Model;
  /** Notices about the file (missing external weights that were allowed). */
  notices: string[];
}

export function loadModelFile(path: string, options: LoadOptions = {}): LoadedModel {
  const display = options.display ?? path;
  const open = { root: null, ...options.confine, what: 'model file' };
  const size = resolveRegularFile(path, display, open).stat.size;
  if (size > MAX_MODEL_BYTES) return loadLargeModel(path, display, size, options);
  if (size >= (options.skimFromBytes ?? SKIM_FROM_BYTES)) {
    const skimmed = skimOnnx(path, display, open, options.maxNodes);
    if (skimmed) return { path, bytes: skimmed.size, model: skimmed.model, notices: checkExternalData(path, display, skimmed.model, options) };
  }
  const bytes = readFileSafe(path, display, { ...open, maxBytes: MAX_MODEL_BYTES });
  const model = decodeBytes(display, bytes, options.maxNodes);
  const notices = checkExternalData(path, display, model, options);
  return { path, bytes: bytes.byteLength, model, notices };
}

/** An ONNX file at least this large is skimmed: its large initializers' payloads are never read (src/formats/onnx/skim.ts). */
export const SKIM_FROM_BYTES = 64 * MiB;

/**
 * An ONNX model read without the payloads of its large initializers (a few positional reads
 * around them), decoded; null when the file is not ONNX or anything in it is unexpected (the
 * caller then reads it whole, and its decode gives the error).
 */
function skimOnnx(path: string, display: string, open: Confinement & { what: string }, maxNodes: number | undefined): { model: Model; size: number } | null {
  return withFileSafe(path, display, open, (pread, readInto, size) => {
    const kind = sniff(pread(0, 64));
    if (kind.kind !== 'model' || kind.reader.id !== 'onnx') return null;
    try {
      return { model: decodeModel(skimModel(size, pread, readInto), { maxNodes, skimmed: true }), size };
    } catch (e) {
      if (e instanceof InputError) throw e; // the file could not be read
      return null;
    }
  });
}

/** Where a large file's first read ends (it grows, doubling, to what the decoder needs). */
export const LARGE_MODEL_FIRST_READ = 16 * MiB;

/**
 * A file above MAX_MODEL_BYTES: only a format that keeps its weights after the part that describes
 * them (TFLite > 2 GiB: buffers at offset/size after the FlatBuffer) is read, and only that part:
 * the weights stay unread (references into the file, counted from their shapes).
 */
function loadLargeModel(path: string, display: string, size: number, options: LoadOptions): LoadedModel {
  const open = { root: null, ...options.confine, what: 'model file' };
  let length = LARGE_MODEL_FIRST_READ;
  for (;;) {
    const [head] = readFileRangesSafe(path, display, open, [{ offset: 0, length }]);
    const kind = sniff(head);
    if (kind.kind !== 'model' || kind.reader.id !== 'tflite') {
      throw new InputError(display, `is larger than ${MAX_MODEL_BYTES / (1024 * MiB)} GiB, the limit for a model file: refused`);
    }
    try {
      const model = kind.reader.decode(head, { maxNodes: options.maxNodes, fileSize: size });
      const notices = checkExternalData(path, display, model, options);
      readSmallIntConstants(path, display, model, open);
      return { path, bytes: size, model, notices };
    } catch (e) {
      if (e instanceof NeedBytesError && e.need > head.length && e.need <= Math.min(size, MAX_MODEL_BYTES)) {
        length = Math.min(MAX_MODEL_BYTES, Math.max(e.need, 2 * length));
        continue;
      }
      throw decodeFailure(display, kind.reader.name, head, e);
    }
  }
}

/** An integer constant at most this large, past the part of a large file read, is read all the same. */
export const SMALL_CONSTANT_BYTES = 64 * 1024;

/**
 * Shape, axis and index constants of a large file lie after its FlatBuffer too: the small integer
 * ones are read (a few positional reads, 16 MiB at most in all) so the rules see their values.
 */
function readSmallIntConstants(path: string, display: string, model: Model, open: Confinement & { what: string }): void {
  const wanted: TensorData[] = [];
  let total = 0;
  const seen = new Set<Graph>();
  const visit = (g: Graph): void => {
    if (seen.has(g)) return;
    seen.add(g);
    for (const t of g.initializers) {
      const st = t.storage;
      if (st.kind !== 'external' || st.location !== '' || (t.dtype !== 'int32' && t.dtype !== 'int64')) continue;
      const length = st.length ?? 0;
      if (length > SMALL_CONSTANT_BYTES || total + length > 16 * MiB) continue;
      total += length;
      wanted.push(t);
    }
    for (const n of g.nodes) {
      for (const a of n.attrs.values()) {
        if (a.type === 'graph') visit(a.value);
        if (a.type === 'graphs') a.value.forEach(visit);
      }
    }
  };
  visit(model.graph);
  if (wanted.length === 0) return;
  const ranges = wanted.map((t) => (t.storage.kind === 'external' ? { offset: t.storage.offset, length: t.storage.length ?? 0 } : { offset: 0, length: 0 }));
  readFileRangesSafe(path, display, open, ranges).forEach((bytes, i) => {
    if (bytes.length === ranges[i].length) wanted[i].storage = { kind: 'raw', bytes };
  });
}

/** Decode in-memory bytes, in whichever format they are, with errors that name `path`. */
export function decodeBytes(path: string, bytes: Uint8Array, maxNodes?: number): Model {
  const kind = sniff(bytes);
  switch (kind.kind) {
    case 'empty':
      throw new InputError(path, `is empty (0 bytes), not an ${formatNames()} model`);
    case 'lfs-pointer':
      throw new InputError(
        path,
        `is a Git LFS pointer${kind.size !== null ? ` to a ${kind.size}-byte file` : ''}, not the model: fetch it with \`git lfs pull\` (actions/checkout: \`lfs: true\`)`,
      );
    case 'other':
      throw new InputError(path, `is ${kind.what}, not an ${formatNames()} model`);
  }
  const reader = kind.reader;
  try {
    return reader.decode(bytes, { maxNodes });
  } catch (e) {
    throw decodeFailure(path, reader.name, bytes, e);
  }
}

/** A reader's error as the InputError the user sees. */
function decodeFailure(path: string, format: string, bytes: Uint8Array, e: unknown): InputError {
  if (e instanceof TooManyNodesError) return new InputError(path, e.detail);
  const what = `a valid ${format} model`;
  if (e instanceof DecodeError) {
    const truncated = /truncated|runs past the end/.test(e.message);
    return new InputError(path, truncated ? `is truncated or corrupted: ${e.message} of ${bytes.length}` : `is not ${what}: ${e.message}`);
  }
  if (e instanceof RangeError) return new InputError(path, `is not ${what}: ${e.message}`);
  if (e instanceof InputError) return e;
  return new InputError(path, `is not ${what}: ${(e as Error).message}`);
}

/** Every tensor of the graph (and its sub-graphs) stored in external data. */
export function externalTensors(g: Graph, out: TensorData[] = []): TensorData[] {
  // A plain loop, not a generator: V8 cannot optimise a generator's loop while it runs, and a
  // graph of 200,000 nodes spent 13 ms here.
  for (const t of g.initializers) if (t.storage.kind === 'external') out.push(t);
  for (const sp of g.sparseInitializers) if (sp.values.storage.kind === 'external') out.push(sp.values);
  for (const n of g.nodes) {
    if (n.attrs.size === 0) continue; // most nodes: no iterator each
    for (const a of n.attrs.values()) {
      if (a.type === 'tensor' && a.value.storage.kind === 'external') out.push(a.value);
      if (a.type === 'graph') externalTensors(a.value, out);
      if (a.type === 'graphs') for (const sg of a.value) externalTensors(sg, out);
    }
  }
  return out;
}

function checkExternalData(path: string, display: string, model: Model, options: LoadOptions): string[] {
  const folder = resolve(dirname(path));
  const realDir = realFolder(folder);
  const sizes = new Map<string, number | null>();
  const missing = new Set<string>();
  for (const t of externalTensors(model.graph)) {
    if (t.storage.kind !== 'external') continue;
    const { location, offset, length } = t.storage;
    // TFLite: a buffer after the FlatBuffer of a large file, in the model file itself (checked by the reader).
    if (!location && model.format.format === 'tflite') continue;
    if (!location) throw new InputError(display, `tensor '${t.name}' is stored externally but names no file`);
    const target = resolve(folder, location);
    const rel = relative(folder, target);
    if (isAbsolute(location) || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new InputError(display, `tensor '${t.name}' points outside the model's folder (location '${location}'): refused`);
    }
    if (!sizes.has(target)) {
      // Stat only, never read: the real path must stay in the model's folder and be a regular file.
      let size: number | null;
      try {
        size = resolveRegularFile(target, location, { root: realDir, rootName: "the model's folder", what: 'external data file' }).stat.size;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        if (!/^no such/.test(e.detail))
          throw new InputError(display, `external data file ${quoteToken(location)} (for tensor ${quoteToken(t.name)}) ${e.detail}`);
        size = null;
      }
      sizes.set(target, size);
    }
    const size = sizes.get(target)!;
    if (size === null) {
      if (!options.allowMissingWeights) {
        throw new InputError(
          display,
          `external data file ${quoteToken(location)} (for tensor ${quoteToken(t.name)}) is missing; pass --allow-missing-weights to analyse the graph alone`,
        );
      }
      missing.add(location);
      continue;
    }
    const end = offset + (length ?? 0);
    if (end > size) {
      // The file's size is not said: it may be any file in the model's folder.
      throw new InputError(display, `external data file ${quoteToken(location)} is too short for tensor ${quoteToken(t.name)} (it ends before byte ${end})`);
    }
  }
  return [...missing].map((m) => `external weight file '${m}' is absent: analysed from the graph alone`);
}

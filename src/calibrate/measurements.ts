/**
 * Measurements a user brings from any device: a CSV of whole-model latencies, an ONNX Runtime
 * profile (per node) or a TensorRT `trtexec --exportProfile` JSON (per layer). The parsers are
 * pure (text in, records out, errors with the file and line); `loadMeasurements` reads the files
 * and analyses the models with the project's engine.
 */
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { quoteToken } from '../util/sanitize.js';
import { readFileSafe, MAX_TEXT_BYTES, type Confinement } from '../io/safe-open.js';
import { analyzeModelFile } from '../io/analyze-file.js';
import type { NodeEntry } from '../report/model-report.js';
import { reportEstimateOptions } from '../report/latency.js';
import type { Measurement } from './fit.js';
import { median } from '../util/median.js';

export interface CsvRow {
  /** As written (relative to the CSV's folder). */
  model: string;
  dims: Record<string, number>;
  ms: number;
  line: number;
}

/** Split one CSV line (double quotes around a field, "" inside one). */
function csvFields(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      while (i < line.length && line[i] !== ',') if (line[i++].trim()) return null;
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    }
    out.push(field.trim());
    if (i >= line.length) return out;
    i++; // the comma
  }
}

/** `batch=1 sequence=128` (spaces, commas or semicolons between) -> { batch: 1, sequence: 128 }. */
export function parseDimsField(text: string): Record<string, number> | string {
  const dims = Object.create(null) as Record<string, number>;
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^([^=]+)=(\d+)$/.exec(part);
    if (!m) return `dims: ${quoteToken(part)} is not name=whole number`;
    dims[m[1]] = Number(m[2]);
  }
  return dims;
}

const COLUMNS = ['model', 'dims', 'ms'] as const;

/** A measurements CSV: a header naming the columns model, dims, ms (any order), then one row per measurement. */
export function parseMeasurementsCsv(text: string, file: string): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: number[] | null = null;
  const rows: CsvRow[] = [];
  lines.forEach((raw, k) => {
    const line = k + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const fields = csvFields(raw);
    const at = { line, column: 1 };
    if (!fields) throw new InputError(file, 'an unterminated quoted field', at);
    if (!header) {
      const names = fields.map((f) => f.toLowerCase());
      const idx = COLUMNS.map((c) => names.indexOf(c));
      const extra = names.find((n) => !(COLUMNS as readonly string[]).includes(n));
      if (idx.some((i) => i < 0) || extra !== undefined || names.length !== COLUMNS.length) {
        throw new InputError(file, `expected a header line naming the columns model,dims,ms, got ${quoteToken(raw, 60)}`, at);
      }
      header = idx;
      return;
    }
    if (fields.length !== COLUMNS.length) throw new InputError(file, `expected 3 fields (model,dims,ms), got ${fields.length}`, at);
    const [model, dimsText, msText] = header.map((i) => fields[i]);
    if (!model) throw new InputError(file, 'the model path is empty', at);
    const dims = parseDimsField(dimsText);
    if (typeof dims === 'string') throw new InputError(file, dims, at);
    const ms = Number(msText);
    if (!/^\s*[0-9.eE+-]+\s*$/.test(msText) || !(ms > 0) || !Number.isFinite(ms)) {
      throw new InputError(file, `ms must be a number of milliseconds above zero, got ${quoteToken(msText)}`, at);
    }
    rows.push({ model, dims, ms, line });
  });
  if (!header) throw new InputError(file, 'is empty: expected a header line model,dims,ms and one row per measurement');
  if (rows.length === 0) throw new InputError(file, 'has a header but no measurements');
  return rows;
}

/** Per kernel of a profile: the names of the nodes it ran (one, or several a runtime fused) and its time. */
export interface ProfileKernel {
  /** The kernel / layer name as the profile writes it. */
  name: string;
  nodes: string[];
  ms: number;
}

export interface ParsedProfile {
  kind: 'onnxruntime' | 'tensorrt';
  kernels: ProfileKernel[];
}

/**
 * An ONNX Runtime profile (chrome trace: an array of events, or { traceEvents }), or a TensorRT
 * `trtexec --exportProfile` JSON ([{ count }, { name, timeMs, averageMs, percentage }, ...]).
 * ORT: events with cat "Node" named "<node>_kernel_time", median `dur` (us) per node over the
 * profiled runs. TensorRT: per layer `averageMs`; its name joins fused node names with " + ".
 */
export function parseProfile(text: string, file: string): ParsedProfile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? lineOf(text, Number(m[1])) : undefined;
    throw new InputError(file, `is not JSON (${(e as Error).message.split('\n')[0].slice(0, 80)})`, at);
  }
  const events = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.traceEvents) ? (data.traceEvents as unknown[]) : null;
  if (!events) throw new InputError(file, 'expected an ONNX Runtime profile (a JSON array of trace events) or a trtexec --exportProfile JSON array');
  const first: unknown = events[0];
  if (isObject(first) && 'count' in first && !('cat' in first)) return { kind: 'tensorrt', kernels: tensorrtLayers(events, file) };
  const durations = new Map<string, number[]>();
  events.forEach((e, i) => {
    if (!isObject(e)) throw new InputError(file, `event ${i} is not an object`);
    if (e.cat !== 'Node' || typeof e.name !== 'string' || !e.name.endsWith('_kernel_time')) return;
    const dur = e.dur;
    if (typeof dur !== 'number' || !(dur >= 0) || !Number.isFinite(dur))
      throw new InputError(file, `event ${i} (${quoteToken(e.name)}): 'dur' must be microseconds >= 0`);
    const node = e.name.slice(0, -'_kernel_time'.length);
    const list = durations.get(node) ?? [];
    list.push(dur);
    durations.set(node, list);
  });
  if (durations.size === 0)
    throw new InputError(file, 'has no node events (cat "Node", name "<node>_kernel_time"): was the session created with enableProfiling?');
  return {
    kind: 'onnxruntime',
    kernels: [...durations].map(([name, ds]) => ({ name, nodes: [name.replace(/^fused /, '')], ms: median(ds) / 1e3 })),
  };
}

function tensorrtLayers(events: unknown[], file: string): ProfileKernel[] {
  const out: ProfileKernel[] = [];
  events.slice(1).forEach((e, k) => {
    const i = k + 1;
    if (!isObject(e) || typeof e.name !== 'string') throw new InputError(file, `entry ${i} is not a layer ({ "name", "averageMs", ... })`);
    const ms =
      typeof e.averageMs === 'number'
        ? e.averageMs
        : typeof e.timeMs === 'number' && typeof first(events).count === 'number'
          ? e.timeMs / (first(events).count as number)
          : NaN;
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new InputError(file, `layer ${quoteToken(e.name)}: 'averageMs' must be milliseconds >= 0`);
    const nodes = e.name
      .split(' + ')
      .map((s) => s.trim())
      .map((s) => /^[A-Za-z]+\((.*)\)$/.exec(s)?.[1] ?? s)
      .filter(Boolean);
    out.push({ name: e.name, nodes, ms });
  });
  if (out.length === 0) throw new InputError(file, 'has no layers');
  return out;
}

function first(events: unknown[]): Record<string, unknown> {
  return events[0] as Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lineOf(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}

/**
 * Per-kernel measurements from a profile matched to the model's nodes by name: a kernel's time
 * goes to the nodes it names (a fused layer: all that match, labelled by the first). Kernels
 * matching no node are returned in `unmatched` (never dropped silently).
 */
export function profileMeasurements(profile: ParsedProfile, nodes: readonly NodeEntry[], source: string): { measurements: Measurement[]; unmatched: string[] } {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const measurements: Measurement[] = [];
  const unmatched: string[] = [];
  for (const k of profile.kernels) {
    const matched = k.nodes.map((n) => byName.get(n)).filter((n): n is NodeEntry => n !== undefined);
    if (matched.length === 0) {
      unmatched.push(k.name);
      continue;
    }
    if (k.ms > 0) measurements.push({ id: matched[0].name, nodes: matched, ms: k.ms, source });
  }
  return { measurements, unmatched };
}

export interface LoadOptions {
  /** The model the profiles are of. */
  model?: string;
  dims?: Record<string, number>;
  confine: Confinement;
  allowMissingWeights?: boolean;
}

export interface Loaded {
  measurements: Measurement[];
  warnings: string[];
}

/** Read each `--from` file (CSV by its extension or first character, else a JSON profile) into measurements. */
export function loadMeasurements(files: readonly string[], options: LoadOptions): Loaded {
  const measurements: Measurement[] = [];
  const warnings: string[] = [];
  let profileModel: NodeEntry[] | null = null;
  for (const file of files) {
    const text = readFileSafe(file, file, { ...options.confine, maxBytes: 4 * MAX_TEXT_BYTES, what: 'measurements file' }).toString('utf8');
    const json = /\.json$/i.test(file) || /^\s*[[{]/.test(text);
    if (!json) {
      for (const row of parseMeasurementsCsv(text, file)) {
        const path = resolve(dirname(file), row.model);
        let report;
        try {
          report = analyzeModelFile(path, {
            dims: row.dims,
            displayPath: row.model,
            confine: options.confine,
            allowMissingWeights: options.allowMissingWeights,
          }).report;
        } catch (e) {
          if (e instanceof InputError) throw new InputError(file, `model ${quoteToken(row.model, 80)}: ${e.message}`, { line: row.line, column: 1 });
          throw e;
        }
        const dims = Object.entries(row.dims)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        const { graphInputs, graphOutputs, dynamicShapes } = reportEstimateOptions(report);
        measurements.push({
          id: dims ? `${row.model} (${dims})` : row.model,
          nodes: report.nodes,
          graph: { inputs: graphInputs, outputs: graphOutputs, dynamic: dynamicShapes },
          ms: row.ms,
          source: file,
        });
      }
      continue;
    }
    const profile = parseProfile(text, file);
    if (!options.model)
      throw new InputError(file, `is a${profile.kind === 'tensorrt' ? ' TensorRT' : 'n ONNX Runtime'} profile: name the model it profiles with --model`);
    profileModel ??= analyzeModelFile(options.model, { dims: options.dims, confine: options.confine, allowMissingWeights: options.allowMissingWeights }).report
      .nodes;
    const { measurements: ms, unmatched } = profileMeasurements(profile, profileModel, file);
    if (unmatched.length) {
      const shown = unmatched.slice(0, 8).map((n) => quoteToken(n, 60));
      warnings.push(
        `${file}: ${unmatched.length} of ${profile.kernels.length} kernels match no node of ${options.model} and are not used: ${shown.join(', ')}${unmatched.length > 8 ? ', ...' : ''}`,
      );
    }
    measurements.push(...ms);
  }
  return { measurements, warnings };
}

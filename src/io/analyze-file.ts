/**
 * Analysing model files: load, infer, report. Shared by the CLI commands and the action.
 */
import { loadModelFile, type LoadedModel } from './load-model.js';
import { inferModel } from '../analysis/infer.js';
import { GraphError } from '../analysis/errors.js';
import { InputError } from '../errors.js';
import type { Confinement } from './safe-open.js';
import { modelReport, type ModelReport } from '../report/model-report.js';
import { attachKvCache, mergedDecoderBranch, type KvCacheOverride } from '../analysis/kv-cache.js';
import { expandFunctions, type ExpansionResult } from '../analysis/functions.js';
import type { DeclaredInput } from '../report/phases.js';

export interface AnalyzeFileOptions {
  dims?: Record<string, number>;
  allowMissingWeights?: boolean;
  /** How the path is shown in reports (default: as given). */
  displayPath?: string;
  /** Where the model's real path must stay (default: anywhere). */
  confine?: Confinement;
  /** The path as the user wrote it, for errors (default: displayPath, else the path). */
  errorPath?: string;
  /** Refuse a model with more nodes than this (default: the decoder's limit, 500,000). */
  maxNodes?: number;
  /**
   * The KV cache's graph inputs (past) and outputs (present) by name or `*` glob, instead of
   * finding them (src/analysis/kv-cache.ts); an entry matching nothing is a KvCacheConfigError.
   */
  kvCache?: KvCacheOverride;
}

/** A model loaded once, to be analysed at several sets of dims (the phases of a budgets file). */
export interface OpenedModel {
  /** The graph inputs as declared (symbols kept): what the generate dim roles are found from. */
  declaredInputs: DeclaredInput[];
  /** The report and the model's symbolic dims, at these dims. */
  analyze(dims: Record<string, number> | undefined): { report: ModelReport; symbols: string[] };
}

export function analyzeFile(path: string, options: AnalyzeFileOptions = {}): ModelReport {
  return analyzeModelFile(path, options).report;
}

/** The report and the model's symbolic dims (the names `dims` may bind). */
export function analyzeModelFile(path: string, options: AnalyzeFileOptions = {}): { report: ModelReport; symbols: string[] } {
  return openModelFile(path, options).analyze(options.dims);
}

/** Load (decode, check external data) once; analyse at any dims. */
export function openModelFile(path: string, options: AnalyzeFileOptions = {}): OpenedModel {
  const shown = options.errorPath ?? options.displayPath ?? path;
  const loaded = loadModelFile(path, {
    allowMissingWeights: options.allowMissingWeights,
    confine: options.confine,
    display: shown,
    maxNodes: options.maxNodes,
  });
  const m = loaded.model;
  const initNames = new Set(m.graph.initializers.map((t) => t.name));
  const declaredInputs: DeclaredInput[] = m.graph.inputs
    .filter((i) => !initNames.has(i.name))
    .map((i) => ({
      name: i.name,
      dtype: i.type?.kind === 'tensor' ? i.type.dtype : null,
      shape: i.type?.kind === 'tensor' && i.type.shape ? [...i.type.shape] : null,
    }));
  // Functions are inlined once for every set of dims (generate analyses up to 64).
  const expansion: { value?: ExpansionResult } = {};
  return { declaredInputs, analyze: (dims) => analyzeExpanded(loaded, { ...options, dims }, expansion) };
}

/**
 * A model already loaded, analysed at `options.dims` (the load options are not used again): so
 * one load serves several sets of dims (an LLM's phases).
 */
export function analyzeLoadedModel(loaded: LoadedModel, options: AnalyzeFileOptions = {}): { report: ModelReport; symbols: string[] } {
  return analyzeExpanded(loaded, options, {});
}

/** As analyzeLoadedModel, with the model's functions inlined at most once per `expansion` (kept there). */
function analyzeExpanded(loaded: LoadedModel, options: AnalyzeFileOptions, expansion: { value?: ExpansionResult }): { report: ModelReport; symbols: string[] } {
  const path = loaded.path;
  const shown = options.errorPath ?? options.displayPath ?? path;
  const m = loaded.model;
  let graph, branch, inferred;
  try {
    const expanded = (expansion.value ??= expandFunctions(m.graph, m.functions));
    graph = expanded.graph;
    // A merged decoder's branch follows from the dims (an empty past: the branch without cache).
    branch = mergedDecoderBranch(graph, options.dims ?? {});
    inferred = inferModel(m, { dims: options.dims, upperBounds: true, expanded, ...(branch ? { inputValues: { [branch.input]: [branch.value] } } : {}) });
  } catch (e) {
    if (e instanceof GraphError) throw new InputError(shown, e.message);
    throw e;
  }
  const report = modelReport({ path: options.displayPath ?? path, fileBytes: loaded.bytes, format: m.format, notices: loaded.notices }, inferred);
  attachKvCache(report, graph, inferred, { override: options.kvCache, file: shown });
  if (branch) {
    const taken = branch.value ? 'true: the branch with the cache' : 'false: the branch without cache';
    report.warnings.unshift({ node: '', message: `merged decoder: '${branch.input}' taken as ${taken} (${branch.because})` });
  }
  return { report, symbols: inferred.symbols };
}

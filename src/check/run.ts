/**
 * The check, shared by `model-budget check` and the GitHub Action: read the budgets file,
 * find the models it names (paths or globs, never outside the repository), analyse each with
 * its dims and devices, evaluate every budget against the baseline, and diff the models.
 * This is the I/O edge; parsing and evaluation are pure (src/budgets).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseBudgets, parseDevicesFile, BudgetFileError } from '../budgets/parse.js';
import { evaluateBudgets, type Evaluation, type ModelResult, type Violation } from '../budgets/evaluate.js';
import { GlobError, isGlob } from '../budgets/glob.js';
import type { BudgetsConfig, CustomDevice, DevicesFile, ModelConfig } from '../budgets/types.js';
import type { Fusion } from '../devices/op-class.js';
import { findDevice } from '../devices/catalog.js';
import { deviceModel } from '../devices/efficiency.js';
import type { DeviceModel } from '../devices/roofline.js';
import { quoteToken } from '../util/sanitize.js';
import { InputError, UsageError } from '../errors.js';
import { openModelFile, type OpenedModel } from '../io/analyze-file.js';
import { analyzePhases, GenerateRoleError, type PhaseSpec } from '../io/analyze-phases.js';
import { checkConfigDims, checkPhaseDims } from './dims.js';
import { isInside, readTextSafe, type Confinement } from '../io/safe-open.js';
import { globFiles, normalizeModelPath, toPosix } from '../io/walk.js';
import { withLatency } from '../report/latency.js';
import { KvCacheConfigError } from '../analysis/kv-cache.js';
import { SCHEMA_VERSION, type AnalyzeReport, type ModelReport, type PhaseReport } from '../report/model-report.js';
import { compareModel, type ModelComparison } from '../report/compare.js';
import { TOOL_NAME, VERSION } from '../version.js';

export interface CheckOptions {
  budgetsPath: string;
  /** The repository root: the budgets file, models and their real paths may not leave it. */
  root: string;
  /** Lift the confinement to `root` (the CLI's --allow-outside-repo; never the action). */
  allowOutsideRepo?: boolean;
  /** The flag named in a refusal (default --allow-outside-repo; '' for none, as in the action). */
  allowHint?: string;
  /** The folder the models glob is relative to (default: root). */
  modelsGlobCwd?: string;
  /** Baseline analysis (from a report file or the merge-base); null: none. */
  baseline?: AnalyzeReport | null;
  /** Why a model has no baseline (e.g. a Git LFS pointer at the merge-base), by path. */
  baselineNotes?: ReadonlyMap<string, string>;
  /** A glob (relative to root) overriding the file's model paths; each match gets the first entry's budgets. */
  modelsGlob?: string;
  /** Analyse every model even when its external weight files are absent (overrides the file). */
  allowMissingWeights?: boolean;
  /** Refuse a model with more nodes than this (default: the decoder's limit, 500,000). */
  maxNodes?: number;
  /** A `--devices` file: its custom devices join the budgets file's. */
  devicesPath?: string;
  /** The runtime's fusion for every device (the CLI's --fusion; overrides the files'). */
  fusion?: Fusion;
}

/** A node limit as written (`--max-nodes`, the action's `max-nodes`): a whole number from 1; undefined: the default. */
export function parseMaxNodes(v: string | undefined, what: string): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${what} must be a whole number from 1, got ${quoteToken(v)}`);
  return n;
}

export interface CheckReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  budgets: string;
  passed: boolean;
  rows: Evaluation['rows'];
  violations: Violation[];
  newModels: string[];
  removedModels: string[];
  head: AnalyzeReport;
  base: AnalyzeReport | null;
  comparisons: ModelComparison[];
}

export interface CheckOutcome {
  config: BudgetsConfig;
  results: ModelResult[];
  evaluation: Evaluation;
  violations: Violation[];
  comparisons: ModelComparison[];
  /** Models in the baseline that the head no longer has. */
  removedModels: string[];
  json: CheckReport;
}

/** The confinement for a check: the repository root, or none when the user lifts it. */
export function confinement(root: string, allowOutsideRepo = false, allowHint: string | undefined = '--allow-outside-repo'): Confinement {
  return allowOutsideRepo ? { root: null } : { root, rootName: 'the repository', allowHint };
}

function readBudgets(path: string, display: string, confine: Confinement, external?: DevicesFile): BudgetsConfig {
  let text: string;
  try {
    text = readTextSafe(path, display, { ...confine, what: 'budgets file' });
  } catch (e) {
    if (e instanceof InputError && /^no such/.test(e.detail)) throw new InputError(display, 'no such budgets file');
    throw e;
  }
  return parseBudgets(text, display, external);
}

/** A `--devices` file (custom devices only), read the safe way and parsed like a budgets file's custom-devices. */
export function readDevicesFile(path: string, display: string, confine: Confinement): DevicesFile {
  let text: string;
  try {
    text = readTextSafe(path, display, { ...confine, what: 'devices file' });
  } catch (e) {
    if (e instanceof InputError && /^no such/.test(e.detail)) throw new InputError(display, 'no such devices file');
    throw e;
  }
  return parseDevicesFile(text, display);
}

/** The roofline view of a custom device: its figures, and a fusion from the device, else the file, unless `fusion` overrides both. */
export function customDeviceModel(custom: CustomDevice, fileFusion?: Fusion, fusion?: Fusion): DeviceModel {
  const f = fusion ?? custom.overrides.fusion ?? fileFusion;
  return deviceModel(custom.device, { ...custom.overrides, ...(f ? { fusion: f } : {}) });
}

/**
 * Device models for the file's devices: catalog entries and custom ones. Fusion: `fusion` (the
 * CLI's --fusion) overrides a device's own, which overrides the file's.
 */
export function configDevices(cfg: BudgetsConfig, fusion?: Fusion): DeviceModel[] {
  return cfg.devices.map((id) => {
    const custom = cfg.customDevices.find((c) => c.device.id === id);
    // A device of a --devices file keeps its own fusion, else the budgets file's.
    if (custom) return customDeviceModel(custom, cfg.fusion, fusion);
    const f = fusion ?? cfg.fusion;
    return deviceModel(findDevice(id)!, f ? { fusion: f } : {});
  });
}

const posix = toPosix;

/** The files a model entry names, as absolute paths (errors point at the entry's path). */
export function expandModelPaths(cfg: BudgetsConfig, model: ModelConfig, budgetsDir: string, root: string, mustExist = true): string[] {
  const key = `models[${model.index}].path`;
  const err = (detail: string) => new BudgetFileError(cfg.file, model.pathAt.line, model.pathAt.column, key, detail);
  const outside = () =>
    err(`${quoteToken(model.path, 80)} is outside the repository (${root}); model paths are relative to the budgets file and stay inside the repository`);
  if (isAbsolute(model.path)) throw outside();
  if (!isGlob(model.path)) {
    const target = resolve(budgetsDir, model.path);
    if (!isInside(resolve(root), target)) throw outside();
    if (!existsSync(target)) {
      if (!mustExist) return [];
      throw err(`${quoteToken(model.path, 80)} does not exist`);
    }
    if (statSync(target).isDirectory())
      throw err(`${quoteToken(model.path, 80)} is a folder; name the model file or use a glob like ${quoteToken(`${posix(model.path)}/*.onnx`, 84)}`);
    return [target];
  }
  let matched: string[];
  try {
    matched = globFiles(model.path, budgetsDir, root, '').map((m) => m.file);
  } catch (e) {
    if (e instanceof GlobError || e instanceof InputError) throw err(e.detail);
    throw e;
  }
  if (matched.length === 0 && mustExist) throw err(`glob ${quoteToken(model.path, 80)} matches no file`);
  return matched;
}

function analyzeConfig(
  cfg: BudgetsConfig,
  budgetsPath: string,
  root: string,
  devices: DeviceModel[],
  options: { mustExist: boolean; modelsGlob?: string; modelsGlobCwd?: string; confine: Confinement; allowMissingWeights?: boolean; maxNodes?: number },
) {
  const budgetsDir = dirname(budgetsPath);
  const entries: { model: ModelConfig; file: string }[] = [];
  if (options.modelsGlob) {
    const matched = globFiles(options.modelsGlob, options.modelsGlobCwd ?? root, root, `models input '${options.modelsGlob}'`).map((m) => m.file);
    if (matched.length === 0 && options.mustExist) throw new InputError(options.modelsGlob, 'the models glob matches no file');
    for (const f of matched) entries.push({ model: cfg.models[0], file: f });
  } else {
    for (const model of cfg.models) for (const file of expandModelPaths(cfg, model, budgetsDir, root, options.mustExist)) entries.push({ model, file });
  }
  const seen = new Map<string, ModelConfig>();
  const out: { model: ModelConfig; path: string; report: ModelReport; symbols: string[] }[] = [];
  for (const { model, file } of entries) {
    // One identity per model: its path relative to the budgets file's folder, normalised.
    const path = normalizeModelPath(posix(relative(budgetsDir, file)));
    if (seen.has(path)) {
      if (seen.get(path) === model) continue;
      throw new BudgetFileError(
        cfg.file,
        model.pathAt.line,
        model.pathAt.column,
        `models[${model.index}].path`,
        `${quoteToken(path, 80)} is also matched by an earlier entry (${quoteToken(seen.get(path)!.path, 80)}): a model is listed twice`,
      );
    }
    seen.set(path, model);
    const opened = openModelFile(file, {
      dims: model.dims,
      allowMissingWeights: options.allowMissingWeights || model.allowMissingWeights,
      displayPath: path,
      confine: options.confine,
      maxNodes: options.maxNodes,
      ...kvCacheOption(model),
    });
    const { report, symbols } = kvCacheAt(cfg, model, path, () => opened.analyze(model.dims));
    let full = withLatency(report, devices, { precision: model.precision });
    if (model.phases || model.generate) {
      checkPhaseDims(cfg, model, path, symbols);
      full = { ...full, phases: phasesOf(cfg, model, path, opened, report, devices) };
    }
    out.push({ model, path, symbols, report: full });
  }
  checkConfigDims(cfg, out);
  return out;
}

/** The budgets file's `kv-cache` names, as the analysis option. */
function kvCacheOption(model: ModelConfig): { kvCache?: { past?: string[]; present?: string[] } } {
  const kv = model.kvCache;
  return kv ? { kvCache: { ...(kv.past ? { past: kv.past } : {}), ...(kv.present ? { present: kv.present } : {}) } } : {};
}

/** A `kv-cache` name that matches nothing in the model: an error at the budgets file's key, naming the model. */
function kvCacheAt<T>(cfg: BudgetsConfig, model: ModelConfig, path: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof KvCacheConfigError) || !model.kvCache) throw e;
    const at = model.kvCache.at;
    throw new BudgetFileError(cfg.file, at.line, at.column, `models[${model.index}].kv-cache.${e.role}[${e.index}]`, `${e.detail} (${quoteToken(path, 80)})`);
  }
}

/** The phase spec a model entry gives. */
function phaseSpec(model: ModelConfig): PhaseSpec {
  return {
    dims: model.dims,
    ...(model.phases ? { phases: Object.fromEntries(Object.entries(model.phases).map(([n, p]) => [n, p.dims])) } : {}),
    ...(model.generate ? { generate: model.generate } : {}),
  };
}

/** A model's phases; generate's dim roles not found is an error at the entry's `generate`. */
function phasesOf(
  cfg: BudgetsConfig,
  model: ModelConfig,
  path: string,
  opened: OpenedModel,
  report: ModelReport,
  devices: DeviceModel[],
): Record<string, PhaseReport> {
  try {
    return analyzePhases(opened, report, phaseSpec(model), devices, { precision: model.precision });
  } catch (e) {
    if (!(e instanceof GenerateRoleError)) throw e;
    const at = model.generate!.rolesAt?.[e.role] ?? model.generate!.at;
    throw new BudgetFileError(
      cfg.file,
      at.line,
      at.column,
      `models[${model.index}].generate${model.generate!.rolesAt?.[e.role] ? `.${e.role}` : ''}`,
      `${quoteToken(path, 80)}: ${e.message}; name it with 'generate: { ..., ${e.role}: <dim> }'`,
    );
  }
}

/** A path as messages show it: relative to the repository root when inside it. */
function displayPath(root: string, path: string): string {
  const rel = relative(root, resolve(path));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? posix(rel) : path;
}

export function runCheck(options: CheckOptions): CheckOutcome {
  const root = resolve(options.root);
  const display = posix(relative(root, options.budgetsPath)) || options.budgetsPath;
  const confine = confinement(root, options.allowOutsideRepo, options.allowHint);
  const external = options.devicesPath ? readDevicesFile(options.devicesPath, displayPath(root, options.devicesPath), confine) : undefined;
  const cfg = readBudgets(options.budgetsPath, display, confine, external);
  const devices = configDevices(cfg, options.fusion);
  const analysed = analyzeConfig(cfg, options.budgetsPath, root, devices, {
    mustExist: true,
    modelsGlob: options.modelsGlob,
    modelsGlobCwd: options.modelsGlobCwd,
    confine,
    allowMissingWeights: options.allowMissingWeights,
    maxNodes: options.maxNodes,
  });
  // Baseline paths get the same identity (a baseline from `analyze ./models/x.onnx` pairs with models/x.onnx).
  const baseBy = new Map((options.baseline?.models ?? []).map((m) => [normalizeModelPath(m.path), m]));
  const results: ModelResult[] = analysed.map((a) => ({
    config: a.model,
    path: a.path,
    report: a.report,
    base: baseBy.get(a.path) ?? null,
    ...(options.baseline && !baseBy.has(a.path) ? { baseNote: options.baselineNotes?.get(a.path) ?? 'new in this change' } : {}),
  }));
  return assembleOutcome(cfg, display, results, options.baseline ?? null);
}

/** The outcome of analysed models against their baselines: budgets evaluated, models diffed (pure). */
export function assembleOutcome(cfg: BudgetsConfig, display: string, results: ModelResult[], baseline: AnalyzeReport | null): CheckOutcome {
  const baseBy = new Map((baseline?.models ?? []).map((m) => [normalizeModelPath(m.path), m]));
  const evaluation = evaluateBudgets(cfg, results);
  const headPaths = new Set(results.map((r) => r.path));
  const removedModels = [...baseBy.keys()].filter((p) => !headPaths.has(p));
  const comparisons = [
    ...results.map((r) => compareModel(r.path, r.base ?? undefined, r.report)),
    ...removedModels.map((p) => compareModel(p, baseBy.get(p), undefined)),
  ];
  const head: AnalyzeReport = { schemaVersion: SCHEMA_VERSION, tool: { name: TOOL_NAME, version: VERSION }, models: results.map((r) => r.report) };
  return {
    config: cfg,
    results,
    evaluation,
    violations: evaluation.violations,
    comparisons,
    removedModels,
    json: {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: TOOL_NAME, version: VERSION },
      budgets: display,
      passed: evaluation.passed,
      rows: evaluation.rows,
      violations: evaluation.violations,
      newModels: evaluation.newModels,
      removedModels,
      head,
      base: baseline,
      comparisons,
    },
  };
}

/**
 * The same models at the baseline: the head's budgets file applied to a checkout of the base
 * commit at `baseRoot`. Models missing there are new; one that cannot be analysed there (a Git
 * LFS pointer, say) is left out with a notice in its warnings.
 */
export function analyzeBaseline(
  budgetsPathInBase: string,
  headBudgetsPath: string,
  baseRoot: string,
  headRoot: string,
  maxNodes?: number,
): { report: AnalyzeReport; notes: Map<string, string> } {
  // The action's (no flag lifts the confinement there).
  const confine = confinement(baseRoot, false, '');
  const cfg = readBudgets(headBudgetsPath, posix(relative(headRoot, headBudgetsPath)), confinement(headRoot, false, ''));
  const devices = configDevices(cfg);
  const models: ModelReport[] = [];
  const notes = new Map<string, string>();
  const budgetsDir = dirname(budgetsPathInBase);
  for (const model of cfg.models) {
    let files: string[];
    try {
      files = expandModelPaths(cfg, model, budgetsDir, baseRoot, false);
    } catch {
      continue;
    }
    for (const file of files) {
      const path = normalizeModelPath(posix(relative(budgetsDir, file)));
      try {
        const opened = openModelFile(file, { allowMissingWeights: model.allowMissingWeights, displayPath: path, confine, maxNodes, ...kvCacheOption(model) });
        const { report } = opened.analyze(model.dims);
        let full = withLatency(report, devices, { precision: model.precision });
        if (model.phases || model.generate) {
          // The base may lack what a phase needs (no cache yet): its phases are then left out, and the rows say "no baseline value".
          try {
            full = { ...full, phases: analyzePhases(opened, report, phaseSpec(model), devices, { precision: model.precision }) };
          } catch (e) {
            if (!(e instanceof GenerateRoleError) && !(e instanceof InputError)) throw e;
          }
        }
        models.push(full);
      } catch (e) {
        // Not analysable at the base (an LFS pointer, a broken file, no tensor the file's kv-cache names): treated as new, and said.
        if (!(e instanceof InputError) && !(e instanceof KvCacheConfigError)) throw e;
        notes.set(path, `not analysed at the baseline: ${e.message.slice(e.file.length + 2)}`);
      }
    }
  }
  return { report: { schemaVersion: SCHEMA_VERSION, tool: { name: TOOL_NAME, version: VERSION }, models }, notes };
}

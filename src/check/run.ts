/**
 * The check, shared by `model-budget check` and the GitHub Action: read the budgets file,
 * find the models it names (paths or globs, never outside the repository), analyse each with
 * its dims and devices, evaluate every budget against the baseline, and diff the models.
 * This is the I/O edge; parsing and evaluation are pure (src/budgets).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseBudgets, BudgetFileError } from '../budgets/parse.js';
import { evaluateBudgets, type Evaluation, type ModelResult, type Violation } from '../budgets/evaluate.js';
import { globBase, globToRegExp, isGlob } from '../budgets/glob.js';
import type { BudgetsConfig, ModelConfig } from '../budgets/types.js';
import { findDevice } from '../devices/catalog.js';
import { deviceModel } from '../devices/efficiency.js';
import type { DeviceModel } from '../devices/roofline.js';
import { InputError } from '../errors.js';
import { analyzeFile } from '../io/analyze-file.js';
import { withLatency } from '../report/latency.js';
import { SCHEMA_VERSION, type AnalyzeReport, type ModelReport } from '../report/model-report.js';
import { compareModel, type ModelComparison } from '../report/compare.js';
import { TOOL_NAME, VERSION } from '../version.js';

export interface CheckOptions {
  budgetsPath: string;
  /** The repository root: model paths may not leave it. */
  root: string;
  /** Baseline analysis (from a report file or the merge-base); null: none. */
  baseline?: AnalyzeReport | null;
  /** Why a model has no baseline (e.g. a Git LFS pointer at the merge-base), by path. */
  baselineNotes?: ReadonlyMap<string, string>;
  /** A glob (relative to root) overriding the file's model paths; each match gets the first entry's budgets. */
  modelsGlob?: string;
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

function readBudgets(path: string, display: string): BudgetsConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(display, code === 'ENOENT' ? 'no such budgets file' : `cannot be read (${code ?? 'unknown error'})`);
  }
  return parseBudgets(text, display);
}

/** Device models for the file's devices: catalog entries and custom ones. */
export function configDevices(cfg: BudgetsConfig): DeviceModel[] {
  return cfg.devices.map((id) => {
    const custom = cfg.customDevices.find((c) => c.device.id === id);
    if (custom) return deviceModel(custom.device, custom.overrides);
    return deviceModel(findDevice(id)!);
  });
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(join(dir, e.name), out);
    } else if (e.isFile()) out.push(join(dir, e.name));
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

const posix = (p: string) => p.split(sep).join('/');

/** The files a model entry names, as absolute paths (errors point at the entry's path). */
export function expandModelPaths(cfg: BudgetsConfig, model: ModelConfig, budgetsDir: string, root: string, mustExist = true): string[] {
  const err = (detail: string) => new BudgetFileError(cfg.file, model.pathAt.line, model.pathAt.column, `models[${cfg.models.indexOf(model)}].path`, detail);
  const target = resolve(budgetsDir, model.path);
  if (isAbsolute(model.path) || !inside(root, isGlob(model.path) ? resolve(budgetsDir, globBase(model.path)) : target)) {
    throw err(`'${model.path}' is outside the repository (${root}); model paths are relative to the budgets file and stay inside the repository`);
  }
  if (!isGlob(model.path)) {
    if (!existsSync(target)) {
      if (!mustExist) return [];
      throw err(`'${model.path}' does not exist`);
    }
    if (statSync(target).isDirectory()) throw err(`'${model.path}' is a folder; name the model file or use a glob like '${posix(model.path)}/*.onnx'`);
    return [target];
  }
  const base = resolve(budgetsDir, globBase(model.path));
  const re = globToRegExp(posix(relative(budgetsDir, resolve(budgetsDir, model.path))));
  const files: string[] = [];
  walk(base, files);
  const matched = files.filter((f) => re.test(posix(relative(budgetsDir, f)))).sort();
  if (matched.length === 0 && mustExist) throw err(`glob '${model.path}' matches no file`);
  return matched;
}

function analyzeConfig(cfg: BudgetsConfig, budgetsPath: string, root: string, devices: DeviceModel[], options: { mustExist: boolean; modelsGlob?: string; displayRoot?: string }) {
  const budgetsDir = dirname(budgetsPath);
  const entries: { model: ModelConfig; file: string }[] = [];
  if (options.modelsGlob) {
    const re = globToRegExp(posix(options.modelsGlob));
    const files: string[] = [];
    walk(resolve(root, globBase(options.modelsGlob)), files);
    const matched = files.filter((f) => re.test(posix(relative(root, f)))).sort();
    if (matched.length === 0 && options.mustExist) throw new InputError(options.modelsGlob, 'the models glob matches no file');
    for (const f of matched) entries.push({ model: cfg.models[0], file: f });
  } else {
    for (const model of cfg.models) for (const file of expandModelPaths(cfg, model, budgetsDir, root, options.mustExist)) entries.push({ model, file });
  }
  const seen = new Map<string, ModelConfig>();
  const out: { model: ModelConfig; path: string; report: ModelReport }[] = [];
  for (const { model, file } of entries) {
    const path = posix(relative(options.displayRoot ?? root, file));
    if (seen.has(path)) {
      if (seen.get(path) === model) continue;
      throw new BudgetFileError(cfg.file, model.pathAt.line, model.pathAt.column, `models[${cfg.models.indexOf(model)}].path`, `'${path}' is also matched by an earlier entry ('${seen.get(path)!.path}'): a model is listed twice`);
    }
    seen.set(path, model);
    const report = analyzeFile(file, { dims: model.dims, allowMissingWeights: model.allowMissingWeights, displayPath: path });
    out.push({ model, path, report: withLatency(report, devices, { precision: model.precision }) });
  }
  return out;
}

export function runCheck(options: CheckOptions): CheckOutcome {
  const root = resolve(options.root);
  const display = posix(relative(root, options.budgetsPath)) || options.budgetsPath;
  const cfg = readBudgets(options.budgetsPath, display);
  const devices = configDevices(cfg);
  const analysed = analyzeConfig(cfg, options.budgetsPath, root, devices, { mustExist: true, modelsGlob: options.modelsGlob });
  const baseBy = new Map((options.baseline?.models ?? []).map((m) => [m.path, m]));
  const results: ModelResult[] = analysed.map((a) => ({
    config: a.model,
    path: a.path,
    report: a.report,
    base: baseBy.get(a.path) ?? null,
    ...(options.baseline && !baseBy.has(a.path) ? { baseNote: options.baselineNotes?.get(a.path) ?? 'new in this change' } : {}),
  }));
  const evaluation = evaluateBudgets(cfg, results);
  const comparisons = results.map((r) => compareModel(r.path, r.base ?? undefined, r.report));
  const headPaths = new Set(results.map((r) => r.path));
  const removedModels = [...baseBy.keys()].filter((p) => !headPaths.has(p));
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
      base: options.baseline ?? null,
      comparisons,
    },
  };
}

/**
 * The same models at the baseline: the head's budgets file applied to a checkout of the base
 * commit at `baseRoot`. Models missing there are new; one that cannot be analysed there (a Git
 * LFS pointer, say) is left out with a notice in its warnings.
 */
export function analyzeBaseline(budgetsPathInBase: string, headBudgetsPath: string, baseRoot: string): { report: AnalyzeReport; notes: Map<string, string> } {
  const cfg = readBudgets(headBudgetsPath, posix(relative(dirname(headBudgetsPath), headBudgetsPath)));
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
      const path = posix(relative(baseRoot, file));
      try {
        const report = analyzeFile(file, { dims: model.dims, allowMissingWeights: model.allowMissingWeights, displayPath: path });
        models.push(withLatency(report, devices, { precision: model.precision }));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        // Not analysable at the base (an LFS pointer, a broken file): treated as new, and said.
        notes.set(path, `not analysed at the baseline: ${e.message.slice(e.file.length + 2)}`);
      }
    }
  }
  return { report: { schemaVersion: SCHEMA_VERSION, tool: { name: TOOL_NAME, version: VERSION }, models }, notes };
}

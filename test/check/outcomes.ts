/**
 * Check outcomes for many models, built from real analyses: the fixture models (test/fixtures/models,
 * examples/models) analysed by the engine, each at its default dims or at another batch size, paired
 * as base and head under made-up repository paths. No figure is typed by hand: a model "changes" when
 * its head is another analysis (a bigger batch, another backbone) than its base.
 * Used by the comment tests and by scripts/comment-examples.ts (the docs examples).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBudgets } from '../../src/budgets/parse.js';
import type { ModelResult } from '../../src/budgets/evaluate.js';
import { assembleOutcome, configDevices, type CheckOutcome } from '../../src/check/run.js';
import { analyzeFile } from '../../src/io/analyze-file.js';
import { withLatency } from '../../src/report/latency.js';
import { SCHEMA_VERSION, type AnalyzeReport, type ModelReport } from '../../src/report/model-report.js';
import { TOOL_NAME, VERSION } from '../../src/version.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fixture models quick to analyse, by name: the file under the repository. */
export const FIXTURES = {
  resnet18: 'test/fixtures/models/resnet18.onnx',
  resnet50: 'test/fixtures/models/resnet50.onnx',
  mobilenet_v2: 'test/fixtures/models/mobilenet_v2.onnx',
  mobilenet_v3_large: 'test/fixtures/models/mobilenet_v3_large.onnx',
  squeezenet1_1: 'test/fixtures/models/squeezenet1_1.onnx',
  vgg16: 'test/fixtures/models/vgg16.onnx',
  regnet_y_400mf: 'test/fixtures/models/regnet_y_400mf.onnx',
  r3d_18: 'test/fixtures/models/r3d_18.onnx',
  inception_v3: 'test/fixtures/models/inception_v3.onnx',
  gru_classifier: 'test/fixtures/models/gru_classifier.onnx',
  'lstm-tagger': 'examples/models/lstm-tagger.onnx',
  'tiny-gpt': 'examples/models/tiny-gpt.onnx',
} as const;
export type Fixture = keyof typeof FIXTURES;
export const FIXTURE_NAMES = Object.keys(FIXTURES) as Fixture[];

/** One version of a model: a fixture at a batch size. */
export interface Version {
  fixture: Fixture;
  batch?: number;
}

export interface ModelSpec {
  /** The model's path in the made-up repository. */
  path: string;
  /** At the baseline (null: new in the PR). */
  base: Version | null;
  /** In the PR (null: removed by the PR). */
  head: Version | null;
  /** Budget lines under `budgets:` (YAML, e.g. `params: 30M`); none: no budget at all. */
  budgets?: string[];
}

export const DEVICES = ['jetson-orin-nano', 'raspberry-pi-5'];

const cache = new Map<string, ModelReport>();
/** With latency on {@link DEVICES} (every outcome here has the same devices). */
const timed = new Map<string, ModelReport>();

/** The engine's analysis of a fixture at a batch size (cached: each is analysed once per process). */
export function analysis(v: Version): ModelReport {
  const key = `${v.fixture}@${v.batch ?? 1}`;
  let r = cache.get(key);
  if (!r) {
    const file = FIXTURES[v.fixture];
    r = analyzeFile(join(ROOT, file), { allowMissingWeights: true, dims: { batch: v.batch ?? 1 }, displayPath: file });
    cache.set(key, r);
  }
  return r;
}

const yamlPath = (p: string) => JSON.stringify(p);

/** The budgets file for `specs` (the head's models, in order). */
export function budgetsYaml(specs: readonly ModelSpec[]): string {
  const lines = ['version: 1', `devices: [${DEVICES.join(', ')}]`, 'models:'];
  for (const s of specs) {
    if (!s.head) continue;
    lines.push(`  - path: ${yamlPath(s.path)}`, '    allow-missing-weights: true');
    if (s.budgets?.length) lines.push('    budgets:', ...s.budgets.map((b) => `      ${b}`));
  }
  return lines.join('\n') + '\n';
}

/** The check outcome for `specs`, as `runCheck` would assemble it, with a baseline when `compared`. */
export function buildOutcome(specs: readonly ModelSpec[], compared = true): CheckOutcome {
  const cfg = parseBudgets(budgetsYaml(specs), 'budgets.yml');
  const devices = configDevices(cfg);
  const at = (v: Version, path: string): ModelReport => {
    const key = `${v.fixture}@${v.batch ?? 1}`;
    let r = timed.get(key);
    if (!r) timed.set(key, (r = withLatency(analysis(v), devices)));
    return { ...r, path };
  };
  const heads = specs.filter((s) => s.head);
  const results: ModelResult[] = heads.map((s, i) => ({
    config: cfg.models[i],
    path: s.path,
    report: at(s.head!, s.path),
    base: compared && s.base ? at(s.base, s.path) : null,
    ...(compared && !s.base ? { baseNote: 'new in this change' } : {}),
  }));
  const baseline: AnalyzeReport | null = compared
    ? { schemaVersion: SCHEMA_VERSION, tool: { name: TOOL_NAME, version: VERSION }, models: specs.filter((s) => s.base).map((s) => at(s.base!, s.path)) }
    : null;
  return assembleOutcome(cfg, 'budgets.yml', results, baseline);
}

/**
 * A monorepo of `n` models cycling through the fixtures (`models/<team>/<fixture>-<k>.onnx`), every
 * third with budgets that pass; the models named in `changes` get another head.
 */
export function monorepo(n: number, changes: Record<number, Partial<ModelSpec>> = {}): ModelSpec[] {
  const out: ModelSpec[] = [];
  for (let i = 0; i < n; i++) {
    const fixture = FIXTURE_NAMES[i % FIXTURE_NAMES.length];
    const team = ['vision', 'speech', 'ranking', 'edge'][i % 4];
    const v: Version = { fixture };
    const spec: ModelSpec = { path: `models/${team}/${fixture}-${String(i).padStart(3, '0')}.onnx`, base: v, head: v };
    // Budgets well above the figures (derived from the analysis, never typed): they pass.
    if (i % 3 === 0) spec.budgets = generousBudgets(v);
    out.push({ ...spec, ...changes[i] });
  }
  return out;
}

/** Budgets at four times the model's own figures: `params`, `gmacs`, latency on the first device. */
export function generousBudgets(v: Version): string[] {
  const t = analysis(v).totals;
  return [`params: ${Math.ceil(t.params * 4)}`, `gmacs: ${((t.macs * 4) / 1e9).toPrecision(3)}`];
}

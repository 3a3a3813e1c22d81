/**
 * Parsing and validating a budgets file. Every error names the file, line and column, the key
 * path and what is allowed; unknown keys get a "did you mean". All the errors of a file are
 * found in one run and reported in file order (one BudgetFileError, or BudgetFileErrors when
 * there are several); a value that depends on a broken one (a latency budget on a device whose
 * declaration failed) is not reported again. Messages quote file content only through
 * quoteToken (short, sanitised). The schema published in schema/budgets.schema.json describes
 * the same keys (a test keeps the two in step).
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { DEVICES, findDevice, type Device, type DeviceClass, type Precision } from '../devices/catalog.js';
import { FUSIONS, OP_CLASSES, type ClassFigures, type Fusion, type OpClass } from '../devices/op-class.js';
import { closest } from '../util/suggest.js';
import { quoteToken, safeText } from '../util/sanitize.js';
import { UserError } from '../errors.js';
import {
  DEVICE_METRICS,
  FLOOR_METRICS,
  ON_INCOMPLETE,
  PHASE_NAME,
  type AbsoluteBudget,
  type GenerateConfig,
  type KvCacheConfig,
  type PhaseConfig,
  type BudgetsConfig,
  type CustomDevice,
  type DevicesFile,
  type Level,
  type Metric,
  type ModelConfig,
  type OnIncomplete,
  type Position,
  type RelativeBudget,
} from './types.js';
import { UnitError, parseBandwidth, parseBytes, parseClockGHz, parseCount, parseDurationMs, parseGiga, parsePercent, parseRate } from './units.js';

/** A problem in a budgets file, at a line and column, under a key path. */
export class BudgetFileError extends UserError {
  constructor(file: string, line: number, column: number, keyPath: string, detail: string) {
    super(file, detail, { line, column }, keyPath);
    this.name = 'BudgetFileError';
  }
  get line(): number {
    return this.at!.line;
  }
  get column(): number {
    return this.at!.column;
  }
}

/**
 * Several problems in one budgets file, in file order. `message` is a heading
 * (`N problems in FILE:`) and then one error per line; {@link lines} gives the same lines.
 */
export class BudgetFileErrors extends UserError {
  constructor(
    file: string,
    readonly errors: readonly BudgetFileError[],
  ) {
    super(file, `${errors.length} problems`);
    this.name = 'BudgetFileErrors';
    this.message = this.lines.join('\n');
  }
  /** The heading, then each error's one-line message. */
  get lines(): string[] {
    return [`${this.errors.length} problems in ${this.file}:`, ...this.errors.map((e) => e.message)];
  }
}

/** The keys each mapping accepts (the JSON Schema's `properties` match these). */
export const KEYS = {
  root: ['version', 'devices', 'custom-devices', 'fusion', 'defaults', 'models'],
  /** A `--devices` file. */
  devicesFile: ['version', 'custom-devices'],
  defaults: ['dims', 'precision', 'level', 'min-change', 'allow-missing-weights', 'on-incomplete'],
  model: ['path', 'name', 'dims', 'phases', 'generate', 'kv-cache', 'precision', 'level', 'min-change', 'allow-missing-weights', 'on-incomplete', 'budgets'],
  budgets: [
    'params',
    'gmacs',
    'gflops',
    'weights',
    'peak-memory',
    'memory-traffic',
    'kv-cache',
    'latency',
    'tokens-per-second',
    'time-to-first-token',
    'max-increase',
  ],
  /** The metrics `max-increase` takes (tokens-per-second is a floor: growing is not a cost). */
  increase: ['params', 'gmacs', 'gflops', 'weights', 'peak-memory', 'memory-traffic', 'kv-cache', 'latency', 'time-to-first-token'],
  limit: ['max', 'level'],
  /** A floor written as a mapping (tokens-per-second). */
  floor: ['min', 'level'],
  generate: ['prompt', 'tokens', 'sequence', 'past', 'total'],
  kvCache: ['past', 'present'],
  customDevice: [
    'id',
    'name',
    'like',
    'class',
    'peak',
    'derivation',
    'bandwidth',
    'compute-efficiency',
    'memory-efficiency',
    'kernel-overhead',
    'run-overhead',
    'thread-wake',
    'nchwc-block',
    'cache',
    'fusion',
    'classes',
  ],
  derivation: ['chips', 'cores', 'clock', 'flops-per-cycle'],
  cache: ['size', 'bandwidth'],
  /** Each op class under a custom device's `classes`. */
  opClass: ['compute-efficiency', 'memory-efficiency', 'kernel-overhead'],
} as const;

export const PRECISIONS: readonly Precision[] = ['fp64', 'fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'];
export const CLASSES: readonly DeviceClass[] = ['datacenter-gpu', 'consumer-gpu', 'edge-gpu', 'cpu', 'sbc-cpu', 'apple-soc', 'npu'];
const LEVELS = ['error', 'warn'] as const;
const ABSOLUTE_METRICS: readonly ModelMetric[] = ['params', 'gmacs', 'gflops', 'weights', 'peak-memory', 'memory-traffic', 'kv-cache'];
/** The metrics that are one figure per model (or phase), not per device. */
type ModelMetric = Exclude<Metric, 'latency' | 'tokens-per-second' | 'time-to-first-token'>;
/** The figures that, all given, leave nothing for a custom device's class to set. */
const CLASS_FIGURES = ['compute-efficiency', 'memory-efficiency', 'kernel-overhead'] as const;

type Ctx = {
  file: string;
  lc: LineCounter;
  errors: BudgetFileError[];
  /** `keyPath|key` for each unknown key whose "did you mean" names `key`: its absence is not reported again. */
  misspelt: Set<string>;
};

function pos(ctx: Ctx, node: YamlNode | null | undefined): Position {
  const offset = node?.range?.[0] ?? 0;
  const p = ctx.lc.linePos(offset);
  return { line: p.line, column: p.col };
}

function problem(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, detail: string): BudgetFileError {
  const p = pos(ctx, node);
  return new BudgetFileError(ctx.file, p.line, p.column, keyPath, detail);
}

/** Stop parsing this value (the caller's {@link attempt} records the error and goes on). */
function fail(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, detail: string): never {
  throw problem(ctx, node, keyPath, detail);
}

/** Record an error and go on. */
function report(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, detail: string): void {
  ctx.errors.push(problem(ctx, node, keyPath, detail));
}

/** Stops parsing a value whose problem was already reported (a misspelt key). */
class Reported extends Error {}

/** Parse one value; a BudgetFileError is recorded and gives undefined, so the rest of the file is still checked. */
function attempt<T>(ctx: Ctx, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof Reported) return undefined;
    if (e instanceof BudgetFileError) {
      ctx.errors.push(e);
      return undefined;
    }
    throw e;
  }
}

/** A required key is absent: say so, unless a misspelling of it was reported ("did you mean"). */
function needs(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, key: string, detail: string): never {
  if (ctx.misspelt.has(`${keyPath}|${key}`)) throw new Reported();
  fail(ctx, node, keyPath, detail);
}

/** As {@link needs}, and go on. */
function reportMissing(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, key: string, detail: string): void {
  if (!ctx.misspelt.has(`${keyPath}|${key}`)) report(ctx, node, keyPath, detail);
}

/**
 * A key as it may appear in a key path: one line, short. A key is file content too (a budgets
 * file that is really an environment dump has keys like `TOKEN=secret`): it is cut at the first
 * '=' or control character and after 24 characters.
 */
function keyName(key: unknown): string {
  const k = typeof key === 'string' ? key : String(key);
  // eslint-disable-next-line no-control-regex -- the key name is cut at the first control character on purpose
  const head = /^[^=\u0000-\u001f\u007f-\u009f]{0,24}/u.exec(k)![0];
  return head.length === k.length ? safeText(k, 40) : `${safeText(head, 24)}…`;
}

/** What a node is, for "got ...": its kind, or a short sanitised quote of a scalar. */
function kind(node: YamlNode | null | undefined): string {
  if (!node || (isScalar(node) && node.value === null)) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const v = (node as { value?: unknown }).value;
  return typeof v === 'string' ? quoteToken(v, 32) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : 'a value';
}

/** What a node is, quoting nothing: for the root, which may be any file. */
function kindOnly(node: YamlNode | null | undefined): string {
  if (!node || (isScalar(node) && node.value === null)) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const v = (node as { value?: unknown }).value;
  return typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'a value';
}

/** A mapping's pairs by key; an unknown key is reported (and left out), the others still parsed. */
function asMap(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, allowed: readonly string[], what: string): Map<string, Pair<YamlNode, YamlNode>> {
  if (!isMap(node)) fail(ctx, node, keyPath, `expected ${what} (a mapping), got ${kind(node)}`);
  const out = new Map<string, Pair<YamlNode, YamlNode>>();
  for (const pair of (node as YAMLMap<YamlNode, YamlNode>).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const kp = keyPath ? `${keyPath}.${keyName(key)}` : keyName(key);
    if (!allowed.includes(key)) {
      const hint = key.length <= 64 ? closest(key, allowed) : [];
      if (hint.length) ctx.misspelt.add(`${keyPath}|${hint[0]}`);
      report(ctx, pair.key, kp, `unknown key${hint.length ? `; did you mean '${hint[0]}'?` : ''} (allowed: ${allowed.join(', ')})`);
      continue;
    }
    out.set(key, pair);
  }
  return out;
}

function scalar(node: YamlNode | null | undefined): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** Run a unit parser, turning its error into a positioned one. */
function unit<T>(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, parse: (v: unknown) => T): T {
  if (!isScalar(node)) fail(ctx, node, keyPath, `expected a value, got ${kind(node)}`);
  try {
    return parse(scalar(node));
  } catch (e) {
    if (e instanceof UnitError) fail(ctx, node, keyPath, e.detail);
    throw e;
  }
}

/** A unit that must be above zero (a peak, a bandwidth, a clock: zero would divide by zero). */
function positive(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, parse: (v: unknown) => number, example: string): number {
  const v = unit(ctx, node, keyPath, parse);
  if (!(v > 0)) fail(ctx, node, keyPath, `expected a value above zero, like ${example}, got ${kind(node)}`);
  if (!Number.isFinite(v)) fail(ctx, node, keyPath, `expected a finite value, like ${example}, got ${kind(node)}`);
  return v;
}

function oneOf<T extends string>(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, allowed: readonly T[]): T {
  const v = scalar(node);
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    const hint = typeof v === 'string' && v.length <= 64 ? closest(v, allowed) : [];
    fail(ctx, node, keyPath, `expected one of ${allowed.join(', ')}, got ${kind(node)}${hint.length ? `; did you mean '${hint[0]}'?` : ''}`);
  }
  return v as T;
}

function wholeNumber(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, min: number, max: number): number {
  const v = scalar(node);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail(ctx, node, keyPath, `expected a whole number from ${min} to ${max}, got ${kind(node)}`);
  return v;
}

function bool(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string): boolean {
  const v = scalar(node);
  if (typeof v !== 'boolean') fail(ctx, node, keyPath, `expected true or false, got ${kind(node)}`);
  return v;
}

function fraction(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string): number {
  const v = scalar(node);
  const n = typeof v === 'string' && v.trim().endsWith('%') ? unit(ctx, node, keyPath, parsePercent) / 100 : v;
  if (typeof n !== 'number' || !(n > 0 && n <= 1)) fail(ctx, node, keyPath, `expected a fraction in (0, 1] like 0.8 or 80%, got ${kind(node)}`);
  return n;
}

/** Dim sizes: whole numbers from 0 (ONNX allows zero-sized dims, e.g. an empty KV cache) to 2^31. */
function dims(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, at: NonNullable<ModelConfig['dimsAt']> = {}): Record<string, number> {
  if (!isMap(node)) fail(ctx, node, keyPath, `expected a mapping of dim names to sizes, like { batch: 1, sequence: 128 }, got ${kind(node)}`);
  const out = Object.create(null) as Record<string, number>; // names from the file: no prototype to collide with
  for (const pair of (node as YAMLMap<YamlNode, YamlNode>).items) {
    const key = String(scalar(pair.key));
    const v = scalar(pair.value);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2 ** 31) {
      report(ctx, pair.value ?? pair.key, `${keyPath}.${keyName(key)}`, `expected a whole number from 0 to 2^31, got ${kind(pair.value)}`);
      continue;
    }
    out[key] = v;
    at[key] = { ...pos(ctx, pair.key), keyPath: `${keyPath}.${key}` };
  }
  return out;
}

interface Defaults {
  dims: Record<string, number>;
  dimsAt?: ModelConfig['dimsAt'];
  precision?: Precision;
  level: Level;
  minChange: number;
  allowMissingWeights: boolean;
  onIncomplete: OnIncomplete;
  onIncompleteAt?: Position;
}

/** `params: 5M` or `params: { max: 5M, level: warn }`. */
function limit(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, level: Level, parse: (v: unknown) => number): { max: number; level: Level } {
  if (isMap(node)) {
    const m = asMap(ctx, node, keyPath, KEYS.limit, 'a limit');
    const lvl = m.has('level') ? (attempt(ctx, () => oneOf(ctx, m.get('level')!.value, `${keyPath}.level`, LEVELS)) ?? level) : level;
    if (!m.has('max')) needs(ctx, node, keyPath, 'max', "a limit written as a mapping needs 'max'");
    return { max: unit(ctx, m.get('max')!.value, `${keyPath}.max`, parse), level: lvl };
  }
  return { max: unit(ctx, node, keyPath, parse), level };
}

/** Tokens per second: a number above zero (`40`, `40/s`). */
function parseTokensPerSecond(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\+?[0-9]+(?:\.[0-9]*)?\s*(?:\/s)?\s*$/.test(v) ? parseFloat(v) : NaN;
  if (!(n > 0) || !Number.isFinite(n))
    throw new UnitError(`expected tokens per second above zero, like 40, got ${typeof v === 'string' ? quoteToken(v, 32) : String(v)}`);
  return n;
}

const PARSERS: Record<Metric, (v: unknown) => number> = {
  params: parseCount,
  gmacs: parseGiga,
  gflops: parseGiga,
  weights: parseBytes,
  'peak-memory': parseBytes,
  'memory-traffic': parseBytes,
  'kv-cache': parseBytes,
  latency: parseDurationMs,
  'tokens-per-second': parseTokensPerSecond,
  'time-to-first-token': parseDurationMs,
};

/** An example absolute increase per metric, for messages. */
const INCREASE_EXAMPLE: Record<Metric, string> = {
  params: '+100k',
  gmacs: '+0.5',
  gflops: '+1',
  weights: '+1MB',
  'peak-memory': '+5MB',
  'memory-traffic': '+10MB',
  'kv-cache': '+1MB',
  latency: '+2ms',
  'tokens-per-second': '+5',
  'time-to-first-token': '+2ms',
};

/**
 * `+5%` (a percentage) or an absolute amount in the metric's unit, written with a `+` or a unit
 * (`+2`, `+100k`, `5MB`, `+2ms`). A bare number is refused: `2` could mean either.
 */
function increase(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, metric: Metric, level: Level): RelativeBudget {
  let valueNode = node;
  let lvl = level;
  if (isMap(node)) {
    const m = asMap(ctx, node, keyPath, KEYS.limit, 'an allowed increase');
    if (m.has('level')) lvl = attempt(ctx, () => oneOf(ctx, m.get('level')!.value, `${keyPath}.level`, LEVELS)) ?? level;
    if (!m.has('max')) needs(ctx, node, keyPath, 'max', "an allowed increase written as a mapping needs 'max'");
    valueNode = m.get('max')!.value;
  }
  const at = pos(ctx, valueNode);
  const v = scalar(valueNode);
  if (typeof v === 'string' && v.trim().endsWith('%')) return { metric, percent: unit(ctx, valueNode, keyPath, parsePercent), level: lvl, at };
  // YAML reads `+2` as the number 2: the source text tells `+2` from `2`.
  const source = isScalar(valueNode) ? (typeof valueNode.source === 'string' ? valueNode.source : typeof v === 'string' ? v : '') : '';
  const bare =
    (typeof v === 'number' && !source.trim().startsWith('+')) ||
    (typeof v === 'string' && /^\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$/.test(v));
  if (bare) {
    const n = safeText(typeof v === 'number' ? String(v) : v.trim(), 24);
    fail(
      ctx,
      valueNode,
      keyPath,
      `a bare number is ambiguous: write '${n}%' for a percentage or '+${n.replace(/^-/, '')}${metric === 'latency' || metric === 'time-to-first-token' ? 'ms' : ''}' for an absolute increase (in the metric's unit, like ${INCREASE_EXAMPLE[metric]})`,
    );
  }
  const parse = PARSERS[metric];
  const raw = typeof v === 'number' ? source : v;
  return { metric, absolute: unit(ctx, valueNode, keyPath, () => parse(raw)), level: lvl, at };
}

/** The devices budgets may name, and those whose declaration failed (not reported again). */
interface DeviceScope {
  known: Set<string>;
  /** Ids written in `devices` or `custom-devices` whose entry is broken. */
  broken: Set<string>;
  /** `devices` or `custom-devices` as a whole failed: any id might have been meant. */
  unsure: boolean;
}

function parseModel(ctx: Ctx, node: YamlNode, index: number, d: Defaults, devices: DeviceScope): ModelConfig | undefined {
  const keyPath = `models[${index}]`;
  const m = attempt(ctx, () => asMap(ctx, node, keyPath, KEYS.model, 'a model entry'));
  if (!m) return undefined;
  /** One key's value, parsed on its own: a broken one is recorded and the fallback used. */
  const get = <T>(key: string, f: (n: YamlNode, kp: string) => T, fallback: T): T => {
    const pair = m.get(key);
    if (!pair) return fallback;
    const r = attempt(ctx, () => f(pair.value as YamlNode, `${keyPath}.${key}`));
    return r === undefined ? fallback : r;
  };
  const pathPair = m.get('path');
  let path: string | undefined;
  if (!pathPair) {
    reportMissing(ctx, node, keyPath, 'path', "a model needs 'path' (a file or a glob, relative to this file)");
  } else {
    const v = scalar(pathPair.value);
    if (typeof v !== 'string' || !v.trim()) report(ctx, pathPair.value, `${keyPath}.path`, `expected a path or glob, got ${kind(pathPair.value)}`);
    else path = v;
  }
  const level = get('level', (n, kp) => oneOf(ctx, n, kp, LEVELS), d.level);
  const dimsAt = { ...d.dimsAt };
  const onIncompletePair = m.get('on-incomplete');
  const model: ModelConfig = {
    index,
    path: path ?? '',
    dims: { ...d.dims, ...get('dims', (n, kp) => dims(ctx, n, kp, dimsAt), {}) },
    precision: get('precision', (n, kp) => oneOf(ctx, n, kp, PRECISIONS) as Precision | undefined, d.precision),
    level,
    minChange: get('min-change', (n, kp) => unit(ctx, n, kp, parsePercent), d.minChange),
    allowMissingWeights: get('allow-missing-weights', (n, kp) => bool(ctx, n, kp), d.allowMissingWeights),
    onIncomplete: get('on-incomplete', (n, kp) => oneOf(ctx, n, kp, ON_INCOMPLETE), d.onIncomplete),
    onIncompleteAt: onIncompletePair ? pos(ctx, onIncompletePair.value) : (d.onIncompleteAt ?? pos(ctx, pathPair?.value ?? node)),
    budgets: [],
    maxIncrease: [],
    at: pos(ctx, node),
    pathAt: pos(ctx, pathPair?.value ?? node),
    ...(Object.keys(dimsAt).length ? { dimsAt } : {}),
  };
  if (m.has('name')) model.name = String(scalar(m.get('name')!.value));
  const phasesPair = m.get('phases');
  if (phasesPair) {
    const phases = attempt(ctx, () => parsePhases(ctx, phasesPair.value, `${keyPath}.phases`, model.dims));
    if (phases) model.phases = phases;
  }
  const generatePair = m.get('generate');
  if (generatePair) {
    const g = attempt(ctx, () => parseGenerate(ctx, generatePair.value, `${keyPath}.generate`));
    if (g) model.generate = g;
  }
  const kvPair = m.get('kv-cache');
  if (kvPair) {
    const kv = attempt(ctx, () => parseKvCache(ctx, kvPair.value, `${keyPath}.kv-cache`));
    if (kv) model.kvCache = kv;
  }
  const budgetsPair = m.get('budgets');
  // A phase section that failed to parse: its names are unknown, so per-phase budgets are not checked against them.
  const phaseScope: PhaseScope = {
    names: [...Object.keys(model.phases ?? {}), ...(model.generate ? ['generate'] : [])],
    unsure: (!!phasesPair && !model.phases) || (!!generatePair && !model.generate),
    model,
  };
  if (budgetsPair) parseModelBudgets(ctx, budgetsPair.value, `${keyPath}.budgets`, model, devices, phaseScope);
  return path === undefined ? undefined : model;
}

/** Names that would make a per-phase mapping read as a limit (`{ max, level }`, `{ min }`). */
const RESERVED_PHASES = ['max', 'min', 'level'];

/** `phases: { prefill: { sequence: 512, past_sequence: 0 }, decode: { ... } }`. */
function parsePhases(ctx: Ctx, node: YamlNode | null, keyPath: string, modelDims: Record<string, number>): Record<string, PhaseConfig> {
  if (!isMap(node) || node.items.length === 0)
    fail(ctx, node, keyPath, `expected a mapping of phase names to dims, like { prefill: { sequence: 512 }, decode: { sequence: 1 } }, got ${kind(node)}`);
  const out = Object.create(null) as Record<string, PhaseConfig>;
  let ok = true;
  for (const pair of (node as YAMLMap<YamlNode, YamlNode>).items) {
    const name = String(scalar(pair.key));
    const kp = `${keyPath}.${keyName(name)}`;
    if (!PHASE_NAME.test(name)) {
      report(ctx, pair.key, kp, `a phase name is letters, digits, '_' or '-', got ${kind(pair.key)}`);
      ok = false;
      continue;
    }
    if (name === 'generate' || RESERVED_PHASES.includes(name)) {
      report(
        ctx,
        pair.key,
        kp,
        name === 'generate'
          ? "'generate' is the phase the generate shorthand adds: write it as the model's 'generate: { prompt, tokens }'"
          : `'${name}' cannot name a phase (a budget's { ${name === 'min' ? 'min' : 'max'}, level } mapping uses it)`,
      );
      ok = false;
      continue;
    }
    const at: NonNullable<ModelConfig['dimsAt']> = {};
    const own = attempt(ctx, () => dims(ctx, pair.value, kp, at));
    if (!own) {
      ok = false;
      continue;
    }
    out[name] = { dims: { ...modelDims, ...own }, own: at, at: pos(ctx, pair.key) };
  }
  if (!ok) throw new Reported();
  return out;
}

/** `generate: { prompt: 128, tokens: 20, sequence?, past?, total? }`. */
function parseGenerate(ctx: Ctx, node: YamlNode | null, keyPath: string): GenerateConfig {
  const g = asMap(ctx, node, keyPath, KEYS.generate, 'a generate run { prompt, tokens }');
  let ok = true;
  const whole = (key: 'prompt' | 'tokens', min: number): number | undefined => {
    const pair = g.get(key);
    if (!pair) {
      reportMissing(
        ctx,
        node,
        keyPath,
        key,
        `generate needs '${key}' (${key === 'prompt' ? 'the prompt length in tokens, like 128' : 'the tokens to generate, like 20'})`,
      );
      ok = false;
      return undefined;
    }
    const v = scalar(pair.value);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > MAX_GENERATE[key]) {
      report(ctx, pair.value, `${keyPath}.${key}`, `expected a whole number from ${min} to ${MAX_GENERATE[key]}, got ${kind(pair.value)}`);
      ok = false;
      return undefined;
    }
    return v;
  };
  const prompt = whole('prompt', 1);
  const tokens = whole('tokens', 1);
  const out: GenerateConfig = { prompt: prompt ?? 0, tokens: tokens ?? 0, at: pos(ctx, node) };
  for (const role of ['sequence', 'past', 'total'] as const) {
    const pair = g.get(role);
    if (!pair) continue;
    const v = scalar(pair.value);
    if (typeof v !== 'string' || !v) {
      report(ctx, pair.value, `${keyPath}.${role}`, `expected the name of a symbolic dim, got ${kind(pair.value)}`);
      ok = false;
      continue;
    }
    out[role] = v;
    (out.rolesAt ??= {})[role] = { ...pos(ctx, pair.value), keyPath: `${keyPath}.${role}` };
  }
  if (!ok) throw new Reported();
  return out;
}

/** The largest prompt and generated token counts `generate` accepts (each decode step is one analysis). */
export const MAX_GENERATE = { prompt: 2 ** 31, tokens: 1_000_000 } as const;

/** `kv-cache: { past: [names or globs], present: [...] }`. */
function parseKvCache(ctx: Ctx, node: YamlNode | null, keyPath: string): KvCacheConfig {
  const m = asMap(ctx, node, keyPath, KEYS.kvCache, 'the KV cache tensors { past: [...], present: [...] }');
  if (m.size === 0) fail(ctx, node, keyPath, "expected 'past' and / or 'present': lists of graph input / output names or globs, like [past_key_values.*]");
  const out: KvCacheConfig = { at: pos(ctx, node) };
  let ok = true;
  for (const key of ['past', 'present'] as const) {
    const pair = m.get(key);
    if (!pair) continue;
    const list = isSeq(pair.value) ? pair.value.items : [pair.value];
    const names: string[] = [];
    for (const item of list) {
      const v = scalar(item as YamlNode);
      if (typeof v !== 'string' || !v) {
        report(
          ctx,
          (item as YamlNode) ?? pair.key,
          `${keyPath}.${key}`,
          `expected a list of tensor names or globs, like [past_key_values.*.key], got ${kind(item as YamlNode)}`,
        );
        ok = false;
        continue;
      }
      names.push(v);
    }
    if (names.length === 0 && ok) {
      report(ctx, pair.value ?? pair.key, `${keyPath}.${key}`, 'expected at least one tensor name or glob');
      ok = false;
    }
    out[key] = names;
  }
  if (!ok) throw new Reported();
  return out;
}

/** The phases a model's budgets may name. */
interface PhaseScope {
  names: string[];
  /** `phases` or `generate` failed to parse: any name might have been meant. */
  unsure: boolean;
  model: ModelConfig;
}

/** Which phase a derived metric is read at when no phase is named: decode / prefill, else generate. */
const DERIVED_PHASE: Partial<Record<Metric, { role: string; what: string }>> = {
  'tokens-per-second': { role: 'decode', what: 'decode tokens / decode latency' },
  'time-to-first-token': { role: 'prefill', what: 'the prefill latency' },
};

/**
 * A budget value, or one per phase: `300` / `{ max: 300, level: warn }`, or
 * `{ prefill: 300, decode: 1 }` (each value a limit). Gives [phase, limit] pairs; phase undefined
 * for a whole-model budget.
 */
function perPhase(
  ctx: Ctx,
  node: YamlNode | null | undefined,
  keyPath: string,
  phases: PhaseScope,
  one: (n: YamlNode | null | undefined, kp: string) => { max: number; level: Level } | undefined,
  limitKeys: readonly string[],
): { phase?: string; limit: { max: number; level: Level }; at: Position }[] {
  const limitMap = isMap(node) && node.items.some((p) => limitKeys.includes(String(scalar(p.key as YamlNode))));
  if (!isMap(node) || limitMap) {
    const l = one(node, keyPath);
    return l ? [{ limit: l, at: pos(ctx, node) }] : [];
  }
  const out: { phase?: string; limit: { max: number; level: Level }; at: Position }[] = [];
  for (const pair of (node as YAMLMap<YamlNode, YamlNode>).items) {
    const name = String(scalar(pair.key));
    const kp = `${keyPath}.${keyName(name)}`;
    const l = one(pair.value, kp);
    if (!phases.names.includes(name)) {
      const misspelt = name.length <= 64 ? closest(name, limitKeys) : [];
      if (misspelt.length) {
        // `{ maxx: 5 }`: a limit's key misspelt, not a phase.
        ctx.misspelt.add(`${keyPath}|${misspelt[0]}`);
        report(
          ctx,
          pair.key,
          kp,
          `unknown key; did you mean '${misspelt[0]}'? (allowed: ${limitKeys.join(', ')}${phases.names.length ? `, or this model's phases: ${phases.names.join(', ')}` : ''})`,
        );
        continue;
      }
      if (phases.unsure) continue;
      if (phases.names.length === 0) {
        report(
          ctx,
          pair.key,
          kp,
          `a per-phase budget needs phases: this model has no 'phases' or 'generate' (write { ${limitKeys[0]}: ... } for a limit as a mapping)`,
        );
      } else {
        const hint = name.length <= 64 ? closest(name, phases.names) : [];
        report(
          ctx,
          pair.key,
          kp,
          `unknown phase ${quoteToken(name)}${hint.length ? `; did you mean '${hint[0]}'?` : ''} (this model's phases: ${phases.names.join(', ')})`,
        );
      }
      continue;
    }
    if (l) out.push({ phase: name, limit: l, at: pos(ctx, pair.value) });
  }
  return out;
}

function parseModelBudgets(ctx: Ctx, node: YamlNode | null, bp: string, model: ModelConfig, devices: DeviceScope, phases: PhaseScope): void {
  const b = attempt(ctx, () => asMap(ctx, node, bp, KEYS.budgets, 'budgets'));
  if (!b) return;
  const level = model.level;
  for (const metric of ABSOLUTE_METRICS) {
    const pair = b.get(metric);
    if (!pair) continue;
    const found = perPhase(ctx, pair.value, `${bp}.${metric}`, phases, (n, kp) => attempt(ctx, () => limit(ctx, n, kp, level, PARSERS[metric])), KEYS.limit);
    for (const f of found)
      model.budgets.push({ metric, max: f.limit.max, level: f.limit.level, at: f.at, ...(f.phase ? { phase: f.phase } : {}) } satisfies AbsoluteBudget);
  }
  for (const metric of DEVICE_METRICS) {
    const lat = b.get(metric);
    if (!lat) continue;
    const mp = `${bp}.${metric}`;
    const isFloor = FLOOR_METRICS.includes(metric);
    const derived = DERIVED_PHASE[metric];
    const example =
      metric === 'tokens-per-second' ? '{ jetson-orin-nano: 40 }' : metric === 'latency' ? '{ jetson-orin-nano: 8ms }' : '{ jetson-orin-nano: 200ms }';
    if (!isMap(lat.value)) {
      report(
        ctx,
        lat.value,
        mp,
        `expected a mapping of device ids to ${metric === 'tokens-per-second' ? 'tokens per second' : 'durations'}, like ${example}, got ${kind(lat.value)}`,
      );
      continue;
    }
    // tokens-per-second / time-to-first-token need a decode / prefill phase, or generate.
    let fallback: string | undefined;
    if (derived) {
      fallback = phases.names.includes(derived.role) ? derived.role : phases.names.includes('generate') ? 'generate' : undefined;
      if (!fallback && !phases.unsure) {
        report(ctx, lat.key, mp, `${metric} is ${derived.what}: this model needs a '${derived.role}' phase (under 'phases') or 'generate: { prompt, tokens }'`);
        continue;
      }
    }
    for (const pair of (lat.value as YAMLMap<YamlNode, YamlNode>).items) {
      const device = String(scalar(pair.key));
      const kp = `${mp}.${keyName(device)}`;
      const found = perPhase(
        ctx,
        pair.value,
        kp,
        phases,
        (n, k) => attempt(ctx, () => (isFloor ? floor(ctx, n, k, level, PARSERS[metric]) : limit(ctx, n, k, level, PARSERS[metric]))),
        isFloor ? KEYS.floor : KEYS.limit,
      );
      if (!devices.known.has(device)) {
        // A device whose declaration failed was reported there; not again here.
        if (!devices.unsure && !devices.broken.has(device)) {
          const known = [...devices.known];
          report(
            ctx,
            pair.key,
            kp,
            `device ${quoteToken(device)} is not in this file's devices (${known.join(', ') || 'none'}); add it to 'devices' or 'custom-devices'`,
          );
        }
        continue;
      }
      for (const f of found) {
        const phase = f.phase ?? fallback;
        model.budgets.push({ metric, device, max: f.limit.max, level: f.limit.level, at: f.at, ...(phase ? { phase } : {}) });
      }
    }
  }
  const inc = b.get('max-increase');
  if (inc) {
    const ip = `${bp}.max-increase`;
    const im = attempt(ctx, () => asMap(ctx, inc.value, ip, KEYS.increase, 'allowed increases'));
    for (const [metric, pair] of im ?? []) {
      const mp = `${ip}.${metric}`;
      const per = isMap(pair.value) && !pair.value.items.some((p) => KEYS.limit.includes(String(scalar(p.key as YamlNode)) as 'max'));
      if (!per) {
        const r = attempt(ctx, () => increase(ctx, pair.value, mp, metric as Metric, level));
        // time-to-first-token is read at the prefill (else generate's).
        const derived = DERIVED_PHASE[metric as Metric];
        if (r && derived) {
          const fallback = phases.names.includes(derived.role) ? derived.role : phases.names.includes('generate') ? 'generate' : undefined;
          if (fallback) model.maxIncrease.push({ ...r, phase: fallback });
          else if (!phases.unsure)
            report(
              ctx,
              pair.key,
              mp,
              `${metric} is ${derived.what}: this model needs a '${derived.role}' phase (under 'phases') or 'generate: { prompt, tokens }'`,
            );
        } else if (r) model.maxIncrease.push(r);
        continue;
      }
      // Per phase: { prefill: +5%, decode: +2% }.
      const found = perPhase(ctx, pair.value, mp, phases, () => ({ max: 0, level }), KEYS.limit);
      for (const { phase } of found) {
        if (phase === undefined) continue;
        const phaseNode = (pair.value as YAMLMap<YamlNode, YamlNode>).get(phase, true) as YamlNode;
        const r = attempt(ctx, () => increase(ctx, phaseNode, `${mp}.${phase}`, metric as Metric, level));
        if (r) model.maxIncrease.push({ ...r, phase });
      }
    }
  }
}

/** `40` or `{ min: 40, level: warn }`: a floor (tokens-per-second). */
function floor(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, level: Level, parse: (v: unknown) => number): { max: number; level: Level } {
  if (isMap(node)) {
    const m = asMap(ctx, node, keyPath, KEYS.floor, 'a floor');
    const lvl = m.has('level') ? (attempt(ctx, () => oneOf(ctx, m.get('level')!.value, `${keyPath}.level`, LEVELS)) ?? level) : level;
    if (!m.has('min')) needs(ctx, node, keyPath, 'min', "a floor written as a mapping needs 'min' (tokens-per-second is a floor: broken when below)");
    return { max: unit(ctx, m.get('min')!.value, `${keyPath}.min`, parse), level: lvl };
  }
  return { max: unit(ctx, node, keyPath, parse), level };
}

function parseCustomDevice(ctx: Ctx, node: YamlNode, keyPath: string, onId: (id: string) => void): CustomDevice | undefined {
  const m = attempt(ctx, () => asMap(ctx, node, keyPath, KEYS.customDevice, 'a custom device'));
  if (!m) return undefined;
  let ok = true;
  const check = <T>(f: () => T): T | undefined => {
    const r = attempt(ctx, f);
    if (r === undefined) ok = false;
    return r;
  };
  const idPair = m.get('id');
  const rawId = scalar(idPair?.value);
  if (typeof rawId === 'string') onId(rawId);
  const id = check(() => {
    if (typeof rawId !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(rawId)) {
      fail(
        ctx,
        idPair?.value ?? node,
        `${keyPath}.id`,
        `a custom device needs an 'id' in lower case letters, digits, '.', '_' or '-', got ${kind(idPair?.value)}`,
      );
    }
    if (findDevice(rawId)) fail(ctx, idPair!.value, `${keyPath}.id`, `${quoteToken(rawId)} is a catalog device; give your device another id`);
    return rawId;
  });
  // `like`: a catalog device whose class, peaks, bandwidth, cache and memory are the starting point.
  let like: Device | undefined;
  if (m.has('like')) {
    like = check(() => {
      const n = m.get('like')!.value;
      const v = scalar(n);
      const found = typeof v === 'string' ? findDevice(v) : undefined;
      if (!found) {
        const hint =
          typeof v === 'string' && v.length <= 64
            ? closest(
                v,
                DEVICES.map((d) => d.id),
              )
            : [];
        fail(
          ctx,
          n,
          `${keyPath}.like`,
          `expected a catalog device id, got ${kind(n)}${hint.length ? `; did you mean ${hint.map((h) => `'${h}'`).join(' or ')}?` : ''} (\`model-budget devices\` lists the catalog)`,
        );
      }
      return found;
    });
  }
  // The class sets the default efficiencies and kernel overhead: required, unless `like` gives it or all three are given.
  let cls: DeviceClass = like?.class ?? 'npu';
  if (m.has('class')) cls = check(() => oneOf(ctx, m.get('class')!.value, `${keyPath}.class`, CLASSES)) ?? cls;
  else if (!m.has('like') && !CLASS_FIGURES.every((k) => m.has(k))) {
    reportMissing(
      ctx,
      node,
      keyPath,
      'class',
      `a custom device needs 'class' (one of ${CLASSES.join(', ')}) or 'like' (a catalog device): it sets the default ${CLASS_FIGURES.filter((k) => !m.has(k)).join(', ')}`,
    );
    ok = false;
  }
  const source = 'budgets file';
  let peak: Device['peak'] = { ...like?.peak };
  let peakGiven = like !== undefined || m.has('like');
  if (m.has('peak') || m.has('derivation')) peak = {}; // the peaks given replace the catalog device's
  if (m.has('peak')) {
    peakGiven = true;
    const pm = check(() => asMap(ctx, m.get('peak')!.value, `${keyPath}.peak`, PRECISIONS, 'peaks per precision'));
    for (const [p, pair] of pm ?? []) {
      const v = check(() => positive(ctx, pair.value, `${keyPath}.peak.${p}`, parseRate, '20 TOPS'));
      if (v !== undefined) peak[p as Precision] = { value: v, source };
    }
  }
  if (m.has('derivation')) {
    peakGiven = true;
    if (!attempt(ctx, () => derivation(ctx, m.get('derivation')!.value, `${keyPath}.derivation`, peak, source))) ok = false;
  }
  if (!peakGiven) {
    if (!ctx.misspelt.has(`${keyPath}|derivation`) && !ctx.misspelt.has(`${keyPath}|like`))
      reportMissing(ctx, node, keyPath, 'peak', "a custom device needs 'peak' (per precision, like { fp16: 10 TFLOPS }), 'derivation' or 'like'");
    ok = false;
  }
  let bandwidth: number | undefined = like?.bandwidth.value;
  if (m.has('bandwidth')) bandwidth = check(() => positive(ctx, m.get('bandwidth')!.value, `${keyPath}.bandwidth`, parseBandwidth, '34 GB/s'));
  else if (!m.has('like')) {
    if (!ctx.misspelt.has(`${keyPath}|like`)) reportMissing(ctx, node, keyPath, 'bandwidth', "a custom device needs 'bandwidth' (like 34 GB/s) or 'like'");
    ok = false;
  }
  const overrides: CustomDevice['overrides'] = {};
  if (m.has('compute-efficiency'))
    overrides.computeEfficiency = check(() => fraction(ctx, m.get('compute-efficiency')!.value, `${keyPath}.compute-efficiency`));
  if (m.has('memory-efficiency')) overrides.memoryEfficiency = check(() => fraction(ctx, m.get('memory-efficiency')!.value, `${keyPath}.memory-efficiency`));
  if (m.has('kernel-overhead')) overrides.kernelOverhead = check(() => seconds(ctx, m.get('kernel-overhead')!.value, `${keyPath}.kernel-overhead`));
  if (m.has('run-overhead')) overrides.runOverhead = check(() => seconds(ctx, m.get('run-overhead')!.value, `${keyPath}.run-overhead`));
  if (m.has('thread-wake')) overrides.threadWake = check(() => seconds(ctx, m.get('thread-wake')!.value, `${keyPath}.thread-wake`));
  if (m.has('nchwc-block')) overrides.nchwcBlock = check(() => wholeNumber(ctx, m.get('nchwc-block')!.value, `${keyPath}.nchwc-block`, 1, 1024));
  let cache = like?.cache;
  if (m.has('cache')) {
    const c = check(() => cacheFigures(ctx, m.get('cache')!.value, `${keyPath}.cache`, like?.cache, source));
    if (c) {
      cache = c;
      overrides.cache = { bytes: c.size.value, bandwidth: c.bandwidth.value };
    }
  }
  if (m.has('fusion')) overrides.fusion = check(() => oneOf(ctx, m.get('fusion')!.value, `${keyPath}.fusion`, FUSIONS));
  if (m.has('classes')) {
    const classes = check(() => opClasses(ctx, m.get('classes')!.value, `${keyPath}.classes`));
    if (classes) overrides.classes = classes;
  }
  if (!ok || id === undefined || bandwidth === undefined) return undefined;
  const device: Device = {
    id,
    name: m.has('name') ? String(scalar(m.get('name')!.value)) : id,
    class: cls,
    peak,
    bandwidth: m.has('bandwidth') ? { value: bandwidth, source } : like!.bandwidth,
    ...(like?.memory ? { memory: like.memory } : {}),
    ...(cache ? { cache } : {}),
  };
  return { device, overrides, at: pos(ctx, node), file: ctx.file };
}

/** A duration in seconds (a kernel overhead: `4us`). */
function seconds(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string): number {
  return unit(ctx, node, keyPath, parseDurationMs) / 1e3;
}

/** `cache: { size: 32MiB, bandwidth: 60 GB/s }`; with `like`, a key left out keeps the catalog device's. */
function cacheFigures(
  ctx: Ctx,
  node: YamlNode | null | undefined,
  keyPath: string,
  inherited: Device['cache'],
  source: string,
): NonNullable<Device['cache']> | undefined {
  const cm = asMap(ctx, node, keyPath, KEYS.cache, 'a cache { size, bandwidth }');
  let ok = true;
  const figure = (key: 'size' | 'bandwidth', parse: (v: unknown) => number, example: string) => {
    const pair = cm.get(key);
    if (!pair) {
      if (inherited) return inherited[key];
      reportMissing(ctx, node, keyPath, key, `a cache needs 'size' and 'bandwidth' (like { size: 32MiB, bandwidth: 60 GB/s })`);
      ok = false;
      return undefined;
    }
    const v = attempt(ctx, () => positive(ctx, pair.value, `${keyPath}.${key}`, parse, example));
    if (v === undefined) ok = false;
    return v === undefined ? undefined : { value: v, source };
  };
  const size = figure('size', parseBytes, '32MiB');
  const bandwidth = figure('bandwidth', parseBandwidth, '60 GB/s');
  if (!ok || !size || !bandwidth) throw new Reported();
  return { size, bandwidth };
}

/** `classes: { gemm: { compute-efficiency: 0.7, memory-efficiency: 0.9, kernel-overhead: 3us }, ... }`. */
function opClasses(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string): Partial<Record<OpClass, ClassFigures>> {
  const cm = asMap(ctx, node, keyPath, OP_CLASSES, 'figures per op class');
  const out: Partial<Record<OpClass, ClassFigures>> = {};
  let ok = true;
  for (const [name, pair] of cm) {
    const kp = `${keyPath}.${name}`;
    const fm = attempt(ctx, () => asMap(ctx, pair.value, kp, KEYS.opClass, `the figures of op class ${name}`));
    if (!fm) {
      ok = false;
      continue;
    }
    const figures: ClassFigures = {};
    const eff = fm.get('compute-efficiency');
    if (eff) {
      const v = attempt(ctx, () => fraction(ctx, eff.value, `${kp}.compute-efficiency`));
      if (v === undefined) ok = false;
      else figures.computeEfficiency = v;
    }
    const mem = fm.get('memory-efficiency');
    if (mem) {
      const v = attempt(ctx, () => fraction(ctx, mem.value, `${kp}.memory-efficiency`));
      if (v === undefined) ok = false;
      else figures.memoryEfficiency = v;
    }
    const ov = fm.get('kernel-overhead');
    if (ov) {
      const v = attempt(ctx, () => seconds(ctx, ov.value, `${kp}.kernel-overhead`));
      if (v === undefined) ok = false;
      else figures.kernelOverhead = v;
    }
    out[name as OpClass] = figures;
  }
  if (cm.size < (isMap(node) ? node.items.length : 0)) ok = false; // an unknown class name, reported
  if (!ok) throw new Reported();
  return out;
}

/** peak = chips x clock x cores x FLOPs per cycle, per precision, into `peak`. */
function derivation(ctx: Ctx, node: YamlNode | null, dp: string, peak: Device['peak'], source: string): boolean {
  const dm = asMap(ctx, node, dp, KEYS.derivation, 'a peak derivation');
  let ok = true;
  const num = (k: string, fallback?: number): number | undefined => {
    const pair = dm.get(k);
    if (!pair) {
      if (fallback !== undefined) return fallback;
      reportMissing(
        ctx,
        node,
        dp,
        k,
        `a derivation needs '${k}'${k === 'clock' ? ' (like 1.2 GHz)' : k === 'flops-per-cycle' ? ', per precision (like { fp32: 2, fp16: 4 })' : ''}`,
      );
      ok = false;
      return undefined;
    }
    const v = scalar(pair.value);
    if (typeof v !== 'number' || !(v > 0)) {
      report(ctx, pair.value, `${dp}.${k}`, `expected a number above zero, got ${kind(pair.value)}`);
      ok = false;
      return undefined;
    }
    return v;
  };
  const chips = num('chips', 1);
  const cores = num('cores');
  let clockGHz: number | undefined;
  if (!dm.has('clock')) num('clock');
  else {
    clockGHz = attempt(ctx, () => positive(ctx, dm.get('clock')!.value, `${dp}.clock`, parseClockGHz, '1.2 GHz'));
    if (clockGHz === undefined) ok = false;
  }
  if (!dm.has('flops-per-cycle')) {
    num('flops-per-cycle');
    return false;
  }
  const fm = asMap(ctx, dm.get('flops-per-cycle')!.value, `${dp}.flops-per-cycle`, PRECISIONS, 'FLOPs per cycle per core, per precision');
  for (const [p, pair] of fm) {
    const per = scalar(pair.value);
    if (typeof per !== 'number' || !(per > 0)) {
      report(ctx, pair.value, `${dp}.flops-per-cycle.${p}`, `expected a number above zero, got ${kind(pair.value)}`);
      ok = false;
      continue;
    }
    if (!ok || chips === undefined || cores === undefined || clockGHz === undefined) continue;
    // The textbook's peak = chips x clock x cores x FLOPs per cycle.
    peak[p as Precision] = {
      value: chips * clockGHz * 1e9 * cores * per,
      source,
      derivation: { chips, cores, clockGHz, opsPerCyclePerCore: per },
    };
  }
  return ok;
}

/**
 * A YAML parser message without the source text it may quote (a tag, a directive, a scalar):
 * the part before the first ': ', long words cut, one line.
 */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const cut = first.split(': ')[0];
  return safeText(cut.replace(/\S{25,}/g, '…'), 120);
}

/** A YAML document, its syntax errors reported (all of them, then thrown), and its root mapping. */
function readDocument(
  text: string,
  file: string,
  what: string,
  allowed: readonly string[],
): { ctx: Ctx; rootNode: YamlNode; root: Map<string, Pair<YamlNode, YamlNode>> } {
  const lc = new LineCounter();
  const doc = parseYaml(text, lc, file);
  const ctx: Ctx = { file, lc, errors: [], misspelt: new Set() };
  if (doc.errors.length) {
    // The document's structure is not known: its syntax errors only.
    for (const e of doc.errors) {
      const p = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
      ctx.errors.push(new BudgetFileError(file, p.line, p.col, '', `invalid YAML: ${yamlMessage(e.message)}`));
    }
    throwErrors(ctx);
  }
  const rootNode = doc.contents as YamlNode;
  // The root may be any file (a symlink, a wrong path): say what it is, quote nothing.
  if (!isMap(rootNode)) throw problem(ctx, rootNode, '', `expected ${what} (a mapping), got ${kindOnly(rootNode)}`);
  return { ctx, rootNode, root: asMap(ctx, rootNode, '', allowed, what) };
}

/** `version: 1`, required or not. */
function checkVersion(ctx: Ctx, rootNode: YamlNode, root: Map<string, Pair<YamlNode, YamlNode>>, required: boolean): void {
  const version = root.get('version');
  if (!version) {
    if (required) reportMissing(ctx, rootNode, '', 'version', "missing 'version: 1'");
  } else if (scalar(version.value) !== 1) report(ctx, version.value, 'version', `expected 1 (the only version this tool reads), got ${kind(version.value)}`);
}

/**
 * A `custom-devices` list (of a budgets file or a `--devices` file): the devices that parse,
 * in order; ids of broken entries go to `scope.broken` (not reported again where used). An id
 * declared in `others` (the other file) is an error naming both files.
 */
function parseCustomDevices(ctx: Ctx, node: YamlNode | null, scope: DeviceScope, others: readonly CustomDevice[] = []): CustomDevice[] {
  const out: CustomDevice[] = [];
  if (!isSeq(node)) {
    report(ctx, node, 'custom-devices', `expected a list of devices, got ${kind(node)}`);
    scope.unsure = true;
    return out;
  }
  const ids = new Set<string>();
  node.items.forEach((item, i) => {
    let written: string | undefined;
    const cd = parseCustomDevice(ctx, item as YamlNode, `custom-devices[${i}]`, (id) => (written = id));
    if (!cd) {
      if (written !== undefined) scope.broken.add(written);
      else scope.unsure = true;
      return;
    }
    if (ids.has(cd.device.id)) {
      report(ctx, item as YamlNode, `custom-devices[${i}].id`, `device '${cd.device.id}' is declared twice`);
      return;
    }
    const other = others.find((o) => o.device.id === cd.device.id);
    if (other) {
      const idNode = (item as YAMLMap<YamlNode, YamlNode>).get('id', true) as YamlNode | undefined;
      report(
        ctx,
        idNode ?? (item as YamlNode),
        `custom-devices[${i}].id`,
        `device '${cd.device.id}' is declared both here and in ${safeText(other.file, 200)} (line ${other.at.line}); keep one of them`,
      );
      return;
    }
    ids.add(cd.device.id);
    out.push(cd);
  });
  return out;
}

/**
 * A `--devices` file: `custom-devices` (the same entries as a budgets file's) and an optional
 * `version: 1`, nothing else. What `model-budget calibrate --output` writes.
 */
export function parseDevicesFile(text: string, file: string): DevicesFile {
  const { ctx, rootNode, root } = readDocument(text, file, 'a devices file with custom-devices', KEYS.devicesFile);
  checkVersion(ctx, rootNode, root, false);
  let customDevices: CustomDevice[] = [];
  const list = root.get('custom-devices');
  if (!list) reportMissing(ctx, rootNode, '', 'custom-devices', "a devices file needs 'custom-devices' (a list of devices, as in a budgets file)");
  else if (isSeq(list.value) && list.value.items.length === 0) report(ctx, list.value, 'custom-devices', 'expected at least one device, got an empty list');
  else customDevices = parseCustomDevices(ctx, list.value, { known: new Set(), broken: new Set(), unsure: false });
  throwErrors(ctx);
  return { file, customDevices };
}

/**
 * A budgets file. `external`: the devices of a `--devices` file, added to this file's custom
 * devices (budgets may name them; an id declared in both files is an error).
 */
export function parseBudgets(text: string, file: string, external?: DevicesFile): BudgetsConfig {
  const { ctx, rootNode, root } = readDocument(text, file, 'a budgets file', KEYS.root);
  checkVersion(ctx, rootNode, root, true);

  const scope: DeviceScope = { known: new Set(), broken: new Set(), unsure: false };
  const extra = external?.customDevices ?? [];
  const customDevices: CustomDevice[] = root.has('custom-devices') ? parseCustomDevices(ctx, root.get('custom-devices')!.value, scope, extra) : [];
  // A device of the other file declared here too was reported here; it is still known.
  customDevices.push(...extra);
  const customIds = new Set(customDevices.map((c) => c.device.id));
  let fusion: Fusion | undefined;
  if (root.has('fusion')) fusion = attempt(ctx, () => oneOf(ctx, root.get('fusion')!.value, 'fusion', FUSIONS));
  const devices: string[] = [];
  const listed = new Set<string>();
  if (root.has('devices')) {
    const node = root.get('devices')!.value;
    if (!isSeq(node)) {
      report(ctx, node, 'devices', `expected a list of device ids, like [jetson-orin-nano, raspberry-pi-5], got ${kind(node)}`);
      scope.unsure = true;
    } else {
      node.items.forEach((item, i) => {
        const raw = scalar(item as YamlNode);
        if (typeof raw !== 'string') {
          report(ctx, item as YamlNode, `devices[${i}]`, `expected a device id like jetson-orin-nano, got ${kind(item as YamlNode)}`);
          scope.unsure = true;
          return;
        }
        const id = raw;
        if (!findDevice(id) && !customIds.has(id)) {
          // A custom device whose declaration failed was reported there.
          if (!scope.broken.has(id)) {
            const hint = id.length <= 64 ? closest(id, [...DEVICES.map((d) => d.id), ...customIds]) : [];
            report(
              ctx,
              item as YamlNode,
              `devices[${i}]`,
              `unknown device ${quoteToken(id)}${hint.length ? `; did you mean ${hint.map((h) => `'${h}'`).join(' or ')}?` : ''} (\`model-budget devices\` lists the catalog; declare others under custom-devices)`,
            );
            scope.broken.add(id);
          }
          return;
        }
        const canonical = findDevice(id)?.id ?? id;
        if (listed.has(canonical)) {
          report(ctx, item as YamlNode, `devices[${i}]`, `device '${canonical}' is listed twice`);
          return;
        }
        listed.add(canonical);
        devices.push(canonical);
        // Budgets may name a catalog device by an alias findDevice accepts.
        scope.known.add(id);
        scope.known.add(canonical);
      });
    }
  }
  for (const c of customDevices) {
    if (!listed.has(c.device.id)) {
      listed.add(c.device.id);
      devices.push(c.device.id);
    }
    scope.known.add(c.device.id);
  }

  const d: Defaults = { dims: {}, level: 'error', minChange: 0, allowMissingWeights: false, onIncomplete: 'warn' };
  if (root.has('defaults')) {
    const dm = attempt(ctx, () => asMap(ctx, root.get('defaults')!.value, 'defaults', KEYS.defaults, 'defaults'));
    const get = <T>(key: string, f: (n: YamlNode, kp: string) => T): T | undefined => {
      const pair = dm?.get(key);
      return pair ? attempt(ctx, () => f(pair.value as YamlNode, `defaults.${key}`)) : undefined;
    };
    d.dims = get('dims', (n, kp) => dims(ctx, n, kp, (d.dimsAt = {}))) ?? d.dims;
    d.precision = get('precision', (n, kp) => oneOf(ctx, n, kp, PRECISIONS));
    d.level = get('level', (n, kp) => oneOf(ctx, n, kp, LEVELS)) ?? d.level;
    d.minChange = get('min-change', (n, kp) => unit(ctx, n, kp, parsePercent)) ?? d.minChange;
    d.allowMissingWeights = get('allow-missing-weights', (n, kp) => bool(ctx, n, kp)) ?? d.allowMissingWeights;
    d.onIncomplete = get('on-incomplete', (n, kp) => oneOf(ctx, n, kp, ON_INCOMPLETE)) ?? d.onIncomplete;
    const oi = dm?.get('on-incomplete');
    if (oi) d.onIncompleteAt = pos(ctx, oi.value);
  }

  const models: ModelConfig[] = [];
  const modelsPair = root.get('models');
  if (!modelsPair) {
    reportMissing(ctx, rootNode, '', 'models', "missing 'models': list the models to check");
  } else if (!isSeq(modelsPair.value) || modelsPair.value.items.length === 0) {
    report(ctx, modelsPair.value ?? modelsPair.key, 'models', `expected a non-empty list of models, got ${kind(modelsPair.value)}`);
  } else {
    // By path, for the "listed twice" check (a Map: linear in the number of entries).
    const byPath = new Map<string, number>();
    modelsPair.value.items.forEach((item, i) => {
      const model = parseModel(ctx, item as YamlNode, i, d, scope);
      if (!model) return;
      const twice = byPath.get(model.path);
      if (twice !== undefined) {
        report(ctx, (item as YAMLMap).get('path', true), `models[${i}].path`, `${quoteToken(model.path)} is already listed as models[${twice}]`);
        return;
      }
      byPath.set(model.path, i);
      models.push(model);
    });
  }
  throwErrors(ctx);
  return { file, version: 1, devices, customDevices, ...(fusion ? { fusion } : {}), models };
}

/** Throw what was found: nothing, one error, or all of them in file order. */
function throwErrors(ctx: Ctx): void {
  if (ctx.errors.length === 0) return;
  const seen = new Set<string>();
  const errors = ctx.errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.e.column - b.e.column || a.i - b.i)
    .map((x) => x.e)
    .filter((e) => !seen.has(e.message) && !!seen.add(e.message));
  if (errors.length === 1) throw errors[0];
  throw new BudgetFileErrors(ctx.file, errors);
}

/**
 * The YAML library's parser recurses, and some inputs (found by the fuzzer: a block mapping of
 * a few thousand keys after an edit) exhaust the stack inside it: that is a file we cannot read,
 * said as such, not an internal error.
 */
function parseYaml(text: string, lc: LineCounter, file: string): ReturnType<typeof parseDocument> {
  try {
    return parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    if (e instanceof RangeError) throw new BudgetFileError(file, 1, 1, '', 'invalid YAML: too deeply nested or too large for the parser');
    throw e;
  }
}

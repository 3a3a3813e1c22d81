/**
 * Parsing and validating a budgets file. Every error names the file, line and column, the key
 * path and what is allowed; unknown keys get a "did you mean". The schema published in
 * schema/budgets.schema.json describes the same keys (a test keeps the two in step).
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { DEVICES, findDevice, type Device, type DeviceClass, type Precision } from '../devices/catalog.js';
import { CLASS_EFFICIENCY } from '../devices/efficiency.js';
import { closest } from '../util/suggest.js';
import { UserError } from '../errors.js';
import type { AbsoluteBudget, BudgetsConfig, CustomDevice, Level, Metric, ModelConfig, Position, RelativeBudget } from './types.js';
import {
  UnitError,
  parseBandwidth,
  parseBytes,
  parseClockGHz,
  parseCount,
  parseDurationMs,
  parseGiga,
  parsePercent,
  parseRate,
} from './units.js';

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

/** The keys each mapping accepts (the JSON Schema's `properties` match these). */
export const KEYS = {
  root: ['version', 'devices', 'custom-devices', 'defaults', 'models'],
  defaults: ['dims', 'precision', 'level', 'min-change', 'allow-missing-weights'],
  model: ['path', 'name', 'dims', 'precision', 'level', 'min-change', 'allow-missing-weights', 'budgets'],
  budgets: ['params', 'gmacs', 'gflops', 'weights', 'peak-memory', 'memory-traffic', 'latency', 'max-increase'],
  limit: ['max', 'level'],
  customDevice: ['id', 'name', 'class', 'peak', 'derivation', 'bandwidth', 'compute-efficiency', 'memory-efficiency', 'kernel-overhead'],
  derivation: ['chips', 'cores', 'clock', 'flops-per-cycle'],
} as const;

export const PRECISIONS: readonly Precision[] = ['fp64', 'fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'];
const CLASSES: readonly DeviceClass[] = ['datacenter-gpu', 'consumer-gpu', 'edge-gpu', 'cpu', 'sbc-cpu', 'apple-soc', 'npu'];
const ABSOLUTE_METRICS: readonly Exclude<Metric, 'latency'>[] = ['params', 'gmacs', 'gflops', 'weights', 'peak-memory', 'memory-traffic'];

type Ctx = { file: string; lc: LineCounter };

function pos(ctx: Ctx, node: YamlNode | null | undefined): Position {
  const offset = node?.range?.[0] ?? 0;
  const p = ctx.lc.linePos(offset);
  return { line: p.line, column: p.col };
}

function fail(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, detail: string): never {
  const p = pos(ctx, node);
  throw new BudgetFileError(ctx.file, p.line, p.column, keyPath, detail);
}

function kind(node: YamlNode | null | undefined): string {
  if (!node || (isScalar(node) && node.value === null)) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const v = (node as { value?: unknown }).value;
  return typeof v === 'string' ? `'${v}'` : String(v);
}

function asMap(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, allowed: readonly string[], what: string): Map<string, Pair<YamlNode, YamlNode>> {
  if (!isMap(node)) fail(ctx, node, keyPath, `expected ${what} (a mapping), got ${kind(node)}`);
  const out = new Map<string, Pair<YamlNode, YamlNode>>();
  for (const pair of (node as YAMLMap<YamlNode, YamlNode>).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const kp = keyPath ? `${keyPath}.${key}` : key;
    if (!allowed.includes(key)) {
      const hint = closest(key, allowed);
      fail(ctx, pair.key, kp, `unknown key${hint.length ? `; did you mean '${hint[0]}'?` : ''} (allowed: ${allowed.join(', ')})`);
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
    if (e instanceof UnitError) fail(ctx, node, keyPath, e.message);
    throw e;
  }
}

function oneOf<T extends string>(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, allowed: readonly T[]): T {
  const v = scalar(node);
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    const hint = typeof v === 'string' ? closest(v, allowed) : [];
    fail(ctx, node, keyPath, `expected one of ${allowed.join(', ')}, got ${kind(node)}${hint.length ? `; did you mean '${hint[0]}'?` : ''}`);
  }
  return v as T;
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

function dims(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string): Record<string, number> {
  if (!isMap(node)) fail(ctx, node, keyPath, `expected a mapping of dim names to sizes, like { batch: 1, sequence: 128 }, got ${kind(node)}`);
  const out: Record<string, number> = {};
  for (const pair of (node as YAMLMap<YamlNode, YamlNode>).items) {
    const key = String(scalar(pair.key));
    const v = scalar(pair.value);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 2 ** 31) {
      fail(ctx, pair.value ?? pair.key, `${keyPath}.${key}`, `expected a whole number from 1 to 2^31, got ${kind(pair.value)}`);
    }
    out[key] = v;
  }
  return out;
}

interface Defaults {
  dims: Record<string, number>;
  precision?: Precision;
  level: Level;
  minChange: number;
  allowMissingWeights: boolean;
}

/** `params: 5M` or `params: { max: 5M, level: warn }`. */
function limit(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, level: Level, parse: (v: unknown) => number): { max: number; level: Level } {
  if (isMap(node)) {
    const m = asMap(ctx, node, keyPath, KEYS.limit, 'a limit');
    if (!m.has('max')) fail(ctx, node, keyPath, "a limit written as a mapping needs 'max'");
    return {
      max: unit(ctx, m.get('max')!.value, `${keyPath}.max`, parse),
      level: m.has('level') ? oneOf(ctx, m.get('level')!.value, `${keyPath}.level`, ['error', 'warn'] as const) : level,
    };
  }
  return { max: unit(ctx, node, keyPath, parse), level };
}

const PARSERS: Record<Exclude<Metric, 'latency'>, (v: unknown) => number> = {
  params: parseCount,
  gmacs: parseGiga,
  gflops: parseGiga,
  weights: parseBytes,
  'peak-memory': parseBytes,
  'memory-traffic': parseBytes,
};

/** `+5%` or an absolute amount in the metric's unit. */
function increase(ctx: Ctx, node: YamlNode | null | undefined, keyPath: string, metric: Metric, level: Level): RelativeBudget {
  let valueNode = node;
  let lvl = level;
  if (isMap(node)) {
    const m = asMap(ctx, node, keyPath, KEYS.limit, 'an allowed increase');
    if (!m.has('max')) fail(ctx, node, keyPath, "an allowed increase written as a mapping needs 'max'");
    valueNode = m.get('max')!.value;
    if (m.has('level')) lvl = oneOf(ctx, m.get('level')!.value, `${keyPath}.level`, ['error', 'warn'] as const);
  }
  const at = pos(ctx, valueNode);
  const v = scalar(valueNode);
  if (typeof v === 'string' && v.trim().endsWith('%')) return { metric, percent: unit(ctx, valueNode, keyPath, parsePercent), level: lvl, at };
  const parse = metric === 'latency' ? parseDurationMs : PARSERS[metric];
  return { metric, absolute: unit(ctx, valueNode, keyPath, parse), level: lvl, at };
}

function parseModel(ctx: Ctx, node: YamlNode, keyPath: string, d: Defaults, devices: Set<string>): ModelConfig {
  const m = asMap(ctx, node, keyPath, KEYS.model, 'a model entry');
  const pathPair = m.get('path');
  if (!pathPair) fail(ctx, node, keyPath, "a model needs 'path' (a file or a glob, relative to this file)");
  const path = scalar(pathPair.value);
  if (typeof path !== 'string' || !path.trim()) fail(ctx, pathPair.value, `${keyPath}.path`, `expected a path or glob, got ${kind(pathPair.value)}`);
  const level = m.has('level') ? oneOf(ctx, m.get('level')!.value, `${keyPath}.level`, ['error', 'warn'] as const) : d.level;
  const model: ModelConfig = {
    path,
    dims: { ...d.dims, ...(m.has('dims') ? dims(ctx, m.get('dims')!.value, `${keyPath}.dims`) : {}) },
    precision: m.has('precision') ? oneOf(ctx, m.get('precision')!.value, `${keyPath}.precision`, PRECISIONS) : d.precision,
    level,
    minChange: m.has('min-change') ? unit(ctx, m.get('min-change')!.value, `${keyPath}.min-change`, parsePercent) : d.minChange,
    allowMissingWeights: m.has('allow-missing-weights') ? bool(ctx, m.get('allow-missing-weights')!.value, `${keyPath}.allow-missing-weights`) : d.allowMissingWeights,
    budgets: [],
    maxIncrease: [],
    at: pos(ctx, node),
    pathAt: pos(ctx, pathPair.value),
  };
  if (m.has('name')) model.name = String(scalar(m.get('name')!.value));
  if (!m.has('budgets')) return model;
  const bp = `${keyPath}.budgets`;
  const b = asMap(ctx, m.get('budgets')!.value, bp, KEYS.budgets, 'budgets');
  for (const metric of ABSOLUTE_METRICS) {
    const pair = b.get(metric);
    if (!pair) continue;
    const l = limit(ctx, pair.value, `${bp}.${metric}`, level, PARSERS[metric]);
    model.budgets.push({ metric, max: l.max, level: l.level, at: pos(ctx, pair.value) } satisfies AbsoluteBudget);
  }
  const lat = b.get('latency');
  if (lat) {
    if (!isMap(lat.value)) fail(ctx, lat.value, `${bp}.latency`, `expected a mapping of device ids to durations, like { jetson-orin-nano: 8ms }, got ${kind(lat.value)}`);
    for (const pair of (lat.value as YAMLMap<YamlNode, YamlNode>).items) {
      const device = String(scalar(pair.key));
      const kp = `${bp}.latency.${device}`;
      if (!devices.has(device)) {
        const known = [...devices];
        fail(ctx, pair.key, kp, `device '${device}' is not in this file's devices (${known.join(', ') || 'none'}); add it to 'devices' or 'custom-devices'`);
      }
      const l = limit(ctx, pair.value, kp, level, parseDurationMs);
      model.budgets.push({ metric: 'latency', device, max: l.max, level: l.level, at: pos(ctx, pair.value) });
    }
  }
  const inc = b.get('max-increase');
  if (inc) {
    const ip = `${bp}.max-increase`;
    const im = asMap(ctx, inc.value, ip, ['params', 'gmacs', 'gflops', 'weights', 'peak-memory', 'memory-traffic', 'latency'], 'allowed increases');
    for (const [metric, pair] of im) model.maxIncrease.push(increase(ctx, pair.value, `${ip}.${metric}`, metric as Metric, level));
  }
  return model;
}

function parseCustomDevice(ctx: Ctx, node: YamlNode, keyPath: string): CustomDevice {
  const m = asMap(ctx, node, keyPath, KEYS.customDevice, 'a custom device');
  const idPair = m.get('id');
  const id = scalar(idPair?.value);
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(id)) {
    fail(ctx, idPair?.value ?? node, `${keyPath}.id`, `a custom device needs an 'id' in lower case letters, digits, '.', '_' or '-', got ${kind(idPair?.value)}`);
  }
  if (findDevice(id)) fail(ctx, idPair!.value, `${keyPath}.id`, `'${id}' is a catalog device; give your device another id`);
  const cls = m.has('class') ? oneOf(ctx, m.get('class')!.value, `${keyPath}.class`, CLASSES) : 'npu';
  const source = 'budgets file';
  const peak: Device['peak'] = {};
  if (m.has('peak')) {
    const pm = asMap(ctx, m.get('peak')!.value, `${keyPath}.peak`, PRECISIONS, 'peaks per precision');
    for (const [p, pair] of pm) peak[p as Precision] = { value: unit(ctx, pair.value, `${keyPath}.peak.${p}`, parseRate), source };
  }
  if (m.has('derivation')) {
    const dp = `${keyPath}.derivation`;
    const dm = asMap(ctx, m.get('derivation')!.value, dp, KEYS.derivation, 'a peak derivation');
    const num = (k: string, fallback?: number): number => {
      const pair = dm.get(k);
      if (!pair) {
        if (fallback !== undefined) return fallback;
        fail(ctx, m.get('derivation')!.value, dp, `a derivation needs '${k}'`);
      }
      const v = scalar(pair.value);
      if (typeof v !== 'number' || !(v > 0)) fail(ctx, pair.value, `${dp}.${k}`, `expected a positive number, got ${kind(pair.value)}`);
      return v;
    };
    const chips = num('chips', 1);
    const cores = num('cores');
    if (!dm.has('clock')) fail(ctx, m.get('derivation')!.value, dp, "a derivation needs 'clock' (like 1.2 GHz)");
    const clockGHz = unit(ctx, dm.get('clock')!.value, `${dp}.clock`, parseClockGHz);
    if (!dm.has('flops-per-cycle')) fail(ctx, m.get('derivation')!.value, dp, "a derivation needs 'flops-per-cycle', per precision (like { fp32: 2, fp16: 4 })");
    const fm = asMap(ctx, dm.get('flops-per-cycle')!.value, `${dp}.flops-per-cycle`, PRECISIONS, 'FLOPs per cycle per core, per precision');
    for (const [p, pair] of fm) {
      const per = scalar(pair.value);
      if (typeof per !== 'number' || !(per > 0)) fail(ctx, pair.value, `${dp}.flops-per-cycle.${p}`, `expected a positive number, got ${kind(pair.value)}`);
      // The textbook's peak = chips x clock x cores x FLOPs per cycle.
      peak[p as Precision] = {
        value: chips * clockGHz * 1e9 * cores * per,
        source,
        derivation: { chips, cores, clockGHz, opsPerCyclePerCore: per },
      };
    }
  }
  if (Object.keys(peak).length === 0) fail(ctx, node, keyPath, "a custom device needs 'peak' (per precision, like { fp16: 10 TFLOPS }) or 'derivation'");
  if (!m.has('bandwidth')) fail(ctx, node, keyPath, "a custom device needs 'bandwidth' (like 34 GB/s)");
  const device: Device = {
    id,
    name: m.has('name') ? String(scalar(m.get('name')!.value)) : id,
    class: cls,
    peak,
    bandwidth: { value: unit(ctx, m.get('bandwidth')!.value, `${keyPath}.bandwidth`, parseBandwidth), source },
  };
  const overrides: CustomDevice['overrides'] = {};
  if (m.has('compute-efficiency')) overrides.computeEfficiency = fraction(ctx, m.get('compute-efficiency')!.value, `${keyPath}.compute-efficiency`);
  if (m.has('memory-efficiency')) overrides.memoryEfficiency = fraction(ctx, m.get('memory-efficiency')!.value, `${keyPath}.memory-efficiency`);
  if (m.has('kernel-overhead')) overrides.kernelOverhead = unit(ctx, m.get('kernel-overhead')!.value, `${keyPath}.kernel-overhead`, parseDurationMs) / 1e3;
  void CLASS_EFFICIENCY;
  return { device, overrides, at: pos(ctx, node) };
}

export function parseBudgets(text: string, file: string): BudgetsConfig {
  const lc = new LineCounter();
  const doc = parseYaml(text, lc, file);
  const ctx: Ctx = { file, lc };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const p = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
    const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new BudgetFileError(file, p.line, p.col, '', `invalid YAML: ${first}`);
  }
  const root = asMap(ctx, doc.contents as YamlNode, '', KEYS.root, 'a budgets file');
  const version = root.get('version');
  if (!version) fail(ctx, doc.contents as YamlNode, '', "missing 'version: 1'");
  if (scalar(version.value) !== 1) fail(ctx, version.value, 'version', `expected 1 (the only version this tool reads), got ${kind(version.value)}`);

  const customDevices: CustomDevice[] = [];
  if (root.has('custom-devices')) {
    const node = root.get('custom-devices')!.value;
    if (!isSeq(node)) fail(ctx, node, 'custom-devices', `expected a list of devices, got ${kind(node)}`);
    node.items.forEach((item, i) => {
      const cd = parseCustomDevice(ctx, item as YamlNode, `custom-devices[${i}]`);
      if (customDevices.some((c) => c.device.id === cd.device.id)) fail(ctx, item as YamlNode, `custom-devices[${i}].id`, `device '${cd.device.id}' is declared twice`);
      customDevices.push(cd);
    });
  }
  const devices: string[] = [];
  if (root.has('devices')) {
    const node = root.get('devices')!.value;
    if (!isSeq(node)) fail(ctx, node, 'devices', `expected a list of device ids, like [jetson-orin-nano, raspberry-pi-5], got ${kind(node)}`);
    node.items.forEach((item, i) => {
      const raw = scalar(item as YamlNode);
      if (typeof raw !== 'string') fail(ctx, item as YamlNode, `devices[${i}]`, `expected a device id like jetson-orin-nano, got ${kind(item as YamlNode)}`);
      const id = raw;
      if (!findDevice(id) && !customDevices.some((c) => c.device.id === id)) {
        const hint = closest(id, [...DEVICES.map((d) => d.id), ...customDevices.map((c) => c.device.id)]);
        fail(ctx, item as YamlNode, `devices[${i}]`, `unknown device '${id}'${hint.length ? `; did you mean ${hint.map((h) => `'${h}'`).join(' or ')}?` : ''} (\`model-budget devices\` lists the catalog; declare others under custom-devices)`);
      }
      const canonical = findDevice(id)?.id ?? id;
      if (devices.includes(canonical)) fail(ctx, item as YamlNode, `devices[${i}]`, `device '${canonical}' is listed twice`);
      devices.push(canonical);
    });
  }
  for (const c of customDevices) if (!devices.includes(c.device.id)) devices.push(c.device.id);

  const d: Defaults = { dims: {}, level: 'error', minChange: 0, allowMissingWeights: false };
  if (root.has('defaults')) {
    const dm = asMap(ctx, root.get('defaults')!.value, 'defaults', KEYS.defaults, 'defaults');
    if (dm.has('dims')) d.dims = dims(ctx, dm.get('dims')!.value, 'defaults.dims');
    if (dm.has('precision')) d.precision = oneOf(ctx, dm.get('precision')!.value, 'defaults.precision', PRECISIONS);
    if (dm.has('level')) d.level = oneOf(ctx, dm.get('level')!.value, 'defaults.level', ['error', 'warn'] as const);
    if (dm.has('min-change')) d.minChange = unit(ctx, dm.get('min-change')!.value, 'defaults.min-change', parsePercent);
    if (dm.has('allow-missing-weights')) d.allowMissingWeights = bool(ctx, dm.get('allow-missing-weights')!.value, 'defaults.allow-missing-weights');
  }

  const modelsPair = root.get('models');
  if (!modelsPair) fail(ctx, doc.contents as YamlNode, '', "missing 'models': list the models to check");
  if (!isSeq(modelsPair.value) || modelsPair.value.items.length === 0) {
    fail(ctx, modelsPair.value ?? modelsPair.key, 'models', `expected a non-empty list of models, got ${kind(modelsPair.value)}`);
  }
  const known = new Set(devices);
  const models: ModelConfig[] = [];
  modelsPair.value.items.forEach((item, i) => {
    const model = parseModel(ctx, item as YamlNode, `models[${i}]`, d, known);
    const twice = models.findIndex((m) => m.path === model.path);
    if (twice >= 0) fail(ctx, (item as YAMLMap).get('path', true) as YamlNode, `models[${i}].path`, `'${model.path}' is already listed as models[${twice}]`);
    models.push(model);
  });
  return { file, version: 1, devices, customDevices, models };
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

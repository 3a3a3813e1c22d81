/**
 * The budgets file (version 1), as parsed: every value in base units, every budget with the
 * line it was written on (for annotations on the file).
 */
import type { Device, Precision } from '../devices/catalog.js';
import type { DeviceOverrides } from '../devices/efficiency.js';
import type { Fusion } from '../devices/op-class.js';

export type Level = 'error' | 'warn';

/**
 * What a model's check does when its figures are lower bounds (nodes with unknown shapes):
 * `warn` (default) or `error` says so per model, `ignore` says nothing, `upper-bound` checks
 * each budget on a lower-bound metric against the model's static upper bound instead.
 */
export const ON_INCOMPLETE = ['error', 'warn', 'ignore', 'upper-bound'] as const;
export type OnIncomplete = (typeof ON_INCOMPLETE)[number];

/**
 * Metrics a budget can limit; latency, tokens-per-second and time-to-first-token are per device.
 * tokens-per-second is a floor (broken when below); every other metric a ceiling.
 */
export const METRICS = [
  'params',
  'gmacs',
  'gflops',
  'weights',
  'peak-memory',
  'memory-traffic',
  'latency',
  'kv-cache',
  'tokens-per-second',
  'time-to-first-token',
] as const;
export type Metric = (typeof METRICS)[number];
/** The metrics that are per device. */
export const DEVICE_METRICS: readonly Metric[] = ['latency', 'tokens-per-second', 'time-to-first-token'];
/** The metrics whose budget is a floor (the value must not fall below it). */
export const FLOOR_METRICS: readonly Metric[] = ['tokens-per-second'];
/** Phase names: letters, digits, '_' and '-'. `generate` is the phase the `generate` shorthand adds. */
export const PHASE_NAME = /^[A-Za-z0-9_-]+$/;

export interface Position {
  line: number;
  column: number;
}

export interface AbsoluteBudget {
  metric: Metric;
  /** For latency: the device id. */
  device?: string;
  /**
   * In the metric's unit: count, G (gmacs/gflops), bytes, milliseconds or tokens per second.
   * A ceiling, except for tokens-per-second (a floor: the value must not fall below it).
   */
  max: number;
  level: Level;
  /** Where it is written. */
  at: Position;
  /** The phase it limits (a name of the model's `phases`, or `generate`); absent: the model at its `dims` (kv-cache, tokens-per-second, time-to-first-token: see {@link defaultPhase}). */
  phase?: string;
}

export interface RelativeBudget {
  metric: Metric;
  /** Allowed increase over the baseline: a percentage, or an absolute amount in the metric's unit. */
  percent?: number;
  absolute?: number;
  level: Level;
  at: Position;
  /** The phase it limits; absent: the model at its `dims`. */
  phase?: string;
}

/** A phase of a model: a named set of dims (merged over the model's). */
export interface PhaseConfig {
  /** The model's dims with the phase's own over them. */
  dims: Record<string, number>;
  /** The phase's own dims (those it sets), with where each is written. */
  own: Record<string, Position & { keyPath: string }>;
  at: Position;
}

/**
 * `generate: { prompt, tokens }`: a prefill of `prompt` tokens with an empty cache, then
 * `tokens - 1` decode steps, each one token at its growing context. The dim roles are found from
 * the graph unless named here.
 */
export interface GenerateConfig {
  prompt: number;
  tokens: number;
  /** The symbol of the new tokens' axis (default: the token-ids input's axis 1). */
  sequence?: string;
  /** The symbol of the cache's length (default: the KV cache's past dims). */
  past?: string;
  /** The symbol of past + sequence (an attention mask's length; default: found from the graph). */
  total?: string;
  at: Position;
  /** Where each of sequence / past / total is written. */
  rolesAt?: Partial<Record<'sequence' | 'past' | 'total', Position & { keyPath: string }>>;
}

/** `kv-cache: { past: [...], present: [...] }`: the cache's graph inputs and outputs, by name or glob. */
export interface KvCacheConfig {
  past?: string[];
  present?: string[];
  at: Position;
}

export interface ModelConfig {
  /** Its index in the file's `models` list (key paths and errors name `models[index]`). */
  index: number;
  /** As written: a path or a glob, relative to the budgets file's folder. */
  path: string;
  name?: string;
  dims: Record<string, number>;
  precision?: Precision;
  level: Level;
  /** Changes smaller than this percentage are not reported as changes. */
  minChange: number;
  allowMissingWeights: boolean;
  onIncomplete: OnIncomplete;
  /** Where `on-incomplete` is set (the model's or the defaults'), else the model's path. */
  onIncompleteAt: Position;
  budgets: AbsoluteBudget[];
  maxIncrease: RelativeBudget[];
  at: Position;
  /** Position of the `path` value (errors about the path point here). */
  pathAt: Position;
  /** Where each name in `dims` is written (its key), and its key path (`defaults.dims.batch` when inherited). */
  dimsAt?: Record<string, Position & { keyPath: string }>;
  /** Named phases, in the file's order (`generate` apart). */
  phases?: Record<string, PhaseConfig>;
  generate?: GenerateConfig;
  /** The KV cache named in the file (overrides the detection). */
  kvCache?: KvCacheConfig;
}

export interface CustomDevice {
  device: Device;
  overrides: DeviceOverrides;
  at: Position;
  /** The file it is declared in (a budgets file, or a `--devices` file). */
  file: string;
}

/** A `--devices` file: custom devices only, for analyze, check and compare. */
export interface DevicesFile {
  file: string;
  customDevices: CustomDevice[];
}

export interface BudgetsConfig {
  file: string;
  version: 1;
  /** Catalog or custom device ids, in the order given. */
  devices: string[];
  /** Declared in this file, then those of a `--devices` file (each says its file). */
  customDevices: CustomDevice[];
  /** The file's `fusion`: applies to each of its devices that does not set its own. */
  fusion?: Fusion;
  models: ModelConfig[];
}

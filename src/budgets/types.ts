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

/** Metrics a budget can limit; latency is per device. */
export const METRICS = ['params', 'gmacs', 'gflops', 'weights', 'peak-memory', 'memory-traffic', 'latency'] as const;
export type Metric = (typeof METRICS)[number];

export interface Position {
  line: number;
  column: number;
}

export interface AbsoluteBudget {
  metric: Metric;
  /** For latency: the device id. */
  device?: string;
  /** In the metric's unit: count, G (gmacs/gflops), bytes, or milliseconds. */
  max: number;
  level: Level;
  /** Where it is written. */
  at: Position;
}

export interface RelativeBudget {
  metric: Metric;
  /** Allowed increase over the baseline: a percentage, or an absolute amount in the metric's unit. */
  percent?: number;
  absolute?: number;
  level: Level;
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

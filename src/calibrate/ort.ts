/**
 * Timing models with onnxruntime-node: an optional peer dependency, loaded lazily and never
 * bundled into the action. `calibrate` times its micro-models with it and `npm run accuracy`
 * times the repository's models; nothing else in the project needs it.
 *
 * Install it with `npm i --ignore-scripts onnxruntime-node` (its install script downloads GPU
 * binaries; the CPU build is in the package).
 */
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { lcg } from '../util/lcg.js';
import { median } from '../util/median.js';

/** The small part of onnxruntime-node's API used here (its own types are not a build dependency). */
export interface OrtTensor {
  readonly dims: readonly number[];
}
export interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  endProfiling(): void;
  release(): Promise<void>;
  readonly inputNames: readonly string[];
}
export interface OrtSessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  executionMode?: 'sequential' | 'parallel';
  graphOptimizationLevel?: Optimization;
  enableProfiling?: boolean;
  profileFilePrefix?: string;
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
}
export interface OrtModule {
  InferenceSession: { create(model: Uint8Array | string, options?: OrtSessionOptions): Promise<OrtSession> };
  Tensor: new (type: string, data: ArrayLike<number> | ArrayLike<bigint> | ArrayBufferView, dims: readonly number[]) => OrtTensor;
  env: { versions?: { common?: string } };
}

export type Optimization = 'disabled' | 'basic' | 'extended' | 'all';

const INSTALL_HINT = 'install it with `npm i --ignore-scripts onnxruntime-node` (the CPU build is in the package)';

let cached: OrtModule | undefined;

/**
 * onnxruntime-node, resolved from the working directory first (where a user installs it next to
 * their models), then from where model-budget itself is installed. A user error when absent.
 */
export function loadOrt(from?: readonly string[]): OrtModule {
  if (cached && !from) return cached;
  // `from`: folders to resolve it from instead (tests point it at an empty one).
  const bases = from ? from.map((d) => path.join(d, 'package.json')) : [path.join(process.cwd(), 'package.json'), fileURLToPath(import.meta.url)];
  for (const base of bases) {
    try {
      const ort = createRequire(base)('onnxruntime-node') as OrtModule;
      if (!from) cached = ort;
      return ort;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'MODULE_NOT_FOUND') throw new UserError('onnxruntime-node', `could not be loaded (${(e as Error).message.split('\n')[0]}); ${INSTALL_HINT}`);
    }
  }
  throw new UserError('onnxruntime-node', `is not installed; timing models on this machine needs it: ${INSTALL_HINT}`);
}

/** One model input to feed: random floats, or integers in [0, intMax) for indices and token ids. */
export interface FeedSpec {
  name: string;
  dtype: 'float32' | 'float16' | 'int64' | 'int32' | 'bool';
  shape: readonly number[];
  /** Integers are drawn from [0, intMax); default 2. */
  intMax?: number;
}

export interface TimingOptions {
  /** Intra-op threads; default: every CPU the process may use. */
  threads?: number;
  optimization?: Optimization;
  /** Untimed runs before each pass. */
  warmup?: number;
  /** Timed runs per pass. */
  runs?: number;
  /** Passes; the result is the median of the passes' medians. */
  passes?: number;
}

export interface Timing {
  /** Milliseconds: `timeSession`, the median of the passes' medians; `timeInRounds`, the fastest pass's median. */
  ms: number;
  /** Each pass's median, milliseconds. */
  passes: number[];
  /** Fastest single run, milliseconds. */
  minMs: number;
}

export function makeFeeds(ort: OrtModule, feeds: readonly FeedSpec[]): Record<string, OrtTensor> {
  const out: Record<string, OrtTensor> = {};
  feeds.forEach((f, k) => {
    const n = f.shape.reduce((a, b) => a * b, 1);
    const rnd = lcg(1234 + k);
    const max = f.intMax ?? 2;
    switch (f.dtype) {
      case 'float32': {
        const a = new Float32Array(n);
        for (let i = 0; i < n; i++) a[i] = rnd() * 2 - 1;
        out[f.name] = new ort.Tensor('float32', a, f.shape);
        break;
      }
      case 'float16': {
        // Values in [0.5, 1): exponent 14, random mantissa.
        const a = new Uint16Array(n);
        for (let i = 0; i < n; i++) a[i] = 0x3800 | Math.floor(rnd() * 1024);
        out[f.name] = new ort.Tensor('float16', a, f.shape);
        break;
      }
      case 'int64': {
        const a = new BigInt64Array(n);
        for (let i = 0; i < n; i++) a[i] = BigInt(Math.floor(rnd() * max));
        out[f.name] = new ort.Tensor('int64', a, f.shape);
        break;
      }
      case 'int32': {
        const a = new Int32Array(n);
        for (let i = 0; i < n; i++) a[i] = Math.floor(rnd() * max);
        out[f.name] = new ort.Tensor('int32', a, f.shape);
        break;
      }
      case 'bool': {
        const a = new Uint8Array(n);
        for (let i = 0; i < n; i++) a[i] = rnd() < 0.5 ? 1 : 0;
        out[f.name] = new ort.Tensor('bool', a, f.shape);
        break;
      }
    }
  });
  return out;
}

/** Ask the OS for a higher priority for this process (timings share the machine); false when refused. */
export function raisePriority(): boolean {
  try {
    os.setPriority(0, -10);
    return true;
  } catch {
    return false;
  }
}

export function sessionOptions(options: TimingOptions = {}): OrtSessionOptions {
  return {
    intraOpNumThreads: options.threads ?? os.availableParallelism(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: options.optimization ?? 'all',
    logSeverityLevel: 3,
  };
}

export async function timeSession(session: OrtSession, feeds: Record<string, OrtTensor>, options: TimingOptions = {}): Promise<Timing> {
  const warmup = options.warmup ?? 3;
  const runs = options.runs ?? 10;
  const passes = options.passes ?? 3;
  const medians: number[] = [];
  let min = Infinity;
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < warmup; i++) await session.run(feeds);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      await session.run(feeds);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      times.push(ms);
      if (ms < min) min = ms;
    }
    medians.push(median(times));
  }
  return { ms: median(medians), passes: medians, minMs: min };
}

/**
 * Timed runs per pass for a model whose fastest probe run took `probeMs`: about 3 s of runs, 10-30
 * (3-10 over 200 ms; quick: 10, 3 over 200 ms). A short model gets many: the first runs after
 * another session's pass are slower (caches, the worker threads), and with 10 runs they set the
 * median (a tiny decoder measured 2.5x its steady time).
 */
export function runsFor(probeMs: number, quick = false): number {
  if (quick) return probeMs > 200 ? 3 : 10;
  const fit = Math.ceil(3000 / Math.max(probeMs, 1e-3));
  return probeMs > 200 ? Math.min(10, Math.max(3, fit)) : Math.min(30, Math.max(10, fit));
}

/** Milliseconds between two sessions' passes in `timeInRounds`. */
const SETTLE_MS = 50;

/** One model to time in rounds: an open session, its feeds, and the runs of each of its passes. */
export interface RoundItem {
  session: OrtSession;
  feeds: Record<string, OrtTensor>;
  runs: number;
  warmup: number;
}

/**
 * Time several models in interleaved rounds: each round runs one pass of every model, and a
 * model's figure is the median of its fastest pass (each pass the median of its runs). A slow
 * minute on a shared machine then spoils one pass of every model instead of every pass of one.
 *
 * Why the fastest pass and not the median pass: a shared VM (the 2-vCPU machines this was built
 * on) moves between a quiet state and slow spells lasting seconds, in which everything runs 1.3-2x
 * slower. A pass of a short model (10-30 runs, tens of milliseconds) falls wholly inside one state,
 * so its median cannot filter a slow spell, while a long model's pass (seconds) averages over them:
 * the median of passes then priced short models (the micro-suite among them) in slow spells more
 * often than long ones, and a calibration from them over-estimated the long models by 20-30%. The
 * fastest pass's median is every model's steady state on the quiet machine, the same statistic
 * for the micro-suite and for the models checked against it.
 */
export async function timeInRounds(items: readonly RoundItem[], rounds: number, onRound?: (round: number) => void): Promise<Timing[]> {
  const passes = items.map(() => [] as number[]);
  const mins = items.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    for (const [i, item] of items.entries()) {
      // Let the previous session's worker threads stop spinning (onnxruntime spins them for a
      // while after a run): they would take the cores from this one.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const t = await timeSession(item.session, item.feeds, { warmup: item.warmup, runs: item.runs, passes: 1 });
      passes[i].push(t.ms);
      mins[i] = Math.min(mins[i], t.minMs);
    }
    onRound?.(r);
  }
  return passes.map((p, i) => ({ ms: Math.min(...p), passes: p, minMs: mins[i] }));
}

/**
 * Calibrating on this machine: time the micro-suite with onnxruntime-node (optimisation 'all',
 * so fusion is 'standard'), then fit the device's per-class figures, memory efficiency and
 * cache (src/calibrate/fit.ts). The API `npm run accuracy` uses, and `model-budget calibrate`.
 */
import { deviceModel } from '../devices/efficiency.js';
import type { DeviceModel } from '../devices/roofline.js';
import { fitDevice, type FitReport, type Measurement } from './fit.js';
import { cacheCandidates, detectMachine, nchwcBlockOf, type Machine } from './machine.js';
import {
  makeFeeds,
  raisePriority,
  sessionOptions,
  timeInRounds,
  timeSession,
  runsFor,
  type Optimization,
  type OrtModule,
  type OrtSession,
  type RoundItem,
  type Timing,
} from './ort.js';
import { microSuite, type MicroModel } from './suite.js';

export { deviceYaml } from './device-yaml.js';

export interface CalibrateOptions {
  ort: OrtModule;
  /** The device to start from (peaks, bandwidth); default this machine, detected. */
  base?: DeviceModel;
  /** Intra-op threads; default every CPU the process may use. */
  threads?: number;
  /** A few small models (tests). */
  quick?: boolean;
  log?: (line: string) => void;
  /** Memory bandwidth of this machine, bytes/s (default: the streaming rate the largest element-wise models reach). */
  bandwidth?: number;
  /** The fitted device's id (default this-machine). */
  id?: string;
  /** The machine (default detected); tests pass one. */
  machine?: Machine;
  /** onnxruntime's graph optimisation (default 'all': fusion onnxruntime; 'disabled' / 'basic': fusion none). */
  optimization?: Optimization;
  /**
   * Other models to time in the same rounds as the micro-suite (`npm run accuracy`: the models it
   * checks), so both see the machine in the same state; their timings come back in `alongside`.
   * The fit never sees them.
   */
  alongside?: readonly RoundItem[];
  /** Timing rounds (default 5; quick 2). */
  rounds?: number;
  /** Called after each round. */
  onRound?: (round: number, rounds: number) => void;
}

export interface CalibrateResult {
  device: DeviceModel;
  fit: FitReport;
  machine: Machine;
  /** onnxruntime's version, when it says. */
  ortVersion: string | null;
  /** How the device's peak and bandwidth were set, one line each. */
  basis: string[];
  /** The micro-suite's measured times (what the fit saw). */
  timings: MicroTiming[];
  /** The timings of `options.alongside`, in its order. */
  alongside?: Timing[];
}

/** A cpu-class device for this machine: peak by cores x clock x FLOPs per cycle. */
export function thisMachineDevice(machine: Machine, bandwidth: number, id = 'this-machine', name = describeMachine(machine)): DeviceModel {
  const block = nchwcBlockOf(machine);
  return {
    ...deviceModel({
      id,
      name,
      class: 'cpu',
      peak: { fp32: { value: machine.peak, source: 'detected' } },
      bandwidth: { value: bandwidth, source: 'detected' },
    }),
    ...(block ? { nchwcBlock: block } : {}),
  };
}

export function describeMachine(m: Machine): string {
  const cpu = m.cpu
    .replace(/\((R|TM)\)/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  const isa = m.vector.split(':')[0];
  return `${cpu} (${m.cores} ${m.cores === 1 ? 'core' : 'cores'}, ${isa})`;
}

/**
 * Streaming rate: the best of the largest element-wise chains (read and write) and the
 * matrix-vector products with the largest weights (read: what a fully connected layer or an LLM's
 * decode step does), their bytes over their time.
 */
function streamingRate(timed: { model: MicroModel; ms: number }[]): number | null {
  const bytes = (m: MicroModel) => m.nodes.reduce((s, n) => s + (n.bytesRead ?? 0) + (n.bytesWritten ?? 0), 0);
  const largest = (prefix: string) =>
    timed
      .filter((t) => t.model.id.startsWith(prefix))
      .map((t) => ({ bytes: bytes(t.model), ms: t.ms }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 2);
  const top = [...largest('eltwise-'), ...largest('matmul-1x')];
  if (!top.length) return null;
  return Math.max(...top.map((c) => c.bytes / (c.ms * 1e-3)));
}

/** One micro-model's measured time (its fastest pass's median: `timeInRounds`). */
export interface MicroTiming {
  id: string;
  ms: number;
  /** Each pass's median, milliseconds (absent in older saves). */
  passes?: number[];
}

export async function calibrateOnThisMachine(options: CalibrateOptions): Promise<{ device: DeviceModel; fit: FitReport } & CalibrateResult> {
  const log = options.log ?? (() => {});
  const machine = options.machine ?? detectMachine();
  const threads = options.threads ?? machine.cores;
  const ortVersion = options.ort.env?.versions?.common ?? null;
  const optimization = options.optimization ?? 'all';
  if (!raisePriority()) log('could not raise the process priority: timings share the machine with everything else');
  // Every micro-model gets its session first; then rounds, each timing one pass of every model.
  const models = [...microSuite({ quick: options.quick })];
  const sessions: OrtSession[] = [];
  const timed: { model: MicroModel; timing: MicroTiming }[] = [];
  let alongside: Timing[] | undefined;
  try {
    const items: RoundItem[] = [];
    for (const model of models) {
      const session = await options.ort.InferenceSession.create(model.bytes, sessionOptions({ threads, optimization }));
      sessions.push(session);
      const feeds = makeFeeds(options.ort, model.feeds);
      // As the models it is checked against: runs for about 3 s a pass (the probe, the fastest of three).
      const probe = options.quick || model.runs ? undefined : await timeSession(session, feeds, { warmup: 2, runs: 3, passes: 1 });
      items.push({ session, feeds, warmup: options.quick ? 2 : 3, runs: options.quick ? 5 : (model.runs ?? runsFor(probe!.minMs)) });
    }
    const rounds = options.rounds ?? (options.quick ? 2 : 5);
    const all = await timeInRounds([...items, ...(options.alongside ?? [])], rounds, (r) => options.onRound?.(r, rounds));
    alongside = all.slice(items.length);
    models.forEach((model, i) => {
      timed.push({ model, timing: { id: model.id, ms: all[i].ms, passes: all[i].passes } });
      log(`${model.id.padEnd(28)} ${all[i].ms.toFixed(4).padStart(10)} ms  (${model.what})`);
    });
  } finally {
    for (const s of sessions) await s.release();
  }
  return { ...fitTimed(timed, { ...options, machine, threads, optimization, ortVersion }), ...(alongside ? { alongside } : {}) };
}

type MicroFitOptions = Omit<CalibrateOptions, 'ort' | 'log'> & { machine: Machine; ortVersion: string | null; date?: string };

/**
 * The pure half of calibrating: fit a device to the micro-suite's measured times (the suite is
 * made again from its ids). Measurements saved by `npm run accuracy -- --json` fit again offline.
 */
export function fitMicroSuite(timings: readonly MicroTiming[], options: MicroFitOptions): { device: DeviceModel; fit: FitReport } & CalibrateResult {
  const byId = new Map([...microSuite({ quick: options.quick })].map((m) => [m.id, m]));
  return fitTimed(
    timings.flatMap((timing) => {
      const model = byId.get(timing.id);
      return model ? [{ model, timing }] : [];
    }),
    options,
  );
}

/** Fit the micro-models, each with its measured time. */
function fitTimed(
  timings: readonly { model: MicroModel; timing: MicroTiming }[],
  options: MicroFitOptions,
): { device: DeviceModel; fit: FitReport } & CalibrateResult {
  const { machine, ortVersion } = options;
  const threads = options.threads ?? machine.cores;
  const optimization = options.optimization ?? 'all';
  // ORT fuses conv/gemm epilogues from 'extended' up; below it every node is its own kernel.
  const fusion = optimization === 'all' || optimization === 'extended' ? 'onnxruntime' : 'none';
  const timed = timings.map((t) => ({ model: t.model, ms: t.timing.ms }));
  const basis: string[] = [];
  let base = options.base;
  const id = options.id ?? 'this-machine';
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const how = `calibrated ${date} with onnxruntime ${ortVersion ?? '(version unknown)'}${optimization !== 'all' ? ` (optimisation ${optimization})` : ''}${threads !== machine.cores ? `, ${threads} threads` : ''}`;
  if (!base) {
    const measured = streamingRate(timed);
    const bw = options.bandwidth ?? measured ?? 10e9;
    base = thisMachineDevice(machine, bw, id, `${describeMachine(machine)}, ${how}`);
    basis.push(
      `peak fp32 ${(machine.peak / 1e9).toFixed(1)} GFLOP/s = ${machine.cores} cores x ${machine.clockGHz} GHz (${machine.clockSource}) x ${machine.flopsPerCycle} FLOPs/cycle (${machine.vector})`,
    );
    basis.push(
      options.bandwidth
        ? `bandwidth ${(bw / 1e9).toFixed(1)} GB/s as given (--bandwidth)`
        : measured
          ? `bandwidth ${(bw / 1e9).toFixed(1)} GB/s: the best streaming rate measured here (the largest element-wise chains and matrix-vector products)`
          : 'bandwidth 10 GB/s assumed (no element-wise measurement)',
    );
  } else {
    const block = nchwcBlockOf(machine);
    base = { ...base, id, name: `${base.name}, ${how} on ${describeMachine(machine)}`, ...(block ? { nchwcBlock: block } : {}) };
    basis.push(`peak and bandwidth from ${options.base!.id}`);
  }
  const measurements: Measurement[] = timed.map((t) => ({
    id: t.model.id,
    nodes: t.model.nodes,
    graph: t.model.graph,
    ms: t.ms,
    source: 'micro-suite',
  }));
  const { device, report } = fitDevice(measurements, {
    base: { ...base, fusion },
    fusion,
    cacheCandidates: cacheCandidates(machine.caches, machine.cores),
    // Each micro-model is one session.run from JavaScript: its fixed cost is part of the device
    // (a real model pays it too, once per forward pass).
    runOverhead: true,
  });
  return { device, fit: report, machine, ortVersion, basis, timings: timings.map((t) => t.timing) };
}

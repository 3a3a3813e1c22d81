/**
 * Fitting a device to measured latencies (pure: no I/O, no timing).
 *
 * Parameters: per op class compute efficiency (compute-bound classes) and kernel overhead (for
 * the classes the measurements cover), the device-wide overhead (what classes without figures
 * fall back to), the memory efficiency, and the cache bandwidth; the cache size is chosen from a
 * short list of candidates (one fit each, the best kept). The forward model is the project's
 * roofline (`estimateLatency`), so the fitted figures mean exactly what the estimate does with
 * them. Least squares on log(estimate / measured) by Levenberg-Marquardt with a numeric Jacobian
 * over log-parameters, clamped to their bounds (efficiencies in (0, 1]).
 *
 * A parameter no measurement responds to (its column of the Jacobian is zero at the solution:
 * no node of that class, or every one bound by something else) is not identifiable: it keeps
 * its starting value and is reported as such, never written as if measured.
 */
import type { NodeEntry } from '../report/model-report.js';
import { estimateLatency, nodeClass, type DeviceModel } from '../devices/roofline.js';
import { OP_CLASSES, type ClassFigures, type Fusion, type OpClass } from '../devices/op-class.js';
import { median } from '../util/median.js';

export interface Measurement {
  /** What was measured (a micro-model id, a model path with dims, a node name). */
  id: string;
  /** The project's analysis of what ran (a whole model, or the nodes of one profiled kernel). */
  nodes: readonly NodeEntry[];
  /** Measured milliseconds. */
  ms: number;
  /** Where it came from (a file, "micro-suite"). */
  source?: string;
  /** The graph's input and output names (what fusion and load-time folding need), as `withLatency` passes them; `dynamic`: the file has symbolic dims. */
  graph?: { inputs: readonly string[]; outputs: readonly string[]; dynamic?: boolean };
}

/** The forward model: milliseconds for these nodes on this device. */
export type Estimator = (nodes: readonly NodeEntry[], device: DeviceModel, graph?: Measurement['graph']) => number;

export const rooflineMs: Estimator = (nodes, device, graph) =>
  estimateLatency(nodes, device, graph ? { graphInputs: graph.inputs, graphOutputs: graph.outputs, dynamicShapes: graph.dynamic === true } : {}).ms;

export interface FitOptions {
  /** The device to start from: peaks, bandwidth and every figure the measurements leave alone. */
  base: DeviceModel;
  /** The runtime's fusion (fixed, not fitted): default the base device's. */
  fusion?: Fusion;
  /** Cache sizes to try (bytes); default the base device's cache size, if any; [] fits no cache. */
  cacheCandidates?: readonly number[];
  /** Default: the roofline (`estimateLatency`). */
  estimate?: Estimator;
  maxIterations?: number;
  /**
   * Also fit the device's per-pass figures: `runOverhead` (what one `session.run` costs from
   * JavaScript: binding inputs, allocating outputs) and `threadWake` (what the first
   * multi-threaded kernel of a pass costs to wake the idle worker threads). A micro-model of one
   * kernel pays both, so without them its launch cost would stand in for them.
   */
  runOverhead?: boolean;
  /**
   * Huber's loss on ln(estimate / measured) beyond this many nepers (default ln 1.25: a 25%
   * error), 0 for plain least squares. A kernel the roofline cannot describe (a stem conv with
   * three input channels, a Resize) then pulls on its class's figures like a 25% error, not like
   * a 2x one, so it cannot drag the figures every other measurement agrees on.
   */
  robust?: number;
}

/**
 * Huber's loss as a residual LM can square: r while |r| <= delta, else sign(r) x sqrt(2 delta |r|
 * - delta^2), whose square is twice Huber's loss (continuous, with a continuous derivative).
 */
export function huber(r: number, delta: number): number {
  if (!(delta > 0) || Math.abs(r) <= delta) return r;
  return Math.sign(r) * Math.sqrt(2 * delta * Math.abs(r) - delta * delta);
}

export interface FittedParameter {
  /** 'gemm.compute-efficiency', 'memory-efficiency', 'cache.bandwidth', ... (kernel overheads in seconds). */
  name: string;
  value: number;
  initial: number;
  /** False when no measurement responds to it: `value` is then `initial`. */
  identifiable: boolean;
  /** The most any measurement's ln(estimate) moves per unit ln(parameter) at the solution (0: none does). */
  sensitivity: number;
}

export interface Residual {
  id: string;
  source?: string;
  measuredMs: number;
  estimatedMs: number;
  /** Before the fit (the base device). */
  initialMs: number;
  /** estimated / measured. */
  ratio: number;
}

export interface FitReport {
  fusion: Fusion;
  parameters: FittedParameter[];
  /** Names of the parameters no measurement exercises (they keep the base device's figure). */
  notIdentifiable: string[];
  /** The op classes the measurements cover. */
  classes: OpClass[];
  residuals: Residual[];
  /** Median of |estimate / measured - 1| after the fit, and with the base device. */
  medianAbsError: number;
  initialMedianAbsError: number;
  /** Root mean square of ln(estimate / measured). */
  rmsLogError: number;
  cache: { candidates: number[]; bytes: number | null; identifiable: boolean };
  iterations: number;
  /** Measurements left out (nothing the estimate costs, or a time that is not positive). */
  skipped: string[];
}

export interface FitResult {
  device: DeviceModel;
  report: FitReport;
}

const FREE: ReadonlySet<OpClass> = new Set<OpClass>(['view', 'shape']);

/**
 * The classes that get a fitted compute efficiency: those bound by arithmetic, and normalisation
 * and reduction kernels, whose exponentials, square roots and divisions per element (Softmax,
 * LayerNorm) keep ONNX Runtime's kernels below the bandwidth at the sizes models use (Softmax over
 * [12, 128, 128] took 0.28 ms here, 2.8 GB/s: 1.7% of the peak fits it, no memory figure does).
 * Element-wise and data-movement kernels are bound by memory; fitting a compute efficiency to them
 * (or the device-wide one they fall back to) would only let it stand in for a bandwidth, and then
 * price their FLOPs absurdly in a real model: the memory figures and the launch cost do.
 */
const COMPUTE_CLASSES: ReadonlySet<OpClass> = new Set(OP_CLASSES.filter((c) => !['elementwise', 'data-movement', 'view', 'shape'].includes(c)));

/**
 * The classes with a memory efficiency of their own (applied to the cache in the same ratio to
 * the device-wide figure): matrix products, whose memory-bound form (a matrix-vector product:
 * batch-1 linear layers, an LLM's decode step) streams its weights read-only and in order;
 * recurrent steps, which re-read their weights from the cache (65 GB/s here against 15 GB/s for
 * an element-wise chain); LayerNorm and Softmax. Each reaches a different share of the bandwidth
 * than the element-wise kernels that set the device-wide figure (those write as much as they
 * read). The suite's GEMVs, recurrent layers, LayerNorms and Softmaxes identify them.
 */
const MEMORY_CLASSES: ReadonlySet<OpClass> = new Set<OpClass>(['gemm', 'recurrent', 'normalization', 'reduction']);

/**
 * The classes whose launch cost is fitted apart. Element-wise, normalisation, reduction and
 * data-movement kernels share the device-wide overhead: in a real graph each is a small kernel
 * unlike the one before (about 2 us each here), which a chain of one repeated kernel under-states
 * (under 1 us), so their launch cost is taken from a graph that mixes them (the suite's
 * small-ops model) rather than per class. Shape arithmetic shares it too: no micro-model can
 * time it apart (ONNX Runtime folds every shape chain a micro-model holds, and a dynamic
 * export's that it cannot fold run as ordinary small kernels). Convolutions carry set-up work
 * per launch (ONNX Runtime's im2col buffers, packing), recurrent kernels a cost per step,
 * attention kernels their fan-out over heads, views almost none: those are fitted per class.
 */
const OWN_OVERHEAD: ReadonlySet<OpClass> = new Set(
  OP_CLASSES.filter((c) => !['elementwise', 'normalization', 'reduction', 'data-movement', 'shape'].includes(c)),
);

interface ParamDef {
  name: string;
  lo: number;
  hi: number;
  get(d: DeviceModel): number;
  set(d: DeviceModel, v: number): void;
}

function clone(d: DeviceModel): DeviceModel {
  return {
    ...d,
    peak: { ...d.peak },
    classes: Object.fromEntries(Object.entries(d.classes).map(([k, v]) => [k, { ...v }])),
    ...(d.cache ? { cache: { ...d.cache } } : {}),
  };
}

/** Solve A x = b (A small, symmetric positive semi-definite after damping) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const piv = m[c][c];
    if (Math.abs(piv) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (Math.abs(row[i]) < 1e-300 ? 0 : row[n] / row[i]));
}

/** The parameters these measurements can move, on this base device. */
function parameterDefs(classes: readonly OpClass[], withCache: boolean, runOverhead: boolean): ParamDef[] {
  const defs: ParamDef[] = [
    { name: 'kernel-overhead', lo: 1e-8, hi: 1e-2, get: (d) => d.kernelOverhead, set: (d, v) => (d.kernelOverhead = v) },
    { name: 'memory-efficiency', lo: 1e-3, hi: 1, get: (d) => d.memoryEfficiency, set: (d, v) => (d.memoryEfficiency = v) },
  ];
  for (const c of classes) {
    if (COMPUTE_CLASSES.has(c))
      defs.push({
        name: `${c}.compute-efficiency`,
        lo: 1e-4,
        hi: 1,
        get: (d) => d.classes[c]?.computeEfficiency ?? d.computeEfficiency,
        set: (d, v) => (d.classes[c] = { ...d.classes[c], computeEfficiency: v }),
      });
    if (MEMORY_CLASSES.has(c))
      defs.push({
        name: `${c}.memory-efficiency`,
        lo: 1e-3,
        hi: 1,
        get: (d) => d.classes[c]?.memoryEfficiency ?? d.memoryEfficiency,
        set: (d, v) => (d.classes[c] = { ...d.classes[c], memoryEfficiency: v }),
      });
    if (OWN_OVERHEAD.has(c))
      defs.push({
        name: `${c}.kernel-overhead`,
        lo: 1e-8,
        hi: 1e-2,
        get: (d) => d.classes[c]?.kernelOverhead ?? d.kernelOverhead,
        set: (d, v) => (d.classes[c] = { ...d.classes[c], kernelOverhead: v }),
      });
  }
  if (runOverhead) {
    defs.push({ name: 'run-overhead', lo: 1e-7, hi: 1e-3, get: (d) => d.runOverhead || 5e-6, set: (d, v) => (d.runOverhead = v) });
    defs.push({ name: 'thread-wake', lo: 1e-8, hi: 1e-3, get: (d) => d.threadWake || 5e-6, set: (d, v) => (d.threadWake = v) });
  }
  if (withCache) {
    defs.push({
      name: 'cache.bandwidth',
      lo: 1e6,
      hi: 1e14,
      get: (d) => d.cache?.bandwidth ?? 0,
      set: (d, v) => (d.cache = { bytes: d.cache?.bytes ?? 0, bandwidth: v }),
    });
  }
  return defs;
}

interface Solution {
  x: number[];
  cost: number;
  jacobian: number[][];
  iterations: number;
}

/**
 * Levenberg-Marquardt over x = ln(parameters), clamped to [ln lo, ln hi]. `residuals(x)` is the
 * vector of ln(estimate / measured).
 */
function levenbergMarquardt(
  x0: number[],
  lo: number[],
  hi: number[],
  /** ln(estimate / measured) per measurement; with `only`, for those indices (in that order). */
  residuals: (x: number[], only?: readonly number[]) => number[],
  affects: readonly (readonly number[])[],
  maxIterations: number,
): Solution {
  const clamp = (x: number[]) => x.map((v, j) => Math.min(hi[j], Math.max(lo[j], v)));
  const sumSq = (r: number[]) => r.reduce((s, v) => s + v * v, 0);
  const h = 1e-4;
  const jacobianAt = (x: number[], r: number[]): number[][] => {
    const cols = x.map((_, j) => {
      // Step inward at an upper bound (the model may be undefined past it).
      const step = x[j] + h > hi[j] ? -h : h;
      const xp = [...x];
      xp[j] += step;
      // Only the measurements this parameter can move are estimated again.
      const rp = [...r];
      const moved = residuals(xp, affects[j]);
      affects[j].forEach((i, k) => (rp[i] = moved[k]));
      return rp.map((v, i) => (v - r[i]) / step);
    });
    return r.map((_, i) => cols.map((c) => c[i]));
  };
  let x = clamp(x0);
  let r = residuals(x);
  let cost = sumSq(r);
  let lambda = 1e-2;
  let J = jacobianAt(x, r);
  let it = 0;
  for (; it < maxIterations; it++) {
    const m = x.length;
    const jtj = Array.from({ length: m }, (_, a) => Array.from({ length: m }, (_, b) => J.reduce((s, row) => s + row[a] * row[b], 0)));
    const g = Array.from({ length: m }, (_, a) => J.reduce((s, row, i) => s + row[a] * r[i], 0));
    const maxDiag = Math.max(1e-12, ...jtj.map((row, a) => row[a]));
    let improved = false;
    for (let tries = 0; tries < 12; tries++) {
      const A = jtj.map((row, a) => row.map((v, b) => (a === b ? v + lambda * Math.max(v, 1e-9 * maxDiag) : v)));
      const delta = solve(
        A,
        g.map((v) => -v),
      );
      const xn = clamp(x.map((v, j) => v + delta[j]));
      const rn = residuals(xn);
      const cn = sumSq(rn);
      if (Number.isFinite(cn) && cn < cost) {
        const gain = cost - cn;
        x = xn;
        r = rn;
        cost = cn;
        lambda = Math.max(lambda / 3, 1e-9);
        improved = gain > 1e-12 * Math.max(cost, 1e-12);
        break;
      }
      lambda *= 4;
    }
    if (!improved) break;
    J = jacobianAt(x, r);
  }
  return { x, cost, jacobian: jacobianAt(x, r), iterations: it };
}

/** Fit a device to measurements (see the module comment). */
export function fitDevice(measurements: readonly Measurement[], options: FitOptions): FitResult {
  const estimate = options.estimate ?? rooflineMs;
  const fusion = options.fusion ?? options.base.fusion;
  const base = clone({ ...options.base, fusion });
  const skipped: string[] = [];
  const usable = measurements.filter((m) => {
    const ok = m.ms > 0 && Number.isFinite(m.ms) && estimate(m.nodes, base, m.graph) > 0;
    if (!ok) skipped.push(m.id);
    return ok;
  });
  const present = new Set(usable.flatMap((m) => m.nodes.map(nodeClass)));
  // Views and shape arithmetic launch kernels only where the runtime does not fold them.
  const classes = OP_CLASSES.filter((c) => present.has(c) && (fusion !== 'standard' || !FREE.has(c)));
  const candidates = [...(options.cacheCandidates ?? (base.cache ? [base.cache.bytes] : []))].filter((b) => b > 0);
  const defs = parameterDefs(classes, candidates.length > 0, options.runOverhead === true);
  const delta = options.robust ?? Math.log(1.25);
  const initialDevice = clone(base);
  if (candidates.length && !initialDevice.cache) initialDevice.cache = { bytes: candidates[0], bandwidth: 4 * base.bandwidth * base.memoryEfficiency };
  const initial = defs.map((d) => d.get(initialDevice));
  const lo = defs.map((d) => Math.log(d.lo));
  const hi = defs.map((d) => Math.log(d.hi));
  const deviceAt = (x: number[], cacheBytes: number | null): DeviceModel => {
    const d = clone(initialDevice);
    if (cacheBytes !== null) d.cache = { bytes: cacheBytes, bandwidth: d.cache!.bandwidth };
    defs.forEach((p, j) => p.set(d, Math.exp(x[j])));
    return d;
  };
  // Which measurements each parameter can move: a class's figures only those with a node of that class.
  const classesOf = usable.map((m) => new Set(m.nodes.map(nodeClass)));
  const all = usable.map((_, i) => i);
  const affects = defs.map((p) => {
    const [c, key] = p.name.split('.');
    // Shape arithmetic runs at the 'shape' class's launch cost whatever its operator's class.
    return key && c !== 'cache' && c !== 'shape' ? all.filter((i) => classesOf[i].has(c as OpClass)) : all;
  });
  /** ln(estimate / measured) for every measurement, or for those listed in `only` (in its order). */
  const residualsFor = (x: number[], cacheBytes: number | null, only: readonly number[] = all): number[] => {
    const d = deviceAt(x, cacheBytes);
    return only.map((i) => huber(Math.log(estimate(usable[i].nodes, d, usable[i].graph) / usable[i].ms), delta));
  };
  const x0 = initial.map((v, j) => Math.min(hi[j], Math.max(lo[j], Math.log(v))));
  // A second start: each class's efficiency at the least the measurements allow (its FLOPs in
  // the measured time), where its nodes are compute-bound and the fit can see the parameter (from
  // a start where they are memory-bound, the max() leaves it no gradient).
  const peak = base.peak.fp32 ?? Math.max(...Object.values(base.peak).filter((v): v is number => typeof v === 'number' && v > 0));
  const xFloor = x0.map((v, j) => {
    const [c, key] = defs[j].name.split('.');
    if (key !== 'compute-efficiency') return v;
    let least = 0;
    for (const m of usable) {
      const flops = m.nodes.filter((n) => nodeClass(n) === c).reduce((s, n) => s + (n.flops ?? 0), 0);
      least = Math.max(least, flops / (peak * m.ms * 1e-3));
    }
    return least > 0 ? Math.min(hi[j], Math.max(lo[j], Math.log(least))) : v;
  });
  // A short fit from each start at each cache size; the best one is then fitted to convergence.
  const maxIterations = options.maxIterations ?? 200;
  let best: (Solution & { cacheBytes: number | null }) | null = null;
  for (const cacheBytes of candidates.length ? candidates : [null]) {
    for (const start of [xFloor, x0]) {
      const s = levenbergMarquardt(start, lo, hi, (x, only) => residualsFor(x, cacheBytes, only), affects, Math.min(30, maxIterations));
      if (!best || s.cost < best.cost - 1e-12) best = { ...s, cacheBytes };
    }
  }
  const coarse = best!;
  let refined = levenbergMarquardt(coarse.x, lo, hi, (x, only) => residualsFor(x, coarse.cacheBytes, only), affects, maxIterations);
  // The roofline's max() has kinks where a node turns from compute- to memory-bound: a parameter
  // can stall on the flat side. Restarting the damping from the solution gets it moving again.
  for (let restart = 0; restart < 3; restart++) {
    const again = levenbergMarquardt(refined.x, lo, hi, (x, only) => residualsFor(x, coarse.cacheBytes, only), affects, maxIterations);
    if (!(again.cost < refined.cost * (1 - 1e-6))) break;
    refined = { ...again, iterations: refined.iterations + again.iterations };
  }
  const sol = { ...refined, cacheBytes: coarse.cacheBytes, iterations: coarse.iterations + refined.iterations };
  // Identifiable: some measurement's ln(estimate) moves with the parameter.
  const sensitivity = defs.map((_, j) => Math.max(0, ...sol.jacobian.map((row) => Math.abs(row[j]))));
  const identifiable = sensitivity.map((s) => s > 1e-3);
  const x = sol.x.map((v, j) => (identifiable[j] ? v : x0[j]));
  const cacheIdentifiable = candidates.length > 0 && identifiable[defs.length - 1];
  const device = deviceAt(x, sol.cacheBytes);
  const runJ = defs.findIndex((p) => p.name === 'run-overhead');
  if (runJ >= 0 && !identifiable[runJ]) {
    if (base.runOverhead !== undefined) device.runOverhead = base.runOverhead;
    else delete device.runOverhead;
  }
  const wakeJ = defs.findIndex((p) => p.name === 'thread-wake');
  if (wakeJ >= 0 && !identifiable[wakeJ]) {
    if (base.threadWake !== undefined) device.threadWake = base.threadWake;
    else delete device.threadWake;
  }
  if (!cacheIdentifiable) {
    if (base.cache) device.cache = { ...base.cache };
    else delete device.cache;
  }
  // Class figures nothing measured go back to what the base device had (absent: the device-wide figure).
  defs.forEach((p, j) => {
    if (identifiable[j] || !p.name.includes('.') || p.name.startsWith('cache.')) return;
    const [c, key] = p.name.split('.') as [OpClass, string];
    const field = key === 'compute-efficiency' ? 'computeEfficiency' : key === 'memory-efficiency' ? 'memoryEfficiency' : 'kernelOverhead';
    const had = base.classes[c]?.[field];
    const figures: ClassFigures = { ...device.classes[c], [field]: had };
    const kept = Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) as ClassFigures;
    device.classes = Object.fromEntries(Object.entries({ ...device.classes, [c]: kept }).filter(([, f]) => Object.keys(f).length > 0));
  });
  const after = usable.map((m) => estimate(m.nodes, device, m.graph));
  const before = usable.map((m) => estimate(m.nodes, base, m.graph));
  const residuals: Residual[] = usable.map((m, i) => ({
    id: m.id,
    ...(m.source ? { source: m.source } : {}),
    measuredMs: m.ms,
    estimatedMs: after[i],
    initialMs: before[i],
    ratio: after[i] / m.ms,
  }));
  const parameters: FittedParameter[] = defs.map((p, j) => ({
    name: p.name,
    value: Math.exp(x[j]),
    initial: initial[j],
    identifiable: identifiable[j],
    sensitivity: sensitivity[j],
  }));
  return {
    device,
    report: {
      fusion,
      parameters,
      notIdentifiable: parameters.filter((p) => !p.identifiable).map((p) => p.name),
      classes,
      residuals,
      medianAbsError: median(residuals.map((r) => Math.abs(r.ratio - 1))),
      initialMedianAbsError: median(residuals.map((r) => Math.abs(r.initialMs / r.measuredMs - 1))),
      rmsLogError: Math.sqrt(residuals.reduce((s, r) => s + Math.log(r.ratio) ** 2, 0) / Math.max(1, residuals.length)),
      cache: { candidates, bytes: cacheIdentifiable ? sol.cacheBytes : null, identifiable: cacheIdentifiable },
      iterations: sol.iterations,
      skipped,
    },
  };
}

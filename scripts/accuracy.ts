/**
 * How right is the latency estimate? Times the repository's fixture and example models with
 * onnxruntime-node on this machine and compares each with the roofline estimate on
 *   - the default device for this machine (cpu class, peak detected from the CPU; or `--device ID`
 *     from the catalog), as a user gets it without calibrating, and
 *   - the device `calibrateOnThisMachine` fits from the built-in micro-suite (which never sees
 *     these models),
 * then writes the table, median |error|, share within ±25% and Spearman's rank correlation into
 * docs/roofline.md between `<!-- accuracy:start -->` and `<!-- accuracy:end -->`.
 *
 *   npm run accuracy                         everything, writes docs/roofline.md
 *   npm run accuracy -- --dry                print the block, write nothing
 *   npm run accuracy -- --only resnet18,gru_classifier
 *   npm run accuracy -- --json out.json      also the raw figures as JSON
 *   npm run accuracy -- --profile DIR        per-node ORT profiles in DIR and a per-op-type summary
 *   npm run accuracy -- --device github-ubuntu-x64   a catalog device as the default
 *   npm run accuracy -- --no-calibrate       skip the micro-suite (default device only)
 *   npm run accuracy -- --quick              the micro-suite's quick mode, 1 pass x 10 runs
 *
 * Not a unit test: timings depend on the machine and whatever else runs on it. Needs
 * onnxruntime-node (`npm i --no-save --ignore-scripts onnxruntime-node@1.30.0`). Models whose
 * external weights are not in the repository get random weights written to a temporary folder
 * (never into the repository), which is removed at the end.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { externalTensors, loadModelFile } from '../src/io/load-model.js';
import { UserError } from '../src/errors.js';
import { analyzeModelFile } from '../src/io/analyze-file.js';
import { reportEstimateOptions } from '../src/report/latency.js';
import { compileGlob } from '../src/budgets/glob.js';
import { findDevice } from '../src/devices/catalog.js';
import { calibrateOnThisMachine, describeMachine, thisMachineDevice, type MicroTiming } from '../src/calibrate/calibrate.js';
import { detectMachine, type Machine } from '../src/calibrate/machine.js';
import { deviceModel } from '../src/devices/efficiency.js';
import { estimateLatency, nodeClass, type DeviceModel, type EstimateOptions } from '../src/devices/roofline.js';
import type { TensorData } from '../src/graph/model.js';
import type { NodeEntry, ModelReport } from '../src/report/model-report.js';
import {
  loadOrt,
  raisePriority,
  sessionOptions,
  timeSession,
  timeInRounds,
  runsFor,
  makeFeeds,
  type FeedSpec,
  type OrtModule,
  type OrtSession,
  type RoundItem,
  type Timing,
} from '../src/calibrate/ort.js';
import {
  END,
  START,
  errorStats,
  profileByClass,
  profileByOpType,
  renderAccuracy,
  renderOpTypeSummary,
  replaceBlock,
  type AccuracyRow,
  type MachineInfo,
  type ProfileEvent,
} from './accuracy-lib.js';
import { lcg } from '../src/util/lcg.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DOC = join(ROOT, 'docs', 'roofline.md');

// ---------------------------------------------------------------------------------- arguments
/** A mistake in how the script was run: its message alone, no stack. */
class UsageError extends Error {}

interface Args {
  dry: boolean;
  only: string[];
  json?: string;
  profile?: string;
  device?: string;
  bandwidthGBs: number;
  calibrate: boolean;
  quick: boolean;
  threads: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { dry: false, only: [], bandwidthGBs: 20, calibrate: true, quick: false, threads: os.availableParallelism() };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${k} needs a value`);
      return v;
    };
    if (k === '--dry') a.dry = true;
    else if (k === '--only') a.only.push(...val().split(',').filter(Boolean));
    else if (k === '--json') a.json = val();
    else if (k === '--profile') a.profile = val();
    else if (k === '--device') a.device = val();
    else if (k === '--bandwidth') a.bandwidthGBs = Number(val());
    else if (k === '--threads') a.threads = Number(val());
    else if (k === '--no-calibrate') a.calibrate = false;
    else if (k === '--quick') a.quick = true;
    else if (k === '--help' || k === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new UsageError(`unknown option ${k} (see --help)`);
  }
  if (!(a.threads >= 1)) throw new UsageError('--threads must be >= 1');
  if (!(a.bandwidthGBs > 0)) throw new UsageError('--bandwidth must be a positive number of GB/s');
  return a;
}

// ---------------------------------------------------------------------------------- the machine
/** The default device for this machine: a cpu-class device at its detected peak, with an assumed bandwidth. */
function machineDevice(machine: Machine, bandwidthGBs: number): DeviceModel {
  return thisMachineDevice(machine, bandwidthGBs * 1e9, 'this-machine', `${describeMachine(machine)}, ${bandwidthGBs} GB/s assumed`);
}

// ---------------------------------------------------------------------------------- the models
interface ModelCase {
  name: string;
  path: string;
  dims: Record<string, number>;
}

function listModels(): string[] {
  const out: string[] = [];
  for (const dir of ['test/fixtures/models', 'examples/models']) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) if (f.endsWith('.onnx')) out.push(join(abs, f));
  }
  return out;
}

/** Dims per model: budgets.example.yml's entries first (what the example budgets run at), then the fixture manifest's export dims. */
function dimsFor(path: string): Record<string, number> {
  const rel = path
    .slice(ROOT.length + 1)
    .split('\\')
    .join('/');
  const budgetsPath = join(ROOT, 'budgets.example.yml');
  if (existsSync(budgetsPath)) {
    const doc = parseYaml(readFileSync(budgetsPath, 'utf8')) as { models?: { path?: string; dims?: Record<string, number> }[] };
    for (const m of doc.models ?? []) if (m.path && m.dims && compileGlob(m.path)(rel)) return { ...m.dims };
  }
  const manifestPath = join(ROOT, 'test/fixtures/models/manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { models: Record<string, { file: string; exportDims?: Record<string, number> }> };
    for (const m of Object.values(manifest.models)) {
      if (resolve(dirname(manifestPath), m.file) === resolve(path) && m.exportDims) return { ...m.exportDims };
    }
  }
  return { batch: 1 };
}

const BYTES: Record<string, number> = { float32: 4, float16: 2, bfloat16: 2, float64: 8, int64: 8, int32: 4, int8: 1, uint8: 1, bool: 1 };

/**
 * Random but well-behaved values for a weight: uniform with variance 1/fan-in for a matrix or
 * kernel (activations neither vanish into denormals nor overflow), 0.5..1.5 for vectors (biases,
 * BatchNorm scale/mean/variance: a variance must be positive), 0 for integer tensors (valid indices).
 */
function fillTensor(t: TensorData, out: Buffer, offset: number, length: number, seed: number): void {
  const rnd = lcg(seed);
  const n = Math.floor(length / (BYTES[t.dtype ?? ''] ?? 1));
  const fanIn = t.dims.length >= 2 ? t.dims.slice(1).reduce((a, b) => a * b, 1) : 0;
  const a = fanIn > 0 ? Math.sqrt(3 / fanIn) : 0;
  const value = () => (fanIn > 0 ? (rnd() * 2 - 1) * a : 0.5 + rnd());
  switch (t.dtype) {
    case 'float32': {
      const a32 = new Float32Array(n);
      for (let i = 0; i < n; i++) a32[i] = value();
      Buffer.from(a32.buffer, 0, 4 * n).copy(out, offset);
      break;
    }
    case 'float64':
      for (let i = 0; i < n; i++) out.writeDoubleLE(value(), offset + 8 * i);
      break;
    case 'float16':
      // 0.5..1 with a random mantissa and sign for matrices (small enough for fp16 models here).
      for (let i = 0; i < n; i++) out.writeUInt16LE((fanIn > 0 && rnd() < 0.5 ? 0x8000 : 0) | 0x3800 | Math.floor(rnd() * 1024), offset + 2 * i);
      break;
    default:
      // integers and anything else: zeros (already zero-filled)
      break;
  }
}

/**
 * The model's path if its external data files are all present; otherwise a copy in `tmp` with
 * each missing data file written (random values at each tensor's offset and length).
 */
function materialise(path: string, tmp: string): { path: string; wrote: number } {
  const model = loadModelFile(path, { allowMissingWeights: true }).model;
  const byFile = new Map<string, TensorData[]>();
  for (const t of externalTensors(model.graph)) {
    if (t.storage.kind !== 'external') continue;
    const list = byFile.get(t.storage.location) ?? [];
    list.push(t);
    byFile.set(t.storage.location, list);
  }
  const missing = [...byFile.keys()].filter((loc) => !existsSync(join(dirname(path), loc)));
  if (missing.length === 0) return { path, wrote: 0 };
  const dir = join(tmp, basename(path, '.onnx'));
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  let wrote = 0;
  for (const loc of byFile.keys()) {
    const target = join(dir, loc);
    if (!missing.includes(loc)) {
      copyFileSync(join(dirname(path), loc), target);
      continue;
    }
    const tensors = byFile.get(loc)!;
    const extent = (t: TensorData) => {
      const s = t.storage as { offset?: number; length?: number };
      const elems = t.dims.reduce((a, b) => a * b, 1);
      const length = s.length ?? elems * (BYTES[t.dtype ?? ''] ?? 4);
      return { offset: s.offset ?? 0, length };
    };
    const size = Math.max(0, ...tensors.map((t) => extent(t).offset + extent(t).length));
    const buf = Buffer.alloc(size);
    tensors.forEach((t, k) => {
      const { offset, length } = extent(t);
      fillTensor(t, buf, offset, length, 1000 + k);
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, buf);
    wrote += size;
  }
  return { path: copy, wrote };
}

/** Feeds from the graph inputs at the bound dims; integer inputs below the smallest Gather table they index. */
function feedsFor(report: ModelReport): FeedSpec[] {
  const feeds: FeedSpec[] = [];
  for (const input of report.graph.inputs) {
    const shape = (input.shape ?? []).map((d) => (typeof d === 'number' ? d : (report.dims[String(d)] ?? 1)));
    const dtype = input.dtype;
    if (dtype !== 'float32' && dtype !== 'float16' && dtype !== 'int64' && dtype !== 'int32' && dtype !== 'bool') {
      throw new Error(`${report.path}: input ${input.name} has dtype ${String(dtype)}, which this script does not feed`);
    }
    let intMax: number | undefined;
    if (dtype === 'int64' || dtype === 'int32') {
      const rows = report.nodes
        .filter((n) => n.opType === 'Gather' && n.inputs[1]?.name === input.name)
        .map((n) => n.inputs[0]?.shape?.[0])
        .filter((r): r is number => typeof r === 'number' && r > 0);
      intMax = rows.length ? Math.min(...rows) : 2;
    }
    feeds.push({ name: input.name, dtype, shape, intMax });
  }
  return feeds;
}

// ---------------------------------------------------------------------------------- timing
interface Measured {
  ms: number;
  passes: number[];
  runs: number;
}

const PROFILE_RUNS = 6;

/** Profile a few runs in a separate session (profiling slows kernels down); the profile's events. */
async function profile(ort: OrtModule, path: string, feeds: FeedSpec[], args: Args, name: string): Promise<ProfileEvent[]> {
  const dir = resolve(args.profile!);
  mkdirSync(dir, { recursive: true });
  const prefix = join(dir, name);
  const before = new Set(readdirSync(dir));
  const session = await ort.InferenceSession.create(path, {
    ...sessionOptions({ threads: args.threads, optimization: 'all' }),
    enableProfiling: true,
    profileFilePrefix: prefix,
  });
  try {
    const tensors = makeFeeds(ort, feeds);
    for (let i = 0; i < PROFILE_RUNS; i++) await session.run(tensors);
    session.endProfiling();
  } finally {
    await session.release();
  }
  const file = readdirSync(dir)
    .filter((f) => f.startsWith(name) && f.endsWith('.json') && !before.has(f))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!file) {
    console.error(`  (no profile file appeared in ${dir} for ${name})`);
    return [];
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ProfileEvent[];
}

/** Estimated microseconds per key (op type, or op class where the engine gives one). */
function estimateBy(nodes: readonly NodeEntry[], device: DeviceModel, key: (n: NodeEntry) => string, graph: EstimateOptions): Map<string, number> {
  const est = estimateLatency(nodes, device, graph);
  const out = new Map<string, number>();
  est.nodes.forEach((t, i) => {
    if (t.time > 0) out.set(key(nodes[i]), (out.get(key(nodes[i])) ?? 0) + t.time * 1e6);
  });
  return out;
}

const addInto = (into: Map<string, number>, from: ReadonlyMap<string, number>) => {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
};

function ortVersion(ort: OrtModule): string {
  const v = ort.env.versions?.common;
  if (v) return v;
  try {
    return (createRequire(join(ROOT, 'package.json'))('onnxruntime-node/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------- main
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const ort = loadOrt();
  const raised = raisePriority();
  const cpu = detectMachine();

  let defaultDevice: DeviceModel;
  if (args.device) {
    const d = findDevice(args.device);
    if (!d) throw new UsageError(`no catalog device '${args.device}' (model-budget devices lists them)`);
    defaultDevice = deviceModel(d);
  } else {
    defaultDevice = machineDevice(cpu, args.bandwidthGBs);
  }
  console.error(
    `CPU: ${cpu.cpu}, ${cpu.cores} CPUs, ${cpu.clockGHz} GHz, ${cpu.vector}; ORT ${ortVersion(ort)}, ${args.threads} threads; priority ${raised ? 'raised' : 'not raised (no permission)'}`,
  );
  console.error(`default device: ${defaultDevice.name}`);

  const cases: ModelCase[] = listModels()
    .map((path) => ({ name: basename(path, '.onnx'), path, dims: dimsFor(path) }))
    .filter((c) => args.only.length === 0 || args.only.includes(c.name));
  if (cases.length === 0) throw new UsageError(`no model matches --only ${args.only.join(',')}`);

  let calibrated: DeviceModel | undefined;
  let microTimings: MicroTiming[] | undefined;
  let calibrateNote = 'calibration skipped (--no-calibrate)';

  const tmp = mkdtempSync(join(os.tmpdir(), 'model-budget-accuracy-'));
  const rows: AccuracyRow[] = [];
  const measuredOps = new Map<string, number>();
  const estimatedOps = new Map<string, number>();
  const measuredClasses = new Map<string, number>();
  const estimatedClasses = new Map<string, number>();
  const details: Record<string, unknown>[] = [];
  // With the micro-suite timed alongside, more rounds: its passes are short and the machine drifts.
  const rounds = args.calibrate ? (args.quick ? 2 : 7) : args.quick ? 1 : 5;
  const prepared: {
    c: ModelCase;
    report: ModelReport;
    dims: Record<string, number>;
    feeds: FeedSpec[];
    path: string;
    wrote: number;
    session: OrtSession;
    item: RoundItem;
  }[] = [];
  try {
    // Every model is loaded and probed first; then rounds, each timing one pass of every model
    // (a slow minute on a shared machine spoils one pass of each, not every pass of one).
    for (const c of cases) {
      const t0 = Date.now();
      const symbols = analyzeModelFile(c.path, { allowMissingWeights: true }).symbols;
      const dims = Object.fromEntries(Object.entries(c.dims).filter(([k]) => symbols.includes(k)));
      const report = analyzeModelFile(c.path, { allowMissingWeights: true, dims }).report;
      const feeds = feedsFor(report);
      const runnable = materialise(c.path, tmp);
      const session = await ort.InferenceSession.create(runnable.path, sessionOptions({ threads: args.threads, optimization: 'all' }));
      const tensors = makeFeeds(ort, feeds);
      // warm-up and probe: the fastest of three runs sets the run count
      const probe = await timeSession(session, tensors, { warmup: 2, runs: 3, passes: 1 });
      const item: RoundItem = { session, feeds: tensors, runs: runsFor(probe.minMs, args.quick), warmup: probe.minMs > 200 ? 1 : 2 };
      prepared.push({ c, report, dims, feeds, path: runnable.path, wrote: runnable.wrote, session, item });
      console.error(
        `loaded ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)} s${runnable.wrote ? `, ${(runnable.wrote / 1e6).toFixed(0)} MB of weights written` : ''})`,
      );
    }
    let timings: Timing[];
    if (args.calibrate) {
      // The micro-suite is timed in the same rounds as the models (both see the machine in the
      // same state); the fit sees only the micro-suite.
      const t0 = Date.now();
      console.error('timing the micro-suite and the models in the same rounds ...');
      const result = await calibrateOnThisMachine({
        ort,
        ...(args.device ? { base: defaultDevice } : {}),
        threads: args.threads,
        quick: args.quick,
        log: (l) => console.error(`  ${l}`),
        alongside: prepared.map((p) => p.item),
        rounds,
        onRound: (r, n) => console.error(`round ${r + 1} of ${n} done`),
      });
      calibrated = result.device;
      microTimings = result.timings;
      timings = result.alongside!;
      const basis = result.basis?.length ? ` (${result.basis.join('; ')})` : '';
      calibrateNote = `calibrated device: \`calibrateOnThisMachine\` on the built-in micro-suite${args.quick ? ' (quick)' : ''}${basis}, timed in the same rounds as the models (${((Date.now() - t0) / 1000).toFixed(0)} s in all); the fit never sees the models below`;
    } else {
      timings = await timeInRounds(
        prepared.map((p) => p.item),
        rounds,
        (r) => console.error(`round ${r + 1} of ${rounds} done`),
      );
    }
    for (const [k, p] of prepared.entries()) {
      const { c, report, dims, feeds } = p;
      const m: Measured = { ms: timings[k].ms, passes: timings[k].passes, runs: p.item.runs };
      // As `analyze` estimates: with the graph's inputs and outputs (fusion, load-time folding).
      const graph = reportEstimateOptions(report);
      const def = estimateLatency(report.nodes, defaultDevice, graph).ms;
      const cal = calibrated ? estimateLatency(report.nodes, calibrated, graph).ms : undefined;
      const dimsText = Object.entries(dims)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      rows.push({ model: c.name, dims: dimsText, measuredMs: m.ms, defaultMs: def, ...(cal !== undefined ? { calibratedMs: cal } : {}) });
      const detail: Record<string, unknown> = { model: c.name, path: c.path.slice(ROOT.length + 1), dims, measured: m, defaultMs: def, calibratedMs: cal };
      if (args.profile) {
        const events = await profile(ort, p.path, feeds, args, c.name);
        const device = calibrated ?? defaultDevice;
        const measuredByOp = profileByOpType(events, PROFILE_RUNS);
        const estByOp = estimateBy(report.nodes, device, (n) => n.opType, graph);
        const typeClass = new Map(report.nodes.filter((n) => n.opClass).map((n) => [n.opType, n.opClass!] as const));
        addInto(measuredOps, measuredByOp);
        addInto(estimatedOps, estByOp);
        addInto(measuredClasses, profileByClass(events, PROFILE_RUNS, typeClass));
        addInto(estimatedClasses, estimateBy(report.nodes, device, nodeClass, graph));
        detail.profileUs = Object.fromEntries(measuredByOp);
        detail.estimateUs = Object.fromEntries(estByOp);
        // per node, for per-op-class analysis against the profile files
        const est = estimateLatency(report.nodes, device, graph);
        detail.estimateNodes = report.nodes
          .map((n, i) => ({ name: n.name, opType: n.opType, opClass: n.opClass ?? null, us: est.nodes[i].time * 1e6, bound: est.nodes[i].bound }))
          .filter((n) => n.us > 0);
      }
      details.push(detail);
      console.error(
        `${c.name.padEnd(28)} ${dimsText.padEnd(22)} measured ${m.ms.toFixed(2).padStart(8)} ms (${m.runs} runs x ${m.passes.length}) default ${def.toFixed(2).padStart(8)} ms` +
          (cal !== undefined ? `  calibrated ${cal.toFixed(2).padStart(8)} ms` : ''),
      );
    }
  } finally {
    for (const p of prepared) await p.session.release();
    rmSync(tmp, { recursive: true, force: true });
  }

  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  const machine: MachineInfo = {
    cpu: cpu.cpu,
    cores: cpu.cores,
    threads: args.threads,
    ort: ortVersion(ort),
    node: process.versions.node,
    date: new Date().toISOString().slice(0, 10),
    defaultDevice: defaultDevice.id === 'this-machine' ? 'this machine as declared' : defaultDevice.id,
    ...(calibrated ? { calibratedDevice: calibrated.id } : {}),
    method: [
      `\`npm run accuracy${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}\` (scripts/accuracy.ts), ${minutes} min`,
      `onnxruntime-node, CPU execution provider, graph optimisation 'all', ${args.threads} intra-op threads, sequential; process priority ${raised ? 'raised' : 'not raised'}`,
      `every model loaded first, then ${rounds} interleaved rounds, each one pass of every model${args.calibrate ? ' and of every micro-model' : ''} (warm-up, then 10-30 runs; 3-10 over 200 ms a run); a model's figure is its fastest pass's median (the machine's quiet state; see timeInRounds)`,
      'models: test/fixtures/models/*.onnx and examples/models/*.onnx at batch 1 and their export dims (manifest.json; budgets.example.yml for the examples); missing external weights replaced by random values in a temporary folder',
      `default device: ${defaultDevice.name}`,
      calibrateNote,
    ],
  };
  const block = renderAccuracy(rows, machine);
  console.log(block);
  if (args.profile) {
    console.log(
      `\nPer op type over all models, µs per run (measured: ORT profile, kernel time; estimate: ${(calibrated ?? defaultDevice).id}, before fusion):\n`,
    );
    console.log(renderOpTypeSummary(measuredOps, estimatedOps));
    console.log(
      `\nPer op class (measured: ORT's fused kernels by the work they do, convolutions by their shapes; estimate: the engine's op classes, op type where it gives none):\n`,
    );
    console.log(renderOpTypeSummary(measuredClasses, estimatedClasses, 'op class'));
  }
  if (args.json) {
    const measured = rows.map((r) => r.measuredMs);
    const stats = {
      default: errorStats(
        rows.map((r) => r.defaultMs),
        measured,
      ),
      calibrated: calibrated
        ? errorStats(
            rows.map((r) => r.calibratedMs!),
            measured,
          )
        : null,
    };
    writeFileSync(
      args.json,
      JSON.stringify({ machine, rows, stats, models: details, calibratedDevice: calibrated ?? null, microSuite: microTimings ?? null, cpu }, null, 2) + '\n',
    );
  }
  if (!args.dry) {
    if (args.only.length) console.error(`note: --only given; docs/roofline.md gets this subset`);
    const doc = readFileSync(DOC, 'utf8');
    writeFileSync(DOC, replaceBlock(doc, block));
    console.error(`wrote the table between ${START} and ${END} in docs/roofline.md`);
  }
  console.error(`done in ${minutes} min`);
}

main().catch((e: unknown) => {
  const expected = e instanceof UsageError || e instanceof UserError;
  console.error(`accuracy: ${e instanceof Error ? (expected ? e.message : (e.stack ?? e.message)) : String(e)}`);
  process.exit(1);
});

/**
 * `npm run bench`: speed and peak memory of model-budget on generated models, each measured side by
 * side in the same run with what it is judged against (issue 15):
 *
 *   readFileSync   one fs.readFileSync of the file
 *   protobufjs     protobufjs's ModelProto.decode (static code generated from the pinned onnx.proto,
 *                  scripts/proto/), the file already read
 *   reader         the project's reader (src/formats/onnx/decode.ts), the file already read
 *   analyze        `model-budget analyze FILE --format json --output F`: read, decode, inference,
 *                  costs, the JSON report written
 *   python onnx    onnx.load + onnx.shape_inference.infer_shapes with /usr/bin/python3
 *                  (BENCH_PYTHON to change; skipped with a note when onnx does not import)
 *
 * Models (scripts/bench-models.ts): issue 15's chains of shape sub-graphs at 961, 10,001, 50,001
 * and 200,001 nodes; BERT-base with its 438 MB of weights inline; the 320-layer transformer-style
 * graph with 570 MB inline and again with its weights in an external file (never read); for the
 * inline ones the bytes analyze read are printed (they are skimmed: src/formats/onnx/skim.ts); a
 * Llama-2-7B-shaped graph without its weights through `--generate 128:20` (issue 13).
 *
 * Every measurement is a fresh process (own peak RSS) running the code bundled as the CLI ships it
 * (esbuild, plain node: no tsx); the passes are interleaved (each pass runs every tool once) and the
 * table shows medians. Times are of the measured step alone, after process start and module loading;
 * the whole-process ratio against python is shown too. The bench raises its priority (nice -5)
 * when allowed and prints the machine's load: on a shared machine the ratios move with it.
 *
 * The exit code is 0 unless the targets the bench has always enforced fail (transformer analyze
 * within 2x of the read in time and memory, external weights never read, the Llama generate under
 * 2 s); issue 15's targets are printed with ✓ / ✗ beside each ratio. Env: BENCH_PASSES (passes
 * for the small models, default 9: their steps take milliseconds, and a pass that meets a busy
 * moment moves a median of 5 by 20%; the 50k / 200k chains get at most 5, the weight-heavy
 * models at most 3), BENCH_ONLY (a
 * comma-separated list of what to run: chains-961, chains-10001, chains-50001, chains-200001,
 * bert-base, transformer, external, llama). MB and kB are 10^6 and 10^3 bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, setPriority, getPriority, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { CHAIN_SIZES, tfliteChainsModel, tfliteWeightsModel, bertModel, chainsModel, transformerModel } from './bench-models.js';
import { writeLlama } from './make-llama7b.js';

const PASSES = Number(process.env.BENCH_PASSES ?? 9);
const NODE_PASSES = Math.min(PASSES, 5);
const BIG_PASSES = Math.min(PASSES, 3);
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);

interface Sample {
  ms: number;
  /** Peak RSS in MB (10^6 bytes). */
  maxRssMB: number;
  readBytes: number;
  nodes?: number;
  /** The whole process, start to exit, as the bench saw it. */
  wallMs: number;
}

type Tool = 'read' | 'protobufjs' | 'reader' | 'analyze' | 'steps' | 'python';
const TOOLS: Tool[] = ['read', 'protobufjs', 'reader', 'analyze', 'steps', 'python'];

interface BenchModel {
  id: string;
  label: string;
  /** Node-heavy (judged against python onnx) or weight-heavy (judged against the read). */
  kind: 'nodes' | 'weights';
  passes: number;
  dims: string[];
  make: () => Uint8Array;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtMs = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
const fmtMB = (mb: number) => `${mb.toFixed(0)} MB`;
/** Megabytes of 10^6 bytes, everywhere in the output. */
const mbOf = (bytes: number) => bytes / 1e6;

const dir = mkdtempSync(join(tmpdir(), 'mb-bench-'));
const childJs = join(dir, 'bench-child.mjs');
const report = join(dir, 'report.json');

function run(cmd: string, args: string[]): Sample {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = performance.now() - t0;
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`${cmd} ${args.join(' ')} failed (${String(r.status)}):\n${r.stderr.slice(-3000)}`);
  const s = JSON.parse(last) as { ms: number; maxRssKiB: number; readBytes: number; nodes?: number };
  return { ms: s.ms, maxRssMB: (s.maxRssKiB * 1024) / 1e6, readBytes: s.readBytes, nodes: s.nodes, wallMs };
}

function child(mode: string, file: string, extra: string[] = []): Sample {
  return run(process.execPath, [childJs, mode, file, ...extra]);
}

/**
 * `analyze` writing its report to a path where no file is: replacing the previous pass's report
 * would time the file system freeing it (renaming over a 70 MB file takes 20-45 ms here), which is
 * the bench's leftover, not the analysis.
 */
function analyzeChild(file: string, extra: string[] = []): Sample {
  rmSync(report, { force: true });
  return child('analyze', file, [report, ...extra]);
}

const PY_MEASURE = `
import json, re, resource, sys, time
import onnx
from onnx import shape_inference
t0 = time.perf_counter()
m = onnx.load(sys.argv[1])
inferred = shape_inference.infer_shapes(m)
ms = (time.perf_counter() - t0) * 1000
try:
    # This process's own peak (scripts/peak-rss.ts: ru_maxrss carries the parent's RSS across exec)
    peak = int(re.search(r"^VmHWM:\\s*(\\d+)", open("/proc/self/status").read(), re.M).group(1))
except Exception:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"ms": ms, "maxRssKiB": peak, "readBytes": 0, "nodes": len(inferred.graph.node)}))
`;

function pythonOnnx(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import onnx; print(onnx.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function measureTool(tool: Tool, file: string, m: BenchModel): Sample {
  switch (tool) {
    case 'python':
      return run(PYTHON, ['-c', PY_MEASURE, file]);
    case 'analyze':
      return analyzeChild(file, m.dims);
    default:
      return child(tool, file);
  }
}

interface Result {
  model: BenchModel;
  nodes: number;
  fileBytes: number;
  med: Partial<Record<Tool, Sample>>;
}

function medianSample(xs: Sample[]): Sample {
  return {
    ms: median(xs.map((s) => s.ms)),
    maxRssMB: median(xs.map((s) => s.maxRssMB)),
    readBytes: median(xs.map((s) => s.readBytes)),
    wallMs: median(xs.map((s) => s.wallMs)),
    nodes: xs[0].nodes,
  };
}

/** Writes the model and returns its size (the bytes are not kept). */
function writeModel(file: string, make: () => Uint8Array): number {
  const bytes = make();
  writeFileSync(file, bytes);
  return bytes.length;
}

function benchModel(m: BenchModel, tools: Tool[]): Result {
  process.stderr.write(`${m.id}: generating... `);
  const file = join(dir, `${m.id}.onnx`);
  const fileBytes = writeModel(file, m.make);
  gc(); // the generated bytes are garbage now: keep the bench's own RSS out of the children's way
  const samples = new Map<Tool, Sample[]>(tools.map((t) => [t, []]));
  for (let p = 0; p < m.passes; p++) {
    process.stderr.write(`pass ${p + 1}/${m.passes} `);
    for (const t of tools) samples.get(t)!.push(measureTool(t, file, m));
  }
  process.stderr.write('\n');
  rmSync(file);
  const med: Partial<Record<Tool, Sample>> = {};
  for (const [t, xs] of samples) med[t] = medianSample(xs);
  return { model: m, nodes: med.reader?.nodes ?? 0, fileBytes, med };
}

function mark(ratio: number, limit: number): string {
  return `${ratio.toFixed(2)} ${ratio <= limit ? '✓' : '✗'} (≤ ${limit})`;
}

try {
  let priority = 'normal priority';
  try {
    setPriority(Math.min(getPriority(), -5));
    priority = `nice ${getPriority()}`;
  } catch {
    priority = `nice ${getPriority()} (raising the priority needs privileges)`;
  }
  await build({
    entryPoints: ['scripts/bench-child.ts'],
    outfile: childJs,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const onnxVersion = pythonOnnx();
  const tools = TOOLS.filter((t) => t !== 'python' || onnxVersion);
  // analyze's load + inference alone: a column for the node-heavy models, against python's same steps.
  const toolsOf = (m: BenchModel) => tools.filter((t) => t !== 'steps' || m.kind === 'nodes');
  const idle = medianSample([0, 1, 2].map(() => child('idle', '-')));
  const load0 = loadavg();
  const cpu = cpus();
  console.log(`model-budget bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; ` +
      `${onnxVersion ? `python onnx ${onnxVersion}` : `python onnx: not importable with ${PYTHON} (its column is skipped; install python3-onnx)`}; ${priority}`,
  );
  console.log(`load average at start: ${load0.map((x) => x.toFixed(2)).join(' ')}; a bare measuring process: ${fmtMB(idle.maxRssMB)} peak RSS`);
  console.log(
    `times: the measured step alone, median of ${PASSES} passes (${NODE_PASSES} for the 50k / 200k chains, ${BIG_PASSES} for the weight-heavy models); peak RSS: median\n`,
  );

  const D = ['--dims', 'batch=1,sequence=128'];
  const all: BenchModel[] = [
    ...CHAIN_SIZES.map((n): BenchModel => ({
      id: `chains-${n}`,
      label: `chains ${n.toLocaleString('en-US')}`,
      kind: 'nodes',
      passes: n >= 50_000 ? NODE_PASSES : PASSES,
      dims: [],
      make: () => chainsModel(n),
    })),
    { id: 'bert-base', label: 'BERT-base, inline weights', kind: 'weights', passes: BIG_PASSES, dims: D, make: () => bertModel() },
    {
      id: 'transformer',
      label: 'transformer 320 layers, inline weights',
      kind: 'weights',
      passes: BIG_PASSES,
      dims: D,
      make: () => transformerModel(null).bytes,
    },
  ];
  const models = all.filter((m) => !ONLY || ONLY.includes(m.id));
  const results = models.map((m) => benchModel(m, toolsOf(m)));

  const cell = (s: Sample | undefined) => (s ? `${fmtMs(s.ms)} · ${fmtMB(s.maxRssMB)}` : 'skipped');
  console.log('| model | nodes | file | readFileSync | protobufjs decode | reader decode | analyze --format json | python onnx load + infer_shapes |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const f = r.fileBytes >= 1e6 ? `${mbOf(r.fileBytes).toFixed(r.fileBytes >= 1e7 ? 0 : 1)} MB` : `${(r.fileBytes / 1e3).toFixed(0)} kB`;
    console.log(
      `| ${r.model.label} | ${r.nodes.toLocaleString('en-US')} | ${f} | ${cell(r.med.read)} | ${cell(r.med.protobufjs)} | ${cell(r.med.reader)} | ${cell(r.med.analyze)} | ${cell(r.med.python)} |`,
    );
  }
  console.log("\nratios of the medians, with issue 15's targets (✓ met, ✗ not yet):\n");
  console.log(
    '| model | analyze / readFileSync | reader / protobufjs | analyze / python onnx | same, whole processes | load + inference / python onnx | peak RSS per node |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const { read, protobufjs, reader, analyze, steps, python } = r.med;
    const stepsVsPy = python && steps ? steps.ms / python.ms : NaN;
    const vsRead = read && analyze ? analyze.ms / read.ms : NaN;
    const vsPb = reader && protobufjs ? reader.ms / protobufjs.ms : NaN;
    const vsPy = python && analyze ? analyze.ms / python.ms : NaN;
    const vsPyWall = python && analyze ? analyze.wallMs / python.wallMs : NaN;
    const kbPerNode = analyze ? ((analyze.maxRssMB - mbOf(r.fileBytes)) * 1000) / r.nodes : NaN;
    const big = r.nodes >= 50_000;
    const na = (x: number, s: string) => (Number.isNaN(x) ? 'skipped' : s);
    console.log(
      `| ${r.model.label} | ${na(vsRead, r.model.kind === 'weights' ? mark(vsRead, 1.3) : vsRead.toFixed(2))} | ${na(vsPb, mark(vsPb, 1.05))} | ` +
        `${na(vsPy, big ? mark(vsPy, 0.5) : vsPy.toFixed(2))} | ${na(vsPyWall, vsPyWall.toFixed(2))} | ` +
        `${r.model.kind === 'nodes' ? na(stepsVsPy, `${stepsVsPy.toFixed(2)} (${fmtMs(steps!.ms)})`) : '—'} | ` +
        `${r.model.kind === 'nodes' ? na(kbPerNode, r.nodes >= 200_000 ? `${kbPerNode.toFixed(2)} kB ${kbPerNode <= 1.5 ? '✓' : '✗'} (≤ 1.5)` : `${kbPerNode.toFixed(2)} kB`) : '—'} |`,
    );
  }
  // Weight-heavy files are skimmed (src/formats/onnx/skim.ts): what analyze read of each, said.
  for (const r of results) {
    const a = r.med.analyze;
    if (r.model.kind !== 'weights' || !a) continue;
    console.log(
      `\n${r.model.label}: analyze read ${mbOf(a.readBytes).toFixed(1)} MB of the ${fmtMB(mbOf(r.fileBytes))} file (an ONNX file of 64 MiB or more is skimmed: initializer payloads above 64 KiB stay unread)`,
    );
  }
  if (!onnxVersion) console.log(`\npython onnx: skipped (${PYTHON} cannot import onnx; install python3-onnx for that column)`);
  console.log(
    '\nanalyze / readFileSync: time of the whole analysis against one read of the file (issue 15: ≤ 1.3 on weight-heavy models); ' +
      'reader / protobufjs: decode time, same bytes (≤ 1.05 on every model); analyze / python onnx: ≤ 0.5 at 50k and 200k nodes; ' +
      "load + inference / python onnx: analyze's read, decode and inference alone (no report, no JSON written), the steps python's column times (not a target); " +
      'peak RSS per node: (analyze peak RSS − file size) / nodes (≤ 1.5 kB at 200k).',
  );

  // The targets the bench has always enforced (the exit code): the transformer against the read,
  // the external-weights copy, the Llama generate.
  let failed = false;
  const tr = results.find((r) => r.model.id === 'transformer');
  if (tr?.med.read && tr.med.analyze) {
    const t = tr.med.analyze.ms / tr.med.read.ms;
    const mem = tr.med.analyze.maxRssMB / tr.med.read.maxRssMB;
    console.log(`\ntransformer: analyze / read time ${t.toFixed(2)}, peak memory ${mem.toFixed(2)} (targets ≤ 2)`);
    failed ||= t > 2 || mem > 2;
  }
  if (!ONLY || ONLY.includes('external')) {
    const ext = join(dir, 'external.onnx');
    const { bytes: extBytes, externalBytes: weightBytes } = transformerModel('external.onnx.data');
    writeFileSync(ext, extBytes);
    writeFileSync(join(dir, 'external.onnx.data'), new Uint8Array(weightBytes));
    const extAnalyze = medianSample(Array.from({ length: BIG_PASSES }, () => analyzeChild(ext, D)));
    rmSync(join(dir, 'external.onnx.data'));
    const extRatio = extAnalyze.readBytes / extBytes.length;
    const never = extAnalyze.readBytes < weightBytes / 10;
    console.log(
      `external weights: graph file ${fmtMB(mbOf(extBytes.length))}, weight file ${fmtMB(mbOf(weightBytes))}; bytes read by analyze ` +
        `${mbOf(extAnalyze.readBytes).toFixed(1)} MB = ${extRatio.toFixed(2)}x the graph file (weights never read: ${never ? 'yes' : 'NO'}); ${fmtMs(extAnalyze.ms)}`,
    );
    failed ||= !never;
  }
  if (!ONLY || ONLY.includes('llama')) {
    // An LLM as users gate it: a Llama-2-7B-shaped graph whose 13.5 GB of weights are absent,
    // analysed and then run through generate 128:20 on two GPUs (issue 13: under 2 s).
    const llama = join(dir, 'llama-2-7b.onnx');
    writeLlama(llama);
    const gen = medianSample(Array.from({ length: PASSES }, () => child('generate', llama, ['--dims', 'batch=1'])));
    console.log(`Llama-2-7B graph (${gen.nodes ?? '?'} nodes, weights absent), analyze + generate 128:20 on 2 GPUs: ${fmtMs(gen.ms)}  (target < 2 s)`);
    failed ||= gen.ms >= 2000;
  }
  if (!ONLY || ONLY.includes('tflite')) {
    // TFLite (issue 14): the project's reader checks every offset, length and index before it follows
    // it; flatc's generated accessors on the flatbuffers runtime check nothing (JavaScript has no
    // FlatBuffers verifier), so they are the speed baseline, not an alternative for untrusted files.
    const tfl = [
      { id: 'tflite-chains', label: 'TFLite chains, 50,000 operators', make: () => tfliteChainsModel(50_000) },
      { id: 'tflite-weights', label: 'TFLite 24 × FULLY_CONNECTED 2048², inline weights', make: () => tfliteWeightsModel() },
    ];
    console.log(
      '\n| TFLite model | operators | file | readFileSync | flatbuffers generated code (unchecked) | reader decode | analyze --format json | reader / flatbuffers |',
    );
    console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
    for (const m of tfl) {
      process.stderr.write(`${m.id}: generating... `);
      const file = join(dir, `${m.id}.tflite`);
      const size = writeModel(file, m.make);
      gc();
      const tools = ['read', 'tflite-flatbuffers', 'tflite-reader', 'analyze'] as const;
      const xs = new Map<string, Sample[]>(tools.map((t) => [t, []]));
      for (let p = 0; p < BIG_PASSES; p++) {
        process.stderr.write(`pass ${p + 1}/${BIG_PASSES} `);
        for (const t of tools) xs.get(t)!.push(t === 'analyze' ? analyzeChild(file) : child(t, file));
      }
      process.stderr.write('\n');
      rmSync(file);
      const med = (t: string) => medianSample(xs.get(t)!);
      const [read, fb, reader, analyze] = tools.map(med);
      const f = size >= 1e6 ? `${mbOf(size).toFixed(size >= 1e7 ? 0 : 1)} MB` : `${(size / 1e3).toFixed(0)} kB`;
      console.log(
        `| ${m.label} | ${(reader.nodes ?? 0).toLocaleString('en-US')} | ${f} | ${cell(read)} | ${cell(fb)} | ${cell(reader)} | ${cell(analyze)} | ${(reader.ms / fb.ms).toFixed(2)} |`,
      );
    }
  }
  console.log(
    `load average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  if (failed) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

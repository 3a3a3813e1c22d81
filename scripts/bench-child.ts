/**
 * One benchmark measurement, run by scripts/bench.ts in a fresh process (bundled with esbuild
 * first, so the process is plain node with the code as the CLI ships it):
 *   idle                          nothing: the process's own footprint
 *   read <file>                   fs.readFileSync once
 *   protobufjs <file>             read (not timed), then protobufjs's ModelProto.decode (static code
 *                                 generated from the pinned onnx.proto: scripts/proto/)
 *   reader <file>                 read (not timed), then the project's reader (src/formats/onnx/decode.ts)
 *   tflite-reader <file>          read (not timed), then the project's TFLite reader (src/formats/tflite)
 *   tflite-flatbuffers <file>     read (not timed), then a walk of the same fields with flatc's generated
 *                                 code on the flatbuffers runtime (tensors, buffers as views, operators
 *                                 and every field of their options), unchecked: the library baseline
 *   analyze <file> <out> [dims]   `model-budget analyze <file> --format json --output <out>`, as the
 *                                 CLI runs it (read, decode, inference, costs, the report written)
 *   generate <file> [dims]        an LLM without its weights: the analysis, then `--generate 128:20`
 *                                 on two GPUs (a prefill and the decode steps), as `analyze --generate` does
 *   steps <file>                  analyze's load and inference alone (no report, no JSON): the steps
 *                                 python onnx's load + infer_shapes compares with
 *   phases <file> <out> [runs]    analyze's steps timed apart (load, inference, report, JSON written to
 *                                 <out>), `runs` times in this process (default 1): the first run is
 *                                 cold, the later ones show the optimised code's speed; prints a line per
 *                                 run (not a bench measurement: for finding where the time goes)
 * Prints {ms, maxRssKiB, readBytes, nodes} as JSON: ms is the measured step alone (after module
 * loading), maxRssKiB the process's peak RSS (scripts/peak-rss.ts), readBytes the process's own rchar minus what it had
 * read before the step.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openModelFile } from '../src/io/analyze-file.js';
import { analyzePhases } from '../src/io/analyze-phases.js';
import { main, parseDims } from '../src/cli/main.js';
import { findDevice } from '../src/devices/catalog.js';
import { deviceModel } from '../src/devices/efficiency.js';
import { withLatency } from '../src/report/latency.js';
import { decodeModel } from '../src/formats/onnx/decode.js';
import { loadModelFile } from '../src/io/load-model.js';
import { inferModel } from '../src/analysis/infer.js';
import { modelReport } from '../src/report/model-report.js';
import { writeJson } from '../src/report/json.js';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { onnx } from './proto/onnx-pb.js';
import { peakRssKiB } from './peak-rss.js';
import { decodeTflite } from '../src/formats/tflite/decode.js';
import * as flatbuffers from 'flatbuffers';
import { Model as TflModel, unionToBuiltinOptions } from '../src/formats/tflite/schema_generated.js';

/** Every field of a generated table object that reads without arguments (the options' scalars and vectors). */
function readAll(obj: object): number {
  let n = 0;
  for (const k of Object.getOwnPropertyNames(Object.getPrototypeOf(obj))) {
    const f = (obj as Record<string, unknown>)[k];
    if (k === 'constructor' || k.startsWith('__') || k === 'unpack' || k === 'unpackTo' || typeof f !== 'function' || f.length !== 0) continue;
    const v = (f as () => unknown).call(obj);
    if (v !== null && v !== undefined) n++;
  }
  return n;
}

/** The generated-code walk: what the reader extracts, read with the library's accessors. */
function flatbuffersWalk(bytes: Uint8Array): number {
  const model = TflModel.getRootAsModel(new flatbuffers.ByteBuffer(bytes));
  let nodes = 0;
  for (let b = 0; b < model.buffersLength(); b++) model.buffers(b)?.dataArray();
  for (let c = 0; c < model.operatorCodesLength(); c++) {
    const oc = model.operatorCodes(c)!;
    oc.builtinCode();
    oc.deprecatedBuiltinCode();
    oc.customCode();
  }
  for (let s = 0; s < model.subgraphsLength(); s++) {
    const g = model.subgraphs(s)!;
    for (let t = 0; t < g.tensorsLength(); t++) {
      const tensor = g.tensors(t)!;
      tensor.name();
      tensor.shapeArray();
      tensor.shapeSignatureArray();
      tensor.type();
      tensor.buffer();
      tensor.isVariable();
    }
    g.inputsArray();
    g.outputsArray();
    for (let o = 0; o < g.operatorsLength(); o++) {
      const op = g.operators(o)!;
      op.opcodeIndex();
      op.inputsArray();
      op.outputsArray();
      const options = unionToBuiltinOptions(op.builtinOptionsType(), (obj) => op.builtinOptions(obj) as typeof obj);
      if (options && typeof options === 'object') readAll(options);
      nodes++;
    }
  }
  return nodes;
}

function rchar(): number {
  try {
    const m = /rchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const [mode, file, ...rest] = process.argv.slice(2);
let before = rchar();
let t0 = performance.now();
let nodes: number | undefined;
if (mode === 'read') {
  const b = readFileSync(file);
  if (b.length === 0) throw new Error('empty');
} else if (mode === 'protobufjs' || mode === 'reader') {
  const bytes = readFileSync(file);
  before = rchar();
  t0 = performance.now();
  nodes = mode === 'reader' ? decodeModel(bytes).graph.nodes.length : (onnx.ModelProto.decode(bytes).graph?.node?.length ?? 0);
} else if (mode === 'tflite-reader' || mode === 'tflite-flatbuffers') {
  const bytes = readFileSync(file);
  before = rchar();
  t0 = performance.now();
  nodes = mode === 'tflite-reader' ? decodeTflite(bytes).graph.nodes.length : flatbuffersWalk(bytes);
} else if (mode === 'generate') {
  const dims = rest[0] === '--dims' ? parseDims([rest[1]]) : {};
  const devices = ['a100-80gb-sxm', 'h100-sxm'].map((id) => deviceModel(findDevice(id)!));
  const opened = openModelFile(file, { allowMissingWeights: true });
  const { report } = opened.analyze(dims);
  const phases = analyzePhases(opened, report, { dims, generate: { prompt: 128, tokens: 20 } }, devices);
  JSON.stringify({ ...withLatency(report, devices), phases });
  nodes = report.nodes.length;
} else if (mode === 'analyze') {
  const [out, ...flags] = rest;
  let stderr = '';
  const code = main(['analyze', '--allow-outside-repo', file, '--format', 'json', '--output', out, ...flags], {
    stdout: () => undefined,
    stderr: (t) => (stderr += t),
  });
  if (code !== 0) throw new Error(`analyze exited ${code}: ${stderr}`);
} else if (mode === 'steps') {
  const loaded = loadModelFile(file, {});
  nodes = inferModel(loaded.model, { upperBounds: true }).nodes.length;
} else if (mode === 'phases') {
  const [out, runs = '1'] = rest;
  for (let run = 0; run < Number(runs); run++) {
    rmSync(out, { force: true }); // not timed: freeing the last run's report is not the analysis
    const t = [performance.now()];
    const loaded = loadModelFile(file, {});
    t.push(performance.now());
    const inferred = inferModel(loaded.model, { upperBounds: true });
    t.push(performance.now());
    const report = modelReport({ path: file, fileBytes: loaded.bytes, format: loaded.model.format, notices: loaded.notices }, inferred);
    t.push(performance.now());
    const fd = openSync(out, 'w');
    writeJson({ models: [report] }, (chunk) => void writeSync(fd, chunk), 2, undefined, { rowsUnder: new Set(['nodes']) });
    closeSync(fd);
    t.push(performance.now());
    const ms = (i: number) => (t[i + 1] - t[i]).toFixed(1);
    console.log(JSON.stringify({ run, load: ms(0), infer: ms(1), report: ms(2), json: ms(3), total: (t[4] - t[0]).toFixed(1) }));
    nodes = loaded.model.graph.nodes.length;
  }
} else if (mode !== 'idle') throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - t0;
const readBytes = rchar() - before;
console.log(JSON.stringify({ ms, maxRssKiB: peakRssKiB(), readBytes, nodes }));

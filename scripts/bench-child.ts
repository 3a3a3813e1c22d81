/**
 * One benchmark measurement, run by scripts/bench.ts in a fresh process (bundled with esbuild
 * first, so the process is plain node with the code as the CLI ships it):
 *   idle                          nothing: the process's own footprint
 *   read <file>                   fs.readFileSync once
 *   protobufjs <file>             read (not timed), then protobufjs's ModelProto.decode (static code
 *                                 generated from the pinned onnx.proto: scripts/proto/)
 *   reader <file>                 read (not timed), then the project's reader (src/formats/onnx/decode.ts)
 *   analyze <file> <out> [dims]   `model-budget analyze <file> --format json --output <out>`, as the
 *                                 CLI runs it (read, decode, inference, costs, the report written)
 *   generate <file> [dims]        an LLM without its weights: the analysis, then `--generate 128:20`
 *                                 on two GPUs (a prefill and the decode steps), as `analyze --generate` does
 * Prints {ms, maxRssKiB, readBytes, nodes} as JSON: ms is the measured step alone (after module
 * loading), maxRssKiB the process's peak RSS, readBytes the process's own rchar minus what it had
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
import { onnx } from './proto/onnx-pb.js';

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
} else if (mode !== 'idle') throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - t0;
const readBytes = rchar() - before;
console.log(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS, readBytes, nodes }));

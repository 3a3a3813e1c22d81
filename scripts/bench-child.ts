/**
 * One benchmark measurement (run by scripts/bench.ts in a fresh process):
 *   read <file>                 fs.readFileSync once
 *   analyze <file> [--dims ..]  the full analysis, as `model-budget analyze --format json` does
 *   generate <file> [--dims ..] an LLM without its weights: the analysis, then `--generate 128:20` on
 *                               two GPUs (a prefill and the decode steps), as `analyze --generate` does
 * Prints {ms, maxRssMB, readBytes, nodes} as JSON. readBytes is the process's own rchar minus
 * what it had read before the measured step (module loading).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeFile, openModelFile } from '../src/io/analyze-file.js';
import { analyzePhases } from '../src/io/analyze-phases.js';
import { parseDims } from '../src/cli/main.js';
import { findDevice } from '../src/devices/catalog.js';
import { deviceModel } from '../src/devices/efficiency.js';
import { withLatency } from '../src/report/latency.js';

function rchar(): number {
  try {
    const m = /rchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const [mode, file, flag, dimSpec] = process.argv.slice(2);
const dims = flag === '--dims' ? parseDims([dimSpec]) : {};
const before = rchar();
const t0 = performance.now();
let nodes: number | undefined;
if (mode === 'read') {
  const b = readFileSync(file);
  if (b.length === 0) throw new Error('empty');
} else if (mode === 'generate') {
  const devices = ['a100-80gb-sxm', 'h100-sxm'].map((id) => deviceModel(findDevice(id)!));
  const opened = openModelFile(file, { allowMissingWeights: true });
  const { report } = opened.analyze(dims);
  const phases = analyzePhases(opened, report, { dims, generate: { prompt: 128, tokens: 20 } }, devices);
  JSON.stringify({ ...withLatency(report, devices), phases });
  nodes = report.nodes.length;
} else {
  const report = analyzeFile(file, { dims });
  JSON.stringify(report);
  nodes = report.nodes.length;
}
const ms = performance.now() - t0;
const readBytes = rchar() - before;
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, readBytes, nodes }));

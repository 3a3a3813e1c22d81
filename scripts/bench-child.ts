/**
 * One benchmark measurement (run by scripts/bench.ts in a fresh process):
 *   read <file>                 fs.readFileSync once
 *   analyze <file> [--dims ..]  the full analysis, as `model-budget analyze --format json` does
 * Prints {ms, maxRssMB, readBytes, nodes} as JSON. readBytes is the process's own rchar minus
 * what it had read before the measured step (module loading).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeFile } from '../src/io/analyze-file.js';
import { parseDims } from '../src/cli/main.js';

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
} else {
  const report = analyzeFile(file, { dims });
  JSON.stringify(report);
  nodes = report.nodes.length;
}
const ms = performance.now() - t0;
const readBytes = rchar() - before;
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, readBytes, nodes }));

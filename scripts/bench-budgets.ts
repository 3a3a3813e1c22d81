/**
 * `npx tsx scripts/bench-budgets.ts`: parsing and evaluating a budgets file with many model
 * entries must stay linear (a "listed twice" check by search per entry once made 40,000 entries
 * take 95 s). Prints the time for N and 4N entries and their ratio; target: ratio under 6
 * (4 for linear, with noise), exit 1 above it.
 */
import { parseBudgets } from '../src/budgets/parse.js';
import { evaluateBudgets, type ModelResult } from '../src/budgets/evaluate.js';
import type { ModelReport } from '../src/report/model-report.js';
import { reportWith } from '../test/helpers/models.js';

const N = Number(process.env.BENCH_BUDGET_MODELS ?? 10000);

function file(n: number): string {
  const parts = ['version: 1\ndevices: [jetson-orin-nano]\nmodels:\n'];
  for (let i = 0; i < n; i++)
    parts.push(`  - path: models/m${i}.onnx\n    budgets: { params: 5M, latency: { jetson-orin-nano: 8ms }, max-increase: { params: 2% } }\n`);
  return parts.join('');
}

function report(path: string): ModelReport {
  return reportWith(path, { params: 1e6, weightBytes: 4e6, macs: 1e9, coreMacs: 1e9, flops: 2e9, memoryAccessBytes: 1e7, peakActivationBytes: 1e6 });
}

function run(n: number): number {
  const text = file(n);
  const t = performance.now();
  const cfg = parseBudgets(text, 'budgets.yml');
  const results: ModelResult[] = cfg.models.map((m) => ({ config: m, path: m.path, report: report(m.path), base: report(m.path) }));
  evaluateBudgets(cfg, results);
  return performance.now() - t;
}

run(1000); // warm up
const small = run(N);
const large = run(4 * N);
const ratio = large / small;
console.log(`budgets: ${N} models ${small.toFixed(0)} ms, ${4 * N} models ${large.toFixed(0)} ms, ratio ${ratio.toFixed(2)} (linear: 4; target < 6)`);
if (ratio >= 6) process.exit(1);

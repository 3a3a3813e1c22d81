/**
 * Developer view of the conformance suite: `npx tsx scripts/conformance.ts [regex] [--all]`
 * prints the score and every case that is wrong (and, with --all, unknown).
 */
import { runAll } from '../test/conformance/harness.js';

const args = process.argv.slice(2);
const showAll = args.includes('--all');
const pattern = args.find((a) => !a.startsWith('--'));
const summary = runAll(pattern ? new RegExp(pattern) : undefined);
for (const r of summary.results) {
  if (r.verdict === 'wrong' || (showAll && r.verdict === 'unknown')) {
    console.log(`${r.verdict.toUpperCase().padEnd(7)} ${r.suite}/${r.name}: ${r.detail}`);
  }
}
const pct = summary.total ? ((100 * summary.match) / summary.total).toFixed(1) : '0';
console.log(`\n${summary.match}/${summary.total} match (${pct}%), ${summary.unknown} unknown, ${summary.wrong} wrong`);

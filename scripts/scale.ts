/**
 * Scale check: `npx tsx scripts/scale.ts [nodes...]` (default 100000 1000000) writes a chain of
 * that many Relu nodes, runs `analyze --format json --output` on it in a fresh process and
 * prints the wall time and peak RSS. Not part of the test suite (a million nodes takes a while).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModel, type NodeSpec } from '../src/formats/onnx/encode.js';
import { peakRssKiB } from './peak-rss.js';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const { main } = await import('../src/cli/main.js');
  const t0 = performance.now();
  const code = main(
    [
      'analyze',
      '--allow-outside-repo',
      ...(process.env.MAX_NODES ? ['--max-nodes', process.env.MAX_NODES] : []),
      process.argv[3],
      '--format',
      process.argv[5] ?? 'json',
      '--output',
      process.argv[4],
    ],
    {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    },
  );
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ code, ms, maxRssMiB: peakRssKiB() / 1024 }) + '\n');
  process.exit(0);
}

const sizes = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'mb-scale-'));
for (const n of sizes.length ? sizes : [100_000, 1_000_000]) {
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < n; i++) nodes.push({ op: 'Relu', inputs: [i === 0 ? 'x' : `t${i - 1}`], outputs: [i === n - 1 ? 'y' : `t${i}`], name: `n${i}` });
  const model = join(dir, `chain-${n}.onnx`);
  writeFileSync(
    model,
    encodeModel({ graph: { nodes, inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 64] }], outputs: [{ name: 'y', dtype: 'float32' }] } }),
  );
  for (const format of ['json', 'text']) {
    const out = join(dir, `report-${n}.${format}`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', model, out, format], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    let res: { code: number; ms: number; maxRssMiB: number } | null;
    try {
      res = JSON.parse(last) as { code: number; ms: number; maxRssMiB: number };
    } catch {
      console.log(`${n} nodes, ${format}: failed (status ${String(r.status)})\n${r.stderr.slice(0, 2000)}`);
      continue;
    }
    const mb = (statSync(model).size / 2 ** 20).toFixed(1);
    const outMb = res.code === 0 ? (statSync(out).size / 2 ** 20).toFixed(0) : '-';
    console.log(
      `${n} nodes (${mb} MiB model), --format ${format}: exit ${res.code}, ${(res.ms / 1000).toFixed(1)} s, peak RSS ${res.maxRssMiB.toFixed(0)} MiB, report ${outMb} MiB${res.code ? `\n  ${r.stderr.trim()}` : ''}`,
    );
  }
}

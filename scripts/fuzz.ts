/**
 * The fuzzer: `npm run fuzz` (30 s), `npm run fuzz -- --seconds 300 --seed 42 --jobs 2`.
 *
 * Mutates the committed fixture models (truncations, bit flips, byte insert/delete, protobuf
 * length tricks, duplicated fields, wrong wire types, hostile names) and generates hostile
 * budgets files (alias bombs, deep nesting, huge / non-finite numbers, control characters,
 * duplicate keys, wrong types, tags), runs each through the CLI entry in a child process with a
 * time limit, and writes every new finding, minimized, under test/fuzz/regressions/ (engine
 * bugs under regressions/engine/). Exit 1 when something was found.
 *
 * Options: --seed N (default: from the clock, printed), --seconds S (30), --cases N (no limit),
 * --jobs N (1), --timeout MS (CPU time per case, 5000), --only I (replay case I of the seed
 * and print it), --light and --max-seed-bytes N (the CI run's settings: small hostile inputs,
 * models under N bytes), --no-write (report, write nothing), --no-minimize.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  prepare,
  classify,
  listRegressions,
  loadRegression,
  loadSeedModels,
  makeCase,
  minimize,
  Pool,
  REGRESSIONS,
  writeRegression,
  type Finding,
} from '../test/fuzz/lib.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    cases: { type: 'string' },
    jobs: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '5000' },
    only: { type: 'string' },
    light: { type: 'boolean', default: false },
    'max-seed-bytes': { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    'no-minimize': { type: 'boolean', default: false },
  },
});

const num = (name: string, v: string | undefined, fallback: number) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`fuzz: --${name} must be a whole number, got '${v}'`);
    process.exit(2);
  }
  return n;
};

const seed = num('seed', values.seed, (Date.now() ^ (process.pid << 16)) >>> 0);
const seconds = num('seconds', values.seconds, 30);
const maxCases = num('cases', values.cases, Infinity);
const jobs = Math.max(1, num('jobs', values.jobs, 1));
const timeoutMs = num('timeout', values.timeout, 5000);

const seeds = loadSeedModels(num('max-seed-bytes', values['max-seed-bytes'], Infinity));
const caseOptions = { light: values.light };
const work = mkdtempSync(join(tmpdir(), 'mb-fuzz-'));
const pool = new Pool(work, jobs, timeoutMs);
process.on('SIGINT', () => {
  pool.close();
  rmSync(work, { recursive: true, force: true });
  process.exit(130);
});

console.log(`fuzz: seed ${seed}, ${seconds} s, ${jobs} job(s), ${timeoutMs} ms per case, ${seeds.length} seed models`);

async function main(): Promise<number> {
  await prepare(seeds);
  if (values.only !== undefined) {
    const index = num('only', values.only, 0);
    const c = makeCase(seed, index, seeds, caseOptions);
    const o = await pool.run(c);
    console.log(`case ${index}: ${c.argv.join(' ')}\n  ${c.recipe.join('\n  ')}`);
    console.log(
      o.kind === 'done'
        ? `exit ${o.reply.code} in ${o.reply.ms.toFixed(0)} ms\n--- stdout\n${o.reply.stdout.slice(0, 3000)}\n--- stderr\n${o.reply.stderr.slice(0, 3000)}`
        : JSON.stringify(o),
    );
    console.log(`finding: ${JSON.stringify(classify(c, o))}`);
    return 0;
  }

  // Signatures already committed are not written again.
  const known = new Set<string>();
  for (const p of [...listRegressions(), ...listRegressions(join(REGRESSIONS, 'engine'))]) known.add(loadRegression(p).spec.found.signature);

  const deadline = Date.now() + seconds * 1000;
  const counts = new Map<string, number>();
  const found = new Map<string, { f: Finding; index: number }>();
  let done = 0;
  let exits = [0, 0, 0, 0];
  let next = 0;
  let lastLog = Date.now();

  const worker = async () => {
    while (Date.now() < deadline && next < maxCases) {
      const index = next++;
      const c = makeCase(seed, index, seeds, caseOptions);
      const o = await pool.run(c);
      done++;
      if (o.kind === 'done' && o.reply.code !== null && o.reply.code <= 3) exits[o.reply.code]++;
      const f = classify(c, o);
      if (f) {
        counts.set(f.cls, (counts.get(f.cls) ?? 0) + 1);
        if (!found.has(f.signature)) {
          found.set(f.signature, { f, index });
          console.log(`\nFINDING ${f.cls} (${f.area}) case ${index}: ${f.signature}\n  ${c.argv.join(' ')} | ${c.recipe.join('; ')}`);
          if (!values['no-write'] && !known.has(f.signature)) {
            const small = values['no-minimize'] ? c : await minimize(pool, c, f);
            const name = `${f.cls}-${seed}-${index}`;
            const path = writeRegression(name, small, f, seeds, { seed, index });
            console.log(`  written: ${relative(process.cwd(), path)}`);
          }
        }
      }
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        process.stdout.write(`  ${done} cases, ${found.size} distinct finding(s)\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));

  console.log(`\nfuzz: seed ${seed}: ${done} cases; exits 0:${exits[0]} 1:${exits[1]} 2:${exits[2]} 3:${exits[3]}`);
  console.log(`findings by class: ${counts.size ? [...counts].map(([k, v]) => `${k} ${v}`).join(', ') : 'none'}`);
  for (const { f, index } of found.values()) console.log(`  [${f.area}] ${f.cls} (case ${index}): ${f.frame ?? ''} ${f.signature}`);
  return found.size ? 1 : 0;
}

main()
  .then((code) => {
    pool.close();
    rmSync(work, { recursive: true, force: true });
    process.exit(code);
  })
  .catch((e) => {
    console.error(e);
    pool.close();
    rmSync(work, { recursive: true, force: true });
    process.exit(3);
  });

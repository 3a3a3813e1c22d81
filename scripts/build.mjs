// Bundles the CLI and the action into dist/ with esbuild, and writes dist/licenses.txt: the name,
// version, licence id and licence text of every npm package the bundles contain. The output is
// committed; CI rebuilds it and fails if it differs (`npm run check-dist`, scripts/test.sh).
//
// The licence list is derived from esbuild's metafile (the inputs it actually bundled), so a new
// dependency is picked up without editing this file. A bundled package with no licence id or no
// licence file stops the build: dist/ is not shipped without its notices.
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

rmSync('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};
const results = [
  await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' }),
  await build({ ...common, entryPoints: ['src/action/index.ts'], outfile: 'dist/index.js' }),
];

// The package directory of a bundled input: everything up to the last `node_modules/<name>`
// (`<name>` may be scoped), so nested copies are told apart.
const PKG_DIR = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//;
const dirs = new Set();
for (const { metafile } of results) {
  for (const input of Object.keys(metafile.inputs)) {
    const m = PKG_DIR.exec(input.replaceAll('\\', '/'));
    if (m) dirs.add(m[1]);
  }
}

const LICENCE_FILE = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i;
const packages = [...dirs].map((dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licence = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type;
  const files = readdirSync(dir)
    .filter((f) => LICENCE_FILE.test(f))
    .sort();
  if (!licence) throw new Error(`${dir}: package.json names no licence; cannot bundle it without one`);
  if (files.length === 0) throw new Error(`${dir}: no LICENSE file; cannot bundle it without its licence text`);
  const text = files.map((f) => readFileSync(join(dir, f), 'utf8').replace(/\r\n?/g, '\n').trimEnd()).join('\n\n');
  return { name: pkg.name, version: pkg.version, licence, text };
});
packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));

const RULE = '-'.repeat(78);
const out = [
  'Third-party software bundled into dist/cli.js and dist/index.js.',
  'model-budget itself is MIT licensed; see LICENSE in the package root.',
  '',
  ...packages.flatMap((p) => [RULE, `${p.name}@${p.version}`, `License: ${p.licence}`, '', p.text, '']),
];
writeFileSync('dist/licenses.txt', out.join('\n'));

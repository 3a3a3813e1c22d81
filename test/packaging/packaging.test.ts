/**
 * What a user installs: the package's own licence, the licences of everything bundled into dist/
 * (dist/licenses.txt, written by scripts/build.mjs), no runtime dependencies since dist/ is
 * self-contained, and a CLI that runs from the packed tarball with nothing else installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../helpers/encode.js';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const BUNDLES = ['cli.js', 'index.js'];

interface PackageJson {
  name: string;
  version: string;
  license?: string;
  dependencies?: Record<string, string>;
  files?: string[];
}

function readJson(path: string): PackageJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
}

/**
 * The npm packages inside a bundle, read from the bundle itself: esbuild writes the path of every
 * module it includes (`// node_modules/yaml/dist/index.js`). Returns package directories relative
 * to the repository root (nested copies keep their full path).
 */
function bundledPackageDirs(bundle: string): Set<string> {
  const dirs = new Set<string>();
  for (const m of bundle.matchAll(/^\/\/ ((?:[^\s]*\/)?node_modules\/(?:@[^/\s]+\/)?[^/\s]+)\//gm)) {
    const path = m[1];
    // Everything up to the last `node_modules/<name>` is the package's directory.
    const last = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(path)!;
    dirs.add(last[1]);
  }
  return dirs;
}

interface LicenceEntry {
  id: string;
  licence: string;
  text: string;
}

function parseLicences(text: string): Map<string, LicenceEntry> {
  const entries = new Map<string, LicenceEntry>();
  for (const block of text.split(/^-{78}$/m).slice(1)) {
    const m = /^\n(.+)@([^@\n]+)\nLicense: (.+)\n\n([\s\S]*)$/.exec(block);
    expect(m, `malformed entry in dist/licenses.txt:\n${block.slice(0, 200)}`).not.toBeNull();
    const [, name, version, licence, body] = m!;
    entries.set(`${name}@${version}`, { id: `${name}@${version}`, licence, text: body });
  }
  return entries;
}

describe('licences', () => {
  it('LICENSE is the MIT licence that package.json declares', () => {
    const pkg = readJson(join(ROOT, 'package.json'));
    expect(pkg.license).toBe('MIT');
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License\n/);
    expect(text).toContain('Copyright (c) 2026 the model-budget authors');
    expect(text).toContain('Permission is hereby granted, free of charge');
  });

  it('dist/licenses.txt has an entry, with its licence text, for every package bundled into dist/', () => {
    const dirs = new Set<string>();
    for (const b of BUNDLES) for (const d of bundledPackageDirs(readFileSync(join(DIST, b), 'utf8'))) dirs.add(d);
    // The bundles use yaml (CLI) and @actions/core (action) at least; an empty set means the
    // path comments this test relies on are gone, not that nothing is bundled.
    expect(dirs.size).toBeGreaterThanOrEqual(2);

    const entries = parseLicences(readFileSync(join(DIST, 'licenses.txt'), 'utf8'));
    const expected = new Set<string>();
    for (const dir of dirs) {
      const pkg = readJson(join(ROOT, dir, 'package.json'));
      const id = `${pkg.name}@${pkg.version}`;
      expected.add(id);
      const entry = entries.get(id);
      expect(entry, `${id} (${dir}) is bundled but not in dist/licenses.txt`).toBeDefined();
      expect(entry!.licence).toBe(pkg.license);
      // The full text of each licence file the package ships is there.
      const files = readdirSync(join(ROOT, dir)).filter((f) => /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i.test(f));
      expect(files.length, `${id} ships no licence file`).toBeGreaterThan(0);
      for (const f of files) {
        const licence = readFileSync(join(ROOT, dir, f), 'utf8')
          .replace(/\r\n?/g, '\n')
          .trim();
        expect(entry!.text).toContain(licence);
      }
    }
    // ... and nothing that is not bundled.
    expect([...entries.keys()].sort()).toEqual([...expected].sort());
  });
});

describe('the published package', () => {
  it('has no runtime dependencies while dist/ is self-contained', () => {
    const pkg = readJson(join(ROOT, 'package.json'));
    expect(existsSync(join(DIST, 'cli.js'))).toBe(true);
    expect(pkg.files).toContain('dist');
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('installs from its tarball with nothing else and runs the CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-pack-'));
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed[0].files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'dist/cli.js', 'dist/index.js', 'dist/licenses.txt']));

    const app = join(dir, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), '{"name":"app","private":true}\n');
    // --offline: nothing is fetched at test time. A runtime dependency either fails the install
    // (not in npm's cache) or shows up in node_modules next to model-budget (checked below).
    execFileSync('npm', ['install', '--ignore-scripts', '--offline', '--no-audit', '--no-fund', join(dir, packed[0].filename)], { cwd: app, encoding: 'utf8' });
    expect(readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['model-budget']);

    const model = join(app, 'fc.onnx'); // inside the folder it runs in (files outside the current folder are refused)
    writeFileSync(
      model,
      encodeModel({
        graph: {
          nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'], name: 'fc' }],
          inputs: [{ name: 'x', dtype: 'float32', shape: [2, 8] }],
          outputs: [{ name: 'y', dtype: 'float32' }],
          initializers: [{ name: 'w', dtype: 'float32', dims: [8, 3], raw: new Uint8Array(8 * 3 * 4) }],
        },
      }),
    );
    const r = spawnSync(join(app, 'node_modules', '.bin', 'model-budget'), ['analyze', model, '--format', 'json'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { models: { totals: { params: number; macs: number } }[] };
    expect(report.models[0].totals.params).toBe(8 * 3);
    expect(report.models[0].totals.macs).toBe(2 * 3 * 8);
  });
});

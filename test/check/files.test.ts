/**
 * Files opened one safe way, end to end through the CLI: symlinks out of the repository,
 * devices, FIFOs, folders linked to `/`, hostile globs, and one identity per model path.
 * Every refusal is exit 2 with one line that names the file and carries no outside content.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/run.js';
import type { Comparison } from '../../src/report/compare.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';
import { encodeModel } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';

/** y = x · W with W of [16, n]: 16n params. */
function matmul(n: number): Uint8Array {
  return encodeModel({
    graph: {
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 16] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [{ name: 'w', dtype: 'float32', dims: [16, n], raw: new Uint8Array(16 * n * 4) }],
    },
  });
}

const SECRET = 'FAKE_SECRET_7f3a9c';
let T: string; // holds the repository and, beside it, things outside it
let repo: string;
beforeEach(() => {
  T = mkdtempSync(join(tmpdir(), 'mb-files-'));
  repo = join(T, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'models'));
  writeFileSync(join(repo, 'models', 'a.onnx'), matmul(64));
  mkdirSync(join(T, 'outside'));
  writeFileSync(join(T, 'outside', 'secret.yml'), `version: 1\nmodels: [${SECRET}: {]\n`);
  writeFileSync(join(T, 'outside', 'other.onnx'), matmul(8));
});
afterEach(() => rmSync(T, { recursive: true, force: true }));

function check(budgets: string | null, ...extra: string[]) {
  if (budgets !== null) writeFileSync(join(repo, 'budgets.yml'), budgets);
  return runCli('check', '--budgets', join(repo, 'budgets.yml'), ...extra);
}

function refused(r: { code: number; stdout: string; stderr: string }, ...patterns: RegExp[]): string {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toContain(SECRET);
  for (const p of patterns) expect(lines[0]).toMatch(p);
  return lines[0];
}

const one = (path: string) => `version: 1\nmodels:\n  - path: ${path}\n    budgets:\n      params: 1M\n`;

describe('what is refused', () => {
  it('a budgets file that is a symlink to a file outside the repository (its content never shown)', () => {
    symlinkSync(join(T, 'outside', 'secret.yml'), join(repo, 'budgets.yml'));
    refused(check(null), /budgets\.yml: resolves to a file outside the repository: refused/);
    // /proc/self/environ: the environment of this process.
    rmSync(join(repo, 'budgets.yml'));
    symlinkSync('/proc/self/environ', join(repo, 'budgets.yml'));
    refused(check(null), /budgets\.yml: resolves to a file outside the repository/);
  });

  it('a model symlinked to /dev/zero: refused at once, even with --allow-outside-repo (a device)', () => {
    symlinkSync('/dev/zero', join(repo, 'models', 'zero.onnx'));
    refused(check(one('models/zero.onnx')), /models\/zero\.onnx: resolves to a file outside the repository: refused \(--allow-outside-repo lifts this\)/);
    refused(check(one('models/zero.onnx'), '--allow-outside-repo'), /models\/zero\.onnx: is a device, not a regular model file: refused/);
    refused(runCli('analyze', '--allow-outside-repo', join(repo, 'models', 'zero.onnx')), /zero\.onnx: is a device/);
  });

  it('a FIFO: refused without blocking, named or matched by a glob', () => {
    execFileSync('mkfifo', [join(repo, 'models', 'pipe.onnx')]);
    refused(check(one('models/pipe.onnx')), /models\/pipe\.onnx: is a FIFO \(named pipe\), not a regular model file: refused/);
    refused(check(one('models/*.onnx')), /models\/pipe\.onnx: is a FIFO/);
  });

  it('a folder symlinked to / inside the repository: the walk never leaves the repository', () => {
    symlinkSync('/', join(repo, 'models', 'root'));
    refused(check(one('models/**/*.onnx')), /budgets\.yml:3:11: models\[0\]\.path: 'models\/root' is a symlink to a folder outside the repository: refused/);
  });

  it('a model path or glob that leaves the repository, textually or through a symlinked folder', () => {
    refused(check(one('../outside/other.onnx')), /outside the repository/);
    refused(check(one('../outside/*.onnx')), /outside the repository/);
    symlinkSync(join(T, 'outside'), join(repo, 'ext'));
    refused(check(one('ext/*.onnx')), /'ext' resolves outside the repository: refused/);
    refused(check(one('ext/other.onnx')), /ext\/other\.onnx: resolves to a file outside the repository/);
  });

  it('analyze: a file outside the repository around the cwd needs --allow-outside-repo', () => {
    const out = join(T, 'outside', 'other.onnx');
    refused(runCli('analyze', out), /other\.onnx: resolves to a file outside the repository: refused \(--allow-outside-repo lifts this\)/);
    const r = runCli('analyze', '--allow-outside-repo', out, '--format', 'json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as AnalyzeReport).models[0].totals.params).toBe(16 * 8);
  });

  it('a baseline that is a symlink out of the repository', () => {
    symlinkSync(join(T, 'outside', 'secret.yml'), join(repo, 'base.json'));
    refused(check(one('models/a.onnx'), '--baseline', join(repo, 'base.json')), /base\.json: resolves to a file outside the repository/);
  });
});

describe('external data: stat only, inside the model folder, no sizes told', () => {
  function external(location: string, length: number): Uint8Array {
    return encodeModel({
      graph: {
        nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
        inputs: [{ name: 'x', dtype: 'float32', shape: [1, 4] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [{ name: 'w', dtype: 'float32', dims: [4, 4], external: { location, offset: 0, length } }],
      },
    });
  }

  it('a data file symlinked out of the folder is refused; a short one does not reveal its size', () => {
    writeFileSync(join(repo, 'models', 'e.onnx'), external('e.data', 64));
    symlinkSync(join(T, 'outside', 'secret.yml'), join(repo, 'models', 'e.data'));
    refused(check(one('models/e.onnx')), /external data file 'e\.data'.*resolves to a file outside the model's folder/);
    rmSync(join(repo, 'models', 'e.data'));
    writeFileSync(join(repo, 'models', 'e.data'), new Uint8Array(10));
    const line = refused(check(one('models/e.onnx')), /too short for tensor 'w' \(it ends before byte 64\)/);
    expect(line).not.toMatch(/\b10\b/);
  });
});

describe('globs', () => {
  it('character classes, nested braces, extglobs; a symlinked model inside the repository is matched', () => {
    for (const n of ['net_a', 'net_b', 'net_c', 'x1', 'x2']) writeFileSync(join(repo, 'models', `${n}.onnx`), matmul(4));
    symlinkSync(join(repo, 'models', 'a.onnx'), join(repo, 'models', 'link.onnx'));
    const paths = (pattern: string) => {
      const r = check(one(`'${pattern}'`), '--format', 'json');
      expect(r.stderr).toBe('');
      return (JSON.parse(r.stdout) as CheckReport).head.models.map((m) => m.path);
    };
    expect(paths('models/net_[b-c].onnx')).toEqual(['models/net_b.onnx', 'models/net_c.onnx']);
    expect(paths('models/{a,{x{1,2},link}}.onnx')).toEqual(['models/a.onnx', 'models/link.onnx', 'models/x1.onnx', 'models/x2.onnx']);
    expect(paths('models/+(x|1|2).onnx')).toEqual(['models/x1.onnx', 'models/x2.onnx']);
    expect(paths('models/!(net_*|x*).onnx')).toEqual(['models/a.onnx', 'models/link.onnx']);
    expect(paths('models/*.onnx')).toContain('models/link.onnx');
  });

  it('dotfiles match (git pathspec), .git and node_modules are skipped', () => {
    writeFileSync(join(repo, 'models', '.hidden.onnx'), matmul(4));
    mkdirSync(join(repo, 'models', 'node_modules'));
    writeFileSync(join(repo, 'models', 'node_modules', 'dep.onnx'), matmul(4));
    const r = check(one('models/**/*.onnx'), '--format', 'json');
    expect((JSON.parse(r.stdout) as CheckReport).head.models.map((m) => m.path)).toEqual(['models/.hidden.onnx', 'models/a.onnx']);
  });

  it('hostile patterns finish: 12 star groups against a 200-character name, 30 nested **', () => {
    const long = 'a'.repeat(200);
    writeFileSync(join(repo, 'models', `${long}.onnx`), matmul(4));
    let deep = join(repo, 'models');
    for (let i = 0; i < 20; i++) mkdirSync((deep = join(deep, 'd')));
    writeFileSync(join(deep, 'x.onnx'), matmul(4));
    const stars = `models/${'*a'.repeat(12)}*b.onnx`;
    expect(check(one(`'${stars}'`)).stderr).toMatch(/glob '.*' matches no file/);
    const r = check(one(`'${'**/'.repeat(30)}*.onn'`));
    expect(r.stderr).toMatch(/matches no file/);
    const ok = check(one(`'models/${'*a'.repeat(12)}*.onnx'`), '--format', 'json');
    expect((JSON.parse(ok.stdout) as CheckReport).head.models.map((m) => m.path)).toEqual([`models/${long}.onnx`]);
    // Extglob repetition is bounded: refused with a reason, never a hang.
    refused(check(one(`'models/*(*a)*(*a)*(*a)*(*a)b.onnx'`)), /at most 3 repetitions/);
  });
});

describe('one identity per model', () => {
  function baseline(path: string, params = 64): string {
    writeFileSync(join(T, 'b.onnx'), matmul(params / 16));
    const r = runCli('analyze', '--allow-outside-repo', join(T, 'b.onnx'), '--format', 'json');
    const report = JSON.parse(r.stdout) as AnalyzeReport;
    report.models[0].path = path; // what `analyze ./models/x.onnx` writes
    writeFileSync(join(repo, 'base.json'), JSON.stringify(report));
    return join(repo, 'base.json');
  }
  const rel = `version: 1\nmodels:\n  - path: models/a.onnx\n    budgets:\n      max-increase: { params: 10% }\n`;

  it('a baseline from `analyze ./models/a.onnx` pairs with models/a.onnx: its relative budget applies', () => {
    // 1024 params now against 512 at the baseline: +100%, over the +10% allowed.
    for (const p of ['./models/a.onnx', 'models//a.onnx', 'models/../models/a.onnx', '.\\models\\a.onnx']) {
      const r = check(rel, '--baseline', baseline(p, 512));
      expect(r.stdout).toContain('params of models/a.onnx grew +100.0%');
      expect(r.code).toBe(1);
    }
  });

  it('new and removed models are rows in the table, the Markdown and the JSON', () => {
    const b = baseline('models/gone.onnx', 512);
    const text = check(rel, '--baseline', b);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/models\/a\.onnx\s+params\s+\S+\s+new/);
    expect(text.stdout).toMatch(/models\/gone\.onnx\s+params\s+removed\s+512/);
    const md = check(rel, '--baseline', b, '--format', 'markdown').stdout;
    expect(md).toContain('`models/a.onnx` 🆕');
    expect(md).toMatch(/#### Removed models \(1\)\n\n\| model \| params base \| GFLOPs base \|\n\| --- \| --: \| --: \|\n\| `models\/gone\.onnx` \| 512 \|/);
    const json = JSON.parse(check(rel, '--baseline', b, '--format', 'json').stdout) as CheckReport;
    expect(json.newModels).toEqual(['models/a.onnx']);
    expect(json.removedModels).toEqual(['models/gone.onnx']);
    expect(json.comparisons.map((c: { path: string; status: string }) => [c.path, c.status])).toEqual([
      ['models/a.onnx', 'added'],
      ['models/gone.onnx', 'removed'],
    ]);
  });
});

describe('reports read back are validated (schema/report.schema.json)', () => {
  function report(mutate: (r: { models: Record<string, unknown>[] }) => void): string {
    const r = JSON.parse(runCli('analyze', '--allow-outside-repo', join(repo, 'models', 'a.onnx'), '--format', 'json').stdout) as {
      models: Record<string, unknown>[];
    };
    mutate(r);
    const p = join(repo, `r-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(p, JSON.stringify(r));
    return p;
  }
  const rel = `version: 1\nmodels:\n  - path: models/a.onnx\n    budgets:\n      max-increase: { params: 10% }\n`;

  it('string totals in a baseline: exit 2 with the JSON path, in every format', () => {
    const b = report((r) => {
      const t = r.models[0].totals as Record<string, unknown>;
      t.params = String(t.params);
    });
    for (const f of ['text', 'json']) refused(check(rel, '--baseline', b, '--format', f), /models\[0\]\.totals\.params: must be number/);
  });

  it('nodes: [null], numeric names, null latency entries: compare and --baseline exit 2', () => {
    const good = report(() => {});
    const nullNode = report((r) => (r.models[0].nodes = [null]));
    const numName = report((r) => ((r.models[0].nodes as { name: unknown }[])[0].name = 5));
    const nullLatency = report((r) => (r.models[0].latency = { t4: null }));
    refused(runCli('compare', '--allow-outside-repo', nullNode, good), /models\[0\]\.nodes\[0\]: must be object/);
    refused(runCli('compare', '--allow-outside-repo', good, numName), /models\[0\]\.nodes\[0\]\.name: must be string/);
    refused(runCli('compare', '--allow-outside-repo', good, nullLatency), /models\[0\]\.latency\.t4: must be object/);
    refused(check(rel, '--baseline', nullNode), /nodes\[0\]: must be object/);
  });

  it('the schema accepts what analyze and check print', () => {
    const a = report(() => {});
    const c = join(repo, 'check.json');
    writeFileSync(c, check(rel, '--baseline', a, '--format', 'json').stdout);
    expect(runCli('compare', '--allow-outside-repo', a, c).code).toBe(0);
    expect(check(rel, '--baseline', c).code).toBe(0);
  });
});

describe('compare pairs by identity, or as told', () => {
  it('--pair old=new pairs a renamed model', () => {
    const a = JSON.parse(runCli('analyze', '--allow-outside-repo', join(repo, 'models', 'a.onnx'), '--format', 'json').stdout) as AnalyzeReport;
    a.models[0].path = './models/old.onnx';
    const b = structuredClone(a);
    b.models[0].path = 'models/new.onnx';
    writeFileSync(join(repo, 'a.json'), JSON.stringify(a));
    writeFileSync(join(repo, 'b.json'), JSON.stringify(b));
    const unpaired = JSON.parse(runCli('compare', '--allow-outside-repo', join(repo, 'a.json'), join(repo, 'b.json'), '--format', 'json').stdout) as Comparison;
    expect(unpaired.models.map((m: { status: string }) => m.status).sort()).toEqual(['added', 'removed']);
    const paired = runCli(
      'compare',
      '--allow-outside-repo',
      join(repo, 'a.json'),
      join(repo, 'b.json'),
      '--format',
      'json',
      '--pair',
      'models/old.onnx=models/new.onnx',
    );
    expect((JSON.parse(paired.stdout) as Comparison).models.map((m: { path: string; status: string }) => [m.path, m.status])).toEqual([
      ['models/new.onnx', 'unchanged'],
    ]);
    refused(
      runCli('compare', '--allow-outside-repo', join(repo, 'a.json'), join(repo, 'b.json'), '--pair', 'nope.onnx=models/new.onnx'),
      /--pair: 'nope\.onnx' is not a model of/,
    );
  });
});

describe('sizes are capped before reading', () => {
  it('a budgets file over 16 MiB is refused without parsing', () => {
    writeFileSync(join(repo, 'budgets.yml'), Buffer.alloc(16 * 1024 * 1024 + 1, 0x23));
    refused(check(null), /budgets\.yml: is larger than 16 MiB, the limit for a budgets file: refused/);
    expect(readFileSync(join(repo, 'budgets.yml')).length).toBe(16 * 1024 * 1024 + 1);
  });
});

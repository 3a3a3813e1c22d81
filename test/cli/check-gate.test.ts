/**
 * `model-budget check` end to end for the gate's verdicts: unambiguous relative budgets, custom
 * devices with a class, rows that say which limit broke, every budgets-file error in one run,
 * zero-sized dims, on-incomplete for models whose figures are lower bounds, and error messages
 * that never echo the file's content.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/run.js';
import { CLASS_EFFICIENCY } from '../../src/devices/efficiency.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';
import { encodeModel } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';
import { mlp, mlpParams } from '../helpers/models.js';

const params = mlpParams;

/**
 * models/nz.onnx: the shapes after NonZero depend on the data. NonZero(x[4, 4]) -> [2, n];
 * Cast -> Transpose -> [n, 2] -> MatMul with w[2, 8]: the MatMul's MACs (n x 2 x 8) are unknown,
 * so the model's totals are lower bounds; its 4 nodes all have an unknown shape.
 */
function nonZero(): Uint8Array {
  return encodeModel({
    graph: {
      nodes: [
        { op: 'NonZero', inputs: ['x'], outputs: ['idx'], name: 'nz' },
        { op: 'Cast', inputs: ['idx'], outputs: ['f'], name: 'cast', attrs: { to: 1 } },
        { op: 'Transpose', inputs: ['f'], outputs: ['ft'], name: 'tr', attrs: { perm: [1, 0] } },
        { op: 'MatMul', inputs: ['ft', 'w'], outputs: ['y'], name: 'mm' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [4, 4] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [{ name: 'w', dtype: 'float32', dims: [2, 8], raw: new Uint8Array(64) }],
    },
  });
}

function repo(budgets: string, hidden = 64): string {
  const dir = mkdtempSync(join(tmpdir(), 'mb-gate-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'mlp.onnx'), mlp(hidden));
  writeFileSync(join(dir, 'models', 'nz.onnx'), nonZero());
  writeFileSync(join(dir, 'budgets.yml'), budgets);
  return dir;
}

const check = (dir: string, ...args: string[]) => runCli('check', '--budgets', join(dir, 'budgets.yml'), ...args);

/** A baseline report of mlp.onnx at `hidden`, saved as analyze writes it. */
function baseline(dir: string, hidden: number): string {
  const base = join(dir, 'base.onnx');
  writeFileSync(base, mlp(hidden));
  const report = JSON.parse(runCli('analyze', base, '--format', 'json', '--allow-outside-repo').stdout) as AnalyzeReport;
  report.models[0].path = 'models/mlp.onnx';
  const file = join(dir, 'base.json');
  writeFileSync(file, JSON.stringify(report));
  return file;
}

const mlpBudgets = (budgets: string, head = 'version: 1\n') => `${head}models:\n  - path: models/mlp.onnx\n    budgets:\n${budgets}\n`;

describe('max-increase: a bare number is ambiguous', () => {
  it('is refused with both spellings, exit 2', () => {
    const r = check(repo(mlpBudgets('      max-increase: { params: 2 }')));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "model-budget: budgets.yml:5:31: models[0].budgets.max-increase.params: a bare number is ambiguous: write '2%' for a percentage or '+2' for an absolute increase (in the metric's unit, like +100k)\n",
    );
  });

  it("'+N' is an absolute increase and 'N%' a percentage; units still work without a '+'", () => {
    // 64 -> 72 hidden: params grow by 8 x (32 + 10) = 336, +12.5%.
    const grow = params(72) - params(64);
    const dir = repo(mlpBudgets(`      max-increase: { params: +${grow - 1} }`), 72);
    const r = check(dir, '--baseline', baseline(dir, 64));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`more than the ${grow - 1} allowed`);
    const ok = repo(mlpBudgets(`      max-increase: { params: +${grow}, weights: +${grow * 4}B, memory-traffic: +1MB, gmacs: +0.5 }`), 72);
    expect(check(ok, '--baseline', baseline(ok, 64)).code).toBe(0);
    const units = repo(mlpBudgets(`      max-increase: { weights: ${grow * 4 - 1}B }`), 72);
    expect(check(units, '--baseline', baseline(units, 64)).code).toBe(1);
    const pct = repo(mlpBudgets('      max-increase: { params: 12% }'), 72);
    expect(check(pct, '--baseline', baseline(pct, 64)).stdout).toContain('grew +12.5%');
  });
});

describe('custom devices need a class', () => {
  const device = (extra: string) => `version: 1
custom-devices:
  - id: my-cpu
    peak: { fp32: 100 GFLOPS }
    bandwidth: 10 GB/s
${extra}models:
  - path: models/mlp.onnx
    budgets:
      latency: { my-cpu: 1s }
`;

  it('without one: exit 2, listing the classes', () => {
    const r = check(repo(device('')));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "model-budget: budgets.yml:3:5: custom-devices[0]: a custom device needs 'class' (one of datacenter-gpu, consumer-gpu, edge-gpu, cpu, sbc-cpu, apple-soc, npu) or 'like' (a catalog device): it sets the default compute-efficiency, memory-efficiency, kernel-overhead\n",
    );
  });

  it('class: cpu gives the CPU figures; all three figures given need no class', () => {
    const cpu = JSON.parse(check(repo(device('    class: cpu\n')), '--format', 'json').stdout) as CheckReport;
    const e = CLASS_EFFICIENCY.cpu;
    expect(cpu.head.models[0].latency!['my-cpu'].efficiency).toEqual({ compute: e.compute, memory: e.memory, kernelOverheadUs: e.overhead * 1e6 });
    const own = JSON.parse(
      check(repo(device('    compute-efficiency: 0.3\n    memory-efficiency: 0.6\n    kernel-overhead: 2us\n')), '--format', 'json').stdout,
    ) as CheckReport;
    expect(own.head.models[0].latency!['my-cpu'].efficiency).toEqual({ compute: 0.3, memory: 0.6, kernelOverheadUs: 2 });
  });

  it('a zero peak, bandwidth or clock is refused at its position', () => {
    const zero = (body: string) => check(repo(`version: 1\ncustom-devices:\n  - id: z\n    class: cpu\n${body}models:\n  - path: models/mlp.onnx\n`));
    const peak = zero('    peak: { fp32: 0 GFLOPS }\n    bandwidth: 10 GB/s\n');
    expect(peak.code).toBe(2);
    expect(peak.stderr).toBe("model-budget: budgets.yml:5:19: custom-devices[0].peak.fp32: expected a value above zero, like 20 TOPS, got '0 GFLOPS'\n");
    const bw = zero('    peak: { fp32: 1 GFLOPS }\n    bandwidth: 0 GB/s\n');
    expect(bw.stderr).toBe("model-budget: budgets.yml:6:16: custom-devices[0].bandwidth: expected a value above zero, like 34 GB/s, got '0 GB/s'\n");
    const clock = zero('    derivation: { cores: 4, clock: 0 GHz, flops-per-cycle: { fp32: 2 } }\n    bandwidth: 1 GB/s\n');
    expect(clock.stderr).toBe("model-budget: budgets.yml:5:36: custom-devices[0].derivation.clock: expected a value above zero, like 1.2 GHz, got '0 GHz'\n");
    const cores = zero('    derivation: { cores: 0, clock: 1 GHz, flops-per-cycle: { fp32: 2 } }\n    bandwidth: 1 GB/s\n');
    expect(cores.stderr).toBe('model-budget: budgets.yml:5:26: custom-devices[0].derivation.cores: expected a number above zero, got 0\n');
  });
});

describe('each row says which limit broke', () => {
  // params 3,024 against an absolute 4k (76% used) and +10% over 2,688 (+12.5%): the relative limit breaks.
  const text = mlpBudgets('      params: 4k\n      max-increase: { params: 10% }');
  const used = `${((100 * params(72)) / 4000).toFixed(0)}%`;

  it('text: used is of the absolute budget; the broken column names the relative limit and its level', () => {
    const dir = repo(text, 72);
    const r = check(dir, '--baseline', baseline(dir, 64));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^model\s+metric\s+value\s+baseline\s+change\s+budget\s+used\s+status\s+broken$/m);
    expect(r.stdout).toMatch(new RegExp(`params\\s+3\\.02k\\s+2\\.69k\\s+\\+336 \\+13%\\s+4k, \\+10%\\s+${used}\\s+FAIL\\s+relative \\(error\\)$`, 'm'));
  });

  it('JSON: rows[].broken lists kind, level and limit; schemaVersion stays 1', () => {
    const dir = repo(mlpBudgets('      params: { max: 3k, level: warn }\n      gmacs: 1\n      max-increase: { params: 10% }'), 72);
    const j = JSON.parse(check(dir, '--baseline', baseline(dir, 64), '--format', 'json').stdout) as CheckReport;
    expect(j.schemaVersion).toBe(1);
    const row = j.rows.find((r: { metric: string }) => r.metric === 'params')!;
    expect(row.broken).toEqual([
      { kind: 'absolute', level: 'warn', limit: 3000 },
      { kind: 'relative', level: 'error', limit: 10, percent: true },
    ]);
    expect(row.status).toBe('fail');
    expect(row.usedPercent).toBeCloseTo((100 * params(72)) / 3000, 6);
    expect(row.lowerBound).toBe(false);
    expect(row.upperBound).toBeNull();
    const gmacs = j.rows.find((r: { metric: string }) => r.metric === 'gmacs')!;
    expect([gmacs.status, gmacs.broken]).toEqual(['pass', []]);
    expect(j.violations.map((v: { kind: string; level: string }) => `${v.kind} ${v.level}`)).toEqual(['absolute warn', 'relative error']);
  });

  it('Markdown: the status cell names the broken limit', () => {
    const dir = repo(text, 72);
    const m = check(dir, '--baseline', baseline(dir, 64), '--format', 'markdown');
    // No-break spaces inside figures; no emoji on the change (emoji are for budget status only).
    expect(m.stdout).toContain(`| params | 2.69k | 3.02k | +336 (+13%) | ≤ 4k, +10% max | ${used} | ❌ relative |`.replace(/(?<=[^|]) (?=[^|])/g, '\u00A0'));
  });
});

describe('every error in a budgets file in one run', () => {
  it('seven mistakes give exactly those seven, in file order, and nothing that follows from them', () => {
    const text = [
      'version: 1',
      'devices: [jetson-orin-nan]', // 1: unknown device
      'custom-devices:',
      '  - id: my-cpu', // 2: no class
      '    peak: { fp32: 0 GFLOPS }', // 3: zero peak
      '    bandwidth: 10 GB/s',
      'defaults: { levl: warn }', // 4: unknown key
      'models:',
      '  - path: models/mlp.onnx',
      '    dims: { batch: -1 }', // 5: negative dim
      '    budgets:',
      '      params: 5 apples', // 6: bad unit
      '      latency: { jetson-orin-nan: 8ms, my-cpu: 1ms }', // both devices failed above: not reported again
      '      max-increase: { params: 2 }', // 7: bare number
      '',
    ].join('\n');
    const r = check(repo(text));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'model-budget: 7 problems in budgets.yml:',
      "model-budget: budgets.yml:2:11: devices[0]: unknown device 'jetson-orin-nan'; did you mean 'jetson-orin-nano' or 'jetson-orin-nano-super'? (`model-budget devices` lists the catalog; declare others under custom-devices)",
      "model-budget: budgets.yml:4:5: custom-devices[0]: a custom device needs 'class' (one of datacenter-gpu, consumer-gpu, edge-gpu, cpu, sbc-cpu, apple-soc, npu) or 'like' (a catalog device): it sets the default compute-efficiency, memory-efficiency, kernel-overhead",
      "model-budget: budgets.yml:5:19: custom-devices[0].peak.fp32: expected a value above zero, like 20 TOPS, got '0 GFLOPS'",
      "model-budget: budgets.yml:7:13: defaults.levl: unknown key; did you mean 'level'? (allowed: dims, precision, level, min-change, allow-missing-weights, on-incomplete)",
      'model-budget: budgets.yml:10:20: models[0].dims.batch: expected a whole number from 0 to 2^31, got -1',
      "model-budget: budgets.yml:12:15: models[0].budgets.params: expected a count like 5M or 1.2G (suffixes k, M, G, T, P), got '5 apples'",
      "model-budget: budgets.yml:14:31: models[0].budgets.max-increase.params: a bare number is ambiguous: write '2%' for a percentage or '+2' for an absolute increase (in the metric's unit, like +100k)",
    ]);
  });

  it('a single mistake is one line, as before', () => {
    const r = check(repo(mlpBudgets('      parms: 5M')));
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('dims', () => {
  it('a dim of 0 is allowed in the YAML (an empty KV cache); negative, fractional and huge ones are not', () => {
    const dims = (v: string) => check(repo(`version: 1\nmodels:\n  - path: models/mlp.onnx\n    dims: { batch: ${v} }\n    budgets: { gmacs: 1 }\n`));
    const zero = dims('0');
    expect(zero.code).toBe(0);
    // batch 0: no rows, no multiply-adds.
    expect(zero.stdout).toMatch(/GMACs\s+0\s+1G\s+0%\s+pass/);
    for (const bad of ['-1', '1.5', '.nan', String(2 ** 31 + 1)]) {
      const r = dims(bad);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/^model-budget: budgets\.yml:4:20: models\[0\]\.dims\.batch: expected a whole number from 0 to 2\^31, got /);
    }
  });
});

describe('on-incomplete: figures that are lower bounds', () => {
  const nz = (extra: string) => `version: 1\n${extra}models:\n  - path: models/nz.onnx\n    budgets: { gmacs: 1 }\n`;
  const finding = 'lower bound: 4 nodes with unknown shapes (first: nz, cast, tr)';

  it('warn (the default): one warning per model, exit 0, the row marked as a lower bound', () => {
    const r = check(repo(nz('')));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`budgets.yml:3:11: warn: models/nz.onnx: ${finding}`);
    // NonZero of 16 elements: n ≤ 16, so the MatMul's MACs ≤ 16 × 2 × 8 = 256.
    expect(r.stdout).toMatch(/models\/nz\.onnx\s+GMACs\s+≥ 0, ≤ 256\s+1G\s+0%\s+WARN\s+incomplete \(warn\)/);
    expect(r.stdout).toMatch(/passed with 1 warning\(s\)/);
    const j = JSON.parse(check(repo(nz('')), '--format', 'json').stdout) as CheckReport;
    const row = j.rows.find((x: { metric: string }) => x.metric === 'gmacs')!;
    expect([row.lowerBound, row.upperBound]).toEqual([true, 256 / 1e9]); // in the budget's unit (G)
    expect(j.violations).toHaveLength(1);
    expect(j.violations[0]).toMatchObject({ kind: 'incomplete', level: 'warn' });
  });

  it('error: the same finding fails the check, at the key that set it', () => {
    const r = check(repo(nz('defaults:\n  on-incomplete: error\n')));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`budgets.yml:3:18: error: models/nz.onnx: ${finding}`);
    expect(r.stdout).toMatch(/FAILED: 1 budget\(s\) broken/);
  });

  it('ignore: nothing said; a model with known shapes is never flagged', () => {
    const r = check(repo(nz('defaults: { on-incomplete: ignore }\n')));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('lower bound');
    const known = check(repo(mlpBudgets('      gmacs: 1', 'version: 1\ndefaults: { on-incomplete: error }\n')));
    expect(known.code).toBe(0);
  });

  it('a bad value lists the four settings', () => {
    const r = check(repo(nz('defaults: { on-incomplete: fail }\n')));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("model-budget: budgets.yml:2:28: defaults.on-incomplete: expected one of error, warn, ignore, upper-bound, got 'fail'\n");
  });
});

describe('errors never echo the file beyond a short sanitised token', () => {
  it('a budgets file that is not a mapping: its kind only', () => {
    const secret = 'GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
    const dir = repo(`${secret}\u0000HOME=/root\u0000`);
    const r = check(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('model-budget: budgets.yml:1:1: expected a budgets file (a mapping), got a string\n');
    // Through a symlink too (where the repository allows one).
    const env = join(dir, 'env');
    writeFileSync(env, `${secret}\n`);
    const link = join(dir, 'linked.yml');
    symlinkSync(env, link);
    const l = runCli('check', '--budgets', link);
    expect(l.stderr).not.toContain('ghp_');
    // Content that YAML reads as a mapping: its keys are cut at '=' in key paths.
    const env2 = check(repo(`${secret}\u0000HOME=/root: x\n`));
    expect(env2.code).toBe(2);
    expect(env2.stderr).not.toContain('ghp_');
    expect(env2.stderr).toContain('budgets.yml:1:1: GITHUB_TOKEN…: unknown key');
  });

  it('long or control-laden values are cut and neutralised', () => {
    const long = 'x'.repeat(500);
    const r = check(repo(mlpBudgets(`      params: "5M\\u001b[31m\\n::error::pwned ${long}"`)));
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).not.toMatch(/^::/m);
    expect(r.stderr).not.toContain('x'.repeat(40));
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    const key = check(repo(mlpBudgets(`      "${long}": 5M`)));
    expect(key.stderr).not.toContain('x'.repeat(41));
    const dev = check(repo(`version: 1\ndevices: ["${long}"]\nmodels:\n  - path: models/mlp.onnx\n`));
    expect(dev.stderr).not.toContain('x'.repeat(41));
  });
});

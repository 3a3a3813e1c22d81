/**
 * `model-budget check` end to end: verdicts and exit codes, relative budgets against a saved
 * baseline report, new models, and every bad-input path with one positioned line and exit 2.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { mlp, mlpParams } from '../helpers/models.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';
import type { CheckReport } from '../../src/check/run.js';

/** A repository with models/mlp.onnx (32 -> hidden -> 10) and a budgets file. */
function repo(budgets: string, hidden = 64): string {
  const dir = mkdtempSync(join(tmpdir(), 'mb-check-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'mlp.onnx'), mlp(hidden));
  writeFileSync(join(dir, 'budgets.yml'), budgets);
  return dir;
}

const params = mlpParams;
const budgetsFile = (budgets: string, extra = '') => `version: 1
${extra}models:
  - path: models/mlp.onnx
    budgets:
${budgets}
`;

function check(dir: string, ...args: string[]) {
  return runCli('check', '--budgets', join(dir, 'budgets.yml'), ...args);
}

describe('verdicts', () => {
  it('exit 0 when every budget passes', () => {
    const r = check(repo(budgetsFile(`      params: ${params(64)}`)));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/models\/mlp\.onnx\s+params\s+2\.69k\s+2\.69k\s+100\.0%\s+pass/);
    expect(r.stdout).toMatch(/passed: 1 model\(s\), 1 budget\(s\) checked/);
  });

  it('exit 1 when an error budget is broken, naming the budget line', () => {
    const r = check(repo(budgetsFile('      params: 2k')));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/params\s+2\.69k\s+2k\s+134%\s+FAIL/);
    expect(r.stdout).toContain(`budgets.yml:5:15: error: params of models/mlp.onnx is 2.69k, over its budget of 2k`);
    expect(r.stdout).toMatch(/FAILED: 1 budget\(s\) broken/);
  });

  it('exit 0 when only a warn budget is broken, and it is shown', () => {
    const r = check(repo(budgetsFile('      params: { max: 2k, level: warn }')));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/WARN/);
    expect(r.stdout).toMatch(/passed with 1 warning\(s\)/);
  });

  it('JSON and Markdown formats', () => {
    const dir = repo(budgetsFile('      params: 2k'));
    const j = check(dir, '--format', 'json');
    expect(j.code).toBe(1);
    const report = JSON.parse(j.stdout) as CheckReport;
    expect(report.passed).toBe(false);
    expect(report.violations[0]).toMatchObject({ metric: 'params', level: 'error', at: { line: 5, column: 15 } });
    const m = check(dir, '--format', 'markdown');
    expect(m.stdout).toMatch(/^### ❌ model-budget: 1 budget broken/);
  });
});

describe('relative budgets against a baseline', () => {
  /** A baseline report of the model at `hidden`, saved as analyze writes it. */
  function baseline(dir: string, hidden: number): string {
    const base = join(dir, 'base.onnx');
    writeFileSync(base, mlp(hidden));
    const r = runCli('analyze', base, '--allow-outside-repo', '--format', 'json');
    const report = JSON.parse(r.stdout) as AnalyzeReport;
    report.models[0].path = 'models/mlp.onnx';
    const file = join(dir, 'base.json');
    writeFileSync(file, JSON.stringify(report));
    return file;
  }

  it('a percent increase over the limit breaks the budget', () => {
    // 64 -> 72 hidden units: params grow by 8 * 42 = 336 of 2688, +12.5% > 10%
    const dir = repo(budgetsFile('      max-increase: { params: 10% }'), 72);
    const r = check(dir, '--baseline', baseline(dir, 64));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `params of models/mlp.onnx grew +${((100 * (params(72) - params(64))) / params(64)).toFixed(1)}% (2.69k → 3.02k), more than the 10% allowed`,
    );
  });

  it('an increase within the limit passes, percent or absolute', () => {
    const dir = repo(budgetsFile('      max-increase: { params: 15%, weights: 2kB }'), 72);
    const r = check(dir, '--baseline', baseline(dir, 64));
    // weights grow by 336 x 4 = 1344 bytes < 2 kB
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/params\s+3\.02k\s+2\.69k\s+\+336 \+13%/); // +12.5%, shown to 2 digits
  });

  it('an absolute increase over the limit breaks it', () => {
    const dir = repo(budgetsFile('      max-increase: { weights: 1kB }'), 72);
    const r = check(dir, '--baseline', baseline(dir, 64));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('more than the 1 kB allowed');
  });

  it('a model missing from the baseline is new and passes its relative budgets', () => {
    const dir = repo(budgetsFile('      max-increase: { params: 1% }'), 72);
    const base = baseline(dir, 64);
    const other = JSON.parse(readFileSync(base, 'utf8')) as AnalyzeReport;
    other.models[0].path = 'models/other.onnx';
    writeFileSync(base, JSON.stringify(other));
    const r = check(dir, '--baseline', base);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/params\s+3\.02k\s+new/);
    // The model only the baseline has is shown as removed rows (value "removed", its baseline params).
    expect(r.stdout).toMatch(/models\/other\.onnx\s+params\s+removed\s+\S+\s+removed/);
  });
});

describe('bad input: one line, exit 2', () => {
  function bad(dir: string, pattern: RegExp) {
    const r = check(dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  }

  it('missing budgets file', () => {
    const dir = repo('');
    const r = runCli('check', '--budgets', join(dir, 'nope.yml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yml: no such budgets file/);
  });

  it('bad YAML', () => bad(repo('version: 1\nmodels: [\n'), /^model-budget: budgets\.yml:3:1: invalid YAML: /));
  it('unknown key', () => bad(repo(budgetsFile('      parms: 1M')), /budgets\.yml:5:7: models\[0\]\.budgets\.parms: unknown key; did you mean 'params'\?/));
  it('unknown device', () =>
    bad(
      repo(budgetsFile('      params: 1M', 'devices: [rasberry-pi-5]\n')),
      /budgets\.yml:2:11: devices\[0\]: unknown device 'rasberry-pi-5'; did you mean 'raspberry-pi-5'/,
    ));
  it('a path that does not exist', () =>
    bad(repo('version: 1\nmodels:\n  - path: models/gone.onnx\n'), /budgets\.yml:3:11: models\[0\]\.path: 'models\/gone\.onnx' does not exist/));
  it('a glob matching nothing', () =>
    bad(repo('version: 1\nmodels:\n  - path: models/*.onxx\n'), /budgets\.yml:3:11: models\[0\]\.path: glob 'models\/\*\.onxx' matches no file/));
  it('a path escaping the repository', () =>
    bad(repo('version: 1\nmodels:\n  - path: ../outside.onnx\n'), /budgets\.yml:3:11: models\[0\]\.path: '\.\.\/outside\.onnx' is outside the repository/));
  it('a model listed twice through two globs', () =>
    bad(
      repo('version: 1\nmodels:\n  - path: models/*.onnx\n  - path: models/mlp.*\n'),
      /budgets\.yml:4:11: models\[1\]\.path: 'models\/mlp\.onnx' is also matched by an earlier entry \('models\/\*\.onnx'\): a model is listed twice/,
    ));
  it('a model that is not ONNX', () => {
    const dir = repo('version: 1\nmodels:\n  - path: models/notes.onnx\n');
    writeFileSync(join(dir, 'models', 'notes.onnx'), 'just text\n');
    bad(dir, /models\/notes\.onnx: is a text file, not an ONNX or TensorFlow Lite model/);
  });
});

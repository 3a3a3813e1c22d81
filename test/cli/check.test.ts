/**
 * `model-budget check` end to end, in-process: real ONNX files (from the test writer) beside a
 * budgets file in a temporary repository; exit 0 pass, 1 an error budget broken, 2 bad input.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeModel } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';
import type { CheckReport } from '../../src/check/run.js';

/** y = x · W with W of [16, n]: 16n params, 64n bytes of float32 weights. */
function matmul(n: number): Uint8Array {
  return encodeModel({
    graph: {
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
      inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 16] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [{ name: 'w', dtype: 'float32', dims: [16, n], values: new Array(16 * n).fill(0.5) }],
    },
  });
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-check-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'a.onnx'), matmul(64)); // 1024 params
  writeFileSync(join(dir, 'models', 'b.onnx'), matmul(32)); // 512 params
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function check(budgets: string, ...extra: string[]) {
  writeFileSync(join(dir, 'budgets.yml'), budgets);
  return runCli('check', '--budgets', join(dir, 'budgets.yml'), ...extra);
}

const oneLine = (r: { stderr: string }) => {
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  return r.stderr.trimEnd();
};

describe('check: verdicts', () => {
  it('exit 0 when every budget holds', () => {
    const r = check('version: 1\nmodels:\n  - path: models/a.onnx\n    budgets:\n      params: 2k\n      weights: 8KiB\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/models\/a\.onnx\s+params\s+1\.02k\s+2k\s+51%\s+pass/);
    expect(r.stdout).toContain('passed: 1 model(s), 2 budget(s) checked');
    expect(r.stdout).not.toContain('FAIL');
  });

  it("exit 1 when an error budget is broken: FAIL and the budget's file:line", () => {
    const r = check('version: 1\nmodels:\n  - path: models/a.onnx\n    budgets:\n      params: 1000\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/models\/a\.onnx\s+params\s+1\.02k.*FAIL/);
    expect(r.stdout).toContain('budgets.yml:5:15: error: params of models/a.onnx is 1.02k, over its budget of 1k');
    expect(r.stdout).toContain('FAILED: 1 budget(s) broken');
  });

  it('exit 0 with a broken warn budget, shown as WARN', () => {
    const r = check('version: 1\nmodels:\n  - path: models/a.onnx\n    budgets:\n      params: { max: 1000, level: warn }\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/params.*WARN/);
    expect(r.stdout).toContain('budgets.yml:5:15: warn: params of models/a.onnx is 1.02k, over its budget of 1k');
    expect(r.stdout).toContain('passed with 1 warning(s)');
  });

  it('json output carries the verdict', () => {
    const r = check('version: 1\nmodels:\n  - path: models/*.onnx\n    budgets:\n      params: 600\n', '--format', 'json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as CheckReport;
    expect(j.passed).toBe(false);
    expect(j.budgets).toBe('budgets.yml');
    expect(j.violations.map((v: { model: string }) => v.model)).toEqual(['models/a.onnx']);
    expect(j.head.models.map((m: { path: string }) => m.path)).toEqual(['models/a.onnx', 'models/b.onnx']);
  });
});

describe('check: against a baseline report', () => {
  /** A saved analyze report of a smaller model, as if it were models/a.onnx at the base. */
  function baseline(): string {
    writeFileSync(join(dir, 'small.onnx'), matmul(56)); // 896 params
    const a = runCli('analyze', join(dir, 'small.onnx'), '--allow-outside-repo', '--format', 'json');
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout) as AnalyzeReport;
    report.models[0].path = 'models/a.onnx';
    const file = join(dir, 'report.json');
    writeFileSync(file, JSON.stringify(report));
    return file;
  }

  it('a max-increase budget breaks: 896 -> 1024 params is +14.3%', () => {
    const r = check('version: 1\nmodels:\n  - path: models/a.onnx\n    budgets:\n      max-increase: { params: 10% }\n', '--baseline', baseline());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('budgets.yml:5:31: error: params of models/a.onnx grew +14.3% (896 → 1.02k), more than the 10% allowed');
    expect(r.stdout).toMatch(/models\/a\.onnx\s+params\s+1\.02k\s+896\s+\+128 \+14%\s+\+10%\s+FAIL/);
  });

  it('within the allowed increase (absolute): pass', () => {
    const r = check('version: 1\nmodels:\n  - path: models/a.onnx\n    budgets:\n      max-increase: { params: +200 }\n', '--baseline', baseline());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/params\s+1\.02k\s+896\s+\+128 \+14%\s+\+200\s+pass/);
  });

  it('a model absent from the baseline is new and passes its relative budgets', () => {
    const r = check(
      'version: 1\nmodels:\n  - path: models/*.onnx\n    budgets:\n      max-increase: { params: 20% }\n',
      '--baseline',
      baseline(),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as CheckReport;
    expect(j.newModels).toEqual(['models/b.onnx']);
    const row = j.rows.find((x: { model: string; metric: string }) => x.model === 'models/b.onnx' && x.metric === 'params');
    expect(row?.status).toBe('pass');
    expect(row?.reason).toBe('new model: no baseline to compare');
    const text = check(
      'version: 1\nmodels:\n  - path: models/*.onnx\n    budgets:\n      max-increase: { params: 20% }\n',
      '--baseline',
      join(dir, 'report.json'),
    );
    expect(text.stdout).toMatch(/models\/b\.onnx\s+params\s+512\s+new\s+\+20%\s+pass/);
  });
});

describe('check: exit 2 with one line', () => {
  it('a missing budgets file', () => {
    const r = runCli('check', '--budgets', join(dir, 'nope.yml'));
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe('model-budget: nope.yml: no such budgets file');
  });

  it('bad YAML', () => {
    const r = check('version: 1\nversion: 1\nmodels:\n  - path: models/a.onnx\n');
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe('model-budget: budgets.yml:2:1: invalid YAML: Map keys must be unique');
  });

  it('an unknown key', () => {
    const r = check('version: 1\nmodels:\n  - path: models/a.onnx\n    budgets:\n      parms: 5M\n');
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(
      "model-budget: budgets.yml:5:7: models[0].budgets.parms: unknown key; did you mean 'params'? (allowed: params, gmacs, gflops, weights, peak-memory, memory-traffic, kv-cache, latency, tokens-per-second, time-to-first-token, max-increase)",
    );
  });

  it("a glob matching nothing, at the path's line:column", () => {
    const r = check('version: 1\nmodels:\n  - path: models/a.onnx\n  - name: rest\n    path: nets/**/*.onnx\n');
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe("model-budget: budgets.yml:5:11: models[1].path: glob 'nets/**/*.onnx' matches no file");
  });

  it('a model file that does not exist', () => {
    const r = check('version: 1\nmodels:\n  - path: models/c.onnx\n');
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe("model-budget: budgets.yml:3:11: models[0].path: 'models/c.onnx' does not exist");
  });

  it('a model path escaping the repository', () => {
    writeFileSync(join(dir, '..', `outside-${process.pid}.onnx`), matmul(8));
    try {
      const r = check(`version: 1\nmodels:\n  - path: ../outside-${process.pid}.onnx\n`);
      expect(r.code).toBe(2);
      expect(oneLine(r)).toBe(
        `model-budget: budgets.yml:3:11: models[0].path: '../outside-${process.pid}.onnx' is outside the repository (${dir}); model paths are relative to the budgets file and stay inside the repository`,
      );
      const g = check('version: 1\nmodels:\n  - path: ../*.onnx\n');
      expect(g.code).toBe(2);
      expect(g.stderr).toContain("models[0].path: '../*.onnx' is outside the repository");
    } finally {
      rmSync(join(dir, '..', `outside-${process.pid}.onnx`), { force: true });
    }
  });

  it('a model listed twice via two globs', () => {
    const r = check('version: 1\nmodels:\n  - path: models/*.onnx\n  - path: models/a.*\n');
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(
      "model-budget: budgets.yml:4:11: models[1].path: 'models/a.onnx' is also matched by an earlier entry ('models/*.onnx'): a model is listed twice",
    );
  });

  it('an unknown device', () => {
    const r = check('version: 1\ndevices: [raspberry-pi5]\nmodels:\n  - path: models/a.onnx\n');
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(
      "model-budget: budgets.yml:2:11: devices[0]: unknown device 'raspberry-pi5'; did you mean 'raspberry-pi-5' or 'raspberry-pi-4'? (`model-budget devices` lists the catalog; declare others under custom-devices)",
    );
  });
});

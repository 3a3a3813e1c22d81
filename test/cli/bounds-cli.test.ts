/**
 * End to end through the CLI: lower/upper bounds in every report format, dim names checked
 * against the models' symbols (--dims and the budgets file), a dim of 0, per-command help,
 * did-you-mean for commands, `check --allow-missing-weights`, and the documented exit codes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';

const W = 16;
/** NonZero(x [4, 6]) -> Cast -> Transpose -> MatMul w [2, 16]: n <= 24 rows, MACs <= 24 * 2 * 16 = 768. */
const nonZeroModel = () =>
  encodeModel({
    graph: {
      nodes: [
        { op: 'NonZero', inputs: ['x'], outputs: ['idx'], name: 'nz' },
        { op: 'Cast', inputs: ['idx'], outputs: ['f'], name: 'cast', attrs: { to: 1 } },
        { op: 'Transpose', inputs: ['f'], outputs: ['t'], name: 'tr', attrs: { perm: [1, 0] } },
        { op: 'MatMul', inputs: ['t', 'w'], outputs: ['y'], name: 'mm' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [4, 6] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [{ name: 'w', dtype: 'float32', dims: [2, W], values: new Array(2 * W).fill(1) }],
    },
  });
const UPPER_MACS = 24 * 2 * W;

/** x [batch, 32] -> MatMul w [32, 10]: MACs = batch * 320. */
const mlp = (inputDim: string | number = 'batch', external = false) =>
  encodeModel({
    graph: {
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'], name: 'fc' }],
      inputs: [{ name: 'x', dtype: 'float32', shape: [inputDim, 32] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [
        external
          ? { name: 'w', dtype: 'float32', dims: [32, 10], external: { location: 'w.bin' } }
          : { name: 'w', dtype: 'float32', dims: [32, 10], raw: new Uint8Array(32 * 10 * 4) },
      ],
    },
  });

function repo(files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mb-bounds-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const check = (dir: string, ...args: string[]) => runCli('check', '--budgets', join(dir, 'budgets.yml'), ...args);

describe('incomplete figures are visible', () => {
  const dir = repo({ 'models/nz.onnx': nonZeroModel() });
  const model = join(dir, 'models/nz.onnx');

  it('text: ≥ with the upper bound, the phrase and the nodes', () => {
    const r = runCli('analyze', '--allow-outside-repo', model);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MACs\s+≥ 0, ≤ 768\s+lower bound/);
    expect(r.stdout).toContain('lower bound: 4 node(s) with unknown shapes (nz, cast, tr, mm)');
  });

  it('Markdown and HTML say so too', () => {
    const md = runCli('analyze', '--allow-outside-repo', model, '--format', 'markdown').stdout;
    expect(md).toContain('≥ 0, ≤ 768');
    expect(md).toMatch(/\*\*lower bound\*\*: 4 node\(s\) with unknown shapes/);
    const html = runCli('analyze', '--allow-outside-repo', model, '--format', 'html').stdout;
    expect(html).toContain('≥ 0, ≤ 768');
    expect(html).toContain('lower bound: 4 node(s) with unknown shapes');
  });

  it('JSON marks the totals that are lower bounds, with upper bounds and the latency bound', () => {
    const j = JSON.parse(runCli('analyze', '--allow-outside-repo', model, '--format', 'json', '--device', 't4').stdout).models[0];
    expect(j.totals.lowerBound).toEqual(['macs', 'coreMacs', 'flops', 'memoryAccessBytes', 'peakActivationBytes']);
    expect(j.totals.upperBound.macs).toBe(UPPER_MACS);
    expect(j.totals.incompleteNodeNames).toEqual(['nz', 'cast', 'tr', 'mm']);
    expect(j.latency.t4.lowerBound).toBe(true);
    expect(j.latency.t4.upperBoundMs).toBeGreaterThan(j.latency.t4.ms);
  });

  it("a complete model's figures carry no mark", () => {
    const r = runCli('analyze', '--allow-outside-repo', join(repo({ 'm.onnx': mlp() }), 'm.onnx'), '--format', 'json');
    const t = JSON.parse(r.stdout).models[0].totals;
    expect(t.lowerBound).toEqual([]);
    expect(t.upperBound).toBeUndefined();
    expect(runCli('analyze', '--allow-outside-repo', join(repo({ 'm.onnx': mlp() }), 'm.onnx')).stdout).not.toContain('≥');
  });

  it("check's tables show the value as a lower bound", () => {
    const d = repo({ 'models/nz.onnx': nonZeroModel(), 'budgets.yml': 'version: 1\nmodels:\n  - path: models/nz.onnx\n    budgets:\n      gmacs: 1\n' });
    const r = check(d);
    expect(r.stdout).toMatch(/GMACs\s+≥ 0, ≤ 768\s/);
    expect(check(d, '--format', 'markdown').stdout).toContain('≥ 0, ≤ 768');
    // a baseline that is a lower bound reads the same way
    const base = JSON.parse(runCli('analyze', '--allow-outside-repo', join(d, 'models/nz.onnx'), '--format', 'json').stdout);
    base.models[0].path = 'models/nz.onnx';
    writeFileSync(join(d, 'base.json'), JSON.stringify(base));
    expect(check(d, '--baseline', join(d, 'base.json')).stdout).toMatch(/GMACs\s+≥ 0, ≤ 768\s+≥ 0, ≤ 768\s/);
    expect(check(d, '--baseline', join(d, 'base.json'), '--format', 'markdown').stdout).toMatch(/\| ≥ 0, ≤ 768 \| ≥ 0, ≤ 768 \|/);
  });
});

describe('dims are checked', () => {
  it('--dims with a typo: exit 2 with did-you-mean', () => {
    const dir = repo({ 'm.onnx': mlp() });
    const r = runCli('analyze', '--allow-outside-repo', join(dir, 'm.onnx'), '--dims', 'bacth=8');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("--dims: 'bacth' is not a symbolic dim of");
    expect(r.stderr).toContain("did you mean 'batch'?");
    // the right name binds: 8 x 320 MACs
    const ok = runCli('analyze', '--allow-outside-repo', join(dir, 'm.onnx'), '--dims', 'batch=8', '--format', 'json');
    expect(JSON.parse(ok.stdout).models[0].totals.macs).toBe(8 * 320);
  });

  it('several models: a name is fine when one of them has it', () => {
    const dir = repo({ 'a.onnx': mlp('batch'), 'b.onnx': mlp('n') });
    expect(runCli('analyze', '--allow-outside-repo', join(dir, 'a.onnx'), join(dir, 'b.onnx'), '--dims', 'n=2').code).toBe(0);
    const r = runCli('analyze', '--allow-outside-repo', join(dir, 'a.onnx'), join(dir, 'b.onnx'), '--dims', 'm=2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'m' is not a symbolic dim of any of the 2 models");
  });

  it('budgets file: a typo points at its key, exit 2', () => {
    const yml = 'version: 1\nmodels:\n  - path: models/m.onnx\n    dims: { bacth: 8 }\n    budgets:\n      gmacs: 20\n';
    const r = check(repo({ 'models/m.onnx': mlp(), 'budgets.yml': yml }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("budgets.yml:4:13: models[0].dims.bacth: 'bacth' is not a symbolic dim of 'models/m.onnx'; did you mean 'batch'?");
  });

  it('budgets file: a glob errs only when no matched model has the name', () => {
    const files = { 'models/a.onnx': mlp('batch'), 'models/b.onnx': mlp('n') };
    const ok = 'version: 1\nmodels:\n  - path: "models/*.onnx"\n    dims:\n      n: 2\n';
    expect(check(repo({ ...files, 'budgets.yml': ok })).code).toBe(0);
    const bad = 'version: 1\nmodels:\n  - path: "models/*.onnx"\n    dims:\n      nn: 2\n';
    const r = check(repo({ ...files, 'budgets.yml': bad }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "budgets.yml:5:7: models[0].dims.nn: 'nn' is not a symbolic dim of any of the 2 models 'models/*.onnx' matches; did you mean 'n'?",
    );
  });

  it('defaults.dims: fine when some model has the name, an error when none has', () => {
    const files = { 'models/a.onnx': mlp('batch'), 'models/b.onnx': mlp(4) };
    const models = 'models:\n  - path: models/a.onnx\n  - path: models/b.onnx\n';
    expect(check(repo({ ...files, 'budgets.yml': `version: 1\ndefaults:\n  dims: { batch: 2 }\n${models}` })).code).toBe(0);
    const r = check(repo({ ...files, 'budgets.yml': `version: 1\ndefaults:\n  dims: { btach: 2 }\n${models}` }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("budgets.yml:3:11: defaults.dims.btach: 'btach' is not a symbolic dim of any of the 2 models; did you mean 'batch'?");
  });

  it('--dims accepts 0: a prefill with an empty past', () => {
    const m = encodeModel({
      graph: {
        nodes: [
          { op: 'Concat', inputs: ['past', 'cur'], outputs: ['kv'], name: 'concat', attrs: { axis: 1 } },
          { op: 'MatMul', inputs: ['kv', 'w'], outputs: ['y'], name: 'mm' },
        ],
        inputs: [
          { name: 'past', dtype: 'float32', shape: [1, 'past_sequence', 8] },
          { name: 'cur', dtype: 'float32', shape: [1, 'sequence', 8] },
        ],
        outputs: [{ name: 'y', dtype: 'float32' }],
        initializers: [{ name: 'w', dtype: 'float32', dims: [8, 16], raw: new Uint8Array(8 * 16 * 4) }],
      },
    });
    const dir = repo({ 'kv.onnx': m });
    const r = runCli('analyze', '--allow-outside-repo', join(dir, 'kv.onnx'), '--dims', 'past_sequence=0,sequence=5', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout).models[0];
    expect(j.nodes[0].outputs[0].shape).toEqual([1, 5, 8]);
    expect(j.totals.macs).toBe(5 * 8 * 16);
    expect(runCli('analyze', '--allow-outside-repo', join(dir, 'kv.onnx'), '--dims', 'past_sequence=-1').code).toBe(2);
  });
});

describe('a CLI that guides', () => {
  it("<command> --help and -h print that command's usage, exit 0", () => {
    for (const c of ['analyze', 'check', 'devices', 'compare']) {
      for (const flag of ['--help', '-h']) {
        const r = runCli(c, flag);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^usage: model-budget ${c}`));
      }
    }
    expect(runCli('check', '--help').stdout).toContain('--allow-missing-weights');
    expect(runCli('help', 'compare').stdout).toMatch(/^usage: model-budget compare/);
  });

  it('a mistyped command gets did-you-mean, exit 2', () => {
    const r = runCli('analyse', 'x.onnx');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'analyse'; did you mean 'analyze'?");
    expect(runCli('chekc').stderr).toContain("did you mean 'check'?");
    for (const odd of ['constructor', '__proto__', 'toString']) {
      expect(runCli(odd, '--help').code).toBe(2);
      expect(runCli('help', odd).code).toBe(0); // the general usage
    }
  });

  it('the usage documents the exit codes', () => {
    const u = runCli('--help').stdout;
    expect(u).toMatch(/exit codes:\n {2}0 .*\n {2}1 .*budget is broken.*\n {2}2 .*bad input or usage.*\n {2}3 .*internal error/);
  });

  it('check --allow-missing-weights overrides the budgets file', () => {
    const dir = repo({ 'models/m.onnx': mlp('batch', true), 'budgets.yml': 'version: 1\nmodels:\n  - path: models/m.onnx\n    budgets:\n      params: 1k\n' });
    const without = check(dir);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('missing');
    const r = check(dir, '--allow-missing-weights');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/params\s+320/);
  });
});

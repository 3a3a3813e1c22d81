/**
 * Saved reports are untrusted input to `compare` and `check --baseline`: a field of the wrong
 * type or a negative count is a user error naming the file and the field (exit 2), never a
 * crash (exit 3) nor a number passed through to the output. Found by the fuzzer (report cases).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mb-validate-'));
writeFileSync(
  join(dir, 'm.onnx'),
  encodeModel({
    graph: {
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w'], outputs: ['h'], name: 'fc' },
        { op: 'Relu', inputs: ['h'], outputs: ['y'], name: 'act' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 8] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [{ name: 'w', dtype: 'float32', dims: [8, 4], raw: new Uint8Array(8 * 4 * 4) }],
    },
  }),
);
const good = runCli('analyze', '--allow-outside-repo', join(dir, 'm.onnx'), '--format', 'json', '--device', 'raspberry-pi-5');
writeFileSync(join(dir, 'good.json'), good.stdout);

function broken(name: string, edit: (r: any) => void): string {
  const r = JSON.parse(good.stdout);
  edit(r);
  const p = join(dir, `${name}.json`);
  writeFileSync(p, JSON.stringify(r));
  return p;
}

describe('saved reports are checked before use', () => {
  it('a real report passes and compares with itself', () => {
    expect(good.code).toBe(0);
    const r = runCli('compare', '--allow-outside-repo', join(dir, 'good.json'), join(dir, 'good.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(unchanged\)/);
  });

  it.each([
    ['null node', (r: any) => (r.models[0].nodes[0] = null), 'models[0].nodes[0]: must be object'],
    ['numeric node name', (r: any) => (r.models[0].nodes[1].name = 5), 'models[0].nodes[1].name: must be string'],
    ['op type a mapping', (r: any) => (r.models[0].nodes[0].opType = { a: 1 }), 'models[0].nodes[0].opType: must be string'],
    ['negative FLOPs', (r: any) => (r.models[0].nodes[0].flops = -1), 'models[0].nodes[0].flops: must be >= 0'],
    ['total as text', (r: any) => (r.models[0].totals.params = 'x'), 'models[0].totals.params: must be number'],
    ['latency a list', (r: any) => (r.models[0].latency['raspberry-pi-5'].ms = [1, 2]), "models[0].latency['raspberry-pi-5'].ms: must be number"],
    ['negative intensity', (r: any) => (r.models[0].nodes[0].intensity = -1e308), 'models[0].nodes[0].intensity: must be >= 0'],
    ['shape dim a mapping', (r: any) => (r.models[0].nodes[0].outputs[0].shape = [{}]), 'models[0].nodes[0].outputs[0].shape[0]: must be integer or string'],
  ])('%s: compare and check --baseline exit 2 naming the field', (name, edit, message) => {
    const bad = broken(name.replace(/\W/g, '-'), edit);
    for (const r of [
      runCli('compare', '--allow-outside-repo', join(dir, 'good.json'), bad),
      runCli('compare', '--allow-outside-repo', bad, join(dir, 'good.json')),
    ]) {
      expect(r.code).toBe(2);
      // One line: the file, the schema it failed, and the JSON path of the problem.
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(
        new RegExp(`^model-budget: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not a valid report \\(schema/report\\.schema\\.json\\): `),
      );
      expect(r.stderr).toContain(message);
    }
  });

  it('check --baseline refuses a negative count in the baseline instead of printing it', () => {
    const bad = broken('neg-base', (r) => {
      r.models[0].path = 'm.onnx';
      r.models[0].totals.params = -5;
    });
    writeFileSync(join(dir, 'budgets.yml'), 'version: 1\nmodels:\n  - path: m.onnx\n    budgets:\n      max-increase: { params: 5% }\n');
    const r = runCli('check', '--budgets', join(dir, 'budgets.yml'), '--baseline', bad, '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('models[0].totals.params: must be >= 0');
  });
});

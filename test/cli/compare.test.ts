/**
 * `model-budget compare base.json head.json`: totals and node-by-node diff of two saved reports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../helpers/encode.js';
import { mlpSpec } from '../helpers/models.js';
import { runCli } from '../helpers/cli.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';
import type { Comparison } from '../../src/report/compare.js';

const dir = mkdtempSync(join(tmpdir(), 'mb-compare-'));

function reportFor(name: string, hidden: number): string {
  const model = join(dir, `${name}.onnx`);
  writeFileSync(model, encodeModel(mlpSpec(hidden, { relu: true, batch: 1 })));
  const r = runCli('analyze', model, '--allow-outside-repo', '--format', 'json');
  expect(r.code).toBe(0);
  // Both reports describe "model.onnx", as base and head of one path would.
  const json = JSON.parse(r.stdout) as AnalyzeReport;
  json.models[0].path = 'model.onnx';
  const out = join(dir, `${name}.json`);
  writeFileSync(out, JSON.stringify(json));
  return out;
}

describe('compare', () => {
  const base = reportFor('base', 64);
  const head = reportFor('head', 96);

  it('diffs totals and lists the layers whose cost changed, largest first', () => {
    const r = runCli('compare', '--allow-outside-repo', base, head, '--format', 'json');
    expect(r.code).toBe(0);
    const m = (JSON.parse(r.stdout) as Comparison).models[0];
    expect(m.status).toBe('changed');
    const params = (h: number) => 32 * h + h * 10;
    expect(m.totals.params).toEqual({
      base: params(64),
      head: params(96),
      delta: params(96) - params(64),
      percent: (100 * (params(96) - params(64))) / params(64),
    });
    // fc1 grows by 32 x 32 MACs (64 FLOPs each pair), fc2 by 32 x 10, act by 32 elements.
    expect(m.nodes.map((n: { name: string }) => n.name)).toEqual(['fc1', 'fc2', 'act']);
    expect(m.nodes[0].flops.delta).toBe(2 * 32 * 32);
  });

  it('prints a table for people', () => {
    const r = runCli('compare', '--allow-outside-repo', base, head);
    // params: 32*64 + 64*10 = 2688 -> 32*96 + 96*10 = 4032, +1344 (+50%)
    expect(r.stdout).toMatch(/params\s+2\.69k\s+4\.03k\s+\+1\.34k\s+\+50%/);
    expect(r.stdout).toMatch(/fc1\s+MatMul\s+changed/);
  });

  it('rejects files that are not reports', () => {
    const bogus = join(dir, 'bogus.json');
    writeFileSync(bogus, '{"hello": 1}');
    const r = runCli('compare', '--allow-outside-repo', bogus, head);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bogus.json: is not a model-budget report/);
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'nope');
    expect(runCli('compare', '--allow-outside-repo', notJson, head).stderr).toMatch(/not.json: is not JSON/);
  });
});

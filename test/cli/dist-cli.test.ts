/**
 * The committed bundle runs as a user runs it: `node dist/cli.js ...` from a checkout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../helpers/encode.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function model(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mb-cli-'));
  const p = join(dir, 'fc.onnx');
  writeFileSync(
    p,
    encodeModel({
      graph: {
        nodes: [
          { op: 'Gemm', inputs: ['x', 'w', 'b'], outputs: ['h'], name: 'fc', attrs: { transB: 1 } },
          { op: 'Relu', inputs: ['h'], outputs: ['y'], name: 'relu' },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 64] }],
        outputs: [{ name: 'y', dtype: 'float32', shape: ['batch', 10] }],
        initializers: [
          { name: 'w', dtype: 'float32', dims: [10, 64], raw: new Uint8Array(10 * 64 * 4) },
          { name: 'b', dtype: 'float32', dims: [10], raw: new Uint8Array(10 * 4) },
        ],
      },
    }),
  );
  return p;
}

describe('node dist/cli.js', () => {
  it('prints a versioned JSON report', () => {
    const out = execFileSync(process.execPath, [CLI, 'analyze', '--allow-outside-repo', model(), '--dims', 'batch=4', '--format', 'json'], {
      encoding: 'utf8',
    });
    const report = JSON.parse(out) as AnalyzeReport;
    expect(report.schemaVersion).toBe(1);
    const m = report.models[0];
    expect(m.dims).toEqual({ batch: 4 });
    expect(m.graph.outputs[0]).toEqual({ name: 'y', dtype: 'float32', shape: [4, 10] });
    // Gemm: 4 x 10 outputs, K = 64; bias adds one FLOP per output element; Relu one per element.
    expect(m.totals.params).toBe(10 * 64 + 10);
    expect(m.totals.macs).toBe(4 * 10 * 64);
    expect(m.totals.flops).toBe(2 * 4 * 10 * 64 + 4 * 10 + 4 * 10);
    expect(m.nodes.map((n: { opType: string }) => n.opType)).toEqual(['Gemm', 'Relu']);
  });

  it('prints a table by default and says which dims were defaulted', () => {
    const r = spawnSync(process.execPath, [CLI, 'analyze', '--allow-outside-repo', model()], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/params\s+650/);
    expect(r.stdout).toMatch(/batch=1 \(default\)/);
  });

  it('exits 2 with one line for bad input', () => {
    const r = spawnSync(process.execPath, [CLI, 'analyze', '/nonexistent/model.onnx'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/\/nonexistent\/model.onnx: no such file/);
  });

  it('--version and --help', () => {
    expect(execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' })).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' })).toMatch(/usage: model-budget/);
  });
});

describe('report formats', () => {
  it('writes an HTML report with one roofline chart per device, atomically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-html-'));
    const out = join(dir, 'report.html');
    const r = spawnSync(
      process.execPath,
      [CLI, 'analyze', '--allow-outside-repo', model(), '--device', 't4,raspberry-pi-5', '--format', 'html', '--output', out],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('an unwritable --output is bad input, exit 2', () => {
    const r = spawnSync(process.execPath, [CLI, 'analyze', '--allow-outside-repo', model(), '--output', '/nonexistent-dir/r.json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/nonexistent-dir\/r.json: cannot be written/);
  });

  it('an unknown device is a usage error with suggestions', () => {
    const r = spawnSync(process.execPath, [CLI, 'analyze', '--allow-outside-repo', model(), '--device', 'jetson-orin-nan'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown device 'jetson-orin-nan' \(did you mean 'jetson-orin-nano'/);
  });

  it('markdown for PR comments and summaries', () => {
    const out = execFileSync(process.execPath, [CLI, 'analyze', '--allow-outside-repo', model(), '--format', 'markdown'], { encoding: 'utf8' });
    expect(out).toMatch(/^## model-budget analysis/);
    expect(out).toMatch(/\| params \| weights \|/);
  });
});

/**
 * `check --format html`: the analysis of every model the budgets file names as one page (the
 * page `analyze --format html` writes, with each model's phases when it has them), roofline
 * charts on the budgets file's devices; the verdict stays in the exit code.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { mlp, mlpParams } from '../helpers/models.js';
import { checkXml, findAll, textContent } from '../report/xml.js';

function repo(budgets: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mb-check-html-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'mlp.onnx'), mlp(64));
  writeFileSync(join(dir, 'budgets.yml'), budgets);
  return dir;
}

const budgets = (params: string) => `version: 1
devices: [jetson-orin-nano]
models:
  - path: models/mlp.onnx
    budgets:
      params: ${params}
`;

describe('check --format html', () => {
  it('writes the page of every model, with a roofline on the budgets file’s device, and keeps the exit code', () => {
    const dir = repo(budgets('2k'));
    const r = runCli('check', '--budgets', join(dir, 'budgets.yml'), '--format', 'html');
    // 32 -> 64 -> 10: over a 2k budget
    expect(mlpParams(64)).toBeGreaterThan(2000);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const { errors, root } = checkXml(r.stdout, { html: true });
    expect(errors).toEqual([]);
    const [section] = findAll(root, (e) => e.name === 'section');
    expect(textContent(findAll(section, (e) => e.name === 'h2')[0])).toBe('models/mlp.onnx');
    const titles = findAll(section, (e) => e.name === 'svg').map((s) => textContent(s.children[0]));
    expect(titles).toEqual([expect.stringMatching(/^Roofline: .*\(jetson-orin-nano\)$/)]);
    // no phases in this budgets file: no phase section
    expect(r.stdout).not.toContain('Phases');
  });

  it('writes it to --output, exit 0 when the budgets hold', () => {
    const dir = repo(budgets('1M'));
    const out = join(dir, 'report.html');
    const r = runCli('check', '--budgets', join(dir, 'budgets.yml'), '--format', 'html', '--output', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('names html among the formats when the format is unknown', () => {
    const dir = repo(budgets('1M'));
    const r = runCli('check', '--budgets', join(dir, 'budgets.yml'), '--format', 'pdf');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be text, json, markdown or html');
  });
});

/**
 * Text output with hostile names: a model file, its node / tensor / op names, its producer and
 * dim names, budgets-file values and saved reports carrying workflow commands (`::error`), OSC 8
 * hyperlinks, screen-clearing CSI, CR, C1 controls and bidi overrides. Whatever the renderer,
 * no line may start with `::`, no control byte may reach the terminal, and every table keeps
 * its rows and columns. Checked through the CLI (`runCli`, as a `run:` step prints it) and on
 * the renderers alone (they must be safe without the CLI's last-resort filter).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel, type ModelSpec } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';
import { renderAnalyzeText, renderComparisonText } from '../../src/report/text.js';
import { compareReports } from '../../src/report/compare.js';
import { textTable } from '../../src/report/format.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';

const CMD = '\n::error title=pwned::x\n';
const OSC8 = '\x1b]8;;http://evil\x07';
const CLS = '\x1b[2J';
const CR = 'a\rb';
const BIDI = '\u202Eevil\u202C';
const C1 = '\u009b31m\u0085';

const N1 = `fc1${CMD}`;
const N2 = `act${CLS}${CR}`;
const N3 = `fc2${BIDI}${C1}${OSC8}`;

function hostileModel(): ModelSpec {
  return {
    producer: `evil${OSC8}${CMD}`,
    graph: {
      nodes: [
        { op: 'MatMul', inputs: [`x${CMD}`, 'w1'], outputs: [`h${OSC8}`], name: N1 },
        { op: 'Relu', inputs: [`h${OSC8}`], outputs: ['a\t|'], name: N2 },
        { op: 'MatMul', inputs: ['a\t|', 'w2'], outputs: [`y${CMD}`], name: N3 },
      ],
      inputs: [{ name: `x${CMD}`, dtype: 'float32', shape: [`b${CMD}${CLS}`, 8] }],
      outputs: [{ name: `y${CMD}`, dtype: 'float32' }],
      initializers: [
        { name: 'w1', dtype: 'float32', dims: [8, 16], raw: new Uint8Array(8 * 16 * 4) },
        { name: 'w2', dtype: 'float32', dims: [16, 4], raw: new Uint8Array(16 * 4 * 4) },
      ],
    },
  };
}

// No '/' in a file name; everything else goes.
const FILE_NAME = `m${CMD}${CLS}\x1b]8;;evil\x07${CR}\u202E.onnx`;

const dir = mkdtempSync(join(tmpdir(), 'mb-text-inj-'));
const modelPath = join(dir, FILE_NAME);
writeFileSync(modelPath, encodeModel(hostileModel()));

/** No workflow command, no control character (tab and LF aside), no bidi control. */
function expectClean(text: string): void {
  for (const line of text.split('\n')) expect(line.trimStart().startsWith('::'), JSON.stringify(line)).toBe(false);
  expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
}

interface Table {
  header: string[];
  rows: string[][];
  lines: string[];
  width: number;
}

/** Text tables: a header, a line of dashes per column, rows up to the next blank line. */
function tables(text: string): Table[] {
  const lines = text.split('\n');
  const out: Table[] = [];
  lines.forEach((l, i) => {
    if (!/^-+(  -+)*$/.test(l) || i === 0) return;
    const starts = [...l.matchAll(/-+/g)].map((m) => m.index!);
    const cells = (row: string) => starts.map((s, k) => row.slice(s, k + 1 < starts.length ? starts[k + 1] - 2 : undefined).trim());
    const rows: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j].trim() !== '' && !/^(top|estimated|notices|layers|removed|FAILED|passed)/.test(lines[j]); j++)
      rows.push(lines[j]);
    out.push({ header: cells(lines[i - 1]), rows: rows.map(cells), lines: rows, width: l.length });
  });
  return out;
}

function table(text: string, first: string): Table {
  const t = tables(text).find((x) => x.header[0] === first);
  expect(t, `a table headed '${first}'`).toBeDefined();
  // Every row fits the columns the dashes draw.
  for (const l of t!.lines) expect(l.length).toBeLessThanOrEqual(t!.width);
  return t!;
}

function checkAnalyzeText(text: string): void {
  expectClean(text);
  const lines = text.split('\n');
  // The path and the producer line: one line each.
  expect(lines[0]).toContain('m');
  expect(lines[0]).toMatch(/\.onnx$/);
  expect(lines[1]).toMatch(/^ {2}evil.*, IR \d+, opset \d+, 3 nodes, dims: b.*=1 \(default\)$/);
  expect(lines[2]).toBe('');
  expect(table(text, 'input').rows).toHaveLength(1);
  expect(table(text, 'input').rows[0][1]).toBe('float32');
  expect(table(text, 'output').rows).toHaveLength(1);
  // Every node has FLOPs: three rows, the MatMuls first, each op column still reading its op.
  const layers = table(text, 'node');
  expect(layers.rows.map((r) => r[1])).toEqual(['MatMul', 'MatMul', 'Relu']);
  // By FLOPs: fc1 (1x8 by 8x16: 2*128), fc2 (1x16 by 16x4: 2*64), act (16 elements).
  expect(layers.rows.map((r) => r[0].slice(0, 3))).toEqual(['fc1', 'fc2', 'act']);
  const ops = table(text, 'op type');
  expect(ops.rows.map((r) => r[0]).sort()).toEqual(['MatMul', 'Relu']);
  expect(ops.rows.find((r) => r[0] === 'MatMul')![1]).toBe('2');
}

describe('text output with hostile names', () => {
  it('analyze: names, paths and the producer cannot add lines, move columns or send escapes', () => {
    const r = runCli('analyze', '--allow-outside-repo', modelPath);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    checkAnalyzeText(r.stdout);
  });

  it('the analyze renderer is safe on its own (without the CLI filter)', () => {
    const json = runCli('analyze', '--allow-outside-repo', modelPath, '--format', 'json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as AnalyzeReport;
    // The JSON keeps the names (C0 controls escaped by JSON itself; the CLI's filter replaces C1 and bidi controls).
    expect(report.models[0].nodes.map((n) => n.name).slice(0, 2)).toEqual([N1, N2]);
    expect(report.models[0].nodes[2].name.startsWith('fc2')).toBe(true);
    checkAnalyzeText(renderAnalyzeText(report));
  });

  it('check: the verdict table and the broken-budget lines stay one line per row', () => {
    const repo = join(dir, 'repo');
    mkdirSync(repo);
    writeFileSync(join(repo, FILE_NAME), encodeModel(hostileModel()));
    writeFileSync(
      join(repo, 'budgets.yml'),
      `version: 1\nmodels:\n  - path: "*.onnx"\n    name: "\\e[2J\\n::error title=pwned::name\\r\\u202E"\n    budgets:\n      params: 10\n      gmacs: 1\n`,
    );
    const r = runCli('check', '--budgets', join(repo, 'budgets.yml'));
    expect(r.code).toBe(1);
    expectClean(r.stdout + r.stderr);
    const t = table(r.stdout, 'model');
    expect(t.rows.map((row) => row[1])).toEqual(['params', 'GMACs']);
    expect(t.rows.map((row) => row[7])).toEqual(['FAIL', 'pass']);
    // One line per broken budget, each a file:line:column: level: message line.
    const violations = r.stdout.split('\n').filter((l) => /budget|params of/.test(l) && !/^model|^-/.test(l) && !/^FAILED/.test(l));
    expect(violations).toHaveLength(1);
    const params = 8 * 16 + 16 * 4;
    expect(violations[0]).toMatch(new RegExp(`^budgets\\.yml:6:\\d+: error: params of m.* is ${params}, over its budget of 10$`));
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('FAILED: 1 budget(s) broken');
  });

  it('check: a hostile YAML value echoed in an error is one clean line', () => {
    const repo = join(dir, 'repo-bad');
    mkdirSync(repo);
    writeFileSync(join(repo, 'm.onnx'), encodeModel(hostileModel()));
    for (const value of [`"fp16\\n::error title=pwned::x\\e[2J"`, `"\\e]8;;http://evil\\a\\r\\u202E"`]) {
      writeFileSync(join(repo, 'budgets.yml'), `version: 1\nmodels:\n  - path: m.onnx\n    precision: ${value}\n    budgets: { params: 1M }\n`);
      const r = runCli('check', '--budgets', join(repo, 'budgets.yml'));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^model-budget: budgets\.yml:4:\d+: models\[0\]\.precision: /);
      expectClean(r.stderr);
    }
    // A path that does not exist, written with control characters: quoted on one line.
    writeFileSync(join(repo, 'budgets.yml'), `version: 1\nmodels:\n  - path: "x\\n::error::y\\e[2J.onnx"\n`);
    const r = runCli('check', '--budgets', join(repo, 'budgets.yml'));
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expectClean(r.stderr);
  });

  it('compare: paths, node names and device ids from saved reports stay in their cells', () => {
    const json = runCli('analyze', '--allow-outside-repo', modelPath, '--format', 'json');
    const base = JSON.parse(json.stdout) as AnalyzeReport;
    const head = JSON.parse(json.stdout) as AnalyzeReport;
    head.models[0].nodes[0].flops = (head.models[0].nodes[0].flops ?? 0) * 2;
    head.models[0].nodes[2].params += 5;
    const dev = `dev${CMD}${OSC8}`;
    const lat = {
      device: dev,
      name: dev,
      ms: 1,
      computeMs: 1,
      memoryMs: 0.5,
      overheadMs: 0,
      bound: 'compute',
      utilization: 0.5,
      precision: `fp32${CLS}`,
      ridgePoint: 1,
      achievedFlops: 1,
      kernels: 1,
      efficiency: { compute: 1, memory: 1, kernelOverheadUs: 0 },
    } as const;
    base.models[0].latency = { [dev]: { ...lat } };
    head.models[0].latency = { [dev]: { ...lat, ms: 2 } };
    writeFileSync(join(dir, 'base.json'), JSON.stringify(base));
    writeFileSync(join(dir, 'head.json'), JSON.stringify(head));
    const r = runCli('compare', '--allow-outside-repo', join(dir, 'base.json'), join(dir, 'head.json'));
    expect(r.code).toBe(0);
    for (const text of [r.stdout, renderComparisonText(compareReports(base, head))]) {
      expectClean(text);
      expect(text.split('\n')[0]).toMatch(/\/m.*\.onnx \(changed\)$/);
      expect(text.split('\n')[1]).toMatch(/^metric +base +head/);
      const totals = table(text, 'metric');
      expect(totals.rows.map((row) => row[0])).toEqual([
        'params',
        'weights',
        'MACs',
        'core MACs',
        'FLOPs',
        'memory traffic',
        'peak activations',
        expect.stringMatching(/^latency dev/),
      ]);
      expect(totals.rows.at(-1)![2]).toBe('2 ms');
      const nodes = table(text, 'node');
      expect(nodes.rows.map((row) => [row[0].slice(0, 3), row[1], row[2]])).toEqual([
        ['fc1', 'MatMul', 'changed'],
        ['fc2', 'MatMul', 'changed'],
      ]);
    }
  });

  it('textTable: a cell with line breaks, tabs and escapes stays one cell of one row', () => {
    const t = textTable(
      ['a', 'b'],
      [
        [`x${CMD}y\tz`, `${CLS}1`],
        ['long'.repeat(100), '2'],
      ],
    );
    expectClean(t);
    expect(t.split('\n')).toHaveLength(4);
    const [, , r1, r2] = t.split('\n');
    expect(r1.endsWith('\uFFFD[2J1')).toBe(true);
    // Long names are cut (120 code points, an ellipsis last).
    expect(r2.startsWith(`${'long'.repeat(29)}lon…`)).toBe(true);
  });
});

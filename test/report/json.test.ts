/**
 * The streaming JSON writer: the same bytes as JSON.stringify(report, null, 2) on real reports,
 * in chunks that end at line breaks, with the characters a terminal acts on escaped (losslessly).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonString, toJsonText, writeJson } from '../../src/report/json.js';
import { LazyList } from '../../src/report/lazy-list.js';
import { analyzeFile } from '../../src/io/analyze-file.js';
import { withLatency } from '../../src/report/latency.js';
import { resolveDevices } from '../../src/cli/devices.js';
import { runCli } from '../helpers/cli.js';
import { encodeModel } from '../helpers/encode.js';
import { reportText } from '../helpers/report-text.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'models');
const SOME = ['resnet18', 'squeezenet1_1', 'mobilenet_v3_large', 'gru_classifier', 'r3d_18'];

describe('same bytes as JSON.stringify', () => {
  it('on real reports (latency included)', () => {
    const devices = resolveDevices(['jetson-orin-nano', 'raspberry-pi-5']);
    for (const name of SOME) {
      const report = withLatency(analyzeFile(join(FIXTURES, `${name}.onnx`), { allowMissingWeights: true }), devices);
      expect(toJsonText(report), name).toBe(JSON.stringify(report, null, 2));
    }
  });

  it('on the edge cases of JSON.stringify', () => {
    const values: unknown[] = [
      {},
      [],
      { a: [], b: {}, c: [{}], d: [[]] },
      { u: undefined, f: () => 1, s: Symbol('x'), n: null, keep: 1 },
      [undefined, () => 1, Symbol('y'), NaN, Infinity, -Infinity, -0, 1e21, 1.5e-7, 0.1 + 0.2],
      { date: new Date(0), nested: { toJSON: () => ({ x: 1 }) } },
      'a "quoted" \\ string\n\t\u0001 \ud800 lone surrogate',
      42,
      true,
      null,
      { '': 1, 'key "q"': 2, 10: 'numeric keys first', b: 3 },
      [new Number(3), new String('s'), new Boolean(false)],
    ];
    for (const v of values) expect(toJsonText(v)).toBe(JSON.stringify(v, null, 2));
    expect(toJsonText({ a: [1, { b: 2 }] }, 4)).toBe(JSON.stringify({ a: [1, { b: 2 }] }, null, 4));
  });

  it('undefined at the top writes nothing; cycles and BigInt throw like JSON.stringify', () => {
    expect(toJsonText(undefined)).toBe('');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toJsonText(cyclic)).toThrow(TypeError);
    expect(() => toJsonText({ n: 1n })).toThrow(TypeError);
  });
});

describe('chunks', () => {
  it('a large value comes in several chunks, each ending at a line break', () => {
    const big = { nodes: Array.from({ length: 2000 }, (_, i) => ({ name: `node::${i}`, shape: [1, i] })) };
    const chunks: string[] = [];
    writeJson(big, (c) => chunks.push(c), 2, 4096);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks.slice(0, -1)) expect(c.endsWith('\n')).toBe(true);
    expect(chunks.join('')).toBe(JSON.stringify(big, null, 2));
  });
});

describe('escapes', () => {
  const specials = ['\u007f', '\u0085', '\u009f', '\u061c', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069'];

  it('writes terminal-active characters as \\uXXXX, and JSON.parse gives the same string back', () => {
    for (const c of specials) {
      const s = `a${c}b`;
      const out = jsonString(s);
      expect(out).toBe(`"a\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}b"`);
      expect(JSON.parse(out)).toBe(s);
    }
    expect(jsonString('plain é ü 漢字 \u200d')).toBe(JSON.stringify('plain é ü 漢字 \u200d'));
  });

  it('escapes them inside runs of small items too (the batched path), and leaves plain ASCII runs alone', () => {
    const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    for (const c of [...specials, '']) {
      const items = Array.from({ length: 40 }, (_, i) => ({ name: i === 17 ? `n${c}x` : `n${i}`, shape: [1, i] }));
      const value = { models: [{ nodes: items }] };
      let expected = JSON.stringify(value, null, 2);
      if (c) expected = expected.split(c).join(hex(c));
      expect(toJsonText(value)).toBe(expected);
      expect(JSON.parse(toJsonText(value))).toEqual(value);
    }
  });

  it('end to end: a model whose names hold bidi controls gives escaped, lossless JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-json-'));
    const name = 'x\u202egnp.exe\u2028';
    const p = join(dir, 'bidi.onnx');
    writeFileSync(
      p,
      encodeModel({
        graph: {
          nodes: [{ op: 'Relu', inputs: [name], outputs: ['y'], name: 'r\u0085' }],
          inputs: [{ name, dtype: 'float32', shape: [2] }],
          outputs: [{ name: 'y', dtype: 'float32' }],
        },
      }),
    );
    const r = runCli('analyze', '--allow-outside-repo', p, '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0085\u202e\u2028]/);
    expect(r.stdout).toContain('x\\u202egnp.exe\\u2028');
    const report = JSON.parse(r.stdout) as { models: { graph: { inputs: { name: string }[] }; nodes: { name: string }[] }[] };
    expect(report.models[0].graph.inputs[0].name).toBe(name);
    expect(report.models[0].nodes[0].name).toBe('r\u0085');
  });
});

describe('the CLI streams JSON', () => {
  it('analyze --format json to stdout and to --output give the same report (JSON.stringify with node entries one per line)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-json-'));
    const model = join(FIXTURES, 'resnet18.onnx');
    const out = join(dir, 'report.json');
    const a = runCli('analyze', model, '--format', 'json', '--allow-missing-weights');
    const b = runCli('analyze', model, '--format', 'json', '--allow-missing-weights', '--output', out);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(a.stdout);
    expect(a.stdout).toBe(reportText(JSON.parse(a.stdout)) + '\n');
    expect(readdirSync(dir)).toEqual(['report.json']); // no temporary file left
  });

  it('check --format json to stdout and to --output: the same text, parseable, exit code kept', () => {
    const repo = mkdtempSync(join(tmpdir(), 'mb-json-check-'));
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, 'r.onnx'), readFileSync(join(FIXTURES, 'squeezenet1_1.onnx')));
    writeFileSync(join(repo, 'budgets.yml'), 'version: 1\nmodels:\n  - path: r.onnx\n    allow-missing-weights: true\n    budgets:\n      params: 1k\n');
    const out = join(repo, 'check.json');
    const a = runCli('check', '--budgets', join(repo, 'budgets.yml'), '--format', 'json');
    const b = runCli('check', '--budgets', join(repo, 'budgets.yml'), '--format', 'json', '--output', out);
    expect(a.stderr).toBe('');
    expect([a.code, b.code]).toEqual([1, 1]); // squeezenet has far more than 1k params
    expect(readFileSync(out, 'utf8')).toBe(a.stdout);
    expect(a.stdout).toBe(reportText(JSON.parse(a.stdout)) + '\n');
  });

  it('--output to a folder that does not exist: one line, exit 2, nothing left behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-json-'));
    const r = runCli('analyze', join(FIXTURES, 'resnet18.onnx'), '--format', 'json', '--allow-missing-weights', '--output', join(dir, 'no', 'r.json'));
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot be written \(ENOENT\)/);
  });
});

describe('rowsUnder: arrays written one item per line', () => {
  const rows = new Set(['nodes']);
  const text = (v: unknown) => {
    let out = '';
    writeJson(v, (c) => (out += c), 2, undefined, { rowsUnder: rows });
    return out;
  };

  it('a nodes array, nested or at the top, small or lazy, is one line per entry; the rest as JSON.stringify indents it', () => {
    const report = { a: 1, models: [{ path: 'm', nodes: [{ name: 'x', shape: [1, 2] }, { name: 'y' }], other: [1, 2] }], nodes: [] as unknown[] };
    expect(text(report)).toBe(reportText(report));
    expect(text(report)).toContain('\n        {"name":"x","shape":[1,2]},\n        {"name":"y"}\n      ],');
    const lazy = { nodes: new LazyList(3, (i) => ({ i }), true) };
    expect(text(lazy)).toBe('{\n  "nodes": [\n    {"i":0},\n    {"i":1},\n    {"i":2}\n  ]\n}');
  });

  it('a long list goes out in chunks that each end at a line break, and reads back whole', () => {
    const v = { nodes: new LazyList(20_000, (i) => ({ name: `n${i}`, shape: [1, i] }), true) };
    const chunks: string[] = [];
    writeJson(v, (c) => chunks.push(c), 2, 1000, { rowsUnder: rows });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks.slice(0, -1)) expect(c.endsWith('\n')).toBe(true);
    const back = JSON.parse(chunks.join('')) as { nodes: { name: string }[] };
    expect(back.nodes).toHaveLength(20_000);
    expect(back.nodes[19_999]).toEqual({ name: 'n19999', shape: [1, 19_999] });
  });

  it('a member named nodes that is not an array, and items JSON leaves out, are written as JSON.stringify does', () => {
    const v = { nodes: 3, x: { nodes: [undefined, () => 1, { toJSON: () => 'j' }] } };
    expect(JSON.parse(text(v))).toEqual(JSON.parse(JSON.stringify(v)));
    expect(text(v)).toContain('"nodes": 3');
  });
});

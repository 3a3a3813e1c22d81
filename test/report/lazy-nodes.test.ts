/**
 * A report's node entries are made on demand: `analyze --format json` streams them an entry at a
 * time and text / Markdown rank them in one pass, so no output builds every node's entry at once;
 * the bytes stay those of the whole report built first.
 */
import { join } from 'node:path';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { toJsonText, writeJson } from '../../src/report/json.js';
import { analyzeFile } from '../../src/io/analyze-file.js';
import { LazyList, lazyMember, lazyMemberOf, topItems } from '../../src/report/lazy-list.js';
import { renderAnalyzeText } from '../../src/report/text.js';
import { renderAnalyzeMarkdown } from '../../src/report/markdown.js';
import { SCHEMA_VERSION, type AnalyzeReport, type ModelReport } from '../../src/report/model-report.js';
import { chainsModel } from '../../scripts/bench-models.js';
import { encodeModel } from '../../src/formats/onnx/encode.js';
import { runCli } from '../helpers/cli.js';
import { reportText } from '../helpers/report-text.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'models');

function wrapped(m: ModelReport): AnalyzeReport {
  return { schemaVersion: SCHEMA_VERSION, tool: { name: 't', version: '0' }, models: [m] };
}

describe('a report made from an analysis', () => {
  it('writes the same JSON as the report with every node entry built first, and builds none of them to write it', () => {
    for (const name of ['resnet18', 'gru_classifier', 'llama_tiny']) {
      const lazy = analyzeFile(join(FIXTURES, `${name}.onnx`), { allowMissingWeights: true });
      const text = toJsonText(wrapped(lazy));
      expect(lazyMemberOf(lazy, 'nodes'), name).toBeDefined(); // still lazy: written without the array
      const eager = analyzeFile(join(FIXTURES, `${name}.onnx`), { allowMissingWeights: true });
      const nodes = eager.nodes; // the first read builds the array
      expect(lazyMemberOf(eager, 'nodes')).toBeUndefined();
      expect(nodes.length).toBeGreaterThan(10);
      expect(eager.nodes).toBe(nodes); // and keeps it
      expect(text, name).toBe(JSON.stringify(wrapped(eager), null, 2));
    }
  });

  it('its rows (node entries written straight to text, no entry object) are the entries JSON.stringify writes: every fixture and odd names, dims, ops', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-rows-'));
    const odd = join(dir, 'odd.onnx');
    const q = 'q"\\\u0001\u202e\ud800é';
    writeFileSync(
      odd,
      encodeModel({
        opsets: { '': 17, 'com.example': 1 },
        graph: {
          nodes: [
            { op: 'Relu', inputs: [`x${q}`], outputs: [`r${q}`], name: `relu${q}` },
            { op: 'NonZero', inputs: [`r${q}`], outputs: ['nz'], name: '' },
            { op: 'Gather', inputs: [`r${q}`, 'idx'], outputs: ['g'], name: 'gather', attrs: { axis: 0 } },
            { op: 'SequenceConstruct', inputs: [`r${q}`, 'g'], outputs: ['s'], name: 'seq' },
            { op: 'SequenceAt', inputs: ['s', 'i0'], outputs: ['sa'], name: 'at' },
            { op: 'Custom"Op', domain: 'com.example', inputs: ['nz', ''], outputs: ['c'], name: 'custom' },
            // The same MatMul twice on one weight: one result reused, its params counted by the first only.
            { op: 'MatMul', inputs: [`r${q}`, 'w'], outputs: ['m1'], name: 'mm1' },
            { op: 'MatMul', inputs: [`r${q}`, 'w'], outputs: ['m2'], name: 'mm2' },
          ],
          inputs: [
            { name: `x${q}`, dtype: 'float32', shape: [`b${q}`, 4] },
            { name: 'unshaped', dtype: 'float32' },
          ],
          outputs: [
            { name: 'c', dtype: 'float32' },
            { name: 'sa', dtype: 'float32' },
          ],
          initializers: [
            { name: 'idx', dtype: 'int64', dims: [2], values: [0, 0] },
            { name: 'i0', dtype: 'int64', dims: [], values: [0] },
            { name: 'w', dtype: 'float32', dims: [4, 3], values: Array.from({ length: 12 }, (_, k) => k) },
          ],
        },
      }),
    );
    // Forty shape operations on tensors of twenty sizes: one shared zero cost, forty line tails
    // (more than are kept per cost object), in turns.
    const many = join(dir, 'many-tails.onnx');
    writeFileSync(
      many,
      encodeModel({
        graph: {
          nodes: Array.from({ length: 20 }, (_, k) => [
            { op: 'Unsqueeze', inputs: [`x${k}`, 'axes'], outputs: [`u${k}`], name: `u${k}` },
            { op: 'Shape', inputs: [`u${k}`], outputs: [`s${k}`], name: `s${k}` },
          ]).flat(),
          inputs: Array.from({ length: 20 }, (_, k) => ({ name: `x${k}`, dtype: 'float32' as const, shape: [k + 1] })),
          outputs: Array.from({ length: 20 }, (_, k) => ({ name: `s${k}`, dtype: 'int64' as const })),
          initializers: [{ name: 'axes', dtype: 'int64', dims: [1], values: [0] }],
        },
      }),
    );
    const files = [
      odd,
      many,
      ...readdirSync(FIXTURES)
        .filter((f) => f.endsWith('.onnx'))
        .map((f) => join(FIXTURES, f)),
    ];
    for (const f of files) {
      const lazy = analyzeFile(f, { allowMissingWeights: true });
      const parts: string[] = [];
      writeJson(wrapped(lazy), (c) => parts.push(c), 2, undefined, { rowsUnder: new Set(['nodes']) });
      expect(lazyMemberOf(lazy, 'nodes'), f).toBeDefined();
      const eager = analyzeFile(f, { allowMissingWeights: true });
      // Plus the writer's escapes of terminal-active characters (src/report/json.ts).
      const expected = reportText(wrapped(eager)).replace(
        /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
      expect(parts.join(''), f).toBe(expected);
    }
  });

  it('text and Markdown rank the nodes without building the array, and print what they printed from it', () => {
    const lazy = analyzeFile(join(FIXTURES, 'resnet18.onnx'), { allowMissingWeights: true });
    const text = renderAnalyzeText(wrapped(lazy), { top: 7 });
    const md = renderAnalyzeMarkdown(wrapped(lazy), { top: 7 });
    expect(lazyMemberOf(lazy, 'nodes')).toBeDefined();
    const eager = analyzeFile(join(FIXTURES, 'resnet18.onnx'), { allowMissingWeights: true });
    expect(eager.nodes.length).toBeGreaterThan(7); // the array built
    expect(renderAnalyzeText(wrapped(eager), { top: 7 })).toBe(text);
    expect(renderAnalyzeMarkdown(wrapped(eager), { top: 7 })).toBe(md);
    expect(text).toMatch(/top 7 layers by FLOPs/);
  });

  it('a spread copy or an assignment settles the member as an ordinary array', () => {
    const r = analyzeFile(join(FIXTURES, 'squeezenet1_1.onnx'), { allowMissingWeights: true });
    const copy = { ...r };
    expect(Array.isArray(copy.nodes)).toBe(true);
    expect(copy.nodes).toBe(r.nodes);
    const s = analyzeFile(join(FIXTURES, 'squeezenet1_1.onnx'), { allowMissingWeights: true });
    s.nodes = [];
    expect(s.nodes).toEqual([]);
    expect(lazyMemberOf(s, 'nodes')).toBeUndefined();
    expect(Object.keys(s)).toEqual(Object.keys(r)); // the member keeps its place
  });
});

describe('the JSON writer streams a lazy list', () => {
  it('writes it as the array of its items, making each once, and hands out chunks before the last is made', () => {
    let made = 0;
    const item = (i: number) => ({ name: `n${i}`, shape: [1, i], nested: { k: i % 3 ? null : [i] } });
    const list = new LazyList(30_000, (i) => {
      made++;
      return item(i);
    });
    const value = { a: 1, nodes: [] as unknown[], b: [2] };
    lazyMember(value, 'nodes', list);
    const chunks: string[] = [];
    const madeAtChunk: number[] = [];
    writeJson(
      value,
      (c) => {
        chunks.push(c);
        madeAtChunk.push(made);
      },
      2,
      1 << 16,
    );
    expect(made).toBe(30_000);
    expect(chunks.length).toBeGreaterThan(10);
    expect(madeAtChunk[0]).toBeLessThan(30_000 / 4);
    expect(chunks.join('')).toBe(JSON.stringify({ a: 1, nodes: Array.from({ length: 30_000 }, (_, i) => item(i)), b: [2] }, null, 2));
  });

  it('a list of plain data goes in runs, with the same bytes', () => {
    const item = (i: number) => ({ name: i % 7 ? `n${i}` : `n\u2028${i}`, shape: [1, i, 'batch'], none: undefined, f: i % 3 ? null : 0.5 });
    for (const length of [0, 1, 127, 128, 129, 1000]) {
      const array = Array.from({ length }, (_, i) => item(i));
      expect(toJsonText({ x: [new LazyList(length, item, true)] })).toBe(toJsonText({ x: [array] }));
    }
  });

  it('as a bare value, nested, empty, or with items too big to batch', () => {
    const big = (i: number) => ({ i, rows: Array.from({ length: 5000 }, (_, k) => k + i) });
    const cases: [LazyList<unknown>, unknown[]][] = [
      [new LazyList(0, () => 1), []],
      [new LazyList(3, (i) => i), [0, 1, 2]],
      [new LazyList(3, big), [0, 1, 2].map(big)],
      [new LazyList(4, (i) => (i % 2 ? big(i) : { small: i })), [0, 1, 2, 3].map((i) => (i % 2 ? big(i) : { small: i }))],
      [new LazyList(2, (i) => (i ? undefined : () => 1)), [() => 1, undefined]],
    ];
    for (const [list, array] of cases) {
      expect(toJsonText(list)).toBe(JSON.stringify(array, null, 2));
      expect(toJsonText({ x: [[list]] })).toBe(JSON.stringify({ x: [[array]] }, null, 2));
    }
  });
});

describe('topItems', () => {
  it('gives what a stable sort, a filter and a slice give, ties in their order', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 50; round++) {
      const items = Array.from({ length: Math.floor(rnd() * 200) }, () => ({ v: rnd() < 0.2 ? null : Math.floor(rnd() * 10), keep: rnd() < 0.8 }));
      const cmp = (a: { v: number | null }, b: { v: number | null }) => (b.v ?? 0) - (a.v ?? 0);
      const expected = items
        .map((item, index) => ({ item, index }))
        .filter(({ item }) => item.keep)
        .sort((a, b) => cmp(a.item, b.item) || a.index - b.index);
      for (const n of [0, 1, 3, 10, 500]) {
        expect(topItems(items, n, (x) => x.keep, cmp)).toEqual(expected.slice(0, n));
      }
    }
  });
});

describe('analyze, end to end', () => {
  it('--format json of a chains graph: the report, its node entries one per line; text counts its nodes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-lazy-'));
    const p = join(dir, 'chains.onnx');
    writeFileSync(p, chainsModel(961));
    const a = runCli('analyze', '--allow-outside-repo', p, '--format', 'json');
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout) as AnalyzeReport;
    expect(report.models[0].nodes).toHaveLength(961);
    expect(a.stdout).toBe(reportText(report) + '\n');
    // One line per node entry.
    expect(a.stdout.split('\n').filter((l) => /^ {8}\{"name":/.test(l))).toHaveLength(961);
    const text = runCli('analyze', '--allow-outside-repo', p, '--top', '3');
    expect(text.stdout).toContain('961 nodes');
  });
});

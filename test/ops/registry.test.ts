/**
 * Guards on the operator registry: every registered operator is exercised by a unit test, and
 * every operator that ONNX's own test data uses is either registered or listed here as
 * deliberately unsupported (with the reason).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registeredOps } from '../../src/ops/registry.js';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import type { Graph } from '../../src/graph/model.js';
import { listCases, TESTDATA_ROOT } from '../conformance/harness.js';

/** Operators in ONNX's test data that have no rule, and why. */
const UNSUPPORTED: Record<string, string> = {};

function opsInGraph(g: Graph, out: Set<string>): void {
  for (const n of g.nodes) {
    out.add(`${n.domain}:${n.opType}`);
    for (const a of n.attrs.values()) {
      if (a.type === 'graph') opsInGraph(a.value, out);
      if (a.type === 'graphs') for (const sg of a.value) opsInGraph(sg, out);
    }
  }
}

describe('operator registry', () => {
  it('every registered operator is named in a unit test under test/ops or test/engine', () => {
    const dirs = [__dirname, join(__dirname, 'tflite'), join(__dirname, '..', 'engine')];
    const text = dirs
      .flatMap((dir) =>
        readdirSync(dir)
          .filter((f) => f.endsWith('.test.ts') && f !== 'registry.test.ts')
          .map((f) => readFileSync(join(dir, f), 'utf8')),
      )
      .join('\n');
    const untested = registeredOps().filter((k) => {
      const op = k.slice(k.indexOf(':') + 1);
      return !text.includes(`'${op}'`) && !text.includes(`"${op}"`);
    });
    expect(untested).toEqual([]);
  });

  it("every operator in ONNX's test models is registered or listed as unsupported", () => {
    expect(existsSync(TESTDATA_ROOT)).toBe(true);
    const seen = new Set<string>();
    for (const c of listCases()) {
      const m = decodeModel(readFileSync(join(TESTDATA_ROOT, c.suite, c.name, 'model.onnx')));
      opsInGraph(m.graph, seen);
      for (const f of m.functions) opsInGraph({ nodes: f.nodes } as Graph, seen);
    }
    const registered = new Set(registeredOps());
    const local = new Set<string>();
    for (const c of listCases()) {
      const m = decodeModel(readFileSync(join(TESTDATA_ROOT, c.suite, c.name, 'model.onnx')));
      for (const f of m.functions) local.add(`${f.domain}:${f.name}`);
    }
    const missing = [...seen].filter((k) => !registered.has(k) && !(k in UNSUPPORTED) && !local.has(k)).sort();
    expect(missing).toEqual([]);
  });
});

/**
 * Shape inference against ONNX's own operator tests (Debian libonnx-testdata 1.12): every
 * model under node/, pytorch-converted/, pytorch-operator/ and simple/, with its declared
 * output shapes and value_info ignored. Target from the engine issue: at least 82% of the
 * models match the expected outputs' shapes, and none is wrong. (ONNX 1.12's own shape
 * inference with data propagation matches 79.4% of the same set.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel } from '../../src/analysis/infer.js';
import { listCases, runAll, TESTDATA_ROOT } from './harness.js';

describe('conformance on libonnx-testdata', () => {
  it('is installed (scripts/test.sh installs it)', () => {
    expect(existsSync(`${TESTDATA_ROOT}/node`), `${TESTDATA_ROOT} missing: apt-get install libonnx-testdata`).toBe(true);
  });

  it('matches at least 82% of the models and is wrong on none', () => {
    const s = runAll();
    const wrong = s.results.filter((r) => r.verdict === 'wrong').map((r) => `${r.suite}/${r.name}: ${r.detail}`);
    const rate = s.match / s.total;
    console.log(`conformance: ${s.match}/${s.total} match (${(100 * rate).toFixed(1)}%), ${s.unknown} unknown, ${s.wrong} wrong`);
    expect(s.total).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
    expect(rate).toBeGreaterThanOrEqual(0.82);
  });
});

describe('agreement with the shapes the test models declare', () => {
  it('inference never contradicts a declared output or value_info shape', () => {
    const conflicts: string[] = [];
    for (const c of listCases()) {
      let r;
      try {
        r = inferModel(decodeModel(readFileSync(`${TESTDATA_ROOT}/${c.suite}/${c.name}/model.onnx`)), { defaultDim: null });
      } catch {
        continue;
      }
      for (const w of r.warnings) if (w.message.includes('differs from the declared')) conflicts.push(`${c.suite}/${c.name}: ${w.message}`);
    }
    expect(conflicts).toEqual([]);
  });
});

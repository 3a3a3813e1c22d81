/**
 * on-incomplete on synthetic reports whose figures are lower bounds: the per-model finding
 * (warn / error / ignore), the upper-bound check (pass, fail, no bound), and a budget broken
 * by the lower bound alone, which fails whatever the setting.
 */
import { describe, expect, it } from 'vitest';
import { evaluateBudgets, isLowerBound, upperBoundValue, type ModelResult } from '../../src/budgets/evaluate.js';
import { parseBudgets } from '../../src/budgets/parse.js';
import type { LatencyReport, ModelReport } from '../../src/report/model-report.js';
import type { Totals } from '../../src/analysis/aggregate.js';
import { reportWith } from '../helpers/models.js';
import { boundedMetric, isLowerBound as totalIsLowerBound } from '../../src/report/bounds.js';

function report(totals: Partial<Totals>, latency?: Partial<LatencyReport>): ModelReport {
  return reportWith('m.onnx', { params: 100, weightBytes: 400, ...totals }, latency ? { t4: latency } : {});
}

/** A model with 3 nodes of unknown shape: 2 GMACs known, MACs and FLOPs lower bounds. */
const incomplete = (upper?: Totals['upperBound'], extra: Partial<Totals> = {}) =>
  report({
    macs: 2e9,
    flops: 4e9,
    incompleteNodes: 3,
    incompleteNodeNames: ['a', 'b', 'c'],
    lowerBound: ['macs', 'flops'],
    ...(upper ? { upperBound: upper } : {}),
    ...extra,
  });

function evaluate(onIncomplete: string | null, budgets: string, head: ModelReport, base: ModelReport | null = null) {
  const cfg = parseBudgets(
    `version: 1\ndevices: [t4]\nmodels:\n  - path: m.onnx\n${onIncomplete ? `    on-incomplete: ${onIncomplete}\n` : ''}    budgets:\n${budgets}`,
    'budgets.yml',
  );
  const results: ModelResult[] = [{ config: cfg.models[0], path: 'm.onnx', report: head, base }];
  return evaluateBudgets(cfg, results);
}
const row = (e: ReturnType<typeof evaluateBudgets>, metric: string) => e.rows.find((r) => r.metric === metric && !r.device)!;

describe('which figures are lower bounds', () => {
  it('those the report lists, only while nodes are incomplete; without a list, the shape-dependent ones', () => {
    const r = incomplete();
    expect(isLowerBound(r, 'gmacs')).toBe(true);
    expect(isLowerBound(r, 'gflops')).toBe(true);
    expect(isLowerBound(r, 'memory-traffic')).toBe(false);
    expect(isLowerBound(r, 'params')).toBe(false);
    expect(isLowerBound(report({ macs: 1 }), 'gmacs')).toBe(false);
    // A report saved before the lowerBound list existed.
    const legacy = (latency?: Partial<LatencyReport>) => {
      const r = report({ incompleteNodes: 1 }, latency);
      delete (r.totals as Partial<Totals>).lowerBound;
      return r;
    };
    const old = legacy();
    expect(['gmacs', 'gflops', 'peak-memory', 'memory-traffic', 'params', 'weights'].map((m) => isLowerBound(old, m as never))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(isLowerBound(legacy({ lowerBound: false }), 'latency', 't4')).toBe(false);
    expect(isLowerBound(legacy({}), 'latency', 't4')).toBe(true);
  });

  it('the list decides, even with no incomplete node (an activation of unknown size): the gate and the renderers agree', () => {
    const r = report({ incompleteNodes: 0, lowerBound: ['peakActivationBytes'] });
    expect(isLowerBound(r, 'peak-memory')).toBe(true);
    expect(totalIsLowerBound(r.totals, 'peakActivationBytes')).toBe(true);
    expect(isLowerBound(r, 'gmacs')).toBe(false);
    expect(boundedMetric(r, 'peak-memory', undefined, 5, String)).toBe('≥ 5');
  });

  it('upper bounds in the budget unit (G for gmacs)', () => {
    const r = incomplete({ macs: 3e9 });
    expect(upperBoundValue(r, 'gmacs')).toBe(3);
    expect(upperBoundValue(r, 'gflops')).toBeNull();
    expect(upperBoundValue(report({}, { upperBoundMs: 7 }), 'latency', 't4')).toBe(7);
  });
});

describe('warn, error, ignore', () => {
  it('warn (default): one warn finding per model naming the first nodes; budgeted lower-bound rows say so', () => {
    const e = evaluate(null, '      gmacs: 5\n      gflops: 10\n      params: 1k\n', incomplete());
    expect(e.passed).toBe(true);
    expect(e.violations).toHaveLength(1);
    expect(e.violations[0]).toMatchObject({ level: 'warn', kind: 'incomplete', metric: 'gmacs', at: { line: 4, column: 11 } });
    expect(e.violations[0].message).toBe('m.onnx: lower bound: 3 nodes with unknown shapes (first: a, b, c); its figures may be higher (on-incomplete: warn)');
    expect(row(e, 'gmacs')).toMatchObject({ status: 'warn', lowerBound: true, upperBound: null, broken: [{ kind: 'incomplete', level: 'warn', limit: null }] });
    // params are not a lower bound: an ordinary pass.
    expect(row(e, 'params')).toMatchObject({ status: 'pass', lowerBound: false, broken: [] });
  });

  it('error: the same finding fails the check, at the on-incomplete key', () => {
    const e = evaluate('error', '      gmacs: 5\n', incomplete());
    expect(e.passed).toBe(false);
    expect(e.violations.map((v) => [v.level, v.kind, v.at.line, v.at.column])).toEqual([['error', 'incomplete', 5, 20]]);
    expect(row(e, 'gmacs').status).toBe('fail');
  });

  it('ignore: nothing', () => {
    const e = evaluate('ignore', '      gmacs: 5\n', incomplete());
    expect(e.passed).toBe(true);
    expect(e.violations).toEqual([]);
    expect(row(e, 'gmacs')).toMatchObject({ status: 'pass', lowerBound: true, broken: [] });
  });

  it('a budget broken by the lower bound alone fails whatever the setting', () => {
    for (const mode of ['ignore', 'warn', 'error', 'upper-bound']) {
      const e = evaluate(mode, '      gmacs: 1.5\n', incomplete({ macs: 10e9 }));
      expect(e.passed, mode).toBe(false);
      const v = e.violations.find((x) => x.kind === 'absolute')!;
      expect(v.message, mode).toBe('GMACs of m.onnx is 2G (a lower bound), over its budget of 1.5G');
      expect(row(e, 'gmacs').broken[0], mode).toEqual({ kind: 'absolute', level: 'error', limit: 1.5 });
    }
  });
});

describe('upper-bound', () => {
  it('passes when the static upper bound is within the budget; used is of the upper bound', () => {
    const e = evaluate('upper-bound', '      gmacs: 5\n', incomplete({ macs: 4e9 }));
    expect(e.passed).toBe(true);
    expect(e.violations).toEqual([]);
    const r = row(e, 'gmacs');
    expect(r).toMatchObject({ status: 'pass', lowerBound: true, upperBound: 4, broken: [] });
    expect(r.usedPercent).toBeCloseTo((100 * 4) / 5, 9);
    expect(r.reason).toBe('within budget at its upper bound 4G');
  });

  it('fails when the upper bound is over the budget, though the lower bound is under', () => {
    const e = evaluate('upper-bound', '      gmacs: { max: 3, level: warn }\n', incomplete({ macs: 4e9 }));
    expect(e.violations).toHaveLength(1);
    expect(e.violations[0]).toMatchObject({ level: 'warn', kind: 'absolute' });
    expect(e.violations[0].message).toBe('GMACs of m.onnx may be up to 4G (its static upper bound; 2G known), over its budget of 3G');
    expect(row(e, 'gmacs').broken).toEqual([{ kind: 'absolute', level: 'warn', limit: 3 }]);
  });

  it('an error finding where the metric has no upper bound', () => {
    const e = evaluate('upper-bound', '      gmacs: 5\n      gflops: 50\n', incomplete({ macs: 4e9 }));
    expect(e.passed).toBe(false);
    expect(e.violations).toHaveLength(1);
    expect(e.violations[0]).toMatchObject({ metric: 'gflops', level: 'error', kind: 'incomplete' });
    expect(e.violations[0].message).toBe(
      'GFLOPs of m.onnx is a lower bound (3 nodes with unknown shapes (first: a, b, c)) and has no static upper bound to check its budgets against (on-incomplete: upper-bound)',
    );
    expect(row(e, 'gflops').broken).toEqual([{ kind: 'incomplete', level: 'error', limit: null }]);
    expect(row(e, 'gmacs').status).toBe('pass');
  });

  it('relative budgets too: the growth to the upper bound is checked', () => {
    const base = report({ macs: 2e9 });
    const over = evaluate('upper-bound', '      max-increase: { gmacs: 10% }\n', incomplete({ macs: 2.5e9 }), base);
    expect(over.violations.map((v) => [v.kind, v.message])).toEqual([
      ['relative', 'GMACs of m.onnx may have grown +25.0% (2G → up to 2.5G, its static upper bound), more than the 10% allowed'],
    ]);
    const within = evaluate('upper-bound', '      max-increase: { gmacs: 30% }\n', incomplete({ macs: 2.5e9 }), base);
    expect(within.violations).toEqual([]);
  });

  it("latency: the report's upperBoundMs", () => {
    const head = report({ incompleteNodes: 1, lowerBound: ['macs'] }, { ms: 1, lowerBound: true, upperBoundMs: 9 });
    const e = evaluate('upper-bound', '      latency: { t4: 5ms }\n', head);
    expect(e.violations.map((v) => v.message)).toEqual([
      'latency on t4 of m.onnx may be up to 9 ms (its static upper bound; 1 ms known), over its budget of 5 ms',
    ]);
  });
});

describe('node names in the finding are sanitised', () => {
  it('control characters and long names', () => {
    const e = evaluate(null, '      gmacs: 5\n', incomplete(undefined, { incompleteNodeNames: ['a\n::error::x', 'y'.repeat(100)] }));
    expect(e.violations[0].message).not.toContain('\n');
    expect(e.violations[0].message).not.toContain('y'.repeat(41));
  });
});

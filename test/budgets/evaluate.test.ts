/**
 * evaluateBudgets on hand-built reports: absolute and relative budgets, levels, new models,
 * min-change and the share of a budget used.
 */
import { describe, expect, it } from 'vitest';
import { evaluateBudgets, fmt, fmtUsed, metricValue, type ModelResult } from '../../src/budgets/evaluate.js';
import { parseBudgets } from '../../src/budgets/parse.js';
import type { ModelReport } from '../../src/report/model-report.js';
import type { Totals } from '../../src/analysis/aggregate.js';
import { reportWith } from '../helpers/models.js';

function report(
  path: string,
  t: { params?: number; macs?: number; flops?: number; weightBytes?: number; peak?: number; traffic?: number; latencyMs?: Record<string, number> },
): ModelReport {
  const totals = {
    params: t.params,
    weightBytes: t.weightBytes,
    macs: t.macs,
    coreMacs: t.macs,
    flops: t.flops,
    memoryAccessBytes: t.traffic,
    peakActivationBytes: t.peak,
  };
  const given = Object.fromEntries(Object.entries(totals).filter(([, v]) => v !== undefined)) as Partial<Totals>;
  return reportWith(path, given, Object.fromEntries(Object.entries(t.latencyMs ?? {}).map(([d, ms]) => [d, { ms }])));
}

function result(cfgText: string, head: ModelReport, base: ModelReport | null, i = 0): { cfg: ReturnType<typeof parseBudgets>; results: ModelResult[] } {
  const cfg = parseBudgets(cfgText, 'budgets.yml');
  return { cfg, results: [{ config: cfg.models[i], path: head.path, report: head, base }] };
}

const row = (e: ReturnType<typeof evaluateBudgets>, metric: string, device?: string) => e.rows.find((r) => r.metric === metric && r.device === device)!;

describe('metricValue', () => {
  it('reads each metric in its budget unit', () => {
    const r = report('m.onnx', { params: 1, macs: 2e9, flops: 5e9, weightBytes: 3, peak: 4, traffic: 6, latencyMs: { t4: 1.5 } });
    expect(metricValue(r, 'params')).toBe(1);
    expect(metricValue(r, 'gmacs')).toBe(2);
    expect(metricValue(r, 'gflops')).toBe(5);
    expect(metricValue(r, 'weights')).toBe(3);
    expect(metricValue(r, 'peak-memory')).toBe(4);
    expect(metricValue(r, 'memory-traffic')).toBe(6);
    expect(metricValue(r, 'latency', 't4')).toBe(1.5);
    expect(metricValue(r, 'latency', 'l4')).toBeNull();
    expect(metricValue(r, 'latency')).toBeNull();
    expect(metricValue(null, 'params')).toBeNull();
  });
});

describe('absolute budgets', () => {
  const text = `version: 1
devices: [t4]
models:
  - path: m.onnx
    budgets:
      params: 5M
      weights: { max: 10MB, level: warn }
      latency: { t4: 2ms }
`;

  it("a broken error budget fails, with a violation at the budget's line", () => {
    const { cfg, results } = result(text, report('m.onnx', { params: 6e6, weightBytes: 1e6, latencyMs: { t4: 1 } }), null);
    const e = evaluateBudgets(cfg, results);
    expect(e.passed).toBe(false);
    expect(e.violations).toEqual([
      {
        model: 'm.onnx',
        metric: 'params',
        device: undefined,
        level: 'error',
        message: 'params of m.onnx is 6M, over its budget of 5M',
        file: 'budgets.yml',
        at: { line: 6, column: 15 },
        kind: 'absolute',
      },
    ]);
    const p = row(e, 'params');
    expect(p.status).toBe('fail');
    expect(p.value).toBe(6e6);
    expect(p.budget).toBe(5e6);
    expect(p.usedPercent).toBeCloseTo(120, 10);
    expect(row(e, 'weights').status).toBe('pass');
    expect(row(e, 'latency', 't4').status).toBe('pass');
    // No budget: a row for information only.
    expect(row(e, 'gmacs').status).toBe('info');
  });

  it('a broken warn budget passes, the row is a warning', () => {
    const { cfg, results } = result(text, report('m.onnx', { params: 1e6, weightBytes: 12e6, latencyMs: { t4: 1 } }), null);
    const e = evaluateBudgets(cfg, results);
    expect(e.passed).toBe(true);
    expect(row(e, 'weights').status).toBe('warn');
    expect(row(e, 'weights').reason).toBe('weights of m.onnx is 12 MB, over its budget of 10 MB');
    expect(e.violations).toHaveLength(1);
    expect(e.violations[0]).toMatchObject({ metric: 'weights', level: 'warn', at: { line: 7, column: 16 } });
  });

  it('latency per device, and a latency that could not be computed breaks its budget', () => {
    const over = evaluateBudgets(...args(text, report('m.onnx', { params: 1, latencyMs: { t4: 2.5 } })));
    expect(row(over, 'latency', 't4').status).toBe('fail');
    expect(over.violations[0].message).toBe('latency on t4 of m.onnx is 2.5 ms, over its budget of 2 ms');
    expect(over.violations[0].device).toBe('t4');
    const none = evaluateBudgets(...args(text, report('m.onnx', { params: 1 })));
    expect(none.passed).toBe(false);
    expect(none.violations[0].message).toBe('latency on t4 could not be computed for m.onnx');
    expect(row(none, 'latency', 't4').value).toBeNull();
  });

  it('used% = value / budget', () => {
    const e = evaluateBudgets(...args(text, report('m.onnx', { params: 3.65e6, weightBytes: 2.5e6, latencyMs: { t4: 0.5 } })));
    expect(row(e, 'params').usedPercent).toBeCloseTo((100 * 3.65e6) / 5e6, 10);
    expect(row(e, 'params').usedPercent).toBeCloseTo(73, 10);
    expect(row(e, 'weights').usedPercent).toBeCloseTo(25, 10);
    expect(row(e, 'latency', 't4').usedPercent).toBeCloseTo(25, 10);
    expect(fmtUsed(73)).toBe('73%');
    expect(fmtUsed(0.4)).toBe('<1%');
    expect(fmtUsed(100.3)).toBe('100.3%');
  });

  it('a value exactly at the budget passes', () => {
    const e = evaluateBudgets(...args(text, report('m.onnx', { params: 5e6, latencyMs: { t4: 2 } })));
    expect(e.passed).toBe(true);
    expect(row(e, 'params').usedPercent).toBe(100);
  });
});

function args(text: string, head: ModelReport, base: ModelReport | null = null): [ReturnType<typeof parseBudgets>, ModelResult[]] {
  const { cfg, results } = result(text, head, base);
  return [cfg, results];
}

describe('relative budgets against a baseline', () => {
  const text = `version: 1
devices: [t4]
models:
  - path: m.onnx
    budgets:
      params: 10M
      max-increase:
        params: 5%
        weights: 1MB
        gmacs: { max: +0.5, level: warn }
        latency: 10%
`;
  const base = report('m.onnx', { params: 4e6, weightBytes: 16e6, macs: 2e9, latencyMs: { t4: 2 } });

  it('under the allowed increase: pass', () => {
    // params 4M -> 4.18M is +4.5% (< 5%); weights 16 -> 16.9 MB is +0.9 MB (< 1 MB);
    // gmacs 2 -> 2.4 is +0.4 G (< 0.5); latency 2 -> 2.19 ms is +9.5% (< 10%).
    const head = report('m.onnx', { params: 4.18e6, weightBytes: 16.9e6, macs: 2.4e9, latencyMs: { t4: 2.19 } });
    const e = evaluateBudgets(...args(text, head, base));
    expect(e.passed).toBe(true);
    expect(e.violations).toEqual([]);
    expect(e.newModels).toEqual([]);
    const p = row(e, 'params');
    expect(p.status).toBe('pass');
    expect(p.base).toBe(4e6);
    expect(p.change!.delta).toBeCloseTo(0.18e6, 3);
    expect(p.change!.percent).toBeCloseTo(4.5, 10);
    expect(p.maxIncrease).toEqual({ percent: 5 });
    expect(p.reason).toBe('within budget; increase within 5%');
    expect(row(e, 'weights').maxIncrease).toEqual({ absolute: 1e6 });
    expect(row(e, 'weights').reason).toBe('increase within 1 MB');
    expect(row(e, 'gmacs').status).toBe('pass');
    expect(row(e, 'gmacs').change!.delta).toBeCloseTo(0.4, 10);
    expect(row(e, 'latency', 't4').change!.percent).toBeCloseTo(9.5, 10);
  });

  it('over the allowed increase: percent and absolute break, at their lines and levels', () => {
    // params 4M -> 4.4M is +10% (> 5%); weights 16 -> 17.5 MB is +1.5 MB (> 1 MB);
    // gmacs 2 -> 2.6 is +0.6 G (> 0.5, a warning); latency 2 -> 2.3 ms is +15% (> 10%).
    const head = report('m.onnx', { params: 4.4e6, weightBytes: 17.5e6, macs: 2.6e9, latencyMs: { t4: 2.3 } });
    const e = evaluateBudgets(...args(text, head, base));
    expect(e.passed).toBe(false);
    expect(e.violations.map((v) => [v.metric, v.level, v.at.line, v.message])).toEqual([
      ['params', 'error', 8, 'params of m.onnx grew +10.0% (4M → 4.4M), more than the 5% allowed'],
      ['gmacs', 'warn', 10, 'GMACs of m.onnx grew +30.0% (2G → 2.6G), more than the 500M allowed'],
      ['weights', 'error', 9, 'weights of m.onnx grew +9.4% (16 MB → 17.5 MB), more than the 1 MB allowed'],
      ['latency', 'error', 11, 'latency on t4 of m.onnx grew +15.0% (2 ms → 2.3 ms), more than the 10% allowed'],
    ]);
    expect(row(e, 'params').status).toBe('fail');
    expect(row(e, 'gmacs').status).toBe('warn');
    // Only 'params' also has an absolute budget: 4.4M of 10M.
    expect(row(e, 'params').usedPercent).toBeCloseTo(44, 10);
  });

  it('a shrink never breaks a relative budget', () => {
    const head = report('m.onnx', { params: 2e6, weightBytes: 8e6, macs: 1e9, latencyMs: { t4: 1 } });
    const e = evaluateBudgets(...args(text, head, base));
    expect(e.passed).toBe(true);
    expect(row(e, 'params').change).toEqual({ delta: -2e6, percent: -50 });
  });

  it('a model without a baseline passes its relative budgets and is listed as new', () => {
    const head = report('m.onnx', { params: 9e6, weightBytes: 99e6, macs: 9e9, latencyMs: { t4: 9 } });
    const e = evaluateBudgets(...args(text, head, null));
    expect(e.passed).toBe(true);
    expect(e.newModels).toEqual(['m.onnx']);
    expect(row(e, 'params').reason).toBe('within budget; new model: no baseline to compare');
    expect(row(e, 'weights').status).toBe('pass');
    expect(row(e, 'weights').change).toBeNull();
    expect(row(e, 'latency', 't4').base).toBeNull();
  });

  it('a baseline without the value (say, saved without --device) is said, not silently passed', () => {
    const noLatency = report('m.onnx', { params: 4e6, weightBytes: 16e6, macs: 2e9 });
    const e = evaluateBudgets(...args(text, report('m.onnx', { params: 4e6, weightBytes: 16e6, macs: 2e9, latencyMs: { t4: 50 } }), noLatency));
    expect(e.passed).toBe(true);
    expect(row(e, 'latency', 't4').status).toBe('pass');
    expect(row(e, 'latency', 't4').reason).toBe('not compared: no baseline value for latency on t4');
  });

  it('growth from zero is over any percentage', () => {
    const e = evaluateBudgets(...args(text, report('m.onnx', { params: 5, latencyMs: { t4: 2 } }), report('m.onnx', { params: 0, latencyMs: { t4: 2 } })));
    expect(e.violations[0].message).toBe('params of m.onnx grew from 0 to 5 (0 → 5), more than the 5% allowed');
    expect(row(e, 'params').change).toEqual({ delta: 5, percent: null });
  });
});

describe('min-change', () => {
  const text = `version: 1
defaults: { min-change: 1% }
models:
  - path: m.onnx
    budgets:
      params: 4.02M
      max-increase: { weights: 0.1% }
`;
  it('hides changes below it, but absolute (and relative) budgets still apply', () => {
    // params 4M -> 4.03M is +0.75%: below 1%, no change shown, yet over the 4.02M budget.
    // weights 10 -> 10.05 MB is +0.5%: no change shown, yet over the 0.1% allowed.
    const base = report('m.onnx', { params: 4e6, weightBytes: 10e6 });
    const head = report('m.onnx', { params: 4.03e6, weightBytes: 10.05e6, macs: 5e9 });
    const e = evaluateBudgets(...args(text, head, base));
    expect(row(e, 'params').change).toBeNull();
    expect(row(e, 'params').status).toBe('fail');
    expect(row(e, 'weights').change).toBeNull();
    expect(row(e, 'weights').status).toBe('fail');
    expect(e.passed).toBe(false);
    // A change of 1% or more is shown: gmacs 0 -> 5 (from zero), params unchanged elsewhere.
    expect(row(e, 'gmacs').change).toEqual({ delta: 5, percent: null });
    expect(row(e, 'peak-memory').change).toBeNull();
  });
  it('shows changes at or above it', () => {
    const e = evaluateBudgets(...args(text, report('m.onnx', { params: 4.01e6, weightBytes: 10.2e6 }), report('m.onnx', { params: 4e6, weightBytes: 10e6 })));
    expect(row(e, 'weights').change!.percent).toBeCloseTo(2, 10);
    expect(row(e, 'params').change).toBeNull();
  });
});

describe('fmt', () => {
  it('shows values as reports do', () => {
    expect(fmt('params', 4.4e6)).toBe('4.4M');
    expect(fmt('gmacs', 0.6)).toBe('600M');
    expect(fmt('gmacs', 2)).toBe('2G');
    expect(fmt('weights', 17.5e6)).toBe('17.5 MB');
    expect(fmt('peak-memory', 512)).toBe('512 B');
    expect(fmt('latency', 2.3)).toBe('2.3 ms');
    expect(fmt('latency', 0.05)).toBe('50 µs');
  });
});

import { describe, expect, it } from 'vitest';
import {
  appendRun,
  BLOCKS,
  change,
  emptyHistory,
  parseHistory,
  renderTrend,
  runFromResults,
  serializeHistory,
  sparkline,
  type History,
  type ModelPoint,
  type TrendRun,
} from '../../src/action/trend.js';
import { validBranch, validFile, shouldRecord } from '../../src/action/trend-git.js';
import type { ModelReport } from '../../src/report/model-report.js';

const sha = (i: number) => i.toString(16).padStart(40, '0');

function point(params: number, ms?: number): ModelPoint {
  return {
    params,
    macs: params * 10,
    flops: params * 20,
    weightBytes: params * 4,
    peakActivationBytes: 1000,
    latency: ms === undefined ? {} : { 'raspberry-pi-5': ms },
  };
}

function run(i: number, models: Record<string, ModelPoint>): TrendRun {
  return { sha: sha(i), ref: 'refs/heads/main', date: `2026-12-0${(i % 9) + 1}T10:00:00.000Z`, models };
}

function history(...runs: TrendRun[]): History {
  return { version: 1, runs };
}

describe('sparkline', () => {
  it('scales min..max onto eight levels: level round((v - min) / (max - min) * 7)', () => {
    // 1..4: (v - 1) / 3 * 7 = 0, 2.33, 4.67, 7 -> levels 0, 2, 5, 7.
    expect(sparkline([1, 2, 3, 4])).toBe(BLOCKS[0] + BLOCKS[2] + BLOCKS[5] + BLOCKS[7]);
    expect(sparkline([1, 2, 3, 4])).toBe('▁▃▆█');
    // 10, 0, 5: 7, 0, 3.5 -> 4 (round half up).
    expect(sparkline([10, 0, 5])).toBe('█▁▅');
  });

  it('draws a constant series as a flat line, and nothing for no values', () => {
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([7])).toBe('▄');
    expect(sparkline([])).toBe('');
  });
});

describe('change', () => {
  it('is the relative change from first to last', () => {
    expect(change(100, 150)).toBe('+50%');
    expect(change(1000, 969)).toBe('-3.1%');
    expect(change(4, 4)).toBe('±0');
    expect(change(0, 3)).toBe('new');
  });
});

describe('appendRun', () => {
  it('appends a new commit and replaces a re-run of the same commit in place', () => {
    const h = history(run(1, { 'a.onnx': point(1) }), run(2, { 'a.onnx': point(2) }));
    const added = appendRun(h, run(3, { 'a.onnx': point(3) }));
    expect(added.runs.map((r) => r.sha)).toEqual([sha(1), sha(2), sha(3)]);
    const rerun = appendRun(added, run(2, { 'a.onnx': point(20) }));
    expect(rerun.runs.map((r) => r.sha)).toEqual([sha(1), sha(2), sha(3)]);
    expect(rerun.runs[1].models['a.onnx'].params).toBe(20);
    expect(h.runs).toHaveLength(2); // not mutated
  });

  it('keeps only the last maxRuns runs', () => {
    let h = emptyHistory();
    for (let i = 1; i <= 7; i++) h = appendRun(h, run(i, { 'a.onnx': point(i) }), 5);
    expect(h.runs.map((r) => r.sha)).toEqual([3, 4, 5, 6, 7].map(sha));
  });
});

describe('parseHistory', () => {
  const good = history(run(1, { 'a.onnx': point(1, 2.5) }), run(2, { 'a.onnx': point(2, 3) }));

  it('reads back what it wrote', () => {
    expect(parseHistory(serializeHistory(good))).toEqual({ history: good });
    expect(parseHistory(null)).toEqual({ history: emptyHistory() });
  });

  it('trims a long file to the last maxRuns runs', () => {
    const long = history(...[1, 2, 3, 4].map((i) => run(i, { 'a.onnx': point(i) })));
    expect(parseHistory(serializeHistory(long), 2).history.runs.map((r) => r.sha)).toEqual([sha(3), sha(4)]);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not JSON', '{"version":', /not valid JSON/],
    ['an array', [], /not a JSON object/],
    ['another version', { version: 2, runs: [] }, /version is not 1/],
    ['runs not an array', { version: 1, runs: {} }, /runs is not an array/],
    ['a run not an object', { version: 1, runs: [7] }, /runs\[0\] is not an object/],
    ['a bad sha', { version: 1, runs: [{ ...run(1, {}), sha: 'main; rm -rf /' }] }, /runs\[0\]\.sha/],
    ['a bad date', { version: 1, runs: [{ ...run(1, {}), date: 'yesterday' }] }, /runs\[0\]\.date/],
    ['a long ref', { version: 1, runs: [{ ...run(1, {}), ref: 'r'.repeat(300) }] }, /runs\[0\]\.ref/],
    ['a negative count', { version: 1, runs: [run(1, { 'a.onnx': { ...point(1), params: -1 } })] }, /params is not a finite number/],
    ['a string count', { version: 1, runs: [run(1, { 'a.onnx': { ...point(1), macs: '1e9' } as unknown as ModelPoint })] }, /macs/],
    ['a missing latency', { version: 1, runs: [run(1, { 'a.onnx': { ...point(1), latency: null } as unknown as ModelPoint })] }, /latency is not an object/],
    [
      'a latency of Infinity (as 1e999)',
      '{"version":1,"runs":[{"sha":"' +
        sha(1) +
        '","ref":"","date":"2026-12-01T00:00:00Z","models":{"a":{"params":1,"macs":1,"flops":1,"weightBytes":1,"peakActivationBytes":1,"latency":{"pi":1e999}}}}]}',
      /latency\.pi/,
    ],
    ['a duplicated sha', { version: 1, runs: [run(1, {}), run(1, {})] }, /appears twice/],
  ];
  it.each(bad)('replaces %s with a fresh history and says why', (_, data, why) => {
    const r = parseHistory(typeof data === 'string' ? data : JSON.stringify(data));
    expect(r.history).toEqual(emptyHistory());
    expect(r.problem).toMatch(why);
  });

  it('does not let a __proto__ model path touch prototypes', () => {
    const text = `{"version":1,"runs":[{"sha":"${sha(1)}","ref":"","date":"2026-12-01T00:00:00Z","models":{"__proto__":${JSON.stringify(point(3))}}}]}`;
    const r = parseHistory(text);
    expect(r.problem).toBeUndefined();
    expect(Object.keys(r.history.runs[0].models)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).params).toBeUndefined();
  });
});

describe('runFromResults', () => {
  it('takes the totals and the latency per device of each model', () => {
    const report = {
      totals: { params: 10, macs: 20, flops: 40, weightBytes: 40, peakActivationBytes: 8 },
      latency: { 'raspberry-pi-5': { ms: 1.5 } },
    } as unknown as ModelReport;
    expect(runFromResults([{ path: 'm.onnx', report }], sha(1), 'refs/heads/main', '2026-12-01T00:00:00.000Z')).toEqual({
      sha: sha(1),
      ref: 'refs/heads/main',
      date: '2026-12-01T00:00:00.000Z',
      models: { 'm.onnx': { params: 10, macs: 20, flops: 40, weightBytes: 40, peakActivationBytes: 8, latency: { 'raspberry-pi-5': 1.5 } } },
    });
  });
});

describe('renderTrend', () => {
  const h = history(...[1, 2, 3, 4].map((i) => run(i, { 'models/a.onnx': point(i * 1000, i) })));

  it('draws the last N runs per model and metric, first -> last and the change', () => {
    const md = renderTrend(h, { runs: 20, branch: 'model-budget-history' });
    expect(md).toContain('### Trend: the last 4 run(s) of `model-budget-history`');
    // params 1k..4k: ▁▃▆█, +300%; peak activations constant: ▄▄▄▄, ±0.
    expect(md).toContain('| `models/a.onnx` | params | ▁▃▆█ | 1k | 4k | +300% |');
    expect(md).toContain('| `models/a.onnx` | MACs | ▁▃▆█ | 10k | 40k | +300% |');
    expect(md).toContain('| `models/a.onnx` | peak activations | ▄▄▄▄ | 1 kB | 1 kB | ±0 |');
    expect(md).toContain('| `models/a.onnx` | latency raspberry-pi-5 | ▁▃▆█ | 1 ms | 4 ms | +300% |');
  });

  it('shows only the last N runs', () => {
    // The last 2 runs: 3k, 4k -> ▁█, +33%.
    expect(renderTrend(h, { runs: 2, branch: 'b' })).toContain('| `models/a.onnx` | params | ▁█ | 3k | 4k | +33% |');
  });

  it('appends a pending run (a PR) as the marked last point, within N', () => {
    const pr = run(99, { 'models/a.onnx': point(2500, 2) });
    const md = renderTrend(h, { runs: 3, branch: 'b', pending: pr });
    // The last 2 runs of the branch (3k, 4k) and the PR (2.5k): (v - 2.5k) / 1.5k * 7 = 2.33, 7, 0.
    expect(md).toContain('| `models/a.onnx` | params | ▃█·▁ | 3k | 2.5k | -17% |');
    expect(md).toContain('the last 2 run(s) of `b` and this run (after ·)');
    expect(md).toContain('| model | metric | trend | first | this run | change |');
  });

  it('skips runs without the model, and escapes model names', () => {
    const odd = 'a|b`<!--x-->.onnx';
    const g = history(run(1, { other: point(1) }), run(2, { [odd]: point(1) }), run(3, { [odd]: point(3) }));
    const md = renderTrend(g, { runs: 20, branch: 'b' });
    expect(md).toContain('| ``a\\|b`<!\u200D--x-\u200D->.onnx`` | params | ▁█ | 1 | 3 | +200% |');
    expect(md).not.toContain('| `other`');
  });

  it('is empty for an empty history', () => {
    expect(renderTrend(emptyHistory(), { runs: 20, branch: 'b' })).toBe('');
  });
});

describe('inputs and when a run records', () => {
  it('accepts plain branch names and relative files only', () => {
    for (const b of ['model-budget-history', 'gh-pages', 'data/history']) expect(validBranch(b)).toBe(true);
    for (const b of ['-x', 'a..b', '.hidden', 'a/', 'x.lock', 'a b', 'a:b', 'refs/heads/x~1']) expect(validBranch(b)).toBe(false);
    for (const f of ['history.json', 'model-budget/history.json']) expect(validFile(f)).toBe(true);
    for (const f of ['/etc/passwd', '../x', 'a/../b', 'a//b', '.git/config', 'a b']) expect(validFile(f)).toBe(false);
  });

  it('records on pushes to the default branch only, never on a PR', () => {
    const push = { name: 'push', isPullRequest: false, ref: 'refs/heads/main', defaultBranch: 'main' };
    expect(shouldRecord('push', push)).toBe(true);
    expect(shouldRecord('push', { ...push, ref: 'refs/heads/dev' })).toBe(false);
    expect(shouldRecord('push', { ...push, defaultBranch: null })).toBe(false);
    expect(shouldRecord('push', { ...push, name: 'schedule' })).toBe(false);
    expect(shouldRecord('always', { ...push, name: 'schedule', ref: 'refs/heads/dev' })).toBe(true);
    expect(shouldRecord('always', { ...push, name: 'pull_request', isPullRequest: true })).toBe(false);
    expect(shouldRecord('always', { ...push, name: 'pull_request_target', isPullRequest: false })).toBe(false);
  });
});

/**
 * The pure part of `npm run accuracy` (scripts/accuracy-lib.ts): statistics checked against
 * hand-worked examples, the Markdown block and its markers, the ORT profile summary.
 */
import { describe, expect, it } from 'vitest';
import {
  END,
  START,
  convKind,
  errorStats,
  profileByClass,
  median,
  profileByOpType,
  ranks,
  renderAccuracy,
  renderOpTypeSummary,
  replaceBlock,
  spearman,
  type MachineInfo,
} from '../../scripts/accuracy-lib.js';

describe('ranks', () => {
  it('ranks 1..n and averages ties', () => {
    expect(ranks([30, 10, 20])).toEqual([3, 1, 2]);
    // 5 and 5 share ranks 2 and 3 -> 2.5 each
    expect(ranks([1, 5, 5, 9])).toEqual([1, 2.5, 2.5, 4]);
  });
});

describe('spearman', () => {
  it('is 1 for any increasing relation and -1 for a decreasing one', () => {
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('matches the hand-worked textbook example (no ties): rho = 1 - 6 sum d^2 / (n (n^2 - 1))', () => {
    // x ranks 1..5; y = [2, 1, 4, 3, 5] -> d = [-1, 1, -1, 1, 0], sum d^2 = 4,
    // rho = 1 - 6*4 / (5*24) = 1 - 24/120 = 0.8
    expect(spearman([10, 20, 30, 40, 50], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('with ties uses Pearson on averaged ranks', () => {
    // x = [1, 2, 2, 3] -> ranks [1, 2.5, 2.5, 4]; y = [1, 2, 3, 4] -> ranks [1, 2, 3, 4].
    // Means 2.5 and 2.5; deviations x [-1.5, 0, 0, 1.5], y [-1.5, -0.5, 0.5, 1.5]
    // cov = 2.25 + 0 + 0 + 2.25 = 4.5; sxx = 4.5; syy = 2.25 + 0.25 + 0.25 + 2.25 = 5
    // rho = 4.5 / sqrt(4.5 * 5) = 0.9487
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
  });

  it('is NaN with fewer than two pairs or a constant side, and refuses unequal lengths', () => {
    expect(spearman([1], [2])).toBeNaN();
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => spearman([1, 2], [1])).toThrow();
  });
});

describe('errorStats', () => {
  it('median |error|, share within ±25% and Spearman', () => {
    // errors: 2/1-1 = +100%, 0.8/1-1 = -20%, 1.25/1-1 = +25% (counts as within), 0.5/1-1 = -50%
    const s = errorStats([2, 0.8, 1.25, 0.5], [1, 1, 1, 1]);
    // |errors| sorted: 0.2, 0.25, 0.5, 1.0 -> median 0.375
    expect(s.medianAbsError).toBeCloseTo(0.375, 12);
    expect(s.within).toBe(2);
    expect(s.n).toBe(4);
    expect(median([3, 1, 2])).toBe(2);
  });
});

const machine: MachineInfo = {
  cpu: 'Test CPU',
  cores: 2,
  threads: 2,
  ort: '1.30.0',
  node: '20.0.0',
  date: '2026-12-02',
  defaultDevice: 'this machine as declared',
  calibratedDevice: 'this-machine',
  method: ['npm run accuracy'],
};

describe('renderAccuracy', () => {
  it('writes one row per model with both ratios, and the summary per device', () => {
    const text = renderAccuracy(
      [
        { model: 'a', dims: 'batch=1', measuredMs: 10, defaultMs: 5, calibratedMs: 11 },
        { model: 'b', dims: 'batch=1', measuredMs: 2, defaultMs: 1, calibratedMs: 2 },
      ],
      machine,
    );
    expect(text).toContain('| a | batch=1 | 10.0 | 5.00 | 0.50 | 11.0 | 1.10 |');
    expect(text).toContain('| b | batch=1 | 2.00 | 1.00 | 0.50 | 2.00 | 1.00 |');
    // default: both -50% -> median 50%, 0 of 2 within; calibrated: +10% and 0% -> median 5%, 2 of 2
    expect(text).toContain('| default: this machine as declared | 50% | 0 of 2 (0%) | 1.000 |');
    expect(text).toContain('| calibrated: this-machine | 5% | 2 of 2 (100%) | 1.000 |');
    expect(text).toContain('Test CPU (2 CPUs, 2 ORT threads), onnxruntime-node 1.30.0');
  });

  it('leaves the calibrated columns out when there is no calibrated estimate', () => {
    const text = renderAccuracy([{ model: 'a', dims: '', measuredMs: 1, defaultMs: 1 }], { ...machine, calibratedDevice: undefined });
    expect(text).not.toContain('calibrated');
  });
});

describe('replaceBlock', () => {
  it('replaces only what lies between the markers', () => {
    const doc = `# t\n\nbefore\n${START}\nold\n${END}\nafter\n`;
    expect(replaceBlock(doc, 'new')).toBe(`# t\n\nbefore\n${START}\nnew\n${END}\nafter\n`);
  });

  it('appends the markers when absent, and refuses them out of order', () => {
    expect(replaceBlock('# t\n', 'x')).toBe(`# t\n\n${START}\nx\n${END}\n`);
    expect(() => replaceBlock(`${END}\n${START}\n`, 'x')).toThrow(/markers/);
  });
});

describe('ORT profile summary', () => {
  it('sums kernel times per op type and divides by the runs', () => {
    const events = [
      { cat: 'Session', name: 'model_loading_uri', dur: 5000 },
      { cat: 'Node', name: 'conv1_kernel_time', dur: 300, args: { op_name: 'Conv' } },
      { cat: 'Node', name: 'conv1_fence_before', dur: 1, args: { op_name: 'Conv' } },
      { cat: 'Node', name: 'conv2_kernel_time', dur: 100, args: { op_name: 'Conv' } },
      { cat: 'Node', name: 'relu_kernel_time', dur: 20, args: { op_name: 'Relu' } },
    ];
    const byOp = profileByOpType(events, 2);
    expect(byOp.get('Conv')).toBe(200);
    expect(byOp.get('Relu')).toBe(10);
    expect(byOp.size).toBe(2);
    const text = renderOpTypeSummary(byOp, new Map([['Conv', 100]]));
    expect(text.split('\n')[1]).toMatch(/^Conv\s+200\.0\s+100\.0\s+0\.50$/);
    expect(text).toMatch(/Relu\s+10\.0\s+–\s+–/);
  });
});

describe('op classes from an ORT profile', () => {
  it('tells convolutions apart by their shapes: X [N, C, ...], W [M, C/group, k...]', () => {
    expect(convKind([1, 32, 112, 112], [32, 1, 3, 3])).toBe('depthwise'); // 32 groups of one channel
    expect(convKind([1, 64, 56, 56], [64, 16, 3, 3])).toBe('grouped'); // 64 / 16 = 4 groups
    expect(convKind([1, 32, 112, 112], [16, 32, 1, 1])).toBe('conv-1x1');
    expect(convKind([1, 3, 224, 224], [32, 3, 3, 3])).toBe('conv');
    expect(convKind([1, 3, 16, 112, 112], [64, 3, 3, 7, 7])).toBe('conv'); // 3-D
    expect(convKind(null, [1, 1, 1])).toBeNull();
  });

  it('sums kernel time per class: convs by shape, ORT fused ops by their work, other types as the engine classes them', () => {
    const ev = (op: string, dur: number, shapes?: number[][]) => ({
      cat: 'Node',
      name: `${op}_kernel_time`,
      dur,
      args: { op_name: op, ...(shapes ? { input_type_shape: shapes.map((s) => ({ float: s })) } : {}) },
    });
    const events = [
      ev('Conv', 40, [
        [1, 32, 8, 8],
        [32, 1, 3, 3],
      ]),
      ev('FusedConv', 60, [
        [1, 32, 8, 8],
        [64, 32, 1, 1],
      ]),
      ev('FusedMatMul', 10),
      ev('MatMul', 10),
      ev('BiasGelu', 4),
      ev('Relu', 2),
      ev('Mystery', 6),
    ];
    const byClass = profileByClass(
      events,
      2,
      new Map([
        ['MatMul', 'gemm'],
        ['Relu', 'elementwise'],
      ]),
    );
    expect(Object.fromEntries(byClass)).toEqual({ depthwise: 20, 'conv-1x1': 30, gemm: 10, elementwise: 3, Mystery: 3 });
  });
});

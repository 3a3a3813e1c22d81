import { describe, expect, it } from 'vitest';
import { floatAttr, outShape, runOp, t } from '../helpers/op.js';
import type { Dim } from '../../src/graph/model.js';
import { MAX_TRACKED_ELEMENTS } from '../../src/graph/info.js';
import { detFlops, fitDtype } from '../../src/ops/elementwise.js';

const flopsOnly = (flops: number) => ({ macs: 0, flops, coreMacs: 0 });

/** Value of output 0. */
function value(r: ReturnType<typeof runOp>): Dim[] | undefined {
  const o = r.outputs[0];
  return o && o.kind === 'tensor' ? o.value : undefined;
}

describe('unary math', () => {
  const same = [
    'Abs',
    'Neg',
    'Exp',
    'Log',
    'Sqrt',
    'Reciprocal',
    'Floor',
    'Ceil',
    'Round',
    'Sign',
    'Sin',
    'Cos',
    'Tan',
    'Asin',
    'Acos',
    'Atan',
    'Sinh',
    'Cosh',
    'Asinh',
    'Acosh',
    'Atanh',
    'Erf',
    'BitwiseNot',
  ];
  it.each(same)('%s keeps shape and dtype, 1 FLOP per element', (op) => {
    const r = runOp(op, { inputs: [t('float16', [2, 'N', 5])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 'N', 5] });
    const c = runOp(op, { inputs: [t('float32', [2, 3, 5])] });
    expect(c.cost).toEqual(flopsOnly(2 * 3 * 5));
    expect(c.warnings).toEqual([]);
  });

  it.each(['IsNaN', 'IsInf', 'Not'])('%s outputs bool', (op) => {
    const r = runOp(op, { inputs: [t(op === 'Not' ? 'bool' : 'float32', [4, 7])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'bool', shape: [4, 7] });
    expect(r.cost).toEqual(flopsOnly(28));
  });

  it('an unknown input gives an unknown shape and no cost, but the dtype when known', () => {
    const r = runOp('Exp', { inputs: [t('float32', null)] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: null });
    expect(r.cost).toBeNull();
    const u = runOp('Exp', { inputs: [undefined] });
    expect(u.outputs[0]).toMatchObject({ shape: null });
    expect(u.cost).toBeNull();
  });

  it('a scalar costs 1', () => {
    expect(runOp('Sqrt', { inputs: [t('float32', [])] }).cost).toEqual(flopsOnly(1));
  });
});

describe('binary broadcasting', () => {
  const cases: [string, Dim[] | null, Dim[] | null, Dim[] | null][] = [
    ['trailing vector', [2, 3, 4], [4], [2, 3, 4]],
    ['both sides stretch', [1, 64, 1, 1], [8, 1, 56, 56], [8, 64, 56, 56]],
    ['scalar', [5, 6], [], [5, 6]],
    ['symbol with 1', ['N', 3], [1, 3], ['N', 3]],
    ['symbol against a number > 1', ['N', 1], [7, 5], [7, 5]],
    ['same symbols', ['N', 'S'], ['N', 'S'], ['N', 'S']],
    ['different symbols are unknown', ['N', 3], ['M', 3], [null, 3]],
    ['incompatible numbers are unknown', [2], [3], [null]],
    ['unknown rank', [2, 3], null, null],
  ];
  it.each(cases)('Add: %s', (_, a, b, out) => {
    const r = runOp('Add', { inputs: [t('float32', a), t('float32', b)] });
    expect(outShape(r)).toEqual(out);
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32' });
  });

  it.each(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Mod', 'BitShift', 'BitwiseAnd', 'BitwiseOr', 'BitwiseXor'])(
    '%s keeps the dtype and costs 1 per output element',
    (op) => {
      const r = runOp(op, { inputs: [t('int32', [3, 1, 5]), t('int32', [4, 1])] });
      expect(r.outputs[0]).toMatchObject({ dtype: 'int32', shape: [3, 4, 5] });
      expect(r.cost).toEqual(flopsOnly(3 * 4 * 5));
    },
  );

  it.each(['Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'And', 'Or', 'Xor'])('%s outputs bool', (op) => {
    const dt = ['And', 'Or', 'Xor'].includes(op) ? 'bool' : 'int64';
    const r = runOp(op, { inputs: [t(dt, [2, 1]), t(dt, [1, 6])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'bool', shape: [2, 6] });
    expect(r.cost).toEqual(flopsOnly(12));
  });

  it('Pow takes the base dtype', () => {
    expect(runOp('Pow', { inputs: [t('float32', [3]), t('int64', [])] }).outputs[0]).toMatchObject({ dtype: 'float32' });
    expect(runOp('Pow', { inputs: [t('int32', [3]), t('float32', [])] }).outputs[0]).toMatchObject({ dtype: 'int32' });
  });

  it('the dtype comes from the other input when the first is unknown', () => {
    expect(runOp('Mul', { inputs: [t(null, [3]), t('float16', [3])] }).outputs[0]).toMatchObject({ dtype: 'float16' });
  });

  it('before opset 7, B broadcasts onto A: the output has A shape', () => {
    const r = runOp('Add', { inputs: [t('float32', [2, 3, 4, 5]), t('float32', [3, 4])], attrs: { broadcast: 1, axis: 1 }, opset: 6 });
    expect(outShape(r)).toEqual([2, 3, 4, 5]);
    expect(r.cost).toEqual(flopsOnly(120));
  });
});

describe('variadic, Where, Clip, CumSum, Det, BiasAdd', () => {
  it('Sum / Max / Min cost n - 1 per element, Mean n', () => {
    const inputs = [t('float32', [4, 1]), t('float32', [1, 5]), t('float32', [5])];
    for (const [op, per] of [
      ['Sum', 2],
      ['Max', 2],
      ['Min', 2],
      ['Mean', 3],
    ] as const) {
      const r = runOp(op, { inputs });
      expect(outShape(r)).toEqual([4, 5]);
      expect(r.cost).toEqual(flopsOnly(per * 20));
    }
  });

  it('a single-input Sum is the identity and costs nothing', () => {
    const r = runOp('Sum', { inputs: [t('float32', [3, 3])] });
    expect(outShape(r)).toEqual([3, 3]);
    expect(r.cost).toEqual(flopsOnly(0));
  });

  it('Where broadcasts three inputs and takes the dtype of X', () => {
    const r = runOp('Where', { inputs: [t('bool', [2, 1, 1]), t('int64', [1, 3, 1]), t('int64', [4])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'int64', shape: [2, 3, 4] });
    expect(r.cost).toEqual(flopsOnly(24));
  });

  it('Clip counts one comparison per given bound (attributes before opset 11, inputs after)', () => {
    const x = t('float32', [2, 8]);
    const old = runOp('Clip', { inputs: [x], attrs: { min: floatAttr(0), max: floatAttr(6) }, opset: 6 });
    expect(outShape(old)).toEqual([2, 8]);
    expect(old.cost).toEqual(flopsOnly(2 * 16));
    const minOnly = runOp('Clip', { inputs: [x, t('float32', [])], opset: 13 });
    expect(minOnly.cost).toEqual(flopsOnly(16));
    const maxOnly = runOp('Clip', { inputs: [x, undefined, t('float32', [])], omit: [1], opset: 13 });
    expect(maxOnly.cost).toEqual(flopsOnly(16));
    const none = runOp('Clip', { inputs: [x], opset: 13 });
    expect(none.cost).toEqual(flopsOnly(0));
  });

  it.each(['CumSum', 'CumProd'])('%s keeps the shape and costs 1 per element', (op) => {
    const r = runOp(op, { inputs: [t('float32', [3, 4]), t('int64', [], [1])], opset: 26 });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [3, 4] });
    expect(r.cost).toEqual(flopsOnly(12));
  });

  it('Det drops the two matrix dims and counts an LU factorisation per matrix', () => {
    const m = 4;
    // LU of an M x M matrix: M(M-1)/2 divides, sum_{k<M} 2k^2 multiply-subtracts, M-1 diagonal products
    let updates = 0;
    for (let k = 1; k < m; k++) updates += 2 * k * k;
    const perMatrix = (m * (m - 1)) / 2 + updates + (m - 1);
    expect(detFlops(m)).toBe(perMatrix);
    const r = runOp('Det', { inputs: [t('float32', [3, m, m])] });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float32', shape: [3] });
    expect(r.cost).toEqual(flopsOnly(3 * perMatrix));
    // 2 x 2: one divide, one multiply-subtract, one product = 4
    expect(runOp('Det', { inputs: [t('float32', [2, 2])] })).toMatchObject({ outputs: [{ shape: [] }], cost: flopsOnly(4) });
    expect(outShape(runOp('Det', { inputs: [t('float32', null)] }))).toBeNull();
  });

  it('com.microsoft BiasAdd has X shape and costs 2 adds per element', () => {
    const r = runOp('BiasAdd', {
      domain: 'com.microsoft',
      inputs: [t('float16', [2, 64, 320]), t('float16', [320]), t('float16', [2, 64, 320])],
    });
    expect(r.outputs[0]).toMatchObject({ dtype: 'float16', shape: [2, 64, 320] });
    expect(r.cost).toEqual(flopsOnly(2 * 2 * 64 * 320));
  });
});

describe('value propagation', () => {
  const i64 = (v: Dim[], shape: Dim[] = [v.length]) => t('int64', shape, v);

  it('Add / Sub / Mul of known ints, with broadcasting', () => {
    expect(value(runOp('Add', { inputs: [i64([3, 4]), i64([1], [])] }))).toEqual([4, 5]);
    expect(value(runOp('Sub', { inputs: [i64([3, 4]), i64([10, 20])] }))).toEqual([-7, -16]);
    expect(value(runOp('Mul', { inputs: [i64([1, 2], [2, 1]), i64([3, 4, 5], [1, 3])] }))).toEqual([3, 4, 5, 6, 8, 10]);
  });

  it('integer Div truncates toward zero; division by zero is unknown', () => {
    expect(value(runOp('Div', { inputs: [i64([7, -7, 6]), i64([2, 2, 0])] }))).toEqual([3, -3, null]);
  });

  it('float Div rounds to the output precision', () => {
    const f32 = value(runOp('Div', { inputs: [t('float32', [1], [1]), t('float32', [1], [3])] }));
    expect(f32).toEqual([Math.fround(1 / 3)]);
    // the nearest half to 1/3 is 0x3555: exponent 13 - 15 = -2, mantissa 0x155 / 1024
    const f16 = value(runOp('Div', { inputs: [t('float16', [1], [1]), t('float16', [1], [3])] }));
    expect(f16).toEqual([(1 + 0x155 / 1024) * 2 ** -2]);
  });

  it('Mod follows the divisor sign (fmod = 0) or the dividend sign (fmod = 1)', () => {
    expect(value(runOp('Mod', { inputs: [i64([-7, 7, 7]), i64([3, 3, -3])] }))).toEqual([2, 1, -2]);
    expect(value(runOp('Mod', { inputs: [i64([-7, 7]), i64([3, -3])], attrs: { fmod: 1 } }))).toEqual([-1, 1]);
    expect(value(runOp('Mod', { inputs: [i64([5]), i64([0])] }))).toEqual([null]);
  });

  it('Pow: exact integers only', () => {
    expect(value(runOp('Pow', { inputs: [i64([2, 3]), i64([3], [])] }))).toEqual([8, 27]);
    expect(value(runOp('Pow', { inputs: [t('float32', [1], [2]), t('float32', [1], [0.5])] }))).toEqual([null]);
    expect(value(runOp('Pow', { inputs: [t('float32', [1], [3]), t('float32', [1], [2])] }))).toEqual([9]);
  });

  it('symbols pass through exact identities only', () => {
    expect(value(runOp('Mul', { inputs: [i64(['N', 3]), i64([1], [])] }))).toEqual(['N', 3]);
    expect(value(runOp('Mul', { inputs: [i64(['N']), i64([2])] }))).toEqual([null]);
    expect(value(runOp('Mul', { inputs: [i64(['N']), i64([0])] }))).toEqual([0]);
    expect(value(runOp('Add', { inputs: [i64(['N']), i64([0])] }))).toEqual(['N']);
    expect(value(runOp('Add', { inputs: [i64(['N']), i64([1])] }))).toEqual([null]);
    expect(value(runOp('Sub', { inputs: [i64(['N', 'S']), i64(['N', 'N'])] }))).toEqual([0, null]);
    expect(value(runOp('Div', { inputs: [i64(['N']), i64([1])] }))).toEqual(['N']);
  });

  it('comparisons: numbers, equal symbols, and symbols (dims >= 0) against negatives', () => {
    expect(value(runOp('Equal', { inputs: [i64(['N', 3, 'S', 'N']), i64(['N', 4, -1, 5])] }))).toEqual([1, 0, 0, null]);
    expect(value(runOp('Less', { inputs: [i64([1, 'N', 'N']), i64([2, 'N', 0])] }))).toEqual([1, 0, 0]);
    expect(value(runOp('GreaterOrEqual', { inputs: [i64(['N', 'N']), i64([0, 1])] }))).toEqual([1, null]);
    expect(value(runOp('Greater', { inputs: [i64(['N']), i64([0])] }))).toEqual([null]);
    expect(value(runOp('LessOrEqual', { inputs: [i64([-1]), i64(['N'])] }))).toEqual([1]);
    const f = t('float32', [2], [NaN, 1]);
    expect(value(runOp('Equal', { inputs: [f, f] }))).toEqual([0, 1]);
  });

  it('Where selects elements, symbols included', () => {
    const cond = t('bool', [3], [1, 0, 1]);
    const r = runOp('Where', { inputs: [cond, i64(['N', 'S', 7]), i64([-1, 8, 9])] });
    expect(value(r)).toEqual(['N', 8, 7]);
    const unknownCond = t('bool', [2], [null, null]);
    expect(value(runOp('Where', { inputs: [unknownCond, i64([5, 'N']), i64([5, 6])] }))).toEqual([5, null]);
  });

  it('Max / Min of numbers and of symbols against non-positive numbers', () => {
    expect(value(runOp('Max', { inputs: [i64([3, 'N', 'N']), i64([5, 0, 'N'])] }))).toEqual([5, 'N', 'N']);
    expect(value(runOp('Min', { inputs: [i64([3, 'N', 'N']), i64([5, 0, 2])] }))).toEqual([3, 0, null]);
    expect(value(runOp('Max', { inputs: [i64([1]), i64([7]), i64([4])] }))).toEqual([7]);
  });

  it('Sum and Mean', () => {
    expect(value(runOp('Sum', { inputs: [i64([1]), i64([2]), i64([3])] }))).toEqual([6]);
    expect(value(runOp('Mean', { inputs: [t('float32', [1], [1]), t('float32', [1], [2])] }))).toEqual([1.5]);
  });

  it('unary: Neg, Abs, Floor, Ceil, Round (half to even), Sign, Sqrt, Reciprocal, Not, IsNaN, IsInf', () => {
    const f = (v: number[]) => t('float32', [v.length], v);
    expect(value(runOp('Neg', { inputs: [i64([3, -2])] }))).toEqual([-3, 2]);
    expect(value(runOp('Abs', { inputs: [i64([-3, 'N'])] }))).toEqual([3, 'N']);
    expect(value(runOp('Floor', { inputs: [f([2.5, -2.5])] }))).toEqual([2, -3]);
    expect(value(runOp('Ceil', { inputs: [f([2.5, -2.5])] }))).toEqual([3, -2]);
    expect(value(runOp('Round', { inputs: [f([2.5, 3.5, -2.5, 1.4])] }))).toEqual([2, 4, -2, 1]);
    expect(value(runOp('Sign', { inputs: [f([-4, 0, 9])] }))).toEqual([-1, 0, 1]);
    expect(value(runOp('Sqrt', { inputs: [f([16, 2])] }))).toEqual([4, Math.fround(Math.SQRT2)]);
    expect(value(runOp('Reciprocal', { inputs: [f([4])] }))).toEqual([0.25]);
    expect(value(runOp('Not', { inputs: [t('bool', [2], [1, 0])] }))).toEqual([0, 1]);
    expect(value(runOp('IsNaN', { inputs: [f([NaN, 1])] }))).toEqual([1, 0]);
    expect(value(runOp('IsInf', { inputs: [f([Infinity, -Infinity, 1])] }))).toEqual([1, 1, 0]);
    expect(value(runOp('IsInf', { inputs: [f([Infinity, -Infinity])], attrs: { detect_negative: 0 } }))).toEqual([1, 0]);
    expect(value(runOp('Exp', { inputs: [f([0])] }))).toBeUndefined();
  });

  it('And / Or / Xor', () => {
    const a = t('bool', [4], [0, 0, 1, 1]);
    const b = t('bool', [4], [0, 1, 0, 1]);
    expect(value(runOp('And', { inputs: [a, b] }))).toEqual([0, 0, 0, 1]);
    expect(value(runOp('Or', { inputs: [a, b] }))).toEqual([0, 1, 1, 1]);
    expect(value(runOp('Xor', { inputs: [a, b] }))).toEqual([0, 1, 1, 0]);
  });

  it('integer results outside the dtype range are unknown, not wrapped', () => {
    const max = 2147483647;
    expect(value(runOp('Add', { inputs: [t('int32', [1], [max]), t('int32', [1], [1])] }))).toEqual([null]);
    expect(value(runOp('Sub', { inputs: [t('uint8', [1], [1]), t('uint8', [1], [2])] }))).toEqual([null]);
  });

  it('Clip of known values and of symbols', () => {
    const r = runOp('Clip', { inputs: [i64([-5, 5, 10]), i64([0], []), i64([7], [])], opset: 13 });
    expect(value(r)).toEqual([0, 5, 7]);
    expect(value(runOp('Clip', { inputs: [i64(['N']), i64([0], [])], opset: 13 }))).toEqual(['N']);
    const old = runOp('Clip', { inputs: [t('float32', [2], [-1, 9])], attrs: { min: floatAttr(0), max: floatAttr(6) }, opset: 6 });
    expect(value(old)).toEqual([0, 6]);
    // a bound whose value is unknown leaves the output unknown
    expect(value(runOp('Clip', { inputs: [i64([1]), t('int64', [])], opset: 13 }))).toBeUndefined();
  });

  it('CumSum: inclusive, exclusive, reverse, along an inner axis', () => {
    const x = i64([1, 2, 3]);
    const axis = i64([0], []);
    expect(value(runOp('CumSum', { inputs: [x, axis] }))).toEqual([1, 3, 6]);
    expect(value(runOp('CumSum', { inputs: [x, axis], attrs: { exclusive: 1 } }))).toEqual([0, 1, 3]);
    expect(value(runOp('CumSum', { inputs: [x, axis], attrs: { reverse: 1 } }))).toEqual([6, 5, 3]);
    expect(value(runOp('CumSum', { inputs: [x, axis], attrs: { reverse: 1, exclusive: 1 } }))).toEqual([5, 3, 0]);
    const m = i64([1, 2, 3, 4], [2, 2]);
    expect(value(runOp('CumSum', { inputs: [m, i64([-1], [])] }))).toEqual([1, 3, 3, 7]);
    expect(value(runOp('CumSum', { inputs: [m, i64([0], [])] }))).toEqual([1, 2, 4, 6]);
    expect(value(runOp('CumProd', { inputs: [x, axis], opset: 26 }))).toEqual([1, 2, 6]);
  });

  it('no value without the dtype, for large outputs, or under legacy broadcasting', () => {
    expect(value(runOp('Add', { inputs: [t(null, [1], [1]), t(null, [1], [2])] }))).toBeUndefined();
    const n = MAX_TRACKED_ELEMENTS + 1;
    const big = t('int64', [n], new Array(n).fill(1));
    expect(value(runOp('Add', { inputs: [big, i64([1], [])] }))).toBeUndefined();
    expect(value(runOp('Add', { inputs: [i64([1, 2]), i64([1])], attrs: { broadcast: 1 }, opset: 6 }))).toBeUndefined();
  });

  it('a partly known input gives a partly known value', () => {
    expect(value(runOp('Add', { inputs: [i64([null, 2]), i64([1], [])] }))).toEqual([null, 3]);
  });
});

describe('fitDtype', () => {
  it('rounds floats to the dtype and checks integer ranges', () => {
    expect(fitDtype(0.1, 'float32')).toBe(Math.fround(0.1));
    expect(fitDtype(0.1, 'float64')).toBe(0.1);
    expect(fitDtype(2049, 'float16')).toBe(2048); // ties to even at spacing 2
    expect(fitDtype(2051, 'float16')).toBe(2052);
    expect(fitDtype(70000, 'float16')).toBe(Infinity);
    expect(fitDtype(257, 'bfloat16')).toBe(256);
    expect(fitDtype(300, 'uint8')).toBeNull();
    expect(fitDtype(-1, 'uint32')).toBeNull();
    expect(fitDtype(2.5, 'int64')).toBeNull();
    expect(fitDtype(5, 'bool')).toBe(1);
    expect(fitDtype('N', 'int64')).toBe('N');
    expect(fitDtype('N', 'bool')).toBeNull();
  });
});

/**
 * The glob matcher (src/budgets/glob.ts): git pathspec syntax through braces + picomatch, and
 * hostile patterns that a backtracking regex takes minutes on, answered at once (no timing here:
 * each would hang the test if it were exponential).
 */
import { describe, expect, it } from 'vitest';
import { compileGlob, globBase, isGlob, GlobError } from '../../src/budgets/glob.js';

const cases: [string, string, boolean][] = [
  ['models/*.onnx', 'models/a.onnx', true],
  ['models/*.onnx', 'models/sub/a.onnx', false],
  ['models/*.onnx', 'models/.hidden.onnx', true],
  ['models/**/*.onnx', 'models/a.onnx', true],
  ['models/**/*.onnx', 'models/x/y/a.onnx', true],
  ['**/*.onnx', 'a.onnx', true],
  ['models/net_[b-c].onnx', 'models/net_b.onnx', true],
  ['models/net_[b-c].onnx', 'models/net_d.onnx', false],
  ['models/net_[!b].onnx', 'models/net_b.onnx', false],
  ['m/[[:digit:]].onnx', 'm/7.onnx', true],
  ['m/?.onnx', 'm/ab.onnx', false],
  ['m/{a,{b,c}}.onnx', 'm/c.onnx', true],
  ['m/x{1..3}.onnx', 'm/x3.onnx', true],
  ['m/x{1..3}.onnx', 'm/x4.onnx', false],
  ['m/+(a|b).onnx', 'm/abba.onnx', true],
  ['m/!(x).onnx', 'm/x.onnx', false],
  ['m/!(x).onnx', 'm/y.onnx', true],
  ['m/@(a|b).onnx', 'm/ab.onnx', false],
  ['!m/x.onnx', 'm/y.onnx', true],
  ['!m/x.onnx', 'm/x.onnx', false],
  ['m/\\*.onnx', 'm/*.onnx', true],
  ['m/\\*.onnx', 'm/a.onnx', false],
  ['m/*ab*ab', 'm/ab', false],
  ['m/*ab*ab', 'm/abab', true],
  ['m/a*b*c', 'm/abc', true],
  ['m/a*b*c', 'm/acb', false],
  ['./m/*.onnx', 'm/a.onnx', true],
];

describe('glob syntax', () => {
  it.each(cases)('%s vs %s -> %s', (pattern, path, expected) => {
    expect(compileGlob(pattern)(path)).toBe(expected);
  });

  it('base folder and glob detection', () => {
    expect(globBase('models/**/x/*.onnx')).toBe('models');
    expect(globBase('{a,b}/*.onnx')).toBe('.');
    expect(globBase('models/net_[b-c].onnx')).toBe('models');
    expect(isGlob('models/net_[b-c].onnx')).toBe(true);
    expect(isGlob('models/x.onnx')).toBe(false);
  });
});

describe('hostile patterns: linear, or refused with a reason', () => {
  const name = 'a'.repeat(200);
  it('12 star groups against a 200-character name', () => {
    expect(compileGlob(`m/${'*a'.repeat(12)}*b.onnx`)(`m/${name}.onnx`)).toBe(false);
    expect(compileGlob(`m/${'*a'.repeat(12)}*.onnx`)(`m/${name}.onnx`)).toBe(true);
  });
  it('40 nested ** against 60 folders', () => {
    expect(compileGlob(`${'**/'.repeat(40)}*.onnx`)(`${'d/'.repeat(60)}x.onn`)).toBe(false);
    expect(compileGlob(`${'**/'.repeat(40)}*.onnx`)(`${'d/'.repeat(60)}x.onnx`)).toBe(true);
    expect(compileGlob(`${'**/a/'.repeat(10)}*.onnx`)(`${'a/'.repeat(60)}x.onn`)).toBe(false);
  });
  it('exponential braces and unbounded extglob repetition are refused', () => {
    expect(() => compileGlob('{a,b}'.repeat(20))).toThrow(GlobError);
    expect(() => compileGlob('{1..100000}')).toThrow(/expand to more than/);
    expect(() => compileGlob('m/*(*a)*(*a)*(*a)*(*a)b')).toThrow(/at most 3 repetitions/);
    expect(() => compileGlob('m/*(a|*(b))')).toThrow(GlobError);
    expect(compileGlob('m/*(a|a)*(a|a)*(a|a)b')(`m/${'a'.repeat(250)}`)).toBe(false);
  });
});

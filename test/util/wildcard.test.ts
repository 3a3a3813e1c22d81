/** Wildcards for names from files: `*` any run (dots too), `?` one character, the rest literal. */
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/util/wildcard.js';
import { nameMatcher } from '../../src/analysis/kv-cache.js';

describe('globMatch', () => {
  it('globs: * any run (dots too), ? one character, the rest literal; hostile patterns stay fast', () => {
    expect(globMatch('past_key_values.*.key', 'past_key_values.12.key')).toBe(true);
    expect(globMatch('past_key_values.*.key', 'past_key_values_12_key')).toBe(false);
    expect(globMatch('cache_?', 'cache_k')).toBe(true);
    expect(globMatch('cache_?', 'cache_')).toBe(false);
    expect(globMatch('(a)+', '(a)+')).toBe(true);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('a*b*c', 'abxbxc')).toBe(true);
    expect(globMatch('a*b*c', 'abxbx')).toBe(false);
    // 40 stars against 10,000 characters that never match: linear-ish, not exponential.
    expect(globMatch(`${'*a'.repeat(40)}b`, 'a'.repeat(10_000))).toBe(false);
  });
});

describe('kv-cache name patterns', () => {
  it('match through globMatch: a hostile pattern from a budgets file stays fast', () => {
    expect(nameMatcher('past_key_values.*.key')('past_key_values.3.key')).toBe(true);
    expect(nameMatcher('past.0.key')('past.0.key')).toBe(true);
    expect(nameMatcher('past.0.key')('pastX0Xkey')).toBe(false);
    expect(nameMatcher(`${'*a'.repeat(40)}b`)('a'.repeat(10_000))).toBe(false);
  });
});

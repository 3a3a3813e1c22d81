import { describe, expect, it } from 'vitest';
import {
  COMMENT_LIMIT,
  checkNews,
  commentMarker,
  decideComment,
  findOwnComment,
  fitComment,
  mayCreateComment,
  type OutcomeForNews,
} from '../../src/action/comment.js';

describe('sticky comment decisions', () => {
  const marker = commentMarker('detector');

  it('the marker is a hidden HTML comment naming the key, and keys cannot break out of it', () => {
    expect(marker).toBe('<!-- model-budget comment: detector -->');
    expect(commentMarker('a --> <script>')).toBe('<!-- model-budget comment: a_--___script_ -->');
    expect(commentMarker('')).toBe('<!-- model-budget comment: default -->');
  });

  it('finds only our own comment carrying the marker', () => {
    const comments = [
      { id: 1, body: `${marker}\nquoted by a person`, user: { login: 'alice', type: 'User' } },
      { id: 2, body: 'unrelated', user: { login: 'github-actions[bot]', type: 'Bot' } },
      { id: 3, body: `${commentMarker('other')}\n`, user: { login: 'github-actions[bot]', type: 'Bot' } },
      { id: 4, body: `${marker}\nours`, user: { login: 'github-actions[bot]', type: 'Bot' } },
    ];
    expect(findOwnComment(comments, marker, 'github-actions[bot]')?.id).toBe(4);
    expect(findOwnComment(comments, marker, 'someone-else')).toBeUndefined();
    expect(findOwnComment(comments, marker, null)?.id).toBe(4);
  });

  it('creates, updates, or skips an unchanged body', () => {
    expect(decideComment(undefined, 'x')).toEqual({ kind: 'create' });
    expect(decideComment({ id: 7, body: 'old' }, 'new')).toEqual({ kind: 'update', id: 7 });
    expect(decideComment({ id: 7, body: 'same\r\n' }, 'same')).toEqual({ kind: 'skip', id: 7 });
  });
});

describe('fitting a long comment', () => {
  it('leaves short bodies alone', () => {
    expect(fitComment('short', 'see the summary')).toBe('short');
  });

  it('cuts at a line under the limit, closes open details and points to the summary', () => {
    const lines = ['<!-- m -->', '<details>', ...Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${'x'.repeat(20)} |`)];
    const body = lines.join('\n');
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT);
    const out = fitComment(body, 'The full report is in the job summary.');
    expect(out.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(out.startsWith('<!-- m -->')).toBe(true);
    expect(out).toMatch(/<\/details>\n\n…/);
    expect(out).toMatch(/cut to fit GitHub's 65,536-character limit\. The full report is in the job summary\./);
    // every kept row is whole
    expect(
      out
        .split('\n')
        .filter((l) => l.startsWith('| row'))
        .every((l) => l.endsWith('|')),
    ).toBe(true);
  });
});

describe('comment: on-change', () => {
  const base = { totals: {} };
  const outcome = (o: Partial<OutcomeForNews> = {}): OutcomeForNews => ({
    evaluation: { rows: [{ change: null }, { change: null }] },
    violations: [],
    results: [{ base }, { base }],
    removedModels: [],
    json: { base: { models: [] } },
    ...o,
  });
  const none = { changedFigures: 0, addedModels: 0, removedModels: 0, brokenBudgets: 0 };

  it('nothing changed (every change below min-change is null): no news', () => {
    expect(checkNews(outcome())).toEqual(none);
    expect(mayCreateComment('on-change', checkNews(outcome()))).toBe(false);
  });

  it('a changed figure, a new or removed model, or a broken (or warned) budget is news', () => {
    const changed = checkNews(outcome({ evaluation: { rows: [{ change: { delta: 5, percent: 1 } }, { change: null }] } }));
    expect(changed).toEqual({ ...none, changedFigures: 1 });
    expect(checkNews(outcome({ results: [{ base }, { base: null }] }))).toEqual({ ...none, addedModels: 1 });
    expect(checkNews(outcome({ removedModels: ['models/old.onnx'] }))).toEqual({ ...none, removedModels: 1 });
    expect(checkNews(outcome({ violations: [{ level: 'warn' }] }))).toEqual({ ...none, brokenBudgets: 1 });
    for (const news of [changed, { ...none, addedModels: 1 }, { ...none, removedModels: 1 }, { ...none, brokenBudgets: 1 }]) {
      expect(mayCreateComment('on-change', news)).toBe(true);
    }
  });

  it('a model with no base for a stated reason (LFS pointer), or no baseline at all, is not news', () => {
    expect(checkNews(outcome({ results: [{ base }, { base: null, baseNote: 'is a Git LFS pointer' }] }))).toEqual(none);
    // baseline: none: every model lacks a base; only broken budgets can make news.
    expect(checkNews(outcome({ json: { base: null }, results: [{ base: null }], removedModels: [] }))).toEqual(none);
    expect(checkNews(outcome({ json: { base: null }, results: [{ base: null }], violations: [{}] })).brokenBudgets).toBe(1);
  });

  it('update always may create, off never', () => {
    expect(mayCreateComment('update', none)).toBe(true);
    expect(mayCreateComment('off', { ...none, brokenBudgets: 3 })).toBe(false);
  });
});

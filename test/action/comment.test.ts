import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, commentMarker, decideComment, findOwnComment, fitComment } from '../../src/action/comment.js';

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
    expect(out.split('\n').filter((l) => l.startsWith('| row')).every((l) => l.endsWith('|'))).toBe(true);
  });
});

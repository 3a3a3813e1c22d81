/**
 * The PR-comment examples in docs/action.md and README.md are what scripts/comment-examples.ts
 * generates from the fixtures (fresh, like dist/): run `npx tsx scripts/comment-examples.ts` after
 * changing the comment.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TARGETS, withExamples } from '../../scripts/comment-examples.js';

describe('the comment examples in the docs', () => {
  for (const t of TARGETS) {
    it(`${t.file.replace(/.*[\\/](docs[\\/])?/, '$1')} is fresh`, () => {
      const text = readFileSync(t.file, 'utf8');
      expect(text).toContain(t.begin);
      expect(text).toContain(t.end);
      expect(withExamples(text, t) === text, `${t.file} is stale: run npx tsx scripts/comment-examples.ts`).toBe(true);
    });
  }

  it('docs/action.md shows a 1-model PR and a 40-model monorepo PR', () => {
    const t = TARGETS[0];
    const text = readFileSync(t.file, 'utf8');
    const section = text.slice(text.indexOf(t.begin), text.indexOf(t.end));
    expect(section).toContain('\n1 model: 1 changed, 0 broken, 0 warnings, 0 new, 0 removed\n');
    expect(section).toContain('\n40 models: 2 changed, 0 broken, 0 warnings, 0 new, 0 removed\n');
    expect(section).toContain('<details><summary>38 unchanged models</summary>');
  });
});

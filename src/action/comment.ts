/**
 * The sticky PR comment, as pure decisions: its hidden marker, finding ours among a page of
 * comments, and whether to create, update or leave it. Transport lives in github-api.ts.
 */

/** GitHub rejects comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;

export interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
}

/** The hidden marker that identifies our comment for one `comment-key`. */
export function commentMarker(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._/-]/g, '_').slice(0, 100);
  return `<!-- model-budget comment: ${safe || 'default'} -->`;
}

/**
 * Our comment among `comments`: written by `login` (the token's own user, when known) and
 * carrying the marker. With no login known, the marker alone decides, restricted to bots.
 */
export function findOwnComment(comments: readonly IssueComment[], marker: string, login: string | null): IssueComment | undefined {
  return comments.find((c) => {
    if (!c.body?.includes(marker)) return false;
    if (login) return c.user?.login === login;
    return c.user?.type === 'Bot';
  });
}

export type CommentAction = { kind: 'create' } | { kind: 'update'; id: number } | { kind: 'skip'; id: number };

/** Compare bodies ignoring trailing whitespace differences GitHub may introduce. */
export function sameBody(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n/g, '\n').trimEnd();
  return norm(a) === norm(b);
}

export function decideComment(existing: IssueComment | undefined, body: string): CommentAction {
  if (!existing) return { kind: 'create' };
  if (sameBody(existing.body ?? '', body)) return { kind: 'skip', id: existing.id };
  return { kind: 'update', id: existing.id };
}

/**
 * Cut a body to fit GitHub's limit, at a line boundary, with a pointer to the full report.
 * The marker (first line) always survives.
 */
export function fitComment(body: string, pointer: string, limit = COMMENT_LIMIT): string {
  if (body.length <= limit) return body;
  const note = `\n\n…\n\n> ✂️ This comment was cut to fit GitHub's ${limit.toLocaleString('en-US')}-character limit. ${pointer}\n`;
  let cut = body.slice(0, limit - note.length - 64);
  const nl = cut.lastIndexOf('\n');
  if (nl > 0) cut = cut.slice(0, nl);
  // Close any <details> left open by the cut, so the rest of the page renders.
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  return cut + '\n</details>'.repeat(Math.max(0, open)) + note;
}

/** The `comment` input: always keep a comment, only when there is something to say, or never. */
export type CommentMode = 'update' | 'on-change' | 'off';

/** What a check found worth a new comment. */
export interface CheckNews {
  /** Figures that changed beyond the model's `min-change`. */
  changedFigures: number;
  /** Models new in the PR or gone from it (only when there is a baseline to compare with). */
  addedModels: number;
  removedModels: number;
  /** Budgets broken, errors and warnings alike. */
  brokenBudgets: number;
}

/** The parts of a check outcome (src/check/run.ts CheckOutcome) the decision reads. */
export interface OutcomeForNews {
  evaluation: { rows: readonly { change: unknown }[] };
  violations: readonly unknown[];
  results: readonly { base: unknown; baseNote?: string }[];
  removedModels: readonly string[];
  json: { base: unknown };
}

export function checkNews(o: OutcomeForNews): CheckNews {
  const compared = o.json.base !== null && o.json.base !== undefined;
  return {
    changedFigures: o.evaluation.rows.filter((r) => r.change !== null && r.change !== undefined).length,
    // A model with no base for a stated reason (a Git LFS pointer at the base) is not news.
    addedModels: compared ? o.results.filter((r) => !r.base && !r.baseNote).length : 0,
    removedModels: compared ? o.removedModels.length : 0,
    brokenBudgets: o.violations.length,
  };
}

/**
 * May the action create a comment where none exists? `update`: always; `off`: never;
 * `on-change`: only when a figure changed, a model came or went, or a budget is broken (or
 * warned). An existing comment is updated whatever the news (so a fixed PR's comment turns green).
 */
export function mayCreateComment(mode: CommentMode, news: CheckNews): boolean {
  if (mode === 'off') return false;
  if (mode === 'update') return true;
  return news.changedFigures + news.addedModels + news.removedModels + news.brokenBudgets > 0;
}

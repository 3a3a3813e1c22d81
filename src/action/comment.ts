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

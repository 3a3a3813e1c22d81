/**
 * The REST transport against the local stand-in: pagination, the token's own login, and the
 * create / update / skip decisions of the sticky comment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS_BOT, GitHubApi, GitHubApiError, upsertStickyComment } from '../../src/action/github-api.js';
import { commentMarker } from '../../src/action/comment.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

let fake: FakeGitHub;
const repo = { owner: 'acme', repo: 'models' };

beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(async () => {
  await fake.close();
});

describe('GitHubApi', () => {
  it('an installation token cannot read /user: it is the Actions bot', async () => {
    expect(await new GitHubApi('t', fake.url).ownLogin()).toBe(ACTIONS_BOT);
  });

  it('finds our comment past the first pages and updates it in place', async () => {
    const issue = 11;
    const others = Array.from({ length: 230 }, (_, i) => ({ id: i + 1, body: `comment ${i}`, user: { login: 'alice', type: 'User' } }));
    // A person quoting our marker does not count; only the bot's own comment does.
    others[5].body = `${commentMarker('k')}\nquoted`;
    fake.comments.set(issue, [...others, { id: 999, body: `${commentMarker('k')}\nold`, user: { login: ACTIONS_BOT, type: 'Bot' } }]);
    const api = new GitHubApi('t', fake.url);
    const r = await upsertStickyComment(api, repo, issue, 'k', 'new body');
    expect(r).toEqual({ action: 'update', id: 999 });
    expect(fake.comments.get(issue)!.at(-1)!.body).toBe(`${commentMarker('k')}\nnew body`);
    const pages = fake.requests.filter((q) => q.path.startsWith(`/repos/acme/models/issues/${issue}/comments?`));
    expect(pages.map((q) => q.path)).toEqual([1, 2, 3].map((p) => `/repos/acme/models/issues/${issue}/comments?per_page=100&page=${p}`));
    // Same body again: nothing is written.
    const before = fake.requests.filter((q) => q.method !== 'GET').length;
    expect(await upsertStickyComment(api, repo, issue, 'k', 'new body')).toEqual({ action: 'skip', id: 999 });
    expect(fake.requests.filter((q) => q.method !== 'GET').length).toBe(before);
  });

  it('another comment-key gets its own comment', async () => {
    const issue = 12;
    const api = new GitHubApi('t', fake.url);
    const a = await upsertStickyComment(api, repo, issue, 'detector', 'A');
    const b = await upsertStickyComment(api, repo, issue, 'captioner', 'B');
    expect(a.action).toBe('create');
    expect(b.action).toBe('create');
    expect(a.id).not.toBe(b.id);
    expect(fake.comments.get(issue)).toHaveLength(2);
  });

  it('errors carry the HTTP status', async () => {
    fake.readOnly = true;
    try {
      await expect(upsertStickyComment(new GitHubApi('t', fake.url), repo, 13, 'k', 'x')).rejects.toMatchObject({ status: 403 });
      await expect(new GitHubApi('t', fake.url).createComment(repo, 13, 'x')).rejects.toBeInstanceOf(GitHubApiError);
    } finally {
      fake.readOnly = false;
    }
  });
});

/**
 * The REST transport against the local stand-in: pagination, the token's own login, the
 * create / update / skip decisions of the sticky comment, proxies, retries, and a warning that
 * names each cause of failure. Retry delays are scaled down (retryBaseMs) to keep this fast.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS_BOT, GitHubApi, GitHubApiError, commentFailureWarning, upsertStickyComment, type TransportOptions } from '../../src/action/github-api.js';
import { commentMarker } from '../../src/action/comment.js';
import { primaryRateLimit, secondaryRateLimit, startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { startProxy, type TestProxy } from './proxy.js';

let fake: FakeGitHub;
let proxy: TestProxy;
const repo = { owner: 'acme', repo: 'models' };
const FAST: Partial<TransportOptions> = { retryBaseMs: 5, spaceWrites: false, requestTimeoutMs: 2000, totalMs: 10_000 };
const api = (token = 't', url = fake.url, o: Partial<TransportOptions> = {}) => new GitHubApi(token, url, { ...FAST, ...o });

const PROXY_VARS = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];
const saved = Object.fromEntries(PROXY_VARS.map((k) => [k, process.env[k]]));
function setProxyEnv(vars: Record<string, string>): void {
  for (const k of PROXY_VARS) delete process.env[k];
  Object.assign(process.env, vars);
}

beforeAll(async () => {
  fake = await startFakeGitHub();
  proxy = await startProxy({ 'api.github.test': Number(new URL(fake.url).port) });
  setProxyEnv({});
});
afterEach(() => {
  fake.faults = [];
  fake.readOnly = false;
  setProxyEnv({});
});
afterAll(async () => {
  for (const k of PROXY_VARS)
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  await proxy.close();
  await fake.close();
});

/** A port on 127.0.0.1 where nothing listens. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function failure(p: Promise<unknown>): Promise<GitHubApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(GitHubApiError);
  return e as GitHubApiError;
}

describe('GitHubApi', () => {
  it('an installation token cannot read /user: it is the Actions bot', async () => {
    expect(await api().ownLogin()).toBe(ACTIONS_BOT);
  });

  it('finds our comment past the first pages and updates it in place', async () => {
    const issue = 11;
    const others = Array.from({ length: 230 }, (_, i) => ({ id: i + 1, body: `comment ${i}`, user: { login: 'alice', type: 'User' } }));
    // A person quoting our marker does not count; only the bot's own comment does.
    others[5].body = `${commentMarker('k')}\nquoted`;
    fake.comments.set(issue, [...others, { id: 999, body: `${commentMarker('k')}\nold`, user: { login: ACTIONS_BOT, type: 'Bot' } }]);
    const r = await upsertStickyComment(api(), repo, issue, 'k', 'new body');
    expect(r).toEqual({ action: 'update', id: 999 });
    expect(fake.comments.get(issue)!.at(-1)!.body).toBe(`${commentMarker('k')}\nnew body`);
    const pages = fake.requests.filter((q) => q.path.startsWith(`/repos/acme/models/issues/${issue}/comments?`));
    expect(pages.map((q) => q.path)).toEqual([1, 2, 3].map((p) => `/repos/acme/models/issues/${issue}/comments?per_page=100&page=${p}`));
    // Same body again: nothing is written.
    const before = fake.requests.filter((q) => q.method !== 'GET').length;
    expect(await upsertStickyComment(api(), repo, issue, 'k', 'new body')).toEqual({ action: 'skip', id: 999 });
    expect(fake.requests.filter((q) => q.method !== 'GET').length).toBe(before);
  });

  it('another comment-key gets its own comment', async () => {
    const issue = 12;
    const a = await upsertStickyComment(api(), repo, issue, 'detector', 'A');
    const b = await upsertStickyComment(api(), repo, issue, 'captioner', 'B');
    expect(a.action).toBe('create');
    expect(b.action).toBe('create');
    expect(a.id).not.toBe(b.id);
    expect(fake.comments.get(issue)).toHaveLength(2);
  });

  it('create: false (comment: on-change with nothing to say) creates none, but still updates an existing one', async () => {
    const issue = 14;
    expect(await upsertStickyComment(api(), repo, issue, 'k', 'quiet', false)).toEqual({ action: 'none', id: 0 });
    expect(fake.comments.get(issue) ?? []).toHaveLength(0);
    const made = await upsertStickyComment(api(), repo, issue, 'k', 'red');
    expect(await upsertStickyComment(api(), repo, issue, 'k', 'green', false)).toEqual({ action: 'update', id: made.id });
    expect(fake.comments.get(issue)![0].body).toBe(`${commentMarker('k')}\ngreen`);
  });

  it('errors carry the HTTP status', async () => {
    fake.readOnly = true;
    await expect(upsertStickyComment(api(), repo, 13, 'k', 'x')).rejects.toMatchObject({ status: 403 });
    await expect(api().createComment(repo, 13, 'x')).rejects.toBeInstanceOf(GitHubApiError);
  });
});

describe('proxies', () => {
  it('HTTP_PROXY: a host only the proxy can resolve is reached through it', async () => {
    setProxyEnv({ HTTP_PROXY: proxy.url });
    const before = proxy.seen.length;
    const client = api('t', 'http://api.github.test');
    expect(client.proxy()).toBe(proxy.url);
    const r = await upsertStickyComment(client, repo, 21, 'k', 'via proxy');
    expect(r.action).toBe('create');
    expect(fake.comments.get(21)![0].body).toContain('via proxy');
    expect(proxy.seen.slice(before).some((l) => /api\.github\.test/.test(l))).toBe(true);
  });

  it('HTTPS_PROXY for an https API (tunnelled with CONNECT to port 443), with the credentials of the proxy URL', async () => {
    const withAuth = proxy.url.replace('http://', 'http://user:s%40cret@');
    setProxyEnv({ HTTPS_PROXY: withAuth, HTTP_PROXY: 'http://127.0.0.1:9' });
    const before = proxy.seen.length;
    // The stand-in speaks plain HTTP, so the TLS handshake through the tunnel fails: what counts is the tunnel.
    await failure(api('t', 'https://api.github.test', { retries: 0 }).ownLogin());
    expect(proxy.seen.slice(before)).toContain('CONNECT api.github.test:443');
    expect(proxy.auth[before]).toBe(`Basic ${Buffer.from('user:s@cret').toString('base64')}`);
  });

  it('NO_PROXY bypasses it: the name does not resolve, and the warning says the API was unreachable', async () => {
    setProxyEnv({ HTTP_PROXY: proxy.url, NO_PROXY: 'example.com,.github.test' });
    const client = api('t', 'http://api.github.test', { retries: 0 });
    expect(client.proxy()).toBeNull();
    const before = proxy.seen.length;
    const e = await failure(upsertStickyComment(client, repo, 22, 'k', 'x'));
    expect(proxy.seen.length).toBe(before);
    expect(e.status).toBe(0);
    const w = commentFailureWarning(e, client);
    expect(w).toMatch(/could not be reached .*api\.github\.test/);
    expect(w).toMatch(/HTTPS_PROXY/);
    expect(w).not.toMatch(/fork/);
  });

  it('a proxy that is down: the warning names the proxy, after the retries', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    setProxyEnv({ HTTPS_PROXY: dead, HTTP_PROXY: dead });
    const client = api('t', 'https://api.github.test', { retries: 1 });
    const e = await failure(client.ownLogin());
    expect(e.cause_).toBe('network');
    const w = commentFailureWarning(e, client);
    expect(w).toContain(`through the proxy ${dead}`);
    expect(w).not.toMatch(/fork/);
  });
});

describe('retries', () => {
  it('a 502 is retried', async () => {
    fake.faults.push({ method: 'POST', status: 502, body: { message: 'Bad Gateway' } });
    const r = await upsertStickyComment(api(), repo, 31, 'k', 'x');
    expect(r.action).toBe('create');
    expect(fake.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/issues/31/comments'))).toHaveLength(2);
  });

  it('a secondary rate limit is waited out (retry-after) and retried', async () => {
    fake.faults.push(secondaryRateLimit(1, { method: 'GET', path: /\/issues\/32\/comments/ }));
    const r = await upsertStickyComment(api(), repo, 32, 'k', 'x');
    expect(r.action).toBe('create');
    expect(fake.requests.filter((q) => q.method === 'GET' && q.path.includes('/issues/32/comments'))).toHaveLength(2);
  });

  it('a primary rate limit resetting soon is waited out', async () => {
    fake.faults.push(primaryRateLimit(1, { method: 'POST' }));
    expect((await upsertStickyComment(api(), repo, 33, 'k', 'x')).action).toBe('create');
  });

  it('5xx every time: a few retries, then a warning that says so', async () => {
    fake.faults.push({ path: /\/issues\/34\/comments/, status: 503, times: 10, body: { message: 'Service Unavailable' } });
    const e = await failure(upsertStickyComment(api(), repo, 34, 'k', 'x'));
    expect(fake.requests.filter((q) => q.path.includes('/issues/34/comments'))).toHaveLength(4);
    expect(e.status).toBe(503);
    const w = commentFailureWarning(e);
    expect(w).toMatch(/kept failing .*503 Service Unavailable/);
    expect(w).not.toMatch(/fork/);
  });

  it('past the total time limit, a failed attempt is not retried', async () => {
    fake.faults.push({ path: /\/issues\/35\/comments/, status: 503, times: 10, body: { message: 'Service Unavailable' } });
    const e = await failure(upsertStickyComment(api('t', fake.url, { totalMs: 0 }), repo, 35, 'k', 'x'));
    expect(e.status).toBe(503);
    expect(fake.requests.filter((q) => q.path.includes('/issues/35/comments'))).toHaveLength(1);
  });
});

describe('a warning per cause; only a 403 mentions forks', () => {
  const cases: [string, () => Promise<GitHubApiError>, RegExp][] = [
    ['401', () => failure(upsertStickyComment(api('bad-token'), repo, 41, 'k', 'x')), /token was rejected .*401 Bad credentials/],
    [
      '403 read-only token',
      async () => {
        fake.readOnly = true;
        return failure(upsertStickyComment(api(), repo, 42, 'k', 'x'));
      },
      /may not write comments .*403 Resource not accessible by integration.*fork/,
    ],
    [
      '404',
      async () => {
        fake.faults.push({ path: /\/issues\/43\/comments/, status: 404, body: { message: 'Not Found' } });
        return failure(upsertStickyComment(api(), repo, 43, 'k', 'x'));
      },
      /not found .*404 Not Found/,
    ],
    [
      'rate limit exhausted',
      async () => {
        fake.faults.push(primaryRateLimit(3600, { path: /\/issues\/44\/comments/ }));
        return failure(upsertStickyComment(api(), repo, 44, 'k', 'x'));
      },
      /rate limit is exhausted .*403 API rate limit exceeded.*resets at \d\d:\d\d UTC/,
    ],
    [
      'network',
      async () => failure(upsertStickyComment(api('t', `http://127.0.0.1:${await deadPort()}`, { retries: 0 }), repo, 45, 'k', 'x')),
      /could not be reached .*ECONNREFUSED/,
    ],
  ];
  for (const [name, make, expected] of cases) {
    it(name, async () => {
      const w = commentFailureWarning(await make());
      expect(w).toMatch(expected);
      expect(w).toMatch(/job summary and the comment-body output/);
      if (!name.startsWith('403')) expect(w).not.toMatch(/fork/i);
    });
  }
});

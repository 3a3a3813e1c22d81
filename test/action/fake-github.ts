/**
 * A stand-in for the GitHub REST API on 127.0.0.1, for the action's end-to-end test: it keeps
 * issue comments in memory, paginates them like GitHub (absolute `link` URLs on the host the
 * client asked for), and can be told to refuse writes (403, as a fork PR's read-only token gets)
 * or to answer the next matching requests with a fault (a 502, a rate limit, a 404 ...).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakeGitHub {
  url: string;
  comments: Map<number, FakeComment[]>;
  requests: { method: string; path: string }[];
  /** Refuse comment writes with 403 "Resource not accessible by integration". */
  readOnly: boolean;
  /** Answer the next request that matches each fault with it, once (first match wins). */
  faults: Fault[];
  /** Workflow-run artifacts by run id: listed at /actions/runs/{id}/artifacts, their zip behind a redirect. */
  artifacts: Map<number, FakeArtifact[]>;
  /** Open pull requests, found by `GET /pulls?head=owner:branch`. */
  pulls: FakePull[];
  /** Answer a new comment with this id instead of the real one (a hostile or broken API). */
  commentIdOverride?: unknown;
  close(): Promise<void>;
}

export interface FakeArtifact {
  id: number;
  name: string;
  zip: Uint8Array;
  /** What the listing says (default: the zip's length). */
  sizeInBytes?: number;
}

export interface FakePull {
  number: number;
  /** `owner:branch`, as GitHub's `head` filter matches it. */
  label: string;
  sha: string;
}

export interface Fault {
  method?: string;
  /** Matched against the path (with query). */
  path?: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests get it (default 1). */
  times?: number;
}

/** A secondary rate limit as GitHub sends it. */
export function secondaryRateLimit(retryAfter: number, extra: Omit<Fault, 'status'> = {}): Fault {
  return {
    ...extra,
    status: 403,
    headers: { 'retry-after': String(retryAfter) },
    body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
  };
}

/** An exhausted primary rate limit, resetting `inSeconds` from now. */
export function primaryRateLimit(inSeconds: number, extra: Omit<Fault, 'status'> = {}): Fault {
  return {
    ...extra,
    status: 403,
    headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + inSeconds) },
    body: { message: 'API rate limit exceeded for installation ID 1.' },
  };
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' };

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000;
  const state: Omit<FakeGitHub, 'url' | 'close'> = {
    comments: new Map(),
    requests: [],
    readOnly: false,
    faults: [],
    artifacts: new Map(),
    pulls: [],
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => resolve(data ? (JSON.parse(data) as Record<string, unknown>) : {}));
    });

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- a test stub: a rejection here is an unhandled rejection, which vitest reports as a failure
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    state.requests.push({ method: req.method ?? '', path: url.pathname + url.search });
    const fault = state.faults.find((f) => (!f.method || f.method === req.method) && (!f.path || f.path.test(url.pathname + url.search)));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) state.faults.splice(state.faults.indexOf(fault), 1);
      req.resume();
      return send(res, fault.status, fault.body ?? { message: 'fault' }, fault.headers);
    }
    // Blob storage, where an artifact download redirects to: a signed URL, no token.
    let m = /^\/blob\/(\d+)$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const a = [...state.artifacts.values()].flat().find((x) => x.id === Number(m![1]));
      if (!a) return send(res, 404, { message: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(a.zip.byteLength) });
      return res.end(Buffer.from(a.zip));
    }
    const auth = /^(?:Bearer|token) (\S+)$/.exec(req.headers.authorization ?? '');
    if (!auth) return send(res, 401, { message: 'Requires authentication' });
    if (auth[1].startsWith('bad')) return send(res, 401, { message: 'Bad credentials' });
    // Installation tokens cannot read /user, as on GitHub.
    if (req.method === 'GET' && url.pathname === '/user') return send(res, 403, { message: 'Resource not accessible by integration' });
    m = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/artifacts$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const list = state.artifacts.get(Number(m[1])) ?? [];
      return send(res, 200, {
        total_count: list.length,
        artifacts: list.map((a) => ({ id: a.id, name: a.name, size_in_bytes: a.sizeInBytes ?? a.zip.byteLength, expired: false })),
      });
    }
    m = /^\/repos\/[^/]+\/[^/]+\/actions\/artifacts\/(\d+)\/zip$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      res.writeHead(302, { location: `http://${req.headers.host ?? 'localhost'}/blob/${m[1]}` });
      return res.end();
    }
    if (/^\/repos\/[^/]+\/[^/]+\/pulls$/.test(url.pathname) && req.method === 'GET') {
      const head = url.searchParams.get('head');
      return send(
        res,
        200,
        state.pulls.filter((p) => !head || p.label === head).map((p) => ({ number: p.number, head: { sha: p.sha, label: p.label } })),
      );
    }
    m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m) {
      const issue = Number(m[1]);
      const list = state.comments.get(issue) ?? [];
      if (req.method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = list.slice((page - 1) * perPage, page * perPage);
        const more = page * perPage < list.length;
        const origin = `http://${req.headers.host ?? 'localhost'}`;
        return send(res, 200, slice, more ? { link: `<${origin}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` } : {});
      }
      if (req.method === 'POST') {
        if (state.readOnly) return send(res, 403, { message: 'Resource not accessible by integration' });
        const body = await readBody(req);
        const c: FakeComment = { id: nextId++, body: String(body.body), user: BOT };
        state.comments.set(issue, [...list, c]);
        return send(res, 201, state.commentIdOverride === undefined ? c : { ...c, id: state.commentIdOverride });
      }
    }
    m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (m && req.method === 'PATCH') {
      if (state.readOnly) return send(res, 403, { message: 'Resource not accessible by integration' });
      const id = Number(m[1]);
      const body = await readBody(req);
      for (const list of state.comments.values()) {
        const c = list.find((x) => x.id === id);
        if (c) {
          c.body = String(body.body);
          return send(res, 200, c);
        }
      }
      return send(res, 404, { message: 'Not Found' });
    }
    return send(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake = state as FakeGitHub;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}

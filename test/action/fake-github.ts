/**
 * A stand-in for the GitHub REST API on 127.0.0.1, for the action's end-to-end test: it keeps
 * issue comments in memory, paginates them like GitHub, and can be told to refuse writes (403,
 * as a fork PR's read-only token gets).
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
  /** Answer a new comment with this id instead of the real one (a hostile or broken API). */
  commentIdOverride?: unknown;
  close(): Promise<void>;
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' };

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000;
  const state: Omit<FakeGitHub, 'url' | 'close'> = { comments: new Map(), requests: [], readOnly: false };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => resolve(data ? JSON.parse(data) : {}));
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    state.requests.push({ method: req.method ?? '', path: url.pathname + url.search });
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) return send(res, 401, { message: 'Requires authentication' });
    // Installation tokens cannot read /user, as on GitHub.
    if (req.method === 'GET' && url.pathname === '/user') return send(res, 403, { message: 'Resource not accessible by integration' });
    let m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m) {
      const issue = Number(m[1]);
      const list = state.comments.get(issue) ?? [];
      if (req.method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = list.slice((page - 1) * perPage, page * perPage);
        const more = page * perPage < list.length;
        return send(res, 200, slice, more ? { link: `<${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` } : {});
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
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

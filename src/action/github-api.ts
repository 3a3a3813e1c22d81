/**
 * The few GitHub REST calls the action makes, over fetch (GITHUB_API_URL, so GitHub Enterprise
 * and the end-to-end test's local server work alike). Errors carry the HTTP status.
 */
import { UserError } from '../errors.js';
import { commentMarker, decideComment, findOwnComment, type CommentAction, type IssueComment } from './comment.js';

export class GitHubApiError extends UserError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('', message);
    this.name = 'GitHubApiError';
  }
}

export interface Repo {
  owner: string;
  repo: string;
}

/** The login GitHub shows for the workflow's own GITHUB_TOKEN. */
export const ACTIONS_BOT = 'github-actions[bot]';

export class GitHubApi {
  constructor(
    private readonly token: string,
    private readonly baseUrl: string = 'https://api.github.com',
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names the JSON shape the caller expects from GitHub: an unchecked cast by design
  private async request<T>(method: string, path: string, body?: unknown): Promise<{ data: T; headers: Headers }> {
    const res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'model-budget-action',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) {
      let detail = '';
      try {
        detail = ((await res.json()) as { message?: string }).message ?? '';
      } catch {
        /* not JSON */
      }
      throw new GitHubApiError(res.status, `${method} ${path}: ${res.status}${detail ? ` ${detail}` : ''}`);
    }
    const text = await res.text();
    return { data: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }

  /** The token's own login; installation tokens cannot read /user, and are the Actions bot. */
  async ownLogin(): Promise<string> {
    try {
      const { data } = await this.request<{ login: string }>('GET', '/user');
      return data.login;
    } catch (e) {
      if (e instanceof GitHubApiError && (e.status === 401 || e.status === 403)) return ACTIONS_BOT;
      throw e;
    }
  }

  /** Every comment of an issue / PR, following pagination. */
  async listComments(r: Repo, issue: number): Promise<IssueComment[]> {
    const all: IssueComment[] = [];
    for (let page = 1; page <= 100; page++) {
      const { data, headers } = await this.request<IssueComment[]>('GET', `/repos/${r.owner}/${r.repo}/issues/${issue}/comments?per_page=100&page=${page}`);
      all.push(...data);
      const link = headers.get('link') ?? '';
      if (data.length < 100 && !/rel="next"/.test(link)) break;
      if (data.length === 0) break;
    }
    return all;
  }

  async createComment(r: Repo, issue: number, body: string): Promise<IssueComment> {
    return (await this.request<IssueComment>('POST', `/repos/${r.owner}/${r.repo}/issues/${issue}/comments`, { body })).data;
  }

  async updateComment(r: Repo, id: number, body: string): Promise<IssueComment> {
    return (await this.request<IssueComment>('PATCH', `/repos/${r.owner}/${r.repo}/issues/comments/${id}`, { body })).data;
  }
}

export interface StickyResult {
  action: CommentAction['kind'];
  id: number;
}

/** Create, update or leave the one comment for `key` on a PR. */
export async function upsertStickyComment(api: GitHubApi, r: Repo, issue: number, key: string, body: string): Promise<StickyResult> {
  const marker = commentMarker(key);
  const full = body.includes(marker) ? body : `${marker}\n${body}`;
  const login = await api.ownLogin();
  const existing = findOwnComment(await api.listComments(r, issue), marker, login);
  const decision = decideComment(existing, full);
  switch (decision.kind) {
    case 'create':
      return { action: 'create', id: (await api.createComment(r, issue, full)).id };
    case 'update':
      await api.updateComment(r, decision.id, full);
      return { action: 'update', id: decision.id };
    case 'skip':
      return { action: 'skip', id: decision.id };
  }
}

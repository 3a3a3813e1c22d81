/**
 * The few GitHub REST calls the action makes, through octokit (`@octokit/core`, the client
 * `@actions/github` is built on, without its 100 kB of unused endpoint methods): the API at
 * GITHUB_API_URL (GitHub Enterprise Server, the end-to-end test's stand-in), reached through
 * HTTPS_PROXY / HTTP_PROXY unless NO_PROXY says otherwise (`@actions/http-client`'s rules and
 * proxy agent, exactly as `@actions/github` uses them), with
 * retries on 5xx and network errors (`@octokit/plugin-retry`) and on primary and secondary rate
 * limits, honouring `retry-after` / `x-ratelimit-reset` (`@octokit/plugin-throttling`), each
 * request timed out and the whole bounded in time. Errors carry the HTTP status and their cause.
 */
import { Octokit } from '@octokit/core';
import { HttpClient, getProxyUrl } from '@actions/http-client';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { fetch as undiciFetch } from 'undici';
import { UserError } from '../errors.js';
import { safeText } from '../util/sanitize.js';
import { commentMarker, decideComment, findOwnComment, type IssueComment } from './comment.js';

/** Why a call failed, as the warning names it. */
export type FailureCause = 'network' | 'unauthorized' | 'forbidden' | 'not-found' | 'rate-limit' | 'http';

export class GitHubApiError extends UserError {
  constructor(
    /** The HTTP status; 0 when no response came (network, proxy, timeout). */
    readonly status: number,
    message: string,
    readonly cause_: FailureCause = causeOf(status),
  ) {
    super('', message);
    this.name = 'GitHubApiError';
  }
}

function causeOf(status: number): FailureCause {
  if (status === 0) return 'network';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limit';
  return 'http';
}

export interface Repo {
  owner: string;
  repo: string;
}

/** The login GitHub shows for the workflow's own GITHUB_TOKEN. */
export const ACTIONS_BOT = 'github-actions[bot]';

export interface TransportOptions {
  /** Retries per request on 5xx / network errors, and on rate limits. */
  retries: number;
  /** Base of the retry delays (5xx: base x 1, 4, 9; rate limits: retry-after x base), ms. */
  retryBaseMs: number;
  /** Each attempt's time limit, ms. */
  requestTimeoutMs: number;
  /** No retry (and no rate-limit wait) that would end later than this after the client was made, ms. */
  totalMs: number;
  /** Space writes as GitHub asks (1 s between writes, 3 s between notifying ones); off in unit tests. */
  spaceWrites: boolean;
}

export const DEFAULT_TRANSPORT: TransportOptions = { retries: 3, retryBaseMs: 1000, requestTimeoutMs: 30_000, totalMs: 120_000, spaceWrites: true };

const Client = Octokit.plugin(retry, throttling);

/** A limiter group that does not limit (octokit's throttling accepts any `key(id).schedule`). */
const UNLIMITED = {
  key: () => ({ schedule: (...args: unknown[]) => (typeof args[0] === 'function' ? (args[0] as () => unknown)() : (args[1] as () => unknown)()) }),
};

/**
 * `fetch` through the proxy the environment names for `baseUrl` (none for NO_PROXY hosts and
 * loopback), with a per-attempt timeout that octokit sees as a network error (so it is retried).
 */
function proxyFetch(baseUrl: string, timeoutMs: () => number): typeof globalThis.fetch {
  const dispatcher = new HttpClient('model-budget-action').getAgentDispatcher(baseUrl);
  return (async (url: string, init: RequestInit = {}) => {
    const ms = timeoutMs();
    const signals = [AbortSignal.timeout(ms), ...(init.signal ? [init.signal] : [])];
    try {
      return await undiciFetch(url, { ...init, signal: AbortSignal.any(signals), ...(dispatcher ? { dispatcher } : {}) });
    } catch (e) {
      if ((e as Error).name === 'TimeoutError' || ((e as Error).name === 'AbortError' && !init.signal?.aborted)) {
        // eslint-disable-next-line preserve-caught-error -- octokit reports the message of the fetch error's cause, so the cause names the timeout; the caught error is kept one level down
        throw new TypeError('fetch failed', { cause: new Error(`no answer within ${Math.round(ms / 1000)} s`, { cause: e }) });
      }
      throw e;
    }
  }) as unknown as typeof globalThis.fetch;
}

export class GitHubApi {
  private readonly octokit: InstanceType<typeof Client>;
  private readonly deadline: number;
  readonly baseUrl: string;

  constructor(token: string, baseUrl: string = 'https://api.github.com', opts: Partial<TransportOptions> = {}) {
    const o = { ...DEFAULT_TRANSPORT, ...opts };
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.deadline = Date.now() + o.totalMs;
    const left = () => this.deadline - Date.now();
    // A rate-limit wait is worth it only while it ends in time, and a few times at most.
    const onLimit = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
      retryCount < o.retries && retryAfter * o.retryBaseMs <= left();
    this.octokit = new Client({
      auth: token,
      baseUrl: this.baseUrl,
      userAgent: 'model-budget-action',
      request: { fetch: proxyFetch(this.baseUrl, () => Math.max(1000, Math.min(o.requestTimeoutMs, left()))) },
      retry: { retries: o.retries, retryAfterBaseValue: o.retryBaseMs },
      throttle: {
        retryAfterBaseValue: o.retryBaseMs,
        onRateLimit: onLimit,
        onSecondaryRateLimit: onLimit,
        ...(o.spaceWrites ? {} : { write: UNLIMITED as never, notifications: UNLIMITED as never }),
      },
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
    // Past the deadline, an attempt that fails is the last one.
    this.octokit.hook.before('request', (options) => {
      if (left() <= 0) options.request = { ...options.request, retries: 0 };
    });
  }

  /** The proxy requests go through, if any (for messages). */
  proxy(): string | null {
    const p = getProxyUrl(this.baseUrl);
    if (!p) return null;
    try {
      const u = new URL(p);
      return `${u.protocol}//${u.host}`;
    } catch {
      return 'the configured proxy';
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the caller's view of GitHub's answer for that route, unchecked like octokit's own typed responses
  private async request<T>(route: string, params: Record<string, unknown>): Promise<{ data: T; headers: Record<string, string | number | undefined> }> {
    try {
      const res = await this.octokit.request(route, params);
      return { data: res.data as T, headers: res.headers };
    } catch (e) {
      throw this.toError(route, params, e);
    }
  }

  private toError(route: string, params: Record<string, unknown>, e: unknown): GitHubApiError {
    const err = e as { status?: number; message?: string; response?: { status: number; headers: Record<string, string>; data?: unknown } };
    const [method, template] = route.split(' ');
    const path = template.replace(/\{(\w+)\}/g, (_, k: string) => String((params[k] as string | number | undefined) ?? k));
    const what = `${method} ${this.baseUrl}${path}`;
    if (!err.response) {
      // No answer: DNS, refused connection, proxy, TLS or timeout. Octokit says 500; it is not.
      const cause = (e as { cause?: { cause?: unknown; message?: string } }).cause;
      const inner = (cause?.cause as Error | undefined)?.message ?? cause?.message ?? err.message ?? String(e);
      return new GitHubApiError(0, `${what}: no answer (${safeText(inner, 160)})`, 'network');
    }
    const status = err.response.status;
    const h = err.response.headers ?? {};
    const apiMessage = (err.response.data as { message?: unknown } | undefined)?.message;
    const detail = safeText(typeof apiMessage === 'string' ? apiMessage : (err.message ?? ''), 200).replace(/\.$/, '');
    const limited = status === 429 || (status === 403 && (h['x-ratelimit-remaining'] === '0' || /\bsecondary rate\b|rate limit/i.test(detail)));
    let reset = '';
    if (limited && h['x-ratelimit-reset']) {
      const at = new Date(Number(h['x-ratelimit-reset']) * 1000);
      if (!Number.isNaN(at.getTime())) reset = `; it resets at ${at.toISOString().slice(11, 16)} UTC`;
    } else if (limited && h['retry-after']) reset = `; retry after ${safeText(h['retry-after'], 10)} s`;
    return new GitHubApiError(status, `${what}: ${status}${detail ? ` ${detail}` : ''}${reset}`, limited ? 'rate-limit' : causeOf(status));
  }

  /** The token's own login; installation tokens cannot read /user (403), and are the Actions bot. */
  async ownLogin(): Promise<string> {
    try {
      const { data } = await this.request<{ login: string }>('GET /user', {});
      return data.login;
    } catch (e) {
      if (e instanceof GitHubApiError && e.status === 403 && e.cause_ === 'forbidden') return ACTIONS_BOT;
      throw e;
    }
  }

  /** Every comment of an issue / PR, following pagination. */
  async listComments(r: Repo, issue: number): Promise<IssueComment[]> {
    const all: IssueComment[] = [];
    for (let page = 1; page <= 100; page++) {
      const { data, headers } = await this.request<IssueComment[]>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: r.owner,
        repo: r.repo,
        issue_number: issue,
        per_page: 100,
        page,
      });
      all.push(...data);
      const link = String(headers.link ?? '');
      if (data.length < 100 && !/rel="next"/.test(link)) break;
      if (data.length === 0) break;
    }
    return all;
  }

  async createComment(r: Repo, issue: number, body: string): Promise<IssueComment> {
    return (
      await this.request<IssueComment>('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: r.owner, repo: r.repo, issue_number: issue, body })
    ).data;
  }

  async updateComment(r: Repo, id: number, body: string): Promise<IssueComment> {
    return (
      await this.request<IssueComment>('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner: r.owner, repo: r.repo, comment_id: id, body })
    ).data;
  }

  /** The artifacts of a workflow run (first 100; a check run uploads one or two). */
  async listRunArtifacts(r: Repo, runId: number): Promise<RunArtifact[]> {
    const { data } = await this.request<{ artifacts?: RunArtifact[] }>('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
      owner: r.owner,
      repo: r.repo,
      run_id: runId,
      per_page: 100,
    });
    return Array.isArray(data.artifacts) ? data.artifacts : [];
  }

  /**
   * An artifact's zip, in memory (GitHub answers with a redirect to blob storage, which fetch
   * follows without the token). `maxBytes` is checked again on what came.
   */
  async downloadArtifact(r: Repo, artifactId: number, maxBytes: number): Promise<Uint8Array> {
    const { data } = await this.request<unknown>('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
      owner: r.owner,
      repo: r.repo,
      artifact_id: artifactId,
      archive_format: 'zip',
    });
    const bytes =
      data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : typeof data === 'string' ? new TextEncoder().encode(data) : null;
    if (!bytes) throw new GitHubApiError(200, `artifact ${artifactId}: the download is not a zip archive`, 'http');
    if (bytes.byteLength > maxBytes)
      throw new GitHubApiError(200, `artifact ${artifactId}: the download is ${bytes.byteLength} bytes, over the ${maxBytes}-byte limit`, 'http');
    return bytes;
  }

  /**
   * The open pull request of a workflow run whose `pull_requests` GitHub left empty (a PR from
   * a fork): the base repository's PRs whose head is `headOwner:headBranch`, kept only when the
   * head commit is `headSha`. Null when none matches.
   */
  async findPullRequestForRun(r: Repo, headSha: string, headBranch: string, headOwner: string): Promise<PullRequestRef | null> {
    const { data } = await this.request<PullRequestRef[]>('GET /repos/{owner}/{repo}/pulls', {
      owner: r.owner,
      repo: r.repo,
      state: 'open',
      head: `${headOwner}:${headBranch}`,
      per_page: 100,
    });
    return (Array.isArray(data) ? data : []).find((p) => p?.head?.sha === headSha && Number.isSafeInteger(p.number)) ?? null;
  }
}

export interface RunArtifact {
  id: number;
  name: string;
  size_in_bytes?: number;
  expired?: boolean;
}

export interface PullRequestRef {
  number: number;
  head?: { sha?: string; ref?: string };
}

export interface StickyResult {
  /** `none`: no comment exists and none was wanted (`comment: on-change` with nothing to say). */
  action: 'create' | 'update' | 'skip' | 'none';
  id: number;
}

/**
 * Create, update or leave the one comment for `key` on a PR. With `create: false` an existing
 * comment is still updated (so a fixed PR's comment turns green), but none is created.
 */
export async function upsertStickyComment(api: GitHubApi, r: Repo, issue: number, key: string, body: string, create = true): Promise<StickyResult> {
  const marker = commentMarker(key);
  const full = body.includes(marker) ? body : `${marker}\n${body}`;
  const login = await api.ownLogin();
  const existing = findOwnComment(await api.listComments(r, issue), marker, login);
  const decision = decideComment(existing, full);
  switch (decision.kind) {
    case 'create':
      if (!create) return { action: 'none', id: 0 };
      return { action: 'create', id: (await api.createComment(r, issue, full)).id };
    case 'update':
      await api.updateComment(r, decision.id, full);
      return { action: 'update', id: decision.id };
    case 'skip':
      return { action: 'skip', id: decision.id };
  }
}

const AFTER = 'The report is in the job summary and the comment-body output.';

/** The warning for a comment that could not be posted, naming the real cause. */
export function commentFailureWarning(e: unknown, api?: Pick<GitHubApi, 'proxy' | 'baseUrl'>): string {
  const head = 'could not post the PR comment';
  if (!(e instanceof GitHubApiError)) return `${head} (${safeText((e as Error)?.message ?? e, 300)}). ${AFTER}`;
  const why = `(${e.message})`;
  switch (e.cause_) {
    case 'network': {
      const proxy = api?.proxy();
      const where = api ? ` ${api.baseUrl}` : '';
      return proxy
        ? `${head}: the GitHub API${where} could not be reached through the proxy ${proxy} ${why}. Check HTTPS_PROXY / HTTP_PROXY and that the proxy is up. ${AFTER}`
        : `${head}: the GitHub API${where} could not be reached ${why}. If this runner reaches the internet only through a proxy, set HTTPS_PROXY (and NO_PROXY); on GitHub Enterprise Server check GITHUB_API_URL. ${AFTER}`;
    }
    case 'unauthorized':
      return `${head}: the token was rejected ${why}: github-token is invalid or expired. ${AFTER}`;
    case 'forbidden':
      return (
        `${head}: the token may not write comments here ${why}. A PR from a fork gets a read-only token ` +
        '(post it from a workflow_run workflow with `mode: publish`, see docs/action.md); otherwise grant `permissions: pull-requests: write`. ' +
        AFTER
      );
    case 'not-found':
      return `${head}: the repository or pull request was not found ${why}; check GITHUB_API_URL and that the token can see the repository. ${AFTER}`;
    case 'rate-limit':
      return `${head}: the GitHub API rate limit is exhausted ${why}. ${AFTER}`;
    case 'http':
      return `${head}: the GitHub API kept failing ${why}, retries included. ${AFTER}`;
  }
}

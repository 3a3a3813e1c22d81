/**
 * Trend over runs, the I/O part: the history file is read from a branch of origin and, on the
 * runs that record (push events to the default branch, or any non-PR run with `trend-on:
 * always`), written back as a new commit on that branch. The checked-out work tree and index
 * are never touched: the blob, tree and commit are made with a temporary index file, and the
 * commit is pushed by sha. A rejected push (another run pushed first) is retried on top of the
 * new tip, three tries in all. Git runs with argument arrays (execFileSync), never a shell.
 *
 * Nothing here fails the step: a branch that cannot be read, a malformed history or a push
 * that is refused (a fork, a token with `contents: read`) is a warning naming the cause.
 */
import * as core from '@actions/core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { quoteToken, safeText } from '../util/sanitize.js';
import type { ModelReport } from '../report/model-report.js';
import { appendRun, MAX_REF, MAX_RUNS, parseHistory, renderTrend, runFromResults, serializeHistory, type History, type TrendRun } from './trend.js';

/** The largest history file read back (bytes). 500 runs of 50 models take about 5 MB. */
export const MAX_HISTORY_BYTES = 32 * 1024 * 1024;
const TRIES = 3;

export interface TrendInputs {
  /** Empty: off. */
  branch: string;
  file: string;
  runs: number;
  on: 'push' | 'always';
}

/** A branch name for `refs/heads/`: plain characters, no `..`, no leading `-` or `/`. */
export function validBranch(name: string): boolean {
  return (
    /^[A-Za-z0-9._/-]{1,200}$/.test(name) &&
    !name.startsWith('-') &&
    !name.includes('..') &&
    !name.includes('//') &&
    !/(^|\/)\.|\/$|\.lock(\/|$)|\.$/.test(name)
  );
}

/** A file path inside the branch: relative, plain characters, no `.` or `..` segment. */
export function validFile(path: string): boolean {
  return /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path) && path.length <= 500 && path.split('/').every((s) => s !== '.' && s !== '..' && s !== '.git');
}

export function readTrendInputs(): TrendInputs {
  const branch = core.getInput('trend-branch').trim();
  const file = core.getInput('trend-file').trim() || 'model-budget/history.json';
  const runsText = core.getInput('trend-runs').trim() || '20';
  const on = core.getInput('trend-on').trim() || 'push';
  if (branch && !validBranch(branch)) throw new InputError('', `input 'trend-branch' is not a plain branch name: ${quoteToken(branch)}`);
  if (!validFile(file)) throw new InputError('', `input 'trend-file' must be a relative path of plain characters inside the branch, got ${quoteToken(file)}`);
  const runs = Number(runsText);
  if (!/^\d+$/.test(runsText) || runs < 2 || runs > MAX_RUNS)
    throw new InputError('', `input 'trend-runs' must be a whole number from 2 to ${MAX_RUNS}, got ${quoteToken(runsText)}`);
  if (on !== 'push' && on !== 'always') throw new InputError('', `input 'trend-on' must be one of push, always, got ${quoteToken(on)}`);
  return { branch, file, runs, on };
}

export interface TrendGit {
  cwd: string;
  log: (message: string) => void;
  /** Extra environment for git (tests). */
  env?: NodeJS.ProcessEnv;
}

function git(g: TrendGit, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; maxBuffer?: number } = {}): string {
  return execFileSync('git', args, {
    cwd: g.cwd,
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, ...g.env, ...options.env, GIT_TERMINAL_PROMPT: '0' },
    maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Git's own words on a failure (its stderr, one line, short). */
function cause(e: unknown): string {
  const err = e as { stderr?: string | Buffer; message?: string };
  const text = (typeof err.stderr === 'string' ? err.stderr : (err.stderr?.toString() ?? '')).trim() || (err.message ?? String(e));
  return safeText(text.replace(/\s+/g, ' '), 300);
}

/**
 * The tip of the branch on origin (fetched shallow), or null when the branch does not exist.
 * Any other failure (network, authentication) throws.
 */
export function fetchBranch(g: TrendGit, branch: string): string | null {
  try {
    git(g, ['fetch', '--no-tags', '--depth=1', 'origin', `refs/heads/${branch}`]);
  } catch (e) {
    const why = cause(e);
    if (/couldn't find remote ref|could not find remote ref/i.test(why)) return null;
    throw new Error(`could not fetch the branch ${branch} from origin: ${why}`, { cause: e });
  }
  return git(g, ['rev-parse', '--verify', 'FETCH_HEAD^{commit}']).trim();
}

/** The history file's text at `commit`, or null when the file is not there. Capped in size. */
export function readHistoryText(g: TrendGit, commit: string, file: string): string | null {
  const spec = `${commit}:${file}`;
  let type: string;
  try {
    type = git(g, ['cat-file', '-t', spec]).trim();
  } catch {
    return null;
  }
  if (type !== 'blob') throw new Error(`${file} in the history branch is a ${safeText(type, 20)}, not a file`);
  const size = Number(git(g, ['cat-file', '-s', spec]).trim());
  if (!(size <= MAX_HISTORY_BYTES)) throw new Error(`${file} in the history branch is larger than ${MAX_HISTORY_BYTES} bytes`);
  return git(g, ['cat-file', 'blob', spec], { maxBuffer: MAX_HISTORY_BYTES + 1024 });
}

const BOT = {
  GIT_AUTHOR_NAME: 'github-actions[bot]',
  GIT_AUTHOR_EMAIL: '41898182+github-actions[bot]@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'github-actions[bot]',
  GIT_COMMITTER_EMAIL: '41898182+github-actions[bot]@users.noreply.github.com',
};

/**
 * A commit with `file` set to `text`, on top of `parent` (its other files kept) or as a root
 * commit. Made in the object store with a temporary index: the work tree, the index and HEAD
 * of the checkout are left alone.
 */
export function commitFile(g: TrendGit, parent: string | null, file: string, text: string, message: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'model-budget-trend-'));
  try {
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    git(g, parent ? ['read-tree', parent] : ['read-tree', '--empty'], { env });
    const blob = git(g, ['hash-object', '-w', '--stdin'], { input: text }).trim();
    git(g, ['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { env });
    const tree = git(g, ['write-tree'], { env }).trim();
    return git(g, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message], { env: { ...env, ...BOT } }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a failed push says: 'rejected' (not a fast-forward: another run pushed first, retry),
 * 'denied' (no permission) or 'other'. HTTP 403 is matched as a whole number, never inside a sha.
 */
export function pushFailure(why: string): 'rejected' | 'denied' | 'other' {
  const denied = /denied|\b403\b|permission|not allowed|Authentication failed|could not read Username/i.test(why);
  if (/non-fast-forward|fetch first|\[rejected\]|failed to update ref|cannot lock ref|stale info/i.test(why) && !denied) return 'rejected';
  return denied ? 'denied' : 'other';
}

/** Pushes `commit` to the branch (never forced): 'ok', 'rejected' (not a fast-forward: retry), or throws. */
function pushCommit(g: TrendGit, commit: string, branch: string): 'ok' | 'rejected' {
  try {
    git(g, ['push', '--quiet', '--no-verify', 'origin', `${commit}:refs/heads/${branch}`]);
    return 'ok';
  } catch (e) {
    const why = cause(e);
    const kind = pushFailure(why);
    if (kind === 'rejected') return 'rejected';
    throw new Error(
      kind === 'denied'
        ? `no permission to push to ${branch} (a fork, or a token without \`contents: write\`): ${why}`
        : `the push to ${branch} failed: ${why}`,
      { cause: e },
    );
  }
}

/** Reads the history at the branch's tip (fresh when there is none or it is malformed, with a warning). */
function readHistory(g: TrendGit, inputs: TrendInputs, warn: (m: string) => void): { tip: string | null; history: History } {
  const tip = fetchBranch(g, inputs.branch);
  if (!tip) {
    g.log(`trend: no branch ${inputs.branch} on origin yet`);
    return { tip, history: parseHistory(null).history };
  }
  let text: string | null;
  try {
    text = readHistoryText(g, tip, inputs.file);
  } catch (e) {
    warn(`trend: ${(e as Error).message}; starting a fresh history`);
    return { tip, history: parseHistory(null).history };
  }
  const { history, problem } = parseHistory(text);
  if (problem) warn(`trend: ${inputs.file} in the branch ${inputs.branch} is not a valid history (${problem}); starting a fresh history`);
  return { tip, history };
}

/**
 * Appends `run` to the branch's history and pushes it: fetch, read, append, commit, push; a
 * rejected push (a concurrent run) starts over from a new fetch, at most three tries.
 * Returns the history pushed. Throws on any other failure.
 */
export function recordRun(g: TrendGit, inputs: TrendInputs, run: TrendRun, warn: (m: string) => void): History {
  for (let attempt = 1; ; attempt++) {
    const { tip, history } = readHistory(g, inputs, warn);
    const next = appendRun(history, run);
    const commit = commitFile(g, tip, inputs.file, serializeHistory(next), `model-budget: record ${run.sha.slice(0, 12)}`);
    if (pushCommit(g, commit, inputs.branch) === 'ok') {
      g.log(`trend: recorded ${run.sha.slice(0, 12)} in ${inputs.branch} (${next.runs.length} run(s))`);
      return next;
    }
    if (attempt >= TRIES) throw new Error(`the push to ${inputs.branch} was rejected ${TRIES} times (other runs pushed first)`);
    g.log(`trend: the push to ${inputs.branch} was rejected (another run pushed first); trying again`);
  }
}

export interface TrendEvent {
  name: string;
  isPullRequest: boolean;
  /** GITHUB_REF (refs/heads/main). */
  ref: string;
  defaultBranch: string | null;
}

/** Whether this run writes the history: never a PR; on `push` only a push to the default branch. */
export function shouldRecord(on: TrendInputs['on'], event: TrendEvent): boolean {
  if (event.isPullRequest || /^pull_request/.test(event.name)) return false;
  if (on === 'always') return true;
  return event.name === 'push' && event.defaultBranch !== null && event.ref === `refs/heads/${event.defaultBranch}`;
}

/**
 * The trend section of the job summary, recording the run first when this run records.
 * Never throws: every failure is a warning and the section shows what could be read.
 */
export function trendSummary(g: TrendGit, inputs: TrendInputs, event: TrendEvent, makeRun: () => TrendRun, warn: (m: string) => void): string {
  if (!inputs.branch) return '';
  let run: TrendRun;
  try {
    run = makeRun();
  } catch (e) {
    warn(`trend: skipped, the run's commit is unknown: ${cause(e)}`);
    return '';
  }
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(run.sha)) {
    warn(`trend: skipped, the run's commit ${quoteToken(run.sha)} is not a sha`);
    return '';
  }
  run = { ...run, ref: run.ref.slice(0, MAX_REF) };
  const record = shouldRecord(inputs.on, event);
  let history: History = parseHistory(null).history;
  let recorded = false;
  try {
    if (record) {
      try {
        history = recordRun(g, inputs, run, warn);
        recorded = true;
      } catch (e) {
        warn(`trend: this run is not recorded: ${(e as Error).message}`);
        history = readHistory(g, inputs, () => {}).history;
      }
    } else {
      g.log(`trend: reading ${inputs.branch} only (${event.isPullRequest ? 'a pull request never writes the history' : `trend-on: ${inputs.on}`})`);
      history = readHistory(g, inputs, warn).history;
    }
  } catch (e) {
    warn(`trend: could not read the history: ${(e as Error).message}`);
  }
  const section = renderTrend(history, { runs: inputs.runs, branch: inputs.branch, pending: recorded ? undefined : run });
  return section ? `\n${section}` : '';
}

/**
 * The action's hook: the trend section for this run's results ('' when `trend-branch` is
 * off). The run's commit is the PR's head, else GITHUB_SHA, else HEAD; its ref GITHUB_REF.
 */
export function trendForAction(
  inputs: TrendInputs,
  g: TrendGit,
  event: { name: string; pr: { headSha: string } | null; defaultBranch: string | null },
  results: readonly { path: string; report: ModelReport }[],
  warn: (m: string) => void,
): string {
  const ref = process.env.GITHUB_REF ?? '';
  return trendSummary(
    g,
    inputs,
    { name: event.name, isPullRequest: event.pr !== null, ref, defaultBranch: event.defaultBranch },
    () => runFromResults(results, event.pr?.headSha ?? (process.env.GITHUB_SHA || git(g, ['rev-parse', 'HEAD']).trim()), ref, new Date().toISOString()),
    warn,
  );
}

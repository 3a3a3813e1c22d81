/**
 * recordRun against a real bare repository, with two runs racing: a `git` shim first in PATH
 * lets a rival clone push to the history branch just before each of our pushes (as a
 * concurrent workflow run would), so our push is rejected and retried on top of the new tip.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushFailure, recordRun, type TrendGit, type TrendInputs } from '../../src/action/trend-git.js';
import { appendRun, parseHistory, serializeHistory, type History, type TrendRun } from '../../src/action/trend.js';

const BRANCH = 'hist';
const FILE = 'data/history.json';
const INPUTS: TrendInputs = { branch: BRANCH, file: FILE, runs: 20, on: 'push' };

let T: string;
let origin: string;
let ws: string;
let rival: string;
let shim: string;
const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const sha = (i: number) => i.toString(16).padStart(40, '0');
const entry = (i: number): TrendRun => ({
  sha: sha(i),
  ref: 'refs/heads/main',
  date: '2026-12-02T00:00:00.000Z',
  models: { 'm.onnx': { params: i, macs: i, flops: 2 * i, weightBytes: 4 * i, peakActivationBytes: 8, latency: {} } },
});
const stored = (): History => parseHistory(git(origin, 'show', `refs/heads/${BRANCH}:${FILE}`)).history;

function identity(dir: string) {
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'dev');
}

/** A TrendGit in the workspace whose `push` lets the rival push first, `races` times. */
function racing(races: number): { g: TrendGit; logs: string[] } {
  const counter = join(T, 'races');
  writeFileSync(counter, String(races));
  const logs: string[] = [];
  return {
    g: { cwd: ws, log: (m) => logs.push(m), env: { PATH: `${shim}:${process.env.PATH ?? ''}`, RACES: counter, RIVAL: rival, REAL_GIT } },
    logs,
  };
}

beforeAll(() => {
  T = mkdtempSync(join(tmpdir(), 'mb-trend-git-'));
  origin = join(T, 'origin.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  const work = join(T, 'work');
  execFileSync('git', ['init', '-q', '-b', 'main', work]);
  identity(work);
  writeFileSync(join(work, 'README'), 'hi\n');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'init');
  git(work, 'remote', 'add', 'origin', origin);
  git(work, 'push', '-q', 'origin', 'main');
  ws = join(T, 'ws');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, ws]);
  shim = join(T, 'shim');
  execFileSync('mkdir', [shim]);
  writeFileSync(
    join(shim, 'git'),
    `#!/bin/sh
if [ "$1" = push ] && [ "$(cat "$RACES")" -gt 0 ]; then
  echo $(( $(cat "$RACES") - 1 )) > "$RACES"
  "$REAL_GIT" -C "$RIVAL" fetch -q origin ${BRANCH} && "$REAL_GIT" -C "$RIVAL" merge -q --ff-only FETCH_HEAD >/dev/null 2>&1
  "$REAL_GIT" -C "$RIVAL" commit -q --allow-empty -m race && "$REAL_GIT" -C "$RIVAL" push -q origin HEAD:refs/heads/${BRANCH} >/dev/null 2>&1
fi
exec "$REAL_GIT" "$@"
`,
  );
  chmodSync(join(shim, 'git'), 0o755);
});

afterAll(() => rmSync(T, { recursive: true, force: true }));

describe('recordRun', () => {
  it('creates the branch as a root commit holding the file, leaving the checkout alone', () => {
    const { g } = racing(0);
    recordRun(g, INPUTS, entry(1), () => {});
    expect(stored().runs.map((r) => r.sha)).toEqual([sha(1)]);
    expect(git(origin, 'rev-list', '--count', `refs/heads/${BRANCH}`)).toBe('1');
    expect(git(ws, 'status', '--porcelain')).toBe('');
    expect(git(ws, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
  });

  it('retries a push rejected by a concurrent run, on top of what that run recorded', () => {
    // The rival run recorded entry 2 on top of entry 1.
    rival = join(T, 'rival');
    execFileSync('git', ['clone', '-q', '--branch', BRANCH, `file://${origin}`, rival]);
    identity(rival);
    writeFileSync(join(rival, FILE), serializeHistory(appendRun(stored(), entry(2))));
    git(rival, 'commit', '-q', '-am', 'rival records 2');
    const { g, logs } = racing(1);
    const warnings: string[] = [];
    const h = recordRun(g, INPUTS, entry(3), (m) => warnings.push(m));
    expect(h.runs.map((r) => r.sha)).toEqual([sha(1), sha(2), sha(3)]);
    expect(stored()).toEqual(h);
    expect(logs.some((m) => /rejected \(another run pushed first\); trying again/.test(m))).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('gives up after three rejected pushes', () => {
    const { g } = racing(10);
    const before = git(origin, 'rev-parse', `refs/heads/${BRANCH}`);
    expect(() => recordRun(g, INPUTS, entry(4), () => {})).toThrow(/rejected 3 times/);
    // The rival pushed three times; our entry is not there.
    expect(git(origin, 'rev-list', '--count', `${before}..refs/heads/${BRANCH}`)).toBe('3');
    expect(stored().runs.map((r) => r.sha)).not.toContain(sha(4));
  });
});

describe('pushFailure', () => {
  it('a rejection whose sha contains 403 is a rejection, not a permission error', () => {
    const rejected = 'To file:///o.git\n ! [rejected] c75e7e193e65cb403c43b5c29ce3be4e3d347dda -> hist (fetch first)\nerror: failed to push some refs';
    expect(pushFailure(rejected)).toBe('rejected');
    expect(
      pushFailure('remote: Permission to acme/models.git denied to github-actions[bot].\nfatal: unable to access: The requested URL returned error: 403'),
    ).toBe('denied');
    expect(pushFailure('fatal: unable to access: The requested URL returned error: 403')).toBe('denied');
    expect(pushFailure('fatal: the remote end hung up unexpectedly')).toBe('other');
  });
});

/**
 * `trend-branch` end to end: the bundled action (dist/index.js) run as a runner runs it, on a
 * shallow clone of a real local bare repository as `origin`. Pushes to the default branch
 * record their totals in the history branch (read back here with git), the summary draws the
 * sparkline, a PR only reads, a corrupted history is replaced with a warning, and a push that
 * the remote refuses is a warning, not a failed step.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount } from '../../src/report/format.js';
import { BLOCKS, type History } from '../../src/action/trend.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runBundledAction } from './run-action.js';
import { mlp } from '../helpers/models.js'; // x[1, 32] -> MatMul 32 x h -> Relu -> MatMul h x 10: 42h params

const BRANCH = 'model-budget-history';
const FILE = 'model-budget/history.json';

const params = (hidden: number) => 42 * hidden;

const BUDGETS = `version: 1
devices: [raspberry-pi-5]
models:
  - path: models/net.onnx
    budgets:
      params: 1M
`;

let T: string;
let origin: string;
let work: string;
let fake: FakeGitHub;
let counter = 0;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function commitModel(branch: string, hidden: number): string {
  if (git(work, 'symbolic-ref', '--short', 'HEAD') !== branch) git(work, 'checkout', '-q', branch);
  writeFileSync(join(work, 'models', 'net.onnx'), mlp(hidden, { relu: true, batch: 1 }));
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', `hidden ${hidden}`);
  git(work, 'push', '-q', 'origin', branch);
  return git(work, 'rev-parse', 'HEAD');
}

const branchTip = () => {
  try {
    return git(origin, 'rev-parse', '--verify', `refs/heads/${BRANCH}`);
  } catch {
    return null;
  }
};
const storedHistory = () => JSON.parse(git(origin, 'show', `refs/heads/${BRANCH}:${FILE}`)) as History;

interface Run {
  code: number;
  stdout: string;
  summary: string;
  ws: string;
}

async function runAction(branch: string, sha: string, event: 'push' | 'pull_request', env: Record<string, string> = {}): Promise<Run> {
  const dir = join(T, `run-${++counter}`);
  mkdirSync(dir);
  const ws = join(dir, 'ws');
  execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', branch, `file://${origin}`, ws]);
  const payload =
    event === 'push'
      ? { ref: `refs/heads/${branch}`, after: sha, repository: { default_branch: 'main' } }
      : {
          pull_request: { number: 3, base: { sha: git(origin, 'rev-parse', 'main'), ref: 'main' }, head: { sha, ref: branch } },
          repository: { default_branch: 'main' },
        };
  const r = await runBundledAction({
    dir,
    ws,
    event: payload,
    eventName: event,
    apiUrl: fake.url,
    env: {
      HOME: dir, // no user git config: the history commit brings its own identity
      GITHUB_REF: event === 'push' ? `refs/heads/${branch}` : 'refs/pull/3/merge',
      GITHUB_SHA: sha,
      INPUT_BASELINE: 'none',
      INPUT_COMMENT: 'off',
      'INPUT_TREND-BRANCH': BRANCH,
      ...env,
    },
  });
  return { code: r.code, stdout: r.stdout, summary: r.summary, ws };
}

/** The workspace as the checkout left it: same HEAD, nothing staged or changed. */
function expectUntouched(r: Run, sha: string) {
  expect(git(r.ws, 'rev-parse', 'HEAD')).toBe(sha);
  expect(git(r.ws, 'status', '--porcelain')).toBe('');
}

describe('trend-branch, end to end', () => {
  const shas: string[] = [];
  const runs: Run[] = [];

  beforeAll(async () => {
    T = mkdtempSync(join(tmpdir(), 'mb-trend-'));
    fake = await startFakeGitHub();
    origin = join(T, 'origin.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    work = join(T, 'work');
    execFileSync('git', ['init', '-q', '-b', 'main', work]);
    git(work, 'config', 'user.email', 'dev@example.com');
    git(work, 'config', 'user.name', 'dev');
    git(work, 'remote', 'add', 'origin', origin);
    mkdirSync(join(work, 'models'));
    writeFileSync(join(work, 'budgets.yml'), BUDGETS);
    shas.push(commitModel('main', 64));
    runs.push(await runAction('main', shas[0], 'push'));
    shas.push(commitModel('main', 96));
    runs.push(await runAction('main', shas[1], 'push'));
  }, 120_000);

  afterAll(async () => {
    await fake?.close();
    rmSync(T, { recursive: true, force: true });
  });

  it('two pushes to the default branch build a history of two runs in the branch', () => {
    for (const r of runs) expect(r.code).toBe(0);
    const h = storedHistory();
    expect(h.version).toBe(1);
    expect(h.runs.map((r) => r.sha)).toEqual(shas);
    expect(h.runs.map((r) => r.ref)).toEqual(['refs/heads/main', 'refs/heads/main']);
    expect(h.runs.map((r) => r.models['models/net.onnx'].params)).toEqual([params(64), params(96)]);
    expect(Object.keys(h.runs[1].models['models/net.onnx'].latency)).toEqual(['raspberry-pi-5']);
    // Two commits on the branch, the first a root, by the bot; the checkouts were left alone.
    expect(git(origin, 'rev-list', '--count', `refs/heads/${BRANCH}`)).toBe('2');
    expect(git(origin, 'log', '-1', '--format=%an', `refs/heads/${BRANCH}`)).toBe('github-actions[bot]');
    expectUntouched(runs[0], shas[0]);
    expectUntouched(runs[1], shas[1]);
  });

  it('the summary of the second shows the sparkline of both runs', () => {
    expect(runs[0].summary).toContain(`| \`models/net.onnx\` | params | ${BLOCKS[3]} | ${formatCount(params(64))} | ${formatCount(params(64))} | ±0 |`);
    expect(runs[1].summary).toContain(`### Trend: the last 2 run(s) of \`${BRANCH}\``);
    // 42*64 -> 42*96 params: min and max, +50%.
    expect(runs[1].summary).toContain(`| \`models/net.onnx\` | params | ▁█ | ${formatCount(params(64))} | ${formatCount(params(96))} | +50% |`);
    expect(runs[1].summary).toMatch(/\| `models\/net\.onnx` \| latency raspberry-pi-5 \| [▁-█]{2} \|/);
  });

  it('a re-run of a recorded commit replaces its entry', async () => {
    const r = await runAction('main', shas[1], 'push');
    expect(r.code).toBe(0);
    expect(storedHistory().runs.map((x) => x.sha)).toEqual(shas);
    expect(git(origin, 'rev-list', '--count', `refs/heads/${BRANCH}`)).toBe('3');
  });

  it('a PR run reads the history, draws its values as the marked last point, and pushes nothing', async () => {
    git(work, 'checkout', '-q', '-b', 'feature', 'main');
    const head = commitModel('feature', 80);
    const before = branchTip();
    const r = await runAction('feature', head, 'pull_request', { 'INPUT_TREND-ON': 'always' });
    expect(r.code).toBe(0);
    expect(branchTip()).toBe(before);
    expect(r.stdout).toMatch(/a pull request never writes the history/);
    // 2688, 4032, then the PR's 3360: (3360 - 2688) / 1344 * 7 = 3.5 -> level 4.
    expect(r.summary).toContain(`| \`models/net.onnx\` | params | ▁█·${BLOCKS[4]} | ${formatCount(params(64))} | ${formatCount(params(80))} | +25% |`);
    expect(r.summary).toContain('and this run (after ·)');
    expectUntouched(r, head);
  });

  it('a push to another branch only reads (trend-on: push)', async () => {
    const head = commitModel('feature', 72);
    const before = branchTip();
    const r = await runAction('feature', head, 'push');
    expect(r.code).toBe(0);
    expect(branchTip()).toBe(before);
    expect(r.summary).toContain('·');
  });

  it('a corrupted history in the branch gives a warning and a fresh history', async () => {
    const other = join(T, 'corrupt');
    execFileSync('git', ['clone', '-q', '--branch', BRANCH, `file://${origin}`, other]);
    git(other, 'config', 'user.email', 'dev@example.com');
    git(other, 'config', 'user.name', 'dev');
    writeFileSync(join(other, FILE), JSON.stringify({ version: 1, runs: [{ sha: 'not-a-sha', ref: '', date: 'x', models: {} }] }));
    writeFileSync(join(other, 'README.md'), 'kept\n');
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'vandalise');
    git(other, 'push', '-q', 'origin', BRANCH);
    const head = commitModel('main', 112);
    const r = await runAction('main', head, 'push');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /::warning::trend: model-budget\/history\.json in the branch model-budget-history is not a valid history \(runs\[0\]\.sha is not a commit sha\); starting a fresh history/,
    );
    expect(storedHistory().runs.map((x) => x.sha)).toEqual([head]);
    // The branch's other files are kept.
    expect(git(origin, 'show', `refs/heads/${BRANCH}:README.md`)).toBe('kept');
  });

  it('refuses a trend-branch or trend-runs that is not plain, before touching git', async () => {
    const before = branchTip();
    const bad = await runAction('main', shas[0], 'push', { 'INPUT_TREND-BRANCH': '--upload-pack=touch /tmp/x' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/::error::input 'trend-branch' is not a plain branch name: '--upload-pack=touch \/tmp\/x'/);
    const runs = await runAction('main', shas[0], 'push', { 'INPUT_TREND-RUNS': '1' });
    expect(runs.code).toBe(1);
    expect(runs.stdout).toMatch(/::error::input 'trend-runs' must be a whole number from 2 to 500, got '1'/);
    expect(branchTip()).toBe(before);
  });

  it('a push the remote refuses is a warning naming the cause, not a failed step', async () => {
    const head = commitModel('main', 120);
    const hook = join(origin, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "Permission to acme/models.git denied to github-actions[bot]." >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    try {
      const before = branchTip();
      const r = await runAction('main', head, 'push');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /::warning::trend: this run is not recorded: no permission to push to model-budget-history \(a fork, or a token without `contents: write`\)/,
      );
      expect(branchTip()).toBe(before);
      // The summary still draws this run, as the pending last point.
      expect(r.summary).toContain(`| ${formatCount(params(120))} |`);
    } finally {
      rmSync(hook);
    }
  });
});

/**
 * The bundled action (dist/index.js) run as a runner runs it: a real event payload file,
 * INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a real git repository with a
 * base and a head commit that changes a model (checked out shallow, as actions/checkout does),
 * and a stand-in for the GitHub REST API on 127.0.0.1 (reached directly, or through a local
 * proxy that alone resolves `api.github.test`, and made to fail on demand).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fmt } from '../../src/budgets/evaluate.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';
import type { CheckReport } from '../../src/check/run.js';
import { zipSync, strToU8 } from 'fflate';
import { secondaryRateLimit, startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { startProxy, type TestProxy } from './proxy.js';
import { runBundledAction, type ActionRun } from './run-action.js';
import { mlp } from '../helpers/models.js';

const PR = 7;

const BUDGETS = `version: 1
devices: [raspberry-pi-5]
models:
  - path: models/net.onnx
    dims: { batch: 1 }
    budgets:
      params: 1M
      latency: { raspberry-pi-5: 5ms }
      max-increase: { params: { max: 50%, level: warn } }
  - path: models/stable.onnx
    budgets:
      params: 1M
  - path: models/lfs.onnx
    budgets:
      max-increase: { params: 1% }
`;

let T: string;
let origin: string;
let fake: FakeGitHub;
let proxy: TestProxy;
let mainSha: string;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

function commitModel(work: string, hidden: number, message: string): string {
  writeFileSync(join(work, 'models', 'net.onnx'), mlp(hidden, { relu: true }));
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', message);
  git(work, 'push', '-q', 'origin', 'HEAD');
  return git(work, 'rev-parse', 'HEAD');
}

async function runAction(
  name: string,
  env: Record<string, string>,
  event: object,
  branchOrPrepare: string | ((ws: string) => void) = 'feature',
  repo: string = origin,
): Promise<ActionRun> {
  const branch = typeof branchOrPrepare === 'string' ? branchOrPrepare : 'feature';
  const dir = join(T, name);
  mkdirSync(dir);
  const ws = join(dir, 'ws');
  // actions/checkout: a shallow clone of the PR's head.
  execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', branch, `file://${repo}`, ws]);
  if (typeof branchOrPrepare === 'function') branchOrPrepare(ws);
  return runBundledAction({ dir, ws, event, apiUrl: fake.url, env });
}

function prEvent(headSha: string, number = PR) {
  return { pull_request: { number, base: { sha: mainSha, ref: 'main' }, head: { sha: headSha, ref: 'feature' } } };
}

function analyzeParams(bytes: Uint8Array): number {
  const file = join(T, `m-${Math.random().toString(36).slice(2)}.onnx`);
  writeFileSync(file, bytes);
  const r = runCli('analyze', file, '--allow-outside-repo', '--format', 'json', '--dims', 'batch=1');
  return (JSON.parse(r.stdout) as AnalyzeReport).models[0].totals.params;
}

describe('the action, end to end', () => {
  let headSha: string;
  let first: ActionRun;

  beforeAll(async () => {
    T = mkdtempSync(join(tmpdir(), 'mb-action-'));
    fake = await startFakeGitHub();
    proxy = await startProxy({ 'api.github.test': Number(new URL(fake.url).port) });
    origin = join(T, 'origin.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    const work = join(T, 'work');
    execFileSync('git', ['init', '-q', '-b', 'main', work]);
    git(work, 'config', 'user.email', 'dev@example.com');
    git(work, 'config', 'user.name', 'dev');
    git(work, 'remote', 'add', 'origin', origin);
    mkdirSync(join(work, 'models'));
    writeFileSync(join(work, 'budgets.yml'), BUDGETS);
    writeFileSync(join(work, 'models', 'stable.onnx'), mlp(16, { relu: true }));
    // At the base this model is a Git LFS pointer (LFS not fetched): reported, not analysed.
    writeFileSync(join(work, 'models', 'lfs.onnx'), `version https://git-lfs.github.com/spec/v1\noid sha256:${'ab'.repeat(32)}\nsize 4096\n`);
    mainSha = commitModel(work, 64, 'base');
    git(work, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(work, 'models', 'lfs.onnx'), mlp(8, { relu: true }));
    // Some unrelated history, so the merge-base is not the parent of the head.
    writeFileSync(join(work, 'README'), 'hello');
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'docs');
    headSha = commitModel(work, 96, 'grow the hidden layer');
    first = await runAction('first', {}, prEvent(headSha));
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
  });

  it('creates one comment whose numbers equal `analyze` of the base and head models', () => {
    expect(first.code).toBe(0);
    const comments = fake.comments.get(PR) ?? [];
    expect(comments).toHaveLength(1);
    const body = comments[0].body;
    expect(body).toContain('<!-- model-budget comment: default -->');
    const base = analyzeParams(mlp(64, { relu: true }));
    const head = analyzeParams(mlp(96, { relu: true }));
    expect(base).toBe(32 * 64 + 64 * 10);
    expect(head).toBe(32 * 96 + 96 * 10);
    // The params row: base, PR, change (+50%: at the warn limit, not over it).
    // (a no-break space joins a figure and its percentage: table cells never wrap inside a figure)
    expect(body).toContain(`| params | ${fmt('params', base)} | ${fmt('params', head)} | +${fmt('params', head - base)}\u00A0(+50%)`);
    expect(body).toMatch(/models\/stable\.onnx/);
    // The LFS pointer at the base is said, and the model passes its relative budget as new.
    expect(body).toMatch(/`models\/lfs\.onnx` 🆕\n<sub>not analysed at the baseline: is a Git LFS pointer to a 4096-byte file/);
    expect(first.outputs['comment-id']).toBe(String(comments[0].id));
    expect(first.outputs['comment-body']).toBe(body);
    expect(first.outputs.passed).toBe('true');
    expect(first.outputs.violations).toBe('0');
  });

  it('writes the job summary and a JSON report with both versions', () => {
    expect(first.summary).toContain('model-budget: all budgets pass');
    expect(first.summary).toContain('Full analysis');
    const report = JSON.parse(readFileSync(first.outputs['report-json'], 'utf8')) as CheckReport;
    const net = (r: { models: { path: string; totals: { params: number } }[] }) => r.models.find((m) => m.path === 'models/net.onnx')!;
    expect(net(report.base!).totals.params).toBe(analyzeParams(mlp(64, { relu: true })));
    expect(net(report.head).totals.params).toBe(analyzeParams(mlp(96, { relu: true })));
    expect(readFileSync(first.outputs['report-markdown'], 'utf8')).toBe(first.summary.trimEnd() + '\n');
  });

  it('a second run updates the same comment', async () => {
    const work = join(T, 'work');
    const newHead = commitModel(work, 112, 'grow again');
    const second = await runAction('second', {}, prEvent(newHead));
    expect(second.code).toBe(0);
    const comments = fake.comments.get(PR)!;
    expect(comments).toHaveLength(1);
    expect(String(comments[0].id)).toBe(first.outputs['comment-id']);
    expect(comments[0].body).toContain(`| ${fmt('params', analyzeParams(mlp(112, { relu: true })))} |`);
    expect(fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('a 403 on the comment is a warning: the step is green or red by the budgets alone', async () => {
    fake.readOnly = true;
    try {
      const work = join(T, 'work');
      // +100% params over the merge-base: breaks the warn-level max-increase.
      const head = commitModel(work, 128, 'double');
      const green = await runAction('readonly-green', {}, prEvent(head));
      expect(green.code).toBe(0);
      expect(green.stdout).toMatch(/::warning::could not post the PR comment: the token may not write comments here \(PATCH .* 403 .*A PR from a fork/);
      expect(green.outputs.passed).toBe('true');
      expect(green.outputs.violations).toBe('1');
      expect(green.outputs['comment-body']).toContain('⚠️ model-budget');
      expect(green.summary).toContain('grew +100.0%');
      // The broken budget is annotated at its line in the budgets file ('%' is escaped as %25 in workflow commands).
      expect(green.stdout).toMatch(/::warning title=model-budget,file=budgets\.yml,line=9,col=\d+::params of models\/net\.onnx grew \+100\.0%25/);

      const red = await runAction('readonly-red', { 'INPUT_FAIL-ON': 'warn' }, prEvent(head));
      expect(red.code).toBe(1);
      expect(red.outputs.passed).toBe('false');
      expect(red.stdout).toMatch(/::error::1 budget\(s\) broken/);
      expect(red.summary).toContain('grew +100.0%');
    } finally {
      fake.readOnly = false;
    }
  });

  it('on push with base-ref: compares with the merge-base of that branch, fetched by name', async () => {
    const before = fake.requests.length;
    const push = await runAction('push-base-ref', { GITHUB_EVENT_NAME: 'push', 'INPUT_BASE-REF': 'main' }, { ref: 'refs/heads/feature', after: headSha });
    expect(push.code).toBe(0);
    expect(fake.requests.length).toBe(before);
    expect(push.summary).toContain(`compared with the merge-base ${mainSha.slice(0, 12)}`);
    const report = JSON.parse(readFileSync(push.outputs['report-json'], 'utf8')) as CheckReport;
    expect(report.base?.models.find((m: { path: string }) => m.path === 'models/net.onnx')?.totals.params).toBe(analyzeParams(mlp(64, { relu: true })));
  });

  it('on push: no comment, no baseline, summary and outputs still written', async () => {
    const before = fake.requests.length;
    const push = await runAction('push', { GITHUB_EVENT_NAME: 'push' }, { ref: 'refs/heads/feature', after: headSha });
    expect(push.code).toBe(0);
    expect(fake.requests.length).toBe(before);
    expect(push.outputs.passed).toBe('true');
    expect(push.summary).toContain('no baseline on a push run');
  });
  it('through an HTTP proxy (HTTPS_PROXY / HTTP_PROXY) to an API host only the proxy can resolve', async () => {
    const before = proxy.seen.length;
    const r = await runAction('proxy', { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, GITHUB_API_URL: 'http://api.github.test' }, prEvent(headSha, 8));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/::warning::could not post/);
    const seen = proxy.seen.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((l) => /api\.github\.test/.test(l))).toBe(true);
    const comments = fake.comments.get(8) ?? [];
    expect(comments).toHaveLength(1);
    expect(r.outputs['comment-id']).toBe(String(comments[0].id));
  });

  it('a 502 and a secondary rate limit (retry-after: 1) are retried: the comment is posted', async () => {
    fake.faults.push({ method: 'POST', path: /\/issues\/9\/comments$/, status: 502, body: { message: 'Bad Gateway' } });
    fake.faults.push(secondaryRateLimit(1, { method: 'GET', path: /\/issues\/9\/comments/ }));
    const r = await runAction('retries', {}, prEvent(headSha, 9));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/::warning::could not post/);
    expect(fake.faults).toHaveLength(0);
    expect(fake.comments.get(9) ?? []).toHaveLength(1);
    expect(fake.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/issues/9/comments'))).toHaveLength(2);
    expect(fake.requests.filter((q) => q.method === 'GET' && q.path.includes('/issues/9/comments'))).toHaveLength(2);
  });

  it('comment: on-change creates no comment for a PR that changes no model, one for a PR that does, and updates an existing one', async () => {
    // A docs-only PR on top of the feature branch: the merge-base has the same models.
    const work = join(T, 'work');
    const baseSha = git(work, 'rev-parse', 'HEAD');
    git(work, 'checkout', '-q', '-b', 'docs-only');
    writeFileSync(join(work, 'NOTES'), 'docs only');
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'docs only');
    git(work, 'push', '-q', 'origin', 'docs-only');
    const docsSha = git(work, 'rev-parse', 'HEAD');
    git(work, 'checkout', '-q', 'feature');
    const docsEvent = (number: number) => ({ pull_request: { number, base: { sha: baseSha, ref: 'feature' }, head: { sha: docsSha, ref: 'docs-only' } } });
    const env = { INPUT_COMMENT: 'on-change' };

    const quiet = await runAction('on-change-quiet', env, docsEvent(10), 'docs-only');
    expect(quiet.code).toBe(0);
    expect(quiet.summary).toContain(`compared with the merge-base ${baseSha.slice(0, 12)}`);
    expect(quiet.outputs.violations).toBe('0');
    expect(fake.comments.get(10) ?? []).toHaveLength(0);
    expect(fake.requests.filter((q) => q.method === 'POST' && q.path.includes('/issues/10/'))).toHaveLength(0);
    expect(quiet.outputs['comment-id']).toBe('');
    expect(quiet.outputs['comment-body']).toContain('model-budget');

    const loud = await runAction('on-change-loud', env, prEvent(baseSha, 11));
    expect(loud.code).toBe(0);
    expect(fake.comments.get(11) ?? []).toHaveLength(1);
    expect(loud.outputs['comment-id']).toBe(String(fake.comments.get(11)![0].id));

    // PR 11 then stops changing anything: its comment is still brought up to date.
    const fixed = await runAction('on-change-fixed', env, docsEvent(11), 'docs-only');
    expect(fixed.code).toBe(0);
    expect(fake.comments.get(11)).toHaveLength(1);
    expect(fake.comments.get(11)![0].body).toBe(fixed.outputs['comment-body']);
    expect(fixed.outputs['comment-id']).toBe(loud.outputs['comment-id']);
  });

  it('a 60-model monorepo PR that changes one model: that model first, the other 59 collapsed, under 20,000 characters', async () => {
    // A repository of its own: 60 small MLPs under one glob budget; the PR widens models/m37.onnx.
    const MONO_PR = 70;
    const BASE_HIDDEN = 8;
    const HEAD_HIDDEN = 20;
    const PARAMS_BUDGET = 2000;
    // The file's mlp: MatMul 32 -> hidden, Relu, MatMul hidden -> 10, no biases.
    const paramsOf = (hidden: number) => 32 * hidden + hidden * 10;
    // At batch 1 each weight is one multiply-add: MACs equal params.
    const macsOf = (hidden: number) => 1 * (32 * hidden + hidden * 10);
    const names = Array.from({ length: 60 }, (_, i) => `models/m${String(i).padStart(2, '0')}.onnx`);
    const changed = 'models/m37.onnx';
    const repo = join(T, 'mono-origin.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', repo]);
    const work = join(T, 'mono-work');
    execFileSync('git', ['init', '-q', '-b', 'main', work]);
    git(work, 'config', 'user.email', 'dev@example.com');
    git(work, 'config', 'user.name', 'dev');
    git(work, 'remote', 'add', 'origin', repo);
    mkdirSync(join(work, 'models'));
    writeFileSync(
      join(work, 'budgets.yml'),
      `version: 1\nmodels:\n  - path: models/*.onnx\n    dims: { batch: 1 }\n    budgets:\n      params: ${PARAMS_BUDGET}\n`,
    );
    const small = mlp(BASE_HIDDEN, { relu: true });
    for (const name of names) writeFileSync(join(work, name), small);
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', '60 models');
    git(work, 'push', '-q', 'origin', 'main');
    const baseSha = git(work, 'rev-parse', 'HEAD');
    git(work, 'checkout', '-q', '-b', 'mono-pr');
    writeFileSync(join(work, changed), mlp(HEAD_HIDDEN, { relu: true }));
    git(work, 'commit', '-q', '-am', 'widen m37');
    git(work, 'push', '-q', 'origin', 'mono-pr');
    const headSha = git(work, 'rev-parse', 'HEAD');
    expect(git(work, 'diff', '--name-only', baseSha, headSha)).toBe(changed);

    const event = { pull_request: { number: MONO_PR, base: { sha: baseSha, ref: 'main' }, head: { sha: headSha, ref: 'mono-pr' } } };
    const r = await runAction('monorepo', {}, event, 'mono-pr', repo);
    expect(r.code).toBe(0);
    expect(r.outputs.passed).toBe('true');
    expect(r.outputs.violations).toBe('0');
    expect(r.summary).toContain(`compared with the merge-base ${baseSha.slice(0, 12)}`);
    const comments = fake.comments.get(MONO_PR) ?? [];
    expect(comments).toHaveLength(1);
    const body = comments[0].body;
    expect(r.outputs['comment-body']).toBe(body);
    expect(r.outputs['comment-id']).toBe(String(comments[0].id));

    expect(body.length).toBeLessThan(20_000);
    expect(body).not.toContain('Some detail was left out');
    expect(body).toContain('\n60 models: 1 changed, 0 broken, 0 warnings, 0 new, 0 removed\n');

    // The changed model is the only one with a section, and it comes before the collapsed table.
    expect(body.match(/^#### .*$/gm)).toEqual([`#### \`${changed}\``]);
    const section = body.indexOf(`#### \`${changed}\``);
    const detailsStart = body.indexOf('<details><summary>59 unchanged models</summary>');
    expect(section).toBeGreaterThan(0);
    expect(detailsStart).toBeGreaterThan(section);
    const detailsEnd = body.indexOf('</details>', detailsStart);
    expect(detailsEnd).toBeGreaterThan(detailsStart);
    const details = body.slice(detailsStart, detailsEnd);
    expect(details).not.toContain(changed);
    expect(body.split(changed)).toHaveLength(2);

    // The other 59: each once in the whole body, as a row of the unchanged table with its params.
    const baseParams = paramsOf(BASE_HIDDEN);
    for (const name of names.filter((n) => n !== changed)) {
      expect(body.split(name), name).toHaveLength(2);
      expect(details, name).toContain(`| \`${name}\` | ${fmt('params', baseParams)} | ${fmt('gmacs', macsOf(BASE_HIDDEN) / 1e9)} | ✅ |`);
    }
    expect(details.match(/^\| `models\/m\d\d\.onnx` \|/gm)).toHaveLength(59);

    // m37's params row, from the architecture: base, PR, change (+150%), budget, used, status.
    const head = paramsOf(HEAD_HIDDEN);
    expect(baseParams).toBe(336);
    expect(head).toBe(840);
    expect(analyzeParams(mlp(HEAD_HIDDEN, { relu: true }))).toBe(head);
    const pct = Math.round((100 * (head - baseParams)) / baseParams);
    const used = Math.round((100 * head) / PARAMS_BUDGET);
    const m37 = body.slice(section, detailsStart);
    expect(m37).toContain(
      `| params | ${fmt('params', baseParams)} | ${fmt('params', head)} | +${fmt('params', head - baseParams)}\u00A0(+${pct}%) | ≤\u00A0${fmt('params', PARAMS_BUDGET)} | ${used}% | ✅ |`,
    );
    const [macsBase, macsHead] = [macsOf(BASE_HIDDEN), macsOf(HEAD_HIDDEN)];
    expect(m37).toContain(
      `| GMACs | ${fmt('gmacs', macsBase / 1e9)} | ${fmt('gmacs', macsHead / 1e9)} | +${fmt('gmacs', (macsHead - macsBase) / 1e9)}\u00A0(+${pct}%) |`,
    );
    // The layer diff: fc1 (32 x hidden) and fc2 (hidden x 10) grew by their weights.
    expect(m37).toMatch(new RegExp(`^\\| \`fc1\` \\| \`MatMul\` \\|.* \\| \\+${32 * (HEAD_HIDDEN - BASE_HIDDEN)} \\|$`, 'm'));
    expect(m37).toMatch(new RegExp(`^\\| \`fc2\` \\| \`MatMul\` \\|.* \\| \\+${(HEAD_HIDDEN - BASE_HIDDEN) * 10} \\|$`, 'm'));
  }, 60_000);

  it('a rejected token (401) warns about the token, not about forks', async () => {
    const r = await runAction('bad-token', { 'INPUT_GITHUB-TOKEN': 'bad_token' }, prEvent(headSha, 12));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/::warning::could not post the PR comment: the token was rejected \(GET .*\/user: 401 Bad credentials\)/);
    expect(r.stdout).not.toMatch(/fork/);
    expect(fake.comments.get(12) ?? []).toHaveLength(0);
  });

  it('with working-directory: the annotation names the budgets file from the repository root', async () => {
    const run = await runAction('subdir', { 'INPUT_WORKING-DIRECTORY': 'sub', INPUT_BASELINE: 'none', INPUT_COMMENT: 'off' }, prEvent(headSha), (ws) => {
      mkdirSync(join(ws, 'sub'));
      // The same file name at the root, so an annotation on the wrong file would look plausible.
      writeFileSync(join(ws, 'budgets.yml'), 'version: 1\nmodels: []\n');
      writeFileSync(join(ws, 'sub', 'budgets.yml'), 'version: 1\nmodels:\n  - path: ../models/stable.onnx\n    budgets:\n      params: 100\n');
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error title=model-budget,file=sub\/budgets\.yml,line=5,col=\d+::params of \.\.\/models\/stable\.onnx is/);
  });

  it("the models input is confined to the repository: '../' is refused, nothing outside is read", async () => {
    const run = await runAction('models-outside', { INPUT_MODELS: '../*.onnx', INPUT_BASELINE: 'none', INPUT_COMMENT: 'off' }, prEvent(headSha), (ws) => {
      writeFileSync(join(ws, '..', 'outside.onnx'), mlp(8, { relu: true }));
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::models input '\.\.\/\*\.onnx': '\.\.\/\*\.onnx' is outside the repository: refused/);
    expect(run.outputs.passed).toBeUndefined();
  });

  it('a budgets file symlinked out of the workspace is refused without its content', async () => {
    const run = await runAction('budgets-link', { INPUT_BASELINE: 'none', INPUT_COMMENT: 'off' }, prEvent(headSha), (ws) => {
      writeFileSync(join(ws, '..', 'secret.txt'), 'FAKE_SECRET_token_123\n');
      rmSync(join(ws, 'budgets.yml'));
      symlinkSync(join(ws, '..', 'secret.txt'), join(ws, 'budgets.yml'));
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::budgets\.yml: resolves to a file outside the repository: refused/);
    expect(run.stdout).not.toContain('FAKE_SECRET');
    expect(run.stdout).not.toContain('allow-outside-repo');
  });

  describe('mode: publish (the workflow_run half of the fork-PR pattern)', () => {
    const FORK_PR = 40;
    let check: ActionRun;
    let reportText: string;
    let nextRun = 500;

    beforeAll(async () => {
      // The unprivileged pull_request run: no comment, the JSON report left for upload.
      check = await runAction('publish-check', { INPUT_COMMENT: 'off' }, prEvent(headSha, FORK_PR));
      expect(check.code).toBe(0);
      reportText = readFileSync(check.outputs['report-json'], 'utf8');
    }, 60_000);

    function workflowRun(runId: number, pr: number | null, sha = headSha) {
      return {
        workflow_run: {
          id: runId,
          event: 'pull_request',
          head_sha: sha,
          head_branch: 'feature',
          head_repository: { full_name: 'forker/models', owner: { login: 'forker' } },
          pull_requests: pr === null ? [] : [{ number: pr, head: { sha } }],
        },
      };
    }

    /** Serve `zip` as the artifact of a new run, and run the action in publish mode for it. */
    async function publish(name: string, zip: Uint8Array, pr: number | null = FORK_PR, env: Record<string, string> = {}) {
      const runId = nextRun++;
      fake.artifacts.set(runId, [{ id: runId * 10, name: 'model-budget-report', zip }]);
      return runAction(name, { GITHUB_EVENT_NAME: 'workflow_run', INPUT_MODE: 'publish', ...env }, workflowRun(runId, pr));
    }

    const report = () => JSON.parse(reportText) as CheckReport & { action: { pullRequest: { number: number; headSha: string } } };
    const reportFor = (pr: number) => {
      const d = report();
      d.action.pullRequest.number = pr;
      return d;
    };
    const zipOf = (files: Record<string, string | Uint8Array>) =>
      zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));

    it('posts the comment check mode would post, re-rendered from the JSON (a planted Markdown file is never read)', async () => {
      const planted = '### PLANTED-BY-THE-FORK [click](https://evil.example) @everyone';
      const r = await publish('publish-good', zipOf({ 'model-budget-report.json': reportText, 'model-budget-report.md': planted }));
      expect(r.stdout).not.toMatch(/::error/);
      expect(r.code).toBe(0);
      const comments = fake.comments.get(FORK_PR) ?? [];
      expect(comments).toHaveLength(1);
      expect(comments[0].body).toBe(check.outputs['comment-body']);
      expect(comments[0].body).not.toContain('PLANTED');
      expect(comments[0].body).not.toContain('evil.example');
      // The LFS note of the baseline survives the round trip through the JSON.
      expect(comments[0].body).toMatch(/not analysed at the baseline: is a Git LFS pointer/);
      expect(r.outputs['comment-id']).toBe(String(comments[0].id));
      // A second publish of the same report leaves the one comment as it is.
      const again = await publish('publish-again', zipOf({ 'model-budget-report.json': reportText }));
      expect(again.code).toBe(0);
      expect(fake.comments.get(FORK_PR)).toHaveLength(1);
    });

    it('a fork PR (pull_requests empty): the PR is found by head owner:branch and head SHA', async () => {
      const pr = 41;
      fake.pulls.push({ number: 3, label: 'forker:feature', sha: mainSha }, { number: pr, label: 'forker:feature', sha: headSha });
      const data = report();
      data.action.pullRequest.number = pr;
      const r = await publish('publish-fork', zipOf({ 'model-budget-report.json': JSON.stringify(data) }), null);
      expect(r.stdout).not.toMatch(/::error/);
      expect(r.code).toBe(0);
      expect(fake.requests.some((q) => q.path.startsWith('/repos/acme/models/pulls?') && q.path.includes('head=forker%3Afeature'))).toBe(true);
      expect(fake.comments.get(pr)?.[0].body).toBe(check.outputs['comment-body']);
      expect(fake.comments.get(3)).toBeUndefined();
    });

    it('Markdown and HTML planted in the report strings are escaped like any check', async () => {
      const pr = 42;
      const data = report();
      data.action.pullRequest.number = pr;
      const evil = '<img src=x onerror=alert(1)> [click](https://evil.example) <!-- model-budget comment: default -->';
      data.budgets = evil;
      (data.action as { baselineNote?: string }).baselineNote = evil;
      const r = await publish('publish-escaped', zipOf({ 'model-budget-report.json': JSON.stringify(data) }), pr);
      expect(r.code).toBe(0);
      const body = fake.comments.get(pr)![0].body;
      expect(body).not.toContain('<img');
      expect(body).not.toContain('](https://evil.example)');
      expect(body.split('<!-- model-budget comment:').length).toBe(2);
    });

    const refused: [string, (pr: number) => Uint8Array, RegExp][] = [
      [
        'a report that fails the schema',
        (pr) => {
          const d = reportFor(pr) as unknown as { head: { models: { totals: { params: unknown } }[] } };
          d.head.models[0].totals.params = '<b>lots</b>';
          return zipOf({ 'model-budget-report.json': JSON.stringify(d) });
        },
        /is not a valid report \(schema\/report\.schema\.json\): head\.models\[0\]\.totals\.params: must be number/,
      ],
      [
        'a row of the wrong shape (a string where a figure is printed)',
        (pr) => {
          const d = reportFor(pr) as unknown as { rows: { value: unknown }[] };
          d.rows[0].value = '**1** | <b>x</b>';
          return zipOf({ 'model-budget-report.json': JSON.stringify(d) });
        },
        /has the wrong shape: \/rows\/0\/value must be number,null/,
      ],
      [
        'a report for another pull request',
        (pr) => {
          const d = reportFor(pr);
          d.action.pullRequest.number = 99;
          return zipOf({ 'model-budget-report.json': JSON.stringify(d) });
        },
        /the report is for pull request #99, but run \d+ is for #5\d: refused/,
      ],
      [
        'a report for another head commit',
        (pr) => {
          const d = reportFor(pr);
          d.action.pullRequest.headSha = mainSha;
          return zipOf({ 'model-budget-report.json': JSON.stringify(d) });
        },
        /the report is for head [0-9a-f]{12}, but run \d+ ran on [0-9a-f]{12}: refused/,
      ],
      [
        'a report with no pull request (not written by mode: check on a PR)',
        (pr) => {
          const d = reportFor(pr) as unknown as Record<string, unknown>;
          delete d.action;
          return zipOf({ 'model-budget-report.json': JSON.stringify(d) });
        },
        /the report names no pull request/,
      ],
      [
        'a zip entry named ../x',
        (pr) => zipOf({ 'model-budget-report.json': JSON.stringify(reportFor(pr)), '../x': 'pwned' }),
        /unexpected entry '\.\.\/x' .*refused/,
      ],
      [
        'an entry over the uncompressed limit',
        () => zipOf({ 'model-budget-report.json': new Uint8Array(9 * 1024 * 1024) }),
        /is 9437184 bytes uncompressed, over the 8388608-byte limit: refused/,
      ],
      [
        'an archive over the compressed limit',
        () => {
          // Incompressible bytes, stored: the zip itself is over 4 MB.
          const noise = new Uint8Array(4 * 1024 * 1024 + 10);
          for (let i = 0, x = 1; i < noise.length; i++) noise[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
          return zipSync({ 'model-budget-report.json': [noise, { level: 0 }] });
        },
        /is \d+ bytes, over the 4194304-byte limit: refused/,
      ],
      [
        'an archive of many entries',
        () => zipOf(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`model-budget-report-${i}.json`, '{}']))),
        /the archive has 6 entries, more than 4: refused/,
      ],
      ['not a zip', () => strToU8('<html>hello</html>'), /is not a readable zip archive/],
    ];
    for (const [i, [what, make, message]] of refused.entries()) {
      it(`refuses ${what}: the step fails and no comment is posted`, async () => {
        const pr = 50 + i;
        const r = await publish(`publish-refused-${pr}`, make(pr), pr);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(new RegExp(`::error::.*${message.source}`));
        expect(fake.comments.get(pr)).toBeUndefined();
        expect(fake.comments.get(99)).toBeUndefined();
        expect(r.outputs['comment-id']).toBeUndefined();
      });
    }

    it('a token that may not read the artifacts (no actions: read) fails the step and says which permission', async () => {
      fake.faults.push({ method: 'GET', path: /\/actions\/runs\/\d+\/artifacts/, status: 403, body: { message: 'Resource not accessible by integration' } });
      const r = await publish('publish-no-actions-read', zipOf({ 'model-budget-report.json': JSON.stringify(reportFor(61)) }), 61);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        /::error::GET .*\/actions\/runs\/\d+\/artifacts: 403 Resource not accessible by integration \(does the workflow grant `permissions: actions: read`\?\)/,
      );
      expect(fake.comments.get(61)).toBeUndefined();
    });

    it('refuses to run on anything but workflow_run', async () => {
      const r = await runAction('publish-wrong-event', { INPUT_MODE: 'publish' }, prEvent(headSha, 60));
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/::error::mode: publish runs in a workflow triggered by workflow_run, not 'pull_request'/);
      expect(fake.comments.get(60)).toBeUndefined();
    });
  });
});

/**
 * The GitHub Action: a thin shell around the check. It reads inputs inside `run()` (never at
 * import), finds the baseline (merge-base of the PR, a report file, or none), runs the check,
 * then reports through every channel a runner offers: job summary, step outputs, annotations on
 * the budgets file, and one sticky PR comment. Only broken budgets fail the step; a comment
 * that cannot be posted (a fork's read-only token) is a warning.
 */
import * as core from '@actions/core';
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { runCheck, analyzeBaseline, parseMaxNodes, type CheckOutcome } from '../check/run.js';
import { renderCheckMarkdown } from '../check/markdown.js';
import { readReportFile } from '../io/read-report.js';
import { isInside, readTextSafe } from '../io/safe-open.js';
import { confinement } from '../check/run.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file.js';
import type { AnalyzeReport } from '../report/model-report.js';
import { checkNews, mayCreateComment, type CommentMode } from './comment.js';
import { REPORT_FILE, commentBodyFor, loadPublishedReport, readWorkflowRun, type ActionInfo } from './publish.js';
import { GitHubApi, commentFailureWarning, upsertStickyComment } from './github-api.js';
import { checkoutWorktree, mergeBase, type Git } from './git.js';
import { VERSION } from '../version.js';
import { readTrendInputs, trendForAction, type TrendInputs } from './trend-git.js';
import { safeText } from '../util/sanitize.js';

// Log lines carry untrusted parts (paths and names from the PR, git output, API answers).
// core.error / warning escape CR and LF themselves, core.info does not: everything goes through
// safeText (one line, no control characters) and a comment id only as a validated positive integer.
const log = (m: string) => core.info(safeText(m, 2000));
const said = (m: string) => safeText(m, 2000);

/** A comment id as the API should send it: a positive safe integer, else null. */
export function validCommentId(id: unknown): number | null {
  const n = typeof id === 'number' ? id : typeof id === 'string' && /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

type FailOn = 'error' | 'warn' | 'never';

interface Inputs {
  budgets: string;
  models: string;
  token: string;
  baseRef: string;
  baseline: string;
  comment: CommentMode;
  commentKey: string;
  failOn: FailOn;
  workingDirectory: string;
  maxNodes: number | undefined;
  mode: 'check' | 'publish';
  artifactName: string;
  trend: TrendInputs;
}

function readInputs(): Inputs {
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = (core.getInput(name) || fallback) as T;
    if (!allowed.includes(v)) throw new Error(`input '${name}' must be one of ${allowed.join(', ')}, got '${v}'`);
    return v;
  };
  return {
    budgets: core.getInput('budgets') || 'budgets.yml',
    models: core.getInput('models'),
    token: core.getInput('github-token'),
    baseRef: core.getInput('base-ref'),
    baseline: core.getInput('baseline') || 'auto',
    comment: oneOf('comment', ['update', 'on-change', 'off'] as const, 'update'),
    commentKey: core.getInput('comment-key') || 'default',
    failOn: oneOf('fail-on', ['error', 'warn', 'never'] as const, 'error'),
    workingDirectory: core.getInput('working-directory') || '.',
    maxNodes: parseMaxNodes(core.getInput('max-nodes'), "input 'max-nodes'"),
    mode: oneOf('mode', ['check', 'publish'] as const, 'check'),
    artifactName: core.getInput('artifact-name') || 'model-budget-report',
    trend: readTrendInputs(),
  };
}

interface PullRequest {
  number: number;
  baseSha: string;
  headSha: string;
}

function readEvent(): {
  name: string;
  pr: PullRequest | null;
  repo: { owner: string; repo: string } | null;
  payload: Record<string, unknown>;
  defaultBranch: string | null;
} {
  const name = process.env.GITHUB_EVENT_NAME ?? '';
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/');
  let payload: Record<string, unknown> = {};
  const path = process.env.GITHUB_EVENT_PATH;
  if (path && existsSync(path)) {
    // The runner writes it outside the workspace: not confined, but a regular file, capped.
    const text = readTextSafe(path, 'GITHUB_EVENT_PATH', { root: null, what: 'event payload' });
    try {
      const data: unknown = JSON.parse(text);
      if (data && typeof data === 'object' && !Array.isArray(data)) payload = data as Record<string, unknown>;
    } catch {
      throw new InputError('GITHUB_EVENT_PATH', 'the event payload is not JSON');
    }
  }
  const repository = payload.repository as { default_branch?: unknown } | undefined;
  const pr = payload.pull_request as { number?: number; base?: { sha?: string }; head?: { sha?: string } } | undefined;
  return {
    name,
    pr: pr?.number && pr.base?.sha && pr.head?.sha ? { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha } : null,
    repo: owner && repo ? { owner, repo } : null,
    payload,
    defaultBranch: typeof repository?.default_branch === 'string' ? repository.default_branch : null,
  };
}

/** The baseline: a report file, none, or the same models analysed at the merge-base. */
function findBaseline(
  inputs: Inputs,
  workspace: string,
  cwd: string,
  event: ReturnType<typeof readEvent>,
): { report: AnalyzeReport | null; note: string; notes?: Map<string, string> } {
  if (inputs.baseline === 'none') return { report: null, note: 'no baseline (baseline: none)' };
  if (inputs.baseline !== 'auto') {
    return {
      report: readReportFile(resolve(cwd, inputs.baseline), { confine: confinement(workspace, false, ''), display: inputs.baseline }),
      note: `baseline: ${safeText(inputs.baseline, 200)}`,
    };
  }
  const g: Git = { cwd, log };
  let base: string;
  if (inputs.baseRef) {
    base = mergeBase(g, inputs.baseRef, event.pr?.headSha ?? 'HEAD');
  } else if (event.pr) {
    base = mergeBase(g, event.pr.baseSha, event.pr.headSha);
  } else {
    return { report: null, note: `no baseline on a ${event.name || 'non-PR'} run (set base-ref or baseline to compare)` };
  }
  log(`baseline: the merge-base ${base.slice(0, 12)}`);
  const tree = checkoutWorktree(g, base);
  try {
    // The worktree is of the whole repository: the budgets file sits at the same path from its root.
    const rel = relative(workspace, resolve(cwd, inputs.budgets));
    const { report, notes } = analyzeBaseline(join(tree.path, rel), resolve(cwd, inputs.budgets), tree.path, workspace, inputs.maxNodes);
    return { report, notes, note: `compared with the merge-base ${base.slice(0, 12)}` };
  } finally {
    tree.remove();
  }
}

function writeOutputs(outcome: CheckOutcome, markdown: string, dir: string, action: ActionInfo): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, REPORT_FILE);
  const md = join(dir, 'model-budget-report.md');
  // The check report, plus what `mode: publish` needs to re-render the same comment and to
  // match the report with the workflow_run that uploaded it.
  writeFileAtomic(json, JSON.stringify({ ...outcome.json, action }, null, 2) + '\n');
  writeFileAtomic(md, markdown);
  return { json, md };
}

/** `mode: publish` (see publish.ts): post the comment of a check run's artifact. */
async function runPublish(inputs: Inputs, event: ReturnType<typeof readEvent>): Promise<void> {
  const triggering = readWorkflowRun(event.name, event.payload);
  if (!event.repo) throw new InputError('', 'GITHUB_REPOSITORY is not set');
  const api = new GitHubApi(inputs.token, process.env.GITHUB_API_URL || undefined);
  const { prNumber, outcome, baselineNote } = await loadPublishedReport(api, event.repo, triggering, inputs.artifactName, log);
  const body = commentBodyFor(outcome, baselineNote, inputs.commentKey);
  const summary = renderCheckMarkdown(outcome, { baselineNote, version: VERSION, commentKey: inputs.commentKey, full: true });
  try {
    await core.summary.addRaw(summary, true).write();
  } catch (e) {
    core.warning(said(`could not write the job summary: ${(e as Error).message}`));
  }
  const errors = outcome.violations.filter((v) => v.level === 'error').length;
  core.setOutput('passed', String(errors === 0));
  core.setOutput('violations', String(outcome.violations.length));
  core.setOutput('comment-body', body);
  let commentId = '';
  if (inputs.comment === 'off') log('PR comment: none (comment: off)');
  else {
    let res;
    try {
      res = await upsertStickyComment(api, event.repo, prNumber, inputs.commentKey, body, mayCreateComment(inputs.comment, checkNews(outcome)));
    } catch (e) {
      // Posting is this mode's whole job: a failure fails the step.
      throw new InputError('', commentFailureWarning(e, api).replace(/ The report is in the job summary and the comment-body output\.$/, ''));
    }
    if (res.action === 'none') log('PR comment: none created (comment: on-change, and no figure or budget changed)');
    else {
      const id = validCommentId(res.id);
      if (id !== null) commentId = String(id);
      log(`PR comment on #${prNumber}${id !== null ? ` (${id})` : ''}: ${res.action === 'skip' ? 'unchanged' : `${res.action}d`}`);
    }
  }
  core.setOutput('comment-id', commentId);
}

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    if (inputs.mode === 'publish') return await runPublish(inputs, readEvent());
    // Files are confined to the workspace (the repository); paths in inputs are relative to the
    // working directory; annotations carry paths from the workspace.
    const workspace = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
    const cwd = resolve(workspace, inputs.workingDirectory);
    if (!isInside(workspace, cwd)) throw new InputError('', `input 'working-directory' ('${inputs.workingDirectory}') leaves the workspace: refused`);
    const event = readEvent();
    const { report: baseline, note, notes } = findBaseline(inputs, workspace, cwd, event);
    const outcome = runCheck({
      budgetsPath: resolve(cwd, inputs.budgets),
      root: workspace,
      baseline,
      baselineNotes: notes,
      modelsGlob: inputs.models || undefined,
      modelsGlobCwd: cwd,
      allowHint: '',
      maxNodes: inputs.maxNodes,
    });
    const failed = outcome.violations.filter((v) => inputs.failOn !== 'never' && (v.level === 'error' || inputs.failOn === 'warn'));

    const summary =
      renderCheckMarkdown(outcome, { baselineNote: note, version: VERSION, commentKey: inputs.commentKey, full: true }) +
      trendForAction(inputs.trend, { cwd: workspace, log }, event, outcome.results, (m) => core.warning(said(m)));
    const commentBody = commentBodyFor(outcome, note, inputs.commentKey);
    const files = writeOutputs(outcome, summary, resolve(process.env.RUNNER_TEMP ?? cwd, 'model-budget'), {
      pullRequest: event.pr ? { number: event.pr.number, headSha: event.pr.headSha } : null,
      baselineNote: note,
      ...(notes?.size ? { baseNotes: Object.fromEntries(notes) } : {}),
    });

    for (const v of outcome.violations) {
      // v.file is the budgets file relative to the workspace (runCheck's root).
      const props = { file: safeText(v.file, 500), startLine: v.at.line, startColumn: v.at.column, title: 'model-budget' };
      if (v.level === 'error') core.error(said(v.message), props);
      else core.warning(said(v.message), props);
    }
    try {
      await core.summary.addRaw(summary, true).write();
    } catch (e) {
      core.warning(said(`could not write the job summary: ${(e as Error).message}`));
    }

    let commentId = '';
    if (inputs.comment !== 'off' && event.pr && event.repo) {
      let api: GitHubApi | undefined;
      try {
        api = new GitHubApi(inputs.token, process.env.GITHUB_API_URL || undefined);
        const create = mayCreateComment(inputs.comment, checkNews(outcome));
        const res = await upsertStickyComment(api, event.repo, event.pr.number, inputs.commentKey, commentBody, create);
        if (res.action === 'none') log('PR comment: none created (comment: on-change, and no figure or budget changed)');
        else {
          const id = validCommentId(res.id);
          if (id === null) core.warning('the GitHub API answered without a valid comment id; the comment-id output is left empty');
          else {
            commentId = String(id);
            log(`PR comment ${id}: ${res.action === 'skip' ? 'unchanged' : `${res.action}d`}`);
          }
        }
      } catch (e) {
        core.warning(said(commentFailureWarning(e, api)));
      }
    }

    core.setOutput('passed', String(failed.length === 0));
    core.setOutput('violations', String(outcome.violations.length));
    core.setOutput('report-json', files.json);
    core.setOutput('report-markdown', files.md);
    core.setOutput('comment-id', commentId);
    core.setOutput('comment-body', commentBody);
    if (failed.length) core.setFailed(`${failed.length} budget(s) broken at level ${inputs.failOn === 'warn' ? 'warn or error' : 'error'}`);
  } catch (e) {
    core.setFailed(said((e as Error).message));
  }
}

/**
 * `mode: publish`: the privileged half of the fork-PR pattern. A `workflow_run` workflow (write
 * token, never the PR's code) finds the check run that triggered it, downloads that run's
 * artifact (the JSON check report the unprivileged `mode: check` run wrote), and posts the
 * sticky comment re-rendered from that JSON: never Markdown from the fork, whose workflow could
 * upload anything. The archive is read in memory with tight bounds; the report is validated
 * against schema/report.schema.json and, for the parts the comment shows, field by field; and
 * it must name the same pull request and head commit as the workflow_run.
 */
import Ajv from 'ajv';
import { unzipSync } from 'fflate';
import { renderCheckMarkdown } from '../check/markdown.js';
import type { CheckOutcome, CheckReport } from '../check/run.js';
import type { ModelResult } from '../budgets/evaluate.js';
import { METRICS } from '../budgets/types.js';
import { InputError } from '../errors.js';
import { parseReportText } from '../io/read-report.js';
import { normalizeModelPath } from '../io/walk.js';
import type { ModelReport } from '../report/model-report.js';
import { quoteToken } from '../util/sanitize.js';
import { VERSION } from '../version.js';
import { commentMarker, fitComment } from './comment.js';
import { GitHubApiError, type GitHubApi, type Repo } from './github-api.js';

/** The report's file name inside the artifact (what `mode: check` writes). */
export const REPORT_FILE = 'model-budget-report.json';
/**
 * The Markdown report `mode: check` writes next to the JSON: tolerated in the archive (a
 * workflow that uploads the whole folder), never inflated nor read.
 */
export const IGNORED_FILE = 'model-budget-report.md';
/** Bounds on the artifact: its zip, its one entry, and how many entries it may list at all. */
export const MAX_ZIP_BYTES = 4 * 1024 * 1024;
export const MAX_ENTRY_BYTES = 8 * 1024 * 1024;
export const MAX_ENTRIES = 4;

/** What the action adds to the check report it writes (`action` in the JSON), for publish mode. */
export interface ActionInfo {
  pullRequest: { number: number; headSha: string } | null;
  baselineNote?: string;
  baseNotes?: Record<string, string>;
}

/** The PR comment for a check, as check mode posts it and publish mode re-renders it. */
export function commentBodyFor(outcome: CheckOutcome, baselineNote: string | undefined, commentKey: string): string {
  return fitComment(
    `${commentMarker(commentKey)}\n${renderCheckMarkdown(outcome, { baselineNote, version: VERSION, commentKey, full: false })}`,
    'The full report is in the job summary of this run.',
  );
}

/** The one report file of an artifact's zip, as text; anything else in or about the archive is refused. */
export function readArtifactZip(zip: Uint8Array, display: string, expected = REPORT_FILE, ignored = IGNORED_FILE): string {
  if (zip.byteLength > MAX_ZIP_BYTES) throw new InputError(display, `the archive is ${zip.byteLength} bytes, over the ${MAX_ZIP_BYTES}-byte limit: refused`);
  const seen: { name: string; size: number }[] = [];
  let files: Record<string, Uint8Array>;
  try {
    // The filter sees every entry of the central directory before anything is inflated: only
    // the expected name, within the size bound, is inflated (into a buffer of its declared size).
    files = unzipSync(zip, {
      filter: (f) => {
        seen.push({ name: f.name, size: f.originalSize });
        return seen.length <= MAX_ENTRIES && f.name === expected && f.originalSize <= MAX_ENTRY_BYTES;
      },
    });
  } catch (e) {
    throw new InputError(display, `is not a readable zip archive (${quoteToken((e as Error).message, 80)})`);
  }
  if (seen.length > MAX_ENTRIES) throw new InputError(display, `the archive has ${seen.length} entries, more than ${MAX_ENTRIES}: refused`);
  const other = seen.find((f) => f.name !== expected && f.name !== ignored);
  if (other) throw new InputError(display, `the archive holds an unexpected entry ${quoteToken(other.name)} (only ${expected} is read): refused`);
  if (seen.filter((f) => f.name === ignored).length > 1) throw new InputError(display, `the archive holds ${ignored} more than once: refused`);
  const mine = seen.filter((f) => f.name === expected);
  if (mine.length !== 1)
    throw new InputError(display, mine.length ? `the archive holds ${expected} more than once: refused` : `the archive holds no ${expected}`);
  if (mine[0].size > MAX_ENTRY_BYTES)
    throw new InputError(display, `${expected} is ${mine[0].size} bytes uncompressed, over the ${MAX_ENTRY_BYTES}-byte limit: refused`);
  const bytes = files[expected];
  if (!bytes || bytes.byteLength !== mine[0].size) throw new InputError(display, `${expected} does not inflate to its declared size: refused`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(display, `${expected} is not UTF-8 text`);
  }
}

// The parts of a check report the comment reads, which the report schema leaves open ("rows",
// "violations", "comparisons" are any objects): each field the renderer prints or branches on
// gets its type here, so a string never lands where a number is formatted unescaped.
const num = { type: 'number' };
const numOrNull = { type: ['number', 'null'] };
const level = { enum: ['error', 'warn'] };
const kind = { enum: ['absolute', 'relative', 'incomplete'] };
const change = {
  type: 'object',
  required: ['base', 'head', 'delta', 'percent'],
  properties: { base: numOrNull, head: numOrNull, delta: numOrNull, percent: numOrNull },
};
const SHAPE = {
  type: 'object',
  properties: {
    budgets: { type: 'string' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['model', 'metric', 'value', 'base', 'change', 'budget', 'usedPercent', 'maxIncrease', 'status', 'broken', 'lowerBound', 'upperBound'],
        properties: {
          model: { type: 'string' },
          metric: { enum: METRICS },
          device: { type: 'string' },
          phase: { type: 'string' },
          floor: { type: 'boolean' },
          value: numOrNull,
          base: numOrNull,
          change: { oneOf: [{ type: 'null' }, { type: 'object', required: ['delta', 'percent'], properties: { delta: num, percent: numOrNull } }] },
          budget: numOrNull,
          usedPercent: numOrNull,
          maxIncrease: { oneOf: [{ type: 'null' }, { type: 'object', properties: { percent: num, absolute: num } }] },
          status: { enum: ['pass', 'warn', 'fail', 'info'] },
          reason: { type: 'string' },
          broken: {
            type: 'array',
            items: { type: 'object', required: ['kind', 'level', 'limit'], properties: { kind, level, limit: numOrNull, percent: { type: 'boolean' } } },
          },
          lowerBound: { type: 'boolean' },
          upperBound: numOrNull,
        },
      },
    },
    violations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['model', 'metric', 'level', 'message', 'file', 'at', 'kind'],
        properties: {
          model: { type: 'string' },
          metric: { enum: METRICS },
          device: { type: 'string' },
          phase: { type: 'string' },
          level,
          message: { type: 'string' },
          file: { type: 'string' },
          at: { type: 'object', required: ['line', 'column'], properties: { line: { type: 'integer' }, column: { type: 'integer' } } },
          kind,
        },
      },
    },
    comparisons: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'status', 'totals', 'nodes'],
        properties: {
          path: { type: 'string' },
          status: { enum: ['changed', 'unchanged', 'added', 'removed'] },
          totals: { type: 'object', additionalProperties: change },
          latency: { type: 'object', additionalProperties: change },
          nodes: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'opType', 'status', 'flops', 'params'],
              properties: {
                name: { type: 'string' },
                opType: { type: 'string' },
                status: { enum: ['changed', 'added', 'removed'] },
                flops: change,
                params: change,
                macs: change,
              },
            },
          },
        },
      },
    },
  },
};

let shapeValidator: ReturnType<Ajv['compile']> | null = null;

/**
 * A check report (already validated against the schema) as the CheckOutcome the renderer reads:
 * the head's models in order, each with its base model (by path) and the action's base note.
 * `config` is not in a report and not read by the renderer.
 */
export function outcomeFromReport(data: Record<string, unknown>, display: string): { outcome: CheckOutcome; action: ActionInfo | null } {
  if (!('head' in data)) throw new InputError(display, 'is an analysis, not a check report (`check --format json`)');
  shapeValidator ??= new Ajv({ allErrors: true, strict: false }).compile(SHAPE);
  if (!shapeValidator(data)) {
    const first = (shapeValidator.errors ?? []).filter((e) => e.keyword !== 'oneOf').slice(0, 3);
    throw new InputError(display, `has the wrong shape: ${first.map((e) => `${e.instancePath || '(top level)'} ${e.message ?? e.keyword}`).join('; ')}`);
  }
  const json = data as unknown as CheckReport & { action?: ActionInfo };
  const baseBy = new Map<string, ModelReport>((json.base?.models ?? []).map((m) => [normalizeModelPath(m.path), m]));
  const notes = json.action?.baseNotes ?? {};
  const results = json.head.models.map((m): ModelResult => {
    const base = baseBy.get(normalizeModelPath(m.path)) ?? null;
    const note = Object.prototype.hasOwnProperty.call(notes, m.path) ? notes[m.path] : undefined;
    return {
      config: undefined as unknown as ModelResult['config'],
      path: m.path,
      report: m,
      base,
      ...(json.base && !base ? { baseNote: note ?? 'new in this change' } : {}),
    };
  });
  const outcome: CheckOutcome = {
    config: undefined as unknown as CheckOutcome['config'],
    results,
    evaluation: { rows: json.rows, violations: json.violations, passed: json.passed, newModels: json.newModels },
    violations: json.violations,
    comparisons: json.comparisons,
    removedModels: json.removedModels,
    json,
  };
  return { outcome, action: json.action ?? null };
}

/** The triggering run as the workflow_run event describes it. */
export interface TriggeringRun {
  id: number;
  headSha: string;
  headBranch: string;
  headOwner: string;
  /** `pull_requests[0].number`; null when GitHub left the list empty (a PR from a fork). */
  prNumber: number | null;
}

export function readWorkflowRun(eventName: string, payload: Record<string, unknown>): TriggeringRun {
  const where = 'GITHUB_EVENT_PATH';
  if (eventName !== 'workflow_run') {
    throw new InputError(
      '',
      `mode: publish runs in a workflow triggered by workflow_run, not ${quoteToken(eventName || 'an unknown event')} (see docs/action.md, "Pull requests from forks")`,
    );
  }
  const wr = payload.workflow_run as
    { id?: unknown; head_sha?: unknown; head_branch?: unknown; head_repository?: { owner?: { login?: unknown } }; pull_requests?: unknown } | undefined;
  if (!wr || typeof wr !== 'object') throw new InputError(where, 'the workflow_run event has no "workflow_run"');
  if (typeof wr.id !== 'number' || !Number.isSafeInteger(wr.id) || wr.id < 1) throw new InputError(where, 'workflow_run.id is not a run id');
  if (typeof wr.head_sha !== 'string' || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(wr.head_sha))
    throw new InputError(where, 'workflow_run.head_sha is not a commit');
  const prs = Array.isArray(wr.pull_requests) ? (wr.pull_requests as { number?: unknown }[]) : [];
  const n = prs[0]?.number;
  return {
    id: wr.id,
    headSha: wr.head_sha,
    headBranch: typeof wr.head_branch === 'string' ? wr.head_branch : '',
    headOwner: typeof wr.head_repository?.owner?.login === 'string' ? wr.head_repository.owner.login : '',
    prNumber: typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null,
  };
}

export interface Published {
  prNumber: number;
  outcome: CheckOutcome;
  baselineNote: string | undefined;
  artifactId: number;
}

/**
 * Find the PR, download and check the artifact, and rebuild the outcome; every refusal is an
 * InputError (the step fails and nothing is posted).
 */
export async function loadPublishedReport(api: GitHubApi, repo: Repo, run: TriggeringRun, artifactName: string, log: (m: string) => void): Promise<Published> {
  let prNumber = run.prNumber;
  if (prNumber === null) {
    if (!run.headBranch || !run.headOwner) throw new InputError('', `run ${run.id} names no pull request and no head branch to look one up by`);
    const pr = await api.findPullRequestForRun(repo, run.headSha, run.headBranch, run.headOwner);
    if (!pr)
      throw new InputError(
        '',
        `no open pull request has head ${quoteToken(`${run.headOwner}:${run.headBranch}`, 80)} at ${run.headSha.slice(0, 12)} (run ${run.id}): nothing to comment on`,
      );
    prNumber = pr.number;
    log(`run ${run.id}: pull request #${prNumber} (found by its head ${run.headOwner}:${run.headBranch})`);
  } else log(`run ${run.id}: pull request #${prNumber}`);

  const display = `artifact ${quoteToken(artifactName, 80)} of run ${run.id}`;
  let listed;
  try {
    listed = await api.listRunArtifacts(repo, run.id);
  } catch (e) {
    if (e instanceof GitHubApiError && (e.status === 403 || e.status === 404)) {
      throw new GitHubApiError(e.status, `${e.message} (does the workflow grant \`permissions: actions: read\`?)`, e.cause_);
    }
    throw e;
  }
  const found = listed.filter((a) => a && a.name === artifactName && !a.expired);
  if (found.length === 0) throw new InputError(display, 'not found: did the check workflow upload it (actions/upload-artifact) under this name?');
  if (found.length > 1) throw new InputError(display, 'more than one artifact has this name: refused');
  const artifact = found[0];
  if (!Number.isSafeInteger(artifact.id) || artifact.id < 1) throw new InputError(display, 'the API answered without a valid artifact id');
  if (typeof artifact.size_in_bytes === 'number' && artifact.size_in_bytes > MAX_ZIP_BYTES) {
    throw new InputError(display, `is ${artifact.size_in_bytes} bytes, over the ${MAX_ZIP_BYTES}-byte limit: refused`);
  }
  const zip = await api.downloadArtifact(repo, artifact.id, MAX_ZIP_BYTES);
  const text = readArtifactZip(zip, display);
  const { outcome, action } = outcomeFromReport(parseReportText(text, `${display}: ${REPORT_FILE}`), `${display}: ${REPORT_FILE}`);
  const pr = action?.pullRequest;
  if (!pr) throw new InputError(display, 'the report names no pull request (was it written by the action in mode: check on a pull_request event?)');
  if (pr.number !== prNumber) throw new InputError(display, `the report is for pull request #${pr.number}, but run ${run.id} is for #${prNumber}: refused`);
  if (pr.headSha !== run.headSha) {
    throw new InputError(display, `the report is for head ${pr.headSha.slice(0, 12)}, but run ${run.id} ran on ${run.headSha.slice(0, 12)}: refused`);
  }
  return { prNumber, outcome, baselineNote: action?.baselineNote, artifactId: artifact.id };
}

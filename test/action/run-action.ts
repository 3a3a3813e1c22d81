/**
 * Running the bundled action (dist/index.js) as a runner runs it, for the end-to-end suites: the
 * event payload written to a file, GITHUB_* and RUNNER_* variables, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, INPUT_* defaults that a test overrides through `env`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ACTION = join(__dirname, '..', '..', 'dist', 'index.js');

export interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface RunOptions {
  /** Where the runner's files go (event, outputs, summary, RUNNER_TEMP). */
  dir: string;
  /** The checked-out workspace (GITHUB_WORKSPACE and the working folder). */
  ws: string;
  event: object;
  eventName?: string;
  apiUrl: string;
  /** Variables added or overriding the defaults (INPUT_*, GITHUB_REF, HOME, ...). */
  env?: Record<string, string | undefined>;
}

export async function runBundledAction(o: RunOptions): Promise<ActionRun> {
  mkdirSync(o.dir, { recursive: true });
  const files = { event: join(o.dir, 'event.json'), output: join(o.dir, 'output'), summary: join(o.dir, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(o.event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  let code = 0;
  let stdout: string;
  try {
    const r = await run(process.execPath, [ACTION], {
      cwd: o.ws,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: o.eventName ?? 'pull_request',
        GITHUB_EVENT_PATH: files.event,
        GITHUB_REPOSITORY: 'acme/models',
        GITHUB_API_URL: o.apiUrl,
        GITHUB_WORKSPACE: o.ws,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        RUNNER_TEMP: join(o.dir, 'runner-temp'),
        INPUT_BUDGETS: 'budgets.yml',
        'INPUT_GITHUB-TOKEN': 'ghs_test_token',
        INPUT_BASELINE: 'auto',
        INPUT_COMMENT: 'update',
        'INPUT_COMMENT-KEY': 'default',
        'INPUT_FAIL-ON': 'error',
        'INPUT_WORKING-DIRECTORY': '.',
        ...o.env,
      },
    });
    stdout = r.stdout;
  } catch (e) {
    const err = e as { code: number; stdout: string };
    code = err.code;
    stdout = err.stdout;
  }
  return { code, stdout, outputs: parseOutputs(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') };
}

/** GITHUB_OUTPUT's `name<<DELIMITER ... DELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}

/**
 * A fuzz worker: a child process that runs the CLI entry (`main`) in-process for each case the
 * parent sends over IPC and answers with the exit code and what was printed. The parent owns
 * the clock: a case that does not answer in time is a hang, and the parent kills this process.
 */
import { main } from '../../src/cli/main.js';

export interface CaseRequest {
  id: number;
  argv: string[];
  cwd: string;
}

export interface CaseReply {
  id: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when something escaped `main` (it should catch everything). */
  thrown?: string;
  /** Set when stdout passed MAX_OUT and the rest was not kept (so it is not whole). */
  stdoutCapped?: true;
  ms: number;
}

const MAX_OUT = 1 << 20;

process.on('message', (msg: CaseRequest) => {
  let stdout = '';
  let stderr = '';
  let stdoutCapped = false;
  const start = performance.now();
  let code: number | null = null;
  let thrown: string | undefined;
  const prevCwd = process.cwd();
  try {
    process.chdir(msg.cwd);
    code = main(msg.argv, {
      stdout: (t) => {
        if (stdout.length < MAX_OUT) stdout += t;
        else stdoutCapped = true;
      },
      stderr: (t) => {
        if (stderr.length < MAX_OUT) stderr += t;
      },
    });
  } catch (e) {
    thrown = e instanceof Error ? (e.stack ?? e.message) : String(e);
  } finally {
    process.chdir(prevCwd);
  }
  const reply: CaseReply = {
    id: msg.id,
    code,
    stdout,
    stderr,
    ms: performance.now() - start,
    ...(thrown ? { thrown } : {}),
    ...(stdoutCapped ? { stdoutCapped: true as const } : {}),
  };
  process.send!(reply);
});

process.send!({ ready: true });

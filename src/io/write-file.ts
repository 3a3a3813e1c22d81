/**
 * Writing an output file all-or-nothing: a temporary file beside it, then a rename, so a
 * failure never leaves a half-written report where the old one was.
 */
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Like writeFileAtomic, for text produced in chunks (a streamed JSON report): `produce` calls
 * `write` for each chunk; the file appears, complete, only when it returns.
 */
export function writeFileAtomicStream(path: string, produce: (write: (chunk: string) => void) => void): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'w');
    const out = fd;
    produce((chunk) => {
      writeSync(out, chunk);
    });
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e; // not a file-system error: the producer's own
    throw new InputError(path, `cannot be written (${code})`);
  }
}

export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(path, `cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

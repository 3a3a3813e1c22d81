/**
 * src/io/safe-open.ts on its own: confinement by real path, non-regular files, caps read
 * before and during the read, and messages that carry no content.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSafe, readTextSafe, enclosingRepo } from '../../src/io/safe-open.js';
import { InputError } from '../../src/errors.js';

const T = mkdtempSync(join(tmpdir(), 'mb-safe-'));
const root = join(T, 'repo');
mkdirSync(join(root, '.git'), { recursive: true });
mkdirSync(join(root, 'sub'));
writeFileSync(join(root, 'ok.txt'), 'hello');
writeFileSync(join(T, 'secret.txt'), 'FAKE_SECRET');
afterAll(() => rmSync(T, { recursive: true, force: true }));

const confined = { root, rootName: 'the repository', what: 'file' };
const err = (f: () => unknown): InputError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).not.toContain('FAKE_SECRET');
    return e as InputError;
  }
  throw new Error('expected a refusal');
};

describe('readFileSafe', () => {
  it('reads a regular file inside the root', () => {
    expect(readTextSafe(join(root, 'ok.txt'), 'ok.txt', confined)).toBe('hello');
  });
  it('refuses a symlink whose real path leaves the root; reads it when unconfined', () => {
    symlinkSync(join(T, 'secret.txt'), join(root, 'sub', 'link.txt'));
    expect(err(() => readTextSafe(join(root, 'sub', 'link.txt'), 'sub/link.txt', confined)).message).toBe(
      'sub/link.txt: resolves to a file outside the repository: refused',
    );
    expect(readTextSafe(join(root, 'sub', 'link.txt'), 'x', { ...confined, root: null })).toBe('FAKE_SECRET');
  });
  it('refuses folders, devices, FIFOs, symlink loops, missing files', () => {
    expect(err(() => readTextSafe(join(root, 'sub'), 'sub', confined)).detail).toBe('is a directory, not a regular file: refused');
    expect(err(() => readTextSafe('/dev/null', 'null', { ...confined, root: null })).detail).toMatch(/is a device/);
    execFileSync('mkfifo', [join(root, 'fifo')]);
    expect(err(() => readTextSafe(join(root, 'fifo'), 'fifo', confined)).detail).toMatch(/is a FIFO/);
    symlinkSync(join(root, 'loop'), join(root, 'loop'));
    expect(err(() => readTextSafe(join(root, 'loop'), 'loop', confined)).detail).toMatch(/symlink loop/);
    expect(err(() => readTextSafe(join(root, 'nope'), 'nope', confined)).detail).toBe('no such file');
  });
  it('caps before reading (stat size) and while reading (a /proc file reports size 0)', () => {
    writeFileSync(join(root, 'big'), Buffer.alloc(2048));
    expect(err(() => readFileSafe(join(root, 'big'), 'big', { ...confined, maxBytes: 1024 })).detail).toMatch(/is larger than/);
    // /proc/self/status is a few hundred bytes but stats as 0.
    expect(err(() => readFileSafe('/proc/self/status', 'status', { root: null, what: 'file', maxBytes: 16 })).detail).toMatch(/is larger than/);
  });
  it('the repository around a folder is the nearest .git', () => {
    expect(enclosingRepo(join(root, 'sub'))).toBe(root);
  });
});

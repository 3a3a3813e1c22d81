/**
 * The one way this tool opens an input file (models, budgets files, saved reports, the action's
 * event payload) and checks an external-data file (stat only, never read):
 *
 * 1. resolve the real path (every symlink followed) and refuse it when it leaves the repository
 *    root, unless the caller allows that (the CLI's `--allow-outside-repo`; never the action);
 * 2. refuse anything that is not a regular file (device, FIFO, socket, folder) before opening it;
 * 3. refuse a file larger than the cap for its kind before reading a byte;
 * 4. open with O_NONBLOCK | O_NOFOLLOW and fstat the descriptor, so a file swapped after the
 *    stat (for a FIFO, say) is refused too and never blocks; read at most cap + 1 bytes, so a
 *    file that grows (or a /proc file that reports size 0) cannot exceed the cap.
 *
 * Every refusal is an InputError naming the file as the user wrote it and the reason; none
 * carries content or the size of a file.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

export const MiB = 1024 * 1024;
/** A model file: protobuf cannot encode more than 2 GiB. */
export const MAX_MODEL_BYTES = 2 * 1024 * MiB;
/** A budgets file (YAML) or a report / event payload (JSON). */
export const MAX_TEXT_BYTES = 16 * MiB;

export interface Confinement {
  /** The folder the file must stay in (real path taken here); null: no confinement. */
  root: string | null;
  /** What the root is, for the message ('the repository', "the model's folder"). */
  rootName?: string;
  /** The flag that lifts the confinement, named in the message (none in the action). */
  allowHint?: string;
}

export interface OpenOptions extends Confinement {
  /** The most bytes read; a larger file is refused. */
  maxBytes: number;
  /** What the file is, for messages ('model file', 'budgets file'). */
  what: string;
}

/** Whether `path` is `root` or inside it (both absolute, already real). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path of a folder, or the folder resolved when it does not exist. */
export function realFolder(dir: string): string {
  try {
    return realpathSync(resolve(dir));
  } catch {
    return resolve(dir);
  }
}

/** The nearest folder at or above `dir` that holds a `.git`, or null. */
export function enclosingRepo(dir: string): string | null {
  let d = resolve(dir);
  for (;;) {
    if (existsSync(join(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return null;
    d = up;
  }
}

function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'ELOOP':
      return 'is a symlink loop: refused';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'ENOTDIR':
      return 'no such file (a part of the path is not a directory)';
    default:
      return `cannot be read (${code ?? 'unknown error'})`;
  }
}

function kindOf(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function fmtCap(n: number): string {
  return n >= 1024 * MiB ? `${n / (1024 * MiB)} GiB` : `${n / MiB} MiB`;
}

/**
 * The real path of `path`, checked: inside the root (when confined) and a regular file.
 * `display` is the path as the user wrote it (used in every message).
 */
export function resolveRegularFile(path: string, display: string, c: Confinement & { what: string }): { real: string; stat: Stats } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    throw new InputError(display, errnoReason(e));
  }
  if (c.root !== null && !isInside(realFolder(c.root), real)) {
    throw new InputError(display, `resolves to a file outside ${c.rootName ?? 'the repository'}: refused${c.allowHint ? ` (${c.allowHint} lifts this)` : ''}`);
  }
  let st: Stats;
  try {
    st = statSync(real);
  } catch (e) {
    throw new InputError(display, errnoReason(e));
  }
  const kind = kindOf(st);
  if (kind) throw new InputError(display, `is ${kind}, not a regular ${c.what}: refused`);
  return { real, stat: st };
}

/**
 * Open the resolved file without following a link or blocking, and check that what was opened is
 * still the regular file `stat` described (nothing swapped in between). The caller closes `fd`.
 */
function openChecked(real: string, stat: Stats, display: string, what: string): { fd: number; st: Stats } {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    throw new InputError(display, errnoReason(e));
  }
  try {
    const st = fstatSync(fd);
    const kind = kindOf(st);
    if (kind) throw new InputError(display, `is ${kind}, not a regular ${what}: refused`);
    if (st.dev !== stat.dev || st.ino !== stat.ino) throw new InputError(display, 'changed while it was opened: refused');
    return { fd, st };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Read a file the safe way (see the module comment). */
export function readFileSafe(path: string, display: string, o: OpenOptions): Buffer {
  const { real, stat } = resolveRegularFile(path, display, o);
  const tooLarge = () => new InputError(display, `is larger than ${fmtCap(o.maxBytes)}, the limit for a ${o.what}: refused`);
  if (stat.size > o.maxBytes) throw tooLarge();
  const { fd, st } = openChecked(real, stat, display, o.what);
  try {
    if (st.size > o.maxBytes) throw tooLarge();
    // Read to EOF, never more than the cap + 1 (a file may grow, /proc files report size 0).
    const read = (buf: Buffer, offset: number): number => {
      try {
        return readSync(fd, buf, offset, buf.length - offset, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') throw new InputError(display, `is not a regular ${o.what}: refused`);
        throw new InputError(display, errnoReason(e));
      }
    };
    // The size fstat gives, plus one byte to see the end: one buffer, no copy (a model can be GBs).
    const first = Buffer.allocUnsafe(st.size + 1);
    let total = 0;
    for (let n; total < first.length && (n = read(first, total)) > 0;) total += n;
    if (total < first.length) return first.subarray(0, total);
    // Longer than it said: go on in chunks up to the cap.
    if (total > o.maxBytes) throw tooLarge();
    const chunks: Buffer[] = [first];
    for (;;) {
      const buf = Buffer.allocUnsafe(64 * 1024);
      const n = read(buf, 0);
      if (n === 0) break;
      total += n;
      if (total > o.maxBytes) throw tooLarge();
      chunks.push(buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Read a UTF-8 text file the safe way, capped at {@link MAX_TEXT_BYTES} unless told. */
export function readTextSafe(path: string, display: string, c: Confinement & { what: string; maxBytes?: number }): string {
  return readFileSafe(path, display, { ...c, maxBytes: c.maxBytes ?? MAX_TEXT_BYTES }).toString('utf8');
}

/**
 * A file opened the safe way (as readFileRangesSafe), handed to `use` as a positional read (a
 * range past the end comes back short), a read into a buffer (the file too short for it: an
 * InputError) and its size; closed when `use` returns or throws.
 */
export function withFileSafe<T>(
  path: string,
  display: string,
  c: Confinement & { what: string },
  use: (pread: (offset: number, length: number) => Buffer, readInto: (into: Uint8Array, offset: number, length: number) => void, size: number) => T,
): T {
  const { real, stat } = resolveRegularFile(path, display, c);
  const { fd, st } = openChecked(real, stat, display, c.what);
  try {
    const pread = (offset: number, length: number): Buffer => {
      const buf = Buffer.allocUnsafe(Math.max(0, Math.min(length, st.size - offset)));
      let total = 0;
      try {
        for (let n; total < buf.length && (n = readSync(fd, buf, total, buf.length - total, offset + total)) > 0;) total += n;
      } catch (e) {
        throw new InputError(display, errnoReason(e));
      }
      return buf.subarray(0, total);
    };
    const readInto = (into: Uint8Array, offset: number, length: number): void => {
      let total = 0;
      try {
        for (let n; total < length && (n = readSync(fd, into, total, length - total, offset + total)) > 0;) total += n;
      } catch (e) {
        throw new InputError(display, errnoReason(e));
      }
      if (total < length) throw new InputError(display, 'changed while it was read (shorter than its size)');
    };
    return use(pread, readInto, st.size);
  } finally {
    closeSync(fd);
  }
}

/**
 * Byte ranges of a file of any size, opened the safe way (confined, a regular file, O_NOFOLLOW,
 * the same file as stat'ed): for a format whose large files keep their weights after the part
 * that describes them (TFLite above 2 GiB), read without the weights. A range past the end comes
 * back short.
 */
export function readFileRangesSafe(
  path: string,
  display: string,
  c: Confinement & { what: string },
  ranges: readonly { offset: number; length: number }[],
): Buffer[] {
  return withFileSafe(path, display, c, (pread) => ranges.map(({ offset, length }) => pread(offset, length)));
}

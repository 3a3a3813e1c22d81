/**
 * Finding the files a glob names, confined to the repository: the walk starts at the pattern's
 * base folder, skips `.git` and `node_modules`, follows a symlink only while its real path stays
 * inside the root (a symlinked model file is matched under its link's name), refuses one that
 * leaves it with an error naming the link, never visits a folder twice (symlink loops), and stops
 * with an error past {@link MAX_ENTRIES} entries.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { compileGlob } from '../budgets/glob.js';
import { InputError } from '../errors.js';
import { modelIdentity } from '../report/compare.js';
import { isInside, realFolder } from './safe-open.js';

const SKIP_DIRS = new Set(['.git', 'node_modules']);
export const MAX_ENTRIES = 200_000;

export const toPosix = (p: string) => p.split(sep).join('/');

/** A model path as one identity: POSIX separators, no `./`, no repeated slashes, `..` folded. */
export const normalizeModelPath = modelIdentity;

export interface GlobMatch {
  /** The path as walked (links not resolved), absolute. */
  file: string;
  /** The same, relative to `cwd`, POSIX. */
  rel: string;
}

/**
 * The non-folder entries under `cwd` that `pattern` matches (sorted), every one inside `root`.
 * `label` names the pattern in errors (e.g. the budgets file's key path).
 */
export function globFiles(pattern: string, cwd: string, root: string, label: string): GlobMatch[] {
  const realRoot = realFolder(root);
  const scan = picomatch.scan(pattern.replace(/^(\.\/)+/, ''));
  const baseText = scan.base || '.';
  const base = resolve(cwd, baseText);
  if (!isInside(resolve(root), base) && !isInside(realRoot, base)) throw new InputError(label, `'${pattern}' is outside the repository: refused`);
  let realBase: string;
  try {
    realBase = realpathSync(base);
  } catch {
    return [];
  }
  if (!isInside(realRoot, realBase)) throw new InputError(label, `'${pattern}': the folder '${baseText}' resolves outside the repository: refused`);
  const match = compileGlob((scan.negated ? '!' : '') + scan.glob);
  const out: GlobMatch[] = [];
  const seen = new Set<string>([realBase]);
  let entries = 0;
  const walk = (dir: string, relDir: string) => {
    let list;
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of list) {
      if (++entries > MAX_ENTRIES) throw new InputError(label, `'${pattern}' walks more than ${MAX_ENTRIES} entries: name a narrower folder`);
      const abs = join(dir, e.name);
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(abs);
        } catch {
          continue; // a dangling link is no file
        }
        const shown = toPosix(relative(cwd, abs));
        if (!isInside(realRoot, real)) {
          let dirLink = false;
          try {
            dirLink = statSync(real).isDirectory();
          } catch {
            /* unreadable: treated as a file link */
          }
          if (dirLink || match(rel)) {
            throw new InputError(label, `'${shown}' is a symlink to ${dirLink ? 'a folder' : 'a file'} outside the repository: refused`);
          }
          continue;
        }
        isDir = statSync(real).isDirectory();
        if (isDir) {
          if (seen.has(real)) continue;
          seen.add(real);
        }
      } else if (isDir) {
        if (SKIP_DIRS.has(e.name)) continue;
        const real = realFolder(abs);
        if (seen.has(real)) continue;
        seen.add(real);
      }
      if (isDir) {
        if (!SKIP_DIRS.has(e.name)) walk(abs, rel);
      } else if (match(rel)) out.push({ file: abs, rel: toPosix(relative(cwd, abs)) });
    }
  };
  walk(base, '');
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

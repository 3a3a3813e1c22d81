/**
 * The git plumbing behind "compare with the merge-base": make sure the commits are present
 * (fetching and deepening a shallow checkout as needed), find the merge-base, and check out a
 * commit in a temporary worktree to analyse the base versions of the models.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Git {
  cwd: string;
  log: (message: string) => void;
}

function git(g: Git, args: string[]): string {
  return execFileSync('git', args, { cwd: g.cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function tryGit(g: Git, args: string[]): string | null {
  try {
    return git(g, args);
  } catch {
    return null;
  }
}

/**
 * The commit a revision names, fetching it from origin when it is not here yet: a sha, a local
 * ref, or a branch of origin (fetched into refs/remotes/origin/<branch>).
 */
export function resolveCommit(g: Git, rev: string): string {
  const sha = () =>
    tryGit(g, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]) ?? tryGit(g, ['rev-parse', '--verify', '--quiet', `origin/${rev}^{commit}`]);
  let found = sha();
  if (found) return found;
  g.log(`fetching ${rev} from origin`);
  if (/^[0-9a-f]{7,40}$/i.test(rev)) tryGit(g, ['fetch', '--no-tags', '--depth=1', 'origin', rev]);
  else tryGit(g, ['fetch', '--no-tags', '--depth=1', 'origin', `+refs/heads/${rev}:refs/remotes/origin/${rev}`]);
  found = sha();
  if (!found) throw new Error(`'${rev}' is not in the checkout and could not be fetched from origin`);
  return found;
}

/**
 * The merge-base of two revisions. In a shallow checkout the history between them may be
 * missing: deepen step by step (50, 200, 1000 commits), then unshallow, until git finds it.
 */
export function mergeBase(g: Git, a: string, b: string): string {
  const shaA = resolveCommit(g, a);
  const shaB = resolveCommit(g, b);
  const found = () => tryGit(g, ['merge-base', shaA, shaB]);
  let base = found();
  for (const depth of [50, 200, 1000]) {
    if (base) return base;
    g.log(`merge-base not in the shallow history: deepening by ${depth}`);
    tryGit(g, ['fetch', '--no-tags', `--deepen=${depth}`, 'origin', shaA, shaB]);
    base = found();
  }
  if (!base && tryGit(g, ['rev-parse', '--is-shallow-repository']) === 'true') {
    g.log('fetching the full history (unshallow)');
    tryGit(g, ['fetch', '--no-tags', '--unshallow', 'origin']);
    base = found();
  }
  if (!base) throw new Error(`no merge-base between ${a} and ${b}`);
  return base;
}

export interface Worktree {
  path: string;
  remove(): void;
}

/** Check out `sha` into a temporary worktree (removed with `remove()`). */
export function checkoutWorktree(g: Git, sha: string): Worktree {
  const path = mkdtempSync(join(tmpdir(), 'model-budget-base-'));
  git(g, ['worktree', 'add', '--detach', '--force', path, sha]);
  return {
    path,
    remove() {
      tryGit(g, ['worktree', 'remove', '--force', path]);
      rmSync(path, { recursive: true, force: true });
      tryGit(g, ['worktree', 'prune']);
    },
  };
}

export function headSha(g: Git): string {
  return git(g, ['rev-parse', 'HEAD']);
}

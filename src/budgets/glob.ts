/**
 * Glob patterns for model paths, with git's pathspec conventions: `*` and `?` within a folder,
 * `**` any folders, character classes (`[b-c]`, `[!x]`, `[[:digit:]]`), braces (nested, ranges),
 * extglobs (`+(a|b)`, `!(x)`, ...), a leading `!` negates; dotfiles match (`dot: true`).
 *
 * The syntax is a maintained library's: `braces` expands braces, `picomatch` compiles character
 * classes and extglobs and finds a pattern's base folder. What is NOT left to a regular
 * expression is a run of `*` in one name: picomatch compiles `*a*a*b` to `[^/]*?a[^/]*?a[^/]*?b`,
 * which a backtracking engine takes polynomial time on (4 groups against a 200-character name:
 * 20 s). Here a name is split at its stars into fixed-length pieces and each piece is placed at
 * its leftmost fit (optimal for fixed-length pieces), and `**` is matched folder by folder with
 * a memo: linear in the name for every pattern without extglobs. Extglob segments run
 * picomatch's regex on one name (at most 255 characters), and a pattern may hold at most
 * {@link MAX_EXTGLOBS} extglobs; braces may expand to at most {@link MAX_EXPANSIONS} patterns.
 */
import braces from 'braces';
import picomatch from 'picomatch';
import { UserError } from '../errors.js';

export const MAX_EXPANSIONS = 256;
export const MAX_EXTGLOBS = 4;
export const MAX_REPEATS = 3;
const MAX_PATTERN = 1024;
const OPTS = { dot: true, strictSlashes: true } as const;

/** A pattern this module refuses (too complex, malformed); the caller adds the file. */
export class GlobError extends UserError {
  constructor(detail: string) {
    super('', detail);
    this.name = 'GlobError';
  }
}

export function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob || /^!/.test(pattern);
}

/** The folder part before the first wildcard: where a directory walk starts ('.' for none). */
export function globBase(pattern: string): string {
  const s = picomatch.scan(pattern.replace(/^!(?!\()/, ''));
  if (!s.isGlob) {
    const i = pattern.lastIndexOf('/');
    return i < 0 ? '.' : pattern.slice(0, i) || '/';
  }
  return s.base || '.';
}

type Unit = string | RegExp | null; // a literal character, a one-character class, `?`
type Segment = { kind: 'globstar' } | { kind: 'stars'; chunks: Unit[][] } | { kind: 'regex'; re: RegExp };

const EXTGLOB = /[@!+*?]\(/;

function compileSegment(seg: string): Segment {
  if (seg === '**') return { kind: 'globstar' };
  if (EXTGLOB.test(seg)) {
    // A backtracking regex: bounded by at most MAX_REPEATS repetitions in the name, no nesting.
    const repeats = (seg.match(/\*|[+!]\(/g) ?? []).length;
    if (repeats > MAX_REPEATS) throw new GlobError(`a name with an extglob may hold at most ${MAX_REPEATS} repetitions (*, *(...), +(...), !(...))`);
    if (/\([^)]*\(/.test(seg)) throw new GlobError('nested extglobs are not supported');
    return { kind: 'regex', re: picomatch.makeRe(seg, OPTS) };
  }
  const chunks: Unit[][] = [[]];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') {
      if (chunks[chunks.length - 1].length || chunks.length === 1) chunks.push([]);
      continue;
    }
    if (c === '?') chunks[chunks.length - 1].push(null);
    else if (c === '\\' && i + 1 < seg.length) chunks[chunks.length - 1].push(seg[++i]);
    else if (c === '[') {
      const end = classEnd(seg, i);
      if (end < 0) chunks[chunks.length - 1].push('[');
      else {
        // `[!x]` is git's negated class; picomatch would read a leading '!' as negating the pattern.
        chunks[chunks.length - 1].push(picomatch.makeRe(seg.slice(i, end + 1).replace(/^\[!/, '[^'), OPTS));
        i = end;
      }
    } else chunks[chunks.length - 1].push(c);
  }
  return { kind: 'stars', chunks };
}

/** Where the class opened at `i` closes (`[]a]` and `[!]a]` hold a literal `]`), or -1. */
function classEnd(s: string, i: number): number {
  let j = i + 1;
  if (s[j] === '!' || s[j] === '^') j++;
  if (s[j] === ']') j++;
  for (; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '[' && s[j + 1] === ':') {
      const k = s.indexOf(':]', j + 2);
      if (k > 0) j = k + 1;
    } else if (s[j] === ']') return j;
  }
  return -1;
}

function unitsAt(units: Unit[], name: string, at: number): boolean {
  if (at + units.length > name.length) return false;
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    const ch = name[at + k];
    if (u === null) {
      if (ch === '/') return false;
    } else if (typeof u === 'string') {
      if (u !== ch) return false;
    } else if (!u.test(ch)) return false;
  }
  return true;
}

/** Pieces separated by stars, each at its leftmost fit: O(name × pattern), no backtracking. */
function matchStars(chunks: Unit[][], name: string): boolean {
  if (chunks.length === 1) return chunks[0].length === name.length && unitsAt(chunks[0], name, 0);
  const first = chunks[0];
  const last = chunks[chunks.length - 1];
  if (!unitsAt(first, name, 0)) return false;
  let pos = first.length;
  for (let c = 1; c < chunks.length - 1; c++) {
    const ch = chunks[c];
    let at = pos;
    while (at + ch.length <= name.length && !unitsAt(ch, name, at)) at++;
    if (at + ch.length > name.length) return false;
    pos = at + ch.length;
  }
  const tail = name.length - last.length;
  return tail >= pos && unitsAt(last, name, tail);
}

function matchSegment(seg: Segment, name: string): boolean {
  if (seg.kind === 'stars') return matchStars(seg.chunks, name);
  if (seg.kind === 'regex') return name.length <= 255 && seg.re.test(name);
  return true;
}

/** Pattern segments against path segments; `**` spans any folders. Memoised: O(P × S). */
function matchPath(segs: Segment[], parts: string[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (parts.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === segs.length) r = j === parts.length;
    else if (segs[i].kind === 'globstar') r = go(i + 1, j) || (j < parts.length && go(i, j + 1));
    else r = j < parts.length && matchSegment(segs[i], parts[j]) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** Upper bound of the patterns a brace expression expands to (nested groups multiply). */
function expansionBound(p: string): number {
  let bound = 1;
  const re = /\{([^{}]*)\}/g;
  let s = p;
  for (let guard = 0; guard < 64 && /\{[^{}]*\}/.test(s); guard++) {
    s = s.replace(re, (_m, inner: string) => {
      const range = /^(-?\w+)\.\.(-?\w+)(?:\.\.(-?\d+))?$/.exec(inner);
      if (range) {
        const a = Number.isNaN(Number(range[1])) ? range[1].charCodeAt(0) : Number(range[1]);
        const b = Number.isNaN(Number(range[2])) ? range[2].charCodeAt(0) : Number(range[2]);
        bound *= Math.abs(b - a) + 1;
      } else if (inner.includes(',')) bound *= inner.split(',').length;
      return 'x';
    });
    if (bound > MAX_EXPANSIONS) return bound;
  }
  return bound;
}

/**
 * A matcher for POSIX paths relative to the pattern's folder. Throws a {@link GlobError} for a
 * pattern it refuses (too many brace expansions or extglobs, too long).
 */
export function compileGlob(pattern: string): (path: string) => boolean {
  if (pattern.length > MAX_PATTERN) throw new GlobError(`the glob is longer than ${MAX_PATTERN} characters`);
  let p = pattern;
  let negated = false;
  while (p.startsWith('!') && !p.startsWith('!(')) {
    negated = !negated;
    p = p.slice(1);
  }
  p = p.replace(/^(\.\/)+/, '');
  if ((p.match(/[@!+*?]\(/g) ?? []).length > MAX_EXTGLOBS) throw new GlobError(`the glob holds more than ${MAX_EXTGLOBS} extglobs`);
  const bound = expansionBound(p);
  if (bound > MAX_EXPANSIONS) throw new GlobError(`the glob's braces expand to more than ${MAX_EXPANSIONS} patterns`);
  let expanded: string[];
  try {
    expanded = p.includes('{') ? braces(p, { expand: true, rangeLimit: MAX_EXPANSIONS }) : [p];
  } catch {
    throw new GlobError(`the glob's braces expand to more than ${MAX_EXPANSIONS} patterns`);
  }
  if (expanded.length > MAX_EXPANSIONS) throw new GlobError(`the glob's braces expand to more than ${MAX_EXPANSIONS} patterns`);
  const compiled = expanded.map((e) => {
    const segs = e
      .split('/')
      .filter((s, i, all) => s !== '' || i === all.length - 1)
      .filter((s, i, all) => !(s === '**' && all[i - 1] === '**'))
      .map(compileSegment);
    return segs;
  });
  return (path: string) => {
    const parts = path.split('/').filter(Boolean);
    if (parts.some((x) => x === '.' || x === '..')) return false;
    const hit = compiled.some((segs) => matchPath(segs, parts));
    return negated ? !hit : hit;
  };
}

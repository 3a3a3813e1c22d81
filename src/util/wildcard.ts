/**
 * Name patterns from files (a budgets file's `kv-cache` lists), matched without regular expressions.
 */

/**
 * Whether `name` matches `pattern`: `*` any run of characters (dots included), `?` one,
 * everything else literally. Both come from files (a budgets file, a model): matched in
 * O(length x length) by the greedy two-pointer method, never a backtracking regular expression.
 */
export function globMatch(pattern: string, name: string): boolean {
  const p = Array.from(pattern); // code points: a ? is one character, surrogate pairs included
  const n = Array.from(name);
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < n.length) {
    if (i < p.length && (p[i] === '?' || (p[i] !== '*' && p[i] === n[j]))) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

/** "Did you mean" suggestions by edit distance. */

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/**
 * Up to `max` candidates close to `word`: those containing it or contained in it first ('gpu'
 * suggests 'edge-gpu' before 'cpu'), then those within an edit distance of a third of its length
 * (at least 2); nearest first within each group.
 */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  return candidates
    .map((c) => {
      const cl = c.toLowerCase();
      return { c, d: editDistance(lower, cl), sub: cl.includes(lower) || lower.includes(cl) };
    })
    .filter((x) => x.sub || x.d <= limit)
    .sort((x, y) => Number(y.sub) - Number(x.sub) || x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}

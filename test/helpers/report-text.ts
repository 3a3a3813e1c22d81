/**
 * The text a JSON report should have, built independently of src/report/json.ts: what
 * `JSON.stringify(report, null, 2)` writes, except that every `nodes` array is written one entry
 * per line, each entry unindented (`{"name":...}`), at its place in the indentation.
 */
export function reportText(report: unknown): string {
  const lists: unknown[][] = [];
  const marked = JSON.parse(JSON.stringify(report), (key, value: unknown) => {
    if (key === 'nodes' && Array.isArray(value)) {
      lists.push(value);
      return `\u0000nodes ${lists.length - 1}\u0000`;
    }
    return value;
  }) as unknown;
  let text = JSON.stringify(marked, null, 2);
  text = text.replace(/^( *)(.*)"\\u0000nodes (\d+)\\u0000"/gm, (_, pad: string, before: string, i: string) => {
    const items = lists[Number(i)];
    if (items.length === 0) return `${pad}${before}[]`;
    return `${pad}${before}[\n${items.map((n) => `${pad}  ${JSON.stringify(n)}`).join(',\n')}\n${pad}]`;
  });
  return text;
}

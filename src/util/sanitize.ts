/**
 * Text that came from untrusted files, made safe for a terminal and a CI log.
 *
 * A model, budgets file or report in a pull request can carry names with CR/LF, ANSI / OSC
 * escapes, bidi overrides or a line that starts with `::` (a GitHub workflow command: `::error`,
 * `::add-mask`, `::stop-commands`). Printed raw by a `run:` step, those rewrite the log or
 * inject annotations. Two tools, used by every text output and every error message:
 *
 * - {@link safeText}: one field (a name, a path, a key) on one line, control characters and
 *   line breaks replaced, truncated;
 * - {@link neutraliseCommands}: a whole output, where any line that a runner would read as a
 *   workflow command gets a zero-width space after its first colon (shown the same, parsed
 *   as plain text).
 *
 * {@link quoteToken} is the only way an error message quotes what a file contains.
 */

// C0 controls (tab and line breaks included), DEL, C1 (incl. the 8-bit CSI), bidi controls,
// line / paragraph separators, lone surrogates.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const REPLACEMENT = '\uFFFD';
const ZWSP = '\u200B';

/** `s` on one line: control characters (CR, LF and tab too) become U+FFFD; at most `max` code points. */
export function safeText(s: unknown, max = 256): string {
  const str = typeof s === 'string' ? s : String(s);
  let out = str.replace(UNSAFE, REPLACEMENT);
  if (out.length > max) {
    const cps = Array.from(out);
    if (cps.length > max) out = cps.slice(0, Math.max(1, max - 1)).join('') + '…';
  }
  return out;
}

/**
 * A short excerpt of untrusted input for an error message: one line, no control characters, at
 * most `max` code points, in single quotes. Strings only; other values are described by kind
 * (so a number still reads as itself).
 */
export function quoteToken(value: unknown, max = 40): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return 'nothing';
  if (typeof value !== 'string') return Array.isArray(value) ? 'a list' : 'a mapping';
  return `'${safeText(value, max)}'`;
}

// Leading white space of any kind (the runner trims Unicode white space before it looks for `::`).
const COMMAND_LINE = /^([^\S\n]*):(?=:)/gm;

/**
 * A whole output for a log: control characters other than tab and LF removed (ESC sequences,
 * CR that rewrites a line, bidi controls), and no line left that a runner parses as a workflow
 * command (`::name ...::`, leading whitespace allowed).
 */
export function neutraliseCommands(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (c) => (c === '\r' ? '' : REPLACEMENT))
      .replace(COMMAND_LINE, `$1:${ZWSP}`)
  );
}

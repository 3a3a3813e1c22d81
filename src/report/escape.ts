/**
 * Escaping untrusted text for the formats reports land in.
 *
 * Everything a report shows comes from the model files (node, tensor and op names, producer
 * strings, paths) and must be treated as hostile: it can carry markup, Markdown that turns into
 * links or mentions, the sticky comment's hidden marker, control characters or bidi overrides
 * that reorder what a reviewer sees, or megabytes of text. Each escaper here
 *
 * - truncates to `max` code points (default {@link DEFAULT_MAX}) with an ellipsis, before
 *   escaping, so an entity or escape is never cut in half;
 * - replaces control characters, bidi controls, lone surrogates and XML non-characters with
 *   U+FFFD (the HTML/XML escaper keeps tab and newline; the Markdown ones turn them to spaces);
 * - then escapes for its format.
 */

/** Default length limit, in code points, of an escaped string. Pass `max: Infinity` to lift it. */
export const DEFAULT_MAX = 256;

export interface EscapeOptions {
  /** Longest result, in code points of the input, before escaping (default 256). */
  max?: number;
}

const ELLIPSIS = '…';
/** U+200D ZERO WIDTH JOINER: invisible, and breaks GitHub's mention / reference / autolink scanners. */
const ZWJ = '\u200D';

/** At most `max` code points of `s`; a longer string keeps `max - 1` and ends with an ellipsis. */
export function truncate(s: string, max: number = DEFAULT_MAX): string {
  if (!(max >= 1) || s.length <= max) return s;
  const cps = Array.from(s);
  if (cps.length <= max) return s;
  return cps.slice(0, Math.max(0, Math.floor(max) - 1)).join('') + ELLIPSIS;
}

// C0 (except tab, LF, CR), DEL, C1; bidi embeddings / overrides / isolates and marks; XML
// non-characters U+FFFE / U+FFFF; lone surrogates.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Truncates and replaces unsafe characters; tab, LF and CR stay. */
function clean(s: unknown, options: EscapeOptions | undefined): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- defensive: callers pass strings; a non-string from untyped JSON is stringified, not thrown on
  const str = typeof s === 'string' ? s : String(s ?? '');
  return truncate(str, options?.max ?? DEFAULT_MAX).replace(UNSAFE, '\uFFFD');
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for HTML and XML (SVG), in element content and in quoted attribute values alike:
 * `& < > " '` become entities.
 */
export function escapeHtml(s: string, options?: EscapeOptions): string {
  return clean(s, options).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** ASCII punctuation that means something to GitHub-flavoured Markdown (or its math). */
const MD_SPECIAL = /[\\`*_[\]|#!~$]/g;

/**
 * Text inside GitHub-flavoured Markdown prose or a table cell. The result renders as the input
 * text (bar the truncation and invisible joiners), never as markup:
 *
 * - `\ ` * _ [ ] | # ! ~ $` get a backslash (`$`: GitHub renders `$...$` as math); `& < >`
 *   become entities, so no HTML, no autolink `<...>`, no `<!-- marker -->` survives;
 * - `@name`, `#123`, `GH-123`, `http://`, `www.` get a zero-width joiner (U+200D), so GitHub
 *   neither pings anyone nor links issues or URLs (it scans the rendered text, where a backslash
 *   escape would already be gone);
 * - newlines and tabs become spaces; a leading `-`, `+`, `=` or `1. ` is escaped so the text
 *   cannot start a list or a heading underline.
 */
export function escapeMarkdown(s: string, options?: EscapeOptions): string {
  let out = clean(s, options)
    .replace(/[\t\r\n]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_SPECIAL, (c) => `\\${c}`);
  out = neutraliseReferences(out);
  out = out.replace(/^([-+=])/, '\\$1').replace(/^(\d{1,9})([.)])(?= |$)/, '$1\\$2');
  return out;
}

/** Zero-width joiners that stop GitHub's mention, issue-reference and autolink filters. */
function neutraliseReferences(s: string): string {
  return s
    .replace(/@/g, `@${ZWJ}`)
    .replace(/#/g, `#${ZWJ}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1${ZWJ}-`)
    .replace(/:(?=\/\/)/g, `:${ZWJ}`)
    .replace(/\b(www)\./gi, `$1${ZWJ}.`);
}

export interface CodeOptions extends EscapeOptions {
  /** The span sits in a table cell: pipes are written `\|` (GFM strips the backslash there). */
  table?: boolean;
}

/**
 * A complete inline code span (backticks included) showing `s` verbatim. The fence is one
 * backtick longer than the longest run inside, padded with spaces where the content starts or
 * ends with a backtick. Code spans show backslashes and entities literally, so the only
 * rewriting is: newlines to spaces, `|` to `\|` in tables, and a zero-width joiner inside
 * `<!--` / `-->` so the raw comment body never contains an HTML comment marker. Empty input
 * gives an empty string (a code span cannot be empty).
 */
export function escapeMarkdownCode(s: string, options?: CodeOptions): string {
  let body = clean(s, options)
    .replace(/[\t\r\n]/g, ' ')
    .replace(/<!--/g, `<!${ZWJ}--`)
    .replace(/--(?=>)/g, `-${ZWJ}-`);
  if (body === '') return '';
  if (options?.table) body = body.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '');
  return pad ? `${fence} ${body} ${fence}` : `${fence}${body}${fence}`;
}

/** U+00A0 NO-BREAK SPACE: a figure and its unit (`1.2 MB`, `≥ 3, ≤ 5`) never wrap apart. */
export const NBSP = '\u00A0';
/** U+2011 NON-BREAKING HYPHEN: a device id (`jetson-orin-nano`) never wraps at its hyphens. */
export const NB_HYPHEN = '\u2011';

/** Spaces to no-break spaces: for figures, units and bounds, never for untrusted text. */
export function noWrap(s: string): string {
  return s.replace(/ /g, NBSP);
}

/** Hyphens to non-breaking hyphens (U+2011), for ids shown in narrow table cells. */
export function noBreakHyphens(s: string): string {
  return s.replace(/-/g, NB_HYPHEN);
}

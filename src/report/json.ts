/**
 * A streaming JSON writer: the same text as `JSON.stringify(value, null, indent)`, handed out in
 * chunks through `write(chunk)`, so a report with a million nodes is never one string (V8 caps a
 * string near 512 MiB; `JSON.stringify` fails past it with "Invalid string length").
 *
 * One difference, lossless: characters JSON.stringify leaves raw but a terminal, a log viewer or
 * an editor acts on are written as \uXXXX escapes: C1 controls and DEL (U+007F-U+009F), the line
 * and paragraph separators (U+2028, U+2029) and the bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069). `JSON.parse` gives back the same strings.
 *
 * Every chunk ends at a line break, so a filter that works line by line (the CLI's defusing of
 * workflow commands) sees whole lines.
 */

import { Buffer } from 'node:buffer';
import { LazyList, hasLazyMembers, lazyMemberOf } from './lazy-list.js';

const EXTRA_ESCAPES = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Flush once the buffer holds this many characters (at the next line break). */
const CHUNK = 1 << 20;

/** Items of a lazy list of plain data written by one native JSON.stringify. */
const PLAIN_RUN = 128;

/** A value with at most this many members in all is written by the native JSON.stringify, re-indented. */
const SMALL = 4096;

/** Members of `v` counted until `budget` runs out: true when the whole value fits within it. */
function isSmall(v: unknown, budget: { left: number }, rows?: ReadonlySet<string>): boolean {
  if (v === null || typeof v !== 'object') return true;
  // Lazy items are written one by one (never all built at once).
  if (v instanceof LazyList || hasLazyMembers(v)) return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return --budget.left >= 0;
  if (Array.isArray(v)) {
    if ((budget.left -= v.length + 1) < 0) return false;
    for (const item of v) if (item !== null && typeof item === 'object' && !isSmall(item, budget, rows)) return false;
    return true;
  }
  for (const key in v) {
    if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
    if (--budget.left < 0) return false;
    const item = (v as Record<string, unknown>)[key];
    // An array written as rows (WriteJsonOptions.rowsUnder) is not indented as JSON.stringify does.
    if (rows?.has(key) && Array.isArray(item)) return false;
    if (item !== null && typeof item === 'object' && !isSmall(item, budget, rows)) return false;
  }
  return budget.left >= 0;
}

/** An array item the native serialiser may write among others: small, and no toJSON of its own (its key would differ). */
function batchable(v: unknown, budget: { left: number }, rows?: ReadonlySet<string>): boolean {
  if (v !== null && typeof v === 'object') {
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
    return isSmall(v, budget, rows);
  }
  if (typeof v === 'bigint') return false;
  return --budget.left >= 0;
}

function escapeExtra(text: string): string {
  // Every character escaped here is DEL or above U+007F: pure ASCII text without DEL (nearly
  // every report) is found so by two native scans, much faster than the regular expression's.
  if (text.indexOf('\u007f') === -1 && Buffer.byteLength(text, 'utf8') === text.length) return text;
  return text.replace(EXTRA_ESCAPES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Anything JSON.stringify or the extra escapes would change (quotes, controls, surrogates ...). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what needs escaping
const NEEDS_WORK = /["\\\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069\uD800-\uDFFF]/;

/** A JSON string literal: JSON.stringify's escaping plus the extra escapes above. */
export function jsonString(s: string): string {
  if (!NEEDS_WORK.test(s)) return `"${s}"`;
  return JSON.stringify(s).replace(EXTRA_ESCAPES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `items` inside `depth` more arrays: serialised, its items sit `depth + 1` levels deep. */
function wrap(items: unknown[], depth: number): unknown[] {
  let v = items;
  for (let d = 0; d < depth; d++) v = [v];
  return v;
}

/** What JSON.stringify writes before the first item of `wrap(items, depth)` (the items' own indent excluded). */
function opening(depth: number, unit: string): string {
  let s = '';
  for (let d = 0; d <= depth; d++) s += `[\n${unit.repeat(d + 1)}`;
  return s.slice(0, s.length - unit.length * (depth + 1));
}

/** What JSON.stringify writes after the last item of `wrap(items, depth)`. */
function closing(depth: number, unit: string): string {
  let s = '';
  for (let d = depth; d >= 0; d--) s += `\n${unit.repeat(d)}]`;
  return s;
}

export interface WriteJsonOptions {
  /**
   * Arrays held by a member of one of these names are written one item per line, each item on
   * that line without indentation (a report's `nodes`: 200,000 entries read and diff better as
   * 200,000 lines, and take half the bytes and time). Everything else is as JSON.stringify indents it.
   */
  rowsUnder?: ReadonlySet<string>;
}

/** Write `value` as `JSON.stringify(value, null, indent)` would (plus the escapes, and `rowsUnder`), in chunks. */
export function writeJson(value: unknown, write: (chunk: string) => void, indent = 2, chunkSize = CHUNK, options: WriteJsonOptions = {}): void {
  const rowsUnder = options.rowsUnder;
  const unit = ' '.repeat(indent);
  // Rows are joined into runs of about this many characters, each written as one chunk.
  const runSize = Math.min(1 << 16, chunkSize);
  let buf = '';
  // Called only right after a line break: chunks end at line boundaries.
  const maybeFlush = () => {
    if (buf.length >= chunkSize) {
      write(buf);
      buf = '';
    }
  };

  /** The value as JSON.stringify sees it (toJSON applied), or undefined when it is omitted. */
  const prepare = (key: string, v: unknown): unknown => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      return (v as { toJSON(k: string): unknown }).toJSON(key);
    }
    if (typeof v === 'bigint' && typeof (BigInt.prototype as { toJSON?: unknown }).toJSON === 'function') {
      return (v as unknown as { toJSON(k: string): unknown }).toJSON(key);
    }
    return v;
  };

  const scalar = (v: unknown): string | undefined => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return jsonString(v);
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        // JSON.stringify throws on BigInt: so does this.
        throw new TypeError('Do not know how to serialize a BigInt');
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
      default:
        if (v instanceof Number || v instanceof String || v instanceof Boolean) return scalar(v.valueOf());
        return undefined; // an object: the caller writes it
    }
  };

  const seen = new Set<object>();
  const emit = (v: unknown, pad: string, key?: string): void => {
    const s = scalar(v);
    if (s !== undefined) {
      buf += s;
      return;
    }
    const obj = v as object;
    // Small values (a node, a shape) go through the native serialiser: the same text, much faster.
    // Raw newlines occur only between members (strings escape theirs), so re-indenting is a replace.
    const hasToJSON = typeof (obj as { toJSON?: unknown }).toJSON === 'function'; // already applied: not again
    const rows = key !== undefined && rowsUnder?.has(key) === true && (Array.isArray(obj) || obj instanceof LazyList);
    if (rows) {
      if (seen.has(obj)) throw new TypeError('Converting circular structure to JSON');
      seen.add(obj);
      const list = obj as unknown[] | LazyList<unknown>;
      const at = list instanceof LazyList ? (k: number) => list.at(k) : (k: number) => list[k];
      // Plain items (a report's node entries) are objects JSON.stringify writes as they are; others
      // are wrapped, so toJSON gets its key and an omitted item is null, as in any array.
      const plain = list instanceof LazyList && list.plain;
      const direct = list instanceof LazyList ? list.text : undefined;
      const inner = pad + unit;
      if (list.length === 0) buf += '[]';
      else {
        buf += '[\n';
        // The lines of a run are joined at once: one flat string (appending each to the last
        // would leave a tree of millions of small pieces for the collector and the write to walk).
        const lines: string[] = [];
        let size = 0;
        const last = list.length - 1;
        const flushRun = () => {
          const run = lines.join('');
          lines.length = size = 0;
          // Direct text is escaped already (LazyList.text: its strings through jsonString).
          return direct ? run : escapeExtra(run);
        };
        for (let i = 0; i <= last; i++) {
          let text: string;
          if (direct) text = direct(i);
          else if (plain) text = JSON.stringify(at(i));
          else {
            const wrapped = JSON.stringify([at(i)]);
            text = wrapped.slice(1, wrapped.length - 1);
          }
          lines.push(inner, text, i < last ? ',\n' : '\n');
          size += inner.length + text.length + 2;
          if (size >= runSize) {
            // At a line break: chunks end at line boundaries. The run goes out as it is (appended
            // to the buffer, 16 of them would be copied again when it is written).
            const run = flushRun();
            if (buf) {
              write(buf);
              buf = '';
            }
            write(run);
          }
        }
        buf += `${flushRun()}${pad}]`;
      }
      seen.delete(obj);
      return;
    }
    if (!hasToJSON && !seen.has(obj) && isSmall(obj, { left: SMALL }, rowsUnder)) {
      const text = escapeExtra(JSON.stringify(obj, null, indent));
      buf += pad ? text.replace(/\n/g, `\n${pad}`) : text;
      return;
    }
    if (seen.has(obj)) throw new TypeError('Converting circular structure to JSON');
    const depth = pad.length / (unit.length || 1);
    seen.add(obj);
    const inner = pad + unit;
    if (Array.isArray(obj) || obj instanceof LazyList) {
      // A lazy list is written as the array of its items, each made as it is written.
      const lazy = obj instanceof LazyList ? (obj as LazyList<unknown>) : null;
      const plain = lazy?.plain === true;
      const length = obj.length;
      const at = lazy ? (k: number) => lazy.at(k) : (k: number) => (obj as unknown[])[k];
      if (length === 0) buf += '[]';
      else {
        buf += '[';
        let i = 0;
        let next = at(0); // item i
        while (i < length) {
          // A run of small items (nodes of a big report) goes through the native serialiser at once.
          const budget = { left: SMALL };
          const batch: unknown[] = [];
          // Items a lazy list vouches for as plain data go in runs of a fixed count, unchecked.
          while (plain ? batch.length < PLAIN_RUN : batchable(next, budget, rowsUnder)) {
            batch.push(next);
            if (i + batch.length === length) break;
            next = at(i + batch.length);
          }
          buf += i === 0 ? '\n' : ',\n';
          maybeFlush();
          if (batch.length) {
            // Nested in arrays as deep as this one, the native serialiser indents the items as
            // they stand here: no pass to re-indent them. Only the wrapper is cut off.
            const text = JSON.stringify(wrap(batch, depth), null, indent); // "[\n" ... items ... "\n]" ...
            buf += escapeExtra(text.slice(opening(depth, unit).length, text.length - closing(depth, unit).length));
            i += batch.length;
            continue; // `next` is item i (when one is left)
          }
          buf += inner;
          const item = prepare(String(i), next);
          if (isOmitted(item)) buf += 'null';
          else emit(item, inner);
          if (++i < length) next = at(i);
        }
        buf += '\n';
        maybeFlush();
        buf += `${pad}]`;
      }
    } else {
      let first = true;
      for (const key of Object.keys(obj)) {
        // A member still lazy (a report's nodes) is streamed: reading it would build the whole array.
        const item = lazyMemberOf(obj, key) ?? prepare(key, (obj as Record<string, unknown>)[key]);
        if (isOmitted(item)) continue;
        buf += first ? '{\n' : ',\n';
        first = false;
        maybeFlush();
        buf += `${inner}${jsonString(key)}: `;
        emit(item, inner, key);
      }
      if (first) buf += '{}';
      else {
        buf += '\n';
        maybeFlush();
        buf += `${pad}}`;
      }
    }
    seen.delete(obj);
  };

  const top = prepare('', value);
  if (isOmitted(top)) return; // JSON.stringify gives undefined: nothing to write
  emit(top, '');
  if (buf) write(buf);
}

function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** The whole text at once (tests, small values): `JSON.stringify(value, null, indent)` plus the escapes. */
export function toJsonText(value: unknown, indent = 2): string {
  const parts: string[] = [];
  writeJson(value, (c) => parts.push(c), indent);
  return parts.join('');
}

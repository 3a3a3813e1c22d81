/**
 * A protobuf wire-format reader over a Uint8Array. Byte fields come back as views into the
 * buffer (subarray), never copies, so a model's weights are never duplicated in memory.
 */
import { Buffer } from 'node:buffer';
import { DecodeError } from '../../errors.js';

const TWO_32 = 4294967296;
const utf8 = new TextDecoder('utf-8', { fatal: false });
/** Node's native UTF-8 reader of a byte range (Buffer.prototype.utf8Slice works on any Uint8Array). */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice: (this: Uint8Array, start: number, end: number) => string }).utf8Slice;
/**
 * StringPool: lookups by native slicing before the byte table takes over (see there). A graph of
 * 10^4 nodes makes ~35,000 lookups: at 8192 its decode took 20% longer (the table's byte loops
 * still interpreted), while from 50,000 nodes on the choice makes no measurable difference.
 */
const WARM_UP = 32768;

export class Reader {
  pos: number;
  /** Where the message being read ends: the buffer's end, or a sub-message's while inside it (enter / leave). */
  end: number;
  private view: DataView | null = null;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  private fail(what: string): never {
    throw new DecodeError(what, this.pos);
  }

  /** A varint as a non-negative number (tags, lengths, enums). */
  uint32(): number {
    const buf = this.buf;
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = buf[this.pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
      if (i >= 9) this.fail('malformed varint');
    }
  }

  /**
   * A varint as a signed 64-bit integer (two's complement), as a JS number. Exact up to 2^53;
   * larger magnitudes (INT64_MAX as "to the end" in Slice) round, which is harmless here.
   */
  int64(): number {
    const buf = this.buf;
    let lo = 0;
    let hi: number;
    let b: number;
    let i = 0;
    for (; i < 4; i++) {
      if (this.pos >= this.end) this.fail('truncated varint');
      b = buf[this.pos++];
      lo |= (b & 0x7f) << (7 * i);
      if (b < 0x80) return lo >>> 0;
    }
    if (this.pos >= this.end) this.fail('truncated varint');
    b = buf[this.pos++];
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (i = 0; i < 5; i++) {
        if (this.pos >= this.end) this.fail('truncated varint');
        b = buf[this.pos++];
        hi |= (b & 0x7f) << (7 * i + 3);
        if (b < 0x80) break;
      }
      if (b >= 0x80) this.fail('malformed varint');
    }
    return (hi | 0) * TWO_32 + (lo >>> 0);
  }

  /** Unsigned 64-bit varint as a number (uint64_data). */
  uint64(): number {
    const v = this.int64();
    return v < 0 ? v + TWO_32 * TWO_32 : v;
  }

  /** int32 fields are encoded as sign-extended varints. */
  int32(): number {
    return this.int64() | 0;
  }

  float(): number {
    if (this.pos + 4 > this.end) this.fail('truncated float');
    const v = this.dataView().getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  double(): number {
    if (this.pos + 8 > this.end) this.fail('truncated double');
    const v = this.dataView().getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A length-delimited field as a view into the buffer. */
  bytes(): Uint8Array {
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) this.fail(`field length ${len} runs past the end of the data`);
    this.pos = start + len;
    return this.buf.subarray(start, start + len);
  }

  /** Start and end of a length-delimited field, for decoding a sub-message in place. */
  span(): [number, number] {
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) this.fail(`field length ${len} runs past the end of the data`);
    this.pos = start + len;
    return [start, start + len];
  }

  /**
   * Step into the length-delimited sub-message at the position: until `leave`, the reader reads
   * it alone (`done` at its end). Returns the enclosing message's end, for `leave`. No reader
   * object per sub-message (a graph of 10^5 nodes has 10^5 of them).
   */
  enter(): number {
    const len = this.uint32();
    if (len > this.end - this.pos) this.fail(`field length ${len} runs past the end of the data`);
    const outer = this.end;
    this.end = this.pos + len;
    return outer;
  }

  /** Back out of the sub-message `enter` stepped into (read to its end), to the enclosing one. */
  leave(outer: number): void {
    this.end = outer;
  }

  string(): string {
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) this.fail(`field length ${len} runs past the end of the data`);
    this.pos = start + len;
    return decodeRange(this.buf, start, start + len);
  }

  /**
   * A string field through `pool`: the same bytes give the same string object, found by hashing
   * the bytes in place, so a name read again (every consumer repeats its producer's output name)
   * costs neither a new string nor hashing one.
   */
  pooledString(pool: StringPool): string {
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) this.fail(`field length ${len} runs past the end of the data`);
    this.pos = start + len;
    return pool.get(this.buf, start, start + len);
  }

  /** Reads a tag; returns field number * 8 + wire type, as protobuf writes it. */
  tag(): number {
    const t = this.uint32();
    if (t >>> 3 === 0) this.fail('invalid field number 0');
    return t;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.int64();
        return;
      case 1:
        this.advance(8);
        return;
      case 2:
        this.bytes();
        return;
      case 5:
        this.advance(4);
        return;
      case 3: {
        // Deprecated groups: skip until the matching end-group.
        for (;;) {
          if (this.done) this.fail('unterminated group');
          const t = this.tag();
          if ((t & 7) === 4) return;
          this.skip(t & 7);
        }
      }
      default:
        this.fail(`invalid wire type ${wireType}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) this.fail('truncated field');
    this.pos += n;
  }

  private dataView(): DataView {
    if (!this.view) this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    return this.view;
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * Strings keyed by their bytes in one buffer (a decode's names): one string object per distinct
 * name. Two ways to find one, by how warm the code is:
 *  - the first WARM_UP lookups slice the bytes natively (utf8Slice) and look the string up in a
 *    Map (hashed natively): a small file's decode runs mostly in the interpreter, where a byte
 *    loop in JavaScript costs ~20x its optimised time;
 *  - after them, an open-addressing table of FNV-1a hashes of the bytes, each entry the byte
 *    range it was first read from and its string: a repeated name costs neither a new string nor
 *    hashing one. A name the table lacks is made, or found in the Map if the warm-up met it.
 * Each distinct string has a number (0, 1, ...: `count` so far), `lastId` the one `get` last
 * returned (-1 for bytes of another buffer, not pooled). Only for one buffer.
 */
export class StringPool {
  /** Every distinct string the warm-up met, with its number. */
  private readonly seen = new Map<string, number>();
  private readonly distinct: string[] = [];
  /** The number of the string `get` returned last; -1 when it was not pooled. */
  lastId = -1;
  private lookups = 0;
  // The byte table, made when the warm-up ends (a small file never needs it; and a typed array
  // made right after a big file is read can set off a collection for the memory held outside the heap).
  private table = new Int32Array(0);
  private mask = 0;
  private starts = new Int32Array(0);
  private lens = new Int32Array(0);
  private hashes = new Int32Array(0);
  private ids = new Int32Array(0);
  private strings: string[] = [];

  constructor(private readonly buf: Uint8Array) {}

  /** Distinct strings so far: their numbers are 0 .. count - 1. */
  get count(): number {
    return this.distinct.length;
  }

  get(buf: Uint8Array, start: number, end: number): string {
    if (buf !== this.buf) {
      this.lastId = -1;
      return decodeRange(buf, start, end);
    }
    if (this.lookups < WARM_UP) {
      if (++this.lookups === WARM_UP) this.startTable();
      return this.bySlice(buf, start, end);
    }
    const len = end - start;
    // FNV-1a over 4-byte words (then the tail bytes): a quarter of the steps of a byte loop.
    let h = 0x811c9dc5 ^ len;
    let i = start;
    for (const stop = end - 3; i < stop; i += 4) h = Math.imul(h ^ (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24)), 0x01000193);
    for (; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    h ^= h >>> 15;
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const e = table[slot];
      if (e === 0) break;
      const k = e - 1;
      if (this.hashes[k] === h && this.lens[k] === len && sameBytes(buf, this.starts[k], start, len)) {
        this.lastId = this.ids[k];
        return this.strings[k];
      }
      slot = (slot + 1) & mask;
    }
    // Not in the table: a name the warm-up met is in the Map (only those: it grows no further).
    let s = decodeRange(buf, start, end);
    let id = this.seen.get(s);
    if (id === undefined) {
      id = this.distinct.length;
      this.distinct.push(s);
    } else s = this.distinct[id];
    const k = this.strings.length;
    if (k === this.starts.length) this.growEntries();
    this.starts[k] = start;
    this.lens[k] = len;
    this.hashes[k] = h;
    this.ids[k] = id;
    this.lastId = id;
    this.strings.push(s);
    table[slot] = k + 1;
    if ((k + 1) * 2 > mask) this.rehash();
    return s;
  }

  private bySlice(buf: Uint8Array, start: number, end: number): string {
    const s = decodeRange(buf, start, end);
    let id = this.seen.get(s);
    if (id === undefined) {
      id = this.distinct.length;
      this.distinct.push(s);
      this.seen.set(s, id);
    }
    this.lastId = id;
    return this.distinct[id];
  }

  private startTable(): void {
    this.table = new Int32Array(1 << 12);
    this.mask = (1 << 12) - 1;
    this.starts = new Int32Array(1 << 11);
    this.lens = new Int32Array(1 << 11);
    this.hashes = new Int32Array(1 << 11);
    this.ids = new Int32Array(1 << 11);
  }

  private growEntries(): void {
    const n = this.starts.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts);
    this.lens = grow(this.lens);
    this.hashes = grow(this.hashes);
    this.ids = grow(this.ids);
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let k = 0; k < this.strings.length; k++) {
      let slot = this.hashes[k] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = k + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

function sameBytes(buf: Uint8Array, a: number, b: number, len: number): boolean {
  if (a === b) return true;
  for (let i = 0; i < len; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

/**
 * UTF-8 bytes of a buffer as a string, natively: the same string as the TextDecoder gives
 * (malformed sequences as U+FFFD), but for a leading byte-order mark, which the decoder drops
 * and the slice keeps: a name starting with byte 0xEF goes through the decoder.
 */
function decodeRange(buf: Uint8Array, start: number, end: number): string {
  return buf[start] === 0xef ? utf8.decode(buf.subarray(start, end)) : utf8Slice.call(buf, start, end);
}

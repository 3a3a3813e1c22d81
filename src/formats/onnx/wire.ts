/**
 * A protobuf wire-format reader over a Uint8Array. Byte fields come back as views into the
 * buffer (subarray), never copies, so a model's weights are never duplicated in memory.
 */
import { Buffer } from 'node:buffer';
import { DecodeError } from '../../errors.js';

const TWO_32 = 4294967296;
const utf8 = new TextDecoder('utf-8', { fatal: false });
/** Node's native byte-range reader: for ASCII bytes, the same string as UTF-8 decoding gives. */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice: (this: Uint8Array, start: number, end: number) => string }).latin1Slice;

export class Reader {
  pos: number;
  readonly end: number;
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

  string(): string {
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) this.fail(`field length ${len} runs past the end of the data`);
    const end = start + len;
    this.pos = end;
    const buf = this.buf;
    // Names are nearly always ASCII: read those without a view and a TextDecoder call each (half
    // the time on a node-heavy graph); anything else through the UTF-8 decoder.
    for (let i = start; i < end; i++) if (buf[i] >= 0x80) return utf8.decode(buf.subarray(start, end));
    return latin1Slice.call(buf, start, end);
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

/**
 * Skimming a large ONNX file: the ModelProto without the payloads of its big initializers, read
 * with a few positional reads instead of the whole file. What analysis needs of a weight is its
 * name, type and dims; its bytes are read only for small tensors (shape, axis and index
 * constants: at most a few thousand elements, src/formats/onnx/tensor-values.ts), never for one
 * of UNREAD_MIN_BYTES or more. So a BERT-base with 438 MB of weights inline is read as ~1 MB.
 *
 * The result is the file's own bytes with each such raw_data field replaced by a field of the
 * skimmer's own (UNREAD_FIELD: the payload's offset and length in the file) and the lengths of
 * the messages around it written anew; decodeModel, told so (DecodeOptions.skimmed), gives those
 * tensors storage { kind: 'unread' }. Only the top-level graph's initializers are skimmed (where
 * exporters put weights); everything else is copied as it is.
 *
 * Anything the skimmer does not expect (a group, a field running past the end) is a DecodeError:
 * the caller then reads the whole file and decodes it, which gives the error the user sees.
 * Pure: the file is read through `pread` and `readInto`.
 */
import { DecodeError } from '../../errors.js';
import { DEFAULT_VALUE_LIMIT } from './tensor-values.js';

/**
 * Raw data of at least this many bytes is left unread: more than any tensor whose values the
 * rules read can take (DEFAULT_VALUE_LIMIT elements of at most 16 bytes, complex128).
 */
export const UNREAD_MIN_BYTES = DEFAULT_VALUE_LIMIT * 16 + 1;

/**
 * The TensorProto field the skimmer writes for a payload left in the file: a message of two
 * varints, the payload's offset in the file and its length. The largest field number protobuf
 * allows, far from ONNX's; read only when the decoder is told the bytes were skimmed.
 */
export const UNREAD_FIELD = 536870911;

/** Bytes read at a time through the structure, and after a jump over a payload. */
const WINDOW = 64 * 1024;
const JUMP_WINDOW = 4 * 1024;

const WIRE_LEN = 2;

/** Reads the file at `offset` (fewer bytes at its end). */
export type PositionalRead = (offset: number, length: number) => Uint8Array;
/** Reads `length` bytes of the file at `offset` into `into` (all of them, or throws). */
export type ReadInto = (into: Uint8Array, offset: number, length: number) => void;

/** The skimmed bytes, in order: bytes written anew, and ranges of the file copied as they are. */
type Piece = Uint8Array | { offset: number; length: number };

interface Plan {
  pieces: Piece[];
  length: number;
  /** Some field inside was rewritten (else the message is copied as it is). */
  rewritten?: boolean;
}

/**
 * The skimmed ModelProto of a file `size` bytes long: its structure found through `pread` (a
 * window of 64 KiB at a time), then made in one buffer of its exact size, the parts copied as
 * they are read straight into it through `readInto`.
 */
export function skimModel(size: number, pread: PositionalRead, readInto: ReadInto): Uint8Array {
  const w = new FileWindow(size, pread);
  const plan = fields(w, 0, size, (field, wire, start, end) =>
    field === 7 && wire === WIRE_LEN
      ? fields(w, start, end, (f, wr, s, e) =>
          f === 5 && wr === WIRE_LEN
            ? fields(w, s, e, (tf, twire, ts, te) => {
                if (tf !== 9 || twire !== WIRE_LEN || te - ts < UNREAD_MIN_BYTES) return null;
                const ref = new Sink();
                ref.varint(ts);
                ref.varint(te - ts);
                return { pieces: [ref.result()], length: ref.length, field: UNREAD_FIELD };
              })
            : null,
        )
      : null,
  );
  const out = new Uint8Array(plan.length);
  let at = 0;
  for (const p of plan.pieces) {
    if (p instanceof Uint8Array) {
      out.set(p, at);
      at += p.length;
    } else {
      readInto(out.subarray(at, at + p.length), p.offset, p.length);
      at += p.length;
    }
  }
  return out;
}

/**
 * The plan of the message at [start, end): its fields as they are, but those `rewrite` gives a
 * plan for (a length-delimited field: its new content, under the same number or `field`).
 */
function fields(
  w: FileWindow,
  start: number,
  end: number,
  rewrite: (field: number, wire: number, start: number, end: number) => (Plan & { field?: number }) | null,
): Plan {
  const pieces: Piece[] = [];
  let length = 0;
  let rewritten = false;
  /** A range of the file: joined to the last piece when it continues it. */
  const copy = (offset: number, n: number) => {
    const last = pieces[pieces.length - 1];
    if (last && !(last instanceof Uint8Array) && last.offset + last.length === offset) last.length += n;
    else pieces.push({ offset, length: n });
    length += n;
  };
  let pos = start;
  while (pos < end) {
    const tag = w.varint(pos, end);
    const afterTag = w.pos;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new DecodeError('invalid field number 0', pos);
    let next: number;
    switch (wire) {
      case 0:
        w.varint(afterTag, end);
        next = w.pos;
        break;
      case 1:
        next = afterTag + 8;
        break;
      case 5:
        next = afterTag + 4;
        break;
      case WIRE_LEN: {
        const len = w.varint(afterTag, end);
        const body = w.pos;
        if (len > end - body) throw new DecodeError(`field length ${len} runs past the end of the data`, afterTag);
        next = body + len;
        const inner = rewrite(field, wire, body, next);
        if (inner && (inner.field !== undefined || inner.rewritten)) {
          const head = new Sink();
          head.varint((inner.field ?? field) * 8 + WIRE_LEN);
          head.varint(inner.length);
          pieces.push(head.result());
          length += head.length;
          for (const p of inner.pieces) {
            if (p instanceof Uint8Array) {
              pieces.push(p);
              length += p.length;
            } else copy(p.offset, p.length);
          }
          rewritten = true;
          pos = next;
          continue;
        }
        break;
      }
      default:
        throw new DecodeError(`wire type ${wire} not skimmed`, pos);
    }
    if (next > end) throw new DecodeError('truncated field', pos);
    copy(pos, next - pos);
    pos = next;
  }
  return { pieces, length, rewritten };
}

/** The file through a window of WINDOW bytes, moved as reads need. */
class FileWindow {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  /** Where the last varint read ended. */
  pos = 0;

  constructor(
    private readonly size: number,
    private readonly pread: PositionalRead,
  ) {}

  private byte(at: number): number {
    const k = at - this.start;
    if (k >= 0 && k < this.buf.length) return this.buf[k];
    this.load(at);
    return this.buf[0];
  }

  private load(at: number): void {
    if (at >= this.size) throw new DecodeError('truncated', at);
    // Reading on from the window: a whole window; after a jump over a payload, a small one (a
    // tensor's header is tens of bytes, and the next payload starts right after it).
    const want = at === this.start + this.buf.length ? WINDOW : JUMP_WINDOW;
    const buf = this.pread(at, Math.min(want, this.size - at));
    if (buf.length === 0) throw new DecodeError('truncated', at);
    this.buf = buf;
    this.start = at;
  }

  /** A varint at `at` (before `end`); its end in `pos`. Up to 2^53 exactly. */
  varint(at: number, end: number): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (at >= end) throw new DecodeError('truncated varint', at);
      const b = this.byte(at++);
      result += (b & 0x7f) * mul;
      if (b < 0x80) {
        this.pos = at;
        return result;
      }
      mul *= 128;
      if (i >= 9) throw new DecodeError('malformed varint', at);
    }
  }
}

/** A growing byte buffer. */
class Sink {
  private buf = new Uint8Array(256);
  private n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }

  varint(v: number): void {
    this.room(10);
    while (v >= 0x80) {
      this.buf[this.n++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.n++] = v;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }

  get length(): number {
    return this.n;
  }

  result(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

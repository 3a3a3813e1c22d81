/**
 * A bounds-checked FlatBuffers table reader driven by the schema as data (schema_meta_generated.ts).
 *
 * The flatbuffers runtime trusts its input: an offset past the end reads garbage or throws a bare
 * RangeError, and offsets that alias let a small crafted file describe billions of elements. Here
 * every offset and length is checked against the bytes before it is followed (a DecodeError that
 * says "runs past the end"), and the work done is budgeted by the size of the file: a well-formed
 * file reads each table, vector element and string byte about once, so reading more than a few
 * times the file's size means offsets that alias, refused as corrupted before it costs anything.
 */
import { DecodeError } from '../../errors.js';
import { NeedBytesError } from '../types.js';
import type { SchemaField } from './schema-meta.js';
import { ENUMS, TABLES, UNIONS } from './schema_meta_generated.js';

const UTF8 = new TextDecoder();

const SCALAR_SIZE: Record<string, number> = { bool: 1, byte: 1, ubyte: 1, short: 2, ushort: 2, int: 4, uint: 4, float: 4, long: 8, ulong: 8, double: 8 };

export class FbReader {
  readonly dv: DataView;
  private work = 0;
  private readonly budget: number;
  constructor(readonly bytes: Uint8Array) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.budget = 4 * bytes.length + 1_000_000;
  }

  /** Count `n` units of work; past the budget the offsets must alias. */
  spend(n: number, at: number): void {
    this.work += n;
    if (this.work > this.budget) throw new DecodeError('offsets that alias (the same tables read again and again): corrupted', at);
  }

  need(at: number, len: number): void {
    if (at < 0) throw new DecodeError('an offset points before the start of the file', 0);
    if (at + len > this.bytes.length) throw new NeedBytesError(at + len, at);
  }

  u8(at: number): number {
    this.need(at, 1);
    return this.dv.getUint8(at);
  }
  u16(at: number): number {
    this.need(at, 2);
    return this.dv.getUint16(at, true);
  }
  i32(at: number): number {
    this.need(at, 4);
    return this.dv.getInt32(at, true);
  }
  u32(at: number): number {
    this.need(at, 4);
    return this.dv.getUint32(at, true);
  }

  scalar(type: string, at: number): number {
    this.need(at, SCALAR_SIZE[type] ?? 1);
    const dv = this.dv;
    switch (type) {
      case 'bool':
        return dv.getUint8(at) ? 1 : 0;
      case 'byte':
        return dv.getInt8(at);
      case 'ubyte':
        return dv.getUint8(at);
      case 'short':
        return dv.getInt16(at, true);
      case 'ushort':
        return dv.getUint16(at, true);
      case 'int':
        return dv.getInt32(at, true);
      case 'uint':
        return dv.getUint32(at, true);
      case 'float':
        return dv.getFloat32(at, true);
      case 'double':
        return dv.getFloat64(at, true);
      case 'long':
        return Number(dv.getBigInt64(at, true));
      case 'ulong':
        return Number(dv.getBigUint64(at, true));
      default:
        throw new DecodeError(`unknown scalar type ${type}`, at);
    }
  }

  /** The target of the uoffset stored at `at`. */
  deref(at: number): number {
    const target = at + this.u32(at);
    this.need(target, 4);
    return target;
  }

  /** The root table (after the 4-byte root offset and the file identifier). */
  root(type: string): Table {
    return this.table(type, this.deref(0));
  }

  table(type: string, pos: number): Table {
    this.spend(4, pos);
    const vtable = pos - this.i32(pos);
    const vtLen = this.u16(vtable);
    const tableLen = this.u16(vtable + 2);
    if (vtLen < 4 || vtLen % 2 !== 0) throw new DecodeError(`the vtable of a ${type} table is malformed`, vtable);
    this.need(vtable, vtLen);
    this.need(pos, tableLen);
    return new Table(this, type, pos, vtable, vtLen, tableLen);
  }

  /** A vector at `pos` (its uint32 length, then the elements): [first element, length]. */
  vector(pos: number, elemSize: number): [number, number] {
    const n = this.u32(pos);
    this.need(pos + 4, n * elemSize);
    return [pos + 4, n];
  }

  string(pos: number): string {
    const [start, n] = this.vector(pos, 1);
    this.spend(n, pos);
    return UTF8.decode(this.bytes.subarray(start, start + n));
  }
}

const fieldCache = new Map<string, Map<string, SchemaField>>();
function fieldsOf(type: string): Map<string, SchemaField> {
  let m = fieldCache.get(type);
  if (!m) {
    m = new Map((TABLES[type] ?? []).map((f) => [f[0], f]));
    fieldCache.set(type, m);
  }
  return m;
}

export class Table {
  constructor(
    readonly r: FbReader,
    readonly type: string,
    readonly pos: number,
    private readonly vtable: number,
    private readonly vtLen: number,
    private readonly tableLen: number,
  ) {}

  field(name: string): SchemaField {
    const f = fieldsOf(this.type).get(name);
    if (!f) throw new Error(`schema: ${this.type} has no field ${name}`);
    return f;
  }

  /** Where the field at vtable slot `slot` is, or 0 when absent; `width` bytes must lie inside the table. */
  offsetOf(slot: number, width: number): number {
    const vo = 4 + 2 * slot;
    if (vo + 2 > this.vtLen) return 0;
    const o = this.r.u16(this.vtable + vo);
    if (o === 0) return 0;
    if (o < 4 || o + width > this.tableLen) throw new DecodeError(`a field of a ${this.type} table lies outside the table`, this.pos);
    return this.pos + o;
  }

  has(name: string): boolean {
    const f = this.field(name);
    return this.offsetOf(f[4], 1) !== 0;
  }

  /** A scalar or enum field (the schema's default when absent). */
  num(name: string): number {
    const f = this.field(name);
    return this.numField(f);
  }

  numField(f: SchemaField): number {
    const type = f[1] === 'enum' ? ENUMS[f[3]].base : f[3];
    const at = this.offsetOf(f[4], SCALAR_SIZE[type] ?? 1);
    if (!at) return defaultOf(f);
    return this.r.scalar(type, at);
  }

  /** The position of a referenced object (table, vector, string), or 0 when absent. */
  ref(slot: number): number {
    const at = this.offsetOf(slot, 4);
    return at ? this.r.deref(at) : 0;
  }

  str(name: string): string | null {
    const pos = this.ref(this.field(name)[4]);
    return pos ? this.r.string(pos) : null;
  }

  sub(name: string): Table | null {
    const f = this.field(name);
    const pos = this.ref(f[4]);
    return pos ? this.r.table(f[3], pos) : null;
  }

  /** A vector of scalars/enums as numbers (null when absent). */
  nums(name: string): number[] | null {
    return this.numsField(this.field(name));
  }

  numsField(f: SchemaField): number[] | null {
    const pos = this.ref(f[4]);
    if (!pos) return null;
    const type = f[1] === 'enum' ? ENUMS[f[3]].base : f[3];
    const size = SCALAR_SIZE[type] ?? 1;
    const [start, n] = this.r.vector(pos, size);
    this.r.spend(n * size, pos);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.r.scalar(type, start + i * size);
    return out;
  }

  /** A [ubyte] vector as a view (null when absent). */
  bytes(name: string): Uint8Array | null {
    const pos = this.ref(this.field(name)[4]);
    if (!pos) return null;
    const [start, n] = this.r.vector(pos, 1);
    return this.r.bytes.subarray(start, start + n);
  }

  /** A vector of `elemSize`-byte scalars as a view of its bytes (null when absent). */
  vectorBytes(name: string, elemSize: number): Uint8Array | null {
    const pos = this.ref(this.field(name)[4]);
    if (!pos) return null;
    const [start, n] = this.r.vector(pos, elemSize);
    return this.r.bytes.subarray(start, start + n * elemSize);
  }

  /** A vector of tables (empty when absent). */
  tables(name: string): Table[] {
    const f = this.field(name);
    const pos = this.ref(f[4]);
    if (!pos) return [];
    const [start, n] = this.r.vector(pos, 4);
    this.r.spend(4 * n, pos);
    const out: Table[] = [];
    for (let i = 0; i < n; i++) out.push(this.r.table(f[3], this.r.deref(start + 4 * i)));
    return out;
  }

  /** A vector of strings (empty when absent). */
  strings(f: SchemaField): string[] {
    const pos = this.ref(f[4]);
    if (!pos) return [];
    const [start, n] = this.r.vector(pos, 4);
    this.r.spend(4 * n, pos);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.r.string(this.r.deref(start + 4 * i)));
    return out;
  }

  /** A union field: its member's table name and table, or null for NONE / an unknown member. */
  union(name: string): { member: string; code: number; table: Table | null } | null {
    const f = this.field(name);
    const members = UNIONS[f[3]];
    const typeAt = this.offsetOf(f[4] - 1, 1);
    const code = typeAt ? this.r.u8(typeAt) : 0;
    if (code === 0) return null;
    const member = members[code] as string | undefined;
    if (member === undefined) return { member: '', code, table: null };
    const pos = this.ref(f[4]);
    return { member, code, table: pos ? this.r.table(member, pos) : null };
  }
}

/** A field's schema default as a number (enums: the member's value; absent: 0). */
export function defaultOf(f: SchemaField): number {
  const d = f[5];
  if (d === null) return 0;
  if (d === 'true') return 1;
  if (d === 'false') return 0;
  if (f[1] === 'enum') {
    for (const [v, n] of ENUMS[f[3]].values) if (n === d) return v;
    return 0;
  }
  return Number(d);
}

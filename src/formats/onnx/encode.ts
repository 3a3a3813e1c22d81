/**
 * The project's ONNX writer (tests, the benchmark and `calibrate`'s micro-models): builds ModelProto bytes from a plain
 * description, so hand-built graphs go through the real decoder.
 */
import { dtypeCode, type DType } from '../../graph/dtype.js';

class Writer {
  private chunks: Uint8Array[] = [];
  private cur: number[] = [];
  length = 0;

  private flushCur(): void {
    if (this.cur.length) {
      this.chunks.push(Uint8Array.from(this.cur));
      this.cur = [];
    }
  }

  byte(b: number): void {
    this.cur.push(b & 0xff);
    this.length++;
  }

  varint(v: number): void {
    // int64 two's complement for negatives (10 bytes), as protobuf encodes int64.
    let n = BigInt.asUintN(64, BigInt(Math.trunc(v)));
    do {
      let b = Number(n & 0x7fn);
      n >>= 7n;
      if (n) b |= 0x80;
      this.byte(b);
    } while (n);
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  raw(bytes: Uint8Array): void {
    this.flushCur();
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  lenDelim(field: number, bytes: Uint8Array): void {
    this.tag(field, 2);
    this.varint(bytes.length);
    this.raw(bytes);
  }

  string(field: number, s: string): void {
    this.lenDelim(field, new TextEncoder().encode(s));
  }

  int(field: number, v: number): void {
    this.tag(field, 0);
    this.varint(v);
  }

  float(field: number, v: number): void {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.raw(b);
  }

  message(field: number, build: (w: Writer) => void): void {
    const w = new Writer();
    build(w);
    this.lenDelim(field, w.finish());
  }

  finish(): Uint8Array {
    this.flushCur();
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

export type DimSpec = number | string | null;

export interface ValueSpec {
  name: string;
  dtype: DType;
  /** undefined: no shape (rank unknown). */
  shape?: DimSpec[];
}

export interface TensorSpec {
  name: string;
  dtype: DType;
  dims: number[];
  /** Elements, written as raw_data in the dtype (float32, int64, int32, int8, uint8, float16 as bits). */
  values?: number[];
  /** Raw bytes as they are (for large tensors: a view is fine). */
  raw?: Uint8Array;
  /** Stored externally. */
  external?: { location: string; offset?: number; length?: number };
}

export type AttrSpec =
  number | string | number[] | string[] | { float: number } | { floats: number[] } | { tensor: TensorSpec } | { graph: GraphSpec } | { ref: string };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: Record<string, AttrSpec>;
}

export interface GraphSpec {
  name?: string;
  nodes: NodeSpec[];
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  initializers?: TensorSpec[];
  valueInfo?: ValueSpec[];
}

export interface FunctionSpec {
  name: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes?: string[];
  nodes: NodeSpec[];
  opsets?: Record<string, number>;
}

export interface ModelSpec {
  irVersion?: number;
  opsets?: Record<string, number>;
  producer?: string;
  graph: GraphSpec;
  functions?: FunctionSpec[];
}

function rawBytes(t: TensorSpec): Uint8Array | undefined {
  if (t.raw) return t.raw;
  if (!t.values) return undefined;
  const v = t.values;
  const widths: Partial<Record<DType, number>> = {
    float32: 4,
    float64: 8,
    int64: 8,
    int32: 4,
    int8: 1,
    uint8: 1,
    bool: 1,
    float16: 2,
    int16: 2,
    uint16: 2,
  };
  const w = widths[t.dtype];
  if (!w) throw new Error(`encode: no raw writer for ${t.dtype}`);
  const b = new Uint8Array(v.length * w);
  const dv = new DataView(b.buffer);
  v.forEach((x, i) => {
    switch (t.dtype) {
      case 'float32':
        dv.setFloat32(i * 4, x, true);
        break;
      case 'float64':
        dv.setFloat64(i * 8, x, true);
        break;
      case 'int64':
        dv.setBigInt64(i * 8, BigInt(x), true);
        break;
      case 'int32':
        dv.setInt32(i * 4, x, true);
        break;
      case 'int16':
        dv.setInt16(i * 2, x, true);
        break;
      case 'uint16':
      case 'float16':
        dv.setUint16(i * 2, x, true);
        break;
      case 'int8':
        dv.setInt8(i, x);
        break;
      default:
        dv.setUint8(i, x);
    }
  });
  return b;
}

function writeTensor(w: Writer, t: TensorSpec): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, dtypeCode(t.dtype));
  w.string(8, t.name);
  if (t.external) {
    const entry = (k: string, v: string) =>
      w.message(13, (e) => {
        e.string(1, k);
        e.string(2, v);
      });
    entry('location', t.external.location);
    if (t.external.offset !== undefined) entry('offset', String(t.external.offset));
    if (t.external.length !== undefined) entry('length', String(t.external.length));
    w.int(14, 1);
    return;
  }
  const raw = rawBytes(t);
  if (raw) w.lenDelim(9, raw);
}

function writeValueInfo(w: Writer, v: ValueSpec): void {
  w.string(1, v.name);
  w.message(2, (tp) =>
    tp.message(1, (tt) => {
      tt.int(1, dtypeCode(v.dtype));
      if (v.shape)
        tt.message(2, (sh) => {
          for (const d of v.shape!)
            sh.message(1, (dim) => {
              if (typeof d === 'number') dim.int(1, d);
              else if (typeof d === 'string') dim.string(2, d);
            });
        });
    }),
  );
}

function writeAttr(w: Writer, name: string, a: AttrSpec): void {
  w.string(1, name);
  if (typeof a === 'number') {
    if (Number.isInteger(a)) {
      w.int(20, 2);
      w.int(3, a);
    } else {
      w.int(20, 1);
      w.float(2, a);
    }
  } else if (typeof a === 'string') {
    w.int(20, 3);
    w.string(4, a);
  } else if (Array.isArray(a)) {
    if (a.every((x) => typeof x === 'string')) {
      w.int(20, 8);
      for (const s of a) w.string(9, s);
    } else {
      w.int(20, 7);
      for (const x of a) w.int(8, x);
    }
  } else if ('float' in a) {
    w.int(20, 1);
    w.float(2, a.float);
  } else if ('floats' in a) {
    w.int(20, 6);
    for (const x of a.floats) w.float(7, x);
  } else if ('tensor' in a) {
    w.int(20, 4);
    w.message(5, (t) => writeTensor(t, a.tensor));
  } else if ('graph' in a) {
    w.int(20, 5);
    w.message(6, (g) => writeGraph(g, a.graph));
  } else if ('ref' in a) {
    w.string(21, a.ref);
  }
}

function writeNode(w: Writer, n: NodeSpec): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.op);
  if (n.domain) w.string(7, n.domain);
  for (const [k, v] of Object.entries(n.attrs ?? {})) w.message(5, (a) => writeAttr(a, k, v));
}

function writeGraph(w: Writer, g: GraphSpec): void {
  for (const n of g.nodes) w.message(1, (x) => writeNode(x, n));
  w.string(2, g.name ?? 'graph');
  for (const t of g.initializers ?? []) w.message(5, (x) => writeTensor(x, t));
  for (const v of g.inputs) w.message(11, (x) => writeValueInfo(x, v));
  for (const v of g.outputs) w.message(12, (x) => writeValueInfo(x, v));
  for (const v of g.valueInfo ?? []) w.message(13, (x) => writeValueInfo(x, v));
}

export function encodeModel(m: ModelSpec): Uint8Array {
  const w = new Writer();
  w.int(1, m.irVersion ?? 8);
  w.string(2, m.producer ?? 'model-budget-tests');
  w.message(7, (g) => writeGraph(g, m.graph));
  for (const [domain, version] of Object.entries(m.opsets ?? { '': 17 }))
    w.message(8, (o) => {
      if (domain) o.string(1, domain);
      o.int(2, version);
    });
  for (const f of m.functions ?? [])
    w.message(25, (x) => {
      x.string(1, f.name);
      for (const i of f.inputs) x.string(4, i);
      for (const o of f.outputs) x.string(5, o);
      for (const a of f.attributes ?? []) x.string(6, a);
      for (const n of f.nodes) x.message(7, (y) => writeNode(y, n));
      for (const [domain, version] of Object.entries(f.opsets ?? { '': 17 }))
        x.message(9, (o) => {
          if (domain) o.string(1, domain);
          o.int(2, version);
        });
      x.string(10, f.domain);
    });
  return w.finish();
}

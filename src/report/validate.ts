/**
 * Checking a saved report (`analyze --format json`, or the `head` of a check report) before
 * `compare` or `check --baseline` use it: a report comes from a file in the pull request or an
 * artifact, so every field the tools read is checked for its type and range (counts are finite
 * and not negative, names are strings). Unknown fields are left alone (fields are only added
 * within a schema version); a wrong one is an InputError naming the file and the field.
 */
import { InputError } from '../errors.js';
import { quoteToken } from '../util/sanitize.js';
import type { AnalyzeReport } from './model-report.js';

type Obj = Record<string, unknown>;

class Checker {
  constructor(private readonly file: string) {}

  fail(path: string, what: string, got: unknown): never {
    const kind = got === null ? 'null' : Array.isArray(got) ? 'a list' : typeof got === 'object' ? 'a mapping' : typeof got === 'string' ? `the text ${quoteToken(got)}` : quoteToken(got);
    throw new InputError(this.file, `${path} must be ${what}, got ${kind} (is this a model-budget report?)`);
  }

  obj(v: unknown, path: string): Obj {
    if (!v || typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'a mapping', v);
    return v as Obj;
  }

  list(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'a list', v);
    return v;
  }

  str(v: unknown, path: string): void {
    if (typeof v !== 'string') this.fail(path, 'text', v);
  }

  /** A finite number, not negative. */
  count(v: unknown, path: string, nullable = false): void {
    if (v === null && nullable) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) this.fail(path, `a number, 0 or more${nullable ? ' (or null)' : ''}`, v);
  }

  optional(o: Obj, key: string, path: string, check: (v: unknown, p: string) => void): void {
    if (o[key] !== undefined) check(o[key], `${path}.${key}`);
  }

  record(v: unknown, path: string, each: (x: unknown, p: string) => void): void {
    for (const [k, x] of Object.entries(this.obj(v, path))) each(x, `${path}.${k}`);
  }

  tensor(v: unknown, path: string): void {
    const t = this.obj(v, path);
    this.str(t.name, `${path}.name`);
    if (t.dtype !== null && t.dtype !== undefined) this.str(t.dtype, `${path}.dtype`);
    if (t.shape !== null && t.shape !== undefined) {
      this.list(t.shape, `${path}.shape`).forEach((d, i) => {
        if (d !== null && typeof d !== 'string') this.count(d, `${path}.shape[${i}]`);
      });
    }
  }

  node(v: unknown, path: string): void {
    const n = this.obj(v, path);
    this.str(n.name, `${path}.name`);
    this.str(n.opType, `${path}.opType`);
    this.count(n.params, `${path}.params`);
    for (const k of ['macs', 'flops', 'bytesRead', 'bytesWritten', 'intensity']) this.optional(n, k, path, (x, p) => this.count(x, p, true));
    for (const k of ['inputs', 'outputs']) this.optional(n, k, path, (x, p) => this.list(x, p).forEach((t, i) => this.tensor(t, `${p}[${i}]`)));
    this.optional(n, 'latency', path, (x, p) =>
      this.record(x, p, (l, q) => {
        const o = this.obj(l, q);
        this.count(o.us, `${q}.us`);
        this.optional(o, 'bound', q, (b, r) => this.str(b, r));
      }),
    );
  }

  latency(v: unknown, path: string): void {
    const l = this.obj(v, path);
    this.count(l.ms, `${path}.ms`);
    for (const k of ['computeMs', 'memoryMs', 'overheadMs', 'utilization', 'ridgePoint', 'achievedFlops', 'kernels']) this.optional(l, k, path, (x, p) => this.count(x, p));
    for (const k of ['device', 'name', 'bound', 'precision']) this.optional(l, k, path, (x, p) => this.str(x, p));
    this.optional(l, 'efficiency', path, (x, p) => this.record(x, p, (e, q) => this.count(e, q)));
  }

  model(v: unknown, path: string): void {
    const m = this.obj(v, path);
    this.str(m.path, `${path}.path`);
    this.record(m.totals, `${path}.totals`, (x, p) => this.count(x, p));
    this.list(m.nodes, `${path}.nodes`).forEach((n, i) => this.node(n, `${path}.nodes[${i}]`));
    for (const k of ['fileBytes', 'irVersion', 'opset']) this.optional(m, k, path, (x, p) => this.count(x, p));
    this.optional(m, 'producer', path, (x, p) => this.str(x, p));
    for (const k of ['opsetImports', 'dims']) this.optional(m, k, path, (x, p) => this.record(x, p, (d, q) => this.count(d, q)));
    this.optional(m, 'defaultedDims', path, (x, p) => this.list(x, p).forEach((d, i) => this.str(d, `${p}[${i}]`)));
    this.optional(m, 'graph', path, (x, p) => {
      const g = this.obj(x, p);
      for (const k of ['inputs', 'outputs']) this.optional(g, k, p, (ts, q) => this.list(ts, q).forEach((t, i) => this.tensor(t, `${q}[${i}]`)));
    });
    this.optional(m, 'byOpType', path, (x, p) => this.record(x, p, (o, q) => this.record(o, q, (n, r) => this.count(n, r))));
    this.optional(m, 'latency', path, (x, p) => this.record(x, p, (l, q) => this.latency(l, q)));
    this.optional(m, 'warnings', path, (x, p) =>
      this.list(x, p).forEach((w, i) => {
        const o = this.obj(w, `${p}[${i}]`);
        this.str(o.message, `${p}[${i}].message`);
        if (o.node !== undefined) this.str(o.node, `${p}[${i}].node`);
      }),
    );
  }
}

/** The report's models, checked field by field; throws an InputError naming `file` and the field. */
export function validateReport(r: AnalyzeReport | Obj, file: string): AnalyzeReport {
  const c = new Checker(file);
  c.list(r.models, 'models').forEach((m, i) => c.model(m, `models[${i}]`));
  return r as AnalyzeReport;
}

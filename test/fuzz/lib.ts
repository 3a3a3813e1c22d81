/**
 * The fuzzer's parts, shared by `npm run fuzz` (scripts/fuzz.ts) and the CI run
 * (test/fuzz/fuzz.test.ts): a small seeded PRNG, mutations of ONNX files (bytes and protobuf
 * structure), a generator of hostile budgets files, a pool of child processes that run the CLI
 * entry with a per-case time limit, the outcome classifier and a minimizer.
 *
 * A case is deterministic from (seed, index): `npm run fuzz -- --seed S --only I` replays it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyzeReport } from '../../src/report/model-report.js';
import type { CaseReply, CaseRequest } from './child.js';

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32): small, fast, and the same on every machine.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed of case `index` in a run seeded with `seed`. */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Cases

export interface FuzzCase {
  kind: 'model' | 'budgets' | 'report';
  /** The file that was mutated or generated (the one the minimizer shrinks). */
  main: string;
  /** Files the case needs, relative to its working folder. */
  files: Record<string, Uint8Array | string>;
  argv: string[];
  /** What was done to make it (for the report). */
  recipe: string[];
}

export interface SeedModel {
  name: string;
  bytes: Uint8Array;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** The committed fixture models, smallest first; `maxBytes` leaves out the large ones. */
export function loadSeedModels(maxBytes = Infinity): SeedModel[] {
  const out: SeedModel[] = [];
  for (const dir of ['test/fixtures/models', 'examples/models']) {
    for (const f of readdirSync(join(ROOT, dir))) {
      if (!f.endsWith('.onnx')) continue;
      const bytes = new Uint8Array(readFileSync(join(ROOT, dir, f)));
      if (bytes.length <= maxBytes) out.push({ name: `${dir}/${f}`, bytes });
    }
  }
  return out.sort((a, b) => a.bytes.length - b.bytes.length || a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// Protobuf structure: fields by offset (parsed once per seed model), re-serialized with patches.

interface PbField {
  num: number;
  wt: number;
  start: number;
  end: number;
  payloadStart: number;
  payloadEnd: number;
  children?: PbField[];
}

function readVarint(b: Uint8Array, pos: number): [bigint, number] | null {
  let v = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= b.length) return null;
    const byte = b[pos + i];
    v |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if (!(byte & 0x80)) return [v, pos + i + 1];
  }
  return null;
}

function parseMessage(b: Uint8Array, start: number, end: number, depth: number): PbField[] | null {
  const out: PbField[] = [];
  let p = start;
  while (p < end) {
    const tag = readVarint(b, p);
    if (!tag || tag[1] > end) return null;
    const num = Number(tag[0] >> 3n);
    const wt = Number(tag[0] & 7n);
    if (num < 1 || num > 536870911) return null;
    const q = tag[1];
    let payloadStart = q;
    let payloadEnd: number;
    let children: PbField[] | undefined;
    if (wt === 0) {
      const v = readVarint(b, q);
      if (!v || v[1] > end) return null;
      payloadEnd = v[1];
    } else if (wt === 1 || wt === 5) {
      payloadEnd = q + (wt === 1 ? 8 : 4);
      if (payloadEnd > end) return null;
    } else if (wt === 2) {
      const len = readVarint(b, q);
      if (!len || len[0] > BigInt(end - len[1])) return null;
      payloadStart = len[1];
      payloadEnd = payloadStart + Number(len[0]);
      if (depth < 12 && payloadEnd - payloadStart <= 1 << 20 && payloadEnd > payloadStart) {
        children = parseMessage(b, payloadStart, payloadEnd, depth + 1) ?? undefined;
      }
    } else return null;
    out.push({ num, wt, start: p, end: payloadEnd, payloadStart, payloadEnd, ...(children ? { children } : {}) });
    p = payloadEnd;
  }
  return out;
}

const treeCache = new WeakMap<Uint8Array, PbField[]>();

function tree(b: Uint8Array): PbField[] {
  let t = treeCache.get(b);
  if (!t) {
    t = parseMessage(b, 0, b.length, 0) ?? [];
    treeCache.set(b, t);
  }
  return t;
}

/** Every field, as a path of indices from the top. */
function allPaths(fields: PbField[], prefix: number[] = [], out: { path: number[]; f: PbField }[] = []) {
  fields.forEach((f, i) => {
    out.push({ path: [...prefix, i], f });
    if (f.children) allPaths(f.children, [...prefix, i], out);
  });
  return out;
}

function varint(v: bigint): number[] {
  let x = BigInt.asUintN(64, v);
  const out: number[] = [];
  do {
    let byte = Number(x & 0x7fn);
    x >>= 7n;
    if (x) byte |= 0x80;
    out.push(byte);
  } while (x);
  return out;
}

type Patch =
  | { op: 'len'; value: bigint }
  | { op: 'dup' }
  | { op: 'delete' }
  | { op: 'wiretype'; wt: number }
  | { op: 'fieldnum'; num: number }
  | { op: 'varint'; value: bigint }
  | { op: 'payload'; bytes: Uint8Array };

function serialize(b: Uint8Array, fields: PbField[], prefix: string, patches: Map<string, Patch>, touched: Set<string>, out: number[][]): void {
  fields.forEach((f, i) => {
    const key = `${prefix}/${i}`;
    const p = patches.get(key);
    if (!p && !touched.has(key)) {
      out.push(Array.from(b.subarray(f.start, f.end)));
      return;
    }
    if (p?.op === 'delete') return;
    const emit = () => {
      const num = p?.op === 'fieldnum' ? p.num : f.num;
      const wt = p?.op === 'wiretype' ? p.wt : f.wt;
      const head = varint(BigInt(num) * 8n + BigInt(wt));
      if (f.wt === 2) {
        let payload: number[];
        if (p?.op === 'payload') payload = Array.from(p.bytes);
        else if (f.children && touched.has(key)) {
          const inner: number[][] = [];
          serialize(b, f.children, key, patches, touched, inner);
          payload = inner.flat();
        } else payload = Array.from(b.subarray(f.payloadStart, f.payloadEnd));
        const len = p?.op === 'len' ? p.value : BigInt(payload.length);
        out.push([...head, ...varint(len), ...payload]);
      } else if (f.wt === 0 && p?.op === 'varint') out.push([...head, ...varint(p.value)]);
      else out.push([...head, ...Array.from(b.subarray(f.payloadStart, f.payloadEnd))]);
    };
    emit();
    if (p?.op === 'dup') emit();
  });
}

const HOSTILE_NAMES = [
  '\n::error title=pwned::x\n',
  '::error title=pwned::x',
  '\x1b]8;;http://evil\x07click\x1b]8;;\x07',
  '\x1b[2J\x1b[H',
  'a\rb',
  '\u202Eevil\u202C',
  '\u0085::warning::c1',
  '| a | b |',
  '<img src=x onerror=alert(1)>',
  '',
  'x'.repeat(5000),
  '\u0000',
  '%0A::error::x',
];

const EXTREME_VARINTS = [0n, 1n, -1n, 2n ** 31n - 1n, 2n ** 31n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n - 1n, 127n, 128n];

/** Protobuf-level mutations: length tricks, duplicated / deleted fields, wrong wire types, extreme varints, hostile strings. */
function structuralMutation(rng: Rng, bytes: Uint8Array, recipe: string[]): Uint8Array {
  const fields = tree(bytes);
  if (!fields.length) return bytes;
  const paths = allPaths(fields);
  const patches = new Map<string, Patch>();
  const n = rng.range(1, 3);
  for (let k = 0; k < n; k++) {
    const { path, f } = rng.pick(paths);
    const key = '/' + path.join('/');
    const kind = rng.int(8);
    let patch: Patch;
    if (kind === 0 && f.wt === 2) {
      const len = BigInt(f.payloadEnd - f.payloadStart);
      patch = { op: 'len', value: rng.pick([0n, 2n ** 63n - 1n, -1n, 2n ** 31n, 2n ** 32n + len, len + 1n, len > 0n ? len - 1n : 5n, 2n ** 64n - 1n]) };
    } else if (kind === 1) patch = { op: 'dup' };
    else if (kind === 2) patch = { op: 'delete' };
    else if (kind === 3) patch = { op: 'wiretype', wt: rng.pick([0, 1, 2, 3, 4, 5, 6, 7].filter((w) => w !== f.wt)) };
    else if (kind === 4) patch = { op: 'fieldnum', num: rng.pick([1, 2, 3, 4, 5, 7, 8, 10, 13, 14, 20, 536870911]) };
    else if (kind === 5 && f.wt === 0) patch = { op: 'varint', value: rng.pick(EXTREME_VARINTS) };
    else if (f.wt === 2 && !f.children && f.payloadEnd - f.payloadStart <= 200) {
      patch = { op: 'payload', bytes: new TextEncoder().encode(rng.pick(HOSTILE_NAMES)) };
    } else if (f.wt === 2 && f.children) {
      // Replace the message by one of its own fields' payloads (a shifted frame).
      const c = rng.pick(f.children);
      patch = { op: 'payload', bytes: bytes.subarray(c.payloadStart, c.payloadEnd) };
    } else patch = { op: 'dup' };
    patches.set(key, patch);
    recipe.push(
      `pb ${patch.op}${'value' in patch ? `=${patch.value}` : 'wt' in patch ? `=${patch.wt}` : 'num' in patch ? `=${patch.num}` : ''} at field ${path.map((i, d) => fieldAt(fields, path.slice(0, d + 1))?.num ?? i).join('.')}`,
    );
  }
  const touched = new Set<string>();
  for (const key of patches.keys()) {
    const parts = key.split('/').slice(1);
    for (let d = 1; d < parts.length; d++) touched.add('/' + parts.slice(0, d).join('/'));
  }
  const out: number[][] = [];
  serialize(bytes, fields, '', patches, touched, out);
  let total = 0;
  for (const o of out) total += o.length;
  const res = new Uint8Array(total);
  let p = 0;
  for (const o of out) {
    res.set(o, p);
    p += o.length;
  }
  return res;
}

function fieldAt(fields: PbField[], path: number[]): PbField | undefined {
  let list: PbField[] | undefined = fields;
  let f: PbField | undefined;
  for (const i of path) {
    f = list?.[i];
    list = f?.children;
  }
  return f;
}

/** Byte-level mutations: truncation, bit flips, insertions, deletions, interesting bytes. */
function byteMutation(rng: Rng, b: Uint8Array, recipe: string[]): Uint8Array {
  if (b.length === 0) return new Uint8Array([rng.int(256)]);
  const kind = rng.int(5);
  const at = rng.int(b.length);
  if (kind === 0) {
    recipe.push(`truncate at ${at}`);
    return b.slice(0, at);
  }
  if (kind === 1) {
    const c = b.slice();
    const flips = rng.range(1, 8);
    for (let i = 0; i < flips; i++) c[rng.int(c.length)] ^= 1 << rng.int(8);
    recipe.push(`${flips} bit flip(s)`);
    return c;
  }
  if (kind === 2) {
    const ins = new Uint8Array(rng.range(1, 16)).map(() => rng.pick([0, 0xff, 0x80, 0x7f, 0x0a, 0x3a, rng.int(256)]));
    recipe.push(`insert ${ins.length} byte(s) at ${at}`);
    const c = new Uint8Array(b.length + ins.length);
    c.set(b.subarray(0, at));
    c.set(ins, at);
    c.set(b.subarray(at), at + ins.length);
    return c;
  }
  if (kind === 3) {
    const len = Math.min(b.length - at, rng.range(1, 64));
    recipe.push(`delete ${len} byte(s) at ${at}`);
    const c = new Uint8Array(b.length - len);
    c.set(b.subarray(0, at));
    c.set(b.subarray(at + len), at);
    return c;
  }
  const c = b.slice();
  const len = Math.min(c.length - at, rng.range(1, 10));
  for (let i = 0; i < len; i++) c[at + i] = rng.pick([0, 0xff, 0x80, 0x7f, 0x01]);
  recipe.push(`overwrite ${len} byte(s) at ${at}`);
  return c;
}

export function mutateModel(rng: Rng, bytes: Uint8Array, recipe: string[]): Uint8Array {
  let b = bytes;
  const n = rng.range(1, 2);
  for (let i = 0; i < n; i++) b = rng.chance(0.7) ? structuralMutation(rng, b, recipe) : byteMutation(rng, b, recipe);
  return b;
}

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;

export function modelCase(rng: Rng, seeds: SeedModel[]): FuzzCase {
  // Small models most of the time: they are the fast ones.
  const seed = rng.chance(0.8) ? seeds[rng.int(Math.min(seeds.length, 6))] : rng.pick(seeds);
  const recipe = [`seed ${seed.name}`];
  const bytes = mutateModel(rng, seed.bytes, recipe);
  const argv = ['analyze', 'model.onnx', '--allow-missing-weights', '--format', rng.pick(FORMATS)];
  if (rng.chance(0.3)) argv.push('--device', rng.pick(['raspberry-pi-5', 'jetson-orin-nano,h100-sxm']));
  if (rng.chance(0.3)) argv.push('--dims', rng.pick(['batch=1', 'batch=2147483648', 'batch=3,sequence=7', 'height=1,width=1']));
  return { kind: 'model', main: 'model.onnx', files: { 'model.onnx': bytes }, argv, recipe };
}

// ---------------------------------------------------------------------------------------------
// Hostile budgets files

type YNode = { t: 'map'; entries: [string, YNode][] } | { t: 'seq'; items: YNode[] } | { t: 'raw'; src: string };

const map = (o: Record<string, YNode | string>): YNode => ({
  t: 'map',
  entries: Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? { t: 'raw', src: v } : v]),
});
const seq = (...items: (YNode | string)[]): YNode => ({ t: 'seq', items: items.map((v) => (typeof v === 'string' ? { t: 'raw', src: v } : v)) });

function template(): YNode {
  return map({
    version: '1',
    devices: seq('raspberry-pi-5', 'edge-npu'),
    'custom-devices': seq(
      map({
        id: 'edge-npu',
        name: 'Edge NPU',
        class: 'npu',
        derivation: map({ cores: '512', clock: '1.0 GHz', 'flops-per-cycle': map({ int8: '32', fp16: '8' }) }),
        bandwidth: '25.6 GB/s',
        'compute-efficiency': '0.5',
        'kernel-overhead': '5us',
      }),
      map({
        id: 'this-machine',
        like: 'raspberry-pi-5',
        'compute-efficiency': '0.55',
        cache: map({ size: '32MiB', bandwidth: '60 GB/s' }),
        fusion: 'standard',
        classes: map({ gemm: map({ 'compute-efficiency': '0.7', 'kernel-overhead': '3us' }), depthwise: map({ 'compute-efficiency': '0.12' }) }),
      }),
    ),
    fusion: 'none',
    defaults: map({ level: 'error', 'min-change': '0.5%', 'allow-missing-weights': 'true' }),
    models: seq(
      map({
        path: 'm.onnx',
        name: 'the model',
        dims: map({ batch: '1' }),
        precision: 'fp16',
        budgets: map({
          params: '1M',
          gmacs: '0.1',
          weights: '4MB',
          'peak-memory': '2MB',
          latency: map({ 'raspberry-pi-5': '8ms', 'edge-npu': map({ max: '2ms', level: 'warn' }) }),
          'max-increase': map({ params: '5%', latency: '10%' }),
        }),
      }),
      map({ path: 'sub/*.onnx', budgets: map({ gflops: '0.05', 'memory-traffic': '10MB' }) }),
    ),
  });
}

const HOSTILE_SCALARS = [
  '.nan',
  '.NaN',
  '.inf',
  '-.inf',
  '1e309',
  '-1e309',
  '-1',
  '0',
  '-0',
  '1e-320',
  '99999999999999999999999999',
  '0x7fffffffffffffff',
  '0o777',
  '~',
  'null',
  'true',
  'false',
  '[]',
  '{}',
  '""',
  "''",
  '[1, [2, [3]]]',
  '{a: {b: c}}',
  '!!js/function "function(){return process.exit(9)}"',
  '!!js/undefined ""',
  '!!binary aGVsbG8=',
  '!!python/object/apply:os.system ["id"]',
  '!!timestamp 2001-12-14',
  '!!float "nan"',
  '!!int "1e400"',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!foo bar',
  '!<tag:yaml.org,2002:str> x',
  '!!map {}',
  '!!seq []',
  '*nosuchalias',
  '"\\e[2J\\e[H"',
  '"\\e]8;;http://evil\\a"',
  '"\\r\\n::error title=pwned::x\\n"',
  '"::error::x"',
  '"\\u202Eevil"',
  '"\\x85next"',
  '"\\u2028"',
  '"\\0"',
  '1M',
  '1.5G',
  '5ms',
  '5 ms',
  '-5%',
  '500%',
  '1e400%',
  'NaN%',
  '.inf ms',
  '1e309GB',
  '5 parsecs',
  '0.5',
  '1e-9',
  '4294967296',
  '-2147483649',
  '1e999ms',
  '-0%',
  '0.000000000000000000000000001%',
  '1,000',
  '1_000',
  '0b101',
  '+5',
  '5e',
  '.5.5',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e308GB/s',
  '0 GB/s',
  '0 GHz',
  '-1 GHz',
];

/** Light: sizes that keep a case to milliseconds (the CI run); else up to the large ones. */
let LIGHT = false;

function size(rng: Rng, sizes: number[]): number {
  return LIGHT ? Math.min(rng.pick(sizes), 300) : rng.pick(sizes);
}

function hostileScalar(rng: Rng): string {
  const r = rng.int(10);
  if (r === 0) return `"${'a'.repeat(size(rng, [300, 5000, 200000]))}"`;
  if (r === 1) return '9'.repeat(size(rng, [20, 400, 5000]));
  if (r === 2) return `${'1'.repeat(rng.range(1, 400))}${rng.pick(['', 'ms', '%', 'GB', 'M', 'G'])}`;
  return rng.pick(HOSTILE_SCALARS);
}

const HOSTILE_KEYS = [
  'params ',
  'Params',
  '"\\e[31mred"',
  '"::error::k"',
  '1',
  'null',
  '~',
  '<<',
  'version',
  'path',
  '"\\u202Ekey"',
  '"\\r\\nx"',
  '? [a, b]',
  '"' + 'k'.repeat(3000) + '"',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

function nodes(n: YNode, out: YNode[] = []): YNode[] {
  out.push(n);
  if (n.t === 'map') for (const [, v] of n.entries) nodes(v, out);
  if (n.t === 'seq') for (const v of n.items) nodes(v, out);
  return out;
}

function deep(rng: Rng): string {
  const depth = size(rng, [64, 500, 3000, 20000]);
  const r = rng.int(3);
  if (r === 0) return '['.repeat(depth) + ']'.repeat(depth);
  if (r === 1) return '{a: '.repeat(depth) + '1' + '}'.repeat(depth);
  return '[' + '&a [*a, '.repeat(2) + ']]]';
}

/** A "billion laughs" value: each anchor a list of `width` aliases of the previous one. */
function bomb(rng: Rng): string {
  const levels = rng.range(3, 12);
  const width = rng.range(2, 10);
  const defs = [`&l0 ${rng.pick(['lol', '1M', '"::error::x"', '[1]', '{a: 1}'])}`];
  for (let i = 1; i < levels; i++)
    defs.push(
      `&l${i} [${Array(width)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  if (rng.chance(0.5)) return `[${defs.join(', ')}]`;
  return `{${defs.map((d, i) => `k${i}: ${d}`).join(', ')}, last: *l${levels - 1}}`;
}

function emit(n: YNode, indent: string, out: string[], keyPrefix: string): void {
  if (n.t === 'raw') {
    out[out.length - 1] += ` ${n.src}`;
    return;
  }
  if (n.t === 'map') {
    if (n.entries.length === 0) {
      out[out.length - 1] += ' {}';
      return;
    }
    n.entries.forEach(([k, v], i) => {
      if (i === 0 && keyPrefix) out[out.length - 1] += `${keyPrefix}${k}:`;
      else out.push(`${indent}${k}:`);
      emitValue(v, indent + '  ', out);
    });
    return;
  }
  if (n.items.length === 0) {
    out[out.length - 1] += ' []';
    return;
  }
  for (const item of n.items) {
    out.push(`${indent}-`);
    if (item.t === 'map' && item.entries.length) emit(item, indent + '  ', out, ' ');
    else emitValue(item, indent + '  ', out);
  }
}

function emitValue(v: YNode, indent: string, out: string[]) {
  if (v.t === 'raw') out[out.length - 1] += ` ${v.src}`;
  else emit(v, indent, out, '');
}

export function hostileBudgets(rng: Rng, recipe: string[]): string {
  const root = template();
  const all = nodes(root);
  const n = rng.range(1, 4);
  for (let i = 0; i < n; i++) {
    const target = rng.pick(all);
    const r = rng.int(10);
    if (r <= 3) {
      // Wrong type / hostile value at a key.
      const containers = all.filter((x) => x.t === 'map' && x.entries.length) as Extract<YNode, { t: 'map' }>[];
      const m = rng.pick(containers);
      const e = rng.int(m.entries.length);
      const v = rng.chance(0.2)
        ? rng.chance(0.5)
          ? seq(hostileScalar(rng))
          : map({ x: hostileScalar(rng) })
        : ({ t: 'raw', src: hostileScalar(rng) } as YNode);
      m.entries[e] = [m.entries[e][0], v];
      recipe.push(`value of '${m.entries[e][0]}' -> ${short(v)}`);
    } else if (r === 4 && target.t === 'map') {
      const k = rng.chance(0.5) && target.entries.length ? target.entries[0][0] : rng.pick(HOSTILE_KEYS);
      target.entries.push([k, { t: 'raw', src: hostileScalar(rng) }]);
      recipe.push(`extra key ${k.slice(0, 30)}`);
    } else if (r === 5) {
      const b = bomb(rng);
      const containers = all.filter((x) => x.t === 'map' && x.entries.length) as Extract<YNode, { t: 'map' }>[];
      const m = rng.pick(containers);
      const e = rng.int(m.entries.length);
      m.entries[e] = [m.entries[e][0], { t: 'raw', src: b }];
      recipe.push(`alias bomb at '${m.entries[e][0]}'`);
    } else if (r === 6) {
      const containers = all.filter((x) => x.t === 'map' && x.entries.length) as Extract<YNode, { t: 'map' }>[];
      const m = rng.pick(containers);
      const e = rng.int(m.entries.length);
      m.entries[e] = [m.entries[e][0], { t: 'raw', src: deep(rng) }];
      recipe.push(`deep nesting at '${m.entries[e][0]}'`);
    } else if (r === 7) {
      const models = root.t === 'map' ? root.entries.find(([k]) => k === 'models')?.[1] : undefined;
      if (models?.t === 'seq') {
        const count = LIGHT ? 20 : rng.pick([50, 1000, 5000]);
        for (let j = 0; j < count; j++)
          models.items.push(
            map({ path: rng.pick(['m.onnx', 'sub/*.onnx', '"**"', '../x.onnx', '/etc/passwd', '"sub/../m.onnx"']), budgets: map({ params: '1' }) }),
          );
        recipe.push(`${count} more model entries`);
      }
    } else if (r === 8 && target.t === 'map') {
      const count = LIGHT ? 50 : rng.pick([100, 5000]);
      for (let j = 0; j < count; j++) target.entries.push([`k${j}`, { t: 'raw', src: String(j) }]);
      recipe.push(`${count} extra keys`);
    } else if (target.t === 'map' && target.entries.length) {
      const e = rng.int(target.entries.length);
      const [k, v] = target.entries[e];
      const hk = rng.pick(['"' + k + '\\e[2J"', '"' + k + '\\n::error::x"', `${k}\u202E`, k.toUpperCase(), `&anc ${k}`, `!!str ${k}`]);
      target.entries[e] = [hk, v];
      recipe.push(`key '${k}' -> ${hk.slice(0, 30)}`);
    }
  }
  const out: string[] = [''];
  emit(root, '', out, '');
  let text = out.filter((l, i) => i > 0 || l).join('\n') + '\n';
  const tail = rng.int(12);
  if (tail === 0) {
    text = '\uFEFF' + text;
    recipe.push('BOM');
  } else if (tail === 1) {
    text += '---\nversion: 1\n';
    recipe.push('second document');
  } else if (tail === 2) {
    text = text.replace(/^ {2}/gm, '\t');
    recipe.push('tabs');
  } else if (tail === 3) {
    const at = rng.int(text.length);
    text = text.slice(0, at);
    recipe.push(`truncated at ${at}`);
  } else if (tail === 4) {
    const at = rng.int(text.length);
    text =
      text.slice(0, at) +
      rng.pick(['\u0000', '\x1b[2J', '\r', '\u0085', '\uD800', '\u2028', '\n::error::x\n', '%', '&', '*', '!', '|', '>', '{', '[']) +
      text.slice(at);
    recipe.push(`control char inserted at ${at}`);
  }
  return text;
}

function short(v: YNode): string {
  const s = v.t === 'raw' ? v.src : v.t === 'seq' ? `[${v.items.map(short).join(', ')}]` : `{${v.entries.map(([k, x]) => `${k}: ${short(x)}`).join(', ')}}`;
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export function budgetsCase(rng: Rng, seeds: SeedModel[]): FuzzCase {
  const recipe: string[] = [];
  const text = hostileBudgets(rng, recipe);
  const model = seeds[rng.int(Math.min(seeds.length, 4))];
  recipe.unshift(`model ${model.name}`);
  return {
    kind: 'budgets',
    main: 'budgets.yml',
    files: { 'budgets.yml': text, 'm.onnx': model.bytes, 'sub/a.onnx': model.bytes },
    argv: ['check', '--budgets', 'budgets.yml', '--format', rng.pick(['text', 'json', 'markdown'])],
    recipe,
  };
}

// ---------------------------------------------------------------------------------------------
// Hostile saved reports (compare, check --baseline): a real report with values replaced.

let seedReport: string | null = null;

/** `analyze --format json` of the smallest fixture, with a device, its path set to m.onnx. */
async function reportOf(seeds: SeedModel[]): Promise<string> {
  if (seedReport) return seedReport;
  const { main } = await import('../../src/cli/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'mb-fuzz-report-'));
  try {
    writeFileSync(join(dir, 'm.onnx'), seeds[0].bytes);
    let out = '';
    const code = main(['analyze', '--allow-outside-repo', join(dir, 'm.onnx'), '--allow-missing-weights', '--format', 'json', '--device', 'raspberry-pi-5'], {
      stdout: (t) => (out += t),
      stderr: () => {},
    });
    if (code !== 0) throw new Error(`fuzz: the seed report could not be made (exit ${code})`);
    const r = JSON.parse(out) as AnalyzeReport;
    r.models[0].path = 'm.onnx';
    seedReport = JSON.stringify(r, null, 1);
    return seedReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Call once before making cases (the report seed is computed by running the CLI). */
export async function prepare(seeds: SeedModel[]): Promise<void> {
  await reportOf(seeds);
}

const HOSTILE_JSON: unknown[] = [
  null,
  -1,
  0,
  -0.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1.5,
  '',
  'x',
  'NaN',
  '\n::error title=pwned::x\u001b[2J',
  true,
  false,
  [],
  {},
  [1, 2],
  { a: 1 },
  [null],
  [[[]]],
];

const DEEP = '@@fuzz-deep-array@@';

function mutateJson(rng: Rng, data: unknown, recipe: string[]): unknown {
  const spots: { parent: Record<string, unknown> | unknown[]; key: string | number; path: string }[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => (spots.push({ parent: v, key: i, path: `${path}[${i}]` }), walk(x, `${path}[${i}]`)));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        spots.push({ parent: v as Record<string, unknown>, key: k, path: `${path}.${k}` });
        walk(x, `${path}.${k}`);
      }
  };
  walk(data, '$');
  const n = rng.range(1, 4);
  for (let i = 0; i < n && spots.length; i++) {
    const s = rng.pick(spots);
    const r = rng.int(6);
    if (r === 0 && !Array.isArray(s.parent)) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the fuzzer deletes a random key of arbitrary JSON on purpose
      delete s.parent[s.key as string];
      recipe.push(`delete ${s.path}`);
    } else if (r === 1 && Array.isArray(s.parent)) {
      s.parent.push(structuredClone(s.parent[s.key as number]));
      recipe.push(`duplicate ${s.path}`);
    } else if (r === 2) {
      // A marker, replaced in the text (JSON.stringify itself would overflow its stack).
      const depth = LIGHT ? 200 : rng.pick([200, 5000, 50000]);
      (s.parent as Record<string | number, unknown>)[s.key] = `${DEEP}${depth}`;
      recipe.push(`${depth}-deep array at ${s.path}`);
    } else {
      const v = rng.pick(HOSTILE_JSON);
      (s.parent as Record<string | number, unknown>)[s.key] = structuredClone(v);
      recipe.push(`${s.path} = ${JSON.stringify(v)}`);
    }
  }
  return data;
}

const BASELINE_BUDGETS = `version: 1
devices: [raspberry-pi-5]
models:
  - path: m.onnx
    allow-missing-weights: true
    budgets:
      params: 100M
      latency: { raspberry-pi-5: 1s }
      max-increase: { params: 5%, gflops: 1%, latency: 10% }
`;

function reportCase(rng: Rng, seeds: SeedModel[]): FuzzCase {
  const text = seedReport;
  if (!text) throw new Error('fuzz: call prepare(seeds) before making report cases');
  const recipe = ['seed report of ' + seeds[0].name];
  const mutated = JSON.stringify(mutateJson(rng, JSON.parse(text), recipe), null, 1).replace(
    new RegExp(`"${DEEP}(\\d+)"`, 'g'),
    (_, d) => '['.repeat(Number(d)) + ']'.repeat(Number(d)),
  );
  const model = seeds[0].bytes;
  if (rng.chance(0.5)) {
    const headMutated = rng.chance(0.5);
    recipe.push(`${headMutated ? 'head' : 'base'} mutated`);
    return {
      kind: 'report',
      main: headMutated ? 'head.json' : 'base.json',
      files: { 'base.json': headMutated ? text : mutated, 'head.json': headMutated ? mutated : text },
      argv: ['compare', 'base.json', 'head.json', '--format', rng.pick(['text', 'json'])],
      recipe,
    };
  }
  return {
    kind: 'report',
    main: 'base.json',
    files: { 'base.json': mutated, 'budgets.yml': BASELINE_BUDGETS, 'm.onnx': model },
    argv: ['check', '--budgets', 'budgets.yml', '--baseline', 'base.json', '--format', rng.pick(['text', 'json', 'markdown'])],
    recipe,
  };
}

export interface CaseOptions {
  /** Small hostile inputs only (no 5000-entry files, no 20000-deep nesting): the CI run. */
  light?: boolean;
}

export function makeCase(seed: number, index: number, seeds: SeedModel[], options: CaseOptions = {}): FuzzCase {
  const rng = new Rng(caseSeed(seed, index));
  LIGHT = options.light ?? false;
  try {
    const r = rng.next();
    return r < 0.5 ? modelCase(rng, seeds) : r < 0.8 ? budgetsCase(rng, seeds) : reportCase(rng, seeds);
  } finally {
    LIGHT = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Running cases: a pool of child processes; a case past its time limit is a hang. The limit is
// on the worker's CPU time where Linux's /proc tells it (a loaded machine slows the wall clock,
// not the work), with a wall-clock cap of 10x the limit; elsewhere it is wall-clock time.

const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export type Outcome = { kind: 'done'; reply: CaseReply } | { kind: 'hang'; ms: number } | { kind: 'crash'; detail: string };

interface Worker {
  proc: ChildProcess;
  dir: string;
  ready: Promise<void>;
  stderrTail: string;
}

export class Pool {
  private idle: Worker[] = [];
  private waiting: ((w: Worker) => void)[] = [];
  private all = new Set<Worker>();
  private nextId = 1;
  private made = 0;

  constructor(
    private readonly workDir: string,
    size: number,
    private readonly timeoutMs: number,
  ) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const dir = join(this.workDir, `w${this.made++}`);
    mkdirSync(dir, { recursive: true });
    const proc = fork(join(import.meta.dirname, 'child.ts'), [], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=1024'],
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const w: Worker = {
      proc,
      dir,
      stderrTail: '',
      ready: new Promise((resolve, reject) => {
        proc.once('message', () => resolve());
        proc.once('exit', (code) => reject(new Error(`fuzz worker exited before it was ready (${String(code)})`)));
      }),
    };
    w.ready.catch(() => {});
    proc.stderr!.on('data', (d: Buffer) => {
      w.stderrTail = (w.stderrTail + d.toString()).slice(-2000);
    });
    this.all.add(w);
    return w;
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  private replace(w: Worker): Worker {
    this.all.delete(w);
    w.proc.kill('SIGKILL');
    rmSync(w.dir, { recursive: true, force: true });
    return this.spawn();
  }

  async run(c: FuzzCase): Promise<Outcome> {
    let w = await this.acquire();
    try {
      await w.ready;
    } catch {
      w = this.replace(w);
      await w.ready;
    }
    rmSync(w.dir, { recursive: true, force: true });
    mkdirSync(w.dir, { recursive: true });
    for (const [name, content] of Object.entries(c.files)) {
      mkdirSync(join(w.dir, name, '..'), { recursive: true });
      writeFileSync(join(w.dir, name), content);
    }
    const id = this.nextId++;
    const start = performance.now();
    const outcome = await new Promise<Outcome>((resolve) => {
      const onMessage = (m: CaseReply) => {
        if (m.id !== id) return;
        cleanup();
        resolve({ kind: 'done', reply: m });
      };
      const onExit = (code: number | null, signal: string | null) => {
        cleanup();
        resolve({ kind: 'crash', detail: `worker died (${signal ?? `exit ${String(code)}`}): ${w.stderrTail.trim().split('\n').slice(-3).join(' | ')}` });
      };
      const cpu0 = cpuMs(w.proc.pid);
      const timer = setInterval(
        () => {
          const wall = performance.now() - start;
          const cpu = cpu0 === null ? null : cpuMs(w.proc.pid);
          const used = cpu === null || cpu0 === null ? wall : cpu - cpu0;
          if (used > this.timeoutMs || wall > 10 * this.timeoutMs) {
            cleanup();
            resolve({ kind: 'hang', ms: used });
          }
        },
        Math.min(250, this.timeoutMs),
      );
      const cleanup = () => {
        clearInterval(timer);
        w.proc.off('message', onMessage);
        w.proc.off('exit', onExit);
      };
      w.proc.on('message', onMessage);
      w.proc.once('exit', onExit);
      const req: CaseRequest = { id, argv: c.argv, cwd: w.dir };
      w.proc.send(req);
    });
    if (outcome.kind !== 'done') w = this.replace(w);
    this.release(w);
    return outcome;
  }

  close(): void {
    for (const w of this.all) {
      w.proc.kill('SIGKILL');
      rmSync(w.dir, { recursive: true, force: true });
    }
    this.all.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// Classifying an outcome

export type FindingClass = 'internal' | 'throw' | 'hang' | 'crash' | 'output' | 'json';

export interface Finding {
  cls: FindingClass;
  /** Stable across cases that hit the same bug: class, top frame in src/, first message line. */
  signature: string;
  detail: string;
  /** The topmost stack frame inside src/ (internal errors and throws). */
  frame?: string;
  /** Where the bug lives: the engine (src/formats/onnx, graph, ops, analysis) or elsewhere. */
  area: 'engine' | 'other';
}

// Bytes a log must never show: C0 controls but tab and LF (CR and ESC included), DEL, C1, bidi controls.
// eslint-disable-next-line no-control-regex -- these control characters are what a log must never show
const BAD_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const ENGINE = /src\/(onnx|graph|ops|analysis)\//;
const NEGATIVE_OK = new Set(['delta', 'percent']);

function topFrame(stack: string): string | undefined {
  for (const line of stack.split('\n')) {
    const m = /\b(src\/[\w/.-]+\.ts):(\d+)/.exec(line);
    if (m && /^\s*at /.test(line) && !m[1].startsWith('src/cli/main.ts')) {
      const fn = /^\s*at (?:new )?([\w.$<>[\] ]+?) \(/.exec(line)?.[1];
      return `${m[1]}:${m[2]}${fn ? ` (${fn})` : ''}`;
    }
  }
  return undefined;
}

function firstMessage(stack: string): string {
  const line = stack.split('\n').find((l) => l.trim() && !/internal error, please report/.test(l)) ?? '';
  return line.replace(/\d+/g, 'N').slice(0, 120);
}

/** Output lines a CI runner would act on, and control characters. */
export function outputProblem(text: string): string | null {
  for (const line of text.split('\n')) {
    if (line.replace(/^[\s\uFEFF]+/, '').startsWith('::')) return `a line starts with '::': ${JSON.stringify(line.slice(0, 80))}`;
    const bad = BAD_CHARS.exec(line);
    if (bad) return `control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} in output: ${JSON.stringify(line.slice(0, 80))}`;
  }
  return null;
}

/** Numbers in a JSON report: finite (no null where a total belongs), not negative but for changes. */
export function jsonProblem(text: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `JSON output does not parse: ${(e as Error).message}`;
  }
  let problem: string | null = null;
  const walk = (v: unknown, path: string, key: string) => {
    if (problem) return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) problem = `non-finite number at ${path}`;
      else if (v < 0 && !NEGATIVE_OK.has(key)) problem = `negative number ${v} at ${path}`;
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, key));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (key === 'totals' && !(x !== null && typeof x === 'object') && typeof x !== 'number') problem = `totals.${k} is ${JSON.stringify(x)} at ${path}`;
        walk(x, `${path}.${k}`, k);
      }
    }
  };
  walk(data, '$', '');
  return problem;
}

export function classify(c: FuzzCase, o: Outcome): Finding | null {
  const cmd = c.argv[0];
  if (o.kind === 'hang')
    return { cls: 'hang', signature: `hang:${cmd}`, detail: `no answer after ${Math.round(o.ms)} ms`, area: cmd === 'analyze' ? 'engine' : 'other' };
  if (o.kind === 'crash')
    return {
      cls: 'crash',
      signature: `crash:${cmd}:${o.detail.replace(/\d+/g, 'N').slice(0, 80)}`,
      detail: o.detail,
      area: cmd === 'analyze' ? 'engine' : 'other',
    };
  const r = o.reply;
  if (r.thrown !== undefined) {
    const frame = topFrame(r.thrown);
    return {
      cls: 'throw',
      signature: `throw:${frame ?? '?'}:${firstMessage(r.thrown)}`,
      detail: r.thrown,
      frame,
      area: frame && ENGINE.test(frame) ? 'engine' : 'other',
    };
  }
  if (r.code === 3 || r.code === null || ![0, 1, 2].includes(r.code)) {
    const frame = topFrame(r.stderr);
    const msg = firstMessage(r.stderr.split('\n').slice(1).join('\n'));
    return {
      cls: 'internal',
      signature: `internal:${frame ?? '?'}:${msg}`,
      detail: r.stderr.slice(0, 4000),
      frame,
      area: frame && ENGINE.test(frame) ? 'engine' : 'other',
    };
  }
  const out = outputProblem(r.stdout) ?? outputProblem(r.stderr);
  if (out) return { cls: 'output', signature: `output:${cmd}:${out.slice(0, 40)}`, detail: out, area: 'other' };
  const fmtAt = c.argv.indexOf('--format');
  // A report past the child's cap on what it keeps (MAX_OUT) is cut there: not whole, so not parsed.
  if (fmtAt >= 0 && c.argv[fmtAt + 1] === 'json' && r.code !== 2 && !r.stdoutCapped) {
    const j = jsonProblem(r.stdout);
    // One signature per kind of problem and top-level section (a negative count anywhere in a node is one bug).
    if (j)
      return {
        cls: 'json',
        signature: `json:${cmd}:${j
          .replace(/ at (\$(\.\w+)?(\.\w+|\[\d+\])?).*/, ' at $1')
          .replace(/\[\d+\]/g, '[]')
          .replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, 'N')}`,
        detail: j,
        area: 'other',
      };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Minimizing a finding: remove chunks (bytes of a model, lines of a budgets file) while the
// same signature reproduces, within a budget of runs.

export async function minimize(pool: Pool, c: FuzzCase, f: Finding, maxRuns = 150, maxMs = 90_000): Promise<FuzzCase> {
  const file = c.main;
  let runs = 0;
  const deadline = Date.now() + maxMs;
  // A hang costs a full time limit per try: only a few.
  if (f.cls === 'hang') maxRuns = Math.min(maxRuns, 8);
  const same = async (candidate: FuzzCase) => {
    runs++;
    if (Date.now() > deadline) runs = maxRuns;
    const o = await pool.run(candidate);
    const g = classify(candidate, o);
    return g !== null && g.signature === f.signature;
  };
  const withContent = (content: Uint8Array | string): FuzzCase => ({ ...c, files: { ...c.files, [file]: content } });
  if (typeof c.files[file] !== 'string') {
    let cur = c.files[file];
    let chunk = Math.max(1, Math.floor(cur.length / 2));
    while (chunk >= 1 && runs < maxRuns) {
      let progressed = false;
      for (let at = 0; at < cur.length && runs < maxRuns;) {
        const cand = new Uint8Array(cur.length - Math.min(chunk, cur.length - at));
        cand.set(cur.subarray(0, at));
        cand.set(cur.subarray(at + chunk), at);
        if (await same(withContent(cand))) {
          cur = cand;
          progressed = true;
        } else at += chunk;
      }
      if (!progressed) chunk = Math.floor(chunk / 2);
    }
    return withContent(cur);
  }
  let lines = c.files[file].split('\n');
  let chunk = Math.max(1, Math.floor(lines.length / 2));
  while (chunk >= 1 && runs < maxRuns) {
    let progressed = false;
    for (let at = 0; at < lines.length && runs < maxRuns;) {
      const cand = [...lines.slice(0, at), ...lines.slice(at + chunk)];
      if (await same(withContent(cand.join('\n')))) {
        lines = cand;
        progressed = true;
      } else at += chunk;
    }
    if (!progressed) chunk = Math.floor(chunk / 2);
  }
  const text = lines.join('\n');
  if (c.kind !== 'budgets') return withContent(text);
  // The models a budgets case does not name are left out.
  const files: FuzzCase['files'] = { [file]: text };
  for (const [k, v] of Object.entries(c.files)) if (k !== file && (text.includes(k) || text.includes('*'))) files[k] = v;
  const smaller = { ...c, files };
  return (await same(smaller)) ? smaller : withContent(text);
}

// ---------------------------------------------------------------------------------------------
// Regression cases on disk: test/fuzz/regressions/[engine/]<name>.case.json (what to run and
// expect) next to the case's own files, <name>.<file> (model.onnx, budgets.yml, base.json ...).

export const REGRESSIONS = join(ROOT, 'test', 'fuzz', 'regressions');

export interface RegressionSpec {
  kind: FuzzCase['kind'];
  main: string;
  /** The CLI arguments; file names are relative to the case's folder. */
  argv: string[];
  /** Files of the case: the main one sits next to this .json; others are copied from the repository. */
  files: Record<string, string>;
  expect: { exitCodes: number[]; cleanOutput: true };
  found: { class: FindingClass; signature: string; frame?: string; detail: string; seed?: number; index?: number; recipe: string[] };
}

export function writeRegression(name: string, c: FuzzCase, f: Finding, seeds: SeedModel[], origin: { seed?: number; index?: number }): string {
  const dir = f.area === 'engine' ? join(REGRESSIONS, 'engine') : REGRESSIONS;
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.files)) {
    const known =
      typeof v !== 'string' ? seeds.find((s) => s.bytes.length === v.length && Buffer.compare(Buffer.from(s.bytes), Buffer.from(v)) === 0) : undefined;
    if (known) files[k] = known.name;
    else {
      const own = `${name}.${k.replace(/[^\w.]/g, '_')}`;
      writeFileSync(join(dir, own), v);
      files[k] = own;
    }
  }
  const spec: RegressionSpec = {
    kind: c.kind,
    main: c.main,
    argv: c.argv,
    files,
    expect: { exitCodes: [0, 1, 2], cleanOutput: true },
    found: {
      class: f.cls,
      signature: f.signature,
      ...(f.frame ? { frame: f.frame } : {}),
      detail: f.detail
        .split(ROOT + '/')
        .join('./')
        .slice(0, 1500),
      ...origin,
      recipe: c.recipe,
    },
  };
  const path = join(dir, `${name}.case.json`);
  writeFileSync(path, JSON.stringify(spec, null, 2) + '\n');
  return path;
}

/** A committed regression case, loaded back as a case to run. */
export function loadRegression(jsonPath: string): { spec: RegressionSpec; c: FuzzCase } {
  const spec = JSON.parse(readFileSync(jsonPath, 'utf8')) as RegressionSpec;
  const dir = join(jsonPath, '..');
  const files: FuzzCase['files'] = {};
  for (const [k, src] of Object.entries(spec.files)) {
    const local = join(dir, src);
    files[k] = src.includes('/')
      ? new Uint8Array(readFileSync(join(ROOT, src)))
      : /\.(yml|json)$/.test(k)
        ? readFileSync(local, 'utf8')
        : new Uint8Array(readFileSync(local));
  }
  return { spec, c: { kind: spec.kind, main: spec.main, files, argv: spec.argv, recipe: spec.found.recipe } };
}

export function listRegressions(dir = REGRESSIONS): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.case.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

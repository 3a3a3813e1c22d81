/**
 * The TFLite schema code is generated (src/formats/tflite/schema_generated.ts and
 * schema_meta_generated.ts, by `npm run gen:tflite-schema` from the pinned schema.fbs) and
 * committed: it must be what the generator writes today. flatc comes from Debian's
 * flatbuffers-compiler (scripts/test.sh installs it); without it the flatc half skips, outside CI only.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT_META, OUT_TS, SCHEMA_FILE, generateMeta, generateTs, parseSchema, stripDeprecatedValues } from '../../../scripts/gen-tflite-schema.js';

const ROOT = join(__dirname, '..', '..', '..');

function hasFlatc(): boolean {
  try {
    execFileSync('flatc', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const flatc = hasFlatc();
if (!flatc && process.env.CI) throw new Error('flatc is missing in CI: install flatbuffers-compiler (scripts/test.sh does)');

describe('the pinned TFLite schema', () => {
  it('is the official schema.fbs at e142972d, byte for byte (no header added)', () => {
    const bytes = readFileSync(SCHEMA_FILE);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('3741d5b8e81686333055a0008d24527c879b2bb695e8763f3d203f3ff5914709');
    expect(readFileSync(join(ROOT, 'src/formats/tflite/README.md'), 'utf8')).toContain('e142972d4f4382f77faa8212b7c70b37d28b9cb9');
  });

  it('the generator strips exactly the (deprecated) enum and union values flatc 2.0.8 cannot parse', () => {
    const schema = readFileSync(SCHEMA_FILE, 'utf8');
    const stripped = stripDeprecatedValues(schema);
    const before = schema.split('\n');
    const after = stripped.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = before.map((l, i) => [l, after[i]]).filter(([a, b]) => a !== b);
    expect(changed).toEqual([
      ['  REDUCE_WINDOW = 205 (deprecated),', '  REDUCE_WINDOW = 205,'],
      ['  ReduceWindowOptions (deprecated),', '  ReduceWindowOptions,'],
    ]);
  });

  it('the schema data is fresh: run npm run gen:tflite-schema after changing the schema or the generator', () => {
    expect(readFileSync(OUT_META, 'utf8') === generateMeta(), `${OUT_META} is stale: run npm run gen:tflite-schema`).toBe(true);
    // Slots as flatc lays them out: a union takes two (type, value).
    const op = parseSchema(readFileSync(SCHEMA_FILE, 'utf8')).tables.Operator;
    expect(op.find((f) => f.name === 'builtin_options')?.slot).toBe(4);
    expect(op.find((f) => f.name === 'builtin_options_2')?.slot).toBe(12);
  });

  it.skipIf(!flatc)('the flatc code is fresh: run npm run gen:tflite-schema (needs flatc: apt-get install flatbuffers-compiler)', () => {
    const ts = generateTs();
    expect(ts).toContain('export class Model {');
    expect(readFileSync(OUT_TS, 'utf8') === ts, `${OUT_TS} is stale: run npm run gen:tflite-schema`).toBe(true);
  });

  it('flatbuffers is a devDependency: the CLI and the action read with their own checked reader, the writer is for tests', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(pkg.dependencies?.flatbuffers).toBeUndefined();
    expect(pkg.devDependencies?.flatbuffers).toMatch(/^\^25\./);
  });
});

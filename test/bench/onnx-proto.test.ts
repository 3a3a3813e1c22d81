/**
 * The bench's protobufjs baseline is generated code (scripts/proto/onnx-pb.js, from the
 * pinned scripts/proto/onnx.proto by `npm run gen:onnx-proto`), committed like dist/: it must be
 * what the generator writes today. protobufjs stays a devDependency (the bundles do not grow).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT_JS, PROTO_FILE, generateOnnxProto } from '../../scripts/gen-onnx-proto.js';

const ROOT = join(__dirname, '..', '..');

describe('the protobufjs baseline (scripts/proto)', () => {
  it('the generated code is fresh: run npm run gen:onnx-proto after changing the schema or protobufjs', async () => {
    const js = await generateOnnxProto();
    expect(js).toContain('ModelProto.decode = function');
    expect(readFileSync(OUT_JS, 'utf8') === js, `${OUT_JS} is stale: run npm run gen:onnx-proto`).toBe(true);
  });

  it('the schema is a pinned ONNX release that names the current element types', () => {
    const proto = readFileSync(PROTO_FILE, 'utf8');
    expect(proto).toMatch(/release tag v\d+\.\d+\.\d+\s*\n\/\/ \(commit [0-9a-f]{40}/);
    for (const name of ['FLOAT8E4M3FN', 'INT4', 'FLOAT4E2M1']) expect(proto).toMatch(new RegExp(`\\b${name} = \\d+;`));
  });

  it('protobufjs is a devDependency only', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(pkg.dependencies?.protobufjs).toBeUndefined();
    expect(pkg.devDependencies?.protobufjs).toBeDefined();
    expect(pkg.devDependencies?.['protobufjs-cli']).toBeDefined();
  });
});

/**
 * `npm run gen:onnx-proto`: regenerates the protobufjs baseline the bench decodes with,
 * scripts/proto/onnx-pb.js (static code, ES module), from the pinned scripts/proto/onnx.proto
 * with protobufjs-cli's pbjs. Decoding only (no encode, verify, convert, create: the bench times
 * `onnx.ModelProto.decode`). The output is committed; test/bench/onnx-proto.test.ts fails when it
 * is stale (like dist/). Its types, scripts/proto/onnx-pb.d.ts, are the few fields the bench
 * reads, written by hand (pbjs --dts runs jsdoc: seconds).
 *
 * protobufjs and protobufjs-cli are devDependencies: nothing here reaches the CLI or the action.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pbjs } from 'protobufjs-cli';

export const PROTO_DIR = join(dirname(fileURLToPath(import.meta.url)), 'proto');
export const PROTO_FILE = join(PROTO_DIR, 'onnx.proto');
export const OUT_JS = join(PROTO_DIR, 'onnx-pb.js');

const OPTIONS = [
  '--target',
  'static-module',
  '--wrap',
  'es6',
  '--no-create',
  '--no-encode',
  '--no-verify',
  '--no-convert',
  '--no-delimited',
  '--no-typeurl',
  '--no-service',
];

/** The generated code for the pinned schema. */
export async function generateOnnxProto(): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    pbjs.main([...OPTIONS, PROTO_FILE], (err, output) => {
      if (err) reject(err);
      else resolve(output ?? '');
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const js = await generateOnnxProto();
  writeFileSync(OUT_JS, js);
  console.log(`wrote ${OUT_JS} (${js.length} chars)`);
}

/**
 * schema/report.schema.json against real output: `analyze --format json` of models with
 * sequences, symbolic dims and latency, and `check --format json` with a baseline.
 */
import Ajv, { type SchemaObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as SchemaObject;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('schema/report.schema.json', () => {
  it('accepts analyze output (LSTM, GRU, a tiny GPT with symbolic dims, two devices)', () => {
    const models = ['examples/models/lstm-tagger.onnx', 'examples/models/tiny-gpt.onnx', 'test/fixtures/models/gru_classifier.onnx'].map((m) => join(ROOT, m));
    const r = runCli('analyze', ...models, '--allow-missing-weights', '--device', 't4,raspberry-pi-5', '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { models: { totals: Record<string, unknown> }[] };
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // And rejects a wrong type where it matters.
    report.models[0].totals.flops = '1';
    expect(validate(report)).toBe(false);
  });
});

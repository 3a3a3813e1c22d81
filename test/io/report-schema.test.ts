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

describe('schema/report.schema.json: phases', () => {
  it('accepts analyze output with phases, generate and a KV cache; rejects a phase without totals', async () => {
    const { decoder } = await import('../helpers/decoder.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'mb-schema-')), 'decoder.onnx');
    writeFileSync(file, decoder());
    const r = runCli(
      'analyze',
      file,
      '--phase',
      'prefill:sequence=16,past_sequence=0',
      '--generate',
      '16:3',
      '--device',
      't4',
      '--format',
      'json',
      '--allow-outside-repo',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { models: { phases: Record<string, Record<string, unknown>> }[] };
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    delete report.models[0].phases.generate.totals;
    expect(validate(report)).toBe(false);
  });
});

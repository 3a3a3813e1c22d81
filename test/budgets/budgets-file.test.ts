/**
 * The budgets file: error paths with their positions, the happy path, and the published JSON
 * Schema (validated with ajv, an independent implementation) against the parser. Units are in
 * units.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv, { type SchemaObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseBudgets } from '../../src/budgets/parse.js';

const ROOT = join(__dirname, '..', '..');

const file = 'budgets.yml';
const ok = (extra = '', budgets = '      params: 5M') => `version: 1
devices: [jetson-orin-nano]
${extra}models:
  - path: models/a.onnx
    budgets:
${budgets}
`;

function error(text: string): string {
  try {
    parseBudgets(text, file);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('parse errors name the file, line, column and key path', () => {
  it.each([
    ['invalid YAML', 'version: 1\nmodels: [\n', /^budgets.yml:3:1: invalid YAML: /],
    ['no version', 'models:\n  - path: a.onnx\n', "budgets.yml:1:1: missing 'version: 1'"],
    ['wrong version', 'version: 2\nmodels:\n  - path: a.onnx\n', 'budgets.yml:1:10: version: expected 1 (the only version this tool reads), got 2'],
    ['root not a mapping', '- a\n- b\n', 'budgets.yml:1:1: expected a budgets file (a mapping), got a list'],
    [
      'unknown root key',
      'version: 1\nmodel:\n  - path: a.onnx\n',
      "budgets.yml:2:1: model: unknown key; did you mean 'models'? (allowed: version, devices, custom-devices, fusion, defaults, models)",
    ],
    ['no models', 'version: 1\n', "budgets.yml:1:1: missing 'models': list the models to check"],
    ['empty models', 'version: 1\nmodels: []\n', 'budgets.yml:2:9: models: expected a non-empty list of models, got a list'],
    [
      'unknown budget key',
      ok('', '      parms: 5M'),
      "budgets.yml:6:7: models[0].budgets.parms: unknown key; did you mean 'params'? (allowed: params, gmacs, gflops, weights, peak-memory, memory-traffic, kv-cache, latency, tokens-per-second, time-to-first-token, max-increase)",
    ],
    [
      'malformed unit',
      ok('', '      weights: 20 MBs'),
      "budgets.yml:6:16: models[0].budgets.weights: expected a size like 20MB or 64MiB (B, kB, MB, GB, KiB, MiB, GiB), got '20 MBs'",
    ],
    ['negative budget', ok('', '      params: -5M'), "budgets.yml:6:15: models[0].budgets.params: expected a count like 5M or 1.2G, got '-5M'"],
    ['wrong type', ok('', '      params: [1, 2]'), 'budgets.yml:6:15: models[0].budgets.params: expected a value, got a list'],
    [
      'bad level',
      ok('', '      params: { max: 5M, level: fatal }'),
      "budgets.yml:6:33: models[0].budgets.params.level: expected one of error, warn, got 'fatal'",
    ],
    [
      'latency for a device not listed',
      ok('', '      latency: { raspberry-pi-5: 8ms }'),
      "budgets.yml:6:18: models[0].budgets.latency.raspberry-pi-5: device 'raspberry-pi-5' is not in this file's devices (jetson-orin-nano); add it to 'devices' or 'custom-devices'",
    ],
    [
      'latency without a unit',
      ok('', '      latency: { jetson-orin-nano: 8 }'),
      'budgets.yml:6:36: models[0].budgets.latency.jetson-orin-nano: expected a duration like 8ms or 1.2s (s, ms, us), got 8 with no unit',
    ],
    [
      'unknown device',
      'version: 1\ndevices: [jetson-orin-nan]\nmodels:\n  - path: a.onnx\n',
      "budgets.yml:2:11: devices[0]: unknown device 'jetson-orin-nan'; did you mean 'jetson-orin-nano' or 'jetson-orin-nano-super'? (`model-budget devices` lists the catalog; declare others under custom-devices)",
    ],
    [
      'model without path',
      'version: 1\nmodels:\n  - budgets: { params: 1M }\n',
      "budgets.yml:3:5: models[0]: a model needs 'path' (a file or a glob, relative to this file)",
    ],
    [
      'model listed twice',
      'version: 1\nmodels:\n  - path: a.onnx\n  - path: a.onnx\n',
      "budgets.yml:4:11: models[1].path: 'a.onnx' is already listed as models[0]",
    ],
    [
      'bad dims',
      'version: 1\nmodels:\n  - path: a.onnx\n    dims: { batch: -1 }\n',
      'budgets.yml:4:20: models[0].dims.batch: expected a whole number from 0 to 2^31, got -1',
    ],
    [
      'bad precision',
      'version: 1\nmodels:\n  - path: a.onnx\n    precision: fp17\n',
      "budgets.yml:4:16: models[0].precision: expected one of fp64, fp32, tf32, fp16, bf16, fp8, int8, int4, got 'fp17'; did you mean 'fp16'?",
    ],
    [
      'duplicate custom device',
      'version: 1\ncustom-devices:\n  - { id: x, class: npu, peak: { fp16: 1 TFLOPS }, bandwidth: 1 GB/s }\n  - { id: x, class: npu, peak: { fp16: 1 TFLOPS }, bandwidth: 1 GB/s }\nmodels:\n  - path: a.onnx\n',
      "budgets.yml:4:5: custom-devices[1].id: device 'x' is declared twice",
    ],
    [
      'custom device named like a catalog one',
      'version: 1\ncustom-devices:\n  - { id: t4, class: npu, peak: { fp16: 1 TFLOPS }, bandwidth: 1 GB/s }\nmodels:\n  - path: a.onnx\n',
      "budgets.yml:3:11: custom-devices[0].id: 't4' is a catalog device; give your device another id",
    ],
    [
      'custom device without a peak',
      'version: 1\ncustom-devices:\n  - { id: x, class: npu, bandwidth: 1 GB/s }\nmodels:\n  - path: a.onnx\n',
      "budgets.yml:3:5: custom-devices[0]: a custom device needs 'peak' (per precision, like { fp16: 10 TFLOPS }), 'derivation' or 'like'",
    ],
    [
      'custom device without bandwidth',
      'version: 1\ncustom-devices:\n  - { id: x, class: npu, peak: { fp16: 1 TFLOPS } }\nmodels:\n  - path: a.onnx\n',
      "budgets.yml:3:5: custom-devices[0]: a custom device needs 'bandwidth' (like 34 GB/s) or 'like'",
    ],
    ['duplicate key', 'version: 1\nversion: 1\nmodels:\n  - path: a.onnx\n', /^budgets.yml:2:1: invalid YAML: Map keys must be unique/],
  ])('%s', (_, text, expected) => {
    const message = error(text);
    if (expected instanceof RegExp) expect(message).toMatch(expected);
    else expect(message).toBe(expected);
  });
});

describe('parsed values', () => {
  it('models inherit defaults and keep each budget with its level and line', () => {
    const cfg = parseBudgets(
      `version: 1
devices: [jetson-orin-nano]
defaults:
  dims: { batch: 2 }
  level: warn
  min-change: 1%
models:
  - path: a.onnx
    dims: { sequence: 64 }
    budgets:
      params: 5M
      gmacs: 1.2
      latency: { jetson-orin-nano: { max: 8ms, level: error } }
      max-increase: { params: 2%, weights: 1MB }
`,
      file,
    );
    const m = cfg.models[0];
    expect(m.dims).toEqual({ batch: 2, sequence: 64 });
    expect(m.level).toBe('warn');
    expect(m.minChange).toBe(1);
    expect(m.budgets).toEqual([
      { metric: 'params', max: 5e6, level: 'warn', at: { line: 11, column: 15 } },
      { metric: 'gmacs', max: 1.2, level: 'warn', at: { line: 12, column: 14 } },
      { metric: 'latency', device: 'jetson-orin-nano', max: 8, level: 'error', at: { line: 13, column: 36 } },
    ]);
    expect(m.maxIncrease).toEqual([
      { metric: 'params', percent: 2, level: 'warn', at: { line: 14, column: 31 } },
      { metric: 'weights', absolute: 1e6, level: 'warn', at: { line: 14, column: 44 } },
    ]);
  });

  it('a custom device by derivation: peak = chips x clock x cores x FLOPs per cycle', () => {
    const cfg = parseBudgets(
      `version: 1
custom-devices:
  - id: my-npu
    class: npu
    derivation: { chips: 2, cores: 512, clock: 800 MHz, flops-per-cycle: { int8: 32, fp16: 8 } }
    bandwidth: 25.6 GB/s
    compute-efficiency: 70%
    kernel-overhead: 12us
models:
  - path: a.onnx
`,
      file,
    );
    const d = cfg.customDevices[0];
    expect(cfg.devices).toEqual(['my-npu']);
    expect(d.device.peak.int8?.value).toBeCloseTo(2 * 0.8e9 * 512 * 32, 0);
    expect(d.device.peak.fp16?.value).toBeCloseTo(2 * 0.8e9 * 512 * 8, 0);
    expect(d.device.bandwidth.value).toBe(25.6e9);
    expect(d.overrides).toEqual({ computeEfficiency: 0.7, kernelOverhead: 12e-6 });
  });
});

describe('the published JSON Schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'budgets.schema.json'), 'utf8')) as SchemaObject;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const example = readFileSync(join(ROOT, 'budgets.example.yml'), 'utf8');

  it("is what scripts/gen-schema.ts writes from the parser's keys", () => {
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'gen-schema.ts'), '--check'], { cwd: ROOT });
  });

  it('accepts budgets.example.yml, which the parser accepts too', () => {
    expect(validate(parseYaml(example)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseBudgets(example, 'budgets.example.yml').models.length).toBeGreaterThan(0);
  });

  it('rejects what the parser rejects: unknown keys, bad units, bad levels', () => {
    for (const bad of [
      ok('', '      parms: 5M'),
      ok('', '      weights: 20 MBs'),
      ok('', '      params: { max: 5M, level: fatal }'),
      'version: 2\nmodels:\n  - path: a.onnx\n',
    ]) {
      expect(validate(parseYaml(bad))).toBe(false);
      expect(() => parseBudgets(bad, file)).toThrow();
    }
  });

  it('names the schema in budgets.example.yml for editors', () => {
    expect(example.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema/budgets.schema.json');
  });
});

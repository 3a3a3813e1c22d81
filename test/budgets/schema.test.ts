/**
 * The published JSON Schema against the parser: the same keys at every level (so the two
 * cannot drift), a description on every property, closed mappings, and unit patterns that
 * accept what src/budgets/units.ts accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS, PRECISIONS, parseBudgets } from '../../src/budgets/parse.js';
import { FUSIONS, OP_CLASSES } from '../../src/devices/op-class.js';
import { parseBandwidth, parseBytes, parseClockGHz, parseCount, parseDurationMs, parsePercent, parseRate } from '../../src/budgets/units.js';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   this file walks an arbitrary JSON Schema document; `S` is deliberately any-valued. */
type S = Record<string, any>;
const ROOT = join(__dirname, '..', '..');
const schema: S = JSON.parse(readFileSync(join(ROOT, 'schema', 'budgets.schema.json'), 'utf8'));

const keys = (s: S) => Object.keys(s.properties ?? {}).sort();
const sorted = (k: readonly string[]) => [...k].sort();
/** The object branch of a `value | { max, level }` limit. */
const objectBranch = (s: S): S => (s.oneOf ?? s.anyOf ?? []).find((b: S) => b.type === 'object');

const model = schema.properties.models.items;
const budgets = model.properties.budgets;
const custom = schema.properties['custom-devices'].items;

describe("the schema has the parser's keys", () => {
  it('at every level', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(keys(schema)).toEqual(sorted(KEYS.root));
    expect(keys(schema.properties.defaults)).toEqual(sorted(KEYS.defaults));
    expect(keys(model)).toEqual(sorted(KEYS.model));
    expect(keys(budgets)).toEqual(sorted(KEYS.budgets));
    expect(keys(objectBranch(budgets.properties.params))).toEqual(sorted(KEYS.limit));
    expect(keys(custom)).toEqual(sorted(KEYS.customDevice));
    expect(keys(custom.properties.derivation)).toEqual(sorted(KEYS.derivation));
    expect(keys(custom.properties.cache)).toEqual(sorted(KEYS.cache));
    expect(keys(custom.properties.classes)).toEqual(sorted(OP_CLASSES));
    for (const c of OP_CLASSES) expect(keys(custom.properties.classes.properties[c]), c).toEqual(sorted(KEYS.opClass));
    expect(custom.properties.fusion.enum).toEqual([...FUSIONS]);
    expect(schema.properties.fusion.enum).toEqual([...FUSIONS]);
  });

  it('the devices file schema: custom-devices (the same entries) and version, nothing else', () => {
    const devices: S = JSON.parse(readFileSync(join(ROOT, 'schema', 'devices.schema.json'), 'utf8'));
    expect(keys(devices)).toEqual(sorted(KEYS.devicesFile));
    expect(devices.additionalProperties).toBe(false);
    expect(devices.required).toEqual(['custom-devices']);
    expect(devices.properties['custom-devices'].items).toEqual(custom);
  });

  it('every limit takes { max, level }', () => {
    for (const m of ['params', 'gmacs', 'gflops', 'weights', 'peak-memory', 'memory-traffic']) {
      expect(keys(objectBranch(budgets.properties[m])), m).toEqual(sorted(KEYS.limit));
    }
    const inc = budgets.properties['max-increase'];
    expect(keys(inc)).toEqual(sorted(KEYS.increase));
    expect(keys(objectBranch(budgets.properties['kv-cache']))).toEqual(sorted(KEYS.limit));
    expect(keys(objectBranch(budgets.properties['tokens-per-second'].additionalProperties))).toEqual(sorted(KEYS.floor));
    expect(keys(model.properties.generate)).toEqual(sorted(KEYS.generate));
    expect(keys(model.properties['kv-cache'])).toEqual(sorted(KEYS.kvCache));
  });

  it('precisions, levels, classes, version and required keys as the parser has them', () => {
    expect(schema.properties.version.const).toBe(1);
    expect(sorted(schema.required)).toEqual(['models', 'version']);
    expect(sorted(model.required)).toEqual(['path']);
    // bandwidth and a peak are required unless `like` names a catalog device (allOf / anyOf).
    expect(sorted(custom.required)).toEqual(['id']);
    expect(sorted(custom.properties.derivation.required)).toEqual(['clock', 'cores', 'flops-per-cycle']);
    expect(schema.properties.models.minItems).toBe(1);
    expect(model.properties.precision.enum).toEqual([...PRECISIONS]);
    expect(model.properties.level.enum).toEqual(['error', 'warn']);
    expect(keys(custom.properties.peak)).toEqual(sorted(PRECISIONS));
    expect(keys(custom.properties.derivation.properties['flops-per-cycle'])).toEqual(sorted(PRECISIONS));
    expect(custom.properties.class.enum).toEqual(['datacenter-gpu', 'consumer-gpu', 'edge-gpu', 'cpu', 'sbc-cpu', 'apple-soc', 'npu']);
  });

  it('a description on every property, and no key outside the listed ones in any mapping', () => {
    const missing: string[] = [];
    const open: string[] = [];
    const walk = (s: S, path: string) => {
      if (!s || typeof s !== 'object') return;
      if (s.properties) {
        if (s.additionalProperties !== false) open.push(path);
        for (const [k, v] of Object.entries<S>(s.properties)) {
          if (typeof v.description !== 'string' || !v.description) missing.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
      }
      for (const k of ['items', 'additionalProperties']) if (typeof s[k] === 'object') walk(s[k], `${path}[${k}]`);
      for (const k of ['oneOf', 'anyOf', 'allOf']) (s[k] ?? []).forEach((b: S, i: number) => walk(b, `${path}|${i}`));
    };
    walk(schema, '');
    expect(missing).toEqual([]);
    expect(open).toEqual([]);
  });
});

/** All string patterns in a property's schema (through oneOf / anyOf). */
function patterns(s: S): RegExp[] {
  const out: RegExp[] = [];
  const walk = (x: S) => {
    if (!x || typeof x !== 'object') return;
    if (typeof x.pattern === 'string') out.push(new RegExp(x.pattern, 'u'));
    for (const k of ['oneOf', 'anyOf']) (x[k] ?? []).forEach(walk);
  };
  walk(s);
  return out;
}

const accepts = (s: S, v: string) => patterns(s).some((p) => p.test(v));
const parses = (f: (v: unknown) => number, v: string) => {
  try {
    f(v);
    return true;
  } catch {
    return false;
  }
};

describe('unit patterns agree with units.ts', () => {
  const cases: [string, S, (v: unknown) => number, string[]][] = [
    [
      'count',
      budgets.properties.params,
      parseCount,
      ['5M', '1.2G', '950k', '950K', '3e9', '+5M', ' 2 T ', '.5M', '1P', '5 apples', '1.2.3M', '5MB', '-5M', 'M', ''],
    ],
    ['bytes', budgets.properties.weights, parseBytes, ['20MB', '64MiB', '512kB', '512KB', '4096B', '4096', '1.5 GB', '2TiB', '20mb', '20M', '-1MB']],
    [
      'duration',
      objectBranch(budgets.properties.params) && budgets.properties.latency.additionalProperties,
      parseDurationMs,
      ['8ms', '1.2s', '500us', '500µs', '10ns', '8', '8 min', 'ms'],
    ],
    ['percent', model.properties['min-change'], parsePercent, ['5%', '+5%', '0.5%', ' 5 % ', '5', '-5%', '5 pct']],
    [
      'rate',
      custom.properties.peak.properties.int8,
      parseRate,
      ['20 TOPS', '10 TFLOPS', '900 GFLOPS', '5 MOPS', '1 POPS', '100 OPS', '+20 TOPS', '20 tops', '20 T'],
    ],
    [
      'bandwidth',
      custom.properties.bandwidth,
      parseBandwidth,
      ['34 GB/s', '1.2 TB/s', '500 MB/s', '800 kB/s', '16 GiB/s', '34 GB', '34 Gb/s', '34 KB/s', '+34 GB/s'],
    ],
    ['clock', custom.properties.derivation.properties.clock, parseClockGHz, ['1.2 GHz', '900 MHz', '2GHz', '1.2', '1.2 ghz', '1200 kHz', '+1 GHz']],
  ];
  for (const [name, s, parse, samples] of cases) {
    it(name, () => {
      expect(patterns(s).length, `${name} has a pattern`).toBeGreaterThan(0);
      const disagree = samples
        .filter((v) => accepts(s, v) !== parses(parse, v))
        .map((v) => `'${v}': schema ${String(accepts(s, v))}, parser ${String(parses(parse, v))}`);
      expect(disagree).toEqual([]);
    });
  }
});

describe('budgets.example.yml', () => {
  const text = readFileSync(join(ROOT, 'budgets.example.yml'), 'utf8');
  it('names the schema for editors and parses', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema/budgets.schema.json');
    const cfg = parseBudgets(text, 'budgets.example.yml');
    expect(cfg.devices).toEqual(['jetson-orin-nano', 'raspberry-pi-5', 'edge-npu']);
    expect(cfg.models.map((m) => m.path)).toEqual(['examples/models/tiny-gpt.onnx', 'examples/models/lstm-*.onnx']);
    // edge-npu: 1 chip x 1.0 GHz x 512 cores x 32 int8 ops per cycle.
    expect(cfg.customDevices[0].device.peak.int8!.value).toBeCloseTo(1 * 1e9 * 512 * 32, 0);
  });
});

describe('max-increase patterns agree with the parser', () => {
  const inc = budgets.properties['max-increase'].properties;
  /** Whether parseBudgets accepts `value` as the allowed increase of `metric` (quoted: a string). */
  const parserAccepts = (metric: string, value: string) => {
    try {
      parseBudgets(`version: 1\nmodels:\n  - path: a.onnx\n    budgets:\n      max-increase: { ${metric}: '${value}' }\n`, 'b.yml');
      return true;
    } catch {
      return false;
    }
  };
  const cases: [string, string[]][] = [
    ['params', ['2', '+2', '2%', '+2%', '+100k', '100k', '1M', '5MB', '-2', '+-2', '']],
    ['gmacs', ['0.5', '+0.5', '+500M', '500M', '10%']],
    ['weights', ['5', '+5', '+5MB', '5MB', '64MiB', '5M', '2%']],
    ['latency', ['2', '+2', '+2ms', '2ms', '10%']],
  ];
  for (const [metric, samples] of cases) {
    it(metric, () => {
      const disagree = samples
        .filter((v) => accepts(inc[metric], v) !== parserAccepts(metric, v))
        .map((v) => `'${v}': schema ${String(accepts(inc[metric], v))}, parser ${String(parserAccepts(metric, v))}`);
      expect(disagree).toEqual([]);
    });
  }
});

describe('the schema on LLM phases', () => {
  it("accepts the issue's example and generate; refuses a floor written with max and a reserved phase name", async () => {
    const { default: Ajv } = await import('ajv');
    const { parse } = await import('yaml');
    const validate = new Ajv({ strict: false }).compile(schema);
    const file = (budgets: string, extra = '') =>
      parse(
        `version: 1\ndevices: [jetson-orin-nano]\nmodels:\n  - path: m.onnx\n    phases:\n      prefill: { batch: 1, sequence: 512, past_sequence: 0 }\n      decode: { batch: 1, sequence: 1, past_sequence: 511 }\n${extra}    budgets:\n${budgets}`,
      ) as unknown;
    const ok = file(
      '      kv-cache: 64MB\n      latency: { jetson-orin-nano: { prefill: 400ms, decode: 25ms } }\n      tokens-per-second: { jetson-orin-nano: 40 }\n      time-to-first-token: { jetson-orin-nano: { max: 500ms, level: warn } }\n      gmacs: { prefill: 300, decode: 1 }\n      max-increase: { gmacs: { decode: 5% }, kv-cache: +1MB }\n',
      '    generate: { prompt: 128, tokens: 20, past: past_sequence }\n    kv-cache: { past: [past_key_values.*], present: present.* }\n',
    );
    expect(validate(ok), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(
      parseBudgets(`version: 1\nmodels:\n  - path: a.onnx\n    generate: { prompt: 128, tokens: 20 }\n    budgets: { gmacs: { generate: 1 } }\n`, 'b.yml')
        .models[0].budgets[0],
    ).toMatchObject({ metric: 'gmacs', phase: 'generate' });
    expect(validate(file('      tokens-per-second: { jetson-orin-nano: { max: 40 } }\n'))).toBe(false);
    expect(validate(file('      params: 5M\n', '    generate: { prompt: 128 }\n'))).toBe(false);
    const reserved = parse('version: 1\nmodels:\n  - path: m.onnx\n    phases: { generate: { sequence: 1 } }\n') as unknown;
    expect(validate(reserved)).toBe(false);
  });
});

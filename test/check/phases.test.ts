/**
 * LLM phases end to end through `model-budget check` and `analyze`: per-phase budgets, the
 * kv-cache, tokens-per-second (a floor) and time-to-first-token metrics, the generate shorthand,
 * and the budgets-file errors with their positions. The model is a one-layer decoder with a KV
 * cache (test/helpers/decoder.ts); expected figures come from its architecture.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/run.js';
import type { AnalyzeReport } from '../../src/report/model-report.js';
import { runCli, runCli as run } from '../helpers/cli.js';
import { ARCH, decoder, decoderKvBytes, decoderMacs, decoderWeightBytes } from '../helpers/decoder.js';
import { mlp } from '../helpers/models.js';

const DEV = 'jetson-orin-nano';

function repo(budgets: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mb-phases-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'decoder.onnx'), decoder());
  // The names optimum / transformers.js exports use (found without a kv-cache key).
  writeFileSync(
    join(dir, 'models', 'hf.onnx'),
    decoder({ pastKey: 'past_key_values.0.key', pastValue: 'past_key_values.0.value', presentKey: 'present.0.key', presentValue: 'present.0.value' }),
  );
  // Names no rule knows: only the budgets file's kv-cache finds the cache.
  writeFileSync(
    join(dir, 'models', 'odd.onnx'),
    decoder({ pastKey: 'cache_in_k', pastValue: 'cache_in_v', presentKey: 'cache_out_k', presentValue: 'cache_out_v', past: 'ctx' }),
  );
  writeFileSync(join(dir, 'models', 'mlp.onnx'), mlp(16));
  writeFileSync(join(dir, 'budgets.yml'), budgets);
  return dir;
}

const check = (dir: string, ...args: string[]) => runCli('check', '--budgets', join(dir, 'budgets.yml'), ...args);
const json = (dir: string, ...args: string[]) => {
  const r = check(dir, '--format', 'json', ...args);
  return { ...r, report: JSON.parse(r.stdout) as CheckReport };
};

/** prefill of 512 tokens with an empty cache, a decode step at 511 past: the issue's example. */
const PHASES = `    phases:
      prefill: { batch: 1, sequence: 512, past_sequence: 0 }
      decode: { batch: 1, sequence: 1, past_sequence: 511 }
`;
const G = 1e9;

describe('per-phase budgets', () => {
  it('each phase is analysed at its dims; a broken phase budget exits 1 naming the phase', () => {
    const prefill = decoderMacs(1, 512, 0) / G;
    const decode = decoderMacs(1, 1, 511) / G;
    const dir = repo(`version: 1
models:
  - path: models/decoder.onnx
${PHASES}    budgets:
      gmacs: { prefill: ${prefill * 1.01}, decode: ${decode * 0.99} }
`);
    const { code, report } = json(dir);
    expect(code).toBe(1);
    const head = report.head.models[0];
    expect(head.phases!.prefill.totals.macs).toBe(decoderMacs(1, 512, 0));
    expect(head.phases!.decode.totals.macs).toBe(decoderMacs(1, 1, 511));
    expect(head.phases!.prefill.dims).toMatchObject({ batch: 1, sequence: 512, past_sequence: 0 });
    expect(head.phases!.prefill.tokens).toBe(512);
    expect(head.phases!.decode.tokens).toBe(1);
    // Memory at a phase: weights + KV cache + the other activations (at least the weights and the cache).
    expect(head.phases!.decode.memoryBytes).toBeGreaterThanOrEqual(decoderWeightBytes() + decoderKvBytes(1, 1, 511));
    const rows = report.rows.filter((r) => r.metric === 'gmacs' && r.phase);
    expect(rows.map((r) => [r.phase, r.status])).toEqual([
      ['prefill', 'pass'],
      ['decode', 'fail'],
    ]);
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0]).toMatchObject({ metric: 'gmacs', phase: 'decode', level: 'error', at: { line: 8 } });
    expect(report.violations[0].message).toMatch(/^GMACs at decode of models\/decoder\.onnx is .*, over its budget of/);
    // The text table labels the phase rows.
    const text = check(dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/GMACs @decode/);
    expect(text.stdout).toMatch(/budgets\.yml:8:\d+: error: GMACs at decode/);
  });

  it('latency per device and phase; tokens-per-second is a floor at decode; time-to-first-token is the prefill', () => {
    const dir = repo(`version: 1
devices: [${DEV}]
models:
  - path: models/decoder.onnx
${PHASES}    budgets:
      latency: { ${DEV}: { prefill: 10s, decode: 10s } }
      tokens-per-second: { ${DEV}: 1000000000 }
      time-to-first-token: { ${DEV}: 10s }
`);
    const { code, report } = json(dir);
    expect(code).toBe(1);
    const phases = report.head.models[0].phases!;
    const decodeMs = phases.decode.latency![DEV].ms;
    const prefillMs = phases.prefill.latency![DEV].ms;
    expect(decodeMs).toBeGreaterThan(0);
    const row = (metric: string, phase?: string) => report.rows.find((r) => r.metric === metric && r.phase === phase && r.device === DEV)!;
    // tokens / s = batch x 1000 / the decode step's ms.
    expect(row('tokens-per-second', 'decode').value).toBeCloseTo((1 * 1000) / decodeMs, 6);
    expect(row('tokens-per-second', 'decode')).toMatchObject({ status: 'fail', floor: true, budget: 1e9 });
    // A floor's share: the budget over the value (over 100% when below it).
    expect(row('tokens-per-second', 'decode').usedPercent).toBeCloseTo((100 * 1e9) / row('tokens-per-second', 'decode').value!, 3);
    expect(row('time-to-first-token', 'prefill').value).toBeCloseTo(prefillMs, 9);
    expect(row('time-to-first-token', 'prefill').status).toBe('pass');
    expect(row('latency', 'prefill').status).toBe('pass');
    expect(row('latency', 'decode').status).toBe('pass');
    expect(report.violations.map((v) => [v.metric, v.phase])).toEqual([['tokens-per-second', 'decode']]);
    // The Markdown table (the PR comment's): the phase in the metric cell, a floor as ≥.
    const md = check(dir, '--format', 'markdown').stdout;
    expect(md).toMatch(
      /\| tokens-per-second\s`jetson\u2011orin\u2011nano`\sat\sdecode \| – \| [0-9.]+[kMG]?\stok\/s \| {2}\| ≥\s1G\stok\/s \| [0-9]+% \| ❌\sabsolute \|/,
    );
    expect(md).toMatch(/\| time to first token\s`jetson\u2011orin\u2011nano`\sat\sprefill \|/);
    expect(report.violations[0].message).toMatch(
      /^tokens-per-second on jetson-orin-nano at decode of models\/decoder\.onnx is .* tok\/s, below its budget of 1G tok\/s$/,
    );
  });

  it('a tokens-per-second floor that holds passes; a time-to-first-token over budget fails', () => {
    const dir = repo(`version: 1
devices: [${DEV}]
models:
  - path: models/decoder.onnx
${PHASES}    budgets:
      tokens-per-second: { ${DEV}: { min: 1, level: error } }
      time-to-first-token: { ${DEV}: 1ns }
`);
    const { code, report } = json(dir);
    expect(code).toBe(1);
    expect(report.rows.find((r) => r.metric === 'tokens-per-second')!.status).toBe('pass');
    expect(report.violations.map((v) => [v.metric, v.phase])).toEqual([['time-to-first-token', 'prefill']]);
  });

  it('kv-cache: at the largest phase by default (decode here), or at the phase named', () => {
    const decodeKv = decoderKvBytes(1, 1, 1023);
    const prefillKv = decoderKvBytes(1, 512, 0);
    const phases = PHASES.replace('past_sequence: 511', 'past_sequence: 1023');
    const dir = repo(`version: 1
models:
  - path: models/decoder.onnx
${phases}    budgets:
      kv-cache: ${decodeKv - 1}
`);
    const { code, report } = json(dir);
    expect(code).toBe(1);
    expect(report.head.models[0].phases!.decode.totals.kvCacheBytes).toBe(decodeKv);
    expect(report.head.models[0].phases!.prefill.totals.kvCacheBytes).toBe(prefillKv);
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0]).toMatchObject({ metric: 'kv-cache', phase: 'decode' });
    expect(report.violations[0].message).toMatch(/^KV cache at decode of models\/decoder\.onnx is 131 kB, over its budget of/);

    writeFileSync(
      join(dir, 'budgets.yml'),
      `version: 1\nmodels:\n  - path: models/decoder.onnx\n${phases}    budgets:\n      kv-cache: { prefill: ${prefillKv} }\n`,
    );
    expect(check(dir).code).toBe(0);
  });

  it('a per-phase allowed increase compares the baseline phase of the same name', () => {
    const dir = repo(`version: 1
models:
  - path: models/decoder.onnx
${PHASES}    budgets:
      max-increase: { gmacs: { decode: 5% }, kv-cache: { decode: +1MB } }
`);
    // The baseline: the same model with its decode step at a shorter context (100 past).
    const base = runCli(
      'analyze',
      join(dir, 'models', 'decoder.onnx'),
      '--phase',
      'decode:batch=1,sequence=1,past_sequence=100',
      '--format',
      'json',
      '--allow-outside-repo',
    );
    expect(base.code).toBe(0);
    const report = JSON.parse(base.stdout) as AnalyzeReport;
    report.models[0].path = 'models/decoder.onnx';
    writeFileSync(join(dir, 'base.json'), JSON.stringify(report));
    const { code, report: out } = json(dir, '--baseline', join(dir, 'base.json'));
    expect(code).toBe(1);
    const row = out.rows.find((r) => r.metric === 'gmacs' && r.phase === 'decode')!;
    expect(row.base! * G).toBeCloseTo(decoderMacs(1, 1, 100), 0);
    expect(row.value! * G).toBeCloseTo(decoderMacs(1, 1, 511), 0);
    expect(out.violations.map((v) => [v.metric, v.phase, v.kind])).toEqual([['gmacs', 'decode', 'relative']]);
  });
});

describe('generate', () => {
  /** Σ over the prefill (P tokens, empty cache) and N-1 decode steps at past P, P+1, ... */
  const generateMacs = (batch: number, prompt: number, tokens: number) => {
    let macs = decoderMacs(batch, prompt, 0);
    for (let i = 0; i < tokens - 1; i++) macs += decoderMacs(batch, 1, prompt + i);
    return macs;
  };

  it('prefill plus each decode step at its growing context; tokens-per-second and time-to-first-token read it', () => {
    const dir = repo(`version: 1
devices: [${DEV}]
models:
  - path: models/decoder.onnx
    dims: { batch: 2 }
    generate: { prompt: 32, tokens: 8 }
    budgets:
      tokens-per-second: { ${DEV}: 1 }
      time-to-first-token: { ${DEV}: 1ns }
      gmacs: { generate: ${generateMacs(2, 32, 8) / G} }
`);
    const { code, report } = json(dir);
    const g = report.head.models[0].phases!.generate;
    expect(g.generate).toEqual({ prompt: 32, tokens: 8, decodeSteps: 7 });
    expect(g.totals.macs).toBe(generateMacs(2, 32, 8));
    // The cache the last step leaves: past 32 + 6, one new token.
    expect(g.totals.kvCacheBytes).toBe(decoderKvBytes(2, 1, 32 + 6));
    expect(g.tokens).toBe(2 * 32 + 2 * 7);
    const l = g.latency![DEV];
    expect(l.timeToFirstTokenMs).toBeGreaterThan(0);
    // batch x decode steps over the decode time (end to end minus the prefill).
    expect(l.tokensPerSecond).toBeCloseTo((2 * 7 * 1000) / (l.ms - l.timeToFirstTokenMs!), 6);
    expect(report.rows.find((r) => r.metric === 'tokens-per-second')).toMatchObject({ phase: 'generate', status: 'pass' });
    expect(report.rows.find((r) => r.metric === 'gmacs' && r.phase === 'generate')!.status).toBe('pass');
    expect(code).toBe(1);
    expect(report.violations.map((v) => [v.metric, v.phase])).toEqual([['time-to-first-token', 'generate']]);
  });

  it('analyze --generate: many steps are sampled, the others interpolated (exact for costs linear in the context)', () => {
    const dir = repo('version: 1\nmodels: [{ path: models/decoder.onnx }]\n');
    const r = runCli('analyze', join(dir, 'models', 'decoder.onnx'), '--generate', '16:300', '--format', 'json', '--allow-outside-repo');
    expect(r.stderr).toBe('');
    const g = (JSON.parse(r.stdout) as AnalyzeReport).models[0].phases!.generate;
    expect(g.generate!.decodeSteps).toBe(299);
    expect(g.totals.macs).toBeCloseTo(generateMacs(1, 16, 300), 3);
  });

  it('the dim roles are found from the graph, or named; a model without a cache is an error at generate', () => {
    const dir = repo(`version: 1
models:
  - path: models/odd.onnx
    generate: { prompt: 4, tokens: 2 }
    kv-cache: { past: [cache_in_*], present: [cache_out_*] }
    budgets:
      kv-cache: ${decoderKvBytes(1, 1, 4)}
`);
    const { code, report } = json(dir);
    expect(code).toBe(0);
    const m = report.head.models[0];
    expect(m.kvCache).toMatchObject({ past: ['cache_in_k', 'cache_in_v'], present: ['cache_out_k', 'cache_out_v'], found: 'config', pastDims: ['ctx'] });
    expect(m.phases!.generate.totals.macs).toBe(decoderMacs(1, 4, 0) + decoderMacs(1, 1, 4));
    // The attention mask's length is past + sequence at each step.
    expect(m.phases!.generate.dims).toMatchObject({ sequence: 4, ctx: 0, total_sequence: 4 });

    // A kv-cache name that matches nothing in the model: an error at its key, naming the model.
    writeFileSync(join(dir, 'budgets.yml'), 'version: 1\nmodels:\n  - path: models/odd.onnx\n    kv-cache: { past: [cache_in_*, nope_*] }\n');
    const none = check(dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /budgets\.yml:4:15: models\[0\]\.kv-cache\.past\[1\]: kv-cache past 'nope_\*' matches no graph input of the model \('models\/odd\.onnx'\)/,
    );

    writeFileSync(join(dir, 'budgets.yml'), 'version: 1\nmodels:\n  - path: models/mlp.onnx\n    generate: { prompt: 4, tokens: 2 }\n');
    const bad = check(dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /budgets\.yml:4:15: models\[0\]\.generate: 'models\/mlp\.onnx': cannot tell which dim is the sequence \(new tokens\): no graph input is token ids/,
    );
  });
});

describe('the KV cache by the names exporters use', () => {
  it('past_key_values.N.key / present.N.key: found without a kv-cache key; JSON gets totals.kvCacheBytes', () => {
    const dir = repo(`version: 1
models:
  - path: models/hf.onnx
    dims: { batch: 4, sequence: 1, past_sequence: 127 }
    budgets:
      kv-cache: 1kB
`);
    const { code, report } = json(dir);
    const m = report.head.models[0];
    expect(m.kvCache).toMatchObject({ past: ['past_key_values.0.key', 'past_key_values.0.value'], present: ['present.0.key', 'present.0.value'] });
    expect(m.totals.kvCacheBytes).toBe(decoderKvBytes(4, 1, 127));
    expect(code).toBe(1);
    expect(report.violations[0]).toMatchObject({ metric: 'kv-cache' });
    expect(report.violations[0].phase).toBeUndefined();
  });
});

describe('a kv-cache budget on a model without a cache', () => {
  it('fails and says how to name the cache', () => {
    const dir = repo('version: 1\nmodels:\n  - path: models/mlp.onnx\n    budgets:\n      kv-cache: 1MB\n');
    const { code, report } = json(dir);
    expect(code).toBe(1);
    expect(report.violations[0].message).toBe(
      "KV cache could not be computed for models/mlp.onnx: no KV cache was recognised (name it with the model's kv-cache: { past: [...], present: [...] })",
    );
  });
});

describe('budgets-file errors about phases, with positions', () => {
  const errors = (budgets: string) => {
    const r = check(repo(budgets));
    expect(r.code).toBe(2);
    return r.stderr.trim().split('\n');
  };

  it('unknown phase name, per-phase budget without phases, tokens-per-second without decode or generate', () => {
    expect(
      errors(`version: 1
devices: [${DEV}]
models:
  - path: models/decoder.onnx
${PHASES}    budgets:
      gmacs: { prefil: 1 }
  - path: models/hf.onnx
    budgets:
      latency: { ${DEV}: { decode: 5ms } }
      tokens-per-second: { ${DEV}: 40 }
`),
    ).toEqual([
      'model-budget: 3 problems in budgets.yml:',
      "model-budget: budgets.yml:9:16: models[0].budgets.gmacs.prefil: unknown phase 'prefil'; did you mean 'prefill'? (this model's phases: prefill, decode)",
      `model-budget: budgets.yml:12:38: models[1].budgets.latency.${DEV}.decode: a per-phase budget needs phases: this model has no 'phases' or 'generate' (write { max: ... } for a limit as a mapping)`,
      "model-budget: budgets.yml:13:7: models[1].budgets.tokens-per-second: tokens-per-second is decode tokens / decode latency: this model needs a 'decode' phase (under 'phases') or 'generate: { prompt, tokens }'",
    ]);
  });

  it('bad values: a negative phase dim, a reserved phase name, generate without tokens, a zero prompt, a floor written with max', () => {
    expect(
      errors(`version: 1
devices: [${DEV}]
models:
  - path: models/decoder.onnx
    phases:
      prefill: { sequence: -1 }
      generate: { sequence: 1 }
    generate: { prompt: 0 }
    budgets:
      tokens-per-second: { ${DEV}: { max: 40 } }
`),
    ).toEqual([
      'model-budget: 5 problems in budgets.yml:',
      'model-budget: budgets.yml:6:28: models[0].phases.prefill.sequence: expected a whole number from 0 to 2^31, got -1',
      "model-budget: budgets.yml:7:7: models[0].phases.generate: 'generate' is the phase the generate shorthand adds: write it as the model's 'generate: { prompt, tokens }'",
      "model-budget: budgets.yml:8:15: models[0].generate: generate needs 'tokens' (the tokens to generate, like 20)",
      'model-budget: budgets.yml:8:25: models[0].generate.prompt: expected a whole number from 1 to 2147483648, got 0',
      `model-budget: budgets.yml:10:48: models[0].budgets.tokens-per-second.${DEV}.max: unknown key; did you mean 'min'? (allowed: min, level)`,
    ]);
  });

  it('a phase dim that matches no symbol of the model (the --dims message), at its key', () => {
    const r = check(
      repo(`version: 1
models:
  - path: models/decoder.onnx
    phases:
      decode: { sequence: 1, past_sequenc: 511 }
`),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "model-budget: budgets.yml:5:30: models[0].phases.decode.past_sequenc: 'past_sequenc' is not a symbolic dim of 'models/decoder.onnx'; did you mean 'past_sequence'?\n",
    );
  });
});

describe('analyze --phase / --generate', () => {
  it('phases without a budgets file, dims of 0 included', () => {
    const dir = repo('version: 1\nmodels: [{ path: models/decoder.onnx }]\n');
    const r = runCli(
      'analyze',
      join(dir, 'models', 'decoder.onnx'),
      '--dims',
      'batch=8',
      '--phase',
      'prefill:sequence=128,past_sequence=0',
      '--phase',
      'decode:sequence=1,past_sequence=2047',
      '--generate',
      '128:4',
      '--device',
      DEV,
      '--format',
      'json',
      '--allow-outside-repo',
    );
    expect(r.stderr).toBe('');
    const m = (JSON.parse(r.stdout) as AnalyzeReport).models[0];
    expect(Object.keys(m.phases!)).toEqual(['prefill', 'decode', 'generate']);
    expect(m.phases!.prefill.totals.macs).toBe(decoderMacs(8, 128, 0));
    expect(m.phases!.decode.totals.macs).toBe(decoderMacs(8, 1, 2047));
    expect(m.phases!.decode.totals.kvCacheBytes).toBe(decoderKvBytes(8, 1, 2047));
    expect(m.phases!.decode.tokens).toBe(8);
    expect(m.phases!.decode.latency![DEV].tokensPerSecond).toBeCloseTo((8 * 1000) / m.phases!.decode.latency![DEV].ms, 6);
    expect(m.phases!.prefill.latency![DEV].timeToFirstTokenMs).toBe(m.phases!.prefill.latency![DEV].ms);
    // Per op class: the matmuls' MACs (Q, K, V, output projections and attention) are all gemm work.
    const classes = m.phases!.decode.byClass;
    const total = Object.values(classes).reduce((s, c) => s + c.macs, 0);
    expect(total).toBe(decoderMacs(8, 1, 2047));
    expect(ARCH.heads).toBe(2);
  });

  it('usage errors: a malformed --phase, an unknown dim, a malformed --generate, a model without a cache', () => {
    const dir = repo('version: 1\nmodels: [{ path: models/decoder.onnx }]\n');
    const model = join(dir, 'models', 'decoder.onnx');
    const runCli = (...a: string[]) => run(...a, '--allow-outside-repo');
    expect(runCli('analyze', model, '--phase', 'prefill').stderr).toMatch(/--phase: 'prefill' is not NAME:dim=value/);
    expect(runCli('analyze', model, '--phase', 'decode:past=3').stderr).toMatch(
      /--phase decode: 'past' is not a symbolic dim of .*decoder\.onnx'; did you mean 'past_sequence'\?/,
    );
    expect(runCli('analyze', model, '--generate', '128').stderr).toMatch(/--generate must be PROMPT:TOKENS/);
    const r = runCli('analyze', join(dir, 'models', 'mlp.onnx'), '--generate', '4:2');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--generate: .*mlp\.onnx': cannot tell which dim is the sequence/);
  });
});

/**
 * Writes schema/budgets.schema.json (JSON Schema draft-07, for editors through
 * yaml-language-server) from the keys the parser accepts (src/budgets/parse.ts KEYS), so the
 * two cannot drift: `npx tsx scripts/gen-schema.ts` rewrites it, `--check` fails if it is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CLASSES, KEYS, MAX_GENERATE, PRECISIONS } from '../src/budgets/parse.js';
import { FUSIONS, OP_CLASSES } from '../src/devices/op-class.js';
import { ON_INCOMPLETE } from '../src/budgets/types.js';

const N = '(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\\.[0-9]+(?:[eE][+-]?[0-9]+)?)';
const COUNT = `^\\s*\\+?${N}\\s*[kKMGTP]?\\s*$`;
// An allowed increase: a `+` or a unit (a bare number is ambiguous: a percentage or an amount?).
const INC_COUNT = `^\\s*(?:\\+${N}\\s*[kKMGTP]?|\\+?${N}\\s*[kKMGTP])\\s*$`;
const INC_BYTES = `^\\s*(?:\\+${N}\\s*(?:B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?|\\+?${N}\\s*(?:B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB))\\s*$`;
const BYTES = `^\\s*\\+?${N}\\s*(?:B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?\\s*$`;
const DURATION = `^\\s*\\+?${N}\\s*(?:s|ms|us|µs|ns)\\s*$`;
const PERCENT = `^\\s*\\+?${N}\\s*%\\s*$`;
const RATE = `^\\s*\\+?${N}\\s*(?:k|M|G|T|P)?(?:OPS|FLOPS)\\s*$`;
const BANDWIDTH = `^\\s*\\+?${N}\\s*(?:B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)/s\\s*$`;
const CLOCK = `^\\s*\\+?${N}\\s*(?:GHz|MHz)\\s*$`;

const num = (description: string) => ({ type: 'number', exclusiveMinimum: 0, description });
const pattern = (p: string, description: string, numbers = true) =>
  numbers
    ? {
        description,
        oneOf: [
          { type: 'string', pattern: p },
          { type: 'number', minimum: 0 },
        ],
      }
    : { type: 'string', pattern: p, description };
const level = { type: 'string', enum: ['error', 'warn'], description: '`error` fails the check when broken; `warn` only reports it.' };
const precision = {
  type: 'string',
  enum: PRECISIONS,
  description: "The precision the deployment runs at (fp32, fp16, bf16, int8, ...); default: each node's input dtypes.",
};
const dimsOf = () => ({
  type: 'object',
  additionalProperties: { type: 'integer', minimum: 0, maximum: 2 ** 31 },
});
const dims = {
  type: 'object',
  description: 'Values for symbolic dimensions, e.g. { batch: 1, sequence: 128 }. Dims not given are 1.',
  additionalProperties: { type: 'integer', minimum: 0, maximum: 2 ** 31 },
};
const onIncomplete = {
  type: 'string',
  enum: [...ON_INCOMPLETE],
  description:
    'When figures are lower bounds (nodes with unknown shapes): warn (default) or error says so, ignore says nothing, upper-bound checks each such budget against the static upper bound (an error where there is none).',
};
const minChange = pattern(PERCENT, 'Changes against the baseline smaller than this percentage are not reported as changes.', false);

/** `5M` or `{ max: 5M, level: warn }` (a ceiling); with `key` 'min', `40` or `{ min: 40, level: warn }` (a floor). */
function limit(valueSchema: object, description: string, key: 'max' | 'min' = 'max') {
  return {
    description,
    oneOf: [
      valueSchema,
      {
        type: 'object',
        additionalProperties: false,
        required: [key],
        properties: { [key]: valueSchema, level },
      },
    ],
  };
}

const PHASE = '^[A-Za-z0-9_-]+$';
/** Limit schemas a per-phase mapping refers to (one copy each, under the root's definitions). */
const definitions: Record<string, object> = {};
function phased(name: string, one: { description: string; oneOf: object[] }, description: string) {
  definitions[name] = one;
  return {
    description: `${description} One value, or one per phase ({ prefill: ..., decode: ... }: names of the model's phases, or generate).`,
    oneOf: [
      ...one.oneOf,
      {
        type: 'object',
        description: "Per phase: the model's phase names (or generate) to limits.",
        propertyNames: { pattern: PHASE, not: { enum: ['max', 'min', 'level'] } },
        additionalProperties: { $ref: `#/definitions/${name}` },
      },
    ],
  };
}
/** `40` or `{ min: 40, level: warn }`: a floor. */
const floorLimit = (valueSchema: object, description: string) => limit(valueSchema, description, 'min');
const perDevice = (name: string, one: { description: string; oneOf: object[] }, description: string) => ({
  type: 'object',
  description,
  additionalProperties: phased(name, one, 'Per device id.'),
});

const count = pattern(COUNT, 'A count: 5M, 1.2G, 950k, or a number.');
const giga = pattern(COUNT, 'In G (1.2 = 1.2e9), or a count with a suffix like 1200M.');
const bytes = pattern(BYTES, 'A size: 20MB, 1.5GB, 512kB (decimal) or 64MiB (binary), or a number of bytes.');
const duration = pattern(DURATION, 'A duration: 8ms, 1.2s, 500us.', false);
const increase = (name: string, unit: object) => phasedIncrease(name, unit);
const increaseOne = (unit: object) =>
  limit(
    {
      description: "A percentage (5%) or an amount in the metric's unit, with + or a unit (+100k, +5MB, +2ms); a bare number is ambiguous.",
      oneOf: [pattern(PERCENT, 'A percentage: 5% or +5%.', false), unit],
    },
    'The most this metric may grow over the baseline: a percentage (5%) or an amount in its unit written with + or a unit (+100k, +5MB, +2ms).',
  );
function phasedIncrease(name: string, unit: object) {
  const one = increaseOne(unit);
  return phased(`increase-${name}`, one, one.description);
}
// YAML reads `+2` as the number 2, so a schema cannot tell `+2` from a bare `2`: numbers are
// let through here and the parser refuses the bare ones (it reads the source text).
const plusNumber = { type: 'number', minimum: 0, description: "Written with a '+' (+2): a bare number is ambiguous and refused." };
const incCount = { description: 'An absolute increase: +100k, +2, 1M.', oneOf: [{ type: 'string', pattern: INC_COUNT }, plusNumber] };
const incGiga = { description: 'An absolute increase in G: +0.5, or with a suffix: +500M.', oneOf: [{ type: 'string', pattern: INC_COUNT }, plusNumber] };
const incBytes = { description: 'An absolute increase: +1MB, 512kB, +4096.', oneOf: [{ type: 'string', pattern: INC_BYTES }, plusNumber] };

const tokensPerSecond = {
  description: 'Tokens per second, above zero: 40.',
  oneOf: [
    { type: 'number', exclusiveMinimum: 0 },
    { type: 'string', pattern: '^\\s*\\+?[0-9]+(?:\\.[0-9]*)?\\s*(?:/s)?\\s*$' },
  ],
};
const phaseDims = {
  type: 'object',
  description:
    "Named phases: each a set of dims merged over the model's, e.g. { prefill: { batch: 1, sequence: 512, past_sequence: 0 }, decode: { batch: 1, sequence: 1, past_sequence: 511 } }. Budgets may then be given per phase.",
  propertyNames: { pattern: PHASE, not: { enum: ['generate', 'max', 'min', 'level'] } },
  additionalProperties: { ...dimsOf(), description: 'The dims of this phase (0 allowed: an empty KV cache).' },
};
const generate = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt', 'tokens'],
  description:
    "A generate run (adds the phase 'generate'): a prefill of 'prompt' tokens with an empty cache, then tokens - 1 decode steps each at its growing context, summed end to end. tokens-per-second and time-to-first-token read it when the model has no decode / prefill phase.",
  properties: {
    prompt: { type: 'integer', minimum: 1, maximum: MAX_GENERATE.prompt, description: 'Prompt length in tokens.' },
    tokens: { type: 'integer', minimum: 1, maximum: MAX_GENERATE.tokens, description: 'Tokens generated (the first comes from the prefill).' },
    sequence: { type: 'string', description: "The symbolic dim of the new tokens (default: the token-ids input's axis 1)." },
    past: { type: 'string', description: "The symbolic dim of the cache's length (default: the KV cache's)." },
    total: { type: 'string', description: 'The symbolic dim of past + sequence, e.g. an attention mask length (default: found from the inputs).' },
  },
};
const kvCache = {
  type: 'object',
  additionalProperties: false,
  description: 'The KV cache, named: graph inputs (past) and outputs (present) by name or glob (* any characters). Overrides the detection.',
  properties: {
    past: {
      description: 'Graph inputs holding the past keys / values.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
    },
    present: {
      description: 'Graph outputs holding the present keys / values.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
    },
  },
};

const budgets = {
  type: 'object',
  additionalProperties: false,
  description: 'Limits for this model. Each is a value, or { max, level }.',
  properties: {
    params: phased('limit-params', limit(count, 'Most parameters (elements of the weight tensors).'), 'Most parameters (elements of the weight tensors).'),
    gmacs: phased('limit-gmacs', limit(giga, 'Most multiply-accumulates, in G.'), 'Most multiply-accumulates, in G (the figure model zoos call GFLOPS).'),
    gflops: phased(
      'limit-gflops',
      limit(giga, 'Most floating-point operations, in G.'),
      'Most floating-point operations, in G (2 x MACs plus per-element work).',
    ),
    weights: phased('limit-weights', limit(bytes, 'Most bytes of weights.'), 'Most bytes of weights, in their own dtypes.'),
    'peak-memory': phased('limit-peak-memory', limit(bytes, 'Most peak activation memory.'), 'Most peak activation memory (live tensors, weights apart).'),
    'memory-traffic': phased(
      'limit-memory-traffic',
      limit(bytes, 'Most bytes moved.'),
      'Most bytes moved by one forward pass (unfused sum of reads and writes).',
    ),
    'kv-cache': phased(
      'limit-kv-cache',
      limit(bytes, 'Most KV-cache bytes.'),
      'Most bytes of the KV cache a step leaves (the present key / value tensors): at the phase named, else the largest of the phases, else the model at its dims.',
    ),
    latency: perDevice(
      'limit-latency',
      limit(duration, 'A duration: 8ms, 1.2s, 500us.'),
      'Most estimated latency per device id (from devices or custom-devices): { jetson-orin-nano: 8ms }, or per phase: { jetson-orin-nano: { prefill: 400ms, decode: 25ms } }.',
    ),
    'tokens-per-second': perDevice(
      'limit-tokens-per-second',
      floorLimit(tokensPerSecond, 'Tokens per second: 40.'),
      "The fewest tokens per second per device id (a floor: broken when below): batch / decode latency at the 'decode' phase, else generate's decode tokens over its decode time.",
    ),
    'time-to-first-token': perDevice(
      'limit-time-to-first-token',
      limit(duration, 'A duration: 200ms.'),
      "Most time to the first token per device id: the 'prefill' phase's latency, else generate's prefill.",
    ),
    'max-increase': {
      type: 'object',
      additionalProperties: false,
      description: 'Relative budgets against the baseline (the merge-base, or --baseline). A model without a baseline passes them.',
      properties: {
        params: increase('params', incCount),
        gmacs: increase('gmacs', incGiga),
        gflops: increase('gflops', incGiga),
        weights: increase('weights', incBytes),
        'peak-memory': increase('peak-memory', incBytes),
        'memory-traffic': increase('memory-traffic', incBytes),
        'kv-cache': increase('kv-cache', incBytes),
        latency: increase('latency', duration),
        'time-to-first-token': increase('time-to-first-token', duration),
      },
    },
  },
};

const rates = Object.fromEntries(PRECISIONS.map((p) => [p, pattern(RATE, `Dense peak at ${p}: 20 TOPS, 10 TFLOPS, 900 GFLOPS.`, false)]));
const perCycle = Object.fromEntries(PRECISIONS.map((p) => [p, num(`${p} operations per cycle per core.`)]));

const fraction = (description: string) => ({
  description,
  oneOf: [
    { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    { type: 'string', pattern: PERCENT },
  ],
});
const fusion = (description: string) => ({ type: 'string', enum: [...FUSIONS], description });

const customDevice = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  allOf: [
    // Peaks and bandwidth: given, or from the catalog device named by `like`.
    { anyOf: [{ required: ['like'] }, { required: ['bandwidth'], anyOf: [{ required: ['peak'] }, { required: ['derivation'] }] }] },
    // The class sets the efficiencies and kernel overhead: needed unless `like` gives it or all three are given.
    { anyOf: [{ required: ['class'] }, { required: ['like'] }, { required: ['compute-efficiency', 'memory-efficiency', 'kernel-overhead'] }] },
  ],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'The id budgets refer to (lower case, not a catalog id).' },
    name: { type: 'string', description: 'A name for reports.' },
    like: {
      type: 'string',
      description:
        "A catalog device id (`model-budget devices`) to start from: its class, peaks, bandwidth, cache and memory; the keys given here replace its (a 'peak' replaces all its peaks).",
    },
    class: {
      type: 'string',
      enum: [...CLASSES],
      description:
        "Device class: sets the default compute-efficiency, memory-efficiency and kernel-overhead. Required unless 'like' gives it or all three are given.",
    },
    peak: { type: 'object', additionalProperties: false, properties: rates, description: 'Dense peak per precision.' },
    derivation: {
      type: 'object',
      additionalProperties: false,
      required: ['cores', 'clock', 'flops-per-cycle'],
      description: 'Peak per precision = chips x clock x cores x FLOPs per cycle.',
      properties: {
        chips: num('Chips (default 1).'),
        cores: num('Cores per chip (CUDA cores, CPU cores, MAC units...).'),
        clock: pattern(CLOCK, 'Clock: 1.2 GHz or 900 MHz.', false),
        'flops-per-cycle': {
          type: 'object',
          additionalProperties: false,
          properties: perCycle,
          description: 'Operations per cycle per core, per precision (an FMA is 2).',
        },
      },
    },
    bandwidth: pattern(BANDWIDTH, 'Memory bandwidth: 34 GB/s, 1.2 TB/s.', false),
    'compute-efficiency': fraction('Share of peak a well-shaped kernel reaches: 0.8 or 80% (op classes without their own figure).'),
    'memory-efficiency': fraction('Share of bandwidth a streaming kernel reaches: 0.9 or 90%.'),
    'kernel-overhead': pattern(DURATION, 'Time added per kernel launch: 5us (op classes without their own figure).', false),
    'run-overhead': pattern(
      DURATION,
      'Time one inference call costs beyond its kernels (binding inputs and outputs), added once per forward pass: 30us. Default 0.',
      false,
    ),
    'thread-wake': pattern(
      DURATION,
      "Time the first multi-threaded kernel of a forward pass costs to wake the runtime's idle worker threads, added once to a pass with such a kernel (at least 256 Ki FLOPs or 256 KiB moved, or an attention kernel): 10us. Default 0.",
      false,
    ),
    'nchwc-block': {
      type: 'integer',
      minimum: 1,
      maximum: 1024,
      description:
        "With fusion onnxruntime: channels per block of ONNX Runtime's blocked convolution layout on this CPU, its fp32 vector lanes (8 with AVX2, 16 with AVX-512); a convolution whose channels do not fill whole blocks runs in the plain layout. Default 8.",
    },
    cache: {
      type: 'object',
      additionalProperties: false,
      description:
        "The last-level cache: a node whose working set fits in 'size' moves it at the cache's bandwidth. With 'like', a key left out keeps the catalog device's.",
      properties: {
        size: pattern(BYTES, 'Cache size: 32MiB, 1.5MB, or a number of bytes.'),
        bandwidth: pattern(BANDWIDTH, 'Bandwidth a streaming kernel gets from the cache: 60 GB/s.', false),
      },
    },
    fusion: fusion(
      "What the runtime fuses: none (every node is its own kernel), standard (activations, bias, BatchNorm and element-wise epilogues fold into the preceding conv / gemm; views and shape arithmetic are free) or onnxruntime (as ONNX Runtime's CPU provider: epilogues fold into convs and 2-D Gemms, after a batched MatMul they run as one kernel of their own; views and, with symbolic dims, shape arithmetic run as kernels). Overrides the file's 'fusion'.",
    ),
    classes: {
      type: 'object',
      additionalProperties: false,
      description: 'Figures per op class (each optional; a class not given takes the device-wide figures).',
      properties: Object.fromEntries(
        OP_CLASSES.map((c) => [
          c,
          {
            type: 'object',
            additionalProperties: false,
            description: `Figures for ${c} kernels.`,
            properties: {
              'compute-efficiency': fraction(`Share of peak ${c} kernels reach: 0.7 or 70%.`),
              'memory-efficiency': fraction(`Share of the bandwidth ${c} kernels reach when they stream from memory: 0.8 or 80%.`),
              'kernel-overhead': pattern(DURATION, `Time added per ${c} kernel: 3us.`, false),
            },
          },
        ]),
      ),
    },
  },
};

const customDevices = {
  type: 'array',
  description:
    "Devices of your own: by datasheet peaks, by the textbook derivation peak = chips x clock x cores x FLOPs per cycle, or 'like' a catalog device; what `model-budget calibrate` writes.",
  items: customDevice,
};

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'model-budget budgets file',
  description: 'Cost budgets for neural-network models (version 1). See the README, "Budgets file".',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'models'],
  definitions,
  properties: {
    version: { const: 1, description: 'The budgets file format version: 1.' },
    devices: {
      type: 'array',
      items: { type: 'string' },
      description: 'Target devices for latency budgets: catalog ids (`model-budget devices`) or custom-devices ids.',
    },
    'custom-devices': customDevices,
    fusion: fusion(
      "What the runtime fuses, for every device of this file that does not set its own 'fusion': none, standard or onnxruntime. The CLI's --fusion overrides it.",
    ),
    defaults: {
      type: 'object',
      additionalProperties: false,
      description: 'Settings every model inherits unless it sets its own.',
      properties: {
        dims,
        precision,
        level,
        'min-change': minChange,
        'allow-missing-weights': { type: 'boolean', description: 'Analyse models whose external weight files are absent.' },
        'on-incomplete': onIncomplete,
      },
    },
    models: {
      type: 'array',
      minItems: 1,
      description: 'The models to check.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          path: { type: 'string', description: 'A model file or a glob (*, **, ?, {a,b}), relative to this file; it must stay inside the repository.' },
          name: { type: 'string', description: 'A name for reports.' },
          dims,
          phases: phaseDims,
          generate,
          'kv-cache': kvCache,
          precision,
          level,
          'min-change': minChange,
          'allow-missing-weights': { type: 'boolean', description: 'Analyse the graph when its external weight file is absent (e.g. LFS not fetched).' },
          'on-incomplete': onIncomplete,
          budgets,
        },
      },
    },
  },
};

// The schema's keys are the parser's keys.
const check = (name: string, keys: readonly string[], props: object) => {
  const a = [...keys].sort().join(',');
  const b = Object.keys(props).sort().join(',');
  if (a !== b) throw new Error(`schema ${name} keys ${b} differ from the parser's ${a}`);
};
check('root', KEYS.root, schema.properties);
check('defaults', KEYS.defaults, schema.properties.defaults.properties);
check('model', KEYS.model, schema.properties.models.items.properties);
check('budgets', KEYS.budgets, budgets.properties);
check('custom device', KEYS.customDevice, customDevice.properties);
check('derivation', KEYS.derivation, customDevice.properties.derivation.properties);
check('cache', KEYS.cache, customDevice.properties.cache.properties);
check('classes', OP_CLASSES, customDevice.properties.classes.properties);
for (const c of OP_CLASSES) check(`classes.${c}`, KEYS.opClass, customDevice.properties.classes.properties[c].properties);

/** A `--devices` file (what `calibrate --output` writes): custom-devices only. */
const devicesSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'model-budget devices file',
  description: 'Custom devices for --devices FILE (analyze, check, compare), as `model-budget calibrate --output` writes them.',
  type: 'object',
  additionalProperties: false,
  required: ['custom-devices'],
  properties: {
    version: { const: 1, description: 'The format version: 1 (optional).' },
    'custom-devices': { ...customDevices, minItems: 1 },
  },
};
check('devices file', KEYS.devicesFile, devicesSchema.properties);

let stale = false;
for (const [name, value] of [
  ['budgets.schema.json', schema],
  ['devices.schema.json', devicesSchema],
] as const) {
  const text = JSON.stringify(value, null, 2) + '\n';
  const path = new URL(`../schema/${name}`, import.meta.url);
  if (!process.argv.includes('--check')) writeFileSync(path, text);
  else if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
    console.error(`schema/${name} is stale: run npx tsx scripts/gen-schema.ts`);
    stale = true;
  }
}
if (stale) process.exit(1);

/**
 * Finding a decoder's KV cache (src/analysis/kv-cache.ts) on crafted graphs: by structure (names
 * no exporter uses), by names (a cache the structure does not show), optimum's merged decoder (the
 * Concat inside an If on `use_cache_branch`), operators declaring `cacheSlots`, the override, and
 * no false positive on graphs that merely concatenate.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel } from '../../src/analysis/infer.js';
import { findKvCache, KvCacheConfigError, mayHoldCache, nameMatcher } from '../../src/analysis/kv-cache.js';
import { analyzeFile } from '../../src/io/analyze-file.js';
import { lookupOp } from '../../src/ops/registry.js';
import type { OpDef } from '../../src/ops/types.js';
import { UserError } from '../../src/errors.js';
import { encodeModel, type GraphSpec, type ModelSpec, type NodeSpec, type TensorSpec, type ValueSpec } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';

const D = 16; // model width
const KV = 2; // kv heads
const HD = 8; // head dim

const f32 = (name: string, dims: number[]): TensorSpec => ({ name, dtype: 'float32', dims, raw: new Uint8Array(dims.reduce((a, b) => a * b, 1) * 4) });
const i64 = (name: string, values: number[]): TensorSpec => ({ name, dtype: 'int64', dims: [values.length], values });

interface LayerNames {
  x: string;
  pastK: string;
  pastV: string;
  presentK: string;
  presentV: string;
  y: string;
}

/**
 * One attention layer with a cache: new keys / values from x [b, s, D] projected and reshaped to
 * [b, KV, s, HD], concatenated after the past [b, KV, p, HD] on axis 2, then q·kᵀ, Softmax, ·v.
 */
function layerNodes(n: LayerNames): NodeSpec[] {
  const head = (src: string, w: string, out: string): NodeSpec[] => [
    { op: 'MatMul', inputs: [src, w], outputs: [`${out}_p`] },
    { op: 'Reshape', inputs: [`${out}_p`, 'split_heads'], outputs: [`${out}_r`] },
    { op: 'Transpose', inputs: [`${out}_r`], outputs: [out], attrs: { perm: [0, 2, 1, 3] } },
  ];
  return [
    ...head(n.x, 'wq', 'q'),
    ...head(n.x, 'wk', 'k_new'),
    ...head(n.x, 'wv', 'v_new'),
    { op: 'Concat', inputs: [n.pastK, 'k_new'], outputs: [n.presentK], attrs: { axis: 2 } },
    { op: 'Concat', inputs: [n.pastV, 'v_new'], outputs: [n.presentV], attrs: { axis: -2 } },
    { op: 'Transpose', inputs: [n.presentK], outputs: ['k_t'], attrs: { perm: [0, 1, 3, 2] } },
    { op: 'MatMul', inputs: ['q', 'k_t'], outputs: ['scores'] },
    { op: 'Softmax', inputs: ['scores'], outputs: ['probs'], attrs: { axis: -1 } },
    { op: 'MatMul', inputs: ['probs', n.presentV], outputs: [n.y] },
  ];
}

const weights = (): TensorSpec[] => [f32('wq', [D, KV * HD]), f32('wk', [D, KV * HD]), f32('wv', [D, KV * HD]), i64('split_heads', [0, 0, KV, HD])];

function decoder(n: LayerNames, o: { past?: (name: string) => ValueSpec } = {}): ModelSpec {
  const past = o.past ?? ((name: string) => ({ name, dtype: 'float32', shape: ['b', KV, 'p', HD] }));
  return {
    graph: {
      nodes: layerNodes(n),
      inputs: [{ name: n.x, dtype: 'float32', shape: ['b', 's', D] }, past(n.pastK), past(n.pastV)],
      outputs: [
        { name: n.y, dtype: 'float32' },
        { name: n.presentK, dtype: 'float32' },
        { name: n.presentV, dtype: 'float32' },
      ],
      initializers: weights(),
    },
  };
}

const UNCONVENTIONAL: LayerNames = { x: 'tokens', pastK: 'mem_a', pastV: 'mem_b', presentK: 'mem_a_next', presentV: 'mem_b_next', y: 'y' };

function find(spec: ModelSpec, dims: Record<string, number> = {}, lookup?: (d: string, o: string) => OpDef | undefined) {
  const model = decodeModel(encodeModel(spec));
  return findKvCache(model.graph, inferModel(model, { dims }), { lookup });
}

/** A temporary folder holding `files`; returns its path. */
function repo(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kv-cache-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

describe('by structure', () => {
  it('finds past inputs concatenated with new keys / values and fed to attention, whatever their names', () => {
    const info = find(decoder(UNCONVENTIONAL), { b: 2, s: 3, p: 5 });
    expect(info).toEqual({ past: ['mem_a', 'mem_b'], present: ['mem_a_next', 'mem_b_next'], found: 'structure', pastDims: ['p'] });
  });

  it('follows the past through views: a cache stored [b, p, KV, HD] and transposed before the Concat', () => {
    const spec = decoder(UNCONVENTIONAL, { past: (name) => ({ name, dtype: 'float32', shape: ['b', 'p', KV, HD] }) });
    const g = spec.graph;
    // mem_a -> Transpose -> Concat; mem_b -> Cast -> Transpose -> Concat
    g.nodes.unshift(
      { op: 'Transpose', inputs: ['mem_a'], outputs: ['mem_a_t'], attrs: { perm: [0, 2, 1, 3] } },
      { op: 'Cast', inputs: ['mem_b'], outputs: ['mem_b_c'], attrs: { to: 1 } },
      { op: 'Transpose', inputs: ['mem_b_c'], outputs: ['mem_b_t'], attrs: { perm: [0, 2, 1, 3] } },
    );
    for (const n of g.nodes) if (n.op === 'Concat') n.inputs[0] = `${n.inputs[0]}_t`;
    const info = find(spec, { b: 1, s: 2, p: 4 });
    expect(info).toMatchObject({ past: ['mem_a', 'mem_b'], present: ['mem_a_next', 'mem_b_next'], found: 'structure', pastDims: ['p'] });
  });

  it("a stacked cache (keys and values in one [2, b, KV, p, HD] tensor, as onnxruntime's GPT-2): Gather apart, Concat, stacked again", () => {
    const l = layerNodes({ x: 'x', pastK: 'k_past', pastV: 'v_past', presentK: 'k_all', presentV: 'v_all', y: 'y' });
    const spec: ModelSpec = {
      graph: {
        nodes: [
          { op: 'Gather', inputs: ['stack_in', 'zero'], outputs: ['k_past'], attrs: { axis: 0 } },
          { op: 'Gather', inputs: ['stack_in', 'one'], outputs: ['v_past'], attrs: { axis: 0 } },
          ...l,
          { op: 'Unsqueeze', inputs: ['k_all', 'axis0'], outputs: ['k_u'] },
          { op: 'Unsqueeze', inputs: ['v_all', 'axis0'], outputs: ['v_u'] },
          { op: 'Concat', inputs: ['k_u', 'v_u'], outputs: ['stack_out'], attrs: { axis: 0 } },
        ],
        inputs: [
          { name: 'x', dtype: 'float32', shape: ['b', 's', D] },
          { name: 'stack_in', dtype: 'float32', shape: [2, 'b', KV, 'p', HD] },
        ],
        outputs: [
          { name: 'y', dtype: 'float32' },
          { name: 'stack_out', dtype: 'float32' },
        ],
        initializers: [
          ...weights(),
          { name: 'zero', dtype: 'int64', dims: [], values: [0] },
          { name: 'one', dtype: 'int64', dims: [], values: [1] },
          i64('axis0', [0]),
        ],
      },
    };
    expect(find(spec, { b: 2, s: 3, p: 4 })).toEqual({ past: ['stack_in'], present: ['stack_out'], found: 'structure', pastDims: ['p'] });
  });

  it('a cache attention reads but the graph does not return is still the past (no present)', () => {
    const spec = decoder(UNCONVENTIONAL);
    spec.graph.outputs = [{ name: 'y', dtype: 'float32' }];
    expect(find(spec, { b: 1, s: 1, p: 3 })).toEqual({ past: ['mem_a', 'mem_b'], present: [], found: 'structure', pastDims: ['p'] });
  });

  it('no cache: a Concat along a fixed axis, of two inputs, or of an input with a constant', () => {
    // Concat on the feature axis (fixed 8 + 8), not along the symbolic one.
    const features = decoder(UNCONVENTIONAL);
    for (const n of features.graph.nodes) if (n.op === 'Concat') n.attrs = { axis: 3 };
    features.graph.initializers!.push(i64('merge', [0, 0, KV, 2 * HD]));
    expect(find(features, { b: 1, s: 2, p: 2 })).toBeNull();
    // A graph input joined with another graph input / a constant: nothing computed is appended.
    const joined: GraphSpec = {
      nodes: [
        { op: 'Concat', inputs: ['a', 'b'], outputs: ['ab'], attrs: { axis: 1 } },
        { op: 'Concat', inputs: ['a', 'pad'], outputs: ['ap'], attrs: { axis: 1 } },
        { op: 'MatMul', inputs: ['ab', 'w'], outputs: ['y'] },
      ],
      inputs: [
        { name: 'a', dtype: 'float32', shape: ['n', 't', 4] },
        { name: 'b', dtype: 'float32', shape: ['n', 'u', 4] },
      ],
      outputs: [
        { name: 'y', dtype: 'float32' },
        { name: 'ap', dtype: 'float32' },
      ],
      initializers: [f32('pad', [1, 1, 4]), f32('w', [4, 4])],
    };
    expect(find({ graph: joined })).toBeNull();
  });

  it('an operator that declares cacheSlots: the inputs feeding its past slots, the outputs its present slots reach', () => {
    // `test.kv:CachedAttention(x, past)` -> (y, present): a fake definition, as llmops' GroupQueryAttention declares.
    const graph: GraphSpec = {
      nodes: [
        { op: 'Identity', inputs: ['state_in'], outputs: ['state_view'] },
        { op: 'CachedAttention', domain: 'test.kv', inputs: ['h', 'state_view'], outputs: ['y', 'state_new'] },
        { op: 'Identity', inputs: ['state_new'], outputs: ['state_out'] },
      ],
      inputs: [
        { name: 'h', dtype: 'float32', shape: ['b', 's', D] },
        { name: 'state_in', dtype: 'float16', shape: ['b', KV, 'p', HD] },
      ],
      outputs: [
        { name: 'y', dtype: 'float32' },
        { name: 'state_out', dtype: 'float16' },
      ],
    };
    const spec: ModelSpec = { opsets: { '': 17, 'test.kv': 1 }, graph };
    const fake = { opType: 'CachedAttention', domain: 'test.kv', cacheSlots: { past: [1], present: [1] } } as unknown as OpDef;
    const lookup = (d: string, o: string) => (d === 'test.kv' && o === 'CachedAttention' ? fake : lookupOp(d, o));
    expect(find(spec, {}, lookup)).toEqual({ past: ['state_in'], present: ['state_out'], found: 'structure', pastDims: ['p'] });
    // Without the declaration nothing says it is a cache.
    expect(find(spec)).toBeNull();
  });

  it('the pre-check looks operators up by domain and type: the same type in another domain is another operator', () => {
    // Nothing else hints at a cache (token ids in, logits out): only the operators can.
    const nodes = (domains: string[]): NodeSpec[] =>
      domains.map((domain, i) => ({ op: 'CachedAttention', domain, inputs: [i ? `h${i - 1}` : 'ids'], outputs: [`h${i}`] }));
    const graph = (domains: string[]) =>
      decodeModel(
        encodeModel({
          opsets: { '': 17, 'test.kv': 1, 'test.other': 1 },
          graph: {
            nodes: [{ op: 'Relu', inputs: ['ids'], outputs: ['r'] }, ...nodes(domains), { op: 'Relu', inputs: ['r'], outputs: ['logits'] }],
            inputs: [{ name: 'ids', dtype: 'int64', shape: ['b', 's'] }],
            outputs: [{ name: 'logits', dtype: 'float32' }],
          },
        }),
      ).graph;
    const fake = { opType: 'CachedAttention', domain: 'test.kv', cacheSlots: { past: [1], present: [1] } } as unknown as OpDef;
    const lookup = (d: string, o: string) => (d === 'test.kv' && o === 'CachedAttention' ? fake : lookupOp(d, o));
    expect(mayHoldCache(graph(['test.other', 'test.other', 'test.kv']), lookup)).toBe(true);
    expect(mayHoldCache(graph(['test.kv', 'test.other']), lookup)).toBe(true);
    expect(mayHoldCache(graph(['test.other', 'test.other']), lookup)).toBe(false);
    expect(mayHoldCache(graph(['test.kv']), lookupOp)).toBe(false);
  });
});

describe('bounded work', () => {
  it('the structure search stops past its budget of edges (a hostile fan-out cannot make it slow); names still apply', () => {
    const named = decoder({ x: 'x', pastK: 'past.0.key', pastV: 'past.0.value', presentK: 'present.0.key', presentV: 'present.0.value', y: 'y' });
    const model = decodeModel(encodeModel(named));
    const result = inferModel(model, { dims: { b: 1, s: 2, p: 3 } });
    expect(findKvCache(model.graph, result)?.found).toBe('structure');
    expect(findKvCache(model.graph, result, { maxSearchSteps: 1 })).toMatchObject({ found: 'names', past: ['past.0.key', 'past.0.value'] });
    const odd = decodeModel(encodeModel(decoder(UNCONVENTIONAL)));
    expect(findKvCache(odd.graph, inferModel(odd), { maxSearchSteps: 1 })).toBeNull();
  });
});

describe('merged decoders (optimum: an If on use_cache_branch)', () => {
  /** then: Concat(past, new) per key / value; else: the new ones alone. Outputs of the If are the present. */
  function merged(names: { pastK: string; pastV: string; presentK: string; presentV: string }): ModelSpec {
    const branch = (name: string, withCache: boolean): GraphSpec => ({
      name,
      nodes: withCache
        ? [
            { op: 'Concat', inputs: [names.pastK, 'k_new'], outputs: ['k_all'], attrs: { axis: 2 } },
            { op: 'Concat', inputs: [names.pastV, 'v_new'], outputs: ['v_all'], attrs: { axis: 2 } },
          ]
        : [
            { op: 'Identity', inputs: ['k_new'], outputs: ['k_all'] },
            { op: 'Identity', inputs: ['v_new'], outputs: ['v_all'] },
          ],
      inputs: [],
      outputs: [
        { name: 'k_all', dtype: 'float32' },
        { name: 'v_all', dtype: 'float32' },
      ],
    });
    const l = layerNodes({ x: 'x', pastK: names.pastK, pastV: names.pastV, presentK: 'k_all_top', presentV: 'v_all_top', y: 'y' });
    const nodes: NodeSpec[] = [
      ...l.filter((n) => n.op !== 'Concat'),
      {
        op: 'If',
        inputs: ['use_cache_branch'],
        outputs: ['k_all_top', 'v_all_top'],
        attrs: { then_branch: { graph: branch('with_past', true) }, else_branch: { graph: branch('no_past', false) } },
      },
      { op: 'Identity', inputs: ['k_all_top'], outputs: [names.presentK] },
      { op: 'Identity', inputs: ['v_all_top'], outputs: [names.presentV] },
    ];
    return {
      graph: {
        nodes,
        inputs: [
          { name: 'x', dtype: 'float32', shape: ['b', 's', D] },
          { name: names.pastK, dtype: 'float32', shape: ['b', KV, 'past_sequence_length', HD] },
          { name: names.pastV, dtype: 'float32', shape: ['b', KV, 'past_sequence_length', HD] },
          { name: 'use_cache_branch', dtype: 'bool', shape: [1] },
        ],
        outputs: [
          { name: 'y', dtype: 'float32' },
          { name: names.presentK, dtype: 'float32' },
          { name: names.presentV, dtype: 'float32' },
        ],
        initializers: weights(),
      },
    };
  }

  it("finds the cache inside the with-cache branch, through the If's outputs, with optimum's names or none", () => {
    const optimum = find(merged({ pastK: 'past_key_values.0.key', pastV: 'past_key_values.0.value', presentK: 'present.0.key', presentV: 'present.0.value' }));
    expect(optimum).toEqual({
      past: ['past_key_values.0.key', 'past_key_values.0.value'],
      present: ['present.0.key', 'present.0.value'],
      found: 'structure',
      pastDims: ['past_sequence_length'],
    });
    const odd = find(merged({ pastK: 'ka', pastV: 'va', presentK: 'kb', presentV: 'vb' }));
    expect(odd).toMatchObject({ past: ['ka', 'va'], present: ['kb', 'vb'], found: 'structure' });
  });

  it('use_cache_branch follows the dims: the cache branch when the past is not empty, the other at past 0; the bytes are exact either way', () => {
    const dir = repo({
      'merged.onnx': encodeModel(
        merged({ pastK: 'past_key_values.0.key', pastV: 'past_key_values.0.value', presentK: 'present.0.key', presentV: 'present.0.value' }),
      ),
    });
    for (const [b, s, p] of [
      [1, 5, 0],
      [2, 1, 9],
    ]) {
      const r = analyzeFile(join(dir, 'merged.onnx'), { dims: { b, s, past_sequence_length: p } });
      expect(r.graph.outputs.find((o) => o.name === 'present.0.value')?.shape).toEqual([b, KV, p + s, HD]);
      expect(r.totals.kvCacheBytes).toBe(2 * b * KV * (p + s) * HD * 4);
      const taken = p > 0 ? 'true: the branch with the cache' : 'false: the branch without cache';
      expect(r.warnings[0]).toEqual({ node: '', message: `merged decoder: 'use_cache_branch' taken as ${taken} ('past_sequence_length'=${p})` });
    }
  });
});

describe('by names', () => {
  /** A cache the structure does not show: the past is scattered into (ScatterElements), not concatenated. */
  function scattered(past: string[], present: string[], extra: ValueSpec[] = []): ModelSpec {
    const nodes: NodeSpec[] = past.map((p, i) => ({ op: 'ScatterElements', inputs: [p, 'idx', 'upd'], outputs: [present[i]], attrs: { axis: 2 } }));
    return {
      graph: {
        nodes,
        inputs: [
          ...past.map((name): ValueSpec => ({ name, dtype: 'float32', shape: ['batch_size', KV, 'past_len', HD] })),
          { name: 'idx', dtype: 'int64', shape: ['batch_size', KV, 1, HD] },
          { name: 'upd', dtype: 'float32', shape: ['batch_size', KV, 1, HD] },
          ...extra,
        ],
        outputs: present.map((name): ValueSpec => ({ name, dtype: 'float32' })),
      },
    };
  }

  it.each([
    [
      ['past_key_values.0.key', 'past_key_values.0.value'],
      ['present.0.key', 'present.0.value'],
    ], // optimum, onnxruntime-genai
    [
      ['past.0.key', 'past.0.value'],
      ['present.0.key', 'present.0.value'],
    ],
    [
      ['past_key_0', 'past_value_0'],
      ['present_key_0', 'present_value_0'],
    ], // onnxruntime's whisper / phi exports
    [
      ['past_key_self_0', 'past_value_cross_0'],
      ['present_key_self_0', 'present_value_cross_0'],
    ],
    [['past_0'], ['present_0']], // onnxruntime's GPT-2 (keys and values stacked)
    [
      ['past_key_values.0.decoder.key', 'past_key_values.0.encoder.value'],
      ['present.0.decoder.key', 'present.0.encoder.value'],
    ], // transformers.js seq2seq
    [
      ['cache.0.key', 'cache.0.value'],
      ['cache_out.0.key', 'cache_out.0.value'],
    ],
    [['past_key_values.0.key'], ['present_key_values.0.key']],
  ])('%j -> %j', (past, present) => {
    const info = find(scattered(past, present));
    expect(info).toEqual({ past, present, found: 'names', pastDims: ['past_len'] });
  });

  it('a present whose shape is unknown leaves kvCacheBytes a lower bound (the known ones), listed in totals.lowerBound', () => {
    const spec = scattered(['past.0.key', 'past.0.value'], ['present.0.key', 'present.0.value']);
    const [, value] = spec.graph.nodes;
    Object.assign(value, { op: 'OpaqueUpdate', domain: 'vendor.kv', attrs: {} }); // no rule: its output shape is unknown
    spec.opsets = { '': 17, 'vendor.kv': 1 };
    const dir = repo({ 'opaque.onnx': encodeModel(spec) });
    const r = analyzeFile(join(dir, 'opaque.onnx'), { dims: { batch_size: 3, past_len: 7 } });
    expect(r.kvCache?.present).toEqual(['present.0.key', 'present.0.value']);
    expect(r.totals.kvCacheBytes).toBe(3 * KV * 7 * HD * 4); // the key alone: ScatterElements keeps the data's shape
    expect(r.totals.lowerBound).toContain('kvCacheBytes');
  });

  it('no false positive on names that only look alike: a past length, a cache position, non-float or low-rank tensors', () => {
    const spec = scattered(['pasta_sauce', 'past_length_table'], ['present_value_estimate', 'presentation']);
    spec.graph.inputs.push(
      { name: 'past_key_values.0.key_ids', dtype: 'int64', shape: ['batch_size', 1] },
      { name: 'cache_position', dtype: 'float32', shape: ['s'] },
      { name: 'past_sequence_length', dtype: 'int64', shape: [1] },
    );
    expect(find(spec)).toBeNull();
  });
});

describe('override (AnalyzeFileOptions.kvCache: names or globs)', () => {
  const spec = decoder(UNCONVENTIONAL);
  const dir = repo({ 'odd.onnx': encodeModel(spec) });
  const path = join(dir, 'odd.onnx');

  it('names and globs choose the cache; a side not given is the one found', () => {
    const r = analyzeFile(path, { dims: { b: 1, s: 2, p: 6 }, kvCache: { past: ['mem_?'], present: ['mem_a_next', 'mem_b_*'] } });
    expect(r.kvCache).toMatchObject({ past: ['mem_a', 'mem_b'], present: ['mem_a_next', 'mem_b_next'], found: 'config', pastDims: ['p'] });
    // present: 2 tensors [1, KV, 6 + 2, HD] float32
    expect(r.totals.kvCacheBytes).toBe(2 * 1 * KV * 8 * HD * 4);
    const pastOnly = analyzeFile(path, { dims: { b: 1, s: 2, p: 6 }, kvCache: { past: ['mem_a'] } });
    expect(pastOnly.kvCache).toMatchObject({ past: ['mem_a'], present: ['mem_a_next', 'mem_b_next'], found: 'config' });
  });

  it('a name that matches nothing is a user error naming it and the file', () => {
    let err: unknown;
    try {
      analyzeFile(path, { kvCache: { past: ['mem_a'], present: ['mem_a_next', 'present.*'] } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect(err).toBeInstanceOf(KvCacheConfigError);
    expect((err as KvCacheConfigError).message).toBe(`${path}: kv-cache present 'present.*' matches no graph output of the model`);
    expect(err).toMatchObject({ role: 'present', index: 1 });
  });

  it('globs: * any run, ? one character, everything else literal', () => {
    expect(nameMatcher('past_key_values.*.key')('past_key_values.12.key')).toBe(true);
    expect(nameMatcher('past_key_values.*.key')('past_key_valuesX0.key')).toBe(false);
    expect(nameMatcher('k?')('k1')).toBe(true);
    expect(nameMatcher('k?')('k12')).toBe(false);
    expect(nameMatcher('a+b')('a+b')).toBe(true);
    expect(nameMatcher('a+b')('aab')).toBe(false);
  });
});

describe('end to end: analyze --format json', () => {
  it('reports the cache, its bytes at the dims given, and the peak without it; a model without one reports neither', () => {
    const dir = repo({
      'odd.onnx': encodeModel(decoder(UNCONVENTIONAL)),
      'plain.onnx': encodeModel({
        graph: { ...decoder(UNCONVENTIONAL).graph, outputs: [{ name: 'q', dtype: 'float32' }], nodes: layerNodes(UNCONVENTIONAL).slice(0, 3) },
      }),
    });
    const b = 3;
    const s = 4;
    const p = 0; // a prefill with an empty cache
    const run = runCli('analyze', join(dir, 'odd.onnx'), join(dir, 'plain.onnx'), '--dims', `b=${b},s=${s},p=${p}`, '--format', 'json', '--allow-outside-repo');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [odd, plain] = (
      JSON.parse(run.stdout) as {
        models: { kvCache?: { past: string[]; otherPeakBytes?: number }; totals: { kvCacheBytes?: number; peakActivationBytes: number } }[];
      }
    ).models;
    expect(odd.kvCache?.past).toEqual(['mem_a', 'mem_b']);
    expect(odd.totals.kvCacheBytes).toBe(2 * b * KV * (p + s) * HD * 4);
    expect(odd.kvCache?.otherPeakBytes).toBeGreaterThan(0);
    expect(odd.kvCache!.otherPeakBytes!).toBeLessThan(odd.totals.peakActivationBytes);
    expect(plain.kvCache).toBeUndefined();
    expect(plain.totals.kvCacheBytes).toBeUndefined();
  });
});

/**
 * Models written by an attacker (the action runs on pull requests): crafted numbers, names
 * that are Object.prototype members, exponential sub-graph and function nesting. Each ends in a
 * correct figure or in exit 2 with one clean line, within seconds, end to end through the CLI.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, type FunctionSpec, type GraphSpec, type ModelSpec, type NodeSpec, type TensorSpec } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel } from '../../src/analysis/infer.js';
import { GraphError } from '../../src/analysis/errors.js';
import { estimateLatency, type DeviceModel } from '../../src/devices/roofline.js';
import { UserError } from '../../src/errors.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mb-hostile-'));
});

let count = 0;
function file(spec: ModelSpec): string {
  const p = join(dir, `m${count++}.onnx`);
  writeFileSync(p, encodeModel(spec));
  return p;
}

interface Report {
  models: {
    dims: Record<string, number>;
    opsetImports: Record<string, number>;
    totals: { params: number; macs: number; flops: number };
    byOpType: Record<string, { count: number; macs: number }>;
    graph: { outputs: { name: string; shape: (number | string | null)[] | null }[] };
    nodes: { name: string; opType: string; macs: number | null }[];
    warnings: { node: string; message: string }[];
  }[];
}

function analyze(path: string, ...extra: string[]): Report['models'][0] {
  const r = runCli('analyze', '--allow-outside-repo', path, '--format', 'json', ...extra);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as Report).models[0];
}

/** Exit 2, nothing on stdout, one line on stderr naming the file and matching `pattern`. */
function refused(path: string, pattern: RegExp, ...extra: string[]): string {
  const r = runCli('analyze', '--allow-outside-repo', path, ...extra);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.code).toBe(2);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(pattern);
  return lines[0];
}

const f32 = (name: string, shape?: (number | string | null)[]) => ({ name, dtype: 'float32' as const, shape });
const weight = (name: string, dims: number[]): TensorSpec => ({ name, dtype: 'float32', dims }); // no data: dims only
const int64 = (name: string, values: number[], dims = [values.length]): TensorSpec => ({ name, dtype: 'int64', dims, values });

// ---------------------------------------------------------------------------------------------

describe('Loop trip counts', () => {
  const N = 1024;
  /** x[1,N] -> MatMul(W[N,N]) -> z, plus a Loop whose body does the same MatMul, M times. */
  const loopModel = (m: number): ModelSpec => ({
    graph: {
      nodes: [
        { op: 'MatMul', inputs: ['x', 'W'], outputs: ['z'], name: 'mm' },
        {
          op: 'Loop',
          inputs: ['M', 'cond', 'x'],
          outputs: ['xl'],
          name: 'loop',
          attrs: {
            body: {
              graph: {
                nodes: [
                  { op: 'MatMul', inputs: ['xin', 'W'], outputs: ['xout'], name: 'body_mm' },
                  { op: 'Identity', inputs: ['c'], outputs: ['cout'] },
                ],
                inputs: [{ name: 'i', dtype: 'int64', shape: [] }, { name: 'c', dtype: 'bool', shape: [] }, f32('xin', [1, N])],
                outputs: [{ name: 'cout', dtype: 'bool', shape: [] }, f32('xout', [1, N])],
              },
            },
          },
        },
      ],
      inputs: [f32('x', [1, N])],
      outputs: [f32('z'), f32('xl')],
      initializers: [weight('W', [N, N]), int64('M', [m], []), { name: 'cond', dtype: 'bool', dims: [], values: [1] }],
    },
  });

  it('a negative trip count runs zero times: the Loop adds 0 MACs, the MatMul keeps its N^2', () => {
    const m = analyze(file(loopModel(-1)));
    expect(m.totals.macs).toBe(N * N);
    expect(m.nodes.find((n) => n.opType === 'Loop')?.macs).toBe(0);
  });

  it('a negative trip count does not pass a budget the MatMul alone breaks', () => {
    const repo = mkdtempSync(join(tmpdir(), 'mb-hostile-repo-'));
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, 'loop.onnx'), encodeModel(loopModel(-1)));
    writeFileSync(join(repo, 'budgets.yml'), 'version: 1\nmodels:\n  - path: loop.onnx\n    budgets:\n      gmacs: 0.0001\n');
    const r = runCli('check', '--budgets', join(repo, 'budgets.yml'));
    expect(r.code).toBe(1); // 1.05M MACs > 100k
  });

  it('a positive trip count multiplies the body (control: 3 trips = 3 more MatMuls)', () => {
    expect(analyze(file(loopModel(3))).totals.macs).toBe(4 * N * N);
  });
});

describe('names that are Object.prototype members', () => {
  const protoModel = (): ModelSpec => ({
    opsets: Object.fromEntries([
      ['', 17],
      ['__proto__', 1],
    ]),
    graph: {
      nodes: [
        { op: 'MatMul', inputs: ['hasOwnProperty', 'toString'], outputs: ['valueOf'], name: 'constructor' },
        { op: '__proto__', inputs: ['valueOf'], outputs: ['mid'], name: 'toString' },
        { op: 'constructor', domain: '__proto__', inputs: ['mid'], outputs: ['out'], name: 'hasOwnProperty' },
      ],
      inputs: [f32('hasOwnProperty', ['__proto__', 'constructor', 'toString', 4])],
      outputs: [f32('out')],
      initializers: [weight('toString', [4, 8])],
    },
  });

  it('dims named __proto__, constructor, toString bind from --dims and give the right MACs', () => {
    const m = analyze(file(protoModel()), '--dims', '__proto__=5,constructor=2,toString=3');
    expect(Object.keys(m.dims).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- m.dims['toString'] is the dim named toString (the point of the test), not the method
    expect([m.dims['__proto__'], m.dims['constructor'], m.dims['toString']]).toEqual([5, 2, 3]);
    expect(m.totals.macs).toBe(5 * 2 * 3 * 4 * 8);
    expect(m.byOpType['__proto__'].count).toBe(1); // an (unsupported) operator type of that name
    expect(m.byOpType['MatMul'].macs).toBe(5 * 2 * 3 * 4 * 8);
    expect(m.byOpType['__proto__:constructor'].count).toBe(1); // a custom domain of that name
    expect(Object.keys(m.opsetImports)).toContain('__proto__');
  });

  it('the same names bind from a budgets file (YAML dims)', () => {
    const repo = mkdtempSync(join(tmpdir(), 'mb-hostile-yaml-'));
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, 'm.onnx'), encodeModel(protoModel()));
    // MACs at 5 x 2 x 3 (x 4 x 8) = 960 over a budget of 959: the check must fail, not bind nothing.
    writeFileSync(
      join(repo, 'budgets.yml'),
      'version: 1\nmodels:\n  - path: m.onnx\n    dims: { __proto__: 5, constructor: 2, toString: 3 }\n    budgets:\n      gmacs: 0.000000959\n',
    );
    const r = runCli('check', '--budgets', join(repo, 'budgets.yml'), '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const head = (JSON.parse(r.stdout) as { head: { models: { dims: Record<string, number>; totals: { macs: number } }[] } }).head.models[0];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- head.dims['toString'] is the dim named toString (the point of the test), not the method
    expect([head.dims['__proto__'], head.dims['constructor'], head.dims['toString']]).toEqual([5, 2, 3]);
    expect(head.totals.macs).toBe(5 * 2 * 3 * 4 * 8);
  });

  it('unbound, they default to 1 like any other name', () => {
    const m = analyze(file(protoModel()));
    expect(m.totals.macs).toBe(4 * 8);
    expect(m.dims).toEqual(
      Object.fromEntries([
        ['__proto__', 1],
        ['constructor', 1],
        ['toString', 1],
      ]),
    );
  });
});

describe('bounded work', () => {
  /** If nested `depth` deep (condition unknown): then = the next level, else = a copy; innermost a MatMul. */
  function nestedIf(depth: number): ModelSpec {
    const level = (d: number): GraphSpec => {
      const out = `o${d}`;
      if (d === 0) return { nodes: [{ op: 'MatMul', inputs: ['x', 'W'], outputs: [out] }], inputs: [], outputs: [f32(out, [1, 64])] };
      return {
        nodes: [
          {
            op: 'If',
            inputs: ['c'],
            outputs: [out],
            name: `if${d}`,
            attrs: {
              then_branch: { graph: level(d - 1) },
              else_branch: { graph: { nodes: [{ op: 'Identity', inputs: ['x'], outputs: [`e${d}`] }], inputs: [], outputs: [f32(`e${d}`, [1, 64])] } },
            },
          },
        ],
        inputs: [],
        outputs: [f32(out, [1, 64])],
      };
    };
    const top = level(depth);
    return { graph: { ...top, inputs: [f32('x', [1, 64]), { name: 'c', dtype: 'bool', shape: [] }], initializers: [weight('W', [64, 64])] } };
  }

  it('nested If 22 deep analyses (each branch once) and costs the dearer branch: the MatMul', () => {
    const m = analyze(file(nestedIf(22)));
    expect(m.totals.macs).toBe(64 * 64);
    expect(m.graph.outputs[0].shape).toEqual([1, 64]);
  });

  /** F0 calls F1 twice, F1 calls F2 twice ... F(levels) is one Relu: 2^levels Relus in a chain. */
  function fanOut(levels: number, recursive = false): ModelSpec {
    const functions: FunctionSpec[] = [];
    for (let i = 0; i <= levels; i++) {
      const nodes: NodeSpec[] =
        i === levels && !recursive
          ? [{ op: 'Relu', inputs: ['a'], outputs: ['b'] }]
          : [
              { op: `F${recursive ? i : i + 1}`, domain: 'local', inputs: ['a'], outputs: ['t'] },
              { op: `F${recursive ? i : i + 1}`, domain: 'local', inputs: ['t'], outputs: ['b'] },
            ];
      functions.push({ name: `F${i}`, domain: 'local', inputs: ['a'], outputs: ['b'], nodes });
    }
    return {
      opsets: { '': 17, local: 1 },
      functions,
      graph: { nodes: [{ op: 'F0', domain: 'local', inputs: ['x'], outputs: ['y'] }], inputs: [f32('x', [1, 16])], outputs: [f32('y')] },
    };
  }

  it('a function fan-out inlines to 2^levels nodes and counts every one', () => {
    const m = analyze(file(fanOut(10)));
    expect(m.byOpType['Relu'].count).toBe(2 ** 10);
    expect(m.totals.flops).toBe(2 ** 10 * 16); // one FLOP per element per Relu
  });

  it('a fan-out past the inlining budget is refused at once, not built', () => {
    refused(file(fanOut(25)), /inlining the model's functions would create more than 2000000 nodes/);
  });

  it('a recursive function is refused', () => {
    refused(file(fanOut(1, true)), /calls functions more than 32 deep/);
  });

  /** Loop(M) nested `d + 1` deep around one Relu on [1, 4]. */
  const loop = (d: number): NodeSpec => ({
    op: 'Loop',
    inputs: ['M', '', 'x'],
    outputs: [`l${d}`],
    attrs: {
      body: {
        graph: {
          nodes: [d === 0 ? { op: 'Relu', inputs: [`x${d}`], outputs: [`y${d}`] } : { ...loop(d - 1), inputs: ['M', '', `x${d}`], outputs: [`y${d}`] }],
          inputs: [{ name: `i${d}`, dtype: 'int64', shape: [] }, { name: `c${d}`, dtype: 'bool', shape: [] }, f32(`x${d}`, [1, 4])],
          outputs: [{ name: `c${d}`, dtype: 'bool', shape: [] }, f32(`y${d}`, [1, 4])],
        },
      },
    },
  });

  it('Loop(64) nested 4 deep: unrolled up to a budget, then summarised; the figure stays exact', () => {
    const p = file({ graph: { nodes: [loop(3)], inputs: [f32('x', [1, 4])], outputs: [f32('l3')], initializers: [int64('M', [64], [])] } });
    expect(analyze(p).totals.flops).toBe(64 ** 4 * 4); // one FLOP per element per Relu run
  });

  it('the node-visit budget stops nested unrolled loops (a small budget, through the library)', () => {
    // Loop(8) inside Loop(8) inside Loop(8): 512 body runs.
    const model = decodeModel(
      encodeModel({ graph: { nodes: [loop(2)], inputs: [f32('x', [1, 4])], outputs: [f32('l2')], initializers: [int64('M', [8], [])] } }),
    );
    expect(inferModel(model).nodes[0].cost?.flops).toBe(8 ** 3 * 4);
    expect(() => inferModel(model, { maxNodeVisits: 100 })).toThrow(GraphError);
    expect(() => inferModel(model, { maxNodeVisits: 100 })).toThrow(/more than 100 node evaluations/);
  });
});

describe('numbers checked when read', () => {
  const oneNode = (node: NodeSpec, inputs: ReturnType<typeof f32>[], initializers: TensorSpec[] = [], out = 'y'): ModelSpec => ({
    graph: { nodes: [{ name: 'n', ...node }], inputs, outputs: [f32(out)], initializers },
  });

  it('initializer dims [2^31] x 3 in a tiny file: refused, not 9.9e27 params', () => {
    const p = file(oneNode({ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }, [f32('x', [1])], [weight('w', [2 ** 31, 2 ** 31, 2 ** 31])]));
    refused(p, /initializer 'w' has an absurd size \(9\.90e\+27 elements/);
  });

  it('initializer data shorter than its dims: refused', () => {
    const w: TensorSpec = { name: 'w', dtype: 'float32', dims: [4, 4], raw: new Uint8Array(10) };
    refused(
      file(oneNode({ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }, [f32('x', [4, 4])], [w])),
      /declares 16 elements .* holds 10 bytes of raw data \(64 expected\)/,
    );
  });

  it('Constant with negative dims: refused', () => {
    const t: TensorSpec = { name: 'v', dtype: 'float32', dims: [-2, -2] };
    refused(
      file(oneNode({ op: 'Constant', inputs: [], outputs: ['y'], attrs: { value: { tensor: t } } }, [])),
      /node 'n' attribute 'value' has a negative dimension \(-2\) at axis 0/,
    );
  });

  it('Constant with absurd dims: refused, not 4.6e18 elements', () => {
    const t: TensorSpec = { name: 'v', dtype: 'float32', dims: [2 ** 31, 2 ** 31] };
    refused(file(oneNode({ op: 'Constant', inputs: [], outputs: ['y'], attrs: { value: { tensor: t } } }, [])), /absurd size \(4\.61e\+18 elements/);
  });

  it('Expand to [2^40] x 3: refused, not 5.3e36 FLOPs', () => {
    const p = file(oneNode({ op: 'Expand', inputs: ['x', 's'], outputs: ['y'] }, [f32('x', [1])], [int64('s', [2 ** 40, 2 ** 40, 2 ** 40])]));
    refused(p, /node 'n' \('Expand'\): output 'y' has an absurd dimension \(1099511627776, above 2\^31\) at axis 0/);
  });

  for (const [label, scales, msg] of [
    ['negative', [1, 1, -2, -2], /scales holds -2; a scale must be positive and finite/],
    ['NaN', [1, 1, NaN, 1], /scales holds NaN/],
    ['infinite', [1, 1, Infinity, 1], /scales holds Infinity/],
  ] as const) {
    it(`Resize with ${label} scales: refused`, () => {
      const s: TensorSpec = { name: 's', dtype: 'float32', dims: [4], values: [...scales] };
      refused(file(oneNode({ op: 'Resize', inputs: ['x', '', 's'], outputs: ['y'] }, [f32('x', [1, 1, 4, 4])], [s])), msg);
    });
  }

  it('Reshape accepts only -1 and 0 as special values: -5 is refused', () => {
    refused(
      file(oneNode({ op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] }, [f32('x', [2, 3])], [int64('s', [-5, 6])])),
      /node 'n' \('Reshape'\): shape element -5 is invalid/,
    );
  });

  it('Reshape with -1 still works (control)', () => {
    const m = analyze(file(oneNode({ op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] }, [f32('x', [2, 3])], [int64('s', [-1, 2])])));
    expect(m.graph.outputs[0].shape).toEqual([3, 2]);
  });

  it('MatMul on string tensors: refused (invalid ONNX)', () => {
    const m: ModelSpec = {
      graph: {
        nodes: [{ op: 'MatMul', inputs: ['a', 'b'], outputs: ['y'], name: 'mm' }],
        inputs: [
          { name: 'a', dtype: 'string', shape: [2, 3] },
          { name: 'b', dtype: 'string', shape: [3, 4] },
        ],
        outputs: [{ name: 'y', dtype: 'string' }],
      },
    };
    refused(file(m), /node 'mm' \('MatMul'\) does arithmetic on a string tensor/);
  });

  it('an input dim given out of range through --dims-like options is refused by the library', () => {
    const model = decodeModel(encodeModel(oneNode({ op: 'Relu', inputs: ['x'], outputs: ['y'] }, [f32('x', ['n'])])));
    expect(() => inferModel(model, { dims: { n: -3 } })).toThrow(/dim 'n' is given a negative dimension/);
  });
});

describe('bounded numbers out', () => {
  it('a single MatMul past 2^53 MACs: refused', () => {
    const p = file({
      graph: {
        nodes: [{ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'], name: 'mm' }],
        inputs: [f32('x', [2 ** 20, 2 ** 20])],
        outputs: [f32('y')],
        initializers: [weight('W', [2 ** 20, 2 ** 20])],
      },
    });
    refused(p, /node 'mm' \('MatMul'\) has an absurd MAC count \(1\.15e\+18\)/);
  });

  it('totals past 2^53 from nodes each below it: refused', () => {
    // Each MatMul: 2^15 x 2^18 x 2^18 = 2^51 MACs, 2^52 FLOPs; five of them pass 2^53 FLOPs.
    const nodes: NodeSpec[] = [0, 1, 2, 3, 4].map((i) => ({ op: 'MatMul', inputs: ['x', 'W'], outputs: [`y${i}`], name: `mm${i}` }));
    const p = file({
      graph: { nodes, inputs: [f32('x', [2 ** 15, 2 ** 18])], outputs: nodes.map((n) => f32(n.outputs[0])), initializers: [weight('W', [2 ** 18, 2 ** 18])] },
    });
    refused(p, /exceeds 2\^53 .*too large to count exactly/);
  });

  it('more than 10^15 parameters: refused', () => {
    // Four weights of 2^48 elements each: 1.13e15 params.
    const names = ['w0', 'w1', 'w2', 'w3'];
    const p = file({
      graph: {
        nodes: names.map((w, i) => ({ op: 'Relu', inputs: [w], outputs: [`y${i}`] })),
        inputs: [],
        outputs: names.map((_, i) => f32(`y${i}`)),
        initializers: names.map((w) => weight(w, [2 ** 24, 2 ** 24])),
      },
    });
    refused(p, /1\.13e\+15 parameters, above the ceiling of 10\^15/);
  });
});

describe('the roofline never gives Infinity or NaN', () => {
  const base: DeviceModel = {
    id: 'npu',
    name: 'npu',
    peak: { fp32: 1e12 },
    bandwidth: 1e10,
    computeEfficiency: 0.5,
    memoryEfficiency: 0.5,
    kernelOverhead: 1e-6,
    classes: {},
    fusion: 'none',
  };
  const t = [{ name: 't', dtype: 'float32', shape: [1000] }];
  const node = { name: 'mm', opType: 'MatMul', inputs: t, outputs: t, params: 0, macs: 1e6, flops: 2e6, bytesRead: 1e6, bytesWritten: 1e6 } as never;

  it('a device with peak 0 and bandwidth 0 is refused with a user error', () => {
    expect(() => estimateLatency([node], { ...base, peak: { fp32: 0 }, bandwidth: 0 })).toThrow(UserError);
    expect(() => estimateLatency([node], { ...base, bandwidth: 0 })).toThrow(/bandwidth must be a positive, finite number/);
    expect(() => estimateLatency([node], { ...base, peak: { fp32: 0 } })).toThrow(/no positive peak figure/);
    expect(() => estimateLatency([node], { ...base, peak: { fp32: -1 } })).toThrow(/peak fp32 must be a finite number >= 0/);
    expect(() => estimateLatency([node], { ...base, computeEfficiency: 0 })).toThrow(/computeEfficiency must be in \(0, 1\]/);
    expect(() => estimateLatency([node], { ...base, peak: { fp32: 1e-320 } })).toThrow(/too small for a finite estimate/);
  });

  it('end to end: a custom device with peak 0 and bandwidth 0 is refused, one line per problem, never "Infinity ms"', () => {
    const repo = mkdtempSync(join(tmpdir(), 'mb-hostile-dev-'));
    mkdirSync(join(repo, '.git'));
    writeFileSync(
      join(repo, 'm.onnx'),
      encodeModel({ graph: { nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], inputs: [f32('x', [1, 8])], outputs: [f32('y')] } }),
    );
    writeFileSync(
      join(repo, 'budgets.yml'),
      'version: 1\ncustom-devices:\n  - id: zero\n    class: cpu\n    peak: { fp32: 0 TFLOPS }\n    bandwidth: 0 GB/s\ndevices: [zero]\nmodels:\n  - path: m.onnx\n    budgets:\n      latency: { zero: 8ms }\n',
    );
    const r = runCli('check', '--budgets', join(repo, 'budgets.yml'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // Every problem of the budgets file in one run: a header, then the peak and the bandwidth.
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/budgets\.yml:5:\d+: custom-devices\[0\]\.peak/);
    expect(lines[2]).toMatch(/budgets\.yml:6:\d+: custom-devices\[0\]\.bandwidth/);
    expect(r.stderr).not.toMatch(/Infinity|NaN/);
  });

  it('a sane device gives finite figures (control)', () => {
    const e = estimateLatency([node], base);
    expect(Number.isFinite(e.ms) && e.ms > 0).toBe(true);
  });
});

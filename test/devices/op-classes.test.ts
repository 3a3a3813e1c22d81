/**
 * The roofline's per-class rules, each on hand-built nodes with the expected time worked out
 * from the rule in the test: class efficiency and overhead, Gather by the rows it reads,
 * recurrence per time step, the cache at its boundary, and fusion standard against none.
 */
import { describe, expect, it } from 'vitest';
import { estimateLatency, im2colBytes, nodeClass, type DeviceModel } from '../../src/devices/roofline.js';
import { CLASS_EFFICIENCY, deviceModel } from '../../src/devices/efficiency.js';
import { findDevice, type Device } from '../../src/devices/catalog.js';
import type { NodeEntry, TensorEntry } from '../../src/report/model-report.js';
import type { OpClass, TimingHints } from '../../src/devices/op-class.js';
import { UserError } from '../../src/errors.js';

const PEAK = 1e12;
const BW = 1e11;
const EFF = 0.5;
const MEM = 0.5;
const OV = 1e-6;
const DRAM = BW * MEM;

function device(extra: Partial<DeviceModel> = {}): DeviceModel {
  return {
    id: 'toy',
    name: 'Toy',
    peak: { fp32: PEAK },
    bandwidth: BW,
    computeEfficiency: EFF,
    memoryEfficiency: MEM,
    kernelOverhead: OV,
    classes: {},
    fusion: 'none',
    ...extra,
  };
}

const t = (name: string, shape: number[], dtype = 'float32'): TensorEntry => ({ name, dtype, shape });
const bytesOf = (shape: number[], width = 4) => shape.reduce((a, b) => a * b, 1) * width;

interface NodeSpec {
  name?: string;
  op: string;
  inputs: TensorEntry[];
  outputs: TensorEntry[];
  flops?: number;
  opClass?: OpClass;
  timing?: TimingHints;
}

/** A node whose bytes are its tensors' (read inputs, write outputs), as the cost model counts them. */
function node(s: NodeSpec): NodeEntry {
  const read = s.inputs.reduce((a, i) => a + bytesOf(i.shape as number[], i.dtype === 'int64' ? 8 : 4), 0);
  const written = s.outputs.reduce((a, o) => a + bytesOf(o.shape as number[], o.dtype === 'int64' ? 8 : 4), 0);
  const flops = s.flops ?? 0;
  return {
    name: s.name ?? s.op,
    opType: s.op,
    inputs: s.inputs,
    outputs: s.outputs,
    params: 0,
    macs: 0,
    flops,
    bytesRead: read,
    bytesWritten: written,
    intensity: read + written ? flops / (read + written) : null,
    ...(s.opClass ? { opClass: s.opClass } : {}),
    ...(s.timing ? { timing: s.timing } : {}),
  };
}

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 15);

describe('per op class figures', () => {
  const mm = node({ op: 'MatMul', opClass: 'gemm', inputs: [t('a', [512, 512]), t('b', [512, 512])], outputs: [t('c', [512, 512])], flops: 2 * 512 ** 3 });

  it('a compute-bound gemm runs at its class efficiency', () => {
    const d = device({ classes: { gemm: { computeEfficiency: 0.8 } } });
    const est = estimateLatency([mm], d);
    const compute = (2 * 512 ** 3) / (PEAK * 0.8);
    expect(compute).toBeGreaterThan((3 * 512 * 512 * 4) / DRAM);
    close(est.nodes[0].time, compute + OV);
    expect(est.nodes[0].bound).toBe('compute');
    // A class with no figures of its own takes the device-wide efficiency.
    close(estimateLatency([{ ...mm, opClass: 'conv' }], d).nodes[0].time, (2 * 512 ** 3) / (PEAK * EFF) + OV);
  });

  it('a memory-bound gemm (a matrix-vector product) streams at its class memory efficiency; other classes at the device-wide one', () => {
    // y[1, 4096] = x[1, 4096] · W[4096, 4096]: 64 MiB of weights read once, 2 FLOPs per weight.
    const gemv = node({ op: 'MatMul', opClass: 'gemm', inputs: [t('x', [1, 4096]), t('w', [4096, 4096])], outputs: [t('y', [1, 4096])], flops: 2 * 4096 ** 2 });
    const bytes = (4096 + 4096 * 4096 + 4096) * 4;
    const d = device({ classes: { gemm: { memoryEfficiency: 0.9 } } });
    const est = estimateLatency([gemv], d);
    expect(bytes / (BW * 0.9)).toBeGreaterThan((2 * 4096 ** 2) / (PEAK * EFF));
    close(est.nodes[0].time, bytes / (BW * 0.9) + OV);
    expect(est.nodes[0].bound).toBe('memory');
    // The same bytes in an element-wise kernel: the device-wide figure.
    const add = node({
      op: 'Add',
      opClass: 'elementwise',
      inputs: [t('a', [4096, 2048]), t('b', [4096, 2048])],
      outputs: [t('c', [4096, 2048])],
      flops: 4096 * 2048,
    });
    close(estimateLatency([add], d).nodes[0].time, (3 * 4096 * 2048 * 4) / DRAM + OV);
    expect(() => estimateLatency([gemv], device({ classes: { gemm: { memoryEfficiency: 1.5 } } }))).toThrow(/gemm memory efficiency must be in \(0, 1\]/);
  });

  it('each class pays its own kernel overhead', () => {
    const d = device({ classes: { elementwise: { kernelOverhead: 5e-6 } } });
    const relu = node({ op: 'Relu', opClass: 'elementwise', inputs: [t('x', [4])], outputs: [t('y', [4])], flops: 4 });
    const sum = node({ op: 'ReduceSum', opClass: 'reduction', inputs: [t('y', [4])], outputs: [t('z', [1])], flops: 3 });
    const est = estimateLatency([relu, sum], d);
    close(est.nodes[0].time, Math.max(4 / (PEAK * EFF), 32 / DRAM) + 5e-6);
    close(est.nodes[1].time, Math.max(3 / (PEAK * EFF), 20 / DRAM) + OV);
    expect(est.nodes[0].bound).toBe('overhead');
    expect(est.byClass.elementwise!.kernels).toBe(1);
    close(est.byClass.reduction!.ms, est.nodes[1].time * 1e3);
    close(est.overheadMs, (5e-6 + OV) * 1e3);
  });

  it('a Gather costs the rows it reads (timing.bytes), not the whole table', () => {
    const rows = 16;
    const width = 256;
    const table = t('emb', [50000, width]);
    const gather = node({
      op: 'Gather',
      opClass: 'data-movement',
      inputs: [table, t('ids', [rows], 'int64')],
      outputs: [t('out', [rows, width])],
      timing: { bytes: rows * 8 + 2 * rows * width * 4 },
    });
    const est = estimateLatency([gather], device());
    close(est.nodes[0].time, (rows * 8 + 2 * rows * width * 4) / DRAM + OV);
    // Without the hint it would have read all 50,000 rows.
    close(estimateLatency([{ ...gather, timing: undefined }], device()).nodes[0].time, (gather.bytesRead! + gather.bytesWritten!) / DRAM + OV);
  });

  it('a recurrent node: the once-part, then per step an overhead and the weights re-read from the cache', () => {
    const steps = 98;
    const hidden = 64;
    const stepBytes = 3 * hidden * hidden * 4; // GRU recurrent weights, re-read every step
    const stepFlops = 2 * 3 * hidden * hidden + 10 * hidden;
    const x = t('x', [steps, 1, 32]);
    const gru = node({
      op: 'GRU',
      opClass: 'recurrent',
      inputs: [x, t('W', [1, 3 * hidden, 32]), t('R', [1, 3 * hidden, hidden])],
      outputs: [t('y', [steps, 1, 1, hidden])],
      flops: steps * stepFlops + 2 * steps * 32 * 3 * hidden,
      timing: { steps, stepBytes, stepFlops },
    });
    const cacheBw = 4e11;
    const cache = { bytes: 64 * 1024, bandwidth: cacheBw };
    expect(stepBytes).toBeLessThanOrEqual(cache.bytes);
    const onceBytes = gru.bytesRead! + gru.bytesWritten!;
    expect(onceBytes).toBeGreaterThan(cache.bytes);
    const ov = 6e-6;
    const eff = 0.3;
    const d = device({ cache, classes: { recurrent: { computeEfficiency: eff, kernelOverhead: ov } } });
    const est = estimateLatency([gru], d);
    const rate = PEAK * eff;
    const once = Math.max((2 * steps * 32 * 3 * hidden) / rate, onceBytes / DRAM) + ov;
    const perStep = ov + Math.max(stepFlops / rate, stepBytes / cacheBw);
    close(est.nodes[0].time, once + steps * perStep);
    expect(est.kernels).toBe(1);
    close(est.overheadMs, (steps + 1) * ov * 1e3);
    // Without a cache the weights come from memory every step.
    const noCache = estimateLatency([gru], device({ classes: d.classes }));
    close(noCache.nodes[0].time, once + steps * (ov + Math.max(stepFlops / rate, stepBytes / DRAM)));
  });

  it('an old report without opClass: the class comes from the op type (and the conv weights)', () => {
    const x = t('x', [1, 32, 8, 8]);
    const conv = (w: number[]) => node({ op: 'Conv', inputs: [x, t('w', w)], outputs: [t('y', [1, 32, 8, 8])] });
    expect(nodeClass(conv([32, 1, 3, 3]))).toBe('depthwise');
    expect(nodeClass(conv([32, 8, 3, 3]))).toBe('grouped');
    expect(nodeClass(conv([32, 32, 1, 1]))).toBe('conv-1x1');
    expect(nodeClass(conv([32, 32, 3, 3]))).toBe('conv');
    const video = (w: number[]) => node({ op: 'Conv', inputs: [t('v', [1, 32, 8, 8, 8]), t('w', w)], outputs: [t('y', [1, 32, 8, 8, 8])] });
    expect(nodeClass(video([32, 32, 3, 3, 3]))).toBe('conv-3d');
    expect(nodeClass(video([32, 32, 1, 1, 1]))).toBe('conv-1x1');
    expect(nodeClass(node({ op: 'Gemm', inputs: [], outputs: [] }))).toBe('gemm');
    expect(nodeClass(node({ op: 'LSTM', inputs: [], outputs: [] }))).toBe('recurrent');
    expect(nodeClass(node({ op: 'Reshape', inputs: [], outputs: [] }))).toBe('view');
    expect(nodeClass(node({ op: 'Shape', inputs: [], outputs: [] }))).toBe('shape');
    expect(nodeClass(node({ op: 'Sigmoid', inputs: [], outputs: [] }))).toBe('elementwise');
    expect(nodeClass({ ...node({ op: 'Reshape', inputs: [], outputs: [] }), domain: 'com.example' })).toBe('elementwise');
    // The class a cost rule declared wins.
    expect(nodeClass(node({ op: 'Conv', opClass: 'gemm', inputs: [x, t('w', [32, 1, 3, 3])], outputs: [] }))).toBe('gemm');
  });
});

describe('cache-aware memory time', () => {
  const add = (n: number) => node({ op: 'Add', opClass: 'elementwise', inputs: [t('a', [n]), t('b', [n])], outputs: [t('c', [n])], flops: n });
  const n = 1024;
  const bytes = 3 * n * 4;
  const cacheBw = 5e11;

  it('a working set at the cache size runs at cache bandwidth; one byte more goes to memory', () => {
    const at = estimateLatency([add(n)], device({ cache: { bytes, bandwidth: cacheBw } }));
    close(at.nodes[0].time, Math.max(n / (PEAK * EFF), bytes / cacheBw) + OV);
    expect(at.nodes[0].cached).toBe(true);
    const over = estimateLatency([add(n)], device({ cache: { bytes: bytes - 1, bandwidth: cacheBw } }));
    close(over.nodes[0].time, Math.max(n / (PEAK * EFF), bytes / DRAM) + OV);
    expect(over.nodes[0].cached).toBeUndefined();
  });

  it('no cache figures: every byte at memory bandwidth x efficiency', () => {
    close(estimateLatency([add(n)], device()).nodes[0].time, Math.max(n / (PEAK * EFF), bytes / DRAM) + OV);
  });
});

describe('fusion', () => {
  // x -> Conv -> BatchNormalization -> Relu -> Add(residual x) -> y
  const C = 8;
  const HW = 16;
  const act = [1, C, HW, HW];
  const elems = C * HW * HW;
  const convFlops = 2 * elems * C * 9;
  const nodes = (): NodeEntry[] => [
    node({ name: 'conv', op: 'Conv', opClass: 'conv', inputs: [t('x', act), t('w', [C, C, 3, 3])], outputs: [t('c', act)], flops: convFlops }),
    node({
      name: 'bn',
      op: 'BatchNormalization',
      opClass: 'normalization',
      inputs: [t('c', act), t('scale', [C]), t('bias', [C]), t('mean', [C]), t('var', [C])],
      outputs: [t('b', act)],
      flops: 2 * elems,
    }),
    node({ name: 'relu', op: 'Relu', opClass: 'elementwise', inputs: [t('b', act)], outputs: [t('r', act)], flops: elems }),
    node({ name: 'add', op: 'Add', opClass: 'elementwise', inputs: [t('r', act), t('x', act)], outputs: [t('y', act)], flops: elems }),
  ];
  const convEff = 0.7;
  const classes = { conv: { computeEfficiency: convEff }, normalization: { computeEfficiency: 0.1, kernelOverhead: 3e-6 } };
  const actBytes = elems * 4;

  it('none: every node is its own kernel, reading and writing its tensors', () => {
    const est = estimateLatency(nodes(), device({ classes }), { graphOutputs: ['y'] });
    expect(est.fusion).toBe('none');
    expect(est.kernels).toBe(4);
    const conv = Math.max(convFlops / (PEAK * convEff), (2 * actBytes + C * C * 9 * 4) / DRAM) + OV;
    const bn = Math.max((2 * elems) / (PEAK * 0.1), (2 * actBytes + 4 * C * 4) / DRAM) + 3e-6;
    const relu = Math.max(elems / (PEAK * EFF), (2 * actBytes) / DRAM) + OV;
    const add = Math.max(elems / (PEAK * EFF), (3 * actBytes) / DRAM) + OV;
    close(est.ms, (conv + bn + relu + add) * 1e3);
  });

  it('standard: BN, Relu and the residual Add fold into the conv: no launches, no intermediate traffic, the residual read', () => {
    const est = estimateLatency(nodes(), device({ classes, fusion: 'standard' }), { graphOutputs: ['y'] });
    expect(est.fusion).toBe('standard');
    expect(est.kernels).toBe(1);
    const rate = PEAK * convEff; // the producer's rate, not the normalization class's
    const conv = Math.max(convFlops / rate, (2 * actBytes + C * C * 9 * 4) / DRAM) + OV;
    const bn = Math.max((2 * elems) / rate, (4 * C * 4) / DRAM); // its parameters read
    const relu = elems / rate; // nothing extra read
    const add = Math.max(elems / rate, actBytes / DRAM); // the residual read
    close(est.ms, (conv + bn + relu + add) * 1e3);
    expect(est.nodes.map((n) => n.bound).slice(1)).toEqual(['fused', 'fused', 'fused']);
    expect(est.nodes.slice(1).map((n) => n.fusedInto)).toEqual([0, 0, 0]);
    close(est.overheadMs, OV * 1e3);
    expect(est.byClass.conv!.kernels).toBe(1);
    expect(est.byClass.elementwise!.kernels).toBe(0);
    const none = estimateLatency(nodes(), device({ classes }), { graphOutputs: ['y'] });
    expect(est.ms).toBeLessThan(none.ms);
  });

  it('an intermediate read by element-wise nodes only fuses (SiLU); one a matmul or the graph also needs stays a kernel', () => {
    // b feeds Relu and a Sigmoid tap: both element-wise, so both join the conv's kernel.
    const tap = node({ name: 'tap', op: 'Sigmoid', opClass: 'elementwise', inputs: [t('b', act)], outputs: [t('s', act)], flops: elems });
    const twice = [...nodes(), tap];
    const est = estimateLatency(twice, device({ classes, fusion: 'standard' }), { graphOutputs: ['y', 's'] });
    expect(est.nodes.map((n) => n.bound === 'fused')).toEqual([false, true, true, true, true]);
    expect(est.kernels).toBe(1);
    // b also feeds a MatMul: it must be written out, so nothing reading it folds; BN still does.
    const mm = node({ name: 'mm', op: 'MatMul', opClass: 'gemm', inputs: [t('b', act), t('w2', [HW, HW])], outputs: [t('m', act)], flops: 2 * elems * HW });
    const shared = estimateLatency([...nodes(), mm], device({ classes, fusion: 'standard' }), { graphOutputs: ['y', 'm'] });
    expect(shared.nodes.map((n) => n.bound === 'fused')).toEqual([false, true, false, false, false]);
    expect(shared.kernels).toBe(4);
    // c is a graph output: BN cannot fold it away; it runs as a kernel of its own, which takes
    // the Relu and the Add after it (as a runtime runs BN + activation), so two kernels.
    const out = estimateLatency(nodes(), device({ classes, fusion: 'standard' }), { graphOutputs: ['c', 'y'] });
    expect(out.nodes.map((n) => n.bound === 'fused')).toEqual([false, false, true, true]);
    expect(out.kernels).toBe(2);
  });

  it('views are free under standard and copies under none; shape arithmetic pays its launch under none', () => {
    const reshape = node({ op: 'Reshape', opClass: 'view', inputs: [t('x', [64, 64]), t('s', [2], 'int64')], outputs: [t('y', [4096])] });
    const shape = node({ op: 'Shape', opClass: 'shape', inputs: [t('x', [64, 64])], outputs: [t('s2', [2], 'int64')] });
    const std = estimateLatency([reshape, shape], device({ fusion: 'standard' }));
    expect(std.kernels).toBe(0);
    expect(std.ms).toBe(0);
    expect(std.nodes.map((n) => n.bound)).toEqual(['none', 'none']);
    const none = estimateLatency([reshape, shape], device());
    expect(none.kernels).toBe(2);
    close(none.nodes[0].time, (reshape.bytesRead! + reshape.bytesWritten!) / DRAM + OV);
    close(none.nodes[1].time, (shape.bytesRead! + shape.bytesWritten!) / DRAM + OV);
  });
});

describe('fusion onnxruntime: as ONNX Runtime CPU fuses, with NCHWc layout reorders', () => {
  const S = 16;
  const K = 32;
  const N = 64;
  const mmFlops = 2 * S * K * N;
  const outBytes = S * N * 4;
  // x -> MatMul(w) -> Add(bias) -> Add(residual r) -> y
  const block = (rank: 2 | 3): NodeEntry[] => {
    const sh = (last: number) => (rank === 3 ? [1, S, last] : [S, last]);
    return [
      node({ name: 'mm', op: 'MatMul', opClass: 'gemm', inputs: [t('x', sh(K)), t('w', [K, N])], outputs: [t('m', sh(N))], flops: mmFlops }),
      node({ name: 'bias', op: 'Add', opClass: 'elementwise', inputs: [t('m', sh(N)), t('b', [N])], outputs: [t('a', sh(N))], flops: S * N }),
      node({ name: 'res', op: 'Add', opClass: 'elementwise', inputs: [t('a', sh(N)), t('r', sh(N))], outputs: [t('y', sh(N))], flops: S * N }),
    ];
  };
  const graph = { graphInputs: ['x', 'r'], graphOutputs: ['y'] };
  const mm = Math.max(mmFlops / (PEAK * EFF), (S * K * 4 + K * N * 4 + outBytes) / DRAM) + OV;

  it('after a batched MatMul the epilogue is one element-wise kernel of its own; after a 2-D one it folds, as under standard', () => {
    const est = estimateLatency(block(3), device({ fusion: 'onnxruntime' }), graph);
    expect(est.fusion).toBe('onnxruntime');
    expect(est.kernels).toBe(2);
    expect(est.nodes.map((n) => n.bound === 'fused')).toEqual([false, false, true]);
    expect(est.nodes[2].fusedInto).toBe(1);
    // The bias Add reads the matmul's output and the bias and writes its own; the residual Add
    // joins it (no write of its own), reading the residual.
    const bias = Math.max((S * N) / (PEAK * EFF), (outBytes + N * 4 + outBytes) / DRAM) + OV;
    const res = Math.max((S * N) / (PEAK * EFF), outBytes / DRAM);
    close(est.ms, (mm + bias + res) * 1e3);
    const flat = estimateLatency(block(2), device({ fusion: 'onnxruntime' }), graph);
    const std = estimateLatency(block(2), device({ fusion: 'standard' }), graph);
    expect(flat.kernels).toBe(1);
    close(flat.ms, std.ms);
    expect(estimateLatency(block(3), device({ fusion: 'standard' }), graph).kernels).toBe(1);
  });

  // x [1, C, H, W] -> conv1 -> Relu -> conv2 -> y (a graph output)
  const C = 16;
  const HW = 8;
  const act = [1, C, HW, HW];
  const actBytes = C * HW * HW * 4;
  const convFlops = 2 * C * C * 9 * HW * HW;
  const convs = (cin = C): NodeEntry[] => [
    node({ name: 'c1', op: 'Conv', opClass: 'conv', inputs: [t('x', [1, cin, HW, HW]), t('w1', [C, cin, 3, 3])], outputs: [t('a', act)], flops: convFlops }),
    node({ name: 'relu', op: 'Relu', opClass: 'elementwise', inputs: [t('a', act)], outputs: [t('r', act)], flops: C * HW * HW }),
    node({ name: 'c2', op: 'Conv', opClass: 'conv', inputs: [t('r', act), t('w2', [C, C, 3, 3])], outputs: [t('y', act)], flops: convFlops }),
  ];
  const cgraph = { graphInputs: ['x'], graphOutputs: ['y'] };

  it('a run of blocked-layout convs pays a reorder in (its input fills channel blocks) and one out (to the graph output), each reading and writing its tensor', () => {
    const ort = estimateLatency(convs(), device({ fusion: 'onnxruntime' }), cgraph);
    const std = estimateLatency(convs(), device({ fusion: 'standard' }), cgraph);
    expect(std.kernels).toBe(2);
    expect(ort.kernels).toBe(4);
    const reorder = OV + (2 * actBytes) / DRAM;
    close(ort.ms, std.ms + 2 * reorder * 1e3);
    // Charged to the node that causes each: c1 (its input), c2 (its output).
    close(ort.nodes[0].time, std.nodes[0].time + reorder);
    close(ort.nodes[2].time, std.nodes[2].time + reorder);
    expect(ort.byClass['data-movement']?.kernels).toBe(2);
    close(ort.byClass['data-movement']!.ms, 2 * reorder * 1e3);
  });

  it("the block is the device's (nchwcBlock): 16 channels fill AVX-512's blocks, 24 fill AVX2's but not AVX-512's", () => {
    const reorder = OV + (2 * actBytes) / DRAM;
    const std = estimateLatency(convs(), device({ fusion: 'standard' }), cgraph);
    // 16 channels: whole blocks of 8 and of 16, converted either way.
    close(estimateLatency(convs(), device({ fusion: 'onnxruntime', nchwcBlock: 16 }), cgraph).ms, std.ms + 2 * reorder * 1e3);
    // 24 channels in and out of both convs.
    const c = 24;
    const a24 = [1, c, HW, HW];
    const f24 = 2 * c * c * 9 * HW * HW;
    const convs24: NodeEntry[] = [
      node({ name: 'c1', op: 'Conv', opClass: 'conv', inputs: [t('x', a24), t('w1', [c, c, 3, 3])], outputs: [t('a', a24)], flops: f24 }),
      node({ name: 'relu', op: 'Relu', opClass: 'elementwise', inputs: [t('a', a24)], outputs: [t('r', a24)], flops: c * HW * HW }),
      node({ name: 'c2', op: 'Conv', opClass: 'conv', inputs: [t('r', a24), t('w2', [c, c, 3, 3])], outputs: [t('y', a24)], flops: f24 }),
    ];
    const std24 = estimateLatency(convs24, device({ fusion: 'standard' }), cgraph);
    const reorder24 = OV + (2 * c * HW * HW * 4) / DRAM;
    // Blocks of 8 (the default, AVX2): three of them; converted, a reorder in and one out.
    const avx2 = estimateLatency(convs24, device({ fusion: 'onnxruntime' }), cgraph);
    expect(avx2.kernels).toBe(4);
    close(avx2.ms, std24.ms + 2 * reorder24 * 1e3);
    // Blocks of 16 (AVX-512): 24 is one and a half, so the plain layout: no reorders.
    const avx512 = estimateLatency(convs24, device({ fusion: 'onnxruntime', nchwcBlock: 16 }), cgraph);
    expect(avx512.kernels).toBe(2);
    close(avx512.ms, std24.ms);
    expect(() => estimateLatency(convs24, device({ fusion: 'onnxruntime', nchwcBlock: 0 }), cgraph)).toThrow(/NCHWc block/);
  });

  it("a grouped conv on ONNX Runtime also moves its im2col buffer (C_in x taps x output positions, written and read) at the cache's rate", () => {
    // 128 channels in 32 groups of 4, 3x3, 56x56 in and out: the buffer is 128 x 9 x 3136 floats.
    const g = node({
      op: 'Conv',
      opClass: 'grouped',
      inputs: [t('x', [1, 128, 56, 56]), t('w', [128, 4, 3, 3])],
      outputs: [t('y', [1, 128, 56, 56])],
      flops: 2 * 128 * 4 * 9 * 3136,
    });
    expect(im2colBytes(g)).toBe(2 * 128 * 9 * 3136 * 4);
    const cache = { bytes: 64 << 20, bandwidth: 2e11 };
    const std = estimateLatency([g], device({ fusion: 'standard', cache }), { graphInputs: ['x'], graphOutputs: ['y'] });
    const ort = estimateLatency([g], device({ fusion: 'onnxruntime', cache }), { graphInputs: ['x'], graphOutputs: ['y'] });
    close(ort.ms, std.ms + ((2 * 128 * 9 * 3136 * 4) / 2e11) * 1e3);
    close(ort.memoryMs, std.memoryMs + ((2 * 128 * 9 * 3136 * 4) / 2e11) * 1e3);
    // No cache: at the memory rate.
    const noCache = estimateLatency([g], device({ fusion: 'onnxruntime' }), { graphInputs: ['x'], graphOutputs: ['y'] });
    close(
      noCache.ms,
      estimateLatency([g], device({ fusion: 'standard' }), { graphInputs: ['x'], graphOutputs: ['y'] }).ms + ((2 * 128 * 9 * 3136 * 4) / DRAM) * 1e3,
    );
    // A pointwise conv reads its input as it is; a strided 1x1 does gather.
    const pw = node({ op: 'Conv', opClass: 'grouped', inputs: [t('x', [1, 64, 8, 8]), t('w', [64, 8, 1, 1])], outputs: [t('y', [1, 64, 8, 8])], flops: 1 });
    expect(im2colBytes(pw)).toBe(0);
    const strided = node({
      op: 'Conv',
      opClass: 'grouped',
      inputs: [t('x', [1, 64, 8, 8]), t('w', [64, 8, 1, 1])],
      outputs: [t('y', [1, 64, 4, 4])],
      flops: 1,
    });
    expect(im2colBytes(strided)).toBe(2 * 64 * 16 * 4);
  });

  it('a stem conv reading 3 channels takes the plain tensor as it is: only the reorder out', () => {
    const ort = estimateLatency(convs(3), device({ fusion: 'onnxruntime' }), cgraph);
    const std = estimateLatency(convs(3), device({ fusion: 'standard' }), cgraph);
    expect(ort.kernels).toBe(3);
    close(ort.ms, std.ms + (OV + (2 * actBytes) / DRAM) * 1e3);
  });

  it('views launch a kernel that moves no data; shape arithmetic does only when the dims are symbolic', () => {
    const reshape = node({ op: 'Reshape', opClass: 'view', inputs: [t('x', [64, 64]), t('s', [2], 'int64')], outputs: [t('y', [4096])] });
    const shape = node({ op: 'Shape', opClass: 'shape', inputs: [t('x', [64, 64])], outputs: [t('s2', [2], 'int64')] });
    const dropout = node({ op: 'Dropout', opClass: 'view', inputs: [t('x', [64, 64])], outputs: [t('d', [64, 64])] });
    const classes = { view: { kernelOverhead: 2e-7 }, shape: { kernelOverhead: 1e-7 } };
    const fixed = estimateLatency([reshape, shape, dropout], device({ fusion: 'onnxruntime', classes }), { graphInputs: ['x'] });
    expect(fixed.nodes.map((n) => n.bound)).toEqual(['overhead', 'none', 'none']);
    close(fixed.ms, 2e-7 * 1e3);
    const dynamic = estimateLatency([reshape, shape, dropout], device({ fusion: 'onnxruntime', classes }), { graphInputs: ['x'], dynamicShapes: true });
    expect(dynamic.kernels).toBe(2);
    close(dynamic.ms, (2e-7 + 1e-7) * 1e3);
  });
});

describe('run overhead and class memory rates', () => {
  const add = node({ op: 'Add', opClass: 'elementwise', inputs: [t('a', [1024]), t('b', [1024])], outputs: [t('c', [1024])], flops: 1024 });

  it("the device's run overhead is added once to the model, in ms and overheadMs", () => {
    const without = estimateLatency([add, { ...add, name: 'add2' }], device());
    const withRun = estimateLatency([add, { ...add, name: 'add2' }], device({ runOverhead: 20e-6 }));
    close(withRun.ms, without.ms + 20e-3);
    close(withRun.overheadMs, without.overheadMs + 20e-3);
    close(withRun.runOverheadMs, 20e-3);
    expect(without.runOverheadMs).toBe(0);
  });

  it('the thread wake is charged once to a pass with a multi-threaded kernel: 256 Ki FLOPs, 256 KiB moved, or attention', () => {
    const wake = { threadWake: 9e-6 };
    // 1024-element Add: 1024 FLOPs, 12 KiB moved: on the calling thread, no wake.
    const small = estimateLatency([add, { ...add, name: 'add2' }], device(wake));
    close(small.ms, estimateLatency([add, { ...add, name: 'add2' }], device()).ms);
    expect(small.threadWakeMs).toBe(0);
    // A 64 x 64 x 64 MatMul: 2 x 64^3 = 524,288 FLOPs >= 262,144: one wake, even with two of them.
    const mm = node({ op: 'MatMul', opClass: 'gemm', inputs: [t('x', [64, 64]), t('w', [64, 64])], outputs: [t('y', [64, 64])], flops: 2 * 64 ** 3 });
    const two = [mm, { ...mm, name: 'mm2' }];
    const woken = estimateLatency(two, device(wake));
    close(woken.ms, estimateLatency(two, device()).ms + 9e-3);
    close(woken.overheadMs, estimateLatency(two, device()).overheadMs + 9e-3);
    close(woken.threadWakeMs, 9e-3);
    // An Add over 32 Ki floats: 3 x 128 KiB = 384 KiB moved >= 256 KiB, though only 32 Ki FLOPs.
    const big = node({ op: 'Add', opClass: 'elementwise', inputs: [t('a', [32768]), t('b', [32768])], outputs: [t('c', [32768])], flops: 32768 });
    close(estimateLatency([big], device(wake)).threadWakeMs, 9e-3);
    // An attention kernel fans out over its heads whatever its size.
    const attn = node({ op: 'GroupQueryAttention', opClass: 'attention', inputs: [t('q', [1, 1, 64])], outputs: [t('o', [1, 1, 64])], flops: 4096 });
    close(estimateLatency([attn], device(wake)).threadWakeMs, 9e-3);
  });

  it('a class with a memory efficiency of its own reads the cache in the same ratio to the device-wide figure', () => {
    const gemv = node({ op: 'MatMul', opClass: 'gemm', inputs: [t('x', [1, 256]), t('w', [256, 256])], outputs: [t('y', [1, 256])], flops: 2 * 256 * 256 });
    const bytes = (256 + 256 * 256 + 256) * 4;
    const cache = { bytes: 1 << 20, bandwidth: 2e11 };
    const est = estimateLatency([gemv], device({ cache, classes: { gemm: { memoryEfficiency: 2 * MEM } } }));
    close(est.nodes[0].time, Math.max((2 * 256 * 256) / (PEAK * EFF), bytes / (2e11 * 2)) + OV);
    expect(est.nodes[0].cached).toBe(true);
  });
});

describe('device defaults (efficiency.ts)', () => {
  const pi5 = findDevice('raspberry-pi-5')!;

  it('every device class fuses (standard) and states why', () => {
    for (const e of Object.values(CLASS_EFFICIENCY)) {
      expect(e.fusion).toBe('standard');
      expect(e.fusionBasis.length).toBeGreaterThan(20);
      for (const c of Object.values(e.classes)) expect(c.basis.length).toBeGreaterThan(20);
    }
  });

  it('class figures are factors on the device-wide ones, so an override keeps their ratios; a class figure given wins', () => {
    const e = CLASS_EFFICIENCY['sbc-cpu'];
    const d = deviceModel(pi5);
    expect(d.fusion).toBe('standard');
    close(d.classes.gemm!.computeEfficiency!, Math.min(1, e.classes.gemm!.computeFactor! * e.compute));
    close(d.classes.depthwise!.computeEfficiency!, e.classes.depthwise!.computeFactor! * e.compute);
    const tuned = deviceModel(pi5, { computeEfficiency: 0.3, classes: { depthwise: { computeEfficiency: 0.05, kernelOverhead: 2e-5 } }, fusion: 'none' });
    close(tuned.classes.gemm!.computeEfficiency!, e.classes.gemm!.computeFactor! * 0.3);
    expect(tuned.classes.depthwise).toEqual({ computeEfficiency: 0.05, kernelOverhead: 2e-5 });
    expect(tuned.fusion).toBe('none');
  });

  it("a catalog device's cache becomes the model's; an override wins", () => {
    const withCache: Device = { ...pi5, cache: { size: { value: 2 ** 21, source: 'x' }, bandwidth: { value: 5e10, source: 'x' } } };
    expect(deviceModel(withCache).cache).toEqual({ bytes: 2 ** 21, bandwidth: 5e10 });
    expect(deviceModel(withCache, { cache: { bytes: 1, bandwidth: 2 } }).cache).toEqual({ bytes: 1, bandwidth: 2 });
    expect(deviceModel({ ...withCache, cache: undefined }).cache).toBeUndefined();
  });

  it('refuses class and cache figures that would make the estimate meaningless', () => {
    const relu = node({ op: 'Relu', opClass: 'elementwise', inputs: [t('x', [4])], outputs: [t('y', [4])], flops: 4 });
    expect(() => estimateLatency([relu], device({ classes: { gemm: { computeEfficiency: 0 } } }))).toThrow(UserError);
    expect(() => estimateLatency([relu], device({ classes: { gemm: { kernelOverhead: -1 } } }))).toThrow(/gemm kernel overhead/);
    expect(() => estimateLatency([relu], device({ cache: { bytes: 10, bandwidth: 0 } }))).toThrow(/cache bandwidth/);
  });
});

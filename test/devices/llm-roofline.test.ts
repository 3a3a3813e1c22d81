/**
 * Two roofline rules an LLM decode step depends on (issue 13), on hand-built nodes with the
 * expected time worked out from the rule:
 * - what a run reads from outside itself (weights, graph inputs) comes from memory at each node
 *   when it does not all fit in the cache, even where one node's share would;
 * - a reduction takes its element-wise tail (RMSNorm written out: ReduceMean, Add eps, Sqrt, Div)
 *   into its kernel under standard fusion.
 */
import { describe, expect, it } from 'vitest';
import { estimateLatency, type DeviceModel } from '../../src/devices/roofline.js';
import type { NodeEntry, TensorEntry } from '../../src/report/model-report.js';
import type { OpClass } from '../../src/devices/op-class.js';

const PEAK = 1e12;
const BW = 1e11;
const MEM = 0.5;
const DRAM = BW * MEM;
const OV = 1e-6;
const CACHE_BW = 1e12;

const device = (extra: Partial<DeviceModel> = {}): DeviceModel => ({
  id: 'toy',
  name: 'Toy',
  peak: { fp16: PEAK },
  bandwidth: BW,
  computeEfficiency: 0.5,
  memoryEfficiency: MEM,
  kernelOverhead: OV,
  classes: {},
  fusion: 'none',
  ...extra,
});

const t = (name: string, shape: number[]): TensorEntry => ({ name, dtype: 'float16', shape });
const bytes = (shape: number[]) => shape.reduce((a, b) => a * b, 1) * 2;

function node(name: string, op: string, opClass: OpClass, inputs: TensorEntry[], outputs: TensorEntry[], flops = 0): NodeEntry {
  const read = inputs.reduce((a, i) => a + bytes(i.shape as number[]), 0);
  const written = outputs.reduce((a, o) => a + bytes(o.shape as number[]), 0);
  return { name, opType: op, opClass, inputs, outputs, params: 0, macs: 0, flops, bytesRead: read, bytesWritten: written, intensity: null };
}

describe('weights and inputs from memory when they do not all fit in the cache', () => {
  // A batch-1 decode chain: x [1, K] -> MatMul w1 [K, K] -> MatMul w2 [K, K]; each weight alone fits.
  const K = 64;
  const W = bytes([K, K]);
  const act = bytes([1, K]);
  const nodes = [
    node('mm1', 'MatMul', 'gemm', [t('x', [1, K]), t('w1', [K, K])], [t('h', [1, K])], 2 * K * K),
    node('mm2', 'MatMul', 'gemm', [t('h', [1, K]), t('w2', [K, K])], [t('y', [1, K])], 2 * K * K),
  ];

  it('each weight comes from memory although it fits: the run before read the other one', () => {
    // The cache holds one weight and the activations, not both weights and the input.
    const cache = { bytes: W + 4 * act, bandwidth: CACHE_BW };
    const est = estimateLatency(nodes, device({ cache }));
    const compute = (2 * K * K) / (PEAK * 0.5);
    // mm1: the weight and the graph input x from memory, its output written to the cache.
    const mm1 = Math.max(compute, (W + act) / DRAM + act / CACHE_BW) + OV;
    // mm2: the weight from memory; h, written by mm1, and y from the cache.
    const mm2 = Math.max(compute, W / DRAM + (2 * act) / CACHE_BW) + OV;
    expect(est.nodes[0].time).toBeCloseTo(mm1, 15);
    expect(est.nodes[1].time).toBeCloseTo(mm2, 15);
  });

  it('when everything from outside fits, every node keeps the per-node cache rule', () => {
    const cache = { bytes: 2 * W + 4 * act, bandwidth: CACHE_BW };
    const est = estimateLatency(nodes, device({ cache }));
    const compute = (2 * K * K) / (PEAK * 0.5);
    for (const n of est.nodes) expect(n.time).toBeCloseTo(Math.max(compute, (W + 2 * act) / CACHE_BW) + OV, 15);
    expect(est.nodes.every((n) => n.cached)).toBe(true);
  });
});

describe("a reduction's element-wise tail fuses into it (standard)", () => {
  // RMSNorm's statistics as torch writes them: ReduceMean over the row, + eps, Sqrt, 1 / x.
  const R = 8;
  const D = 4096;
  const nodes = [
    node('mean', 'ReduceMean', 'reduction', [t('x', [R, D])], [t('m', [R, 1])], R * D),
    node('add', 'Add', 'elementwise', [t('m', [R, 1]), t('eps', [])], [t('v', [R, 1])], R),
    node('sqrt', 'Sqrt', 'elementwise', [t('v', [R, 1])], [t('s', [R, 1])], R),
    node('div', 'Div', 'elementwise', [t('one', []), t('s', [R, 1])], [t('r', [R, 1])], R),
  ];

  it('one kernel under standard, four under none', () => {
    const std = estimateLatency(nodes, device({ fusion: 'standard' }), { graphOutputs: ['r'], graphInputs: ['x'] });
    expect(std.kernels).toBe(1);
    expect(std.nodes.map((n) => n.bound).slice(1)).toEqual(['fused', 'fused', 'fused']);
    expect(std.nodes.slice(1).map((n) => n.fusedInto)).toEqual([0, 0, 0]);
    // The tail's FLOPs at the reduction's rate; only its extra inputs (eps, one) read.
    const rate = PEAK * 0.5;
    const mean = Math.max((R * D) / rate, (bytes([R, D]) + bytes([R, 1])) / DRAM) + OV;
    const tail = Math.max(R / rate, 2 / DRAM) + R / rate + Math.max(R / rate, 2 / DRAM);
    expect(std.ms).toBeCloseTo((mean + tail) * 1e3, 12);
    expect(estimateLatency(nodes, device(), { graphOutputs: ['r'] }).kernels).toBe(4);
  });
});

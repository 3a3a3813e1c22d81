/**
 * The roofline arithmetic on hand-built graphs, and two public measurements: a large bf16 GEMM
 * on H100 SXM (best-shape GEMM reaches about 80% of the dense peak) and a large fp32
 * elementwise add (streaming reaches about 85-95% of spec bandwidth).
 */
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel } from '../../src/analysis/infer.js';
import { modelReport, type ModelReport } from '../../src/report/model-report.js';
import { estimateLatency, effectivePrecision, nodePrecision, type DeviceModel } from '../../src/devices/roofline.js';
import { deviceModel } from '../../src/devices/efficiency.js';
import { findDevice } from '../../src/devices/catalog.js';
import { encodeModel, type ModelSpec } from '../helpers/encode.js';

function report(spec: ModelSpec): ModelReport {
  const r = inferModel(decodeModel(encodeModel(spec)));
  return modelReport({ path: 'm.onnx', fileBytes: 0, format: { format: 'onnx', version: 8, producer: '' }, notices: [] }, r);
}

const toy: DeviceModel = {
  id: 'toy',
  name: 'Toy',
  peak: { fp32: 1e12, int8: 4e12 },
  bandwidth: 1e11,
  computeEfficiency: 0.5,
  memoryEfficiency: 0.5,
  kernelOverhead: 1e-6,
  classes: {},
  fusion: 'none',
};

const matmul = (n: number, dtype: 'float32' | 'float16' | 'bfloat16' = 'float32'): ModelSpec => ({
  graph: {
    nodes: [{ op: 'MatMul', inputs: ['a', 'b'], outputs: ['c'] }],
    inputs: [
      { name: 'a', dtype, shape: [n, n] },
      { name: 'b', dtype, shape: [n, n] },
    ],
    outputs: [{ name: 'c', dtype }],
  },
});

const add = (n: number): ModelSpec => ({
  graph: {
    nodes: [{ op: 'Add', inputs: ['a', 'b'], outputs: ['c'] }],
    inputs: [
      { name: 'a', dtype: 'float32', shape: [n] },
      { name: 'b', dtype: 'float32', shape: [n] },
    ],
    outputs: [{ name: 'c', dtype: 'float32' }],
  },
});

describe('roofline arithmetic', () => {
  it('a large matmul is compute-bound: time = FLOPs / (peak x efficiency) + overhead', () => {
    const n = 1024;
    const est = estimateLatency(report(matmul(n)).nodes, toy);
    const flops = 2 * n * n * n;
    const bytes = 3 * n * n * 4;
    const compute = flops / (1e12 * 0.5);
    const memory = bytes / (1e11 * 0.5);
    expect(compute).toBeGreaterThan(memory);
    expect(est.ms).toBeCloseTo((compute + 1e-6) * 1e3, 9);
    expect(est.bound).toBe('compute');
    expect(est.nodes[0].bound).toBe('compute');
    expect(est.ridgePoint).toBe(1e12 / 1e11);
    expect(est.utilization).toBeCloseTo(flops / ((compute + 1e-6) * 1e12), 9);
  });

  it('an elementwise add is memory-bound: time = bytes / (bandwidth x efficiency) + overhead', () => {
    const n = 1 << 20;
    const est = estimateLatency(report(add(n)).nodes, toy);
    const memory = (3 * n * 4) / (1e11 * 0.5);
    expect(est.ms).toBeCloseTo((memory + 1e-6) * 1e3, 9);
    expect(est.bound).toBe('memory');
    const r = report(add(n));
    expect(r.nodes[0].intensity).toBeCloseTo(n / (3 * n * 4), 12);
  });

  it('tiny kernels are overhead-bound, and the model is the sum of its nodes', () => {
    const r = report({
      graph: {
        nodes: [
          { op: 'Relu', inputs: ['x'], outputs: ['h'] },
          { op: 'Relu', inputs: ['h'], outputs: ['y'] },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [4] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
      },
    });
    const est = estimateLatency(r.nodes, toy);
    const perNode = Math.max(4 / (1e12 * 0.5), 32 / (1e11 * 0.5)) + 1e-6;
    expect(est.ms).toBeCloseTo(2 * perNode * 1e3, 12);
    expect(est.bound).toBe('overhead');
    expect(est.kernels).toBe(2);
  });

  it('views and shape arithmetic launch no kernel under standard fusion; under none each is a kernel', () => {
    const r = report({
      graph: {
        nodes: [
          { op: 'Shape', inputs: ['x'], outputs: ['s'] },
          { op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] },
        ],
        inputs: [{ name: 'x', dtype: 'float32', shape: [2, 3] }],
        outputs: [{ name: 'y', dtype: 'float32' }],
      },
    });
    const est = estimateLatency(r.nodes, { ...toy, fusion: 'standard' });
    expect(est.kernels).toBe(0);
    expect(est.ms).toBe(0);
    // Under none, the Reshape is a copy: its bytes read and written, plus a launch.
    const none = estimateLatency(r.nodes, toy);
    expect(none.kernels).toBe(2);
    const copy = (r.nodes[1].bytesRead! + r.nodes[1].bytesWritten!) / (1e11 * 0.5) + 1e-6;
    expect(none.nodes[1].time).toBeCloseTo(copy, 15);
    expect(none.nodes[1].bound).toBe('overhead');
  });

  it('precision comes from input dtypes; a missing one falls back with a notice', () => {
    const r = report(matmul(256, 'float16'));
    expect(nodePrecision(r.nodes[0])).toBe('fp16');
    expect(effectivePrecision(toy, 'fp16')).toBe('fp32');
    const est = estimateLatency(r.nodes, toy);
    expect(est.precision).toBe('fp32');
    expect(est.notices.join()).toMatch(/toy has no fp16 peak: fp16 work estimated at fp32/);
  });

  it('a deployment precision overrides the file dtypes', () => {
    const n = 2048;
    const est = estimateLatency(report(matmul(n)).nodes, toy, { precision: 'int8' });
    expect(est.precision).toBe('int8');
    const compute = (2 * n ** 3) / (4e12 * 0.5);
    expect(est.ms).toBeCloseTo((compute + 1e-6) * 1e3, 9);
  });
});

describe('against public measurements (H100 SXM)', () => {
  const h100 = deviceModel(findDevice('h100-sxm')!);

  it('8192^3 bf16 GEMM: within 25% of the time the measured 80.3% of peak implies', () => {
    // stas00/ml-engineering MAMF: best-shape bf16 matmul on H100 SXM reaches 794.5 TFLOPS of 989.4 dense.
    const n = 8192;
    const measuredFlops = 794.5e12;
    const implied = (2 * n ** 3) / measuredFlops;
    const est = estimateLatency(report(matmul(n, 'bfloat16')).nodes, h100);
    expect(est.bound).toBe('compute');
    expect(Math.abs(est.ms / 1e3 - implied) / implied).toBeLessThan(0.25);
  });

  it('2^28-element fp32 add: within 25% of the time streaming at 85-95% of spec bandwidth implies', () => {
    const n = 2 ** 28;
    const bytes = 3 * n * 4;
    const est = estimateLatency(report(add(n)).nodes, h100);
    expect(est.bound).toBe('memory');
    for (const share of [0.85, 0.95]) {
      const implied = bytes / (share * h100.bandwidth);
      expect(Math.abs(est.ms / 1e3 - implied) / implied).toBeLessThan(0.25);
    }
  });
});

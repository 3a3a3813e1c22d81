/**
 * TFLite recurrent kernels: LSTM / RNN / SVDF MACs and FLOPs from the formulas in
 * src/ops/tflite/rnn.ts, worked out here from H, I, P, T, B.
 */
import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../../helpers/op.js';
import type { TensorInfo } from '../../../src/graph/info.js';

const TFL = 'tflite';
const f = (shape: number[]) => t('float32', shape);

/** The 24 inputs of UNIDIRECTIONAL_SEQUENCE_LSTM; `omit` indices left out. */
function lstmInputs(x: number[], i: number, h: number, o: { cifg?: boolean; peephole?: boolean; proj?: number; batch: number }) {
  const p = o.proj ?? h;
  const inputs: (TensorInfo | undefined)[] = [f(x)];
  for (let g = 0; g < 4; g++) inputs.push(f([h, i]));
  for (let g = 0; g < 4; g++) inputs.push(f([h, p]));
  for (let g = 0; g < 3; g++) inputs.push(o.peephole ? f([h]) : undefined);
  for (let g = 0; g < 4; g++) inputs.push(f([h]));
  inputs.push(o.proj ? f([p, h]) : undefined, o.proj ? f([p]) : undefined);
  inputs.push(f([o.batch, p]), f([o.batch, h]));
  for (let g = 0; g < 4; g++) inputs.push(undefined);
  const omit = inputs.flatMap((v, k) => (v === undefined ? [k] : []));
  if (o.cifg) {
    omit.push(1, 5, 12);
    inputs[1] = inputs[5] = inputs[12] = undefined;
  }
  return { inputs, omit };
}

describe('UNIDIRECTIONAL_SEQUENCE_LSTM', () => {
  it('batch-major [B, T, I], no projection: MACs = T·B·4H(I + H), the gate FLOPs per the table', () => {
    const [b, T, i, h] = [2, 10, 16, 32];
    const { inputs, omit } = lstmInputs([b, T, i], i, h, { batch: b });
    const r = runOp('UNIDIRECTIONAL_SEQUENCE_LSTM', { domain: TFL, inputs, omit, attrs: { time_major: 0, fused_activation_function: 'TANH' } });
    expect(outShape(r)).toEqual([b, T, h]);
    const macs = T * b * 4 * h * (i + h);
    // per step: 4H sums + 4H biases + 3·4H sigmoids + H tanh + 3H cell update + H tanh + H output
    const step = 4 * h + 4 * h + 12 * h + h + 3 * h + h + h;
    expect(r.cost).toMatchObject({ macs, flops: 2 * macs + T * b * step, coreMacs: 0 });
    expect(r.cost?.timing).toEqual({ steps: T, stepFlops: b * (2 * 4 * h * h + step), stepBytes: 4 * 4 * h * h });
    expect(r.opClass).toBe('recurrent');
  });

  it('time-major, CIFG, peepholes and a projection', () => {
    const [T, b, i, h, p] = [5, 1, 8, 20, 12];
    const { inputs, omit } = lstmInputs([T, b, i], i, h, { batch: b, cifg: true, peephole: true, proj: p });
    // CIFG has no input-to-input peephole either
    inputs[9] = undefined;
    omit.push(9);
    const r = runOp('UNIDIRECTIONAL_SEQUENCE_LSTM', { domain: TFL, inputs, omit, attrs: { time_major: 1, fused_activation_function: 'TANH', cell_clip: 10 } });
    expect(outShape(r)).toEqual([T, b, p]);
    const perStep = 3 * h * i + 3 * h * p + p * h;
    expect(r.cost?.macs).toBe(T * b * perStep);
    // 3H sums + 3H biases + 2 peepholes (2H each) + 2 sigmoid gates (4H) + H (1 - f) + H tanh + 3H + H clip + H tanh + H + P proj bias
    const step = 3 * h + 3 * h + 2 * 2 * h + 2 * 4 * h + h + h + 3 * h + h + h + h + p;
    expect(r.cost?.flops).toBe(2 * T * b * perStep + T * b * step);
  });
});

describe('BIDIRECTIONAL_SEQUENCE_LSTM', () => {
  it('two directions, merged outputs', () => {
    const [T, b, i, h] = [6, 1, 4, 8];
    const inputs = new Array<TensorInfo | undefined>(48).fill(undefined);
    inputs[0] = f([T, b, i]);
    for (const base of [1, 18]) {
      for (let g = 0; g < 4; g++) inputs[base + g] = f([h, i]);
      for (let g = 0; g < 4; g++) inputs[base + 4 + g] = f([h, h]);
      for (let g = 0; g < 4; g++) inputs[base + 11 + g] = f([h]);
    }
    const omit = inputs.flatMap((v, k) => (v === undefined ? [k] : []));
    const r = runOp('BIDIRECTIONAL_SEQUENCE_LSTM', {
      domain: TFL,
      inputs,
      omit,
      attrs: { time_major: 1, merge_outputs: 1, fused_activation_function: 'TANH' },
    });
    expect(outShape(r)).toEqual([T, b, 2 * h]);
    expect(r.cost?.macs).toBe(2 * T * b * 4 * h * (i + h));
    expect(r.cost?.timing?.steps).toBe(2 * T);
  });
});

describe('RNN kernels', () => {
  it('UNIDIRECTIONAL_SEQUENCE_RNN: MACs T·B·H(I + H); FLOPs + H sum + H bias + H·act', () => {
    const [b, T, i, h] = [3, 7, 5, 9];
    const r = runOp('UNIDIRECTIONAL_SEQUENCE_RNN', {
      domain: TFL,
      inputs: [f([b, T, i]), f([h, i]), f([h, h]), f([h]), f([b, h])],
      attrs: { time_major: 0, fused_activation_function: 'RELU6' },
    });
    expect(outShape(r)).toEqual([b, T, h]);
    const macs = T * b * h * (i + h);
    expect(r.cost?.macs).toBe(macs);
    expect(r.cost?.flops).toBe(2 * macs + T * b * (h + h + 2 * h));
  });

  it('RNN (one step) and BIDIRECTIONAL_SEQUENCE_RNN', () => {
    const one = runOp('RNN', { domain: TFL, inputs: [f([2, 5]), f([4, 5]), f([4, 4]), f([4]), f([2, 4])], attrs: { fused_activation_function: 'TANH' } });
    expect(outShape(one)).toEqual([2, 4]);
    expect(one.cost?.macs).toBe(2 * 4 * (5 + 4));
    const bi = runOp('BIDIRECTIONAL_SEQUENCE_RNN', {
      domain: TFL,
      inputs: [f([3, 1, 5]), f([4, 5]), f([4, 4]), f([4]), f([1, 4]), f([6, 5]), f([6, 6]), f([6]), f([1, 6])],
      attrs: { time_major: 1, merge_outputs: 0, fused_activation_function: 'TANH' },
      outputs: 2,
    });
    expect(outShape(bi, 0)).toEqual([3, 1, 4]);
    expect(outShape(bi, 1)).toEqual([3, 1, 6]);
    expect(bi.cost?.macs).toBe(3 * (4 * (5 + 4) + 6 * (5 + 6)));
  });
});

describe('LSTM (one step)', () => {
  it('FULL kernel: one step of the sequence formula', () => {
    const { inputs, omit } = lstmInputs([2, 16], 16, 8, { batch: 2 });
    const r = runOp('LSTM', { domain: TFL, inputs, omit, attrs: { kernel_type: 'FULL', fused_activation_function: 'TANH' } });
    expect(outShape(r)).toEqual([2, 8]);
    expect(r.cost?.macs).toBe(2 * 4 * 8 * (16 + 8));
  });

  it('BASIC kernel: weights [4H, I + H]', () => {
    const r = runOp('LSTM', {
      domain: TFL,
      inputs: [f([1, 10]), f([1, 6]), f([24, 16]), f([24]), f([1, 6])],
      attrs: { kernel_type: 'BASIC', fused_activation_function: 'TANH' },
      outputs: 4,
    });
    expect(outShape(r, 0)).toEqual([1, 6]);
    expect(outShape(r, 2)).toEqual([1, 16]);
    expect(r.cost?.macs).toBe(24 * 16);
  });
});

describe('SVDF', () => {
  it('keyword-spotting shape: MACs B·(F·I + F·M), FLOPs + units(rank - 1) + bias + act', () => {
    const [b, i, units, rank, m] = [1, 40, 32, 2, 10];
    const F = units * rank;
    const r = runOp('SVDF', {
      domain: TFL,
      inputs: [f([b, i]), t('int8', [F, i]), t('int16', [F, m]), t('int32', [units]), t('int16', [b, m * F])],
      attrs: { rank, fused_activation_function: 'RELU' },
    });
    expect(outShape(r)).toEqual([b, units]);
    const macs = b * (F * i + F * m);
    expect(r.cost).toEqual({ macs, flops: 2 * macs + b * (units * (rank - 1) + units + units), coreMacs: 0 });
    expect(r.opClass).toBe('recurrent');
  });
});

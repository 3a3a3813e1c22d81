import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../helpers/op.js';

// Per-element activation counts from the table in src/ops/rnn.ts.
const SIGMOID = 4;
const TANH = 1;
const RELU = 1;

describe('LSTM', () => {
  const T = 10; // seq_length
  const B = 3; // batch
  const I = 16; // input_size
  const H = 32; // hidden_size

  it('forward: shapes of Y, Y_h, Y_c', () => {
    const r = runOp('LSTM', {
      inputs: [t('float32', [T, B, I]), t('float32', [1, 4 * H, I]), t('float32', [1, 4 * H, H])],
      attrs: { hidden_size: H },
      outputs: 3,
    });
    expect(outShape(r, 0)).toEqual([T, 1, B, H]);
    expect(outShape(r, 1)).toEqual([1, B, H]);
    expect(outShape(r, 2)).toEqual([1, B, H]);
    // Every time step, every gate: 4·H·(I + H) MACs per step and batch row.
    const macs = T * B * 4 * H * (I + H);
    const elementwise = T * B * (4 * H + 3 * H * SIGMOID + H * TANH + H * TANH + 3 * H + H);
    expect(r.cost).toMatchObject({ macs, flops: 2 * macs + elementwise, coreMacs: 0 });
  });

  it('bidirectional with bias and peepholes, hidden size from R', () => {
    const r = runOp('LSTM', {
      inputs: [
        t('float32', [T, B, I]),
        t('float32', [2, 4 * H, I]),
        t('float32', [2, 4 * H, H]),
        t('float32', [2, 8 * H]),
        undefined,
        undefined,
        undefined,
        t('float32', [2, 3 * H]),
      ],
      omit: [4, 5, 6],
      attrs: { direction: 'bidirectional' },
      outputs: 3,
    });
    expect(outShape(r, 0)).toEqual([T, 2, B, H]);
    const macs = 2 * T * B * 4 * H * (I + H);
    const perStep = 4 * H + 8 * H + 6 * H + 3 * H * SIGMOID + H * TANH + H * TANH + 3 * H + H;
    expect(r.cost).toMatchObject({ macs, flops: 2 * macs + 2 * T * B * perStep, coreMacs: 0 });
  });

  it('layout = 1 (opset 14)', () => {
    const r = runOp('LSTM', {
      inputs: [t('float32', [B, T, I]), t('float32', [1, 4 * H, I]), t('float32', [1, 4 * H, H])],
      attrs: { hidden_size: H, layout: 1 },
      outputs: 3,
      opset: 14,
    });
    expect(outShape(r, 0)).toEqual([B, T, 1, H]);
    expect(outShape(r, 1)).toEqual([B, 1, H]);
    expect(r.cost?.macs).toBe(T * B * 4 * H * (I + H));
  });

  it('unknown seq length: shape partly known, no cost', () => {
    const r = runOp('LSTM', {
      inputs: [t('float32', ['seq', B, I]), t('float32', [1, 4 * H, I]), t('float32', [1, 4 * H, H])],
      outputs: 2,
    });
    expect(outShape(r, 0)).toEqual(['seq', 1, B, H]);
    expect(r.cost).toBeNull();
    const u = runOp('LSTM', { inputs: [t('float32', null), t('float32', null), t('float32', null)], attrs: { hidden_size: H } });
    expect(outShape(u, 0)).toEqual([null, 1, null, H]);
  });
});

describe('GRU', () => {
  it('forward with bias: 3·H·(I+H) per step', () => {
    const [T, B, I, H] = [5, 2, 8, 4];
    const r = runOp('GRU', {
      inputs: [t('float32', [T, B, I]), t('float32', [1, 3 * H, I]), t('float32', [1, 3 * H, H]), t('float32', [1, 6 * H])],
      attrs: { hidden_size: H },
      outputs: 2,
    });
    expect(outShape(r, 0)).toEqual([T, 1, B, H]);
    expect(outShape(r, 1)).toEqual([1, B, H]);
    const macs = T * B * 3 * H * (I + H);
    const perStep = 3 * H + 6 * H + H + 2 * H * SIGMOID + H * TANH + 4 * H;
    expect(r.cost).toMatchObject({ macs, flops: 2 * macs + T * B * perStep, coreMacs: 0 });
  });

  it('reverse direction counts one direction', () => {
    const r = runOp('GRU', {
      inputs: [t('float32', [4, 1, 3]), t('float32', [1, 15, 3]), t('float32', [1, 15, 5])],
      attrs: { direction: 'reverse' },
    });
    expect(outShape(r, 0)).toEqual([4, 1, 1, 5]);
    expect(r.cost?.macs).toBe(4 * 1 * 3 * 5 * (3 + 5));
  });
});

describe('RNN', () => {
  it('custom activations per direction', () => {
    const [T, B, I, H] = [6, 1, 2, 3];
    const r = runOp('RNN', {
      inputs: [t('float32', [T, B, I]), t('float32', [2, H, I]), t('float32', [2, H, H])],
      attrs: { hidden_size: H, direction: 'bidirectional', activations: ['Relu', 'Tanh'] },
      outputs: 2,
    });
    expect(outShape(r, 0)).toEqual([T, 2, B, H]);
    expect(outShape(r, 1)).toEqual([2, B, H]);
    const macs = 2 * T * B * H * (I + H);
    const flops = 2 * macs + T * B * (H + H * RELU) + T * B * (H + H * TANH);
    expect(r.cost).toMatchObject({ macs, flops, coreMacs: 0 });
  });
});

/**
 * Timing hints the cost rules give the roofline (OpCost.timing): the bytes a gather really
 * moves, and a recurrent operator's sequential steps with the FLOPs and bytes of each. Every
 * expected number is worked out here from the architecture and the rules' documented counts.
 */
import { describe, expect, it } from 'vitest';
import { runOp, t } from '../helpers/op.js';

// Per-element activation counts (table in src/ops/rnn.ts).
const SIGMOID = 4;
const TANH = 1;
const RELU = 1;
const F32 = 4;
const I64 = 8;

describe('gathers move the rows they index, not the table', () => {
  it('Gather: an embedding lookup of 16 tokens from a 30000 x 256 table', () => {
    const [V, E, S] = [30000, 256, 16];
    const r = runOp('Gather', { inputs: [t('float32', [V, E]), t('int64', [1, S])] });
    // 16 rows of 256 floats read, 16 int64 indices read, 16 x 256 floats written.
    expect(r.cost?.timing).toEqual({ bytes: S * E * F32 + S * I64 + S * E * F32 });
    expect(r.cost).toMatchObject({ macs: 0, flops: 0, coreMacs: 0 });
    // Far below the tensors' bytes, which read the whole table.
    expect(r.cost!.timing!.bytes!).toBeLessThan((V * E * F32) / 100);
  });

  it('Gather never reads more than the table (more indices than rows)', () => {
    const r = runOp('Gather', { inputs: [t('float16', [10, 4]), t('int32', [1000])] });
    // The table (10 x 4 halves) is read at most once; 1000 int32 indices; 1000 x 4 halves written.
    expect(r.cost?.timing).toEqual({ bytes: 10 * 4 * 2 + 1000 * 4 + 1000 * 4 * 2 });
  });

  it('GatherElements reads one element per output element', () => {
    const r = runOp('GatherElements', { inputs: [t('float32', [512, 1000]), t('int64', [512, 5])], attrs: { axis: 1 } });
    expect(r.cost?.timing).toEqual({ bytes: 512 * 5 * F32 + 512 * 5 * I64 + 512 * 5 * F32 });
  });

  it('GatherND reads the slices its index tuples name', () => {
    // data [8, 100, 64], indices [4, 2]: 4 slices of 64 floats.
    const r = runOp('GatherND', { inputs: [t('float32', [8, 100, 64]), t('int64', [4, 2])] });
    expect(r.cost?.timing).toEqual({ bytes: 4 * 64 * F32 + 4 * 2 * I64 + 4 * 64 * F32 });
  });

  it('no hint while the shapes are unknown', () => {
    expect(runOp('Gather', { inputs: [t('float32', [10, 4]), t('int64', null)] }).cost?.timing).toBeUndefined();
    expect(runOp('GatherElements', { inputs: [t('float32', null), t('int64', [3, 2])] }).cost?.timing).toEqual({
      bytes: 6 * F32 + 6 * I64 + 6 * F32,
    });
  });
});

/** The FLOPs of the rule that run once: the total minus the sequential part. */
function oncePart(cost: { flops: number; timing?: { steps?: number; stepFlops?: number } } | null): number {
  return cost!.flops - cost!.timing!.steps! * cost!.timing!.stepFlops!;
}

describe('recurrent operators: steps, stepFlops, stepBytes', () => {
  it('GRU hidden 64, input 40, T = 98, bidirectional, with bias', () => {
    const [T, B, I, H, D] = [98, 1, 40, 64, 2];
    const r = runOp('GRU', {
      inputs: [t('float32', [T, B, I]), t('float32', [D, 3 * H, I]), t('float32', [D, 3 * H, H]), t('float32', [D, 6 * H])],
      attrs: { hidden_size: H, direction: 'bidirectional' },
      outputs: 2,
    });
    // Per step and direction: Ht-1·Rᵀ (3H x H MACs) and the gates: 3H sums, 6H bias adds,
    // H reset multiply, 2H sigmoids, H tanh, 4H for the new state.
    const gates = 3 * H + 6 * H + H + 2 * H * SIGMOID + H * TANH + 4 * H;
    const stepFlops = B * (2 * 3 * H * H + gates);
    // R (3H x H) and its bias Rb (3H) of one direction, float32, re-read every step.
    const stepBytes = (3 * H * H + 3 * H) * F32;
    expect(r.cost?.timing).toEqual({ steps: 196, stepFlops, stepBytes });
    expect(stepBytes).toBe(3 * 64 * 64 * 4 + 3 * 64 * 4);
    // What runs once is the input projection Xt·Wᵀ of every step, as one GEMM.
    expect(oncePart(r.cost)).toBe(T * D * B * 2 * 3 * H * I);
    // And the whole is the node's FLOPs: 2 x 3H(I+H) MACs + the gates, per step, direction and row.
    expect(r.cost!.flops).toBe(T * D * B * (2 * 3 * H * (I + H) + gates));
  });

  it('LSTM forward, batch 4, with bias and peepholes', () => {
    const [T, B, I, H] = [20, 4, 32, 48];
    const r = runOp('LSTM', {
      inputs: [
        t('float32', [T, B, I]),
        t('float32', [1, 4 * H, I]),
        t('float32', [1, 4 * H, H]),
        t('float32', [1, 8 * H]),
        undefined,
        undefined,
        undefined,
        t('float32', [1, 3 * H]),
      ],
      omit: [4, 5, 6],
      attrs: { hidden_size: H },
      outputs: 3,
    });
    const gates = 4 * H + 8 * H + 6 * H + 3 * H * SIGMOID + H * TANH + H * TANH + 3 * H + H;
    expect(r.cost?.timing).toEqual({
      steps: T,
      stepFlops: B * (2 * 4 * H * H + gates),
      // R (4H x H), Rb (4H) and the three peephole vectors (3H).
      stepBytes: (4 * H * H + 4 * H + 3 * H) * F32,
    });
    expect(oncePart(r.cost)).toBe(T * B * 2 * 4 * H * I);
  });

  it('LSTM without bias, float16 weights: R alone, at 2 bytes', () => {
    const [T, B, I, H] = [5, 1, 8, 16];
    const r = runOp('LSTM', {
      inputs: [t('float16', [T, B, I]), t('float16', [1, 4 * H, I]), t('float16', [1, 4 * H, H])],
      attrs: { hidden_size: H },
      outputs: 3,
    });
    expect(r.cost?.timing?.stepBytes).toBe(4 * H * H * 2);
  });

  it('RNN bidirectional with a different activation per direction: the cheaper one is per step, the excess runs once', () => {
    const [T, B, I, H] = [7, 2, 10, 12];
    const r = runOp('RNN', {
      inputs: [t('float32', [T, B, I]), t('float32', [2, H, I]), t('float32', [2, H, H])],
      attrs: { hidden_size: H, direction: 'bidirectional', activations: ['Relu', 'Sigmoid'] },
      outputs: 2,
    });
    // Per step and direction, without bias: H sums + H activations.
    const forward = H + H * RELU;
    const reverse = H + H * SIGMOID;
    expect(r.cost?.timing).toEqual({ steps: 2 * T, stepFlops: B * (2 * H * H + forward), stepBytes: H * H * F32 });
    expect(oncePart(r.cost)).toBe(2 * T * B * 2 * H * I + T * B * (reverse - forward));
    expect(r.cost!.flops).toBe(T * B * (2 * H * (I + H) + forward) + T * B * (2 * H * (I + H) + reverse));
  });

  it('no timing when the dims are unknown (no cost either)', () => {
    const r = runOp('GRU', { inputs: [t('float32', null), t('float32', [1, 3 * 8, 4]), t('float32', [1, 3 * 8, 8])], outputs: 2 });
    expect(r.cost).toBeNull();
  });
});

/**
 * TFLite recurrent kernels: UNIDIRECTIONAL_SEQUENCE_LSTM / _RNN, BIDIRECTIONAL_SEQUENCE_LSTM /
 * _RNN, LSTM (one step; kernel_type FULL or BASIC), RNN (one step) and SVDF. Class 'recurrent';
 * their MACs are not core MACs (as ONNX LSTM / GRU / RNN, src/ops/rnn.ts).
 *
 * Layouts. Sequences are [T, B, I] when time_major, else [B, T, I]. LSTM weights (per direction)
 * are one tensor per gate: input-to-gate [H, I], recurrent-to-gate [H, P] (diagonal: [H]),
 * cell-to-gate peepholes [H], gate biases [H], projection [P, H] and its bias [P]; H = cells,
 * P = the projection's size (H without one). CIFG (no input-to-input weights) has 3 gates, the
 * input gate being 1 - forget. RNN: weights [H, I], recurrent [H, H], bias [H]. Auxiliary
 * inputs (bidirectional kernels) add their input-to-gate weights [H, I_aux].
 *
 * Per time step, direction and batch row (W = the elements of the matmul weights: every
 * input-to-gate, auxiliary, recurrent-to-gate and projection tensor; g = gates):
 *
 * | op    | MACs | FLOPs besides 2 x MACs                                                           |
 * |-------|------|----------------------------------------------------------------------------------|
 * | LSTM  | W    | g·H (input + recurrent sums) + g·H if gate biases + 2H per peephole + (6H + 5) per |
 * |       |      | layer-normed gate + 4H per sigmoid gate (i, f, o; CIFG: f, o and H for 1 - f) + H·a |
 * |       |      | (cell input) + 3H (Ct = f⊙Ct-1 + i⊙g) + H if cell_clip + H·a + H (Ht = o⊙a(Ct))   |
 * |       |      | + P if projection bias + P if proj_clip                                           |
 * | RNN   | W    | H (sum) + H if bias + H·a                                                         |
 *
 * a = the fused activation's FLOPs (src/ops/tflite/common.ts: TANH 1, RELU 1, RELU6 2 ...).
 * Total = T x directions x B x per step. Without projection, peepholes or layer norm an LSTM's
 * MACs are ONNX LSTM's 4H(I + H).
 *
 * Timing (as src/ops/rnn.ts): the input-to-gate products of all steps run once as one GEMM; the
 * rest is sequential: steps = T x directions, stepFlops = B x (2 x (recurrent + projection
 * MACs) + the elementwise FLOPs above), stepBytes = one direction's recurrent, peephole and
 * projection weights.
 *
 * SVDF (x [B, I], weights_feature [F, I], weights_time [F, M], bias [units], state [B, M·F];
 * F = units x rank): per batch row, MACs F·I (feature) + F·M (time), FLOPs 2 x MACs + units x
 * (rank - 1) (rank sum) + units if bias + units x a. Output [B, units]. One invocation is one
 * step: no timing hints.
 */
import type { Dim, Shape } from '../../graph/model.js';
import { tensor, type Info } from '../../graph/info.js';
import { byteSize } from '../../graph/dtype.js';
import { numel } from '../../graph/shape.js';
import { macCost } from '../common.js';
import type { CostCtx, InferCtx, OpCost, OpDef } from '../types.js';
import { fusedPerElement, TFL } from './common.js';

const SIGMOID_FLOPS = 4;
const LAYER_NORM = { perElement: 6, perRow: 5 };

/** Where one direction's tensors are. */
interface LstmDir {
  /** input-to-{input, forget, cell, output}; input-to-input may be absent (CIFG). */
  inputW: number[];
  recurrentW: number[];
  peephole: number[];
  bias: number[];
  projW: number;
  projB: number;
  layerNorm: number[];
  /** Auxiliary input-to-gate weights (bidirectional kernels). */
  auxW: number[];
}

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

const UNI_LSTM: LstmDir = {
  inputW: range(1, 4),
  recurrentW: range(5, 4),
  peephole: range(9, 3),
  bias: range(12, 4),
  projW: 16,
  projB: 17,
  layerNorm: range(20, 4),
  auxW: [],
};
const BI_FW: LstmDir = {
  inputW: range(1, 4),
  recurrentW: range(5, 4),
  peephole: range(9, 3),
  bias: range(12, 4),
  projW: 16,
  projB: 17,
  layerNorm: [],
  auxW: range(40, 4),
};
const BI_BW: LstmDir = {
  inputW: range(18, 4),
  recurrentW: range(22, 4),
  peephole: range(26, 3),
  bias: range(29, 4),
  projW: 33,
  projB: 34,
  layerNorm: [],
  auxW: range(44, 4),
};

/** Elements of the present inputs among `idx`; null when one's shape is unknown. */
function elementsOf(ctx: InferCtx, idx: readonly number[]): number | null {
  let total = 0;
  for (const i of idx) {
    if (!ctx.has(i)) continue;
    const n = numel(ctx.input(i)?.shape ?? null);
    if (n === null) return null;
    total += n;
  }
  return total;
}

function bytesOf(ctx: InferCtx, idx: readonly number[]): number | null {
  let total = 0;
  for (const i of idx) {
    if (!ctx.has(i)) continue;
    const t = ctx.input(i);
    const n = numel(t?.shape ?? null);
    if (n === null || !t?.dtype) return null;
    total += byteSize(t.dtype, n);
  }
  return total;
}

/** H (cells) from the forget gate's input weights [H, I] or bias [H]; P from the projection [P, H]. */
function lstmSizes(ctx: InferCtx, d: LstmDir): { h: Dim; p: Dim } {
  const w = ctx.input(d.inputW[1])?.shape;
  const b = ctx.input(d.bias[1])?.shape;
  const h: Dim = w && w.length === 2 ? w[0] : b && b.length === 1 ? b[0] : null;
  const pw = ctx.has(d.projW) ? ctx.input(d.projW)?.shape : undefined;
  const p: Dim = ctx.has(d.projW) ? (pw && pw.length === 2 ? pw[0] : null) : h;
  return { h, p };
}

/** Sequence dims [T, B] of a sequence input. */
function seqDims(x: Shape, timeMajor: boolean): { t: Dim; b: Dim } {
  if (!x || x.length !== 3) return { t: null, b: null };
  return timeMajor ? { t: x[0], b: x[1] } : { t: x[1], b: x[0] };
}

/** [T, B, units] or [B, T, units]: the input's first two dims either way. */
function seqOut(x: Shape, units: Dim): Shape {
  if (!x || x.length !== 3) return [null, null, units];
  return [x[0], x[1], units];
}

interface StepCost {
  /** MACs per row and step. */
  macs: number;
  /** The sequential part of the MACs (recurrent and projection). */
  recurrentMacs: number;
  /** Elementwise FLOPs per row and step. */
  extra: number;
  /** Bytes re-read every step. */
  stepBytes: number | null;
}

function lstmStep(ctx: InferCtx, d: LstmDir): StepCost | null {
  const { h, p } = lstmSizes(ctx, d);
  if (typeof h !== 'number' || typeof p !== 'number') return null;
  const inputMacs = elementsOf(ctx, [...d.inputW, ...d.auxW.filter(() => ctx.has(39))]);
  const recurrent = elementsOf(ctx, [...d.recurrentW, d.projW]);
  if (inputMacs === null || recurrent === null) return null;
  const cifg = !ctx.has(d.inputW[0]);
  const gates = cifg ? 3 : 4;
  const a = fusedPerElement(ctx.attrs.string('fused_activation_function', 'TANH'));
  const present = (idx: readonly number[]) => idx.filter((i) => ctx.has(i)).length;
  let extra = gates * h; // input + recurrent contributions
  extra += present(d.bias) * h;
  extra += present(d.peephole) * 2 * h;
  extra += present(d.layerNorm) * (LAYER_NORM.perElement * h + LAYER_NORM.perRow);
  extra += (cifg ? 2 : 3) * SIGMOID_FLOPS * h + (cifg ? h : 0);
  extra += h * a + 3 * h;
  if (ctx.attrs.float('cell_clip', 0) > 0) extra += h;
  extra += h * a + h;
  if (ctx.has(d.projB)) extra += p;
  if (ctx.has(d.projW) && ctx.attrs.float('proj_clip', 0) > 0) extra += p;
  return { macs: inputMacs + recurrent, recurrentMacs: recurrent, extra, stepBytes: bytesOf(ctx, [...d.recurrentW, ...d.peephole, d.projW]) };
}

/** Total cost over T steps, the directions and B rows, with the roofline's timing hints. */
function sequenceCost(t: Dim, b: Dim, steps: (StepCost | null)[]): OpCost | null {
  if (typeof t !== 'number' || typeof b !== 'number' || steps.some((s) => s === null)) return null;
  let macs = 0;
  let extra = 0;
  let stepFlops = Infinity;
  let stepBytes: number | null = 0;
  for (const s of steps as StepCost[]) {
    macs += t * b * s.macs;
    extra += t * b * s.extra;
    stepFlops = Math.min(stepFlops, b * (2 * s.recurrentMacs + s.extra));
    stepBytes = stepBytes === null || s.stepBytes === null ? null : Math.max(stepBytes, s.stepBytes);
  }
  const cost = macCost(macs, extra);
  const timing: OpCost['timing'] = { steps: t * steps.length, stepFlops };
  if (stepBytes !== null) timing.stepBytes = stepBytes;
  cost.timing = timing;
  return cost;
}

/** One direction of a sequence kernel: its output's units and its cost per step. */
interface SeqDir {
  units(ctx: InferCtx): Dim;
  step(ctx: InferCtx): StepCost | null;
}

/**
 * A *_SEQUENCE_* kernel over [T, B, I] (time_major) or [B, T, I]: one direction, or two whose
 * outputs are one tensor of both directions' units when merge_outputs is set and two otherwise.
 */
function sequenceOp(opType: string, int32Weights: number[], timeMajorDefault: 0 | 1, dirs: readonly SeqDir[]): OpDef {
  return {
    opType,
    domain: TFL,
    opClass: 'recurrent',
    int32Weights,
    infer(ctx) {
      const x = ctx.input(0);
      const dt = x?.dtype ?? null;
      const units = dirs.map((d) => d.units(ctx));
      if (units.length > 1 && ctx.attrs.int('merge_outputs', 0) !== 0) {
        const sum = units.every((u) => typeof u === 'number') ? units.reduce((a, b) => a + b, 0) : null;
        return [tensor(dt, seqOut(x?.shape ?? null, sum))];
      }
      return units.map((u) => tensor(dt, seqOut(x?.shape ?? null, u)));
    },
    cost(ctx) {
      const { t, b } = seqDims(ctx.input(0)?.shape ?? null, ctx.attrs.int('time_major', timeMajorDefault) !== 0);
      return sequenceCost(
        t,
        b,
        dirs.map((d) => d.step(ctx)),
      );
    },
  };
}

const lstmDir = (d: LstmDir): SeqDir => ({ units: (ctx) => lstmSizes(ctx, d).p, step: (ctx) => lstmStep(ctx, d) });

// ---------------------------------------------------------------------------------------------
// LSTM

const uniLstm = sequenceOp('UNIDIRECTIONAL_SEQUENCE_LSTM', [...UNI_LSTM.bias, UNI_LSTM.projB], 0, [lstmDir(UNI_LSTM)]);

const biLstm = sequenceOp('BIDIRECTIONAL_SEQUENCE_LSTM', [...BI_FW.bias, BI_FW.projB, ...BI_BW.bias, BI_BW.projB], 1, [lstmDir(BI_FW), lstmDir(BI_BW)]);

/** LSTM kernel_type BASIC: input [B, I], prev_activ [B, H], weights [4H, I + H], bias [4H], prev_state [B, H]. */
function basicLstmStep(ctx: InferCtx): { b: Dim; h: Dim; step: StepCost | null } {
  const x = ctx.input(0)?.shape;
  const w = ctx.input(2)?.shape;
  const b: Dim = x && x.length === 2 ? x[0] : null;
  const h: Dim = w && w.length === 2 && typeof w[0] === 'number' && w[0] % 4 === 0 ? w[0] / 4 : null;
  const inputs: Dim = w && w.length === 2 ? w[1] : null;
  if (typeof h !== 'number' || typeof inputs !== 'number') return { b, h, step: null };
  // The basic kernel: one [4H, I + H] matmul + bias, sigmoid on 3 gates, tanh (1) twice.
  const extra = 4 * h + 3 * SIGMOID_FLOPS * h + h + 3 * h + h + h;
  const stepBytes = ctx.input(2)?.dtype ? byteSize(ctx.input(2)!.dtype!, 4 * h * h) : null;
  return { b, h, step: { macs: 4 * h * inputs, recurrentMacs: 4 * h * h, extra, stepBytes } };
}

const lstm: OpDef = {
  opType: 'LSTM',
  domain: TFL,
  opClass: 'recurrent',
  int32Weights: [...UNI_LSTM.bias, UNI_LSTM.projB],
  infer(ctx) {
    const x = ctx.input(0);
    const dt = x?.dtype ?? null;
    if (ctx.attrs.string('kernel_type', 'FULL') === 'BASIC') {
      const { b, h } = basicLstmStep(ctx);
      const i = x?.shape && x.shape.length === 2 ? x.shape[1] : null;
      const cat = typeof i === 'number' && typeof h === 'number' ? i + h : null;
      return [tensor(dt, [b, h]), tensor(dt, [b, h]), tensor(dt, [b, cat]), tensor(dt, [b, typeof h === 'number' ? 4 * h : null])];
    }
    const b: Dim = x?.shape && x.shape.length === 2 ? x.shape[0] : null;
    const { h, p } = lstmSizes(ctx, UNI_LSTM);
    const outs: Info[] = [tensor(dt, [b, p])];
    // Older files list the states (and a scratch buffer) as outputs before the output.
    if (ctx.node.outputs.length === 4) return [null, tensor(dt, [b, p]), tensor(dt, [b, h]), tensor(dt, [b, p])];
    return outs;
  },
  cost(ctx) {
    if (ctx.attrs.string('kernel_type', 'FULL') === 'BASIC') {
      const { b, step } = basicLstmStep(ctx);
      return sequenceCost(1, b, [step]);
    }
    const x = ctx.input(0)?.shape;
    return sequenceCost(1, x && x.length === 2 ? x[0] : null, [lstmStep(ctx, UNI_LSTM)]);
  },
};

// ---------------------------------------------------------------------------------------------
// RNN

interface RnnDir {
  w: number;
  r: number;
  bias: number;
  auxW: number;
}

const UNI_RNN: RnnDir = { w: 1, r: 2, bias: 3, auxW: -1 };
const BI_RNN_FW: RnnDir = { w: 1, r: 2, bias: 3, auxW: 10 };
const BI_RNN_BW: RnnDir = { w: 5, r: 6, bias: 7, auxW: 11 };

function rnnUnits(ctx: InferCtx, d: RnnDir): Dim {
  const w = ctx.input(d.w)?.shape;
  const r = ctx.input(d.r)?.shape;
  return w && w.length === 2 ? w[0] : r && r.length === 2 ? r[0] : null;
}

function rnnStep(ctx: InferCtx, d: RnnDir): StepCost | null {
  const h = rnnUnits(ctx, d);
  const aux = d.auxW >= 0 && ctx.has(9) ? [d.auxW] : [];
  const inputMacs = elementsOf(ctx, [d.w, ...aux]);
  const recurrent = elementsOf(ctx, [d.r]);
  if (typeof h !== 'number' || inputMacs === null || recurrent === null) return null;
  const a = fusedPerElement(ctx.attrs.string('fused_activation_function', 'NONE'));
  const extra = h + (ctx.has(d.bias) ? h : 0) + h * a;
  return { macs: inputMacs + recurrent, recurrentMacs: recurrent, extra, stepBytes: bytesOf(ctx, [d.r]) };
}

const rnnDir = (d: RnnDir): SeqDir => ({ units: (ctx) => rnnUnits(ctx, d), step: (ctx) => rnnStep(ctx, d) });

const uniRnn = sequenceOp('UNIDIRECTIONAL_SEQUENCE_RNN', [3], 0, [rnnDir(UNI_RNN)]);

const biRnn = sequenceOp('BIDIRECTIONAL_SEQUENCE_RNN', [3, 7], 0, [rnnDir(BI_RNN_FW), rnnDir(BI_RNN_BW)]);

const rnn: OpDef = {
  opType: 'RNN',
  domain: TFL,
  opClass: 'recurrent',
  int32Weights: [3],
  infer(ctx) {
    const x = ctx.input(0);
    const b: Dim = x?.shape && x.shape.length === 2 ? x.shape[0] : null;
    return ctx.node.outputs.map(() => tensor(x?.dtype ?? null, [b, rnnUnits(ctx, UNI_RNN)]));
  },
  cost(ctx) {
    const x = ctx.input(0)?.shape;
    return sequenceCost(1, x && x.length === 2 ? x[0] : null, [rnnStep(ctx, UNI_RNN)]);
  },
};

// ---------------------------------------------------------------------------------------------
// SVDF

function svdfDims(ctx: InferCtx): { b: Dim; i: Dim; f: Dim; m: Dim; units: Dim; rank: number } {
  const rank = ctx.attrs.int('rank', 1);
  const x = ctx.input(0)?.shape;
  const wf = ctx.input(1)?.shape;
  const wt = ctx.input(2)?.shape;
  const f: Dim = wf && wf.length === 2 ? wf[0] : null;
  let units: Dim = typeof f === 'number' && rank > 0 && f % rank === 0 ? f / rank : null;
  const bias = ctx.input(3)?.shape;
  if (units === null && ctx.has(3) && bias && bias.length === 1) units = bias[0];
  return {
    b: x && x.length === 2 ? x[0] : null,
    i: wf && wf.length === 2 ? wf[1] : null,
    f,
    m: wt && wt.length === 2 ? wt[1] : null,
    units,
    rank,
  };
}

const svdf: OpDef = {
  opType: 'SVDF',
  domain: TFL,
  opClass: 'recurrent',
  int32Weights: [3],
  infer(ctx) {
    const d = svdfDims(ctx);
    return [tensor(ctx.input(0)?.dtype ?? null, [d.b, d.units])];
  },
  cost(ctx: CostCtx) {
    const d = svdfDims(ctx);
    if ([d.b, d.i, d.f, d.m, d.units].some((v) => typeof v !== 'number') || d.rank < 1) return null;
    const [b, i, f, m, units] = [d.b, d.i, d.f, d.m, d.units] as number[];
    const a = fusedPerElement(ctx.attrs.string('fused_activation_function', 'NONE'));
    const extra = units * (d.rank - 1) + (ctx.has(3) ? units : 0) + units * a;
    return macCost(b * (f * i + f * m), b * extra);
  },
};

export const ops: OpDef[] = [uniLstm, biLstm, lstm, uniRnn, biRnn, rnn, svdf];

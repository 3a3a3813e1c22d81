/**
 * Recurrent family: RNN, GRU, LSTM (ai.onnx, opsets 7 / 14 (layout) / 22).
 *
 * Every time step, gate and direction is counted: T = seq_length steps (the full padded length;
 * sequence_lens is data and is not read, so this is the upper bound), D = num_directions
 * (2 when bidirectional), B = batch, I = input_size, H = hidden_size. Per step, per direction,
 * per batch row:
 *
 * | op   | MACs (not core)  | FLOPs besides 2 x MACs                                                            |
 * |------|------------------|-----------------------------------------------------------------------------------|
 * | RNN  | H(I+H)           | H (Xt·Wᵀ + Ht-1·Rᵀ sum) + 2H if B (Wb + Rb) + H·f + H if clip                     |
 * | GRU  | 3H(I+H)          | 3H (sums) + 6H if B + H (rt ⊙ ·) + 2H·f + H·g + 4H ((1-z)⊙h + z⊙Ht-1) + 3H if clip |
 * | LSTM | 4H(I+H)          | 4H (sums) + 8H if B + 6H if P (peephole multiply-adds) + 3H·f + H·g + H·h + 3H (Ct = f⊙Ct-1 + i⊙c) + H (Ht = o⊙h(Ct)) + 5H if clip |
 *
 * Total = T x D x B x (per step). f, g, h are the activation functions (defaults: LSTM
 * Sigmoid/Tanh/Tanh, GRU Sigmoid/Tanh, RNN Tanh) with these per-element counts:
 *
 * | activation      | FLOPs | formula                        |
 * |-----------------|-------|--------------------------------|
 * | Relu            | 1     | max(0, x)                      |
 * | Tanh            | 1     | tanh(x)                        |
 * | Sigmoid         | 4     | 1 / (1 + exp(-x))              |
 * | Affine          | 2     | alpha·x + beta                 |
 * | LeakyRelu       | 2     | x < 0 ? alpha·x : x            |
 * | ThresholdedRelu | 1     | x > alpha ? x : 0              |
 * | ScaledTanh      | 3     | alpha·tanh(beta·x)             |
 * | HardSigmoid     | 4     | min(max(alpha·x + beta, 0), 1) |
 * | Elu             | 4     | x < 0 ? alpha·(exp(x) - 1) : x |
 * | Softsign        | 3     | x / (1 + abs(x))               |
 * | Softplus        | 3     | log(exp(x) + 1)                |
 * | Gelu (fused)    | 5     | 0.5·x·(1 + erf(x/√2))          |
 * | Clip (fused)    | 2     | min(max(x, lo), hi)            |
 * | HardSwish (fused) | 5   | x·max(0, min(1, x/6 + 1/2))    |
 * | other           | 1     |                                |
 *
 * These agree with activations.ts's counts for the same functions.
 * The gate matmuls are MACs but not core MACs (core = Conv / MatMul / Gemm / attention).
 *
 * Timing (the roofline's `timing`, for the per-step recurrent cost): the input projection
 * Xt·Wᵀ of every step does not depend on the previous step and runs once, as one GEMM over all
 * T steps; the rest is sequential. So
 *   steps     = T x D
 *   stepFlops = B x (2·gates·H·H (Ht-1·Rᵀ) + the per-step elementwise FLOPs above), taking
 *               the direction with the fewer elementwise FLOPs when the directions' activations differ
 *   once-part = FLOPs - steps x stepFlops = T·D·B·2·gates·H·I (+ the other direction's excess)
 *   stepBytes = bytes of one direction's recurrent weights re-read every step: R (gates·H·H
 *               elements) + the recurrent bias Rb (gates·H) when B is given + LSTM's peepholes
 *               P (3H) when given, at their dtypes (the state Ht-1 itself, B·H, is not counted).
 */
import type { Dim, Shape } from '../graph/model.js';
import { tensor } from '../graph/info.js';
import { byteSize, type DType } from '../graph/dtype.js';
import { macCost } from './common.js';
import type { Attrs, CostCtx, InferCtx, OpCost, OpDef } from './types.js';

// Keyed by names from the file: a Map, so `constructor` is an unknown activation, not Object's.
const ACTIVATION_FLOPS = new Map<string, number>([
  ['relu', 1],
  ['tanh', 1],
  ['sigmoid', 4],
  ['affine', 2],
  ['leakyrelu', 2],
  ['thresholdedrelu', 1],
  ['scaledtanh', 3],
  ['hardsigmoid', 4],
  ['elu', 4],
  ['softsign', 3],
  ['softplus', 3],
  ['gelu', 5],
  ['clip', 2],
  ['hardswish', 5],
]);

/** Per-element FLOPs of a named activation (RNN `activations`, fused conv / gemm `activation`). */
export function activationFlops(name: string): number {
  return ACTIVATION_FLOPS.get(name.toLowerCase()) ?? 1;
}

/** The three recurrent operators differ in gate count and per-step elementwise work. */
interface RnnKind {
  opType: 'RNN' | 'GRU' | 'LSTM';
  gates: number;
  /** Default activation names, per direction. */
  defaults: string[];
  /** Elementwise FLOPs per step, per direction, per batch row, given H and the node's options. */
  stepFlops(h: number, acts: number[], o: { bias: boolean; peephole: boolean; clip: boolean }): number;
}

const KINDS: RnnKind[] = [
  {
    opType: 'RNN',
    gates: 1,
    defaults: ['Tanh'],
    stepFlops: (h, [f], o) => h + (o.bias ? 2 * h : 0) + h * f + (o.clip ? h : 0),
  },
  {
    opType: 'GRU',
    gates: 3,
    defaults: ['Sigmoid', 'Tanh'],
    stepFlops: (h, [f, g], o) => 3 * h + (o.bias ? 6 * h : 0) + h + 2 * h * f + h * g + 4 * h + (o.clip ? 3 * h : 0),
  },
  {
    opType: 'LSTM',
    gates: 4,
    defaults: ['Sigmoid', 'Tanh', 'Tanh'],
    stepFlops: (h, [f, g, hh], o) => 4 * h + (o.bias ? 8 * h : 0) + (o.peephole ? 6 * h : 0) + 3 * h * f + h * g + h * hh + 3 * h + h + (o.clip ? 5 * h : 0),
  },
];

/** Number of directions from the `direction` attribute (null for an unknown value). */
function numDirections(attrs: Attrs): number | null {
  const d = attrs.string('direction', 'forward');
  if (d === 'forward' || d === 'reverse') return 1;
  if (d === 'bidirectional') return 2;
  return null;
}

/** The dims the recurrent ops are built from, as far as they are known. */
interface RnnDims {
  seq: Dim;
  batch: Dim;
  input: Dim;
  hidden: Dim;
  dirs: number | null;
  layout: number;
}

function rnnDims(ctx: InferCtx, kind: RnnKind): RnnDims {
  const layout = ctx.attrs.int('layout', 0);
  const x: Shape = ctx.input(0)?.shape ?? null;
  const xs = x && x.length === 3 ? x : null;
  let hidden: Dim = ctx.attrs.int('hidden_size') ?? null;
  if (hidden === null) {
    // R is [num_directions, gates·H, H]; W is [num_directions, gates·H, I].
    const r = ctx.input(2)?.shape;
    const w = ctx.input(1)?.shape;
    if (r && r.length === 3 && typeof r[2] === 'number') hidden = r[2];
    else if (r && r.length === 3 && typeof r[1] === 'number') hidden = r[1] / kind.gates;
    else if (w && w.length === 3 && typeof w[1] === 'number') hidden = w[1] / kind.gates;
  }
  let input: Dim = xs ? xs[2] : null;
  if (input === null) {
    const w = ctx.input(1)?.shape;
    if (w && w.length === 3) input = w[2];
  }
  return {
    seq: xs ? xs[layout === 0 ? 0 : 1] : null,
    batch: xs ? xs[layout === 0 ? 1 : 0] : null,
    input,
    hidden,
    dirs: numDirections(ctx.attrs),
    layout,
  };
}

function rnnDef(kind: RnnKind): OpDef {
  return {
    opType: kind.opType,
    opClass: 'recurrent',
    infer: (ctx) => {
      const dt = ctx.input(0)?.dtype ?? null;
      const d = rnnDims(ctx, kind);
      const y = d.layout === 0 ? [d.seq, d.dirs, d.batch, d.hidden] : [d.batch, d.seq, d.dirs, d.hidden];
      const state = d.layout === 0 ? [d.dirs, d.batch, d.hidden] : [d.batch, d.dirs, d.hidden];
      const outs = [tensor(dt, y), tensor(dt, state)];
      if (kind.opType === 'LSTM') outs.push(tensor(dt, [...state]));
      return outs;
    },
    cost: (ctx) => rnnCost(ctx, kind),
  };
}

/** Activation FLOPs for the functions of one direction (custom `activations`, else defaults). */
function directionActivations(attrs: Attrs, kind: RnnKind, dir: number): number[] {
  const names = attrs.strings('activations');
  const k = kind.defaults.length;
  const mine = names && names.length >= (dir + 1) * k ? names.slice(dir * k, (dir + 1) * k) : kind.defaults;
  return mine.map(activationFlops);
}

function rnnCost(ctx: CostCtx, kind: RnnKind): OpCost | null {
  const d = rnnDims(ctx, kind);
  if ([d.seq, d.batch, d.input, d.hidden, d.dirs].some((v) => typeof v !== 'number')) return null;
  const [t, b, i, h, dirs] = [d.seq, d.batch, d.input, d.hidden, d.dirs] as number[];
  const opts = {
    bias: ctx.has(3),
    peephole: kind.opType === 'LSTM' && ctx.has(7),
    clip: ctx.attrs.has('clip'),
  };
  const macsPerStep = kind.gates * h * (i + h);
  let macs = 0;
  let extra = 0;
  let minStep = Infinity;
  for (let dir = 0; dir < dirs; dir++) {
    const step = kind.stepFlops(h, directionActivations(ctx.attrs, kind, dir), opts);
    macs += t * b * macsPerStep;
    extra += t * b * step;
    minStep = Math.min(minStep, step);
  }
  const cost: OpCost = macCost(macs, extra);
  if (dirs > 0) {
    // The sequential part: Ht-1·Rᵀ and the gates, per step and direction (see the header).
    const timing: OpCost['timing'] = { steps: t * dirs, stepFlops: b * (2 * kind.gates * h * h + minStep) };
    const stepBytes = recurrentBytes(ctx, kind, h);
    if (stepBytes !== null) timing.stepBytes = stepBytes;
    cost.timing = timing;
  }
  return cost;
}

/** Bytes of one direction's recurrent weights: R, Rb (when B is given), P (LSTM, when given); null when a dtype is unknown. */
function recurrentBytes(ctx: CostCtx, kind: RnnKind, h: number): number | null {
  const dtype = (i: number): DType | null => ctx.input(i)?.dtype ?? ctx.input(0)?.dtype ?? null;
  const parts: [number, number][] = [[2, kind.gates * h * h]];
  if (ctx.has(3)) parts.push([3, kind.gates * h]);
  if (kind.opType === 'LSTM' && ctx.has(7)) parts.push([7, 3 * h]);
  let total = 0;
  for (const [input, elements] of parts) {
    const dt = dtype(input);
    if (dt === null) return null;
    total += byteSize(dt, elements);
  }
  return total;
}

export const ops: OpDef[] = KINDS.map(rnnDef);

/**
 * Miscellaneous family: random generators, signal processing (windows, DFT, STFT, mel
 * weights), text operators and image decoding: the default-domain operators no other family
 * owns.
 *
 * FLOP counts (every arithmetic operation of the defining formula counts 1, a transcendental
 * function counts 1, a comparison counts 1):
 *
 * | operator                  | FLOPs                                          | formula                                         |
 * |---------------------------|------------------------------------------------|-------------------------------------------------|
 * | RandomUniform(Like)       | 2 per output element                           | low + (high - low) * u                          |
 * | RandomNormal(Like)        | 8 per output element                           | mean + scale*sqrt(-2 ln u1)*cos(2 pi u2)        |
 * | Bernoulli                 | 1 per output element                           | u < p                                           |
 * | Multinomial               | B * (2C + S * ceil(log2 C))                    | exp + running sum per class, binary search per  |
 * |                           |                                                | sample (input [B, C], S samples)                |
 * | HannWindow, HammingWindow | 5 per output element                           | a0 - a1 * cos(2 pi n / N)                       |
 * | BlackmanWindow            | 10 per output element                          | a0 - a1 cos(2 pi n/N) + a2 cos(4 pi n/N)        |
 * | DFT                       | 5 N log2 N per transform                       | radix-2 FFT count, N = dft_length, one transform|
 * |                           |                                                | per element of the other signal dims            |
 * | STFT                      | per frame: 5 N log2 N (+ N with a window)      | window multiply, FFT; frames x batch            |
 * | MelWeightMatrix           | 4 per output element                           | triangle: min((f-l)/(c-l), (u-f)/(u-c)) clamped |
 * | TfIdfVectorizer           | rows x C x grams x (skips+1) (+1 per output    | one pool lookup per candidate n-gram; IDF/TFIDF |
 * |                           | element for IDF / TFIDF)                       | multiply by weight                              |
 * | StringNormalizer,         | 0                                              | text manipulation, no arithmetic                |
 * | RegexFullMatch,           |                                                |                                                 |
 * | StringConcat, StringSplit |                                                |                                                 |
 * | ImageDecoder              | 0                                              | entropy decoding is not arithmetic we model     |
 */
import type { Dim } from '../graph/model.js';
import { tensor, type Info } from '../graph/info.js';
import { dtypeFromCode, type DType } from '../graph/dtype.js';
import { broadcast, isConcrete, normAxis, numel } from '../graph/shape.js';
import { type CostCtx, type InferCtx, type OpCost, type OpDef } from './types.js';
import { inputElements, outputElements } from './common.js';
import { noCost, perElementCost, scalarArg } from './shape.js';

/** A dtype attribute (TensorProto enum), else the fallback. */
function dtypeAttr(ctx: InferCtx, name: string, fallback: DType | null): DType | null {
  const code = ctx.attrs.int(name);
  return code === undefined ? fallback : dtypeFromCode(code);
}

function flops(n: number): OpCost {
  return { macs: 0, flops: n, coreMacs: 0 };
}

// ---------------------------------------------------------------------------------------------
// Random generators
// ---------------------------------------------------------------------------------------------

function inferRandom(ctx: InferCtx): (Info | null)[] {
  const shape = ctx.attrs.ints('shape');
  return [tensor(dtypeAttr(ctx, 'dtype', 'float32'), shape ? [...shape] : null)];
}

function inferRandomLike(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  return [tensor(dtypeAttr(ctx, 'dtype', x?.dtype ?? null), x?.shape ? [...x.shape] : null)];
}

function inferMultinomial(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const batch = x?.shape?.length === 2 ? x.shape[0] : null;
  return [tensor(dtypeAttr(ctx, 'dtype', 'int32'), [batch, ctx.attrs.int('sample_size', 1)])];
}

function costMultinomial(ctx: CostCtx): OpCost | null {
  const x = ctx.input(0)?.shape;
  if (!x || x.length !== 2 || !isConcrete(x)) return null;
  const [b, c] = x;
  const s = ctx.attrs.int('sample_size', 1);
  return flops(b * (2 * c + s * Math.ceil(Math.log2(Math.max(c, 1)))));
}

// ---------------------------------------------------------------------------------------------
// Windows, DFT, STFT, MelWeightMatrix
// ---------------------------------------------------------------------------------------------

function inferWindow(ctx: InferCtx): (Info | null)[] {
  const size = scalarArg(ctx.input(0));
  const n = size === undefined ? null : typeof size === 'number' ? Math.trunc(size) : size;
  return [tensor(dtypeAttr(ctx, 'output_datatype', 'float32'), [n])];
}

/** FLOPs of one complex FFT of length n (the classic 5 n log2 n count). */
function fftFlops(n: number): number {
  return n > 1 ? Math.round(5 * n * Math.log2(n)) : 0;
}

/** DFT's axis (attribute at 17, input at 20 with default -2) normalised against the rank. */
function dftAxis(ctx: InferCtx, rank: number): number | null {
  if (ctx.opset >= 20) {
    const a = ctx.has(2) ? scalarArg(ctx.input(2)) : -2;
    return typeof a === 'number' ? normAxis(a, rank) : null;
  }
  return normAxis(ctx.attrs.int('axis', 1), rank);
}

/** DFT's transform length: dft_length input, else the axis dim (2 (d - 1) for an inverse one-sided DFT). */
function dftLength(ctx: InferCtx, d: Dim, irfft: boolean): Dim {
  if (ctx.has(1)) {
    const v = scalarArg(ctx.input(1));
    return v === undefined ? null : v;
  }
  if (!irfft) return d;
  return typeof d === 'number' ? 2 * (d - 1) : null;
}

function inferDFT(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape || x.shape.length < 2) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const axis = dftAxis(ctx, rank);
  const onesided = ctx.attrs.int('onesided', 0) === 1;
  const inverse = ctx.attrs.int('inverse', 0) === 1;
  const irfft = ctx.opset >= 20 && onesided && inverse;
  const out = [...x.shape];
  out[rank - 1] = irfft ? 1 : 2;
  if (axis === null || axis === rank - 1)
    return [
      tensor(
        dtype,
        out.map((d, i) => (i === rank - 1 ? d : null)),
      ),
    ];
  const n = dftLength(ctx, x.shape[axis], irfft);
  out[axis] = onesided && !irfft ? (typeof n === 'number' ? Math.floor(n / 2) + 1 : null) : n;
  return [tensor(dtype, out)];
}

function costDFT(ctx: CostCtx): OpCost | null {
  const x = ctx.input(0)?.shape;
  const y = ctx.output(0)?.shape;
  if (!x || !y || !isConcrete(y)) return null;
  const rank = y.length;
  const axis = dftAxis(ctx, rank);
  if (axis === null) return null;
  const onesided = ctx.attrs.int('onesided', 0) === 1;
  const irfft = ctx.opset >= 20 && onesided && ctx.attrs.int('inverse', 0) === 1;
  const n = dftLength(ctx, x[axis], irfft);
  if (typeof n !== 'number') return null;
  const transforms = numel(y.filter((_, i) => i !== axis && i !== rank - 1))!;
  return flops(transforms * fftFlops(n));
}

/** STFT's frame length: the frame_length input, else the window's length. */
function stftFrameLength(ctx: InferCtx): Dim {
  if (ctx.has(3)) {
    const v = scalarArg(ctx.input(3));
    return v === undefined ? null : v;
  }
  return ctx.has(2) ? (ctx.input(2)?.shape?.[0] ?? null) : null;
}

function inferSTFT(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const batch = x?.shape?.[0] ?? null;
  const len = x?.shape?.[1] ?? null;
  const step = scalarArg(ctx.input(1));
  const frame = stftFrameLength(ctx);
  const frames = typeof len === 'number' && typeof step === 'number' && typeof frame === 'number' && step > 0 ? Math.floor((len - frame) / step) + 1 : null;
  const onesided = ctx.attrs.int('onesided', 1) === 1;
  const bins = typeof frame === 'number' ? (onesided ? Math.floor(frame / 2) + 1 : frame) : null;
  return [tensor(dtype, [batch, frames, bins, 2])];
}

function costSTFT(ctx: CostCtx): OpCost | null {
  const y = ctx.output(0)?.shape;
  const frame = stftFrameLength(ctx);
  if (!y || typeof y[0] !== 'number' || typeof y[1] !== 'number' || typeof frame !== 'number') return null;
  const perFrame = fftFlops(frame) + (ctx.has(2) ? frame : 0);
  return flops(y[0] * y[1] * perFrame);
}

function inferMelWeightMatrix(ctx: InferCtx): (Info | null)[] {
  const bins = scalarArg(ctx.input(0));
  const dft = scalarArg(ctx.input(1));
  const rows = typeof dft === 'number' ? Math.floor(dft / 2) + 1 : null;
  return [tensor(dtypeAttr(ctx, 'output_datatype', 'float32'), [rows, bins ?? null])];
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

function inferStringNormalizer(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  if (!x?.shape) return [tensor('string', null)];
  const stop = ctx.attrs.strings('stopwords') ?? [];
  if (stop.length === 0) return [tensor('string', [...x.shape])];
  // Stop words drop an unknown number of elements (all dropped leaves one empty string).
  return [tensor('string', x.shape.length === 2 ? [1, null] : [null])];
}

function inferTfIdf(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  const idx = ctx.attrs.ints('ngram_indexes') ?? [];
  let k: number | null = null;
  for (const i of idx) k = Math.max(k ?? -Infinity, i + 1); // no spread: the list is as long as the file makes it
  if (!x?.shape) return [tensor('float32', null)];
  return [tensor('float32', x.shape.length === 2 ? [x.shape[0], k] : [k])];
}

function costTfIdf(ctx: CostCtx): OpCost | null {
  const n = inputElements(ctx);
  const out = outputElements(ctx);
  if (n === null || out === null) return null;
  const grams = Math.max(0, ctx.attrs.int('max_gram_length', 0) - ctx.attrs.int('min_gram_length', 0) + 1);
  const skips = ctx.attrs.int('max_skip_count', 0) + 1;
  const weighted = ctx.attrs.string('mode', 'TF') === 'TF' ? 0 : out;
  return flops(n * grams * skips + weighted);
}

function inferRegexFullMatch(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  return [tensor('bool', x?.shape ? [...x.shape] : null)];
}

function inferStringConcat(ctx: InferCtx): (Info | null)[] {
  return [tensor('string', broadcast(ctx.input(0)?.shape ?? null, ctx.input(1)?.shape ?? null))];
}

function inferStringSplit(ctx: InferCtx): (Info | null)[] {
  const x = ctx.input(0);
  if (!x?.shape) return [tensor('string', null), tensor('int64', null)];
  return [tensor('string', [...x.shape, null]), tensor('int64', [...x.shape])];
}

function inferImageDecoder(ctx: InferCtx): (Info | null)[] {
  const format = ctx.attrs.string('pixel_format', 'RGB');
  return [tensor('uint8', [null, null, format === 'Grayscale' ? 1 : 3])];
}

// ---------------------------------------------------------------------------------------------

export const ops: OpDef[] = [
  { opType: 'RandomUniform', opClass: 'elementwise', infer: inferRandom, cost: perElementCost(2) },
  { opType: 'RandomNormal', opClass: 'elementwise', infer: inferRandom, cost: perElementCost(8) },
  { opType: 'RandomUniformLike', opClass: 'elementwise', infer: inferRandomLike, cost: perElementCost(2) },
  { opType: 'RandomNormalLike', opClass: 'elementwise', infer: inferRandomLike, cost: perElementCost(8) },
  { opType: 'Bernoulli', opClass: 'elementwise', infer: inferRandomLike, cost: perElementCost(1) },
  // A running sum along each row and a search in it: a row-wise pass like a reduction.
  { opType: 'Multinomial', opClass: 'reduction', infer: inferMultinomial, cost: costMultinomial },
  { opType: 'HannWindow', opClass: 'elementwise', infer: inferWindow, cost: perElementCost(5) },
  { opType: 'HammingWindow', opClass: 'elementwise', infer: inferWindow, cost: perElementCost(5) },
  { opType: 'BlackmanWindow', opClass: 'elementwise', infer: inferWindow, cost: perElementCost(10) },
  // FFT butterflies: a few operations per element per stage, streamed over the signal; no
  // register-blocked reuse as in a GEMM, so closest to element-wise kernels.
  { opType: 'DFT', opClass: 'elementwise', infer: inferDFT, cost: costDFT },
  { opType: 'STFT', opClass: 'elementwise', infer: inferSTFT, cost: costSTFT },
  { opType: 'MelWeightMatrix', opClass: 'elementwise', infer: inferMelWeightMatrix, cost: perElementCost(4) },
  // Text operators work element by element on strings.
  { opType: 'StringNormalizer', opClass: 'elementwise', infer: inferStringNormalizer, cost: noCost },
  // Counts n-grams of each row into a vector: a row-wise reduction.
  { opType: 'TfIdfVectorizer', opClass: 'reduction', infer: inferTfIdf, cost: costTfIdf },
  { opType: 'RegexFullMatch', opClass: 'elementwise', infer: inferRegexFullMatch, cost: noCost },
  { opType: 'StringConcat', opClass: 'elementwise', infer: inferStringConcat, cost: noCost },
  { opType: 'StringSplit', opClass: 'elementwise', infer: inferStringSplit, cost: noCost },
  // Per-pixel decoding work with no class of its own: the generic element-wise class.
  { opType: 'ImageDecoder', opClass: 'elementwise', infer: inferImageDecoder, cost: noCost },
];

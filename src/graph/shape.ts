/**
 * Shape arithmetic shared by the operator rules. A dim is a number, a symbol or null;
 * every helper returns null ("unknown") rather than guessing: an unknown shape is fine,
 * a wrong one is a defect.
 */
import type { Dim, Shape } from './model.js';

export function isKnown(d: Dim): d is number {
  return typeof d === 'number';
}

/** All dims known numbers. */
export function isConcrete(shape: Shape): shape is number[] {
  return shape !== null && shape.every((d) => typeof d === 'number');
}

/** Number of elements, or null when a dim is not a known number. */
export function numel(shape: Shape): number | null {
  if (shape === null) return null;
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return null;
    n *= d;
  }
  return n;
}

/** Two dims known to be the same (same number or same symbol). */
export function sameDim(a: Dim, b: Dim): boolean {
  return a !== null && a === b;
}

/** The dim both sides agree on, preferring known over unknown; null when they disagree. */
export function mergeDim(a: Dim, b: Dim): Dim {
  if (a === null) return b;
  if (b === null) return a;
  if (a === b) return a;
  if (typeof a === 'number' && typeof b !== 'number') return a;
  if (typeof b === 'number' && typeof a !== 'number') return b;
  return null;
}

/** Multidirectional (numpy) broadcasting of two shapes. */
export function broadcast(a: Shape, b: Shape): Shape {
  if (a === null || b === null) return null;
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = new Array<Dim>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    out[i] = broadcastDim(da, db);
  }
  return out;
}

export function broadcastDim(a: Dim, b: Dim): Dim {
  if (a === 1) return b;
  if (b === 1) return a;
  if (a === b) return a;
  if (typeof a === 'number' && typeof b === 'number') return null; // incompatible: not ours to guess
  // One side is a symbol or unknown and the other a number > 1: broadcasting forces that number
  // (the symbol must be 1 or equal). Unknown vs symbol: cannot tell.
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  return null;
}

export function broadcastAll(shapes: Shape[]): Shape {
  let out: Shape = [];
  for (const s of shapes) {
    out = broadcast(out, s);
    if (out === null) return null;
  }
  return out;
}

/** Normalise a possibly negative axis against a rank; null when out of range. */
export function normAxis(axis: number, rank: number): number | null {
  const a = axis < 0 ? axis + rank : axis;
  return a >= 0 && a < rank ? a : null;
}

export function mulDims(a: Dim, b: Dim): Dim {
  if (a === 0 || b === 0) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (a === 1) return b;
  if (b === 1) return a;
  return null;
}

export function addDims(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a === 0) return b;
  if (b === 0) return a;
  return null;
}

export function product(dims: Dim[]): Dim {
  let p: Dim = 1;
  for (const d of dims) p = mulDims(p, d);
  return p;
}

/** Output size of a sliding window (conv / pool) along one axis, explicit pads. */
export function windowOut(input: Dim, kernel: number, stride: number, dilation: number, padTotal: number, ceil = false): Dim {
  if (typeof input !== 'number') return null;
  const eff = dilation * (kernel - 1) + 1;
  const span = input + padTotal - eff;
  const q = ceil ? Math.ceil(span / stride) : Math.floor(span / stride);
  return q + 1;
}

export function shapeToString(shape: Shape): string {
  if (shape === null) return '?';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

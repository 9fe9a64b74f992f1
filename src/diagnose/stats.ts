import type { LayerKind } from './types.js';

/** Σv² accumulated in float64. */
export function sumSquares(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! * values[i]!;
  return s;
}

/** ‖a − b‖² (same lengths). */
export function diffSquares(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

/** Mean and (population) standard deviation, by Welford's update for stability. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const d = v - mean;
    mean += d / (i + 1);
    m2 += d * (v - mean);
  }
  return values.length === 0 ? { mean: Number.NaN, std: Number.NaN } : { mean, std: Math.sqrt(m2 / values.length) };
}

/** The fraction of outputs of a sigmoid (outside [1 − s, s]) or tanh (|y| > s) that are saturated. */
export function saturatedFraction(values: ArrayLike<number>, kind: LayerKind, s: number): number {
  if (values.length === 0 || (kind !== 'sigmoid' && kind !== 'tanh')) return Number.NaN;
  let n = 0;
  if (kind === 'tanh') {
    for (let i = 0; i < values.length; i++) if (Math.abs(values[i]!) > s) n++;
  } else {
    const lo = 1 - s;
    for (let i = 0; i < values.length; i++) if (values[i]! > s || values[i]! < lo) n++;
  }
  return n / values.length;
}

/**
 * The axis whose entries are a layer's units: features of [N, F], channels of [N, C, H, W],
 * features of batch-first sequences [N, T, F]; a 1-D output is one unit per entry.
 */
export function unitAxis(shape: readonly number[]): number {
  if (shape.length <= 1) return 0;
  return shape.length === 3 ? 2 : 1;
}

/** Number of units of an output of this shape (see unitAxis). */
export function unitCount(shape: readonly number[]): number {
  return shape.length === 0 ? 1 : shape[unitAxis(shape)]!;
}

/** Marks in `alive` every unit with a positive output somewhere in this batch (row-major `values`). */
export function markAlive(values: ArrayLike<number>, shape: readonly number[], alive: Uint8Array): void {
  if (shape.length === 0) {
    if (values[0]! > 0) alive[0] = 1;
    return;
  }
  const axis = unitAxis(shape);
  const units = shape[axis]!;
  let inner = 1;
  for (let d = axis + 1; d < shape.length; d++) inner *= shape[d]!;
  // Row-major [outer, units, inner] blocks: no division per element.
  let i = 0;
  while (i < values.length) {
    for (let u = 0; u < units; u++) {
      if (alive[u] === 1) {
        i += inner;
        continue;
      }
      for (let k = 0; k < inner; k++, i++) {
        if (values[i]! > 0) {
          alive[u] = 1;
          i += inner - k;
          break;
        }
      }
    }
  }
}

/** The fraction of units never marked alive. */
export function deadFraction(alive: Uint8Array): number {
  if (alive.length === 0) return Number.NaN;
  let dead = 0;
  for (const a of alive) if (a === 0) dead++;
  return dead / alive.length;
}

/** Mean of the finite-or-not values, ignoring NaN (NaN when none). Infinity stays Infinity. */
export function meanOf(values: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    s += v;
    n++;
  }
  return n === 0 ? Number.NaN : s / n;
}

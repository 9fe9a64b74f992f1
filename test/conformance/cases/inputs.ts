import type { GradcheckOptions } from '../../../src/autograd/index.js';
import { Generator, tensor } from '../../../src/tensor/index.js';
import type { NestedArray, Tensor } from '../../../src/tensor/index.js';
import { sizeOf } from '../../../src/tensor/index.js';

/** One gradcheck: fresh float64 inputs (those with requiresGrad are checked) and the function of them. */
export interface GradcheckCase {
  /** What the case covers (broadcast, transposed view, keepdims, ...). */
  readonly title: string;
  readonly inputs: () => Tensor[];
  readonly fn: (...inputs: Tensor[]) => Tensor;
  readonly options?: GradcheckOptions;
  /**
   * Set to false, with a comment saying why, where the function is not twice differentiable at
   * the chosen inputs (the second-order suite then leaves the case out). @default true
   */
  readonly secondOrder?: boolean;
}

/** Value ranges for generated inputs. 'signed' keeps |x| in [0.2, 1.5] so kinks (0, ties) stay far away. */
export type Range = 'signed' | 'positive' | 'any';

let seed = 1;

function draw(n: number, range: Range): number[] {
  const g = new Generator(seed++);
  return Array.from({ length: n }, () => {
    const u = g.random();
    if (range === 'positive') return 0.3 + 1.5 * u;
    if (range === 'any') return 2 * u - 1;
    const magnitude = 0.2 + 1.3 * g.random();
    return u < 0.5 ? -magnitude : magnitude;
  });
}

function make(values: number[], shape: readonly number[], requiresGrad: boolean): Tensor {
  return tensor(Float64Array.from(values), { shape, requiresGrad });
}

/** A contiguous float64 leaf that requires grad. */
export function leaf(shape: readonly number[], range: Range = 'signed'): Tensor {
  return make(draw(sizeOf(shape), range), shape, true);
}

/** A float64 leaf with the given values (for cases at special points such as zeros). */
export function withValues(values: NestedArray): Tensor {
  return tensor(values, { dtype: 'float64', requiresGrad: true });
}

/** A float64 tensor that does not require grad (a constant operand). */
export function constant(shape: readonly number[], range: Range = 'signed'): Tensor {
  return make(draw(sizeOf(shape), range), shape, false);
}

/** A leaf of `shape` that is a transposed view (last two axes swapped): strides are not row-major. */
export function transposedLeaf(shape: readonly number[], range: Range = 'signed'): Tensor {
  const n = shape.length;
  const stored = [...shape.slice(0, n - 2), shape[n - 1]!, shape[n - 2]!];
  return make(draw(sizeOf(shape), range), stored, false).transpose(-2, -1).detach().requiresGrad_();
}

/** A leaf of `shape` that is a strided slice (offset 1, every other element of the last axis) of a bigger tensor. */
export function slicedLeaf(shape: readonly number[], range: Range = 'signed'): Tensor {
  const n = shape.length;
  const stored = [...shape.slice(0, n - 1), 2 * shape[n - 1]! + 1];
  const base = make(draw(sizeOf(stored), range), stored, false);
  const specs = shape.map((_, i) => (i === n - 1 ? { start: 1, step: 2 } : null));
  return base.slice(...specs).detach().requiresGrad_();
}

/** Asserts (at build time) that a generated input really is a non-contiguous view. */
export function nonContiguous(t: Tensor): Tensor {
  if (t.isContiguous()) throw new Error('test input expected to be non-contiguous');
  return t;
}

import { ShapeError, formatShape } from '../errors/index.js';
import type { DType } from '../tensor/dtype.js';
import { isFloat } from '../tensor/dtype.js';
import type { Shape } from '../tensor/shape.js';
import { contiguousStrides, normalizeAxis, sizeOf, validateShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { defineOp, recordGrad } from './define.js';
import { sumToShape } from './reduce-grad.js';
import { checkTensor, materialize } from './util.js';

/** A view of `x`'s storage with another shape and strides (no copy). */
function view(x: Tensor, shape: Shape, strides: readonly number[], offset = x.offset): Tensor {
  return new Tensor(x.storage, shape, { strides, offset });
}

/** Resolves one -1 entry of a requested shape against `size` elements. */
function resolveShape(op: string, from: Shape, requested: readonly number[]): number[] {
  const size = sizeOf(from);
  const unknown = requested.filter((d) => d === -1).length;
  if (unknown > 1) throw new ShapeError(`${op}: only one dimension can be -1, got ${formatShape(requested)}`);
  const known = requested.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const shape = requested.map((d) => (d === -1 ? (known === 0 ? 0 : size / known) : d));
  validateShape(op, shape);
  if (sizeOf(shape) !== size) {
    throw new ShapeError(`${op}: cannot reshape ${formatShape(from)} (${size} elements) into ${formatShape(requested)}`, {
      expected: `a shape with ${size} elements`,
      got: requested,
      hint: 'the number of elements must stay the same; give -1 for one dimension to infer it',
    });
  }
  return shape;
}

/** Same values, new shape (one entry may be -1). A view when `x` is contiguous, else a copy. */
export const reshape = defineOp('reshape', (x: Tensor, shape: readonly number[]): Tensor => {
  checkTensor(x, 'x', 'reshape');
  const target = resolveShape('reshape', x.shape, shape);
  const source = x.isContiguous() ? x : materialize(x);
  const out = view(source, target, contiguousStrides(target), source.offset);
  return recordGrad('reshape', out, [x], (g) => [reshape(g, x.shape)]);
});

/** Flattens axes startAxis..endAxis (inclusive) into one. @default startAxis 0, endAxis -1 */
export function flatten(x: Tensor, startAxis = 0, endAxis = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeAxis('flatten', startAxis, x.ndim);
  const e = normalizeAxis('flatten', endAxis, x.ndim);
  const shape = [...x.shape.slice(0, s), sizeOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** Reorders the axes: output axis i is input axis `axes[i]`. A view. */
export const permute = defineOp('permute', (x: Tensor, axes: readonly number[]): Tensor => {
  checkTensor(x, 'x', 'permute');
  const normalized = axes.map((a) => normalizeAxis('permute', a, x.ndim));
  if (normalized.length !== x.ndim || new Set(normalized).size !== x.ndim) {
    throw new ShapeError(`permute: expected a permutation of ${x.ndim} axes for shape ${formatShape(x.shape)}, got ${formatShape(axes)}`);
  }
  const out = view(
    x,
    normalized.map((a) => x.shape[a]!),
    normalized.map((a) => x.strides[a]!),
  );
  const inverse = new Array<number>(x.ndim);
  normalized.forEach((a, i) => (inverse[a] = i));
  return recordGrad('permute', out, [x], (g) => [permute(g, inverse)]);
});

/** Swaps two axes (by default the last two). A view. */
export function transpose(x: Tensor, axis0 = -2, axis1 = -1): Tensor {
  if (x.ndim < 2 && axis0 === -2 && axis1 === -1) return x;
  const a = normalizeAxis('transpose', axis0, x.ndim);
  const b = normalizeAxis('transpose', axis1, x.ndim);
  const axes = Array.from({ length: x.ndim }, (_, i) => i);
  axes[a] = b;
  axes[b] = a;
  return permute(x, axes);
}

/** Removes an axis of size 1 (or every such axis when none is named). */
export function squeeze(x: Tensor, axis?: number): Tensor {
  if (axis === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const a = normalizeAxis('squeeze', axis, x.ndim);
  if (x.shape[a] !== 1) {
    throw new ShapeError(`squeeze: axis ${axis} has size ${x.shape[a]}, not 1, in shape ${formatShape(x.shape)}`);
  }
  return reshape(x, x.shape.filter((_, i) => i !== a));
}

/** Inserts an axis of size 1 at `axis` (negative counts from the end of the new shape). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis('unsqueeze', axis, x.ndim + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** Broadcasts `x` to `shape` without copying (stride 0 on expanded axes); -1 keeps a size. */
export const expand = defineOp('expand', (x: Tensor, shape: readonly number[]): Tensor => {
  checkTensor(x, 'x', 'expand');
  const lead = shape.length - x.ndim;
  if (lead < 0) throw new ShapeError(`expand: cannot expand ${formatShape(x.shape)} to fewer dimensions ${formatShape(shape)}`);
  const target = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead]! : d));
  validateShape('expand', target);
  const strides = target.map((d, i) => {
    if (i < lead) return 0;
    const own = x.shape[i - lead]!;
    if (own === d) return x.strides[i - lead]!;
    if (own === 1) return 0;
    throw new ShapeError(`expand: cannot expand ${formatShape(x.shape)} to ${formatShape(shape)}: axis ${i} has size ${own}, not 1`);
  });
  const out = view(x, target, strides);
  return recordGrad('expand', out, [x], (g) => [sumToShape(g, x.shape)]);
});

/** `x` itself when contiguous, otherwise a contiguous copy (gradient passes through). */
export const contiguous = defineOp('contiguous', (x: Tensor): Tensor => {
  checkTensor(x, 'x', 'contiguous');
  if (x.isContiguous()) return x;
  return recordGrad('contiguous', materialize(x), [x], (g) => [g]);
});

/** A contiguous copy with its own storage (gradient passes through). */
export const clone = defineOp('clone', (x: Tensor): Tensor => {
  checkTensor(x, 'x', 'clone');
  return recordGrad('clone', materialize(x), [x], (g) => [g]);
});

/**
 * A copy converted to `dtype` (float to int32 truncates toward zero). Gradients flow between
 * float dtypes; a cast to int32 ends the graph.
 */
export const cast = defineOp('cast', (x: Tensor, dtype: DType): Tensor => {
  checkTensor(x, 'x', 'cast');
  if (x.dtype === dtype) return x;
  const out = materialize(x, dtype);
  if (!isFloat(dtype) || !isFloat(x.dtype)) return out;
  return recordGrad('cast', out, [x], (g) => [cast(g, x.dtype)]);
});

import { ConfigError, DTypeError, ShapeError, formatShape } from '../errors/index.js';
import { normalizeAxis, sizeOf } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { defineOp, recordGrad } from './define.js';
import { slice } from './index-ops.js';
import { unsqueeze } from './shape.js';
import { checkTensor, empty, rawValues, contiguousData } from './util.js';

/** Joins tensors along an existing axis. All other axes must match. */
export const concat = defineOp('concat', (tensors: readonly Tensor[], axis = 0): Tensor => {
  if (tensors.length === 0) throw new ConfigError('concat: expected at least one tensor');
  tensors.forEach((t, i) => checkTensor(t, `tensors[${i}]`, 'concat'));
  const first = tensors[0]!;
  const a = normalizeAxis('concat', axis, first.ndim);
  for (const t of tensors) {
    if (t.dtype !== first.dtype) {
      throw new DTypeError(`concat: all tensors must share a dtype, got ${first.dtype} and ${t.dtype}`, { hint: `cast them first, e.g. t.cast('${first.dtype}')` });
    }
    if (t.ndim !== first.ndim || t.shape.some((d, i) => i !== a && d !== first.shape[i])) {
      throw new ShapeError(`concat: shapes ${formatShape(first.shape)} and ${formatShape(t.shape)} differ off axis ${a}`);
    }
  }
  const sizes = tensors.map((t) => t.shape[a]!);
  const total = sizes.reduce((s, d) => s + d, 0);
  const outer = sizeOf(first.shape.slice(0, a));
  const inner = sizeOf(first.shape.slice(a + 1));
  const out = empty([...first.shape.slice(0, a), total, ...first.shape.slice(a + 1)], first.dtype);
  // Block copies: input i fills rows [start_i, start_i + size_i) of every outer slice.
  let start = 0;
  tensors.forEach((t, i) => {
    const values = rawValues(contiguousData(t));
    const block = sizes[i]! * inner;
    for (let o = 0; o < outer; o++) out.storage.set(values.subarray(o * block, (o + 1) * block), (o * total + start) * inner);
    start += sizes[i]!;
  });
  return recordGrad('concat', out, tensors, (g) => {
    let from = 0;
    return tensors.map((t, i) => {
      const specs = g.shape.map((_, axisIndex) => (axisIndex === a ? { start: from, end: from + sizes[i]! } : null));
      from += sizes[i]!;
      return t.requiresGrad ? slice(g, specs) : null;
    });
  });
});

/** Joins tensors of equal shape along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ConfigError('stack: expected at least one tensor');
  const first = tensors[0]!;
  for (const t of tensors) {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => d !== first.shape[i])) {
      throw new ShapeError(`stack: all tensors must have the same shape, got ${formatShape(first.shape)} and ${formatShape(t.shape)}`);
    }
  }
  const a = normalizeAxis('stack', axis, first.ndim + 1);
  return concat(tensors.map((t) => unsqueeze(t, a)), a);
}

/**
 * Splits along `axis` into pieces of `sizeOrSections` (the last may be smaller), or into
 * pieces of the listed sizes, like torch.split. The pieces are views.
 */
export function split(x: Tensor, sizeOrSections: number | readonly number[], axis = 0): Tensor[] {
  const a = normalizeAxis('split', axis, x.ndim);
  const length = x.shape[a]!;
  let sizes: number[];
  if (typeof sizeOrSections === 'number') {
    if (!Number.isInteger(sizeOrSections) || sizeOrSections <= 0) throw new ConfigError(`split: size must be a positive integer, got ${sizeOrSections}`);
    sizes = [];
    for (let s = 0; s < length; s += sizeOrSections) sizes.push(Math.min(sizeOrSections, length - s));
  } else {
    sizes = [...sizeOrSections];
    if (sizes.reduce((s, d) => s + d, 0) !== length) {
      throw new ShapeError(`split: sections ${formatShape(sizes)} do not add up to axis ${a} of size ${length}`);
    }
  }
  let start = 0;
  return sizes.map((size) => {
    const specs = x.shape.map((_, i) => (i === a ? { start, end: start + size } : null));
    start += size;
    return slice(x, specs);
  });
}

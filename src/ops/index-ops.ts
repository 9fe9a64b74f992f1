import { getBackend } from '../backend/registry.js';
import { ConfigError, DTypeError, IndexError, ShapeError, formatShape } from '../errors/index.js';
import { contiguousStrides, normalizeAxis, sizeOf } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { defineOp, recordGrad } from './define.js';
import { checkTensor, contiguousData, empty, rawValues } from './util.js';
import { viewIndices } from './view-index.js';

/** One axis of a slice: an index (drops the axis), null (the whole axis), or a range with a positive step. */
export type SliceSpec = number | null | { readonly start?: number; readonly end?: number; readonly step?: number };

function indexArray(index: Tensor | readonly number[], op: string): Int32Array {
  if (index instanceof Tensor) {
    if (index.dtype !== 'int32') throw new DTypeError(`${op}: index must be an int32 tensor, got ${index.dtype}`, { hint: "cast with index.cast('int32')" });
    return rawValues(index) as Int32Array;
  }
  return Int32Array.from(index);
}

function checkRange(op: string, index: Int32Array, size: number, axis: number): void {
  for (const i of index) {
    if (i < 0 || i >= size) {
      throw new IndexError(`${op}: index ${i} is out of range for axis ${axis} of size ${size}; expected 0 <= index < ${size}`, {
        expected: `0 <= index < ${size}`,
        got: i,
        hint: 'indices count from 0; check labels or indices against the size of that axis',
      });
    }
  }
}

/**
 * Scatters `grad` (shaped like the picked elements) back to a zero tensor of `shape` at flat
 * `positions`. Recorded, so that backward with createGraph can differentiate it again: its own
 * gradient picks the same positions (`pick`, the op's forward).
 */
function scatterFlat(op: string, grad: Tensor, positions: Int32Array, shape: readonly number[], pick: (g: Tensor) => Tensor): Tensor {
  const out = empty(shape, grad.dtype);
  getBackend().scatterAdd(rawValues(contiguousData(grad)), 1, out.size, 1, positions, out.storage);
  return recordGrad(`${op}Backward`, out, [grad], (gg) => [pick(gg)]);
}

/** Picks entries `index` (1-D) along `axis`, like torch.index_select. */
export const indexSelect = defineOp('indexSelect', (x: Tensor, axis: number, index: Tensor | readonly number[]): Tensor => {
  checkTensor(x, 'x', 'indexSelect');
  const a = normalizeAxis('indexSelect', axis, x.ndim);
  const idx = indexArray(index, 'indexSelect');
  const size = x.shape[a]!;
  checkRange('indexSelect', idx, size, a);
  const outer = sizeOf(x.shape.slice(0, a));
  const inner = sizeOf(x.shape.slice(a + 1));
  const out = empty([...x.shape.slice(0, a), idx.length, ...x.shape.slice(a + 1)], x.dtype);
  getBackend().gather(rawValues(contiguousData(x)), outer, size, inner, idx, out.storage);
  return recordGrad('indexSelect', out, [x], (g) => {
    const gradIn = empty(x.shape, g.dtype);
    getBackend().scatterAdd(rawValues(contiguousData(g)), outer, size, inner, idx, gradIn.storage);
    return [recordGrad('indexSelectBackward', gradIn, [g], (gg) => [indexSelect(gg, a, index)])];
  });
});

/**
 * torch.gather: out[i][j][k] = x[i][index[i][j][k]][k] for axis 1 (likewise for any axis).
 * `index` is int32 with x's number of dims and no larger than x on the other axes.
 */
export const gather = defineOp('gather', (x: Tensor, axis: number, index: Tensor): Tensor => {
  checkTensor(x, 'x', 'gather');
  checkTensor(index, 'index', 'gather');
  const a = normalizeAxis('gather', axis, x.ndim);
  if (index.ndim !== x.ndim || index.shape.some((d, i) => i !== a && d > x.shape[i]!)) {
    throw new ShapeError(`gather: index ${formatShape(index.shape)} must have the dims of x ${formatShape(x.shape)} and fit inside it off axis ${a}`);
  }
  const idx = indexArray(index, 'gather');
  checkRange('gather', idx, x.shape[a]!, a);
  // Flat position in contiguous x of each picked element.
  const xStrides = contiguousStrides(x.shape);
  const base = viewIndices(index.shape, xStrides.map((s, i) => (i === a ? 0 : s)), 0);
  const positions = base.map((p, i) => p + idx[i]! * xStrides[a]!);
  const out = empty(index.shape, x.dtype);
  getBackend().gather(rawValues(contiguousData(x)), 1, x.size, 1, positions, out.storage);
  return recordGrad('gather', out, [x], (g) => [scatterFlat('gather', g, positions, x.shape, (gg) => gather(gg, a, index))]);
});

/**
 * Slices `x` with one spec per leading axis (missing specs take whole axes). Returns a view.
 * @example x.slice(0, null, { start: 1, end: 5, step: 2 })
 */
export const slice = defineOp('slice', (x: Tensor, specs: readonly SliceSpec[]): Tensor => {
  checkTensor(x, 'x', 'slice');
  if (specs.length > x.ndim) {
    throw new IndexError(`slice: ${specs.length} specs for a tensor of ${x.ndim} dims ${formatShape(x.shape)}; expected at most ${x.ndim}`, {
      hint: 'give one spec per leading axis (null keeps a whole axis)',
    });
  }
  const shape: number[] = [];
  const strides: number[] = [];
  const relStrides: number[] = [];
  const contiguous = contiguousStrides(x.shape);
  let offset = x.offset;
  let relOffset = 0;
  x.shape.forEach((size, axis) => {
    const spec = specs[axis] ?? null;
    if (typeof spec === 'number') {
      const i = spec < 0 ? spec + size : spec;
      if (!Number.isInteger(spec) || i < 0 || i >= size) {
        throw new IndexError(`slice: index ${spec} is out of range for axis ${axis} of size ${size}; expected an integer in [${-size}, ${size - 1}]`, {
          expected: `an integer in [${-size}, ${size - 1}]`,
          got: spec,
          hint: 'negative indices count from the end; use a range { start, end } to keep the axis',
        });
      }
      offset += i * x.strides[axis]!;
      relOffset += i * contiguous[axis]!;
      return;
    }
    const step = spec?.step ?? 1;
    if (!Number.isInteger(step) || step <= 0) throw new ConfigError(`slice: step must be a positive integer, got ${step}`);
    const clampIndex = (v: number | undefined, fallback: number): number => {
      if (v === undefined) return fallback;
      const w = v < 0 ? v + size : v;
      return Math.min(Math.max(w, 0), size);
    };
    const start = clampIndex(spec?.start, 0);
    const end = clampIndex(spec?.end, size);
    shape.push(Math.max(0, Math.ceil((end - start) / step)));
    strides.push(x.strides[axis]! * step);
    relStrides.push(contiguous[axis]! * step);
    offset += start * x.strides[axis]!;
    relOffset += start * contiguous[axis]!;
  });
  const out = new Tensor(x.storage, shape, { strides, offset });
  return recordGrad('slice', out, [x], (g) => [scatterFlat('slice', g, viewIndices(shape, relStrides, relOffset), x.shape, (gg) => slice(gg, specs))]);
});

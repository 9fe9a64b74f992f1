import type { StridedInput } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { DeeptraceError } from '../errors/index.js';
import type { DType } from '../tensor/dtype.js';
import { allocArray, isFloat } from '../tensor/dtype.js';
import type { Shape } from '../tensor/shape.js';
import { broadcastStrides, shapesEqual, sizeOf } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

export type TensorLike = Tensor | number;

/** A new contiguous tensor of `shape` (zero-filled). */
export function empty(shape: Shape, dtype: DType): Tensor {
  return new Tensor(allocArray(dtype, sizeOf(shape)), shape);
}

/** Checks that an argument is a tensor, naming the argument and the op otherwise (tfjs's convertToTensor). */
export function checkTensor(value: unknown, arg: string, op: string): Tensor {
  if (value instanceof Tensor) return value;
  throw new DeeptraceError(`Argument '${arg}' passed to '${op}' must be a Tensor, but got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array (wrap it with tensor(...))';
  return `'${typeof value}'`;
}

/** A tensor operand, or a number turned into a 0-d tensor of a fitting dtype. */
export function toTensor(value: TensorLike, like: Tensor, arg: string, op: string): Tensor {
  if (typeof value === 'number') {
    const dtype: DType = like.dtype === 'int32' && !Number.isInteger(value) ? 'float32' : like.dtype;
    const data = allocArray(dtype, 1);
    data[0] = value;
    return new Tensor(data, []);
  }
  return checkTensor(value, arg, op);
}

/** The float dtype an op computes in for this input: int32 becomes float32. */
export function floatTypeOf(t: Tensor): DType {
  return isFloat(t.dtype) ? t.dtype : 'float32';
}

/** The strided view of `t` read as `shape` (broadcast dims get stride 0). */
export function stridedAs(t: Tensor, shape: Shape): StridedInput {
  return { data: t.storage, offset: t.offset, strides: broadcastStrides(t.shape, t.strides, shape) };
}

/** A contiguous copy of `t` in `dtype` (no graph). */
export function materialize(t: Tensor, dtype: DType = t.dtype): Tensor {
  const out = empty(t.shape, dtype);
  getBackend().copy(stridedAs(t, t.shape), out.storage, t.shape);
  return out;
}

/** `t` itself when it is contiguous and of `dtype`, else a contiguous copy (no graph). */
export function contiguousData(t: Tensor, dtype: DType = t.dtype): Tensor {
  if (t.dtype === dtype && t.isContiguous()) return t;
  return materialize(t, dtype);
}

/** The raw storage of a contiguous tensor, from its offset, as long as its size. */
export function rawValues(t: Tensor): Tensor['storage'] {
  const c = contiguousData(t);
  return c.offset === 0 && c.storage.length === c.size ? c.storage : c.storage.subarray(c.offset, c.offset + c.size);
}

/** Whether two shapes match (re-exported for ops). */
export { shapesEqual };

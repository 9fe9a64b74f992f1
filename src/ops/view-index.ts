import type { Shape } from '../tensor/shape.js';
import { sizeOf } from '../tensor/shape.js';

/** Storage positions of the elements of a strided view, in row-major order of `shape`. */
export function viewIndices(shape: Shape, strides: readonly number[], offset: number): Int32Array {
  const out = new Int32Array(sizeOf(shape));
  const nd = shape.length;
  if (out.length === 0) return out;
  const counter = new Array<number>(nd).fill(0);
  let position = offset;
  for (let i = 0; i < out.length; i++) {
    out[i] = position;
    for (let d = nd - 1; d >= 0; d--) {
      counter[d]!++;
      position += strides[d]!;
      if (counter[d]! < shape[d]!) break;
      position -= strides[d]! * shape[d]!;
      counter[d] = 0;
    }
  }
  return out;
}

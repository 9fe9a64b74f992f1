import type { StridedInput } from '../backend.js';

/**
 * Walks `shape` in row-major order, one innermost row at a time. For each row, `row` receives
 * the flat output index of its first element, the row length, and each input's offset of the
 * row's first element (in `offsets`, reused between calls). Inner strides are the inputs'
 * last strides. A 0-d shape is a single row of length 1.
 */
export function forEachRow(
  shape: readonly number[],
  inputs: readonly StridedInput[],
  row: (outStart: number, length: number, offsets: readonly number[]) => void,
): void {
  const nd = shape.length;
  const offsets = inputs.map((x) => x.offset);
  if (nd === 0) {
    row(0, 1, offsets);
    return;
  }
  let total = 1;
  for (const d of shape) total *= d;
  if (total === 0) return;
  const last = nd - 1;
  const length = shape[last]!;
  const counter = new Array<number>(nd).fill(0);
  for (let outStart = 0; outStart < total; outStart += length) {
    row(outStart, length, offsets);
    for (let d = last - 1; d >= 0; d--) {
      counter[d]!++;
      for (let j = 0; j < inputs.length; j++) offsets[j]! += inputs[j]!.strides[d]!;
      if (counter[d]! < shape[d]!) break;
      for (let j = 0; j < inputs.length; j++) offsets[j]! -= inputs[j]!.strides[d]! * shape[d]!;
      counter[d] = 0;
    }
  }
}

/** The innermost stride of an input (0 for a 0-d shape). */
export function innerStride(x: StridedInput): number {
  return x.strides.length === 0 ? 0 : x.strides[x.strides.length - 1]!;
}

import type { TypedArray } from '../../tensor/dtype.js';

export function gather(
  x: TypedArray,
  outer: number,
  size: number,
  inner: number,
  index: Int32Array,
  out: TypedArray,
): void {
  const count = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const src = (o * size + index[j]!) * inner;
      const dst = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] = x[src + i]!;
    }
  }
}

export function scatterAdd(
  src: TypedArray,
  outer: number,
  size: number,
  inner: number,
  index: Int32Array,
  out: TypedArray,
): void {
  const count = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const dst = (o * size + index[j]!) * inner;
      const from = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i]! += src[from + i]!;
    }
  }
}

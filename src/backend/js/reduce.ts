import type { TypedArray } from '../../tensor/dtype.js';
import type { ArgReduceKernel, ReduceKernel } from '../backend.js';

const initial: Record<ReduceKernel, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

export function reduce(
  op: ReduceKernel,
  x: TypedArray,
  outer: number,
  size: number,
  inner: number,
  out: TypedArray,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = initial[op];
      let p = o * size * inner + i;
      for (let s = 0; s < size; s++, p += inner) {
        const v = x[p]!;
        switch (op) {
          case 'sum':
            acc += v;
            break;
          case 'prod':
            acc *= v;
            break;
          case 'max':
            // NaN propagates, as in NumPy.
            if (v > acc || Number.isNaN(v)) acc = v;
            break;
          case 'min':
            if (v < acc || Number.isNaN(v)) acc = v;
            break;
        }
        if (Number.isNaN(acc) && op !== 'sum' && op !== 'prod') break;
      }
      out[o * inner + i] = acc;
    }
  }
}

export function argReduce(
  op: ArgReduceKernel,
  x: TypedArray,
  outer: number,
  size: number,
  inner: number,
  out: Int32Array,
): void {
  const better = op === 'argmax' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let best = x[base]!;
      let bestIndex = 0;
      for (let s = 1; s < size; s++) {
        const v = x[base + s * inner]!;
        if (Number.isNaN(best)) break;
        if (better(v, best) || Number.isNaN(v)) {
          best = v;
          bestIndex = s;
        }
      }
      out[o * inner + i] = bestIndex;
    }
  }
}

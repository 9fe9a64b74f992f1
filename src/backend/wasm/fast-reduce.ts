// Reductions of the wasm backend, in JavaScript (memory-bound). For a reduced axis with
// inner > 1 the reference walks memory with stride `inner`; this walks it row by row,
// keeping one float64 accumulator per output, so each output sees the same operations in
// the same order and gets exactly the reference's value.
import type { TypedArray } from '../../tensor/dtype.js';
import type { ReduceKernel } from '../backend.js';
import { reduce as jsReduce } from '../js/reduce.js';

const initial: Record<ReduceKernel, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

/** Reduces contiguous x viewed as [outer, size, inner] over the middle axis into out [outer, inner]. */
export function reduce(op: ReduceKernel, x: TypedArray, outer: number, size: number, inner: number, out: TypedArray): void {
  if (inner === 1 && op === 'sum') {
    // Row sums (e.g. a bias gradient over H·W): one float64 accumulator per row, in order.
    for (let o = 0, p = 0; o < outer; o++) {
      let acc = 0;
      for (const end = p + size; p < end; p++) acc += x[p]!;
      out[o] = acc;
    }
    return;
  }
  if (inner === 1) {
    jsReduce(op, x, outer, size, inner, out);
    return;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(initial[op]);
    for (let s = 0; s < size; s++) {
      const row = (o * size + s) * inner;
      switch (op) {
        case 'sum':
          for (let i = 0; i < inner; i++) acc[i]! += x[row + i]!;
          break;
        case 'prod':
          for (let i = 0; i < inner; i++) acc[i]! *= x[row + i]!;
          break;
        case 'max':
          // NaN propagates: once there, nothing replaces it but another NaN.
          for (let i = 0; i < inner; i++) {
            const v = x[row + i]!;
            if (v > acc[i]! || Number.isNaN(v)) acc[i] = v;
          }
          break;
        case 'min':
          for (let i = 0; i < inner; i++) {
            const v = x[row + i]!;
            if (v < acc[i]! || Number.isNaN(v)) acc[i] = v;
          }
          break;
      }
    }
    for (let i = 0; i < inner; i++) out[o * inner + i] = acc[i]!;
  }
}

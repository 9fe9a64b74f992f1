import type { GemmParams } from '../backend.js';

/**
 * Reference batched GEMM: the textbook triple loop. Readable and exact enough to serve as the
 * specification of every fast one. The loop order follows the layout of B so that the inner loop
 * reads memory in order: (i, q, j) along rows of B and C, or, when B is transposed, dot
 * products (i, j, q) along rows of A and B. Either way each C[i][j] sums its k products in
 * order of q.
 */
export function gemm(p: GemmParams): void {
  product(p);
  if (p.epilogue === 'relu') {
    for (let batch = 0; batch < p.batch; batch++) {
      const c0 = p.cOffset + batch * p.cBatchStride;
      for (let i = c0; i < c0 + p.m * p.n; i++) {
        const v = p.c[i]!;
        p.c[i] = v > 0 || Number.isNaN(v) ? v : 0;
      }
    }
  }
}

function product(p: GemmParams): void {
  const { a, b, c, m, n, k, transA, transB } = p;
  // Element (i, q) of op(A) and (q, j) of op(B), as strides into row-major storage.
  const aRow = transA ? 1 : k;
  const aCol = transA ? m : 1;
  const bRow = transB ? 1 : n;
  const bCol = transB ? k : 1;
  for (let batch = 0; batch < p.batch; batch++) {
    const a0 = p.aOffset + batch * p.aBatchStride;
    const b0 = p.bOffset + batch * p.bBatchStride;
    const c0 = p.cOffset + batch * p.cBatchStride;
    if (!p.accumulate) c.fill(0, c0, c0 + m * n);
    if (transB) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let q = 0; q < k; q++) sum += a[a0 + i * aRow + q * aCol]! * b[b0 + j * bCol + q]!;
          c[c0 + i * n + j]! += sum;
        }
      }
      continue;
    }
    for (let i = 0; i < m; i++) {
      const cRow = c0 + i * n;
      for (let q = 0; q < k; q++) {
        const aiq = a[a0 + i * aRow + q * aCol]!;
        const bBase = b0 + q * bRow;
        for (let j = 0; j < n; j++) c[cRow + j]! += aiq * b[bBase + j * bCol]!;
      }
    }
  }
}

import type { GemmParams } from '../backend.js';

/**
 * Reference batched GEMM: the textbook triple loop (i, p, j order so the inner loop runs along
 * rows of B and C). Readable and exact enough to serve as the specification of every fast one.
 */
export function gemm(p: GemmParams): void {
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
    for (let i = 0; i < m; i++) {
      const cRow = c0 + i * n;
      for (let q = 0; q < k; q++) {
        const aiq = a[a0 + i * aRow + q * aCol]!;
        if (aiq === 0) continue;
        const bBase = b0 + q * bRow;
        for (let j = 0; j < n; j++) c[cRow + j]! += aiq * b[bBase + j * bCol]!;
      }
    }
  }
}

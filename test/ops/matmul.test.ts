import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import { arange, tensor } from '../../src/tensor/index.js';
import { assertClose, f32, f64 } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

/** Reference product of nested matrices. */
function naive(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, q) => s + v * b[q]![j]!, 0)));
}

function matrix(rows: number, cols: number, seed: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.sin(seed + 1.7 * i + 0.31 * j) * 2));
}

forEachBackend('matmul', ({ it }) => {
  for (const dtype of ['float32', 'float64'] as const) {
    const tol = dtype === 'float64' ? f64 : { atol: 1e-4, rtol: 1e-5 };
    it(`2-D product on hand-computed values (${dtype})`, () => {
      const a = tensor([[1, 2, 3], [4, 5, 6]], { dtype });
      const b = tensor([[7, 8], [9, 10], [11, 12]], { dtype });
      assertClose(ops.matmul(a, b), [[58, 64], [139, 154]], tol);
      assert.equal(ops.matmul(a, b).dtype, dtype);
    });

    for (const [m, k, n] of [[1, 1, 1], [7, 1, 33], [33, 7, 1], [7, 33, 7], [1, 7, 33]] as const) {
      it(`[${m},${k}] x [${k},${n}] against a naive loop, also with transposed operands (${dtype})`, () => {
        const av = matrix(m, k, 1);
        const bv = matrix(k, n, 2);
        const expected = naive(av, bv);
        const a = tensor(av, { dtype });
        const b = tensor(bv, { dtype });
        assertClose(ops.matmul(a, b), expected, tol);
        // Column-major views (transposes of contiguous tensors) of the same matrices.
        const aView = a.T.contiguous().T;
        const bView = b.T.contiguous().T;
        assert.equal(m > 1 && k > 1 ? aView.isContiguous() : false, false);
        assertClose(ops.matmul(aView, bView), expected, tol);
        assertClose(ops.matmul(aView, b), expected, tol);
        // A strided slice of a wider matrix: every other column.
        const wide = tensor(av.map((r) => r.flatMap((v) => [v, 99])), { dtype }).slice(null, { step: 2 });
        assertClose(ops.matmul(wide, bView), expected, tol);
      });
    }
  }

  it('1-D operands: vector-matrix, matrix-vector, dot', () => {
    const a = tensor([[1, 2], [3, 4]]);
    assertClose(ops.matmul(tensor([1, 1]), a), [4, 6]);
    assertClose(ops.matmul(a, tensor([1, -1])), [-1, -1]);
    assertClose(ops.matmul(tensor([1, 2, 3]), tensor([4, 5, 6])), 32);
  });

  it('batched and broadcast batch dimensions', () => {
    // a[b] = [[b, 1], [0, 1]], w = [[1, 2], [3, 4]] → a[b]·w = [[b+3, 2b+4], [3, 4]]
    const batch = tensor([[[0, 1], [0, 1]], [[1, 1], [0, 1]], [[2, 1], [0, 1]]], { dtype: 'float64' });
    const w = tensor([[1, 2], [3, 4]], { dtype: 'float64' });
    assertClose(ops.matmul(batch, w), [[[3, 4], [3, 4]], [[4, 6], [3, 4]], [[5, 8], [3, 4]]], f64);
    // [2,1,2,2] x [3,2,2] → [2,3,2,2]
    const left = tensor([[[[1, 0], [0, 1]]], [[[2, 0], [0, 2]]]], { dtype: 'float64' });
    const out = ops.matmul(left, batch);
    assert.deepEqual(out.shape, [2, 3, 2, 2]);
    assertClose(out.slice(1, 2), [[4, 2], [0, 2]], f64);
    assertClose(out.slice(0, 1), [[1, 1], [0, 1]], f64);
    // batched x 1-D
    assertClose(ops.matmul(batch, tensor([1, 1], { dtype: 'float64' })), [[1, 1], [2, 1], [3, 1]], f64);
  });

  it('a transposed batch and a sliced operand', () => {
    const base = arange(0, 12, 1, { dtype: 'float64' }).reshape(2, 3, 2);
    const t: Tensor = base.transpose(1, 2); // [2,2,3]
    const ones = tensor([[1], [1], [1]], { dtype: 'float64' });
    assertClose(ops.matmul(t, ones), [[[6], [9]], [[24], [27]]], f64);
    const s = arange(0, 16, 1, { dtype: 'float64' }).reshape(4, 4).slice({ start: 1, end: 3 }, { step: 2 }); // [[4,6],[8,10]]
    assertClose(ops.matmul(s, tensor([[1], [2]], { dtype: 'float64' })), [[16], [28]], f64);
  });

  it('mixed float precision promotes to float64', () => {
    const out = ops.matmul(tensor([[1, 2]]), tensor([[3], [4]], { dtype: 'float64' }));
    assert.equal(out.dtype, 'float64');
    assertClose(out, [[11]], f32);
  });
});

import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import type { DType } from '../../src/tensor/index.js';
import { arange, tensor } from '../../src/tensor/index.js';
import { assertClose, f32, f64 } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

const tol = (dtype: DType) => (dtype === 'float64' ? f64 : f32);

forEachBackend('reductions', ({ it }) => {
  for (const dtype of ['float32', 'float64'] as const) {
    // x[i][j][k] = 6i + 2j + k for shape [2,3,2]
    const cube = () => arange(0, 12, 1, { dtype }).reshape(2, 3, 2);

    it(`sum over every set of axes, with and without keepdims (${dtype})`, () => {
      const x = cube();
      assertClose(ops.sum(x), 66, tol(dtype));
      assertClose(ops.sum(x, 0), [[6, 8], [10, 12], [14, 16]], tol(dtype));
      assertClose(ops.sum(x, 1), [[6, 9], [24, 27]], tol(dtype));
      assertClose(ops.sum(x, -1), [[1, 5, 9], [13, 17, 21]], tol(dtype));
      assertClose(ops.sum(x, [0, 2]), [14, 22, 30], tol(dtype));
      assertClose(ops.sum(x, [0, 1]), [30, 36], tol(dtype));
      assertClose(ops.sum(x, [1, 2]), [15, 51], tol(dtype));
      assertClose(ops.sum(x, [0, 2], true), [[[14], [22], [30]]], tol(dtype));
      assertClose(ops.sum(x, undefined, true), [[[66]]], tol(dtype));
      assertClose(ops.sum(x, [2, 0]), [14, 22, 30], tol(dtype));
    });

    it(`mean, max, min, prod (${dtype})`, () => {
      const x = cube();
      assertClose(ops.mean(x), 5.5, tol(dtype));
      assertClose(ops.mean(x, [0, 2]), [3.5, 5.5, 7.5], tol(dtype));
      assertClose(ops.max(x, 1), [[4, 5], [10, 11]], tol(dtype));
      assertClose(ops.min(x, [0, 1], true), [[[0, 1]]], tol(dtype));
      assertClose(ops.max(x), 11, tol(dtype));
      const y = tensor([[1, -2, 3], [0.5, 4, -1]], { dtype });
      assertClose(ops.prod(y, 1), [-6, -2], tol(dtype));
      assertClose(ops.prod(y), 12, tol(dtype));
      assertClose(ops.min(y, 0), [0.5, -2, -1], tol(dtype));
    });

    it(`var and std, unbiased by default (${dtype})`, () => {
      const x = tensor([[1, 2, 3, 4], [2, 4, 6, 8]], { dtype });
      assertClose(ops.variance(x, 1), [5 / 3, 20 / 3], tol(dtype));
      assertClose(ops.variance(x, 1, false, 0), [1.25, 5], tol(dtype));
      assertClose(ops.std(x, 1, true), [[Math.sqrt(5 / 3)], [Math.sqrt(20 / 3)]], tol(dtype));
      assertClose(ops.variance(x, 0), [0.5, 2, 4.5, 8], tol(dtype));
      // all 8 values: mean 3.75, sum of squared deviations 37.5
      assertClose(ops.variance(x), 37.5 / 7, tol(dtype));
      assertClose(x.std(undefined, false, 0), Math.sqrt(37.5 / 8), tol(dtype));
    });

    it(`logsumexp and norm (${dtype})`, () => {
      const x = tensor([[0, Math.log(3)], [1, 1]], { dtype });
      assertClose(ops.logsumexp(x, 1), [Math.log(4), 1 + Math.LN2], tol(dtype));
      assertClose(ops.logsumexp(x, 1, true), [[Math.log(4)], [1 + Math.LN2]], tol(dtype));
      assertClose(ops.logsumexp(tensor([1000, 1000], { dtype })), 1000 + Math.LN2, tol(dtype));
      assertClose(ops.logsumexp(tensor([-Infinity, -Infinity], { dtype })), -Infinity);
      const v = tensor([[3, -4], [1, 2]], { dtype });
      assertClose(ops.norm(v, 2, 1), [5, Math.sqrt(5)], tol(dtype));
      assertClose(ops.norm(v), Math.sqrt(30), tol(dtype));
      assertClose(ops.norm(v, 1, 0), [4, 6], tol(dtype));
      assertClose(ops.norm(v, Infinity, 1, true), [[4], [2]], tol(dtype));
      assertClose(ops.norm(v, 3, 1), [Math.cbrt(27 + 64), Math.cbrt(9)], tol(dtype));
    });
  }

  it('argmax and argmin return int32 indices, first on ties, flattened without an axis', () => {
    const x = tensor([[1, 5, 5], [7, 0, 7]]);
    assert.equal(ops.argmax(x, 1).dtype, 'int32');
    assertClose(ops.argmax(x, 1), [1, 0]);
    assertClose(ops.argmin(x, 1), [0, 1]);
    assertClose(ops.argmax(x, 0), [1, 0, 1]);
    assertClose(ops.argmax(x, 0, true), [[1, 0, 1]]);
    assertClose(ops.argmax(x), 3);
    assertClose(ops.argmin(x), 4);
    assertClose(ops.argmax(x.T, 1), [1, 0, 1]);
  });

  for (const n of [1, 7, 33]) {
    it(`sum, mean, max, min of ${n} elements and of a [${n},3] view along both axes`, () => {
      const values = Array.from({ length: n * 3 }, (_, i) => ((i * 37) % 11) - 5 + i / 100);
      const m = tensor(values, { dtype: 'float64', shape: [3, n] }).T; // [n,3], non-contiguous
      const rows = Array.from({ length: n }, (_, i) => [values[i]!, values[n + i]!, values[2 * n + i]!]);
      const col = (j: number) => rows.map((r) => r[j]!);
      const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
      assertClose(ops.sum(m, 1), rows.map(sum), f64);
      assertClose(ops.sum(m, 0), [0, 1, 2].map((j) => sum(col(j))), f64);
      assertClose(ops.mean(m, 0), [0, 1, 2].map((j) => sum(col(j)) / n), f64);
      assertClose(ops.max(m, 0), [0, 1, 2].map((j) => Math.max(...col(j))), f64);
      assertClose(ops.min(m, 1), rows.map((r) => Math.min(...r)), f64);
      assertClose(ops.sum(m), sum(values), f64);
      assertClose(ops.argmax(m, 0), [0, 1, 2].map((j) => col(j).indexOf(Math.max(...col(j)))));
    });
  }

  it('int32 sums stay int32, int32 means become float32', () => {
    const i = tensor([[1, 2], [3, 4]], { dtype: 'int32' });
    assert.equal(ops.sum(i).dtype, 'int32');
    assertClose(ops.sum(i, 0), [4, 6]);
    assert.equal(ops.mean(i).dtype, 'float32');
    assertClose(ops.mean(i, 1), [1.5, 3.5]);
  });

  it('max propagates NaN', () => {
    assertClose(ops.max(tensor([1, NaN, 3])), NaN);
  });

  it('every subset of axes of a [2,3,1,4] view, keepdims or not, matches a naive reduction', () => {
    const shape = [2, 3, 1, 4];
    const values = Array.from({ length: 24 }, (_, i) => Math.cos(i * 1.7) * 2 + 0.1 * (i % 5));
    // A permuted view with the logical shape [2,3,1,4] (stored as [4,1,3,2]).
    const x = tensor(values, { dtype: 'float64', shape: [2, 3, 1, 4] }).permute(3, 2, 1, 0).contiguous().permute(3, 2, 1, 0);
    assert.equal(x.isContiguous(), false);
    const at = (i: number[]) => values[((i[0]! * 3 + i[1]!) * 1 + i[2]!) * 4 + i[3]!]!;
    const reducers: [string, (t: typeof x, axes: number[], keep: boolean) => typeof x, (v: number[]) => number][] = [
      ['sum', (t, a, k) => ops.sum(t, a, k), (v) => v.reduce((p, q) => p + q, 0)],
      ['mean', (t, a, k) => ops.mean(t, a, k), (v) => v.reduce((p, q) => p + q, 0) / v.length],
      ['max', (t, a, k) => ops.max(t, a, k), (v) => Math.max(...v)],
      ['min', (t, a, k) => ops.min(t, a, k), (v) => Math.min(...v)],
      ['prod', (t, a, k) => ops.prod(t, a, k), (v) => v.reduce((p, q) => p * q, 1)],
      ['var', (t, a, k) => ops.variance(t, a, k, 0), (v) => {
        const m = v.reduce((p, q) => p + q, 0) / v.length;
        return v.reduce((p, q) => p + (q - m) ** 2, 0) / v.length;
      }],
      ['logsumexp', (t, a, k) => ops.logsumexp(t, a, k), (v) => Math.log(v.reduce((p, q) => p + Math.exp(q), 0))],
    ];
    for (let mask = 1; mask < 16; mask++) {
      const axes = [0, 1, 2, 3].filter((a) => (mask >> a) & 1);
      for (const keep of [false, true]) {
        const outShape = shape.flatMap((d, a) => (axes.includes(a) ? (keep ? [1] : []) : [d]));
        const kept = shape.filter((_, a) => !axes.includes(a));
        // Enumerate output cells in row-major order of the kept axes, collecting each cell's inputs.
        const cells: number[][] = [];
        const total = kept.reduce((p, d) => p * d, 1);
        for (let c = 0; c < total; c++) {
          const fixed: number[] = [];
          let rem = c;
          for (let k = kept.length - 1; k >= 0; k--) {
            fixed.unshift(rem % kept[k]!);
            rem = Math.floor(rem / kept[k]!);
          }
          const cell: number[] = [];
          for (let i = 0; i < 24; i++) {
            const idx = [Math.floor(i / 12), Math.floor(i / 4) % 3, 0, i % 4];
            if (shape.every((_, a) => axes.includes(a) || idx[a] === fixed[shape.slice(0, a).filter((__, b) => !axes.includes(b)).length])) cell.push(at(idx));
          }
          cells.push(cell);
        }
        for (const [name, op, ref] of reducers) {
          const out = op(x, axes, keep);
          assert.deepEqual(out.shape, outShape, `${name} axes ${axes} keepdims ${keep}`);
          assertClose(Array.from(out.values()), cells.map(ref), { atol: 1e-12, rtol: 1e-10 });
        }
      }
    }
  });
});

import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import type { DType } from '../../src/tensor/index.js';
import { arange, tensor } from '../../src/tensor/index.js';
import { assertClose, f32, f64 } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

const floatTypes: readonly DType[] = ['float32', 'float64'];
const tol = (dtype: DType) => (dtype === 'float64' ? f64 : f32);

/** n values in (-2, 2) without zeros, deterministic. */
function ramp(n: number, shift = 0): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + shift + 0.5) * 1.9 + (i % 2 === 0 ? 0.05 : -0.05));
}

forEachBackend('binary ops', ({ it }) => {
  for (const dtype of floatTypes) {
    it(`add, sub, mul, div on hand-computed values (${dtype})`, () => {
      const a = tensor([[1, 2, 3], [4, 5, 6]], { dtype });
      const b = tensor([[0.5, -1, 2], [3, -0.25, 4]], { dtype });
      assertClose(ops.add(a, b), [[1.5, 1, 5], [7, 4.75, 10]], tol(dtype));
      assertClose(ops.sub(a, b), [[0.5, 3, 1], [1, 5.25, 2]], tol(dtype));
      assertClose(ops.mul(a, b), [[0.5, -2, 6], [12, -1.25, 24]], tol(dtype));
      assertClose(ops.div(a, b), [[2, -2, 1.5], [4 / 3, -20, 1.5]], tol(dtype));
      assert.equal(ops.add(a, b).dtype, dtype);
    });

    it(`pow, maximum, minimum (${dtype})`, () => {
      const a = tensor([4, 9, 2, -3], { dtype });
      const b = tensor([0.5, 0.5, 3, 2], { dtype });
      assertClose(ops.pow(a, b), [2, 3, 8, 9], tol(dtype));
      assertClose(ops.maximum(a, b), [4, 9, 3, 2], tol(dtype));
      assertClose(ops.minimum(a, b), [0.5, 0.5, 2, -3], tol(dtype));
      assertClose(ops.pow(a, 2), [16, 81, 4, 9], tol(dtype));
    });

    for (const n of [1, 7, 33]) {
      it(`every binary op on ${n} elements (${dtype})`, () => {
        const av = ramp(n);
        const bv = ramp(n, 2).map((v) => v + (v > 0 ? 0.5 : -0.5));
        const a = tensor(av, { dtype });
        const b = tensor(bv, { dtype });
        const cases: [(x: typeof a, y: typeof b) => typeof a, (x: number, y: number) => number][] = [
          [ops.add, (x, y) => x + y],
          [ops.sub, (x, y) => x - y],
          [ops.mul, (x, y) => x * y],
          [ops.div, (x, y) => x / y],
          [(x, y) => ops.pow(ops.abs(x), y), (x, y) => Math.abs(x) ** y],
          [ops.maximum, (x, y) => Math.max(x, y)],
          [ops.minimum, (x, y) => Math.min(x, y)],
        ];
        for (const [op, ref] of cases) {
          const f = dtype === 'float32' ? Math.fround : (v: number) => v;
          assertClose(op(a, b), av.map((x, i) => ref(f(x), f(bv[i]!))), { atol: 1e-5, rtol: dtype === 'float32' ? 1e-5 : 1e-12 });
        }
      });
    }
  }

  it('broadcasts [2,3] with [3], [2,1] with [1,3] and rank 1 with rank 3', () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    assertClose(ops.add(a, tensor([10, 20, 30])), [[11, 22, 33], [14, 25, 36]]);
    assertClose(ops.mul(tensor([[1], [2]]), tensor([[1, 2, 3]])), [[1, 2, 3], [2, 4, 6]]);
    const r = ops.sub(tensor([1, 2]), tensor([[[10], [20]], [[30], [40]]]));
    assertClose(r, [[[-9, -8], [-19, -18]], [[-29, -28], [-39, -38]]]);
  });

  it('works on transposed and sliced views', () => {
    const base = arange(0, 12, 1, { dtype: 'float64' }).reshape(3, 4);
    const t = base.T; // [4,3]: t[i][j] = 4j + i
    const s = base.slice(null, { start: 1, step: 2 }); // [3,2]: columns 1 and 3
    assert.equal(t.isContiguous(), false);
    assert.equal(s.isContiguous(), false);
    assertClose(ops.add(t, 1), [[1, 5, 9], [2, 6, 10], [3, 7, 11], [4, 8, 12]], f64);
    assertClose(ops.mul(s, s), [[1, 9], [25, 49], [81, 121]], f64);
    assertClose(ops.sub(t.slice({ start: 1, end: 3 }), tensor([1, 1, 1], { dtype: 'float64' })), [[0, 4, 8], [1, 5, 9]], f64);
  });

  it('numbers take the tensor dtype; int32 stays int32 except in div; float64 wins promotion', () => {
    const i = tensor([1, 2, 3], { dtype: 'int32' });
    assert.equal(ops.add(i, 2).dtype, 'int32');
    assertClose(ops.add(i, 2), [3, 4, 5]);
    assert.equal(ops.add(i, 0.5).dtype, 'float32');
    assert.equal(ops.div(i, 2).dtype, 'float32');
    assertClose(ops.div(i, 2), [0.5, 1, 1.5]);
    assert.equal(ops.mul(i, tensor([1, 1, 1], { dtype: 'float64' })).dtype, 'float64');
    assert.equal(ops.add(tensor([1]), tensor([1], { dtype: 'float64' })).dtype, 'float64');
    assertClose(ops.sub(10, i), [9, 8, 7]);
  });

  it('tensor methods call the ops', () => {
    const a = tensor([1, 2]);
    assertClose(a.add(1).mul(2).sub(1).div(3).pow(2), [1, 25 / 9]);
    assertClose(a.maximum(1.5).minimum(1.8), [1.5, 1.8]);
  });

  it('broadcasting of views of many shape pairs matches a naive index computation', () => {
    const pairs: [number[], number[]][] = [[[2, 1, 3], [4, 1]], [[1], [2, 3]], [[3, 1, 1], [1, 2, 5]], [[], [2, 2]], [[1, 7], [33, 1]]];
    for (const [sa, sb] of pairs) {
      const out = Array.from({ length: Math.max(sa.length, sb.length) }, (_, i) => {
        const da = sa[sa.length - Math.max(sa.length, sb.length) + i] ?? 1;
        const db = sb[sb.length - Math.max(sa.length, sb.length) + i] ?? 1;
        return Math.max(da, db);
      });
      const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
      const av = Array.from({ length: size(sa) }, (_, i) => i * 0.5 - 1);
      const bv = Array.from({ length: size(sb) }, (_, i) => 10 - i);
      // b as a sliced view (every other element of a doubled last axis), a contiguous.
      const last = sb.length === 0 ? 1 : sb[sb.length - 1]!;
      const doubled = sb.length === 0 ? tensor(bv[0]!, { dtype: 'float64' }) : tensor(bv.flatMap((v) => [v, 999]), { dtype: 'float64', shape: [...sb.slice(0, -1), 2 * last] });
      const b = sb.length === 0 ? doubled : doubled.slice(...sb.slice(0, -1).map(() => null), { step: 2 });
      const a = tensor(av, { dtype: 'float64', shape: sa });
      const read = (values: number[], shape: number[], index: number[]) => {
        const lead = index.length - shape.length;
        let flat = 0;
        shape.forEach((d, k) => (flat = flat * d + (d === 1 ? 0 : index[lead + k]!)));
        return values[flat]!;
      };
      const expected: number[] = [];
      for (let i = 0; i < size(out); i++) {
        const index: number[] = [];
        let rem = i;
        for (let k = out.length - 1; k >= 0; k--) {
          index.unshift(rem % out[k]!);
          rem = Math.floor(rem / out[k]!);
        }
        expected.push(read(av, sa, index) * 2 - read(bv, sb, index));
      }
      const got = ops.sub(ops.mul(a, 2), b);
      assert.deepEqual(got.shape, out, `${JSON.stringify(sa)} with ${JSON.stringify(sb)}`);
      assertClose(Array.from(got.values()), expected, f64);
    }
  });
});

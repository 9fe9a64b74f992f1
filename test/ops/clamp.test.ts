import * as ops from '../../src/ops/index.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose, f64 } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

forEachBackend('clamp', ({ it }) => {
  it('clamp with both bounds, one bound, on a view', () => {
    const x = tensor([-2, -0.5, 0.5, 3], { dtype: 'float64' });
    assertClose(ops.clamp(x, -1, 1), [-1, -0.5, 0.5, 1], f64);
    assertClose(ops.clamp(x, 0), [0, 0, 0.5, 3], f64);
    assertClose(ops.clamp(x, undefined, 0), [-2, -0.5, 0, 0], f64);
    assertClose(x.reshape(2, 2).T.clamp(-1, 0), [[-1, 0], [-0.5, 0]], f64);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    for (const n of [1, 7, 33]) {
      it(`clamp of ${n} values matches min(max(x, lo), hi) (${dtype})`, () => {
        const xs = Array.from({ length: n }, (_, i) => Math.sin(i * 2.1) * 3);
        const round = dtype === 'float32' ? Math.fround : (v: number) => v;
        assertClose(ops.clamp(tensor(xs, { dtype }), -1.5, 2), xs.map((x) => Math.min(Math.max(round(x), -1.5), 2)), f64);
      });
    }
  }
});

import * as ops from '../../src/ops/index.js';
import type { DType } from '../../src/tensor/index.js';
import { arange, tensor } from '../../src/tensor/index.js';
import { assertClose, f32, f64 } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

const tol = (dtype: DType) => (dtype === 'float64' ? f64 : f32);

forEachBackend('softmax', ({ it }) => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`softmax and logSoftmax on hand-computed values (${dtype})`, () => {
      const x = tensor([[0, Math.log(3)], [Math.log(2), Math.log(2)]], { dtype });
      assertClose(ops.softmax(x), [[0.25, 0.75], [0.5, 0.5]], tol(dtype));
      assertClose(ops.logSoftmax(x), [[Math.log(0.25), Math.log(0.75)], [-Math.LN2, -Math.LN2]], tol(dtype));
      assertClose(ops.softmax(x, 0), [[1 / 3, 0.6], [2 / 3, 0.4]], tol(dtype));
    });
  }

  it('is stable for large inputs and sums to 1 along the axis of a 33-wide view', () => {
    assertClose(ops.softmax(tensor([1000, 1000, 1000, 1000])), [0.25, 0.25, 0.25, 0.25]);
    assertClose(ops.logSoftmax(tensor([-1000, 0], { dtype: 'float64' })), [-1000, 0], f64);
    const x = arange(0, 66, 1, { dtype: 'float64' }).reshape(33, 2).mul(0.1).T; // [2,33]
    const s = ops.softmax(x, 1);
    assertClose(ops.sum(s, 1), [1, 1], f64);
    const expectedFirst = Array.from({ length: 33 }, (_, j) => Math.exp(0.2 * j) / Array.from({ length: 33 }, (_, k) => Math.exp(0.2 * k)).reduce((a, b) => a + b));
    assertClose(s.slice(0), expectedFirst, f64);
  });
});

import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import { arange, tensor } from '../../src/tensor/index.js';
import { assertClose } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

forEachBackend('slice, gather, indexSelect', ({ it }) => {
  it('slice: ranges, steps, negative bounds, indices that drop an axis, views', () => {
    const x = arange(0, 12, 1, { dtype: 'float32' }).reshape(3, 4); // x[i][j] = 4i + j
    const s = ops.slice(x, [{ start: 1 }, { start: 0, end: 4, step: 2 }]);
    assertClose(s, [[4, 6], [8, 10]]);
    assert.equal(s.storage, x.storage, 'a view');
    assertClose(ops.slice(x, [-1]), [8, 9, 10, 11]);
    assertClose(ops.slice(x, [null, 2]), [2, 6, 10]);
    assertClose(ops.slice(x, [{ start: -2, end: -1 }, { start: -3 }]), [[5, 6, 7]]);
    assert.deepEqual(ops.slice(x, [{ start: 1, end: 1 }]).shape, [0, 4]);
    assert.deepEqual(ops.slice(x, [{ start: 2, end: 1 }]).shape, [0, 4]);
    assertClose(ops.slice(x, [{ start: 0, end: 99 }, { start: 3, end: 100 }]), [[3], [7], [11]]);
    assertClose(ops.slice(x, [1, 2]), 6);
    // slice of a slice of a transpose
    assertClose(x.T.slice({ start: 1, step: 2 }).slice(null, { start: 1 }), [[5, 9], [7, 11]]);
  });

  it('indexSelect picks (and repeats) entries along an axis; accepts arrays and int32 tensors', () => {
    const x = arange(0, 6, 1, { dtype: 'float64' }).reshape(3, 2);
    assertClose(ops.indexSelect(x, 0, [2, 0, 2]), [[4, 5], [0, 1], [4, 5]]);
    assertClose(ops.indexSelect(x, 1, tensor([1], { dtype: 'int32' })), [[1], [3], [5]]);
    assertClose(ops.indexSelect(x.T, -1, [1]), [[2], [3]]);
    const big = arange(0, 33, 1, { dtype: 'float64' });
    assertClose(ops.indexSelect(big, 0, [32, 0, 16, 7]), [32, 0, 16, 7]);
  });

  it('gather: out[i][j] = x[i][index[i][j]] (axis 1) and x[index[i][j]][j] (axis 0)', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    const i1 = tensor([[2, 0], [1, 1]], { dtype: 'int32' });
    assertClose(ops.gather(x, 1, i1), [[3, 1], [5, 5]]);
    const i0 = tensor([[1, 0, 1]], { dtype: 'int32' });
    assertClose(ops.gather(x, 0, i0), [[4, 2, 6]]);
    assertClose(ops.gather(x.T, 1, tensor([[1], [0], [1]], { dtype: 'int32' })), [[4], [2], [6]]);
    // picking the label column of a [7,3] score matrix
    const scores = arange(0, 21, 1, { dtype: 'float64' }).reshape(7, 3);
    const labels = tensor([[0], [1], [2], [0], [1], [2], [0]], { dtype: 'int32' });
    assertClose(ops.gather(scores, 1, labels), [[0], [4], [8], [9], [13], [17], [18]]);
  });
});

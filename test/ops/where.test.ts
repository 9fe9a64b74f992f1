import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

forEachBackend('where', ({ it }) => {
  it('where selects elementwise with broadcasting and numbers', () => {
    const cond = tensor([[1, 0, 1]]);
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    assertClose(ops.where(cond, a, 0), [[1, 0, 3], [4, 0, 6]]);
    assertClose(ops.where(ops.gt(a, 3), a, tensor([-1])), [[-1, -1, -1], [4, 5, 6]]);
    assertClose(ops.where(tensor([[1], [0]], { dtype: 'int32' }), 1, a.T.slice({ end: 2 })), [[1, 1], [2, 5]]);
    assert.equal(ops.where(cond, tensor([1], { dtype: 'float64' }), 0).dtype, 'float64');
  });
});

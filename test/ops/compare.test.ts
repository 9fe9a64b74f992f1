import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

forEachBackend('comparisons', ({ it }) => {
  it('comparisons return 0/1 masks in the promoted dtype, broadcasting', () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    const b = tensor([2, 5, 3]);
    assertClose(ops.eq(a, b), [[0, 0, 1], [0, 1, 0]]);
    assertClose(ops.ne(a, b), [[1, 1, 0], [1, 0, 1]]);
    assertClose(ops.lt(a, b), [[1, 1, 0], [0, 0, 0]]);
    assertClose(ops.le(a, b), [[1, 1, 1], [0, 1, 0]]);
    assertClose(ops.gt(a, 3), [[0, 0, 0], [1, 1, 1]]);
    assertClose(a.T.ge(3), [[0, 1], [0, 1], [1, 1]]);
    assert.equal(ops.gt(a, 3).dtype, 'float32');
    assert.equal(ops.gt(tensor([1], { dtype: 'int32' }), 0).dtype, 'int32');
    const x = tensor([1, -1]).requiresGrad_();
    assert.equal(ops.gt(x, 0).requiresGrad, false, 'masks carry no gradient');
  });
});

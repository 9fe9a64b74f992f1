import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import { arange, tensor } from '../../src/tensor/index.js';
import { assertClose } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

forEachBackend('concat, stack, split', ({ it }) => {
  it('concat along axis 0, 1 and -1, with a transposed operand', () => {
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5, 6]]);
    assertClose(ops.concat([a, b]), [[1, 2], [3, 4], [5, 6]]);
    assertClose(ops.concat([a, a.T], 1), [[1, 2, 1, 3], [3, 4, 2, 4]]);
    assertClose(ops.concat([b, tensor([[7]]), b], -1), [[5, 6, 7, 5, 6]]);
    assertClose(ops.concat([arange(0, 33, 1, { dtype: 'float32' })]).slice({ start: 30 }), [30, 31, 32]);
  });

  it('stack adds a new axis at any position', () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([4, 5, 6]);
    assertClose(ops.stack([a, b]), [[1, 2, 3], [4, 5, 6]]);
    assertClose(ops.stack([a, b], 1), [[1, 4], [2, 5], [3, 6]]);
    assertClose(ops.stack([a, b], -1), [[1, 4], [2, 5], [3, 6]]);
  });

  it('split by size (last piece smaller) and by sections; pieces are views', () => {
    const x = arange(0, 7);
    const parts = ops.split(x, 3);
    assert.deepEqual(parts.map((p) => p.toArray()), [[0, 1, 2], [3, 4, 5], [6]]);
    assert.equal(parts[1]!.storage, x.storage);
    const m = arange(0, 10).reshape(2, 5);
    const [l, r] = ops.split(m, [2, 3], 1);
    assertClose(l!, [[0, 1], [5, 6]]);
    assertClose(r!, [[2, 3, 4], [7, 8, 9]]);
  });

});

import * as ops from '../../src/ops/index.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

forEachBackend('pad', ({ it }) => {
  it('pad the last axes with a constant, also on a view', () => {
    const x = tensor([[1, 2], [3, 4]]);
    assertClose(ops.pad(x, [[1, 0], [0, 2]]), [[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]]);
    assertClose(ops.pad(x, [[1, 1]], -1), [[-1, 1, 2, -1], [-1, 3, 4, -1]]);
    assertClose(ops.pad(x.T, [[0, 1]]), [[1, 3, 0], [2, 4, 0]]);
    assertClose(ops.pad(tensor([5], { dtype: 'int32' }), [[2, 0]], 7), [7, 7, 5]);
  });
});

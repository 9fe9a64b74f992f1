import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import { arange, tensor } from '../../src/tensor/index.js';
import { assertClose } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

forEachBackend('shape ops', ({ it }) => {
  it('reshape keeps row-major order, infers -1, views contiguous input and copies a transposed one', () => {
    const x = arange(0, 6);
    const r = ops.reshape(x, [2, -1]);
    assertClose(r, [[0, 1, 2], [3, 4, 5]]);
    assert.equal(r.storage, x.storage, 'a view of contiguous input');
    const t = r.T;
    const back = ops.reshape(t, [6]);
    assertClose(back, [0, 3, 1, 4, 2, 5]);
    assert.notEqual(back.storage, x.storage);
    assertClose(x.view(3, 2), [[0, 1], [2, 3], [4, 5]]);
    assertClose(ops.reshape(tensor(7), [1, 1]), [[7]]);
  });

  it('flatten, squeeze, unsqueeze', () => {
    const x = arange(0, 8).reshape(2, 1, 2, 2);
    assert.deepEqual(ops.flatten(x).shape, [8]);
    assert.deepEqual(ops.flatten(x, 1).shape, [2, 4]);
    assert.deepEqual(ops.flatten(x, 1, 2).shape, [2, 2, 2]);
    assert.deepEqual(ops.squeeze(x).shape, [2, 2, 2]);
    assert.deepEqual(ops.squeeze(x, 1).shape, [2, 2, 2]);
    assert.deepEqual(ops.unsqueeze(x, 0).shape, [1, 2, 1, 2, 2]);
    assert.deepEqual(ops.unsqueeze(x, -1).shape, [2, 1, 2, 2, 1]);
    assertClose(ops.flatten(arange(0, 4).reshape(2, 2).T), [0, 2, 1, 3]);
  });

  it('transpose and permute are views with permuted strides', () => {
    const x = arange(0, 24).reshape(2, 3, 4);
    const p = ops.permute(x, [2, 0, 1]);
    assert.deepEqual(p.shape, [4, 2, 3]);
    assert.deepEqual(p.strides, [1, 12, 4]);
    assert.equal(p.storage, x.storage);
    // p[k][i][j] = x[i][j][k] = 12i + 4j + k
    assertClose(p.slice(3), [[3, 7, 11], [15, 19, 23]]);
    assertClose(ops.transpose(x, 0, 2).slice(1, 2), [9, 21]);
    assertClose(tensor([[1, 2, 3]]).T, [[1], [2], [3]]);
    assertClose(ops.permute(x, [-1, 1, 0]).contiguous().reshape(-1).slice({ end: 4 }), [0, 12, 4, 16]);
  });

  it('expand broadcasts without copying (stride 0) and keeps -1 sizes', () => {
    const x = tensor([[1], [2]]);
    const e = ops.expand(x, [2, 3]);
    assertClose(e, [[1, 1, 1], [2, 2, 2]]);
    assert.equal(e.strides[1], 0);
    assertClose(ops.expand(tensor([1, 2]), [2, -1]), [[1, 2], [1, 2]]);
    assertClose(ops.expand(tensor([5]), [2, 2, 1]), [[[5], [5]], [[5], [5]]]);
  });

  it('clone copies; contiguous copies only when needed; cast converts', () => {
    const x = arange(0, 6, 1, { dtype: 'float32' }).reshape(2, 3);
    const c = ops.clone(x);
    assert.notEqual(c.storage, x.storage);
    assertClose(c, x.toArray());
    assert.equal(ops.contiguous(x), x);
    const t = ops.contiguous(x.T);
    assert.equal(t.isContiguous(), true);
    assertClose(t, [[0, 3], [1, 4], [2, 5]]);
    const f = tensor([1.7, -1.7, 2.5]);
    assert.equal(ops.cast(f, 'int32').dtype, 'int32');
    assertClose(ops.cast(f, 'int32'), [1, -1, 2], { atol: 0 });
    assert.equal(ops.cast(f, 'float64').dtype, 'float64');
    assertClose(ops.cast(tensor([3, 4], { dtype: 'int32' }), 'float32').div(2), [1.5, 2]);
  });
});

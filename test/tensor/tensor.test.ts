import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arange, tensor } from '../../src/tensor/index.js';

describe('Tensor views and conversion', () => {
  it('views share storage; strides and offset locate elements', () => {
    const x = arange(0, 12, 1, { dtype: 'float32' }).reshape(3, 4);
    assert.deepEqual(x.strides, [4, 1]);
    assert.equal(x.isContiguous(), true);
    const s = x.slice({ start: 1 }, { start: 1, step: 2 });
    assert.equal(s.storage, x.storage);
    assert.equal(s.offset, 5);
    assert.deepEqual(s.strides, [4, 2]);
    assert.equal(s.isContiguous(), false);
    assert.deepEqual(s.toArray(), [[5, 7], [9, 11]]);
    assert.deepEqual(Array.from(s.values()), [5, 7, 9, 11]);
    assert.equal(x.T.isContiguous(), false);
    assert.equal(x.slice({ start: 1 }).isContiguous(), true, 'a row range is contiguous');
  });

  it('toArray and item, including 0-d and one-element tensors', () => {
    assert.equal(tensor(5).toArray(), 5);
    assert.equal(tensor([[2.5]]).item(), 2.5);
    assert.equal(arange(0, 6).reshape(2, 3).slice(1, 2).item(), 5);
    assert.deepEqual(tensor([[1, 2]], { dtype: 'int32' }).T.toArray(), [[1], [2]]);
  });

  it('values() of a contiguous full tensor is its storage; of a view, a copy', () => {
    const x = tensor([1, 2, 3]);
    assert.equal(x.values(), x.storage);
    const v = x.slice({ start: 1 }).values();
    assert.deepEqual(Array.from(v), [2, 3]);
    assert.notEqual(v.buffer, x.storage.buffer);
  });

  it('size, ndim, isLeaf, detach', () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    assert.equal(x.size, 4);
    assert.equal(x.ndim, 2);
    assert.equal(x.isLeaf, true);
    const y = x.mul(2);
    assert.equal(y.isLeaf, false);
    const d = y.detach();
    assert.equal(d.isLeaf, true);
    assert.equal(d.requiresGrad, false);
    assert.equal(d.storage, y.storage);
  });
});

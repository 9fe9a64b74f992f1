import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { oneHot } from '../../../src/data/transforms/one-hot.js';
import { DTypeError, IndexError } from '../../../src/errors/index.js';
import { tensor } from '../../../src/tensor/index.js';

describe('oneHot', () => {
  it('puts a 1 at each label column', () => {
    const y = oneHot(tensor([2, 0, 1], { dtype: 'int32' }), 3);
    assert.deepEqual(y.shape, [3, 3]);
    assert.equal(y.dtype, 'float32');
    assert.deepEqual(y.toArray(), [
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  it('keeps the label shape and honours dtype', () => {
    const y = oneHot(tensor([[1], [0]], { dtype: 'int32' }), 2, { dtype: 'float64' });
    assert.deepEqual(y.shape, [2, 1, 2]);
    assert.equal(y.dtype, 'float64');
    assert.deepEqual(y.toArray(), [[[0, 1]], [[1, 0]]]);
  });

  it('refuses labels out of range and float labels', () => {
    assert.throws(() => oneHot(tensor([0, 3], { dtype: 'int32' }), 3), IndexError);
    assert.throws(() => oneHot(tensor([0, -1], { dtype: 'int32' }), 3), IndexError);
    assert.throws(() => oneHot(tensor([0, 1]), 3), DTypeError);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collate, fetchBatch } from '../../src/data/collate.js';
import type { Dataset, Sample } from '../../src/data/dataset.js';
import { DTypeError, ShapeError } from '../../src/errors/index.js';
import { scalar, tensor } from '../../src/tensor/index.js';

/** A data set with only `get`: sample i is [i, 10i], target i % 2. */
function plainDataset(n: number): Dataset {
  return {
    length: n,
    get: (i: number): Sample => ({ input: tensor([i, 10 * i]), target: scalar(i % 2, { dtype: 'int32' }) }),
  };
}

describe('collate', () => {
  it('stacks samples along a new axis 0', () => {
    const b = collate([plainDataset(5).get(1), plainDataset(5).get(4)]);
    assert.deepEqual(b.input.shape, [2, 2]);
    assert.deepEqual(b.input.toArray(), [
      [1, 10],
      [4, 40],
    ]);
    assert.deepEqual(b.target.toArray(), [1, 0]);
    assert.equal(b.target.dtype, 'int32');
  });

  it('refuses samples of different shapes or dtypes', () => {
    const a = { input: tensor([1, 2]), target: scalar(0) };
    assert.throws(() => collate([a, { input: tensor([1, 2, 3]), target: scalar(0) }]), ShapeError);
    assert.throws(() => collate([a, { input: tensor([1, 2], { dtype: 'float64' }), target: scalar(0) }]), DTypeError);
  });

  it('fetchBatch falls back to get() when the data set has no getBatch', () => {
    const b = fetchBatch(plainDataset(6), [5, 2]);
    assert.deepEqual(b.input.toArray(), [
      [5, 50],
      [2, 20],
    ]);
  });
});

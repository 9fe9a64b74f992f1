import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TensorDataset } from '../../src/data/tensor-dataset.js';
import { IndexError, ShapeError } from '../../src/errors/index.js';
import { tensor } from '../../src/tensor/index.js';

const inputs = tensor([
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
  [9, 10, 11],
]);
const labels = tensor([3, 1, 4, 1], { dtype: 'int32' });

describe('TensorDataset', () => {
  it('returns row i of inputs and targets as sample i', () => {
    const ds = new TensorDataset(inputs, labels);
    assert.equal(ds.length, 4);
    const s = ds.get(2);
    assert.deepEqual(s.input.shape, [3]);
    assert.deepEqual(s.input.toArray(), [6, 7, 8]);
    assert.deepEqual(s.target.shape, []);
    assert.equal(s.target.item(), 4);
    assert.equal(s.target.dtype, 'int32');
  });

  it('getBatch copies the chosen rows in the given order', () => {
    const ds = new TensorDataset(inputs, labels);
    const b = ds.getBatch([3, 0, 3]);
    assert.deepEqual(b.input.shape, [3, 3]);
    assert.deepEqual(b.input.toArray(), [
      [9, 10, 11],
      [0, 1, 2],
      [9, 10, 11],
    ]);
    assert.deepEqual(b.target.toArray(), [1, 3, 1]);
    assert.equal(b.input.dtype, 'float32');
    assert.equal(b.target.dtype, 'int32');
  });

  it('keeps float targets [N, k] and reads a non-contiguous inputs view correctly', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]).transpose(0, 1); // [2,3] view: rows [1,3,5] and [2,4,6]
    const y = tensor([
      [0.5, 1.5],
      [2.5, 3.5],
    ]);
    const ds = new TensorDataset(x, y);
    assert.deepEqual(ds.get(1).input.toArray(), [2, 4, 6]);
    assert.deepEqual(ds.getBatch([1]).target.toArray(), [[2.5, 3.5]]);
  });

  it('copies: writing into a sample does not change the data set', () => {
    const ds = new TensorDataset(inputs, labels);
    ds.get(0).input.storage[0] = 99;
    assert.deepEqual(ds.get(0).input.toArray(), [0, 1, 2]);
  });

  it('refuses mismatched sample counts and out-of-range indices', () => {
    assert.throws(() => new TensorDataset(inputs, tensor([1, 2, 3], { dtype: 'int32' })), ShapeError);
    const ds = new TensorDataset(inputs, labels);
    assert.throws(() => ds.get(4), IndexError);
    assert.throws(() => ds.get(-1), IndexError);
    assert.throws(() => ds.getBatch([0, 1.5]), IndexError);
  });

  it('stores class names when given', () => {
    const ds = new TensorDataset(inputs, labels, { classNames: ['a', 'b', 'c', 'd', 'e'] });
    assert.equal(ds.classNames?.[4], 'e');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { arange, tensor } from '../../src/tensor/index.js';

describe('printing', () => {
  it('a matrix prints rows aligned, with shape and dtype', () => {
    const s = tensor([[1, -2.5], [3, 4]]).toString();
    assert.equal(s, 'tensor([[ 1.0000, -2.5000],\n        [ 3.0000,  4.0000]], shape=[2,2], dtype=float32)');
  });

  it('int32 prints integers; 0-d prints a number', () => {
    assert.equal(tensor([1, 22, 333], { dtype: 'int32' }).toString(), 'tensor([  1,  22, 333], shape=[3], dtype=int32)');
    assert.equal(tensor(0.5, { dtype: 'float64' }).toString(), 'tensor(0.5000, shape=[], dtype=float64)');
  });

  it('large and tiny magnitudes switch to exponent notation; NaN and Infinity print as such', () => {
    assert.match(tensor([1e7, 1]).toString(), /1\.0000e\+7/);
    assert.match(tensor([1e-5]).toString(), /1\.0000e-5/);
    const s = tensor([NaN, Infinity, 1]).toString();
    assert.match(s, /NaN/);
    assert.match(s, /Infinity/);
  });

  it('more than 1000 elements are summarized with ...', () => {
    const s = arange(0, 2000).toString();
    assert.match(s, /\[   0,    1,    2, \.\.\., 1997, 1998, 1999\]/);
    assert.ok(s.length < 200);
  });

  it('views print their own elements; node inspect uses the same text', () => {
    const t = arange(0, 6).reshape(2, 3).T;
    assert.equal(t.toString(), 'tensor([[0, 3],\n        [1, 4],\n        [2, 5]], shape=[3,2], dtype=int32)');
    assert.equal(inspect(t), t.toString());
  });

  it('3-D tensors separate blocks with a blank line', () => {
    const s = arange(0, 8).reshape(2, 2, 2).toString();
    assert.equal(s, 'tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]], shape=[2,2,2], dtype=int32)');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arange, eye, full, fullLike, linspace, ones, onesLike, scalar, tensor, zeros, zerosLike } from '../../src/tensor/index.js';
import { assertClose } from '../helpers/assert-close.js';

describe('creation', () => {
  it('tensor from nested arrays infers shape, defaults to float32', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(t.shape, [2, 3]);
    assert.equal(t.dtype, 'float32');
    assert.ok(t.storage instanceof Float32Array);
    assert.deepEqual(t.toArray(), [[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(tensor([[[1], [2]]]).shape, [1, 2, 1]);
    assert.deepEqual(tensor([]).shape, [0]);
  });

  it('tensor from a number is 0-d; scalar() likewise', () => {
    const t = tensor(3.5);
    assert.deepEqual(t.shape, []);
    assert.equal(t.ndim, 0);
    assert.equal(t.size, 1);
    assert.equal(t.item(), 3.5);
    assert.equal(scalar(2, { dtype: 'int32' }).dtype, 'int32');
  });

  it('tensor with an explicit dtype converts (int32 truncates)', () => {
    assert.deepEqual(tensor([1.5, -2.5], { dtype: 'int32' }).toArray(), [1, -2]);
    assert.equal(tensor([0.1], { dtype: 'float64' }).item(), 0.1);
    assert.notEqual(tensor([0.1]).item(), 0.1, 'float32 rounds 0.1');
  });

  it('tensor from typed arrays keeps their dtype and uses the storage without copying', () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const t = tensor(data, { shape: [3, 2] });
    assert.equal(t.dtype, 'float64');
    assert.equal(t.storage, data);
    assert.deepEqual(t.toArray(), [[1, 2], [3, 4], [5, 6]]);
    assert.equal(tensor(new Int32Array([1, 2])).dtype, 'int32');
    assert.equal(tensor(new Float32Array(3)).dtype, 'float32');
    const converted = tensor(new Int32Array([1, 2]), { dtype: 'float32' });
    assert.equal(converted.dtype, 'float32');
    assert.deepEqual(converted.toArray(), [1, 2]);
  });

  it('zeros, ones, full and the *Like variants', () => {
    assert.deepEqual(zeros([2, 2]).toArray(), [[0, 0], [0, 0]]);
    assert.deepEqual(ones([3], { dtype: 'int32' }).toArray(), [1, 1, 1]);
    assert.equal(ones([3], { dtype: 'int32' }).dtype, 'int32');
    assert.deepEqual(full([2], 7.5, { dtype: 'float64' }).toArray(), [7.5, 7.5]);
    assert.deepEqual(zeros([]).toArray(), 0);
    assert.deepEqual(zeros([0, 3]).shape, [0, 3]);
    const f = tensor([1, 2], { dtype: 'float64' });
    assert.equal(zerosLike(f).dtype, 'float64');
    assert.deepEqual(onesLike(f).toArray(), [1, 1]);
    assert.deepEqual(fullLike(f, 3).toArray(), [3, 3]);
    assert.equal(ones([1], { requiresGrad: true }).requiresGrad, true);
  });

  it('arange: end only, start/end/step, negative step, float steps', () => {
    assert.deepEqual(arange(5).toArray(), [0, 1, 2, 3, 4]);
    assert.equal(arange(5).dtype, 'int32');
    assert.deepEqual(arange(2, 8, 2).toArray(), [2, 4, 6]);
    assert.deepEqual(arange(5, 0, -2).toArray(), [5, 3, 1]);
    assertClose(arange(0, 1, 0.25), [0, 0.25, 0.5, 0.75]);
    assert.equal(arange(0, 1, 0.25).dtype, 'float32');
    assert.deepEqual(arange(3, 1).toArray(), []);
    assert.equal(arange(0, 3, 1, { dtype: 'float64' }).dtype, 'float64');
  });

  it('linspace includes both ends', () => {
    assertClose(linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]);
    assertClose(linspace(2, -2, 3), [2, 0, -2]);
    assertClose(linspace(3, 9, 1), [3]);
    assert.deepEqual(linspace(0, 1, 0).shape, [0]);
    assertClose(linspace(0, 1, 7, { dtype: 'float64' }), [0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1], { atol: 1e-15 });
    assert.equal(linspace(0, 1, 7, { dtype: 'float64' }).values()[6], 1, 'the end is exact');
  });

  it('eye, square and rectangular', () => {
    assert.deepEqual(eye(3).toArray(), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    assert.deepEqual(eye(2, 3).toArray(), [[1, 0, 0], [0, 1, 0]]);
    assert.deepEqual(eye(3, 1, { dtype: 'int32' }).toArray(), [[1], [0], [0]]);
  });
});

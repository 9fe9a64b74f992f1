import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IndexError, ShapeError } from '../../src/errors/index.js';
import { broadcastShapes } from '../../src/tensor/index.js';
import { contiguousStrides, normalizeAxes, normalizeAxis, sizeOf } from '../../src/tensor/shape.js';

describe('broadcasting rules', () => {
  it('aligns trailing dimensions; 1 stretches; missing leading dims are 1', () => {
    assert.deepEqual(broadcastShapes('t', [2, 3], [3]), [2, 3]);
    assert.deepEqual(broadcastShapes('t', [2, 1], [1, 3]), [2, 3]);
    assert.deepEqual(broadcastShapes('t', [5, 1, 4], [3, 1]), [5, 3, 4]);
    assert.deepEqual(broadcastShapes('t', [], [2, 2]), [2, 2]);
    assert.deepEqual(broadcastShapes('t', [0], [1]), [0]);
    assert.throws(() => broadcastShapes('add', [2, 3], [2]), ShapeError);
  });
});

describe('shape helpers', () => {
  it('sizeOf and row-major strides', () => {
    assert.equal(sizeOf([]), 1);
    assert.equal(sizeOf([2, 0, 3]), 0);
    assert.deepEqual(contiguousStrides([2, 3, 4]), [12, 4, 1]);
    assert.deepEqual(contiguousStrides([]), []);
  });

  it('normalizeAxis accepts negative axes; normalizeAxes sorts and dedupes', () => {
    assert.equal(normalizeAxis('t', -1, 3), 2);
    assert.throws(() => normalizeAxis('t', 3, 3), IndexError);
    assert.throws(() => normalizeAxis('t', 0.5, 3), IndexError);
    assert.deepEqual(normalizeAxes('t', [2, -3, 0], 3), [0, 2]);
    assert.deepEqual(normalizeAxes('t', undefined, 2), [0, 1]);
  });
});

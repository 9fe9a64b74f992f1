import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { flattenSamples } from '../../../src/data/transforms/flatten.js';
import { arange } from '../../../src/tensor/index.js';

describe('flattenSamples', () => {
  it('[N, 1, 2, 3] becomes [N, 6] in row-major order', () => {
    const x = arange(0, 12).reshape(2, 1, 2, 3);
    const y = flattenSamples(x);
    assert.deepEqual(y.shape, [2, 6]);
    assert.deepEqual(y.toArray(), [
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
    ]);
  });

  it('reads a transposed view in its logical order', () => {
    const x = arange(0, 6).reshape(2, 3).transpose(0, 1); // [3,2]: [[0,3],[1,4],[2,5]]
    assert.deepEqual(flattenSamples(x.unsqueeze(2)).toArray(), [
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
  });
});

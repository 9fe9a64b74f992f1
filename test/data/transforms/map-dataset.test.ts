import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataLoader } from '../../../src/data/data-loader.js';
import { TensorDataset } from '../../../src/data/tensor-dataset.js';
import { flattenSamples } from '../../../src/data/transforms/flatten.js';
import { mapDataset } from '../../../src/data/transforms/map-dataset.js';
import { oneHot } from '../../../src/data/transforms/one-hot.js';
import { arange, tensor } from '../../../src/tensor/index.js';

describe('mapDataset', () => {
  const base = new TensorDataset(arange(0, 12).reshape(3, 2, 2), tensor([2, 0, 1], { dtype: 'int32' }));
  const mapped = mapDataset(base, { input: flattenSamples, target: (t) => oneHot(t, 3) });

  it('transforms batches', () => {
    const b = mapped.getBatch!([2, 0]);
    assert.deepEqual(b.input.toArray(), [
      [8, 9, 10, 11],
      [0, 1, 2, 3],
    ]);
    assert.deepEqual(b.target.toArray(), [
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('transforms single samples as a batch of one', () => {
    assert.equal(mapped.length, 3);
    const s = mapped.get(1);
    assert.deepEqual(s.input.toArray(), [4, 5, 6, 7]);
    assert.deepEqual(s.target.toArray(), [1, 0, 0]);
  });

  it('works under a DataLoader', () => {
    const batches = [...new DataLoader(mapped, { batchSize: 2 })];
    assert.deepEqual(batches.map((b) => b.input.shape), [[2, 4], [1, 4]]);
  });
});

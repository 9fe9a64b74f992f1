import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataLoader } from '../../src/data/data-loader.js';
import type { Dataset, Sample } from '../../src/data/dataset.js';
import { subset } from '../../src/data/split.js';
import { TensorDataset } from '../../src/data/tensor-dataset.js';
import { ConfigError } from '../../src/errors/index.js';
import { Generator, arange, scalar, tensor } from '../../src/tensor/index.js';

/** Ten samples: input [i, -i], target i; so a batch's targets are its sample indices. */
function numbered(n = 10): TensorDataset {
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) [x[2 * i], x[2 * i + 1]] = [i, -i];
  return new TensorDataset(tensor(x, { shape: [n, 2] }), arange(0, n, 1, { dtype: 'int32' }));
}

/** The target indices of every batch of one epoch. */
function epoch(loader: DataLoader): number[][] {
  return [...loader].map((b) => Array.from(b.target.values()));
}

describe('DataLoader batching', () => {
  it('delivers the samples in order in batches, the last one smaller', () => {
    const loader = new DataLoader(numbered(), { batchSize: 4 });
    assert.equal(loader.length, 3);
    assert.deepEqual(epoch(loader), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    const first = [...loader][0]!;
    assert.deepEqual(first.input.shape, [4, 2]);
    assert.deepEqual(first.input.toArray(), [
      [0, -0],
      [1, -1],
      [2, -2],
      [3, -3],
    ]);
  });

  it('dropLast leaves out the incomplete batch', () => {
    const loader = new DataLoader(numbered(), { batchSize: 4, dropLast: true });
    assert.equal(loader.length, 2);
    assert.deepEqual(epoch(loader), [[0, 1, 2, 3], [4, 5, 6, 7]]);
    assert.equal(new DataLoader(numbered(3), { batchSize: 4, dropLast: true }).length, 0);
    assert.deepEqual(epoch(new DataLoader(numbered(3), { batchSize: 4, dropLast: true })), []);
  });

  it('stacks samples of a data set that has only get()', () => {
    const plain: Dataset = {
      length: 5,
      get: (i: number): Sample => ({ input: tensor([i, i * i]), target: scalar(i, { dtype: 'int32' }) }),
    };
    const batches = [...new DataLoader(plain, { batchSize: 2 })];
    assert.equal(batches.length, 3);
    assert.deepEqual(batches[1]!.input.toArray(), [
      [2, 4],
      [3, 9],
    ]);
    assert.deepEqual(batches[2]!.input.shape, [1, 2]);
  });

  it('batches a TensorDataset (and subsets of it) through getBatch, never per-sample get()', () => {
    class NoGet extends TensorDataset {
      override get(): never {
        throw new Error('get() called: batches should be built from typed-array rows');
      }
    }
    const base = numbered();
    const ds = new NoGet(base.inputs, base.targets);
    assert.deepEqual(epoch(new DataLoader(ds, { batchSize: 4 })), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    assert.deepEqual(epoch(new DataLoader(subset(ds, [9, 1, 5]), { batchSize: 2 })), [[9, 1], [5]]);
  });

  it('refuses a batch size that is not a positive integer', () => {
    assert.throws(() => new DataLoader(numbered(), { batchSize: 0 }), ConfigError);
    assert.throws(() => new DataLoader(numbered(), { batchSize: 2.5 }), ConfigError);
  });
});

describe('DataLoader shuffling', () => {
  it('each epoch is a permutation of all samples, and epochs differ', () => {
    const loader = new DataLoader(numbered(), { batchSize: 3, shuffle: true, seed: 7 });
    const e1 = epoch(loader).flat();
    const e2 = epoch(loader).flat();
    assert.deepEqual([...e1].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual([...e2].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.notDeepEqual(e1, e2);
    assert.equal(loader.epoch, 2);
  });

  it('uses the permutation drawn from its generator at each epoch start', () => {
    const loader = new DataLoader(numbered(), { batchSize: 10, shuffle: true, seed: 11 });
    const reference = new Generator(11);
    assert.deepEqual(epoch(loader)[0], Array.from(reference.permutation(10)));
    assert.deepEqual(epoch(loader)[0], Array.from(reference.permutation(10)));
  });

  it('the same seed gives the same batches, a different seed different ones', () => {
    const run = (seed: number): number[][][] => {
      const loader = new DataLoader(numbered(), { batchSize: 4, shuffle: true, seed });
      return [epoch(loader), epoch(loader), epoch(loader)];
    };
    assert.deepEqual(run(3), run(3));
    assert.notDeepEqual(run(3), run(4));
  });

  it('input rows follow their targets when shuffled', () => {
    for (const batch of new DataLoader(numbered(), { batchSize: 4, shuffle: true, seed: 5 })) {
      const t = batch.target.values();
      const x = batch.input.values();
      t.forEach((i, b) => assert.deepEqual([x[2 * b], x[2 * b + 1]], [i, -i]));
    }
  });
});

describe('DataLoader state', () => {
  it('restoring a mid-epoch state continues with identical batches', () => {
    const a = new DataLoader(numbered(), { batchSize: 3, shuffle: true, seed: 21 });
    epoch(a); // epoch 0
    const seen: number[][] = [];
    let saved = a.state();
    let count = 0;
    for (const b of a) {
      seen.push(Array.from(b.target.values()));
      if (++count === 2) saved = a.state();
    }
    assert.deepEqual(saved.epoch, 1);
    assert.deepEqual(saved.batch, 2);
    const next = epoch(a);

    // A fresh loader with another seed, restored from the JSON of the saved state.
    const b = new DataLoader(numbered(), { batchSize: 3, shuffle: true, seed: 999 });
    b.loadState(JSON.parse(JSON.stringify(saved)));
    assert.equal(b.epoch, 1);
    assert.deepEqual(epoch(b), seen.slice(2));
    assert.deepEqual(epoch(b), next);
  });

  it('a state saved between epochs resumes at the next epoch', () => {
    const a = new DataLoader(numbered(), { batchSize: 4, shuffle: true, seed: 2 });
    epoch(a);
    const saved = a.state();
    assert.deepEqual([saved.epoch, saved.batch], [1, 0]);
    const expected = [epoch(a), epoch(a)];
    const b = new DataLoader(numbered(), { batchSize: 4, shuffle: true, seed: 0 });
    b.loadState(saved);
    assert.deepEqual([epoch(b), epoch(b)], expected);
  });

  it('a state saved after the last batch, inside the loop, points at the next epoch', () => {
    const a = new DataLoader(numbered(), { batchSize: 5, shuffle: true, seed: 8 });
    let saved = a.state();
    for (const _ of a) saved = a.state();
    assert.deepEqual([saved.epoch, saved.batch], [1, 0]);
    const expected = epoch(a);
    const b = new DataLoader(numbered(), { batchSize: 5, shuffle: true });
    b.loadState(saved);
    assert.deepEqual(epoch(b), expected);
  });

  it('leaving a loop early abandons the epoch; the next loop starts a new one', () => {
    const a = new DataLoader(numbered(), { batchSize: 2, shuffle: true, seed: 4 });
    const reference = new DataLoader(numbered(), { batchSize: 2, shuffle: true, seed: 4 });
    epoch(reference);
    const secondEpoch = epoch(reference);
    for (const _ of a) break;
    assert.equal(a.epoch, 1);
    assert.deepEqual(a.state().batch, 0);
    assert.deepEqual(epoch(a), secondEpoch);
  });

  it('refuses a state that does not fit the loader', () => {
    const a = new DataLoader(numbered(), { batchSize: 4 });
    assert.throws(() => a.loadState({ epoch: 0, batch: 9, generator: [1, 2, 3, 4] }), ConfigError);
    assert.throws(() => a.loadState({ epoch: -1, batch: 0, generator: [1, 2, 3, 4] }), ConfigError);
    assert.throws(() => a.loadState({ epoch: 0, batch: 0, generator: [0, 0, 0, 0] }), ConfigError);
  });
});

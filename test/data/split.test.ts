import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Subset, randomSplit, subset } from '../../src/data/split.js';
import { TensorDataset } from '../../src/data/tensor-dataset.js';
import { ConfigError, IndexError } from '../../src/errors/index.js';
import { Generator, arange, manualSeed } from '../../src/tensor/index.js';

const ds = (n: number): TensorDataset =>
  new TensorDataset(arange(0, n, 1).reshape(n, 1), arange(0, n, 1, { dtype: 'int32' }));
const ids = (s: Subset): number[] => Array.from(s.indices);

describe('subset', () => {
  it('maps its indices onto the parent, in the given order', () => {
    const s = subset(ds(10), [7, 2, 5]);
    assert.equal(s.length, 3);
    assert.equal(s.get(0).target.item(), 7);
    assert.equal(s.get(2).input.values()[0], 5);
    assert.deepEqual(s.getBatch([2, 0]).target.toArray(), [5, 7]);
  });

  it('nests: a subset of a subset reaches the right rows', () => {
    const inner = subset(subset(ds(10), [9, 8, 7, 6]), [3, 1]);
    assert.deepEqual(inner.getBatch([0, 1]).target.toArray(), [6, 8]);
  });

  it('refuses indices outside the parent or the subset', () => {
    assert.throws(() => subset(ds(4), [0, 4]), IndexError);
    assert.throws(() => subset(ds(4), [1, 2]).get(2), IndexError);
    assert.throws(() => subset(ds(4), [1, 2]).getBatch([0, 5]), IndexError);
  });
});

describe('randomSplit', () => {
  it('splits by counts into disjoint parts that cover the data set', () => {
    const [a, b, c] = randomSplit(ds(10), [5, 3, 2], { seed: 1 });
    assert.deepEqual([a.length, b.length, c.length], [5, 3, 2]);
    const all = [...ids(a), ...ids(b), ...ids(c)].sort((x, y) => x - y);
    assert.deepEqual(all, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('the parts are consecutive slices of the generator permutation', () => {
    const [a, b] = randomSplit(ds(8), [6, 2], { seed: 5 });
    const order = Array.from(new Generator(5).permutation(8));
    assert.deepEqual(ids(a), order.slice(0, 6));
    assert.deepEqual(ids(b), order.slice(6));
  });

  it('fractions: floor of each share, remainder handed out from the first part', () => {
    // 11 * [0.5, 0.3, 0.2] = [5.5, 3.3, 2.2] -> floors [5, 3, 2], one left over -> [6, 3, 2]
    const parts = randomSplit(ds(11), [0.5, 0.3, 0.2], { seed: 0 });
    assert.deepEqual(parts.map((p) => p.length), [6, 3, 2]);
  });

  it('is reproducible: same seed same split, different seed different split', () => {
    assert.deepEqual(ids(randomSplit(ds(20), [0.75, 0.25], { seed: 3 })[1]), ids(randomSplit(ds(20), [0.75, 0.25], { seed: 3 })[1]));
    assert.notDeepEqual(ids(randomSplit(ds(20), [0.75, 0.25], { seed: 3 })[1]), ids(randomSplit(ds(20), [0.75, 0.25], { seed: 4 })[1]));
    manualSeed(12);
    const first = ids(randomSplit(ds(20), [10, 10])[0]);
    manualSeed(12);
    assert.deepEqual(ids(randomSplit(ds(20), [10, 10])[0]), first);
  });

  it('refuses lengths that neither sum to N nor are fractions of 1', () => {
    assert.throws(() => randomSplit(ds(10), [5, 4]), ConfigError);
    assert.throws(() => randomSplit(ds(10), [0.5, 0.4]), ConfigError);
    assert.throws(() => randomSplit(ds(10), [-1, 11]), ConfigError);
  });
});

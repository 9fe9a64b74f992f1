import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeMoons } from '../../../src/data/synthetic/moons.js';
import { classCounts, rows } from './helpers.js';

describe('makeMoons', () => {
  it('without noise the points lie on the two half circles', () => {
    const ds = makeMoons({ n: 101, noise: 0, seed: 0 });
    assert.deepEqual(ds.inputs.shape, [101, 2]);
    const { points, labels } = rows(ds);
    assert.deepEqual(classCounts(labels, 2), [50, 51]);
    points.forEach(([x, y], i) => {
      if (labels[i] === 0) {
        assert.ok(Math.abs(x! * x! + y! * y! - 1) < 1e-5 && y! >= -1e-6); // upper unit half circle
      } else {
        assert.ok(Math.abs((x! - 1) ** 2 + (y! - 0.5) ** 2 - 1) < 1e-5 && y! <= 0.5 + 1e-6); // lower, shifted
      }
    });
  });

  it('is shuffled, and reproducible from its seed', () => {
    const { labels } = rows(makeMoons({ n: 40, seed: 3 }));
    assert.notDeepEqual(labels, [...labels].sort());
    assert.deepEqual(makeMoons({ n: 40, seed: 3 }).inputs.toArray(), makeMoons({ n: 40, seed: 3 }).inputs.toArray());
    assert.notDeepEqual(makeMoons({ n: 40, seed: 3 }).inputs.toArray(), makeMoons({ n: 40, seed: 4 }).inputs.toArray());
  });
});

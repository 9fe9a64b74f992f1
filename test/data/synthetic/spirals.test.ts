import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeSpirals } from '../../../src/data/synthetic/spirals.js';
import { ConfigError } from '../../../src/errors/index.js';
import { classCounts, rows } from './helpers.js';

describe('makeSpirals', () => {
  it('without noise, a point of arm j at radius r has angle 4j + 4r', () => {
    const ds = makeSpirals({ n: 100, classes: 4, noise: 0, seed: 1 });
    assert.deepEqual(ds.inputs.shape, [100, 2]);
    const { points, labels } = rows(ds);
    assert.deepEqual(classCounts(labels, 4), [25, 25, 25, 25]);
    points.forEach(([x, y], i) => {
      const r = Math.hypot(x!, y!);
      assert.ok(r <= 1 + 1e-6);
      if (r < 1e-3) return; // the angle of the centre point is undefined
      const t = 4 * labels[i]! + 4 * r;
      assert.ok(Math.abs(x! - r * Math.sin(t)) < 1e-5 && Math.abs(y! - r * Math.cos(t)) < 1e-5);
    });
  });

  it('uneven n gives the first arms one more; same seed same data', () => {
    assert.deepEqual(classCounts(rows(makeSpirals({ n: 11, classes: 3, seed: 0 })).labels, 3), [4, 4, 3]);
    assert.deepEqual(makeSpirals({ seed: 9 }).inputs.toArray(), makeSpirals({ seed: 9 }).inputs.toArray());
    assert.notDeepEqual(makeSpirals({ seed: 9 }).inputs.toArray(), makeSpirals({ seed: 10 }).inputs.toArray());
  });

  it('refuses fewer than two classes or fewer samples than classes', () => {
    assert.throws(() => makeSpirals({ classes: 1 }), ConfigError);
    assert.throws(() => makeSpirals({ n: 2, classes: 3 }), ConfigError);
  });
});

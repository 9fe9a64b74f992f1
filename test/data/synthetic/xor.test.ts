import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeXor } from '../../../src/data/synthetic/xor.js';
import { ConfigError } from '../../../src/errors/index.js';
import { rows } from './helpers.js';

describe('makeXor', () => {
  it('defaults to the four-row truth table', () => {
    const ds = makeXor();
    assert.deepEqual(ds.inputs.toArray(), [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    assert.deepEqual(ds.targets.toArray(), [0, 1, 1, 0]);
    assert.equal(ds.targets.dtype, 'int32');
  });

  it('noisy points stay near their corner and keep its label; same seed same data', () => {
    const ds = makeXor({ n: 400, noise: 0.05, seed: 1 });
    assert.deepEqual(ds.inputs.shape, [400, 2]);
    const { points, labels } = rows(ds);
    points.forEach(([x, y], i) => {
      const a = Math.round(x!);
      const b = Math.round(y!);
      assert.ok(Math.abs(x! - a) < 0.3 && Math.abs(y! - b) < 0.3);
      assert.equal(labels[i], a ^ b);
    });
    assert.deepEqual(makeXor({ n: 400, noise: 0.05, seed: 1 }).inputs.toArray(), ds.inputs.toArray());
    assert.notDeepEqual(makeXor({ n: 400, noise: 0.05, seed: 2 }).inputs.toArray(), ds.inputs.toArray());
  });

  it('refuses a bad n or noise', () => {
    assert.throws(() => makeXor({ n: 0 }), ConfigError);
    assert.throws(() => makeXor({ noise: -1 }), ConfigError);
  });
});

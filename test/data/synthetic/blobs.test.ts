import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeBlobs } from '../../../src/data/synthetic/blobs.js';
import { ConfigError } from '../../../src/errors/index.js';
import { classCounts, rows } from './helpers.js';

describe('makeBlobs', () => {
  it('with std 0 every point sits on its centre', () => {
    const centers = [
      [0, 0, 1],
      [5, -5, 2],
    ];
    const { points, labels } = rows(makeBlobs({ n: 7, centers, std: 0, seed: 1 }));
    assert.deepEqual(classCounts(labels, 2), [4, 3]);
    points.forEach((p, i) => assert.deepEqual(p, centers[labels[i]!]));
  });

  it('cluster means approach their centres and spreads their std', () => {
    const { points, labels } = rows(makeBlobs({ n: 4000, centers: [[2, -3], [-1, 4]], std: 0.5, seed: 2 }));
    for (const c of [0, 1]) {
      const member = points.filter((_, i) => labels[i] === c);
      const mean = [0, 1].map((j) => member.reduce((s, p) => s + p[j]!, 0) / member.length);
      const sd = Math.sqrt(member.reduce((s, p) => s + (p[0]! - mean[0]!) ** 2, 0) / member.length);
      const expected = c === 0 ? [2, -3] : [-1, 4];
      // 2000 draws: standard error of the mean 0.5/sqrt(2000) ~ 0.011
      assert.ok(Math.abs(mean[0]! - expected[0]!) < 0.05 && Math.abs(mean[1]! - expected[1]!) < 0.05, String(mean));
      assert.ok(Math.abs(sd - 0.5) < 0.03, String(sd));
    }
  });

  it('random centres fall inside the box; same seed same data', () => {
    const ds = makeBlobs({ n: 30, centers: 3, features: 4, std: 0, box: [-2, 2], seed: 5 });
    assert.deepEqual(ds.inputs.shape, [30, 4]);
    assert.ok(ds.inputs.values().every((v) => v >= -2 && v <= 2));
    assert.deepEqual(makeBlobs({ seed: 5 }).inputs.toArray(), makeBlobs({ seed: 5 }).inputs.toArray());
    assert.notDeepEqual(makeBlobs({ seed: 5 }).inputs.toArray(), makeBlobs({ seed: 6 }).inputs.toArray());
  });

  it('refuses ragged centres and a negative std', () => {
    assert.throws(() => makeBlobs({ centers: [[0, 0], [1]] }), ConfigError);
    assert.throws(() => makeBlobs({ std: -1 }), ConfigError);
  });
});

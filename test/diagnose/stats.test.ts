import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadFraction, diffSquares, markAlive, meanOf, meanStd, saturatedFraction, sumSquares, unitAxis, unitCount } from '../../src/diagnose/stats.js';

describe('diagnose/stats', () => {
  it('sums of squares and mean/std by hand', () => {
    assert.equal(sumSquares([3, 4]), 25);
    assert.equal(diffSquares([1, 2], [4, 6]), 25);
    const { mean, std } = meanStd([1, 2, 3, 4]);
    assert.equal(mean, 2.5);
    assert.ok(Math.abs(std - Math.sqrt(1.25)) < 1e-12);
    assert.ok(Number.isNaN(meanStd([]).mean));
    assert.equal(meanOf([1, Number.NaN, 3]), 2);
  });

  it('saturation fractions of sigmoid and tanh outputs', () => {
    assert.equal(saturatedFraction([0.995, 0.5, 0.001, 0.98], 'sigmoid', 0.99), 0.5);
    assert.equal(saturatedFraction([-0.999, 0.5, 0.995, 0.2], 'tanh', 0.99), 0.5);
    assert.ok(Number.isNaN(saturatedFraction([1], 'relu', 0.99)));
  });

  it('units are features of [N, F], channels of [N, C, H, W], features of [N, T, F]', () => {
    assert.equal(unitAxis([5, 3]), 1);
    assert.equal(unitAxis([5, 2, 4, 4]), 1);
    assert.equal(unitAxis([5, 7, 3]), 2);
    assert.equal(unitCount([5, 7, 3]), 3);
    // [2, 3]: unit 1 is positive once, unit 2 never, unit 0 in the second row.
    const alive = new Uint8Array(3);
    markAlive([0, 1, 0, 2, 0, -1], [2, 3], alive);
    assert.deepEqual([...alive], [1, 1, 0]);
    assert.equal(deadFraction(alive), 1 / 3);
    // [1, 2, 2, 1]: channel 0 is all zero, channel 1 has one positive pixel.
    const ch = new Uint8Array(2);
    markAlive([0, 0, 0, 0, 0, 5], [1, 2, 3, 1], ch);
    assert.deepEqual([...ch], [0, 1]);
  });
});

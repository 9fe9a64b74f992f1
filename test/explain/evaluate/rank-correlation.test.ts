import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averageRanks, pearson, spearman } from '../../../src/explain/evaluate/rank-correlation.js';

describe('rank correlation', () => {
  it('averages the ranks of ties', () => {
    assert.deepEqual(Array.from(averageRanks([10, 20, 20, 5])), [2, 3.5, 3.5, 1]);
  });

  it('matches a hand-computed Spearman coefficient', () => {
    // No ties: ρ = 1 − 6Σd²/(n(n²−1)); ranks a = [1,2,3,4,5], b = [2,1,4,3,5], Σd² = 4, ρ = 1 − 24/120 = 0.8.
    assert.ok(Math.abs(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50]) - 0.8) < 1e-12);
    // Monotone but not linear: Spearman 1, Pearson below 1.
    assert.equal(spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1);
    assert.ok(pearson([1, 2, 3, 4], [1, 8, 27, 64]) < 0.99);
    assert.ok(Math.abs(spearman([1, 2, 3], [3, 2, 1]) + 1) < 1e-12);
    // With ties, Pearson of the average ranks: ranks a = [1, 2.5, 2.5, 4], b = [1, 2, 3, 4].
    // mean 2.5; Σ da·db = 2.25 + 0 + 0 + 2.25 = 4.5; Σ da² = 4.5; Σ db² = 5 → 4.5/√(4.5·5).
    assert.ok(Math.abs(spearman([1, 2, 2, 3], [1, 2, 3, 4]) - 4.5 / Math.sqrt(22.5)) < 1e-12);
    assert.equal(pearson([1, 1, 1], [1, 2, 3]), 0);
    assert.throws(() => spearman([1, 2], [1]), /spearman: the two maps have 2 and 1 elements/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleDirichlet, sampleGamma } from '../../../src/federated/partition/index.js';
import { Generator } from '../../../src/tensor/random.js';

describe('sampleGamma (Marsaglia–Tsang)', () => {
  for (const shape of [0.3, 1, 2.5, 9]) {
    it(`Gamma(${shape}, 1) has mean ${shape} and variance ${shape}`, () => {
      const gen = new Generator(7);
      const n = 40000;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        const x = sampleGamma(shape, gen);
        assert.ok(x >= 0);
        sum += x;
        sq += x * x;
      }
      const mean = sum / n;
      const variance = sq / n - mean * mean;
      // Standard error of the mean is sqrt(shape / n) <= 0.015 here; allow about 5 of them.
      assert.ok(Math.abs(mean - shape) < 5 * Math.sqrt(shape / n), `mean ${mean}`);
      assert.ok(Math.abs(variance - shape) / shape < 0.08, `variance ${variance}`);
    });
  }
});

describe('sampleDirichlet', () => {
  it('sums to 1, and component means are 1/k', () => {
    const gen = new Generator(3);
    const k = 4;
    const means = new Float64Array(k);
    for (let i = 0; i < 5000; i++) {
      const p = sampleDirichlet(0.5, k, gen);
      assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
      p.forEach((v, j) => (means[j]! += v / 5000));
    }
    for (const m of means) assert.ok(Math.abs(m - 0.25) < 0.02, `mean ${m}`);
  });

  it('falls back to a one-hot draw when every Gamma underflows (alpha 1e-4)', () => {
    const p = sampleDirichlet(1e-4, 5, new Generator(1));
    assert.equal(p.reduce((a, b) => a + b, 0), 1);
    assert.ok(Math.max(...p) > 0.999);
  });
});

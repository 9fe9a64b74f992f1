import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LayerRelevance } from '../../../src/explain/attribution.js';
import { checkConservation, formatConservation } from '../../../src/explain/lrp/conservation.js';
import { lrp } from '../../../src/explain/lrp/lrp.js';
import { Generator, randn } from '../../../src/tensor/index.js';
import { reluMlp, residualMlp } from './models.js';

const entry = (name: string, ratio: number[]): LayerRelevance => ({ name, type: 'Linear', rule: 'epsilon', total: ratio, ratio });

describe('checkConservation', () => {
  it('finds the worst top-level layer and skips layers inside residual branches', () => {
    const check = checkConservation([entry('3', [1, 0.999]), entry('2.body.0', [0.4, 0.3]), entry('2', [1.0001, 1]), entry('0', [0.9, 1.05])], 0.01);
    assert.equal(check.ok, false);
    assert.deepEqual(check.violations, ['0']);
    assert.equal(check.worstLayer, '0');
    assert.ok(Math.abs(check.worstDeviation - 0.1) < 1e-12);
    assert.equal(checkConservation([entry('1', [1, 1.0005])], 1e-3).ok, true);
  });

  it('passes epsilon-LRP on bias-free networks and flags the relevance biases absorb', () => {
    const x = randn([3, 6], { generator: new Generator(1), dtype: 'float64' });
    assert.equal(checkConservation(lrp(residualMlp(2, false), x, { epsilon: 1e-9 }).extras.conservation!, 1e-6).ok, true);
    const biased = checkConservation(lrp(reluMlp(3, true), x, { rule: 'zero' }).extras.conservation!, 1e-6);
    assert.equal(biased.ok, false);
    assert.ok(biased.violations.includes('0'));
  });
});

describe('formatConservation', () => {
  it('writes one Markdown row per layer with mean, min and max ratios', () => {
    const table = formatConservation([entry('1', [1, 0.5]), entry('0', [0.25, 0.75])]).split('\n');
    assert.equal(table.length, 4);
    assert.equal(table[2], '| 1 | Linear | epsilon | 0.7500 | 0.5000 | 1.0000 |');
    assert.equal(table[3], '| 0 | Linear | epsilon | 0.5000 | 0.2500 | 0.7500 |');
  });
});

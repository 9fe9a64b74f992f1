import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activate, activationDerivative } from '../../src/backprop/activation.js';
import { backpropActivations } from '../../src/backprop/index.js';
import { sampleLoss, sampleLossGradient, softmaxOf } from '../../src/backprop/loss.js';

describe('activations', () => {
  it('compute hand-known values', () => {
    assert.equal(activate('relu', -2), 0);
    assert.equal(activate('relu', 3), 3);
    assert.equal(activate('leakyRelu', -2, 0.1), -0.2);
    assert.equal(activate('sigmoid', 0), 0.5);
    assert.ok(Math.abs(activate('tanh', 1) - 0.7615941559557649) < 1e-15);
    assert.equal(activate('identity', -4), -4);
  });

  it('have derivatives equal to central differences away from the kink', () => {
    for (const name of backpropActivations) {
      for (const z of [-2.3, -0.4, 0.7, 1.9]) {
        const h = 1e-6;
        const numeric = (activate(name, z + h, 0.05) - activate(name, z - h, 0.05)) / (2 * h);
        assert.ok(Math.abs(activationDerivative(name, z, 0.05) - numeric) < 1e-8, `${name}'(${z})`);
      }
    }
  });

  it('take the left derivative at z = 0 for relu and leakyRelu', () => {
    assert.equal(activationDerivative('relu', 0), 0);
    assert.equal(activationDerivative('leakyRelu', 0, 0.1), 0.1);
  });
});

describe('losses of one sample', () => {
  it('softmax is stable for large logits and sums to 1', () => {
    const p = softmaxOf([1000, 1000, 999]);
    assert.ok(Math.abs(p[0]! - p[1]!) < 1e-15 && Math.abs(p.reduce((s, v) => s + v) - 1) < 1e-15);
  });

  it('match hand-computed values', () => {
    assert.ok(Math.abs(sampleLoss('softmaxCrossEntropy', [0, 0], [1, 0]) - Math.log(2)) < 1e-15);
    assert.equal(sampleLoss('mse', [1, 3], [0, 0]), 5);
    assert.deepEqual(sampleLossGradient('mse', [1, 3], [0, 0]), [1, 3]);
    assert.deepEqual(sampleLossGradient('softmaxCrossEntropy', [0, 0], [0, 1]), [0.5, -0.5]);
  });

  it('have gradients equal to central differences', () => {
    const a = [0.3, -1.2, 2.1];
    for (const [loss, y] of [['softmaxCrossEntropy', [0.2, 0.5, 0.3]], ['mse', [1, -1, 0.5]]] as const) {
      const grad = sampleLossGradient(loss, a, y);
      a.forEach((_, k) => {
        const up = a.map((v, i) => (i === k ? v + 1e-6 : v));
        const down = a.map((v, i) => (i === k ? v - 1e-6 : v));
        const numeric = (sampleLoss(loss, up, y) - sampleLoss(loss, down, y)) / 2e-6;
        assert.ok(Math.abs(grad[k]! - numeric) < 1e-8, `${loss} ∂ℓ/∂a_${k}`);
      });
    }
  });
});

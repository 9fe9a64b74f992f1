import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradcheck } from '../../src/autograd/index.js';
import { ConfigError } from '../../src/errors/index.js';
import { l1Penalty, l2Penalty } from '../../src/optim/penalties.js';
import { SGD } from '../../src/optim/sgd.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../helpers/assert-close.js';

describe('weight penalties', () => {
  it('l2Penalty = λ/2·Σθ² with gradient λθ', () => {
    const a = tensor([[1, -2], [3, 0.5]], { dtype: 'float64', requiresGrad: true });
    const b = tensor([-1], { dtype: 'float64', requiresGrad: true });
    const pen = l2Penalty([a, b], 0.1);
    // Σθ² = 1 + 4 + 9 + 0.25 + 1 = 15.25 → 0.05·15.25 = 0.7625
    assertClose(pen, 0.7625, f64);
    assert.deepEqual(pen.shape, []);
    pen.backward();
    assertClose(a.grad!, [[0.1, -0.2], [0.3, 0.05]], f64);
    assertClose(b.grad!, [-0.1], f64);
  });

  it('l1Penalty = λ·Σ|θ| with gradient λ·sign(θ)', () => {
    const a = tensor([1, -2, 0.5], { dtype: 'float64', requiresGrad: true });
    const pen = l1Penalty([a], 0.01);
    assertClose(pen, 0.035, f64);
    pen.backward();
    assertClose(a.grad!, [0.01, -0.01, 0.01], f64);
  });

  it('pass gradcheck in float64', () => {
    const a = tensor([0.3, -1.2, 2], { dtype: 'float64', requiresGrad: true });
    const b = tensor([[0.7, -0.4]], { dtype: 'float64', requiresGrad: true });
    gradcheck((x, y) => l2Penalty([x!, y!], 0.3), [a, b]);
    gradcheck((x, y) => l1Penalty([x!, y!], 0.3), [a, b]);
  });

  it('adding l2Penalty(λ) to the loss equals SGD weightDecay λ', () => {
    const p1 = tensor([1, -2], { dtype: 'float64', requiresGrad: true });
    const p2 = tensor([1, -2], { dtype: 'float64', requiresGrad: true });
    const withPenalty = new SGD([p1], { lr: 0.1 });
    const withDecay = new SGD([p2], { lr: 0.1, weightDecay: 0.2 });
    for (let i = 0; i < 3; i++) {
      withPenalty.zeroGrad();
      p1.sum().add(l2Penalty([p1], 0.2)).backward();
      withPenalty.step();
      withDecay.zeroGrad();
      p2.sum().backward();
      withDecay.step();
    }
    assertClose(p1, p2, f64);
  });

  it('validates lambda and the parameter list', () => {
    assertThrowsWith(() => l2Penalty([tensor([1])], -1), ConfigError, ['l2Penalty', 'Invalid lambda value: -1']);
    assertThrowsWith(() => l1Penalty([], 0.1), ConfigError, ['l1Penalty', 'empty parameter list']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { Adam } from '../../src/optim/adam.js';
import { AdamW } from '../../src/optim/adamw.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../helpers/assert-close.js';
import { trajectory } from './trajectory.js';

// θ0 = [1, -2], gradients g1 = [0.5, -1], g2 = [-0.25, 2], g3 = [1, 0.5], lr = 0.1, λ = 0.1.
describe('AdamW', () => {
  it('decays the parameter first, then takes the Adam step of the raw gradient', () => {
    // Step 1: θ ← θ·(1 - 0.1·0.1) = [0.99, -1.98], then - 0.1·g/(|g|+ε) → [0.890000002, -1.880000001].
    assertClose(
      trajectory((ps) => new AdamW(ps, { lr: 0.1, weightDecay: 0.1 })),
      [
        [0.890000002, -1.880000001],
        [0.8544662986878463, -1.897810353462075],
        [0.7801104766702113, -1.920397369602153],
      ],
      f64,
    );
  });

  it('differs from Adam with the same weightDecay (decoupled, not L2)', () => {
    const w = trajectory((ps) => new AdamW(ps, { lr: 0.1, weightDecay: 0.1 }));
    const a = trajectory((ps) => new Adam(ps, { lr: 0.1, weightDecay: 0.1 }));
    assert.ok(Math.abs(w[0]![0]! - a[0]![0]!) > 1e-3);
  });

  it('equals Adam when weightDecay is 0', () => {
    const w = trajectory((ps) => new AdamW(ps, { lr: 0.1, weightDecay: 0 }));
    const a = trajectory((ps) => new Adam(ps, { lr: 0.1 }));
    assert.deepEqual(w, a);
  });

  it('amsgrad with decoupled decay', () => {
    // β2 = 0.5: element 0 keeps v̂max = 0.125 at step 2 (as in the Adam test), after the decay θ ← 0.99·θ.
    assertClose(
      trajectory((ps) => new AdamW(ps, { lr: 0.1, weightDecay: 0.1, betas: [0.9, 0.5], amsgrad: true })),
      [
        [0.890000002, -1.880000001],
        [0.8553159000559665, -1.8946255426974696],
        [0.791685433427382, -1.909966307390584],
      ],
      f64,
    );
  });

  it('defaults weightDecay to 1e-2 and validates', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new AdamW([p]);
    assert.equal(opt.paramGroups[0]!.options.weightDecay, 1e-2);
    assertThrowsWith(() => new AdamW([p], { betas: [0.9, 1.5] }), ConfigError, ['AdamW', 'Invalid beta parameter at index 1: 1.5']);
  });
});

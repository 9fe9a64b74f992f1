import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { RMSProp } from '../../src/optim/rmsprop.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../helpers/assert-close.js';
import { trajectory } from './trajectory.js';

// θ0 = [1, -2], gradients g1 = [0.5, -1], g2 = [-0.25, 2], g3 = [1, 0.5], lr = 0.1, α = 0.9, ε = 1e-8.
describe('RMSProp', () => {
  it('divides by the root of the squared-gradient average', () => {
    // Step 1: v = 0.1·g² = [0.025, 0.1]; θ1 = 1 - 0.1·0.5/(√0.025 + 1e-8) = 0.68377225...
    // Step 2 (element 0): v = 0.0225 + 0.00625 = 0.02875; θ2 = θ1 + 0.1·0.25/(√0.02875 + 1e-8) = 0.83121420...
    assertClose(
      trajectory((ps) => new RMSProp(ps, { lr: 0.1, alpha: 0.9 })),
      [
        [0.6837722539831608, -1.6837722439831617],
        [0.8312142014424063, -1.9694865256158147],
        [0.5493562793036686, -2.042731366456484],
      ],
      f64,
    );
  });

  it('centered subtracts the squared mean gradient', () => {
    // Step 1: v = 0.025, ḡ = 0.05, ṽ = 0.025 - 0.0025 = 0.0225, θ1 = 1 - 0.1·0.5/(0.15 + 1e-8) = 0.66666668888...
    assertClose(
      trajectory((ps) => new RMSProp(ps, { lr: 0.1, alpha: 0.9, centered: true })),
      [
        [0.6666666888888874, -1.6666666777777774],
        [0.8151451477996704, -1.955975364661299],
        [0.516272618878572, -2.03102988229801],
      ],
      f64,
    );
  });

  it('momentum accumulates the normalized steps (buffer starts at 0)', () => {
    // Step 1 equals plain RMSProp (b = 0·0.5 + step). Step 2: b = 0.5·b1 + g2/(√v2 + ε).
    assertClose(
      trajectory((ps) => new RMSProp(ps, { lr: 0.1, alpha: 0.9, momentum: 0.5 })),
      [
        [0.6837722539831608, -1.6837722439831617],
        [0.6731003284339866, -1.8113726476073957],
        [0.3859064435206617, -1.9484176902601822],
      ],
      f64,
    );
  });

  it('weight decay, and all options together', () => {
    assertClose(
      trajectory((ps) => new RMSProp(ps, { lr: 0.1, alpha: 0.9, weightDecay: 0.1 })),
      [
        [0.6837722506498278, -1.6837722423164951],
        [0.7798989842495636, -1.9523501191571757],
        [0.5000054875726855, -1.9989422120037301],
      ],
      f64,
    );
    assertClose(
      trajectory((ps) => new RMSProp(ps, { lr: 0.1, alpha: 0.9, weightDecay: 0.1, momentum: 0.5, centered: true })),
      [
        [0.6666666851851841, -1.6666666759259257],
        [0.5987191093719111, -1.7702996860765452],
        [0.2655061606978424, -1.8719781748177549],
      ],
      f64,
    );
  });

  it('validates hyperparameters', () => {
    const p = [tensor([1], { requiresGrad: true })];
    assertThrowsWith(() => new RMSProp(p, { alpha: -0.5 }), ConfigError, ['Invalid alpha value: -0.5']);
    assertThrowsWith(() => new RMSProp(p, { momentum: -1 }), ConfigError, ['Invalid momentum value: -1']);
    assertThrowsWith(() => new RMSProp(p, { eps: -1 }), ConfigError, ['Invalid epsilon value: -1']);
  });
});

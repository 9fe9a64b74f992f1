import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FedAdagrad, FedAdam, FedYogi } from '../../../src/federated/strategy/index.js';
import { Generator } from '../../../src/tensor/index.js';
import { close, result, values, vec } from './fixtures.js';

// Reddi et al. 2021, Algorithm 2: Δ = avg − x; m = β1·m + (1−β1)·Δ; v = rule(v, Δ²), v₋₁ = τ²;
// x ← x + η·m / (√v + τ). Numbers below chosen so that √v is exact.
describe('FedAdam', () => {
  it('takes two server Adam steps (hand-computed)', () => {
    const s = new FedAdam({ eta: 1.2, beta1: 0.5, beta2: 0.5, tau: 1 });
    // Round 1: clients 4 (n=1) and 8 (n=3) → avg 7, x = 0 → Δ = 7
    // m = 0.5·0 + 0.5·7 = 3.5; v = 0.5·1 + 0.5·49 = 25; x1 = 0 + 1.2·3.5 / (5 + 1) = 0.7
    const r1 = s.aggregateTrain(1, [result('a', [4], 1), result('b', [8], 3)], [], vec([0]));
    close(values(r1.parameters), [0.7]);
    // Round 2: clients 4.7 and 6.7 (equal n) → avg 5.7 → Δ = 5
    // m = 0.5·3.5 + 0.5·5 = 4.25; v = 0.5·25 + 0.5·25 = 25; x2 = 0.7 + 1.2·4.25 / 6 = 1.55
    const r2 = s.aggregateTrain(2, [result('a', [4.7]), result('b', [6.7])], [], r1.parameters!);
    close(values(r2.parameters), [1.55], 1e-12);
  });

  it('sends the client learning rate etaL as config.lr unless trainConfig sets one', () => {
    const clients = [{ id: 'a' }, { id: 'b' }];
    assert.equal(new FedAdam({ etaL: 0.03 }).configureTrain(1, vec([0]), clients, new Generator(0))[0]!.config['lr'], 0.03);
    assert.equal(new FedAdam({ etaL: 0.03, trainConfig: { lr: 0.5 } }).configureTrain(1, vec([0]), clients, new Generator(0))[0]!.config['lr'], 0.5);
  });

  it('rejects a non-positive eta', () => {
    assert.throws(() => new FedAdam({ eta: 0 }), /FedAdam: eta must be a positive number/);
  });
});

describe('FedYogi', () => {
  it('grows v additively, then shrinks it when Δ² < v (hand-computed)', () => {
    const s = new FedYogi({ eta: 1, beta1: 0.5, beta2: 0.5, tau: 1 });
    // Round 1: Δ = 4, v₋₁ = 1: v = 1 − 0.5·16·sign(1 − 16) = 9; m = 2; x1 = 2 / (3 + 1) = 0.5
    const r1 = s.aggregateTrain(1, [result('a', [4])], [], vec([0]));
    close(values(r1.parameters), [0.5]);
    // Round 2: Δ = 2: v = 9 − 0.5·4·sign(9 − 4) = 7; m = 0.5·2 + 0.5·2 = 2; x2 = 0.5 + 2 / (√7 + 1)
    const r2 = s.aggregateTrain(2, [result('a', [2.5])], [], r1.parameters!);
    close(values(r2.parameters), [0.5 + 2 / (Math.sqrt(7) + 1)]);
  });
});

describe('FedAdagrad', () => {
  it('accumulates Δ² (hand-computed, a 5-12-13 triangle)', () => {
    const s = new FedAdagrad({ eta: 0.3, tau: 0.5 });
    // β1 = 0 by default, so m = Δ. Round 1: Δ = 1.2, v = 0.25 + 1.44 = 1.69; x1 = 0.3·1.2 / (1.3 + 0.5) = 0.2
    const r1 = s.aggregateTrain(1, [result('a', [1.2])], [], vec([0]));
    close(values(r1.parameters), [0.2]);
    // Round 2: Δ = 3.12, v = 1.69 + 9.7344 = 11.4244 = 3.38²; x2 = 0.2 + 0.3·3.12 / (3.38 + 0.5)
    const r2 = s.aggregateTrain(2, [result('a', [3.32])], [], r1.parameters!);
    close(values(r2.parameters), [0.2 + (0.3 * 3.12) / 3.88], 1e-12);
  });
});

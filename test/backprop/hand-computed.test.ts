import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postActivationBackprop, preActivationBackprop, vectorizedBackprop } from '../../src/backprop/index.js';
import type { DenseNetwork } from '../../src/backprop/index.js';

// Networks small enough to backprop on paper; every view must reproduce these numbers.
const views = { postActivation: postActivationBackprop, preActivation: preActivationBackprop, vectorized: vectorizedBackprop };

const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: expected ${expected}, got ${actual}`);

// x → z1 = 2x − 1 → a1 = relu(z1) → z2 = 3·a1 + 0.5 = a2 → ℓ = (a2 − 1)²
const chain: DenseNetwork = {
  loss: 'mse',
  layers: [
    { weight: [[2]], bias: [-1], activation: 'relu' },
    { weight: [[3]], bias: [0.5], activation: 'identity' },
  ],
};

for (const [name, view] of Object.entries(views)) {
  describe(`${name} view on hand-computed networks`, () => {
    it('backprops a 1-1-1 relu chain with the chain rule done by hand', () => {
      // x = 1: z1 = 1, a1 = 1, z2 = a2 = 3.5, ℓ = 2.5² = 6.25, ∂ℓ/∂a2 = 2·2.5 = 5 = δ2,
      // ∂W2 = δ2·a1 = 5, ∂a1 = W2·δ2 = 15 = δ1 (relu' = 1), ∂W1 = δ1·x = 15, ∂x = W1·δ1 = 30.
      const r = view(chain, { inputs: [[1]], targets: [[1]] });
      close(r.loss, 6.25, 'loss');
      const [l1, l2] = r.layers as [typeof r.layers[0], typeof r.layers[0]];
      close(l1.z[0]![0]!, 1, 'z1');
      close(l2.a[0]![0]!, 3.5, 'a2');
      close(l2.dLda[0]![0]!, 5, 'dL/da2');
      close(l2.dLdz[0]![0]!, 5, 'dL/dz2');
      close(l2.dW[0]![0]!, 5, 'dL/dW2');
      close(l2.db[0]!, 5, 'dL/db2');
      close(l1.dLda[0]![0]!, 15, 'dL/da1');
      close(l1.dLdz[0]![0]!, 15, 'dL/dz1');
      close(l1.dW[0]![0]!, 15, 'dL/dW1');
      close(l1.db[0]!, 15, 'dL/db1');
      close(r.dLdx[0]![0]!, 30, 'dL/dx');
    });

    it('passes no gradient below a relu unit with z <= 0', () => {
      // x = 0: z1 = −1, a1 = 0, a2 = 0.5, ℓ = 0.25, δ2 = −1, ∂a1 = −3 but δ1 = 0, so ∂W1 = ∂b1 = ∂x = 0.
      const r = view(chain, { inputs: [[0]], targets: [[1]] });
      close(r.loss, 0.25, 'loss');
      close(r.layers[1]!.dLdz[0]![0]!, -1, 'dL/dz2');
      close(r.layers[1]!.dW[0]![0]!, 0, 'dL/dW2 (a1 = 0)');
      close(r.layers[0]!.dLda[0]![0]!, -3, 'dL/da1');
      close(r.layers[0]!.dLdz[0]![0]!, 0, 'dL/dz1');
      close(r.layers[0]!.dW[0]![0]!, 0, 'dL/dW1');
      close(r.dLdx[0]![0]!, 0, 'dL/dx');
    });

    it('averages over the batch: two samples give the mean loss and summed, 1/N-scaled gradients', () => {
      // Samples x = 1 and x = 0 from above: L = (6.25 + 0.25)/2, ∂W2 = (5 + 0)/2, ∂b2 = (5 − 1)/2.
      const r = view(chain, { inputs: [[1], [0]], targets: [[1], [1]] });
      close(r.loss, 3.25, 'loss');
      close(r.layers[1]!.dW[0]![0]!, 2.5, 'dL/dW2');
      close(r.layers[1]!.db[0]!, 2, 'dL/db2');
      close(r.layers[1]!.dLdz[1]![0]!, -0.5, 'dL/dz2 of sample 2');
      close(r.layers[0]!.dW[0]![0]!, 7.5, 'dL/dW1');
    });

    it('gives softmax(a) − y at the output of a softmax cross-entropy network', () => {
      // All-zero weights: a = [0, 0], softmax = [½, ½], ℓ = log 2, δ = [½ − 1, ½] = [−½, ½].
      const net: DenseNetwork = { loss: 'softmaxCrossEntropy', layers: [{ weight: [[0, 0], [0, 0]], bias: [0, 0], activation: 'identity' }] };
      const r = view(net, { inputs: [[1, 2]], targets: [[1, 0]] });
      close(r.loss, Math.log(2), 'loss');
      close(r.layers[0]!.dLdz[0]![0]!, -0.5, 'δ_0');
      close(r.layers[0]!.dLdz[0]![1]!, 0.5, 'δ_1');
      assert.deepEqual(r.layers[0]!.dW, [[-0.5, -1], [0.5, 1]]);
    });

    it('multiplies by σ\'(z) = σ(1 − σ) through a sigmoid unit', () => {
      // z = 0: a = ½, σ' = ¼; mse against 0: ∂ℓ/∂a = 2·½ = 1, δ = ¼.
      const net: DenseNetwork = { loss: 'mse', layers: [{ weight: [[1]], bias: [0], activation: 'sigmoid' }] };
      const r = view(net, { inputs: [[0]], targets: [[0]] });
      close(r.layers[0]!.dLda[0]![0]!, 1, 'dL/da');
      close(r.layers[0]!.dLdz[0]![0]!, 0.25, 'dL/dz');
      close(r.dLdx[0]![0]!, 0.25, 'dL/dx');
    });
  });
}

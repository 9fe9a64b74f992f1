import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preActivationBackprop, randomBatch, randomNetwork } from '../../src/backprop/index.js';

describe('preActivationBackprop dead-unit mask', () => {
  it('marks exactly the relu units with z <= 0, per sample, and their δ is 0', () => {
    const net = randomNetwork([5, 7, 7, 7, 3], { activation: 'relu', seed: 3 });
    const r = preActivationBackprop(net, randomBatch(net, 6, 2));
    let dead = 0;
    let alive = 0;
    r.layers.slice(0, -1).forEach((layer) => {
      layer.z.forEach((zn, n) =>
        zn.forEach((z, j) => {
          assert.equal(layer.dead[n]![j], z <= 0);
          if (z <= 0) {
            assert.ok(layer.dLdz[n]![j] === 0, 'δ of a dead unit');
            dead++;
          } else alive++;
        }),
      );
    });
    // The random network must actually exercise both cases.
    assert.ok(dead > 10 && alive > 10, `dead ${dead}, alive ${alive}`);
    // The identity output layer never blocks.
    assert.ok(r.layers.at(-1)!.dead.flat().every((d) => !d));
  });

  it('a unit dead for every sample gets no weight or bias gradient', () => {
    const net = randomNetwork([2, 3, 2], { activation: 'relu', seed: 1 });
    const layers = net.layers.map((l) => ({ ...l, weight: l.weight.map((r) => [...r]), bias: [...l.bias] }));
    layers[0]!.weight[1] = [0, 0];
    layers[0]!.bias[1] = -1; // z = −1 whatever the input
    const r = preActivationBackprop({ ...net, layers }, randomBatch(net, 4, 5));
    assert.ok(r.layers[0]!.dead.every((row) => row[1] === true));
    assert.deepEqual(r.layers[0]!.dW[1], [0, 0]);
    assert.equal(r.layers[0]!.db[1], 0);
    assert.ok(r.layers[0]!.dLda.some((row) => row[1] !== 0), 'the gradient arrives at a; it stops at σ\'');
  });

  it('leakyRelu, sigmoid and tanh units pass gradient at ordinary z', () => {
    for (const activation of ['leakyRelu', 'sigmoid', 'tanh'] as const) {
      const net = randomNetwork([4, 6, 6, 2], { activation, seed: 2 });
      const r = preActivationBackprop(net, randomBatch(net, 5, 1));
      assert.ok(r.layers.every((l) => l.dead.flat().every((d) => !d)), activation);
    }
  });

  it('a saturated tanh unit (σ\'(z) underflows to 0) is reported as passing no gradient', () => {
    const r = preActivationBackprop(
      { loss: 'mse', layers: [{ weight: [[100], [1]], bias: [0, 0], activation: 'tanh' }] },
      { inputs: [[1]], targets: [[0, 0]] },
    );
    assert.deepEqual(r.layers[0]!.dead, [[true, false]]);
  });
});

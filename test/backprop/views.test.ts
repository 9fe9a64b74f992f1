import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  autogradBackprop,
  backpropActivations,
  backpropLosses,
  finiteDifferenceBackprop,
  maxBackpropDifference,
  postActivationBackprop,
  preActivationBackprop,
  randomBatch,
  randomNetwork,
  toTensorNetwork,
  vectorizedBackprop,
  vectorizedPass,
} from '../../src/backprop/index.js';
import type { BackpropActivation, BackpropLoss, BackpropResult } from '../../src/backprop/index.js';
import { zeros } from '../../src/tensor/index.js';

// The three views against two independent oracles (deeptrace autograd and central finite
// differences of the plain forward pass), in float64, on random networks of every activation,
// both losses, depths 1, 2, 4, 6, widths 1, 3, 7 and batch sizes 1 and 5.

const tolerance = 1e-6;
const views = { postActivation: postActivationBackprop, preActivation: preActivationBackprop, vectorized: vectorizedBackprop };

function sizesFor(depth: number, width: number, loss: BackpropLoss): number[] {
  const outputs = loss === 'softmaxCrossEntropy' ? Math.max(2, width) : width;
  return [width, ...new Array<number>(depth - 1).fill(width), outputs];
}

function nonTrivial(result: BackpropResult): boolean {
  return result.layers.some((l) => l.dW.some((row) => row.some((v) => Math.abs(v) > 1e-8)));
}

for (const activation of backpropActivations) {
  for (const loss of backpropLosses) {
    describe(`three views of backprop, ${activation} hidden layers, ${loss}`, () => {
      for (const depth of [1, 2, 4, 6]) {
        it(`equal autograd and finite differences at depth ${depth}, widths 1, 3, 7, batches 1 and 5`, () => {
          let seed = 0;
          for (const width of [1, 3, 7]) {
            for (const batchSize of [1, 5]) {
              seed++;
              const label = `depth ${depth}, width ${width}, batch ${batchSize}`;
              // The output layer alternates between identity and the hidden activation.
              const outputActivation: BackpropActivation = seed % 2 === 0 ? activation : 'identity';
              const net = randomNetwork(sizesFor(depth, width, loss), { activation, outputActivation, loss, seed: 100 * depth + seed });
              const batch = randomBatch(net, batchSize, seed);
              const reference = autogradBackprop(net, batch);
              const numeric = finiteDifferenceBackprop(net, batch);
              assert.ok(maxBackpropDifference(numeric, reference) <= tolerance, `${label}: finite differences vs autograd differ by ${maxBackpropDifference(numeric, reference)}`);
              for (const [name, view] of Object.entries(views)) {
                const result = view(net, batch);
                assert.ok(maxBackpropDifference(result, reference) <= tolerance, `${label}: ${name} vs autograd differ by ${maxBackpropDifference(result, reference)}`);
                assert.ok(maxBackpropDifference(result, numeric) <= tolerance, `${label}: ${name} vs finite differences differ by ${maxBackpropDifference(result, numeric)}`);
              }
              if (width > 1) assert.ok(nonTrivial(reference), `${label}: every weight gradient is zero; the check would be vacuous`);
            }
          }
        });
      }
    });
  }
}

describe('the comparison itself', () => {
  it('maxBackpropDifference reports a changed gradient, a NaN and a missing row', () => {
    const net = randomNetwork([3, 4, 2], { activation: 'tanh', seed: 1 });
    const batch = randomBatch(net, 2, 1);
    const good = preActivationBackprop(net, batch);
    const changed = preActivationBackprop(net, batch);
    changed.layers[0]!.dW[1]![2]! += 1e-3;
    assert.ok(Math.abs(maxBackpropDifference(changed, good) - 1e-3) < 1e-12);
    changed.layers[1]!.dLdz[0]![0] = Number.NaN;
    assert.equal(maxBackpropDifference(changed, good), Infinity);
    const short = { ...good, dLdx: good.dLdx.slice(1) };
    assert.equal(maxBackpropDifference(short, good), Infinity);
    assert.equal(maxBackpropDifference(good, good), 0);
  });
});

describe('vectorizedPass', () => {
  it('refuses X and Y that do not fit the network, naming both shapes', () => {
    const net = toTensorNetwork(randomNetwork([3, 4, 2], { seed: 1 }));
    assert.throws(() => vectorizedPass(net, zeros([5, 4], { dtype: 'float64' }), zeros([5, 2], { dtype: 'float64' })), /expected X \[N, 3\] and Y \[N, 2\], got X \[5,4\]/);
    assert.throws(() => vectorizedPass(net, zeros([5, 3], { dtype: 'float64' }), zeros([4, 2], { dtype: 'float64' })), /Y \[4,2\]/);
  });
});

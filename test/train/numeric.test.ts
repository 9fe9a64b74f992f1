import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NumericError } from '../../src/errors/index.js';
import { Linear } from '../../src/nn/layers/index.js';
import { mlp } from '../../src/nn/models.js';
import { Module } from '../../src/nn/module.js';
import { SGD } from '../../src/optim/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import { manualSeed, zeros } from '../../src/tensor/index.js';
import { NonFiniteError, fit } from '../../src/train/index.js';
import { allFinite } from '../../src/train/numeric-check.js';
import { blobs, smallMlp } from './helpers.js';

/** Adds sqrt(gate.p) * 0 to the logits: finite forward, but d sqrt/dp at p = 0 is Inf, so gate.p's gradient is NaN. */
class Gate extends Module {
  p = this.registerParameter('p', zeros([1]));
  forward(x: Tensor): Tensor {
    return x.add(this.p.sqrt().mul(0));
  }
}

class GatedNet extends Module {
  fc1 = this.registerModule('fc1', new Linear(2, 3));
  gate = this.registerModule('gate', new Gate());
  forward(x: Tensor): Tensor {
    return this.gate.call(this.fc1.call(x));
  }
}

describe('NaN and Inf detection', () => {
  it('allFinite finds NaN and both infinities', () => {
    assert.equal(allFinite(new Float32Array([1, -2, 3e38])), true);
    assert.equal(allFinite(new Float32Array([1, Number.NaN])), false);
    assert.equal(allFinite(new Float64Array([Number.NEGATIVE_INFINITY, 0])), false);
    assert.equal(allFinite(new Float32Array([])), true);
  });

  it('a NaN injected into a weight stops training, naming the step, the layer and the tensor', async () => {
    manualSeed(1);
    const model = smallMlp();
    const [name, weight] = model.namedParameters()[2]!; // the output layer's weight
    assert.equal(name, '2.weight');
    let steps = 0;
    const err = await fit(model, {
      train: blobs(24),
      loss: 'crossEntropy',
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      epochs: 3,
      batchSize: 8,
      shuffle: false,
      callbacks: [
        {
          onBatchEnd(ctx, b) {
            steps = b.step;
            if (ctx.epoch === 2 && b.batch === 0) weight.storage[4] = Number.NaN; // poison after the first batch of epoch 2
          },
        },
      ],
    }).then(
      () => assert.fail('fit should throw'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof NumericError && err instanceof NonFiniteError);
    assert.equal(err.epoch, 2);
    assert.equal(err.batch, 1);
    assert.equal(err.step, 5);
    assert.equal(err.layer, '2.weight');
    assert.equal(err.tensor, 'loss');
    assert.match(err.message, /the loss is NaN; parameter 2\.weight holds NaN at epoch 2, batch 1 \(step 5\); layer: 2\.weight; tensor: loss/);
    assert.equal(steps, 4); // the bad step never reached the optimizer
  });

  it('a NaN gradient with a finite loss names the parameter whose gradient it is', async () => {
    manualSeed(2);
    const model = new GatedNet();
    const err = await fit(model, {
      train: blobs(6),
      loss: 'crossEntropy',
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      batchSize: 3,
    }).catch((e: unknown) => e);
    assert.ok(err instanceof NonFiniteError, String(err));
    assert.equal(err.layer, 'gate.p');
    assert.equal(err.tensor, 'gradient of gate.p');
    assert.match(err.message, /epoch 1, batch 0 \(step 1\)/);
    assert.equal(model.gate.p.values()[0], 0); // no step was taken with it
  });

  it('a huge learning rate that blows up the weights is caught', async () => {
    manualSeed(3);
    const model = smallMlp();
    const err = await fit(model, {
      train: blobs(30),
      loss: 'crossEntropy',
      optimizer: new SGD(model.parameters(), { lr: 1e38 }),
      epochs: 5,
      batchSize: 10,
    }).catch((e: unknown) => e);
    assert.ok(err instanceof NonFiniteError, String(err));
    assert.match(err.message, /at epoch \d+, batch \d+ \(step \d+\); layer: \S+; tensor: /);
    // A parameter (`2.weight`) that overflowed, or the first layer (`2`) whose output did.
    const names = [...model.namedParameters(), ...model.namedModules()].map(([n]) => n);
    assert.ok(names.includes(err.layer), err.layer);
  });

  it('a NaN in the input batch is reported as the input', async () => {
    const model = mlp(2, [4], 3, { activation: 'tanh' }); // tanh passes NaN on (relu would zero it)
    const data = blobs(4);
    data.inputs.storage[0] = Number.NaN;
    const { TensorDataset } = await import('../../src/data/tensor-dataset.js');
    const err = await fit(model, {
      train: new TensorDataset(data.inputs, data.targets),
      loss: 'crossEntropy',
      optimizer: new SGD(model.parameters()),
      batchSize: 4,
    }).catch((e: unknown) => e);
    assert.ok(err instanceof NonFiniteError);
    assert.equal(err.layer, 'input');
    assert.equal(err.tensor, 'loss');
  });
});

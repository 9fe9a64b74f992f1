import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardSample } from '../../src/backprop/forward.js';
import { fromSequential, maxBackpropDifference, preActivationBackprop, randomBatch, randomNetwork, toSequential, vectorizedBackprop } from '../../src/backprop/index.js';
import { BatchNorm1d, Dropout, Flatten, LeakyReLU, Linear, ReLU, Sequential, Tanh, crossEntropy, mlp, mseLoss } from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';
import { Generator, defaultGenerator, randn, randint, tensor } from '../../src/tensor/index.js';

describe('fromSequential', () => {
  it('reads a trained mlp(): same outputs, and the views give the gradients autograd gives the model', () => {
    const generator = new Generator(7);
    const model = mlp(4, [6, 5], 3, { activation: 'tanh', generator });
    const x = randn([8, 4], { generator });
    const labels = randint(0, 3, [8], { generator });
    const opt = new SGD(model.parameters(), { lr: 0.5 });
    const first = crossEntropy(model.forward(x), labels).item();
    for (let step = 0; step < 20; step++) {
      opt.zeroGrad();
      crossEntropy(model.forward(x), labels).backward();
      opt.step();
    }
    assert.ok(crossEntropy(model.forward(x), labels).item() < first, 'the model trained');

    const net = fromSequential(model);
    assert.deepEqual(net.layers.map((l) => l.activation), ['tanh', 'tanh', 'identity']);
    assert.equal(net.loss, 'softmaxCrossEntropy');
    // The float32 model and the float64 network agree on the logits to float32 precision.
    const logits = model.forward(x).toArray() as number[][];
    const inputs = x.toArray() as number[][];
    inputs.forEach((row, n) => {
      const out = forwardSample(net, row).a.at(-1)!;
      out.forEach((v, k) => assert.ok(Math.abs(v - logits[n]![k]!) < 1e-5, `logit ${n},${k}: ${v} vs ${logits[n]![k]}`));
    });

    // The same weights back in a float64 Sequential: its autograd parameter gradients equal the views'.
    const targets = (labels.toArray() as number[]).map((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0)));
    const copy = toSequential(net);
    crossEntropy(copy.forward(tensor(inputs, { dtype: 'float64' })), labels).backward();
    const view = preActivationBackprop(net, { inputs, targets });
    const linears = [...copy].filter((m): m is Linear => m instanceof Linear);
    linears.forEach((linear, l) => {
      const dW = linear.weight.grad!.toArray() as number[][];
      dW.forEach((row, j) => row.forEach((v, k) => assert.ok(Math.abs(v - view.layers[l]!.dW[j]![k]!) < 1e-12, `dW${l + 1}`)));
      (linear.bias!.grad!.toArray() as number[]).forEach((v, j) => assert.ok(Math.abs(v - view.layers[l]!.db[j]!) < 1e-12, `db${l + 1}`));
    });
  });

  it('keeps the LeakyReLU slope, gives a bias-free Linear zero biases and skips Dropout', () => {
    const generator = new Generator(1);
    const model = new Sequential([new Linear(3, 4, { generator, bias: false }), new LeakyReLU(0.2), new Dropout(0.5), new Linear(4, 2, { generator }), new ReLU()]);
    const net = fromSequential(model, { loss: 'mse' });
    assert.equal(net.layers[0]!.activation, 'leakyRelu');
    assert.equal(net.layers[0]!.negativeSlope, 0.2);
    assert.deepEqual(net.layers[0]!.bias, [0, 0, 0, 0]);
    assert.equal(net.layers[1]!.activation, 'relu');
    assert.equal(net.loss, 'mse');
  });

  it('refuses layers outside a dense network, with the layer named', () => {
    const generator = new Generator(1);
    assert.throws(() => fromSequential(new Sequential([new Linear(3, 4, { generator }), new BatchNorm1d(4), new ReLU()])), /layer 1 \(BatchNorm1d/);
    assert.throws(() => fromSequential(new Sequential([new Flatten(), new Linear(3, 4, { generator })])), /layer 0/);
    assert.throws(() => fromSequential(new Sequential([new Linear(3, 4, { generator }), new ReLU(), new Tanh()])), /layer 2 \(Tanh/);
  });
});

describe('toSequential', () => {
  it('round-trips through fromSequential and computes the same forward pass', () => {
    const net = randomNetwork([3, 5, 4, 2], { activation: 'leakyRelu', outputActivation: 'sigmoid', loss: 'mse', seed: 4 });
    const back = fromSequential(toSequential(net), { loss: 'mse' });
    assert.deepEqual(back.layers.map((l) => l.activation), ['leakyRelu', 'leakyRelu', 'sigmoid']);
    const batch = randomBatch(net, 3, 9);
    assert.equal(maxBackpropDifference(vectorizedBackprop(back, batch), vectorizedBackprop(net, batch)), 0);
    const model = toSequential(net);
    const out = model.forward(tensor(batch.inputs as number[][], { dtype: 'float64' }));
    const loss = mseLoss(out, tensor(batch.targets as number[][], { dtype: 'float64' })).item();
    assert.ok(Math.abs(loss - preActivationBackprop(net, batch).loss) < 1e-14);
  });

  it('does not draw from the global random generator', () => {
    const net = randomNetwork([2, 3, 2], { seed: 1 });
    const before = defaultGenerator.getState();
    toSequential(net);
    assert.deepEqual(defaultGenerator.getState(), before);
  });
});

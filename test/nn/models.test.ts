import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, ShapeError } from '../../src/errors/index.js';
import { layerFromConfig } from '../../src/nn/from-config.js';
import { cnn, lstmClassifier, mlp } from '../../src/nn/models.js';
import type { Module } from '../../src/nn/module.js';
import { Sequential } from '../../src/nn/sequential.js';
import type { NestedArray, Tensor } from '../../src/tensor/index.js';
import { Generator, randn, tensor } from '../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../helpers/assert-close.js';

function roundTrip(model: Module, x: Tensor): void {
  const copy = layerFromConfig(JSON.parse(JSON.stringify(model.toConfig())));
  copy.loadStateDict(model.stateDict());
  model.eval();
  copy.eval();
  assert.deepEqual(copy.call(x).toArray(), model.call(x).toArray());
}

describe('mlp', () => {
  it('stacks Linear → [BatchNorm1d] → activation → [Dropout] and a final Linear', () => {
    const m = mlp(4, [8, 6], 3, { activation: 'tanh', dropout: 0.2, batchNorm: true, generator: new Generator(1) });
    assert.deepEqual([...m].map((l) => l.constructor.name), [
      'Linear', 'BatchNorm1d', 'Tanh', 'Dropout', 'Linear', 'BatchNorm1d', 'Tanh', 'Dropout', 'Linear',
    ]);
    assert.equal(m.parameterCount(), 4 * 8 + 8 + 16 + 8 * 6 + 6 + 12 + 6 * 3 + 3);
    assert.deepEqual(m.call(randn([5, 4])).shape, [5, 3]);
    roundTrip(m, randn([5, 4]));
    assert.deepEqual([...mlp(2, [], 1)].map((l) => l.constructor.name), ['Linear']);
    assertThrowsWith(() => mlp(2, [3], 1, { activation: 'swish' as 'relu' }), ConfigError, ["unknown activation 'swish'"]);
  });
});

describe('cnn', () => {
  it('is the benchmark CNN for 1x28x28 inputs', () => {
    const m = cnn([1, 28, 28], { generator: new Generator(2) });
    assert.deepEqual([...m].map((l) => l.constructor.name), [
      'Conv2d', 'MaxPool2d', 'ReLU', 'Conv2d', 'MaxPool2d', 'ReLU', 'Flatten', 'Linear', 'ReLU', 'Linear',
    ]);
    // conv 1→32 (3x3) + conv 32→64 (3x3) + dense 64·7·7→128 + dense 128→10
    assert.equal(m.parameterCount(), 320 + 18_496 + (3136 * 128 + 128) + 1290);
    const x = randn([2, 1, 28, 28]);
    assert.deepEqual(m.call(x).shape, [2, 10]);
    roundTrip(m, x);
  });

  it('computes the same function and gradients as ReLU before max-pool (the order it is specified in)', () => {
    const m = cnn([1, 8, 8], { generator: new Generator(4) }).cast('float64');
    const layers = [...m];
    const specified = new Sequential([layers[0]!, layers[2]!, layers[1]!, layers[3]!, layers[5]!, layers[4]!, ...layers.slice(6)]);
    const x = randn([3, 1, 8, 8], { generator: new Generator(5), dtype: 'float64' });
    const grads = (net: Sequential): number[][] => {
      net.zeroGrad();
      net.call(x).square().sum().backward();
      return net.parameters().map((p) => p.grad!.toArray() as number[]);
    };
    assertClose(m.call(x), specified.call(x).toArray() as NestedArray, f64);
    const [a, b] = [grads(m), grads(specified)];
    a.forEach((g, i) => assertClose(tensor(g, { dtype: 'float64' }), b[i]!, f64));
  });

  it('works on 8x8 digits and refuses sizes not divisible by 4', () => {
    const m = cnn([1, 8, 8], { classes: 5 });
    assert.deepEqual(m.call(randn([3, 1, 8, 8])).shape, [3, 5]);
    roundTrip(m, randn([3, 1, 8, 8]));
    assertThrowsWith(() => cnn([1, 10, 10]), ShapeError, ['divisible by 4', '[1,10,10]']);
  });
});

describe('lstmClassifier', () => {
  it('reads an image row by row and round-trips through its config', () => {
    const m = lstmClassifier([1, 8, 8], { hiddenSize: 6, generator: new Generator(3) });
    assert.deepEqual(m.toConfig(), {
      type: 'Sequential',
      layers: [
        { type: 'Reshape', shape: [8, 8] },
        { type: 'LastTimeStep', layer: { type: 'LSTM', inputSize: 8, hiddenSize: 6, numLayers: 1, bias: true, dropout: 0 } },
        { type: 'Linear', inFeatures: 6, outFeatures: 10, bias: true },
      ],
    });
    const x = randn([2, 1, 8, 8]);
    assert.deepEqual(m.call(x).shape, [2, 10]);
    roundTrip(m, x);
    assert.ok(Object.keys(m.stateDict()).includes('1.rnn.weight_ih_l0'));
  });

  it('trains: gradients reach the LSTM weights', () => {
    const m = lstmClassifier([4, 3], { hiddenSize: 2, classes: 2 });
    m.call(randn([2, 4, 3])).sum().backward();
    assert.ok(m.parameters().every((p) => p.grad !== null && p.grad.values().some((v) => v !== 0)));
  });
});

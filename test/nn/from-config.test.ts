import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { knownLayerTypes, layerFromConfig } from '../../src/nn/from-config.js';
import { ELU, GELU, LeakyReLU, ReLU, Sigmoid, Softmax, Tanh } from '../../src/nn/layers/activations.js';
import { AvgPool2d } from '../../src/nn/layers/avg-pool-2d.js';
import { BatchNorm1d } from '../../src/nn/layers/batch-norm-1d.js';
import { BatchNorm2d } from '../../src/nn/layers/batch-norm-2d.js';
import { Conv2d } from '../../src/nn/layers/conv2d.js';
import { Dropout } from '../../src/nn/layers/dropout.js';
import { Embedding } from '../../src/nn/layers/embedding.js';
import { Flatten } from '../../src/nn/layers/flatten.js';
import { GRU } from '../../src/nn/layers/gru.js';
import { LastTimeStep } from '../../src/nn/layers/last-time-step.js';
import { LayerNorm } from '../../src/nn/layers/layer-norm.js';
import { Linear } from '../../src/nn/layers/linear.js';
import { LSTM } from '../../src/nn/layers/lstm.js';
import { MaxPool2d } from '../../src/nn/layers/max-pool-2d.js';
import { Reshape } from '../../src/nn/layers/reshape.js';
import { Residual } from '../../src/nn/layers/residual.js';
import { RNN } from '../../src/nn/layers/rnn.js';
import type { Module } from '../../src/nn/module.js';
import { Sequential } from '../../src/nn/sequential.js';
import type { Tensor } from '../../src/tensor/index.js';
import { Generator, randint, randn } from '../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../helpers/assert-close.js';

const g = () => new Generator(1);
type AnyModule = Module<never[], unknown>;

/** Every layer type with an input for it (non-default options where there are any). */
const cases: [AnyModule, () => Tensor][] = [
  [new Linear(3, 2, { bias: false, generator: g() }), () => randn([2, 3])],
  [new Conv2d(2, 4, { kernelSize: [3, 2], stride: 2, padding: 1, dilation: 1, groups: 2, generator: g() }), () => randn([1, 2, 5, 5])],
  [new Conv2d(1, 2, { kernelSize: 3, padding: 'same', generator: g() }), () => randn([1, 1, 4, 4])],
  [new MaxPool2d(2, { stride: 1 }), () => randn([1, 1, 4, 4])],
  [new AvgPool2d([2, 1], { countIncludePad: false, padding: [1, 0] }), () => randn([1, 1, 4, 4])],
  [new Flatten({ startAxis: 2 }), () => randn([2, 3, 2, 2])],
  [new Reshape([2, -1]), () => randn([2, 6])],
  [new Dropout(0.25), () => randn([4, 4])],
  [new BatchNorm1d(3, { eps: 1e-3, momentum: 0.2 }), () => randn([4, 3])],
  [new BatchNorm2d(2, { affine: false }), () => randn([2, 2, 3, 3])],
  [new LayerNorm([2, 3], { eps: 1e-4 }), () => randn([2, 2, 3])],
  [new Embedding(5, 3, { paddingIdx: 1, generator: g() }), () => randint(0, 5, [2, 3])],
  [new RNN(3, 4, { numLayers: 2, nonlinearity: 'relu', dropout: 0.5, generator: g() }), () => randn([2, 3, 3])],
  [new LSTM(3, 4, { bias: false, generator: g() }), () => randn([2, 3, 3])],
  [new GRU(3, 4, { generator: g() }), () => randn([2, 3, 3])],
  [new LastTimeStep(new LSTM(3, 2, { generator: g() })), () => randn([2, 4, 3])],
  [new ReLU(), () => randn([5])],
  [new LeakyReLU(0.3), () => randn([5])],
  [new ELU(0.5), () => randn([5])],
  [new GELU(), () => randn([5])],
  [new Sigmoid(), () => randn([5])],
  [new Tanh(), () => randn([5])],
  [new Softmax(0), () => randn([5, 2])],
  [new Residual(new Linear(3, 2, { generator: g() }), { shortcut: new Linear(3, 2, { bias: false, generator: g() }) }), () => randn([2, 3])],
  [new Sequential([new Linear(4, 3, { generator: g() }), new Sequential([new BatchNorm1d(3), new Tanh()]), new Linear(3, 1, { generator: g() })]), () => randn([3, 4])],
];

/** Flattens what a module returns (a tensor or nested arrays of tensors) to arrays of numbers. */
function flat(value: unknown): unknown {
  return Array.isArray(value) ? value.map(flat) : (value as Tensor).toArray();
}

describe('layerFromConfig round trip', () => {
  it('covers every known layer type', () => {
    const covered = new Set(cases.map(([m]) => m.toConfig().type));
    assert.deepEqual([...covered].sort(), knownLayerTypes().sort());
  });

  for (const [model, input] of cases) {
    it(`${model.toConfig().type}: config → JSON → layer → loadStateDict gives identical outputs`, () => {
      if (model instanceof BatchNorm1d || model instanceof Sequential) (model as unknown as Module).call(input()); // move running stats off their defaults
      const json = JSON.stringify(model.toConfig());
      const copy = layerFromConfig(JSON.parse(json)) as unknown as AnyModule;
      assert.equal(copy.constructor, model.constructor);
      assert.equal(JSON.stringify(copy.toConfig()), json);
      copy.loadStateDict(model.stateDict());
      model.eval();
      copy.eval();
      const x = input();
      const run = (m: AnyModule) => flat((m as unknown as Module<[Tensor], unknown>).call(x));
      assert.deepEqual(run(copy), run(model));
    });
  }
});

describe('layerFromConfig validation', () => {
  it('lists the known types for an unknown one', () => {
    const e = assertThrowsWith(() => layerFromConfig({ type: 'Dense', units: 3 }), ConfigError, ["unknown layer type 'Dense'", 'Linear', 'Conv2d', 'LSTM']);
    assert.ok(String((e as ConfigError).expected).includes('Sequential'));
  });

  it('names the field, the expected value and what it got', () => {
    assertThrowsWith(() => layerFromConfig({ type: 'Linear', inFeatures: 3 }), ConfigError, ["Linear: field 'outFeatures' must be an integer >= 1", 'missing']);
    assertThrowsWith(() => layerFromConfig({ type: 'Linear', inFeatures: 3, outFeatures: 2.5 }), ConfigError, ["'outFeatures'", 'got 2.5']);
    assertThrowsWith(() => layerFromConfig({ type: 'Linear', inFeatures: 3, outFeatures: 2, bias: 'yes' }), ConfigError, ["'bias' must be true or false", '"yes"']);
    assertThrowsWith(() => layerFromConfig({ type: 'RNN', inputSize: 2, hiddenSize: 2, nonlinearity: 'sigmoid' }), ConfigError, ["'nonlinearity' must be one of 'tanh', 'relu'"]);
    assertThrowsWith(() => layerFromConfig({ type: 'Conv2d', inChannels: 1, outChannels: 2, kernelSize: [3] }), ConfigError, ["'kernelSize' must be an integer >= 1 or a pair"]);
    assertThrowsWith(() => layerFromConfig({ type: 'Dropout', p: 2 }), ConfigError, ["'p' must be a number in [0, 1]"]);
  });

  it('gives the path of a bad layer inside nested Sequentials', () => {
    const config = { type: 'Sequential', layers: [{ type: 'ReLU' }, { type: 'Sequential', layers: [{ type: 'Linear', inFeatures: 0, outFeatures: 1 }] }] };
    assertThrowsWith(() => layerFromConfig(config), ConfigError, ['at layers[1].layers[0]', "'inFeatures'"]);
    assertThrowsWith(() => layerFromConfig({ type: 'Sequential', layers: [{ kind: 'ReLU' }] }), ConfigError, ["'layers[0]' must be a layer config"]);
    assertThrowsWith(() => layerFromConfig({ type: 'Sequential' }), ConfigError, ["'layers' must be an array"]);
  });

  it('refuses non-objects and a LastTimeStep around a non-recurrent layer', () => {
    assertThrowsWith(() => layerFromConfig('Linear'), ConfigError, ["must be an object with a string 'type'"]);
    assertThrowsWith(() => layerFromConfig(null), ConfigError, ["must be an object with a string 'type'"]);
    assertThrowsWith(() => layerFromConfig({ type: 'toString' }), ConfigError, ["unknown layer type 'toString'"]);
    assertThrowsWith(() => layerFromConfig({ type: 'LastTimeStep', layer: { type: 'ReLU' } }), ConfigError, ["'layer' must be an RNN, LSTM or GRU", "'ReLU'"]);
  });

  it('rebuilt layers have the right parameter shapes', () => {
    const m = layerFromConfig({ type: 'Conv2d', inChannels: 3, outChannels: 8, kernelSize: 5 });
    assert.deepEqual(m.stateDict().weight!.shape, [8, 3, 5, 5]);
    assertClose([m.parameterCount()], [8 * 3 * 25 + 8]);
  });
});

import { ConfigError } from '../errors/index.js';
import { ConfigReader, isLayerConfig } from './config.js';
import { ELU, GELU, LeakyReLU, ReLU, Sigmoid, Softmax, Tanh } from './layers/activations.js';
import { AvgPool2d } from './layers/avg-pool-2d.js';
import { BatchNorm1d } from './layers/batch-norm-1d.js';
import { BatchNorm2d } from './layers/batch-norm-2d.js';
import { Conv2d } from './layers/conv2d.js';
import { Dropout } from './layers/dropout.js';
import { Embedding } from './layers/embedding.js';
import { Flatten } from './layers/flatten.js';
import { GRU } from './layers/gru.js';
import type { RecurrentLayer } from './layers/last-time-step.js';
import { LastTimeStep } from './layers/last-time-step.js';
import { LayerNorm } from './layers/layer-norm.js';
import { Linear } from './layers/linear.js';
import { LSTM } from './layers/lstm.js';
import { MaxPool2d } from './layers/max-pool-2d.js';
import { Reshape } from './layers/reshape.js';
import { Residual } from './layers/residual.js';
import { RNN } from './layers/rnn.js';
import type { Module } from './module.js';
import type { TensorModule } from './sequential.js';
import { Sequential } from './sequential.js';

type Builder = (r: ConfigReader, path: string) => Module<never[], unknown>;

const builders: Readonly<Record<string, Builder>> = {
  Linear: (r) => Linear.fromConfig(r),
  Conv2d: (r) => Conv2d.fromConfig(r),
  MaxPool2d: (r) => MaxPool2d.fromConfig(r),
  AvgPool2d: (r) => AvgPool2d.fromConfig(r),
  Flatten: (r) => Flatten.fromConfig(r),
  Reshape: (r) => Reshape.fromConfig(r),
  Dropout: (r) => Dropout.fromConfig(r),
  BatchNorm1d: (r) => BatchNorm1d.fromConfig(r),
  BatchNorm2d: (r) => BatchNorm2d.fromConfig(r),
  LayerNorm: (r) => LayerNorm.fromConfig(r),
  Embedding: (r) => Embedding.fromConfig(r),
  RNN: (r) => RNN.fromConfig(r),
  LSTM: (r) => LSTM.fromConfig(r),
  GRU: (r) => GRU.fromConfig(r),
  ReLU: () => new ReLU(),
  LeakyReLU: (r) => LeakyReLU.fromConfig(r),
  ELU: (r) => ELU.fromConfig(r),
  GELU: () => new GELU(),
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  Softmax: (r) => Softmax.fromConfig(r),
  Sequential: (r, path) =>
    new Sequential(r.layers('layers').map((c, i) => build(c, `${path === '' ? '' : `${path}.`}layers[${i}]`) as unknown as TensorModule)),
  Residual: (r, path) => {
    const at = (field: string): string => `${path === '' ? '' : `${path}.`}${field}`;
    const body = build(r.layer('body'), at('body')) as unknown as Module;
    return r.raw('shortcut') === undefined ? new Residual(body) : new Residual(body, { shortcut: build(r.layer('shortcut'), at('shortcut')) as unknown as Module });
  },
  LastTimeStep: (r, path) => {
    const inner = build(r.layer('layer'), `${path === '' ? '' : `${path}.`}layer`);
    if (!(inner instanceof RNN || inner instanceof LSTM || inner instanceof GRU)) {
      throw new ConfigError(`layerFromConfig: LastTimeStep${path === '' ? '' : ` at ${path}`}: field 'layer' must be an RNN, LSTM or GRU config, got type '${String(r.layer('layer').type)}'`);
    }
    return new LastTimeStep(inner as RecurrentLayer);
  },
};

/** The layer types `layerFromConfig` can build. */
export function knownLayerTypes(): string[] {
  return Object.keys(builders);
}

function build(config: unknown, path: string): Module<never[], unknown> {
  const where = path === '' ? '' : ` at ${path}`;
  if (!isLayerConfig(config)) {
    throw new ConfigError(`layerFromConfig: the config${where} must be an object with a string 'type', got ${JSON.stringify(config) ?? String(config)}`, {
      expected: "{ type: 'Linear', ... }",
      got: config,
    });
  }
  const builder = Object.hasOwn(builders, config.type) ? builders[config.type] : undefined;
  if (builder === undefined) {
    throw new ConfigError(`layerFromConfig: unknown layer type '${config.type}'${where}`, {
      expected: `one of ${knownLayerTypes().join(', ')}`,
      got: config.type,
      hint: `known types: ${knownLayerTypes().join(', ')}`,
    });
  }
  return builder(new ConfigReader(config, config.type, path), path);
}

/**
 * Rebuilds a layer or a (nested) Sequential from the JSON that `toConfig()` produced, checking
 * every field; no code is evaluated. The result has freshly initialized weights: load them
 * with `loadStateDict(saved)`.
 *
 * @example
 * const copy = layerFromConfig(JSON.parse(JSON.stringify(model.toConfig())));
 * copy.loadStateDict(model.stateDict());
 */
export function layerFromConfig(config: unknown): Module {
  return build(config, '') as unknown as Module;
}

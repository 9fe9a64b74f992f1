import { ConfigError } from '../errors/index.js';
import { Generator } from '../tensor/index.js';
import type { BackpropActivation, BackpropLoss, BackpropBatch, DenseNetwork } from './network.js';
import { checkNetwork, layerSizes, oneHotRow } from './network.js';

export interface RandomNetworkOptions {
  /** σ of every hidden layer. @default 'relu' */
  readonly activation?: BackpropActivation;
  /** σ of the last layer (softmaxCrossEntropy applies its own softmax on top). @default 'identity' */
  readonly outputActivation?: BackpropActivation;
  /** @default 'softmaxCrossEntropy' */
  readonly loss?: BackpropLoss;
  /** Seed of the generator that draws the weights. @default 0 */
  readonly seed?: number;
}

/**
 * A dense network with sizes [in, h1, ..., out], drawn from a seeded generator:
 * W^l_{jk} ~ N(0, 1/in_l) (LeCun's fan-in scaling, so z stays of order 1) and b^l_j ~ N(0, 0.25),
 * biases large enough that some relu units are dead for some samples.
 * @example randomNetwork([2, 3, 2], { activation: 'tanh', seed: 1 })
 */
export function randomNetwork(sizes: readonly number[], options: RandomNetworkOptions = {}): DenseNetwork {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new ConfigError(`randomNetwork: sizes must be at least two positive integers [in, ..., out], got [${sizes.join(', ')}]`, {
      hint: 'for example [2, 3, 2]: 2 inputs, one hidden layer of 3 units, 2 outputs',
    });
  }
  const generator = new Generator(options.seed ?? 0);
  const hidden = options.activation ?? 'relu';
  const net: DenseNetwork = {
    loss: options.loss ?? 'softmaxCrossEntropy',
    layers: sizes.slice(1).map((out, l) => {
      const inputs = sizes[l]!;
      return {
        weight: Array.from({ length: out }, () => Array.from({ length: inputs }, () => generator.normal() / Math.sqrt(inputs))),
        bias: Array.from({ length: out }, () => 0.5 * generator.normal()),
        activation: l === sizes.length - 2 ? (options.outputActivation ?? 'identity') : hidden,
      };
    }),
  };
  checkNetwork('randomNetwork', net);
  return net;
}

/**
 * N random samples for `net`: inputs ~ N(0, 1); targets one-hot of a uniform class for
 * softmaxCrossEntropy, N(0, 1) values for mse.
 */
export function randomBatch(net: DenseNetwork, size: number, seed = 0): BackpropBatch {
  if (!Number.isInteger(size) || size < 1) throw new ConfigError(`randomBatch: size must be a positive integer, got ${size}`);
  const generator = new Generator(seed);
  const sizes = layerSizes(net);
  const inputs = sizes[0]!;
  const outputs = sizes[sizes.length - 1]!;
  const rows: { x: number[]; y: number[] }[] = Array.from({ length: size }, () => ({
    x: Array.from({ length: inputs }, () => generator.normal()),
    y:
      net.loss === 'softmaxCrossEntropy'
        ? oneHotRow(Math.min(outputs - 1, Math.floor(generator.random() * outputs)), outputs)
        : Array.from({ length: outputs }, () => generator.normal()),
  }));
  return { inputs: rows.map((r) => r.x), targets: rows.map((r) => r.y) };
}

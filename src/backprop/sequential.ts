import { ConfigError } from '../errors/index.js';
import { Dropout, LeakyReLU, Linear, ReLU, Sequential, Sigmoid, Tanh } from '../nn/index.js';
import type { TensorModule } from '../nn/index.js';
import { Generator, tensor } from '../tensor/index.js';
import type { BackpropActivation, BackpropLoss, DenseLayer, DenseNetwork } from './network.js';
import { checkNetwork, slopeOf } from './network.js';

export interface FromSequentialOptions {
  /** The loss to put on the network's output. @default 'softmaxCrossEntropy' (what mlp() classifiers train with) */
  readonly loss?: BackpropLoss;
}

/** The activation a module stands for, or undefined when it is not one the views know. */
function activationOf(module: TensorModule): { activation: BackpropActivation; negativeSlope?: number } | undefined {
  if (module instanceof ReLU) return { activation: 'relu' };
  if (module instanceof LeakyReLU) return { activation: 'leakyRelu', negativeSlope: module.negativeSlope };
  if (module instanceof Sigmoid) return { activation: 'sigmoid' };
  if (module instanceof Tanh) return { activation: 'tanh' };
  return undefined;
}

/**
 * Reads a trained deeptrace Sequential of Linear layers, each followed by at most one
 * ReLU / LeakyReLU / Sigmoid / Tanh, into a DenseNetwork of float64 numbers (a Linear without
 * an activation after it gets 'identity'). Dropout is skipped, as in eval mode. Any other
 * layer is refused, since the three views cover dense networks only.
 * @example fromSequential(mlp(4, [8], 3, { activation: 'tanh' }))
 */
export function fromSequential(model: Sequential, options: FromSequentialOptions = {}): DenseNetwork {
  const layers: DenseLayer[] = [];
  let hasActivation = false;
  [...model].forEach((module, index) => {
    if (module instanceof Linear) {
      const weight = module.weight.toArray() as number[][];
      const bias = module.bias === null ? new Array<number>(module.outFeatures).fill(0) : (module.bias.toArray() as number[]);
      layers.push({ weight, bias, activation: 'identity' });
      hasActivation = false;
      return;
    }
    if (module instanceof Dropout) return;
    const found = activationOf(module);
    const last = layers[layers.length - 1];
    if (found === undefined || last === undefined || hasActivation) {
      throw new ConfigError(`fromSequential: layer ${index} (${module.toString()}) does not fit a dense network`, {
        expected: 'Linear, each followed by at most one ReLU, LeakyReLU, Sigmoid or Tanh (Dropout is skipped)',
        got: module.toString(),
        hint: 'the backprop views cover plain multilayer perceptrons such as mlp(in, hidden, out) without batchNorm',
      });
    }
    layers[layers.length - 1] = { ...last, ...found };
    hasActivation = true;
  });
  const net: DenseNetwork = { layers, loss: options.loss ?? 'softmaxCrossEntropy' };
  checkNetwork('fromSequential', net);
  return net;
}

/**
 * Builds a deeptrace Sequential (Linear, then the activation module unless 'identity', per
 * layer) holding a copy of the network's weights, in float64 unless `dtype` says otherwise.
 * Building it does not touch the global random generator.
 */
export function toSequential(net: DenseNetwork, dtype: 'float32' | 'float64' = 'float64'): Sequential {
  checkNetwork('toSequential', net);
  const model = new Sequential();
  const generator = new Generator(0); // Linear draws initial weights; overwritten below
  for (const layer of net.layers) {
    const linear = new Linear(layer.weight[0]!.length, layer.weight.length, { generator }).cast(dtype);
    linear.loadStateDict({ weight: tensor(layer.weight as number[][], { dtype }), bias: tensor(layer.bias as number[], { dtype }) });
    model.append(linear);
    if (layer.activation === 'relu') model.append(new ReLU());
    if (layer.activation === 'leakyRelu') model.append(new LeakyReLU(slopeOf(layer)));
    if (layer.activation === 'sigmoid') model.append(new Sigmoid());
    if (layer.activation === 'tanh') model.append(new Tanh());
  }
  return model;
}

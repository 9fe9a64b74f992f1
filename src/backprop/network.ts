import { ConfigError, ShapeError } from '../errors/index.js';

// A dense network written down as plain numbers, so the three views of backprop can be read
// (and checked) without any framework in between. Everything is float64: JavaScript numbers.

/** The activations the three views know, each with its derivative in activation.ts. */
export type BackpropActivation = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'identity';

/** The losses the three views know, each with its gradient in loss.ts. */
export type BackpropLoss = 'softmaxCrossEntropy' | 'mse';

export const backpropActivations: readonly BackpropActivation[] = ['relu', 'leakyRelu', 'sigmoid', 'tanh', 'identity'];
export const backpropLosses: readonly BackpropLoss[] = ['softmaxCrossEntropy', 'mse'];

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

/** One fully connected layer: z = W·a_prev + b, a = σ(z). */
export interface DenseLayer {
  /** W, shape [out][in] (row j holds the weights into unit j, as torch's Linear.weight). */
  readonly weight: Matrix;
  /** b, shape [out]. */
  readonly bias: Vector;
  /** σ, applied elementwise to z. */
  readonly activation: BackpropActivation;
  /** Slope of leakyRelu for z <= 0. @default 0.01 (as deeptrace's LeakyReLU) */
  readonly negativeSlope?: number;
}

/**
 * A dense network: layers applied in order, then a loss of the last layer's output a^L.
 * 'softmaxCrossEntropy' applies the softmax inside the loss (so a^L are logits, and the last
 * activation is usually 'identity'); 'mse' compares a^L with the target directly.
 */
export interface DenseNetwork {
  readonly layers: readonly DenseLayer[];
  readonly loss: BackpropLoss;
}

/**
 * A batch of N samples. `inputs` [N][in]; `targets` [N][out]: for 'softmaxCrossEntropy' one
 * probability distribution per row (one-hot for a class label), for 'mse' any numbers.
 */
export interface BackpropBatch {
  readonly inputs: Matrix;
  readonly targets: Matrix;
}

/** The sizes [in, h1, ..., out] of a network. */
export function layerSizes(net: DenseNetwork): number[] {
  return [net.layers[0]?.weight[0]?.length ?? 0, ...net.layers.map((l) => l.weight.length)];
}

/** The leakyRelu slope of a layer (0.01 unless set). */
export function slopeOf(layer: DenseLayer): number {
  return layer.negativeSlope ?? 0.01;
}

/** Throws a ShapeError or ConfigError naming `op` unless `net` is a consistent dense network. */
export function checkNetwork(op: string, net: DenseNetwork): void {
  if (!backpropLosses.includes(net.loss)) {
    throw new ConfigError(`${op}: unknown loss '${String(net.loss)}'`, { expected: backpropLosses.join(', '), got: net.loss });
  }
  if (net.layers.length === 0) throw new ShapeError(`${op}: the network has no layers`, { hint: 'give at least one { weight, bias, activation }' });
  let width = net.layers[0]!.weight[0]?.length ?? 0;
  net.layers.forEach((layer, l) => {
    const where = `${op}: layer ${l + 1}`;
    if (!backpropActivations.includes(layer.activation)) {
      throw new ConfigError(`${where} has unknown activation '${String(layer.activation)}'`, { expected: backpropActivations.join(', '), got: layer.activation });
    }
    if (layer.weight.length === 0 || width === 0) throw new ShapeError(`${where} has an empty weight matrix`);
    for (const row of layer.weight) {
      if (row.length !== width) {
        throw new ShapeError(`${where}: every weight row must have ${width} entries (the previous width), got ${row.length}`, {
          hint: 'weight is [out][in]; in must equal the previous layer\'s out (or the input width for layer 1)',
        });
      }
    }
    if (layer.bias.length !== layer.weight.length) {
      throw new ShapeError(`${where}: bias has ${layer.bias.length} entries, the layer has ${layer.weight.length} units`);
    }
    const slope = slopeOf(layer);
    if (!Number.isFinite(slope)) throw new ConfigError(`${where}: negativeSlope must be finite, got ${slope}`);
    width = layer.weight.length;
  });
}

/** Throws unless `batch` fits `net`: N >= 1 rows of the input width and of the output width. */
export function checkBatch(op: string, net: DenseNetwork, batch: BackpropBatch): void {
  checkNetwork(op, net);
  const sizes = layerSizes(net);
  const inputs = sizes[0]!;
  const outputs = sizes[sizes.length - 1]!;
  if (batch.inputs.length === 0) throw new ShapeError(`${op}: the batch is empty`, { hint: 'pass at least one sample' });
  if (batch.targets.length !== batch.inputs.length) {
    throw new ShapeError(`${op}: ${batch.inputs.length} inputs but ${batch.targets.length} targets`, { hint: 'one target row per input row' });
  }
  batch.inputs.forEach((x, n) => {
    if (x.length !== inputs) throw new ShapeError(`${op}: input ${n} has ${x.length} values, the network takes ${inputs}`);
  });
  batch.targets.forEach((y, n) => {
    if (y.length !== outputs) throw new ShapeError(`${op}: target ${n} has ${y.length} values, the network outputs ${outputs}`);
    if (net.loss === 'softmaxCrossEntropy') {
      const total = y.reduce((s, v) => s + v, 0);
      if (y.some((v) => v < 0) || Math.abs(total - 1) > 1e-9) {
        throw new ConfigError(`${op}: softmaxCrossEntropy target ${n} must be a probability distribution (>= 0, sums to 1), got [${y.join(', ')}]`, {
          hint: 'use oneHotRow(label, classes) for a class label',
        });
      }
    }
  });
}

/** The one-hot row for class `label` out of `classes`. */
export function oneHotRow(label: number, classes: number): number[] {
  if (!Number.isInteger(label) || label < 0 || label >= classes) {
    throw new ConfigError(`oneHotRow: label must be an integer in [0, ${classes}), got ${label}`);
  }
  return Array.from({ length: classes }, (_, k) => (k === label ? 1 : 0));
}

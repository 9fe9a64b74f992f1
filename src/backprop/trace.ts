import { autogradBackprop } from './autograd-reference.js';
import type { BackpropActivation, BackpropLoss } from './network.js';
import { layerSizes } from './network.js';
import { postActivationBackprop } from './post-activation.js';
import { preActivationBackprop } from './pre-activation.js';
import { randomBatch, randomNetwork } from './random-network.js';
import { maxBackpropDifference } from './result.js';
import { vectorizedBackprop } from './vectorized.js';

export interface BackpropTraceOptions {
  /** Layer sizes [in, hidden..., out]. @default [2, 3, 2] */
  readonly sizes?: readonly number[];
  /** σ of the hidden layers. @default 'relu' */
  readonly activation?: BackpropActivation;
  /** σ of the last layer. @default 'identity' */
  readonly outputActivation?: BackpropActivation;
  /** @default 'softmaxCrossEntropy' */
  readonly loss?: BackpropLoss;
  /** Seeds the weights (seed) and the sample (seed + 1). @default 0 */
  readonly seed?: number;
}

/** One layer of a trace, for one sample. */
export interface TraceLayer {
  readonly activation: BackpropActivation;
  readonly negativeSlope?: number;
  readonly weight: number[][];
  readonly bias: number[];
  readonly z: number[];
  readonly a: number[];
  readonly dLda: number[];
  readonly dLdz: number[];
  readonly dW: number[][];
  readonly db: number[];
  /** Units that pass no gradient for this sample (σ'(z) = 0, e.g. relu with z <= 0). */
  readonly dead: boolean[];
}

/** Every number of one forward and backward pass of a tiny network on one sample. */
export interface BackpropTrace {
  readonly sizes: number[];
  readonly loss: BackpropLoss;
  readonly seed: number;
  readonly x: number[];
  readonly y: number[];
  readonly lossValue: number;
  readonly dLdx: number[];
  readonly layers: TraceLayer[];
  /** Largest |difference| between the pre-activation view (the numbers above) and each other way. */
  readonly agreement: { readonly postActivation: number; readonly vectorized: number; readonly autograd: number };
}

/**
 * Builds a random tiny network and one sample, runs backprop in all three views and autograd,
 * and returns the pre-activation view's numbers with how far the others are from them.
 */
export function backpropTrace(options: BackpropTraceOptions = {}): BackpropTrace {
  const seed = options.seed ?? 0;
  const net = randomNetwork(options.sizes ?? [2, 3, 2], {
    activation: options.activation ?? 'relu',
    outputActivation: options.outputActivation ?? 'identity',
    loss: options.loss ?? 'softmaxCrossEntropy',
    seed,
  });
  const batch = randomBatch(net, 1, seed + 1);
  const pre = preActivationBackprop(net, batch);
  return {
    sizes: layerSizes(net),
    loss: net.loss,
    seed,
    x: [...batch.inputs[0]!],
    y: [...batch.targets[0]!],
    lossValue: pre.loss,
    dLdx: pre.dLdx[0]!,
    layers: pre.layers.map((l, i) => {
      const layer = net.layers[i]!;
      return {
        activation: layer.activation,
        ...(layer.activation === 'leakyRelu' ? { negativeSlope: layer.negativeSlope ?? 0.01 } : {}),
        weight: layer.weight.map((row) => [...row]),
        bias: [...layer.bias],
        z: l.z[0]!,
        a: l.a[0]!,
        dLda: l.dLda[0]!,
        dLdz: l.dLdz[0]!,
        dW: l.dW,
        db: l.db,
        dead: l.dead[0]!,
      };
    }),
    agreement: {
      postActivation: maxBackpropDifference(postActivationBackprop(net, batch), pre),
      vectorized: maxBackpropDifference(vectorizedBackprop(net, batch), pre),
      autograd: maxBackpropDifference(autogradBackprop(net, batch), pre),
    },
  };
}

import { activate } from './activation.js';
import { sampleLoss } from './loss.js';
import type { BackpropBatch, DenseNetwork, Vector } from './network.js';
import { slopeOf } from './network.js';

/** The forward pass of one sample: z^l and a^l for every layer l = 1..L (index l − 1). */
export interface SampleForward {
  readonly z: number[][];
  readonly a: number[][];
}

/**
 * Forward pass of one sample, neuron by neuron (Nielsen, ch. 2, eq. 23–25):
 *   z^l_j = Σ_k W^l_{jk} a^{l−1}_k + b^l_j,   a^l_j = σ(z^l_j),   a^0 = x.
 */
export function forwardSample(net: DenseNetwork, x: Vector): SampleForward {
  const z: number[][] = [];
  const a: number[][] = [];
  let previous: Vector = x; // a^{l−1}
  for (const layer of net.layers) {
    const zl: number[] = [];
    const al: number[] = [];
    for (let j = 0; j < layer.weight.length; j++) {
      const row = layer.weight[j]!;
      let sum = layer.bias[j]!; // b^l_j
      for (let k = 0; k < row.length; k++) sum += row[k]! * previous[k]!; // + Σ_k W^l_{jk} a^{l−1}_k
      zl.push(sum);
      al.push(activate(layer.activation, sum, slopeOf(layer)));
    }
    z.push(zl);
    a.push(al);
    previous = al;
  }
  return { z, a };
}

/** The batch's mean loss L = (1/N) Σ_n ℓ(a^L_n, y_n), from a plain forward pass. */
export function batchLoss(net: DenseNetwork, batch: BackpropBatch): number {
  let total = 0;
  batch.inputs.forEach((x, n) => {
    const { a } = forwardSample(net, x);
    total += sampleLoss(net.loss, a[a.length - 1]!, batch.targets[n]!);
  });
  return total / batch.inputs.length;
}

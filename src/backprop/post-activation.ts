import { activationDerivative } from './activation.js';
import { forwardSample } from './forward.js';
import { sampleLoss, sampleLossGradient } from './loss.js';
import type { BackpropBatch, DenseNetwork } from './network.js';
import { checkBatch, slopeOf } from './network.js';
import type { BackpropResult, LayerGradients } from './result.js';
import { emptyLayerGradients } from './result.js';

/**
 * Backprop, post-activation view: the chain rule written on the activations a^l, one sample
 * and one neuron at a time, the way it is first derived by hand.
 *
 * A unit j of layer l influences the loss only through the units k of layer l + 1 it feeds,
 * via z^{l+1}_k = Σ_j W^{l+1}_{kj} a^l_j + b^{l+1}_k and a^{l+1}_k = σ(z^{l+1}_k), so
 *
 *   ∂L/∂a^l_j = Σ_k ∂L/∂a^{l+1}_k · σ'(z^{l+1}_k) · W^{l+1}_{kj}
 *   ∂L/∂W^l_{jk} = ∂L/∂a^l_j · σ'(z^l_j) · a^{l−1}_k,    ∂L/∂b^l_j = ∂L/∂a^l_j · σ'(z^l_j)
 *
 * starting from ∂L/∂a^L = (1/N) ∂ℓ/∂a^L (loss.ts). This view never names δ = ∂L/∂z: the
 * factor σ'(z) is recomputed inside every sum (compare pre-activation.ts, which stores it).
 * dL/dz is filled in at the end, as ∂L/∂a ⊙ σ'(z), only so the views return the same fields.
 * A batch is a loop over samples; parameter gradients add up over samples.
 *
 * References: M. Nielsen, "Neural Networks and Deep Learning", ch. 2 (2015);
 * Goodfellow, Bengio & Courville, "Deep Learning", §6.5 (2016).
 */
export function postActivationBackprop(net: DenseNetwork, batch: BackpropBatch): BackpropResult {
  checkBatch('postActivationBackprop', net, batch);
  const depth = net.layers.length;
  const samples = batch.inputs.length;
  const layers: LayerGradients[] = net.layers.map((layer) => emptyLayerGradients(layer.weight));
  const dLdx: number[][] = [];
  let loss = 0;
  // σ'(z^l_j) of layer index l (0-based) for the current sample.
  const slope = (l: number, z: readonly number[], j: number): number => activationDerivative(net.layers[l]!.activation, z[j]!, slopeOf(net.layers[l]!));

  for (let n = 0; n < samples; n++) {
    const x = batch.inputs[n]!;
    const y = batch.targets[n]!;
    // Forward: store every z^l and a^l of this sample.
    const { z, a } = forwardSample(net, x);
    loss += sampleLoss(net.loss, a[depth - 1]!, y) / samples;

    // Output layer: ∂L/∂a^L_j = (1/N) ∂ℓ_n/∂a^L_j.
    const dLda: number[][] = new Array<number[]>(depth);
    dLda[depth - 1] = sampleLossGradient(net.loss, a[depth - 1]!, y).map((g) => g / samples);

    // Hidden layers, last to first: ∂L/∂a^l_j = Σ_k ∂L/∂a^{l+1}_k · σ'(z^{l+1}_k) · W^{l+1}_{kj}.
    for (let l = depth - 2; l >= 0; l--) {
      const next = net.layers[l + 1]!;
      const width = net.layers[l]!.weight.length;
      const row: number[] = [];
      for (let j = 0; j < width; j++) {
        let sum = 0;
        for (let k = 0; k < next.weight.length; k++) sum += dLda[l + 1]![k]! * slope(l + 1, z[l + 1]!, k) * next.weight[k]![j]!;
        row.push(sum);
      }
      dLda[l] = row;
    }

    // The input gets the same rule once more: ∂L/∂x_j = Σ_k ∂L/∂a^1_k · σ'(z^1_k) · W^1_{kj}.
    const first = net.layers[0]!;
    const dx: number[] = [];
    for (let j = 0; j < x.length; j++) {
      let sum = 0;
      for (let k = 0; k < first.weight.length; k++) sum += dLda[0]![k]! * slope(0, z[0]!, k) * first.weight[k]![j]!;
      dx.push(sum);
    }
    dLdx.push(dx);

    // Parameters: ∂L/∂W^l_{jk} += ∂L/∂a^l_j · σ'(z^l_j) · a^{l−1}_k and ∂L/∂b^l_j += ∂L/∂a^l_j · σ'(z^l_j).
    for (let l = 0; l < depth; l++) {
      const previous = l === 0 ? x : a[l - 1]!;
      const out = layers[l]!;
      for (let j = 0; j < net.layers[l]!.weight.length; j++) {
        const g = dLda[l]![j]! * slope(l, z[l]!, j);
        for (let k = 0; k < previous.length; k++) out.dW[j]![k]! += g * previous[k]!;
        out.db[j]! += g;
      }
      out.z.push(z[l]!);
      out.a.push(a[l]!);
      out.dLda.push(dLda[l]!);
      out.dLdz.push(dLda[l]!.map((g, j) => g * slope(l, z[l]!, j))); // for the report only
    }
  }
  return { loss, dLdx, layers };
}

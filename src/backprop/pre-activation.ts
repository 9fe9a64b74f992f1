import { activationDerivative } from './activation.js';
import { forwardSample } from './forward.js';
import { sampleLoss, sampleLossGradient } from './loss.js';
import type { BackpropBatch, DenseNetwork } from './network.js';
import { checkBatch, slopeOf } from './network.js';
import type { BackpropResult, LayerGradients } from './result.js';
import { emptyLayerGradients } from './result.js';

/** A layer of the pre-activation view: the common fields plus where no gradient passes. */
export interface PreActivationLayer extends LayerGradients {
  /**
   * dead[n][j] is true when σ'(z^l_j) = 0 for sample n, so δ^l_j = 0 whatever comes from
   * above and nothing flows into W^l_{j·}, b^l_j or the layer below through unit j. For relu
   * this is exactly z^l_j <= 0 ("dead for this sample"); leakyRelu never blocks; sigmoid and
   * tanh block only when saturated so far that σ'(z) underflows to 0.
   */
  readonly dead: boolean[][];
}

/**
 * Backprop, pre-activation view: propagate δ^l = ∂L/∂z^l, one sample and one neuron at a
 * time (Nielsen, ch. 2, the four fundamental equations BP1–BP4):
 *
 *   BP1  δ^L_j = ∂L/∂a^L_j · σ'(z^L_j)
 *   BP2  δ^l_j = (Σ_k W^{l+1}_{kj} δ^{l+1}_k) · σ'(z^l_j)      i.e. δ^l = (W^{l+1})ᵀ δ^{l+1} ⊙ σ'(z^l)
 *   BP3  ∂L/∂b^l_j = δ^l_j
 *   BP4  ∂L/∂W^l_{jk} = δ^l_j · a^{l−1}_k                         i.e. ∂L/∂W^l = δ^l (a^{l−1})ᵀ
 *
 * The sum in BP2 is ∂L/∂a^l_j, so this view gets dL/da for free. Because σ'(z^l_j) multiplies
 * everything that leaves unit j, a relu unit with z <= 0 stops the gradient: δ = 0 there, and
 * `dead` records those units per sample.
 *
 * References: M. Nielsen, "Neural Networks and Deep Learning", ch. 2 (2015);
 * Goodfellow, Bengio & Courville, "Deep Learning", §6.5.4, algorithm 6.4 (2016).
 */
export function preActivationBackprop(net: DenseNetwork, batch: BackpropBatch): BackpropResult<PreActivationLayer> {
  checkBatch('preActivationBackprop', net, batch);
  const depth = net.layers.length;
  const samples = batch.inputs.length;
  const layers: PreActivationLayer[] = net.layers.map((layer) => ({ ...emptyLayerGradients(layer.weight), dead: [] }));
  const dLdx: number[][] = [];
  let loss = 0;

  for (let n = 0; n < samples; n++) {
    const x = batch.inputs[n]!;
    const y = batch.targets[n]!;
    const { z, a } = forwardSample(net, x);
    loss += sampleLoss(net.loss, a[depth - 1]!, y) / samples;
    // σ'(z^l) of every layer for this sample, computed once and reused (unlike the post-activation view).
    const sigmaPrime = net.layers.map((layer, l) => z[l]!.map((zj) => activationDerivative(layer.activation, zj, slopeOf(layer))));

    const dLda: number[][] = new Array<number[]>(depth);
    const delta: number[][] = new Array<number[]>(depth);
    // BP1: δ^L_j = ∂L/∂a^L_j · σ'(z^L_j), with ∂L/∂a^L = (1/N) ∂ℓ_n/∂a^L.
    dLda[depth - 1] = sampleLossGradient(net.loss, a[depth - 1]!, y).map((g) => g / samples);
    delta[depth - 1] = dLda[depth - 1]!.map((g, j) => g * sigmaPrime[depth - 1]![j]!);

    // BP2, last hidden layer to first: ∂L/∂a^l_j = Σ_k W^{l+1}_{kj} δ^{l+1}_k;  δ^l_j = ∂L/∂a^l_j · σ'(z^l_j).
    for (let l = depth - 2; l >= 0; l--) {
      const next = net.layers[l + 1]!;
      const da: number[] = [];
      for (let j = 0; j < net.layers[l]!.weight.length; j++) {
        let sum = 0;
        for (let k = 0; k < next.weight.length; k++) sum += next.weight[k]![j]! * delta[l + 1]![k]!;
        da.push(sum);
      }
      dLda[l] = da;
      delta[l] = da.map((g, j) => g * sigmaPrime[l]![j]!);
    }

    // The input: ∂L/∂x_j = Σ_k W^1_{kj} δ^1_k.
    const first = net.layers[0]!;
    const dx: number[] = [];
    for (let j = 0; j < x.length; j++) {
      let sum = 0;
      for (let k = 0; k < first.weight.length; k++) sum += first.weight[k]![j]! * delta[0]![k]!;
      dx.push(sum);
    }
    dLdx.push(dx);

    // BP3 and BP4, summed over the samples of the batch.
    for (let l = 0; l < depth; l++) {
      const previous = l === 0 ? x : a[l - 1]!;
      const out = layers[l]!;
      for (let j = 0; j < delta[l]!.length; j++) {
        const d = delta[l]![j]!;
        for (let k = 0; k < previous.length; k++) out.dW[j]![k]! += d * previous[k]!; // BP4
        out.db[j]! += d; // BP3
      }
      out.z.push(z[l]!);
      out.a.push(a[l]!);
      out.dLda.push(dLda[l]!);
      out.dLdz.push(delta[l]!);
      out.dead.push(sigmaPrime[l]!.map((s) => s === 0));
    }
  }
  return { loss, dLdx, layers };
}

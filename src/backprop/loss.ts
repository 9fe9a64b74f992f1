import type { BackpropLoss, Vector } from './network.js';

// The loss of ONE sample, ℓ(a^L, y), and its gradient ∂ℓ/∂a^L. A batch of N samples has the
// mean loss L = (1/N) Σ_n ℓ_n, so each sample's gradient enters scaled by 1/N.

/** softmax(v)_k = e^{v_k − max v} / Σ_c e^{v_c − max v} (shifting by max v avoids overflow). */
export function softmaxOf(v: Vector): number[] {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const total = e.reduce((s, x) => s + x, 0);
  return e.map((x) => x / total);
}

/**
 * ℓ(a, y).
 * - softmaxCrossEntropy: ℓ = −Σ_k y_k log softmax(a)_k = −Σ_k y_k (a_k − logΣ_c e^{a_c}).
 * - mse: ℓ = (1/C) Σ_k (a_k − y_k)², C outputs (so the batch mean is torch's mse_loss).
 */
export function sampleLoss(loss: BackpropLoss, a: Vector, y: Vector): number {
  if (loss === 'mse') return a.reduce((s, ak, k) => s + (ak - y[k]!) ** 2, 0) / a.length;
  const m = Math.max(...a);
  const logSumExp = m + Math.log(a.reduce((s, ak) => s + Math.exp(ak - m), 0));
  return -a.reduce((s, ak, k) => s + y[k]! * (ak - logSumExp), 0);
}

/**
 * ∂ℓ/∂a, the seed of backprop.
 * - softmaxCrossEntropy: softmax(a) − y (y a distribution; Goodfellow et al. 2016, §6.2.2.3).
 * - mse: 2(a − y)/C.
 */
export function sampleLossGradient(loss: BackpropLoss, a: Vector, y: Vector): number[] {
  if (loss === 'mse') return a.map((ak, k) => (2 * (ak - y[k]!)) / a.length);
  return softmaxOf(a).map((pk, k) => pk - y[k]!);
}

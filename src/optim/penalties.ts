import { ConfigError } from '../errors/index.js';
import { abs, add, mul, square, sum } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';

function checkArgs(op: string, params: readonly Tensor[], lambda: number): void {
  if (params.length === 0) throw new ConfigError(`${op}: got an empty parameter list`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new ConfigError(`${op}: Invalid lambda value: ${lambda}`, { expected: 'a finite number >= 0', got: lambda });
  }
}

function total(terms: Tensor[]): Tensor {
  return terms.reduce((acc, t) => add(acc, t));
}

/**
 * The L2 penalty (λ/2)·Σ θ² over every element of `params`, a scalar to add to the loss.
 * Its gradient is λ·θ, so it matches `weightDecay: λ` of SGD (and of Adam, which adds the
 * decay to the gradient); it works with any optimizer.
 * @example const loss = crossEntropy(model.forward(x), y).add(l2Penalty(model.parameters(), 1e-4));
 */
export function l2Penalty(params: readonly Tensor[], lambda: number): Tensor {
  checkArgs('l2Penalty', params, lambda);
  return mul(total(params.map((p) => sum(square(p)))), lambda / 2);
}

/**
 * The L1 penalty λ·Σ |θ| over every element of `params`, a scalar to add to the loss; its
 * (sub)gradient is λ·sign(θ), which pushes weights to exactly zero (Tibshirani 1996, lasso).
 * @example const loss = mseLoss(pred, y).add(l1Penalty(model.parameters(), 1e-5));
 */
export function l1Penalty(params: readonly Tensor[], lambda: number): Tensor {
  checkArgs('l1Penalty', params, lambda);
  return mul(total(params.map((p) => sum(abs(p)))), lambda);
}

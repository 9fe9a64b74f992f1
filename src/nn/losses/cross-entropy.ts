import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import { add, div, indexSelect, logSoftmax, mul, neg, sum } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkClassTarget, checkClassWeight, nllFromLogProbs } from './nll-loss.js';
import type { ReductionOptions } from './reduction.js';
import { checkSameShape, reduce, reductionOf } from './reduction.js';

/** Options of crossEntropy. */
export interface CrossEntropyOptions extends ReductionOptions {
  /** Mixes the target with the uniform distribution: (1-ε)·target + ε/C (Szegedy et al. 2016). @default 0 */
  readonly labelSmoothing?: number;
  /** Per-class weights [C]. @default none */
  readonly weight?: Tensor;
}

/**
 * Cross entropy of logits against class indices or class probabilities, as
 * torch.nn.functional.cross_entropy, computed through logSoftmax (stable for large logits).
 *
 * - int32 target [N]: loss_i = -(1-ε)·w[y_i]·logp[i,y_i] - (ε/C)·Σ_c w_c·logp[i,c];
 *   'mean' divides by Σ_i w[y_i] (N without weights).
 * - float target [N, C] of probabilities: loss_i = -Σ_c w_c·t'_ic·logp[i,c] with
 *   t' = (1-ε)·t + ε/C; 'mean' divides by N.
 *
 * Shape: logits [N, C]; output a scalar, or [N] with reduction 'none'.
 * @example crossEntropy(model.forward(x), labels, { labelSmoothing: 0.1 })
 */
export function crossEntropy(logits: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const op = 'crossEntropy';
  const reduction = reductionOf(op, options);
  const eps = options.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps <= 1)) throw new ConfigError(`${op}: Invalid labelSmoothing: ${eps}`, { expected: '0 <= labelSmoothing <= 1', got: eps });
  if (logits.ndim !== 2) {
    throw new ShapeError(`${op}: logits must have shape [N, C], got ${formatShape(logits.shape)}`, { hint: 'flatten extra axes: logits.reshape(-1, C)' });
  }
  const [n, c] = logits.shape as [number, number];
  const weight = options.weight;
  checkClassWeight(op, weight, c);
  const logp = logSoftmax(logits, 1);

  if (target.dtype === 'int32') {
    checkClassTarget(op, logits, target);
    const nll = nllFromLogProbs(logp, target, weight, reduction);
    if (eps === 0) return nll;
    // Smoothing term -Σ_c w_c·logp[i,c], normalized like the nll term (PyTorch LossNLL.cpp).
    const smooth = neg(sum(weight === undefined ? logp : mul(logp, weight), 1));
    const reduced =
      reduction === 'mean' && weight !== undefined ? div(sum(smooth), sum(indexSelect(weight, 0, target))) : reduce(smooth, reduction);
    return add(mul(nll, 1 - eps), mul(reduced, eps / c));
  }

  checkSameShape(op, logits, target);
  const t = eps > 0 ? add(mul(target, 1 - eps), eps / c) : target;
  const terms = mul(logp, weight === undefined ? t : mul(t, weight));
  const perSample = neg(sum(terms, 1));
  return reduction === 'mean' ? div(sum(perSample), n) : reduce(perSample, reduction);
}

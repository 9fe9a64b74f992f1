import { DTypeError, IndexError, ShapeError, formatShape } from '../../errors/index.js';
import { div, gather, indexSelect, mul, neg, reshape, sum } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { Reduction, ReductionOptions } from './reduction.js';
import { reduce, reductionOf } from './reduction.js';

/** Options of nllLoss. */
export interface NllLossOptions extends ReductionOptions {
  /** Per-class weights [C]; 'mean' then divides by the summed weights of the targets. @default none */
  readonly weight?: Tensor;
}

/** Checks that `weight` is a [C] vector. */
export function checkClassWeight(op: string, weight: Tensor | undefined, classes: number): void {
  if (weight !== undefined && (weight.ndim !== 1 || weight.shape[0] !== classes)) {
    throw new ShapeError(`${op}: weight must have shape [${classes}] (one per class), got ${formatShape(weight.shape)}`);
  }
}

/** Checks an int32 [N] class-index target against [N, C] scores, naming a bad index and C. */
export function checkClassTarget(op: string, scores: Tensor, target: Tensor): void {
  if (scores.ndim !== 2) throw new ShapeError(`${op}: input must have shape [N, C], got ${formatShape(scores.shape)}`);
  const [n, c] = scores.shape as [number, number];
  if (target.dtype !== 'int32') {
    throw new DTypeError(`${op}: class-index target must be int32, got ${target.dtype}`, { hint: "cast with target.cast('int32')" });
  }
  if (target.ndim !== 1 || target.shape[0] !== n) {
    throw new ShapeError(`${op}: input ${formatShape(scores.shape)} needs a target of shape [${n}], got ${formatShape(target.shape)}`, {
      expected: `[${n}]`,
      got: formatShape(target.shape),
    });
  }
  for (const i of target.values()) {
    if (i < 0 || i >= c) {
      throw new IndexError(`${op}: target index ${i} is out of range for ${c} classes`, { expected: `0 <= index < ${c}`, got: i });
    }
  }
}

/**
 * The negative log-likelihood part shared with crossEntropy: -w[y_i]·logp[i, y_i], reduced
 * ('mean' divides by Σ w[y_i], as PyTorch). Inputs are already checked.
 */
export function nllFromLogProbs(logProbs: Tensor, target: Tensor, weight: Tensor | undefined, reduction: Reduction): Tensor {
  const n = logProbs.shape[0]!;
  const picked = reshape(gather(logProbs, 1, reshape(target, [n, 1])), [n]);
  if (weight === undefined) return reduce(neg(picked), reduction);
  const w = indexSelect(weight, 0, target);
  const loss = neg(mul(picked, w));
  return reduction === 'mean' ? div(sum(loss), sum(w)) : reduce(loss, reduction);
}

/**
 * Negative log-likelihood of class indices, as torch.nn.functional.nll_loss:
 * loss_i = -w[y_i]·logProbs[i, y_i].
 *
 * Shape: logProbs [N, C] (e.g. from logSoftmax), target int32 [N]; output a scalar, or [N] with
 * reduction 'none'.
 * @example nllLoss(logSoftmax(logits, 1), labels)
 */
export function nllLoss(logProbs: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  const reduction = reductionOf('nllLoss', options);
  checkClassTarget('nllLoss', logProbs, target);
  checkClassWeight('nllLoss', options.weight, logProbs.shape[1]!);
  return nllFromLogProbs(logProbs, target, options.weight, reduction);
}

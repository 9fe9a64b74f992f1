import { add, mul, neg, softplus, sub } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ReductionOptions } from './reduction.js';
import { checkSameShape, reduce, reductionOf } from './reduction.js';

/** Options of binaryCrossEntropyWithLogits. */
export interface BceWithLogitsOptions extends ReductionOptions {
  /** Weight p of the positive term, broadcast over the last axis (e.g. negatives/positives per class). @default none */
  readonly posWeight?: Tensor | number;
  /** Per-element rescaling weight, broadcast to the input. @default none */
  readonly weight?: Tensor;
}

/**
 * Binary cross entropy of logits x against targets y in [0, 1], as
 * torch.nn.functional.binary_cross_entropy_with_logits, without forming sigmoid(x):
 *
 *     loss = softplus(x) - x·y = max(x, 0) - x·y + log(1 + exp(-|x|))
 *     with posWeight p: (1-y)·x + (1 + (p-1)·y)·softplus(-x)
 *
 * softplus is evaluated stably, and its gradient sigmoid(x) makes dloss/dx = sigmoid(x) - y,
 * exact at x = 0 too. Input and target must have the same shape.
 * @example binaryCrossEntropyWithLogits(logits, labels, { posWeight: 3 })
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, target: Tensor, options: BceWithLogitsOptions = {}): Tensor {
  const op = 'binaryCrossEntropyWithLogits';
  const reduction = reductionOf(op, options);
  checkSameShape(op, logits, target);
  const pw = options.posWeight;
  let loss =
    pw === undefined
      ? sub(softplus(logits), mul(logits, target))
      : add(mul(sub(1, target), logits), mul(add(mul(target, typeof pw === 'number' ? pw - 1 : sub(pw, 1)), 1), softplus(neg(logits))));
  if (options.weight !== undefined) loss = mul(loss, options.weight);
  return reduce(loss, reduction);
}

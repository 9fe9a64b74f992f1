import { abs, sub } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ReductionOptions } from './reduction.js';
import { checkSameShape, reduce, reductionOf } from './reduction.js';

/**
 * Mean absolute error |xᵢ - yᵢ|, as torch.nn.functional.l1_loss (subgradient 0 where xᵢ = yᵢ).
 * Input and target must have the same shape; the output is a scalar, or that shape with 'none'.
 * @example l1Loss(pred, y, { reduction: 'sum' })
 */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const reduction = reductionOf('l1Loss', options);
  checkSameShape('l1Loss', input, target);
  return reduce(abs(sub(input, target)), reduction);
}

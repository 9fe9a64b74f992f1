import { square, sub } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ReductionOptions } from './reduction.js';
import { checkSameShape, reduce, reductionOf } from './reduction.js';

/**
 * Mean squared error (xᵢ - yᵢ)², as torch.nn.functional.mse_loss. Input and target must have
 * the same shape (no silent broadcasting); the output is a scalar, or that shape with 'none'.
 * @example mseLoss(model.forward(x), y)
 */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const reduction = reductionOf('mseLoss', options);
  checkSameShape('mseLoss', input, target);
  return reduce(square(sub(input, target)), reduction);
}

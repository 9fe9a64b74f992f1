import { ConfigError } from '../../errors/index.js';
import { abs, lt, mul, square, sub, where } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ReductionOptions } from './reduction.js';
import { checkSameShape, reduce, reductionOf } from './reduction.js';

/** Options of huberLoss. */
export interface HuberLossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear. @default 1 */
  readonly delta?: number;
}

/**
 * Huber loss (Huber 1964), as torch.nn.functional.huber_loss: with d = x - y,
 * ½d² where |d| < δ, δ·(|d| - ½δ) elsewhere. Quadratic near zero, linear (robust to outliers)
 * beyond δ. Input and target must have the same shape.
 * @example huberLoss(pred, y, { delta: 0.5 })
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  const reduction = reductionOf('huberLoss', options);
  const delta = options.delta ?? 1;
  if (!(delta > 0) || !Number.isFinite(delta)) throw new ConfigError(`huberLoss: Invalid delta: ${delta}`, { expected: 'a finite number > 0', got: delta });
  checkSameShape('huberLoss', input, target);
  const d = sub(input, target);
  const ad = abs(d);
  const loss = where(lt(ad, delta), mul(square(d), 0.5), mul(sub(ad, 0.5 * delta), delta));
  return reduce(loss, reduction);
}

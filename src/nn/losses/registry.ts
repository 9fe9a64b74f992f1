import { ConfigError } from '../../errors/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { binaryCrossEntropyWithLogits } from './binary-cross-entropy-with-logits.js';
import { crossEntropy } from './cross-entropy.js';
import { huberLoss } from './huber-loss.js';
import { l1Loss } from './l1-loss.js';
import { mseLoss } from './mse-loss.js';
import { nllLoss } from './nll-loss.js';

/** A loss with its default options: (prediction, target) → scalar. */
export type LossFn = (input: Tensor, target: Tensor) => Tensor;

/**
 * Losses by name, with default options, for the training loop and the CLI
 * (`--loss crossEntropy`). Long and short names both work ('mse' and 'mseLoss').
 */
export const losses = Object.freeze({
  crossEntropy: (x: Tensor, y: Tensor) => crossEntropy(x, y),
  nll: (x: Tensor, y: Tensor) => nllLoss(x, y),
  nllLoss: (x: Tensor, y: Tensor) => nllLoss(x, y),
  mse: (x: Tensor, y: Tensor) => mseLoss(x, y),
  mseLoss: (x: Tensor, y: Tensor) => mseLoss(x, y),
  l1: (x: Tensor, y: Tensor) => l1Loss(x, y),
  l1Loss: (x: Tensor, y: Tensor) => l1Loss(x, y),
  huber: (x: Tensor, y: Tensor) => huberLoss(x, y),
  huberLoss: (x: Tensor, y: Tensor) => huberLoss(x, y),
  bceWithLogits: (x: Tensor, y: Tensor) => binaryCrossEntropyWithLogits(x, y),
  binaryCrossEntropyWithLogits: (x: Tensor, y: Tensor) => binaryCrossEntropyWithLogits(x, y),
} satisfies Record<string, LossFn>);

/** A name of `losses`. */
export type LossName = keyof typeof losses;

/** True when `name` is a key of `losses`. */
export function isLossName(name: string): name is LossName {
  return Object.hasOwn(losses, name);
}

/** The loss called `name`, or a ConfigError listing the names there are. */
export function getLoss(name: string): LossFn {
  if (!isLossName(name)) {
    throw new ConfigError(`getLoss: unknown loss '${name}'`, { expected: Object.keys(losses).join(', '), got: name, hint: `use one of: ${Object.keys(losses).join(', ')}` });
  }
  return losses[name];
}

import { ConfigError } from '../errors/index.js';
import { isLossName, losses } from '../nn/losses/index.js';
import type { LossFn, LossName } from '../nn/losses/index.js';
import type { Tensor } from '../tensor/index.js';

export type { LossFn };

/** A loss function (output, target) => scalar, or a name from the `losses` lookup (`'crossEntropy'`). */
export type LossSpec = LossFn | LossName | (string & Record<never, never>);

/** The loss function `spec` names. */
export function resolveLoss(op: string, spec: LossSpec): LossFn {
  if (typeof spec === 'function') return spec;
  if (typeof spec === 'string' && isLossName(spec)) return losses[spec];
  throw new ConfigError(`${op}: unknown loss '${String(spec)}'`, {
    expected: `a function (output, target) => Tensor or one of ${Object.keys(losses).join(', ')}`,
    got: spec,
  });
}

/** Throws unless the loss produced a one-element tensor. */
export function checkScalarLoss(op: string, loss: Tensor): void {
  if (loss.size !== 1) {
    throw new ConfigError(`${op}: the loss must be a scalar tensor, got shape [${loss.shape.join(',')}]`, {
      hint: "reduce it to one value (reduction 'mean')",
    });
  }
}

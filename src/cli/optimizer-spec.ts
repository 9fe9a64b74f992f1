import { ConfigError } from '../errors/index.js';
import { Adagrad, Adam, AdamW, RMSProp, SGD } from '../optim/index.js';
import type { Optimizer } from '../optim/index.js';
import type { Tensor } from '../tensor/index.js';

export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';
export const optimizerNames: readonly OptimizerName[] = ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'];

export function isOptimizerName(value: string): value is OptimizerName {
  return (optimizerNames as readonly string[]).includes(value);
}

/** The optimizer an `--optimizer` value names; SGD gets momentum 0.9. */
export function makeOptimizer(name: string, params: readonly Tensor[], lr: number, weightDecay = 0): Optimizer {
  switch (name) {
    case 'sgd':
      return new SGD(params, { lr, momentum: 0.9, weightDecay });
    case 'adam':
      return new Adam(params, { lr, weightDecay });
    case 'adamw':
      return new AdamW(params, { lr, weightDecay: weightDecay === 0 ? 0.01 : weightDecay });
    case 'rmsprop':
      return new RMSProp(params, { lr, weightDecay });
    case 'adagrad':
      return new Adagrad(params, { lr, weightDecay });
    default:
      throw new ConfigError(`unknown optimizer '${name}'`, { expected: optimizerNames.join(', '), got: name });
  }
}

import type { Tensor } from '../../tensor/tensor.js';
import type { Generator } from '../../tensor/random.js';
import { defaultGenerator } from '../../tensor/random.js';
import { ConfigError } from '../../errors/index.js';
import { fillWith } from './fan.js';

export interface InitOptions {
  /** @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

/** Fills `t` in place with draws from U(low, high). */
export function uniform(t: Tensor, low = 0, high = 1, options: InitOptions = {}): Tensor {
  if (!(high >= low)) throw new ConfigError(`init.uniform: expected low <= high, got low=${low}, high=${high}`);
  const g = options.generator ?? defaultGenerator;
  return fillWith(t, 'init.uniform', () => low + (high - low) * g.random());
}

/** Fills `t` in place with draws from N(mean, std²). */
export function normal(t: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  if (!(std >= 0)) throw new ConfigError(`init.normal: expected std >= 0, got ${std}`);
  const g = options.generator ?? defaultGenerator;
  return fillWith(t, 'init.normal', () => mean + std * g.normal());
}

/** Fills `t` in place with `value`. */
export function constant(t: Tensor, value: number): Tensor {
  return fillWith(t, 'init.constant', () => value);
}

export function zeros(t: Tensor): Tensor {
  return constant(t, 0);
}

export function ones(t: Tensor): Tensor {
  return constant(t, 1);
}

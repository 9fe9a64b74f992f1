import { ConfigError } from '../../errors/index.js';
import type { Generator } from '../../tensor/random.js';

/** Throws a ConfigError unless `value` is an integer >= `min`. */
export function checkInt(layer: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${layer}: ${name} must be an integer >= ${min}, got ${String(value)}`, { expected: `an integer >= ${min}`, got: value });
  }
}

/** Throws a ConfigError unless min <= value <= max. */
export function checkRange(layer: string, name: string, value: number, min: number, max: number): void {
  if (!(typeof value === 'number' && value >= min && value <= max)) {
    throw new ConfigError(`${layer}: ${name} must be in [${min}, ${max}], got ${String(value)}`, { expected: `[${min}, ${max}]`, got: value });
  }
}

/** `{ generator }` when one was given, `{}` otherwise (optional properties cannot hold undefined). */
export function withGenerator(generator: Generator | undefined): { generator?: Generator } {
  return generator === undefined ? {} : { generator };
}

/** Throws a ConfigError unless `value` is an integer >= `min` or a pair of them. */
export function checkPair(layer: string, name: string, value: number | readonly [number, number], min: number): void {
  for (const v of typeof value === 'number' ? [value] : value) checkInt(layer, name, v, min);
  if (typeof value !== 'number' && value.length !== 2) throw new ConfigError(`${layer}: ${name} must be a number or a pair [h, w], got ${JSON.stringify(value)}`);
}

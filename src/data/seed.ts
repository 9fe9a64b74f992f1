import { Generator, defaultGenerator } from '../tensor/index.js';

/** Where a data function draws its randomness from. */
export interface SeedOptions {
  /** The generator to draw from (it advances). @default a fresh generator seeded with `seed` */
  readonly generator?: Generator;
  /**
   * Seed of a fresh generator, used when `generator` is not given. Without either, the default
   * generator is used, so `manualSeed()` makes the result reproducible. @default undefined
   */
  readonly seed?: number;
}

/** The generator `options` asks for: `generator`, else `new Generator(seed)`, else the default one. */
export function resolveGenerator(options: SeedOptions): Generator {
  if (options.generator !== undefined) return options.generator;
  if (options.seed !== undefined) return new Generator(options.seed);
  return defaultGenerator;
}

import { ConfigError } from '../../errors/index.js';
import { Generator } from '../../tensor/random.js';
import { sampleDirichlet } from './gamma.js';
import type { Partition } from './partition.js';
import { checkClients, cut } from './partition.js';

export interface QuantitySkewOptions {
  /** Every client gets at least this many samples. @default min(10, floor(samples / clients)) */
  readonly minSize?: number;
}

/**
 * Quantity skew (Li et al. 2022, "Federated learning on non-IID data silos: an experimental
 * study", section 4.2): client sizes follow q ~ Dir(alpha · 1), labels stay IID. Each client
 * first gets `minSize` rows; the rest are shared in proportion to q (largest remainders
 * rounded up), taken from a seeded permutation.
 * @example partitionQuantitySkew(60000, 10, 0.5, 42).map((p) => p.length)
 */
export function partitionQuantitySkew(samples: number, clients: number, alpha: number, seed: number, options: QuantitySkewOptions = {}): Partition {
  checkClients('partitionQuantitySkew', samples, clients);
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new ConfigError(`partitionQuantitySkew: alpha must be a finite number > 0, got ${alpha}`);
  const minSize = options.minSize ?? Math.min(10, Math.floor(samples / clients));
  if (!Number.isInteger(minSize) || minSize < 0 || minSize * clients > samples) {
    throw new ConfigError(`partitionQuantitySkew: minSize must be an integer from 0 to samples / clients = ${Math.floor(samples / clients)}, got ${minSize}`);
  }
  const gen = new Generator(seed);
  const q = sampleDirichlet(alpha, clients, gen);
  const spare = samples - minSize * clients;
  const exact = Array.from(q, (p) => p * spare);
  const sizes = exact.map((e) => minSize + Math.floor(e));
  let left = samples - sizes.reduce((a, b) => a + b, 0);
  // Largest-remainder rounding so the sizes sum to `samples`.
  const byRemainder = exact.map((e, c) => [e - Math.floor(e), c] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0; i = (i + 1) % clients, left--) sizes[byRemainder[i]![1]]!++;
  return cut(gen.permutation(samples), sizes);
}

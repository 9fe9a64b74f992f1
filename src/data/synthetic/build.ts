import { ConfigError } from '../../errors/index.js';
import type { Generator } from '../../tensor/index.js';
import { Tensor } from '../../tensor/index.js';
import type { SeedOptions } from '../seed.js';
import { TensorDataset } from '../tensor-dataset.js';

/** Options every synthetic set shares. */
export interface SyntheticOptions extends SeedOptions {
  /** Number of samples. */
  readonly n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  readonly noise?: number;
}

export function checkCount(op: string, n: number, min = 1): number {
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${op}: n must be an integer >= ${min}, got ${n}`);
  return n;
}

export function checkNoise(op: string, noise: number): number {
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new ConfigError(`${op}: noise must be a finite number >= 0, got ${noise}`);
  return noise;
}

/**
 * Builds a TensorDataset from points (float32 [n, d]) and labels (int32 [n]); with a generator,
 * the samples are put in a random order first, so that classes are mixed.
 */
export function buildDataset(points: Float64Array, labels: Int32Array, d: number, shuffle?: Generator): TensorDataset {
  const n = labels.length;
  const order = shuffle === undefined ? Int32Array.from({ length: n }, (_, i) => i) : shuffle.permutation(n);
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  order.forEach((from, to) => {
    for (let j = 0; j < d; j++) x[to * d + j] = points[from * d + j]!;
    y[to] = labels[from]!;
  });
  return new TensorDataset(new Tensor(x, [n, d]), new Tensor(y, [n]));
}

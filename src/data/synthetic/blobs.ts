import { ConfigError } from '../../errors/index.js';
import type { TensorDataset } from '../tensor-dataset.js';
import { resolveGenerator } from '../seed.js';
import type { SyntheticOptions } from './build.js';
import { buildDataset, checkCount } from './build.js';

export interface BlobsOptions extends Omit<SyntheticOptions, 'noise'> {
  /** Number of clusters (centres drawn uniformly in `box`), or the centres themselves. @default 3 */
  readonly centers?: number | readonly (readonly number[])[];
  /** Dimensions of each point, when `centers` is a number. @default 2 */
  readonly features?: number;
  /** Standard deviation of each cluster. @default 1 */
  readonly std?: number;
  /** Range [low, high] of each coordinate of random centres. @default [-10, 10] */
  readonly box?: readonly [number, number];
}

/**
 * Isotropic Gaussian clusters (scikit-learn's make_blobs): cluster c holds about n/k points
 * drawn from N(center_c, std^2 I), label c; shuffled.
 * @param options n @default 300
 * @example makeBlobs({ n: 90, centers: [[0, 0], [5, 5]], std: 0.5, seed: 3 })
 */
export function makeBlobs(options: BlobsOptions = {}): TensorDataset {
  const generator = resolveGenerator(options);
  const std = options.std ?? 1;
  if (!(std >= 0) || !Number.isFinite(std)) throw new ConfigError(`makeBlobs: std must be a finite number >= 0, got ${std}`);
  const centers = resolveCenters(options, generator.random.bind(generator));
  const k = centers.length;
  const d = centers[0]!.length;
  const n = checkCount('makeBlobs', options.n ?? 300, k);
  const points = new Float64Array(n * d);
  const labels = new Int32Array(n);
  let i = 0;
  for (let c = 0; c < k; c++) {
    const count = Math.floor(n / k) + (c < n % k ? 1 : 0);
    for (let s = 0; s < count; s++, i++) {
      for (let j = 0; j < d; j++) points[i * d + j] = centers[c]![j]! + std * generator.normal();
      labels[i] = c;
    }
  }
  return buildDataset(points, labels, d, generator);
}

function resolveCenters(options: BlobsOptions, random: () => number): readonly (readonly number[])[] {
  const centers = options.centers ?? 3;
  if (typeof centers !== 'number') {
    const d = centers[0]?.length ?? 0;
    if (centers.length === 0 || d === 0 || centers.some((c) => c.length !== d)) {
      throw new ConfigError('makeBlobs: centers must be a non-empty list of points of one dimension', {
        got: centers.map((c) => c.length),
      });
    }
    return centers;
  }
  const features = options.features ?? 2;
  const [low, high] = options.box ?? [-10, 10];
  if (!Number.isInteger(centers) || centers < 1) throw new ConfigError(`makeBlobs: centers must be a positive integer, got ${centers}`);
  if (!Number.isInteger(features) || features < 1) throw new ConfigError(`makeBlobs: features must be a positive integer, got ${features}`);
  return Array.from({ length: centers }, () => Array.from({ length: features }, () => low + (high - low) * random()));
}

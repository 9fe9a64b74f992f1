import type { TensorDataset } from '../tensor-dataset.js';
import { resolveGenerator } from '../seed.js';
import type { SyntheticOptions } from './build.js';
import { buildDataset, checkCount, checkNoise } from './build.js';

/**
 * The XOR problem: sample i sits at corner i mod 4 of the unit square, (0,0), (0,1), (1,0),
 * (1,1), plus Gaussian noise, with label a XOR b. The defaults give the four-row truth table;
 * not linearly separable, so it needs a hidden layer.
 * @param options n @default 4; noise @default 0
 * @example makeXor({ n: 400, noise: 0.1, seed: 1 })
 */
export function makeXor(options: SyntheticOptions = {}): TensorDataset {
  const n = checkCount('makeXor', options.n ?? 4);
  const noise = checkNoise('makeXor', options.noise ?? 0);
  const generator = noise > 0 ? resolveGenerator(options) : undefined;
  const points = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = (i >> 1) & 1;
    const b = i & 1;
    points[2 * i] = a + (generator === undefined ? 0 : noise * generator.normal());
    points[2 * i + 1] = b + (generator === undefined ? 0 : noise * generator.normal());
    labels[i] = a ^ b;
  }
  return buildDataset(points, labels, 2);
}

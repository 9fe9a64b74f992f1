import type { TensorDataset } from '../tensor-dataset.js';
import { resolveGenerator } from '../seed.js';
import type { SyntheticOptions } from './build.js';
import { buildDataset, checkCount, checkNoise } from './build.js';

/**
 * Two interleaving half circles (scikit-learn's make_moons): class 0 on (cos t, sin t), class 1
 * on (1 - cos t, 0.5 - sin t), t evenly spaced in [0, pi], floor(n/2) points in class 0, plus
 * Gaussian noise; shuffled.
 * @param options n @default 200; noise @default 0.1
 */
export function makeMoons(options: SyntheticOptions = {}): TensorDataset {
  const n = checkCount('makeMoons', options.n ?? 200, 2);
  const noise = checkNoise('makeMoons', options.noise ?? 0.1);
  const generator = resolveGenerator(options);
  const outer = Math.floor(n / 2);
  const inner = n - outer;
  const points = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const isInner = i >= outer;
    const k = isInner ? i - outer : i;
    const count = isInner ? inner : outer;
    const t = count === 1 ? 0 : (Math.PI * k) / (count - 1);
    points[2 * i] = (isInner ? 1 - Math.cos(t) : Math.cos(t)) + noise * generator.normal();
    points[2 * i + 1] = (isInner ? 0.5 - Math.sin(t) : Math.sin(t)) + noise * generator.normal();
    labels[i] = isInner ? 1 : 0;
  }
  return buildDataset(points, labels, 2, generator);
}

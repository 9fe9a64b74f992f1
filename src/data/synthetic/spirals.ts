import { ConfigError } from '../../errors/index.js';
import type { TensorDataset } from '../tensor-dataset.js';
import { resolveGenerator } from '../seed.js';
import type { SyntheticOptions } from './build.js';
import { buildDataset, checkCount, checkNoise } from './build.js';

export interface SpiralsOptions extends SyntheticOptions {
  /** Number of arms, one class each. @default 3 */
  readonly classes?: number;
}

/**
 * k interleaved spiral arms (the CS231n toy set): arm j has radius r from 0 to 1 and angle
 * t = 4j + 4r (+ noise on the angle), point (r sin t, r cos t), label j. Samples are split
 * evenly over the arms (the first arms take the remainder); shuffled.
 * @param options n @default 300; classes @default 3; noise (on the angle, radians) @default 0.2
 */
export function makeSpirals(options: SpiralsOptions = {}): TensorDataset {
  const classes = options.classes ?? 3;
  if (!Number.isInteger(classes) || classes < 2) throw new ConfigError(`makeSpirals: classes must be an integer >= 2, got ${classes}`);
  const n = checkCount('makeSpirals', options.n ?? 300, classes);
  const noise = checkNoise('makeSpirals', options.noise ?? 0.2);
  const generator = resolveGenerator(options);
  const points = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  let i = 0;
  for (let j = 0; j < classes; j++) {
    const count = Math.floor(n / classes) + (j < n % classes ? 1 : 0);
    for (let k = 0; k < count; k++, i++) {
      const r = count === 1 ? 1 : k / (count - 1);
      const t = 4 * j + 4 * r + noise * generator.normal();
      points[2 * i] = r * Math.sin(t);
      points[2 * i + 1] = r * Math.cos(t);
      labels[i] = j;
    }
  }
  return buildDataset(points, labels, 2, generator);
}

import { ConfigError } from '../../errors/index.js';
import { Tensor } from '../../tensor/index.js';
import { allocArray } from '../../tensor/dtype.js';
import type { SampleLayout, StatisticsAxis } from './layout.js';
import { perGroup, sampleLayout } from './layout.js';

/** A function from a batch [N, ...] to a batch, as `mapDataset` applies. */
export type Transform = (x: Tensor) => Tensor;

export interface NormalizeOptions {
  /** Mean to subtract: one number, or one per channel (axis 1). */
  readonly mean: number | readonly number[];
  /** Standard deviation to divide by: one number, or one per channel; each must be > 0. */
  readonly std: number | readonly number[];
}

/**
 * (x - mean[c]) / std[c] for each channel c on axis 1 of a batch [N, C, ...] (or feature c of
 * [N, F]), like torchvision's Normalize. An int32 batch gives float32; a float one keeps its dtype.
 * @example normalize(images, { mean: 0.2860, std: 0.3530 }) // Fashion-MNIST training statistics
 */
export function normalize(x: Tensor, options: NormalizeOptions): Tensor {
  const layout = sampleLayout('normalize', x, 'channel');
  const mean = perGroup('normalize', 'mean', options.mean, layout.groups);
  const std = perGroup('normalize', 'std', options.std, layout.groups);
  std.forEach((s, c) => {
    if (!(s > 0) || !Number.isFinite(s)) {
      throw new ConfigError(`normalize: std must be positive and finite, got ${s} for channel ${c}`);
    }
  });
  return affine(x, layout, mean, std);
}

export interface StandardizerOptions {
  /** Compute a mean and std per channel (axis 1) or per feature (each position of a sample). @default 'feature' */
  readonly per?: StatisticsAxis;
}

/**
 * Mean and standard deviation measured on a training set, applied to any set (sklearn's
 * StandardScaler). Fit it on the training part only, then apply it to train, validation and test,
 * so that no statistic leaks from the held-out data. The std is the population std (divide by N);
 * a constant feature (std 0) is left centred but not scaled.
 * @example
 * const scaler = Standardizer.fit(train.inputs);
 * const trainX = scaler.apply(train.inputs), testX = scaler.apply(test.inputs);
 */
export class Standardizer {
  readonly per: StatisticsAxis;
  readonly mean: Float64Array;
  readonly std: Float64Array;

  constructor(per: StatisticsAxis, mean: ArrayLike<number>, std: ArrayLike<number>) {
    if (mean.length !== std.length) {
      throw new ConfigError(`Standardizer: mean has ${mean.length} values and std ${std.length}; they must match`);
    }
    this.per = per;
    this.mean = Float64Array.from(mean);
    this.std = Float64Array.from(std);
  }

  /** Measures the per-channel or per-feature mean and std of `train` [N, ...] (N >= 1). */
  static fit(train: Tensor, options: StandardizerOptions = {}): Standardizer {
    const per = options.per ?? 'feature';
    const layout = sampleLayout('Standardizer.fit', train, per);
    if (layout.n === 0) throw new ConfigError('Standardizer.fit: the training set is empty');
    const values = train.values();
    const sum = new Float64Array(layout.groups);
    const count = new Float64Array(layout.groups);
    forEachValue(layout, (i, g) => {
      sum[g] = sum[g]! + values[i]!;
      count[g] = count[g]! + 1;
    });
    const mean = sum.map((s, g) => s / count[g]!);
    // Second pass for the variance: sum of squared deviations, stabler than E[x^2] - E[x]^2.
    const squares = new Float64Array(layout.groups);
    forEachValue(layout, (i, g) => {
      const d = values[i]! - mean[g]!;
      squares[g] = squares[g]! + d * d;
    });
    const std = squares.map((s, g) => {
      const sd = Math.sqrt(s / count[g]!);
      return sd > 0 ? sd : 1;
    });
    return new Standardizer(per, mean, std);
  }

  /** (x - mean) / std with the fitted statistics; `x` must have the training set's sample shape. */
  readonly apply: Transform = (x: Tensor): Tensor => {
    const layout = sampleLayout('Standardizer.apply', x, this.per);
    if (layout.groups !== this.mean.length) {
      throw new ConfigError(
        `Standardizer.apply: fitted on ${this.mean.length} ${this.per}s, the batch has ${layout.groups}`,
        { hint: 'apply the standardizer to data with the same sample shape as the training set it was fitted on' },
      );
    }
    return affine(x, layout, this.mean, this.std);
  };
}

function forEachValue(layout: SampleLayout, fn: (index: number, group: number) => void): void {
  const { n, row, groups, inner } = layout;
  for (let s = 0; s < n; s++) {
    for (let p = 0; p < row; p++) fn(s * row + p, inner === 1 ? p % groups : Math.floor(p / inner) % groups);
  }
}

function affine(x: Tensor, layout: SampleLayout, mean: Float64Array, std: Float64Array): Tensor {
  const values = x.values();
  const out = allocArray(x.dtype === 'int32' ? 'float32' : x.dtype, values.length);
  forEachValue(layout, (i, g) => {
    out[i] = (values[i]! - mean[g]!) / std[g]!;
  });
  return new Tensor(out, x.shape);
}

import { ConfigError, FormatError } from '../../errors/index.js';
import { Tensor } from '../../tensor/index.js';
import { TensorDataset } from '../tensor-dataset.js';
import type { IdxArray } from './idx.js';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, readIdx } from './idx.js';

export interface LoadIdxDatasetOptions {
  /** Path of the images file (magic 0x00000803), gzipped or not. */
  readonly images: string;
  /** Path of the labels file (magic 0x00000801), gzipped or not. */
  readonly labels: string;
  /** Labels must lie in [0, numClasses). @default 10 */
  readonly numClasses?: number;
  /** Keep only the first `limit` samples. @default all */
  readonly limit?: number;
  /** Names of the classes, stored on the data set. @default undefined */
  readonly classNames?: readonly string[];
}

/**
 * Loads an MNIST-style pair of IDX files: images as float32 [N, 1, rows, cols] scaled from
 * 0..255 to [0, 1], labels as int32 [N]. The two files must agree on N, and every label must
 * be a class index; errors name the file and the sample.
 */
export function loadIdxDataset(options: LoadIdxDatasetOptions): TensorDataset {
  const numClasses = options.numClasses ?? 10;
  const images = readIdx(options.images, { magic: IDX_IMAGES_MAGIC });
  const labels = readIdx(options.labels, { magic: IDX_LABELS_MAGIC });
  const [n, rows, cols] = images.dims as [number, number, number];
  if (labels.dims[0] !== n) {
    throw new FormatError(
      `${options.labels}: holds ${labels.dims[0]} labels, but ${options.images} holds ${n} images`,
      { expected: n, got: labels.dims[0], hint: 'the images and labels files must come from the same split (train or t10k)' },
    );
  }
  const count = sampleCount(n, options.limit);
  const pixels = rows * cols;
  const x = new Float32Array(count * pixels);
  const source = images.values;
  for (let i = 0; i < x.length; i++) x[i] = source[i]! / 255;
  const y = labelValues(labels, options.labels, count, numClasses);
  const init = options.classNames === undefined ? {} : { classNames: options.classNames };
  return new TensorDataset(new Tensor(x, [count, 1, rows, cols]), new Tensor(y, [count]), init);
}

function sampleCount(n: number, limit: number | undefined): number {
  if (limit === undefined) return n;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new ConfigError(`loadIdxDataset: limit must be a non-negative integer, got ${limit}`);
  }
  return Math.min(limit, n);
}

/** The first `count` labels as int32, each checked to lie in [0, numClasses). */
function labelValues(labels: IdxArray, path: string, count: number, numClasses: number): Int32Array {
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = labels.values[i]!;
    if (label >= numClasses) {
      throw new FormatError(`${path}: label ${label} of sample ${i} (byte ${8 + i}) is out of range 0..${numClasses - 1}`, {
        expected: `0..${numClasses - 1}`,
        got: label,
        hint: 'pass numClasses if the data set has more classes',
      });
    }
    y[i] = label;
  }
  return y;
}

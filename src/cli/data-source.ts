import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors/index.js';
import { randomSplit } from '../data/split.js';
import type { Dataset } from '../data/dataset.js';
import { loadCsv } from '../data/readers/csv.js';
import { loadDigits } from '../data/readers/digits.js';
import { loadFashionMnist } from '../data/readers/fashion-mnist.js';
import { loadIdxDataset } from '../data/readers/idx-dataset.js';
import { TensorDataset } from '../data/tensor-dataset.js';

/** A data set as the `deeptrace` command names it. */
export type DataSourceKind = 'digits' | 'fashion-mnist' | 'idx' | 'csv';

export interface DataSourceOptions {
  /** Directory of the Fashion-MNIST files. @default /usr/share/datasets/fashion-mnist */
  readonly dir?: string;
  /** Use at most this many training samples (and test samples). */
  readonly limit?: number;
  /** For CSV files: the label column (index or name). @default -1 (the last column) */
  readonly labelColumn?: number | string;
  /** For CSV files: the fraction held out as the test part (seeded split). @default 0.2 */
  readonly testFraction?: number;
  /** Seed of the CSV test split. @default 0 */
  readonly seed?: number;
}

/** Training and test parts of a named data set, with what a model needs to know about them. */
export interface DataSource {
  readonly name: string;
  readonly kind: DataSourceKind;
  readonly train: Dataset;
  readonly test: Dataset;
  /** Shape of one input sample: [1, H, W] for images, [F] for tables. */
  readonly inputShape: readonly number[];
  readonly numClasses: number;
  readonly classNames: readonly string[] | undefined;
}

const idxFiles = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Finds `base` or `base.gz` in `dir`. */
function idxPath(dir: string, base: string): string {
  for (const name of [base, `${base}.gz`]) if (existsSync(join(dir, name))) return join(dir, name);
  throw new ConfigError(`IDX directory ${dir} has no ${base} (or ${base}.gz)`, {
    hint: `an IDX directory holds ${Object.values(idxFiles).join(', ')} (gzipped or not)`,
  });
}

function classCount(data: TensorDataset): number {
  const labels = data.targets.values();
  let max = 0;
  for (const label of labels) max = Math.max(max, label);
  return max + 1;
}

/**
 * Loads a data set by name: 'digits' (embedded), 'fashion-mnist', a directory of IDX files, or
 * a CSV file (split into train and test parts with a seeded split).
 */
export function loadDataSource(spec: string, options: DataSourceOptions = {}): DataSource {
  const limit = options.limit === undefined ? {} : { limit: options.limit };
  if (spec === 'digits') {
    const take = (d: TensorDataset): TensorDataset =>
      options.limit === undefined || options.limit >= d.length ? d : new TensorDataset(d.inputs.slice({ end: options.limit }), d.targets.slice({ end: options.limit }), d.classNames === undefined ? {} : { classNames: d.classNames });
    const train = take(loadDigits({ split: 'train', layout: 'image' }));
    const test = take(loadDigits({ split: 'test', layout: 'image' }));
    return { name: 'digits', kind: 'digits', train, test, inputShape: [1, 8, 8], numClasses: 10, classNames: train.classNames };
  }
  if (spec === 'fashion-mnist') {
    const dir = options.dir === undefined ? {} : { dir: options.dir };
    const train = loadFashionMnist({ split: 'train', ...dir, ...limit });
    const test = loadFashionMnist({ split: 'test', ...dir, ...limit });
    return { name: 'fashion-mnist', kind: 'fashion-mnist', train, test, inputShape: [1, 28, 28], numClasses: 10, classNames: train.classNames };
  }
  if (!existsSync(spec)) {
    throw new ConfigError(`unknown data set '${spec}'`, {
      expected: "'digits', 'fashion-mnist', a directory of IDX files, or a .csv file",
      got: spec,
    });
  }
  if (statSync(spec).isDirectory()) {
    const train = loadIdxDataset({ images: idxPath(spec, idxFiles.trainImages), labels: idxPath(spec, idxFiles.trainLabels), ...limit });
    const test = loadIdxDataset({ images: idxPath(spec, idxFiles.testImages), labels: idxPath(spec, idxFiles.testLabels), ...limit });
    const numClasses = Math.max(classCount(train), classCount(test));
    return { name: spec, kind: 'idx', train, test, inputShape: train.inputs.shape.slice(1), numClasses, classNames: undefined };
  }
  const all = loadCsv(spec, { labelColumn: options.labelColumn ?? -1, header: 'auto' });
  const testFraction = options.testFraction ?? 0.2;
  if (!(testFraction > 0 && testFraction < 1)) throw new ConfigError(`testFraction must be in (0, 1), got ${testFraction}`);
  const [train, test] = randomSplit(all, [1 - testFraction, testFraction], { seed: options.seed ?? 0 });
  return { name: spec, kind: 'csv', train, test, inputShape: all.inputs.shape.slice(1), numClasses: classCount(all), classNames: all.classNames };
}

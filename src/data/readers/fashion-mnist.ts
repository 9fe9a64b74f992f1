import { ConfigError } from '../../errors/index.js';
import type { TensorDataset } from '../tensor-dataset.js';
import { fileExists, joinPath } from './files.js';
import { loadIdxDataset } from './idx-dataset.js';

/** Where Debian's dataset-fashion-mnist package installs the four IDX files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** The ten Fashion-MNIST classes, index = label (Xiao, Rasul & Vollgraf 2017). */
export const FASHION_MNIST_CLASSES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);

export interface FashionMnistOptions {
  /** The part to load: 60000 training or 10000 test images. */
  readonly split: 'train' | 'test';
  /** Directory holding the four IDX files (gzipped or not). @default FASHION_MNIST_DIR */
  readonly dir?: string;
  /** Keep only the first `limit` samples. @default all */
  readonly limit?: number;
}

/**
 * Loads Fashion-MNIST (https://github.com/zalandoresearch/fashion-mnist, MIT licence): images as
 * float32 [N, 1, 28, 28] in [0, 1], labels int32 [N], and `classNames`. `flattenSamples` turns
 * the images into [N, 784] for a dense network.
 * @example const train = loadFashionMnist({ split: 'train', limit: 10000 });
 */
export function loadFashionMnist(options: FashionMnistOptions): TensorDataset {
  const dir = options.dir ?? FASHION_MNIST_DIR;
  const prefix = options.split === 'train' ? 'train' : 't10k';
  if (options.split !== 'train' && options.split !== 'test') {
    throw new ConfigError(`loadFashionMnist: split must be 'train' or 'test', got ${String(options.split)}`);
  }
  const images = findFile(dir, `${prefix}-images-idx3-ubyte`);
  const labels = findFile(dir, `${prefix}-labels-idx1-ubyte`);
  return loadIdxDataset({
    images,
    labels,
    numClasses: 10,
    classNames: FASHION_MNIST_CLASSES,
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
}

/** `dir/name.gz` or `dir/name`, or a ConfigError that says how to get the files. */
function findFile(dir: string, name: string): string {
  for (const candidate of [`${name}.gz`, name]) {
    const path = joinPath(dir, candidate);
    if (fileExists(path)) return path;
  }
  throw new ConfigError(`loadFashionMnist: ${name}.gz (or ${name}) not found in ${dir}`, {
    hint:
      `install the data set with \`apt-get install dataset-fashion-mnist\` (Debian/Ubuntu; it fills ${FASHION_MNIST_DIR}), ` +
      'or pass { dir } naming a directory with train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, ' +
      't10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist',
  });
}

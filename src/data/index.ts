// Data sets, loaders, readers, transforms and synthetic sets.
export { collate, fetchBatch } from './collate.js';
export { DataLoader } from './data-loader.js';
export type { DataLoaderOptions, DataLoaderState } from './data-loader.js';
export type { Batch, Dataset, Sample } from './dataset.js';
export type { SeedOptions } from './seed.js';
export { Subset, randomSplit, subset } from './split.js';
export type { RandomSplitOptions } from './split.js';
export { TensorDataset } from './tensor-dataset.js';
export type { TensorDatasetOptions } from './tensor-dataset.js';

export { parseCsv, readCsv, loadCsv } from './readers/csv.js';
export type { CsvData, CsvOptions } from './readers/csv.js';
export { DIGITS_SAMPLES, DIGITS_TEST_SAMPLES, digitsSplitIndices, loadDigits } from './readers/digits.js';
export type { DigitsOptions } from './readers/digits.js';
export { FASHION_MNIST_CLASSES, FASHION_MNIST_DIR, loadFashionMnist } from './readers/fashion-mnist.js';
export type { FashionMnistOptions } from './readers/fashion-mnist.js';
export { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx, readIdx } from './readers/idx.js';
export type { IdxArray, IdxValues, ParseIdxOptions, ReadIdxOptions } from './readers/idx.js';
export { loadIdxDataset } from './readers/idx-dataset.js';
export type { LoadIdxDatasetOptions } from './readers/idx-dataset.js';

export { flattenSamples } from './transforms/flatten.js';
export type { StatisticsAxis } from './transforms/layout.js';
export { mapDataset } from './transforms/map-dataset.js';
export type { DatasetTransforms } from './transforms/map-dataset.js';
export { Standardizer, normalize } from './transforms/normalize.js';
export type { NormalizeOptions, StandardizerOptions, Transform } from './transforms/normalize.js';
export { oneHot } from './transforms/one-hot.js';
export type { OneHotOptions } from './transforms/one-hot.js';

export { makeBlobs } from './synthetic/blobs.js';
export type { BlobsOptions } from './synthetic/blobs.js';
export type { SyntheticOptions } from './synthetic/build.js';
export { makeMoons } from './synthetic/moons.js';
export { makeSpirals } from './synthetic/spirals.js';
export type { SpiralsOptions } from './synthetic/spirals.js';
export { makeXor } from './synthetic/xor.js';

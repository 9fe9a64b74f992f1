// The Fashion-MNIST training images both frameworks train on, loaded once per child process
// with deeptrace's reader: float32 [N, 1, 28, 28] in [0, 1] (the same bytes as NHWC
// [N, 28, 28, 1], since there is one channel) and int32 labels [N].
import { loadFashionMnist } from '../../src/data/index.js';
import type { TensorDataset } from '../../src/data/index.js';

export interface FashionData {
  readonly dataset: TensorDataset;
  /** The images' values, N·784 floats, row-major. */
  readonly images: Float32Array;
  /** The labels, N class indices. */
  readonly labels: Int32Array;
  readonly length: number;
}

/** The first `samples` (at most 60000) training images and labels. */
export function loadTrainingData(samples: number): FashionData {
  const dataset = loadFashionMnist({ split: 'train', limit: Math.min(samples, 60000) });
  const images = dataset.inputs.values();
  const labels = dataset.targets.values();
  if (!(images instanceof Float32Array) || !(labels instanceof Int32Array)) {
    throw new Error(`bench: expected float32 images and int32 labels from loadFashionMnist, got ${dataset.inputs.dtype} and ${dataset.targets.dtype}`);
  }
  return { dataset, images, labels, length: dataset.length };
}

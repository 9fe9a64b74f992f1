import type { TensorDataset } from '../../data/tensor-dataset.js';
import { loadDigits } from '../../data/readers/digits.js';
import { loadFashionMnist } from '../../data/readers/fashion-mnist.js';
import { ConfigError } from '../../errors/index.js';
import type { SimulationData } from './client-data.js';

/** A labelled TensorDataset (float inputs, int32 class targets) as flat simulation arrays. */
export function simulationData(dataset: TensorDataset, numClasses?: number): SimulationData {
  const inputs = dataset.inputs.cast('float32').contiguous().values() as Float32Array;
  const labels = Int32Array.from(dataset.targets.values());
  const classes = numClasses ?? dataset.classNames?.length ?? labels.reduce((m, y) => Math.max(m, y + 1), 0);
  return { inputs, sampleShape: dataset.inputs.shape.slice(1), labels, numClasses: classes };
}

/** Data sets the simulator loads by name. */
export type SimulationDatasetName = 'fashion-mnist' | 'digits';

export interface LoadSimulationDatasetOptions {
  /** 'flat' for an MLP, 'image' ([1, H, W]) for a CNN. @default 'flat' */
  readonly layout?: 'flat' | 'image';
  /** Keep the first `trainLimit` training samples. @default all */
  readonly trainLimit?: number;
  /** Keep the first `testLimit` test samples. @default all */
  readonly testLimit?: number;
  /** Directory of the Fashion-MNIST files. @default FASHION_MNIST_DIR */
  readonly dir?: string;
}

/** Train and test parts of a named data set, as simulation arrays. */
export function loadSimulationDataset(name: string, options: LoadSimulationDatasetOptions = {}): { train: SimulationData; test: SimulationData } {
  const layout = options.layout ?? 'flat';
  let train: SimulationData;
  let test: SimulationData;
  if (name === 'digits') {
    train = simulationData(loadDigits({ split: 'train', layout }), 10);
    test = simulationData(loadDigits({ split: 'test', layout }), 10);
  } else if (name === 'fashion-mnist') {
    const dir = options.dir === undefined ? {} : { dir: options.dir };
    train = simulationData(loadFashionMnist({ split: 'train', ...dir, ...(options.trainLimit === undefined ? {} : { limit: options.trainLimit }) }), 10);
    test = simulationData(loadFashionMnist({ split: 'test', ...dir, ...(options.testLimit === undefined ? {} : { limit: options.testLimit }) }), 10);
    if (layout === 'flat') {
      train = { ...train, sampleShape: [train.sampleShape.reduce((a, b) => a * b, 1)] };
      test = { ...test, sampleShape: [test.sampleShape.reduce((a, b) => a * b, 1)] };
    }
  } else {
    throw new ConfigError(`loadSimulationDataset: unknown data set '${name}'`, { expected: "'fashion-mnist' or 'digits'", got: name });
  }
  return { train: limit(train, options.trainLimit), test: limit(test, options.testLimit) };
}

function limit(data: SimulationData, n: number | undefined): SimulationData {
  if (n === undefined || n >= data.labels.length) return data;
  const size = data.sampleShape.reduce((a, b) => a * b, 1);
  return { ...data, inputs: data.inputs.slice(0, n * size), labels: data.labels.slice(0, n) };
}

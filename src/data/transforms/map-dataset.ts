import { Tensor } from '../../tensor/index.js';
import { fetchBatch } from '../collate.js';
import type { Batch, Dataset, Sample } from '../dataset.js';
import type { Transform } from './normalize.js';

export interface DatasetTransforms {
  /** Applied to the input batch [B, ...]. @default identity */
  readonly input?: Transform;
  /** Applied to the target batch [B, ...]. @default identity */
  readonly target?: Transform;
}

/**
 * A data set whose batches pass through transforms on the way out. Transforms take and return
 * batches [B, ...]; a single sample goes through as a batch of one. For an in-memory TensorDataset
 * it is usually cheaper to transform `inputs` once and build a new TensorDataset.
 * @example mapDataset(train, { input: flattenSamples, target: (t) => oneHot(t, 10) })
 */
export function mapDataset(dataset: Dataset, transforms: DatasetTransforms): Dataset {
  const apply = (batch: Batch): Batch => ({
    input: transforms.input === undefined ? batch.input : transforms.input(batch.input),
    target: transforms.target === undefined ? batch.target : transforms.target(batch.target),
  });
  return {
    get length(): number {
      return dataset.length;
    },
    get(index: number): Sample {
      const batch = apply(fetchBatch(dataset, [index]));
      return { input: dropSampleAxis(batch.input), target: dropSampleAxis(batch.target) };
    },
    getBatch(indices: ArrayLike<number>): Batch {
      return apply(fetchBatch(dataset, indices));
    },
  };
}

function dropSampleAxis(x: Tensor): Tensor {
  return new Tensor(x.values(), x.shape.slice(1));
}

import type { Tensor } from '../tensor/index.js';

/**
 * One sample, or a batch of samples stacked along a new leading axis.
 * `input` is what the model reads; `target` is what the loss compares against
 * (int32 class indices, or float values).
 */
export interface Sample {
  readonly input: Tensor;
  readonly target: Tensor;
}

/** A batch: samples stacked along axis 0 (`input` [B, ...], `target` [B] or [B, k]). */
export type Batch = Sample;

/**
 * A data set: a length and random access to samples, like torch's map-style Dataset.
 *
 * A data set may also provide `getBatch(indices)`, which returns the samples at `indices`
 * already stacked. `DataLoader` uses it when present (TensorDataset copies typed-array rows
 * instead of building one tensor per sample); otherwise it stacks the results of `get`.
 */
export interface Dataset {
  /** Number of samples. */
  readonly length: number;
  /** The sample at `index` (0 <= index < length). */
  get(index: number): Sample;
  /** Optional fast path: the samples at `indices`, stacked along a new axis 0. */
  getBatch?(indices: ArrayLike<number>): Batch;
}

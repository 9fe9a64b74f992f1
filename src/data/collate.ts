import { ConfigError, DTypeError, ShapeError, formatShape } from '../errors/index.js';
import { Tensor } from '../tensor/index.js';
import { allocArray } from '../tensor/dtype.js';
import type { Batch, Dataset, Sample } from './dataset.js';

/**
 * Stacks samples into one batch: every `input` (and every `target`) must share a shape and
 * dtype; the result has a new leading axis of length `samples.length`. Values are copied
 * straight between typed arrays, not through tensor ops.
 */
export function collate(samples: readonly Sample[]): Batch {
  if (samples.length === 0) throw new ConfigError('collate: expected at least one sample, got none');
  return {
    input: stackValues('input', samples.map((s) => s.input)),
    target: stackValues('target', samples.map((s) => s.target)),
  };
}

/** The samples at `indices` of `dataset`, stacked: through `getBatch` when the data set has it. */
export function fetchBatch(dataset: Dataset, indices: ArrayLike<number>): Batch {
  if (dataset.getBatch !== undefined) return dataset.getBatch(indices);
  const samples: Sample[] = [];
  for (let b = 0; b < indices.length; b++) samples.push(dataset.get(indices[b]!));
  return collate(samples);
}

function stackValues(field: string, tensors: readonly Tensor[]): Tensor {
  const first = tensors[0]!;
  const row = first.size;
  const out = allocArray(first.dtype, row * tensors.length);
  tensors.forEach((t, b) => {
    if (t.dtype !== first.dtype) {
      throw new DTypeError(`collate: sample ${b} has ${field} dtype ${t.dtype}, sample 0 has ${first.dtype}`, {
        hint: 'every sample of a batch must have the same dtype',
      });
    }
    if (t.ndim !== first.ndim || t.shape.some((d, i) => d !== first.shape[i])) {
      throw new ShapeError(
        `collate: sample ${b} has ${field} shape ${formatShape(t.shape)}, sample 0 has ${formatShape(first.shape)}`,
        { hint: 'every sample of a batch must have the same shape; resize or pad them in the data set' },
      );
    }
    out.set(t.values(), b * row);
  });
  return new Tensor(out, [tensors.length, ...first.shape]);
}

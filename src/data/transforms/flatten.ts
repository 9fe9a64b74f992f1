import { ShapeError, formatShape } from '../../errors/index.js';
import { Tensor, sizeOf } from '../../tensor/index.js';

/**
 * Flattens each sample of a batch: [N, d1, d2, ...] to [N, d1*d2*...], e.g. Fashion-MNIST images
 * [N, 1, 28, 28] to [N, 784] for a dense network. Shares the values when they are contiguous.
 */
export function flattenSamples(x: Tensor): Tensor {
  if (x.ndim < 1) {
    throw new ShapeError(`flattenSamples: expected a batch [N, ...], got a scalar of shape ${formatShape(x.shape)}`);
  }
  return new Tensor(x.values(), [x.shape[0]!, sizeOf(x.shape.slice(1))]);
}

import { ConfigError, DTypeError, IndexError } from '../../errors/index.js';
import type { DType } from '../../tensor/index.js';
import { Tensor } from '../../tensor/index.js';
import { allocArray } from '../../tensor/dtype.js';

export interface OneHotOptions {
  /** dtype of the result. @default 'float32' */
  readonly dtype?: DType;
}

/**
 * Int32 class indices of any shape [...] to one-hot rows [..., numClasses]: row i has 1 at
 * column labels[i] and 0 elsewhere.
 * @example oneHot(tensor([2, 0], { dtype: 'int32' }), 3).toArray() // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(labels: Tensor, numClasses: number, options: OneHotOptions = {}): Tensor {
  if (labels.dtype !== 'int32') {
    throw new DTypeError(`oneHot: labels must be int32 class indices, got ${labels.dtype}`, { hint: "cast them: labels.cast('int32')" });
  }
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new ConfigError(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
  }
  const values = labels.values();
  const out = allocArray(options.dtype ?? 'float32', values.length * numClasses);
  for (let i = 0; i < values.length; i++) {
    const c = values[i]!;
    if (c < 0 || c >= numClasses) {
      throw new IndexError(`oneHot: label ${c} at position ${i} is outside [0, ${numClasses})`, {
        expected: `0..${numClasses - 1}`,
        got: c,
        hint: 'pass the number of classes of the whole data set',
      });
    }
    out[i * numClasses + c] = 1;
  }
  return new Tensor(out, [...labels.shape, numClasses]);
}

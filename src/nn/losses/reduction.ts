import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import { mean, sum } from '../../ops/index.js';
import { shapesEqual } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';

/** How a loss combines per-element values: their mean, their sum, or none (keep them). */
export type Reduction = 'mean' | 'sum' | 'none';

/** The options every loss takes. */
export interface ReductionOptions {
  /** @default 'mean' */
  readonly reduction?: Reduction;
}

/** The validated reduction of `options` ('mean' when absent). */
export function reductionOf(op: string, options: ReductionOptions): Reduction {
  const r = options.reduction ?? 'mean';
  if (r !== 'mean' && r !== 'sum' && r !== 'none') {
    throw new ConfigError(`${op}: Invalid reduction: '${String(r)}'`, { expected: "'mean', 'sum' or 'none'", got: r });
  }
  return r;
}

/** Applies a reduction to elementwise losses. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  return reduction === 'mean' ? mean(loss) : reduction === 'sum' ? sum(loss) : loss;
}

/** Throws ShapeError naming the loss and both shapes unless input and target have one shape. */
export function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (!shapesEqual(input.shape, target.shape)) {
    throw new ShapeError(`${op}: input ${formatShape(input.shape)} and target ${formatShape(target.shape)} must have the same shape`, {
      expected: formatShape(input.shape),
      got: formatShape(target.shape),
      hint: 'reshape the target (e.g. target.reshape(...input.shape)) or the model output',
    });
  }
}

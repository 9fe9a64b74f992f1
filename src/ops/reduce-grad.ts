import type { Shape } from '../tensor/shape.js';
import { shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { reshape } from './shape.js';
import { sum } from './reduce.js';

/**
 * Undoes broadcasting in a gradient: sums `grad` over the axes along which an input of
 * `shape` was broadcast (tfjs's getReductionAxes + sum + reshape).
 */
export function sumToShape(grad: Tensor, shape: Shape): Tensor {
  if (shapesEqual(grad.shape, shape)) return grad;
  const lead = grad.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) axes.push(i);
  }
  return reshape(sum(grad, axes, false), shape);
}

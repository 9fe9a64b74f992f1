import { Linear } from '../../../src/nn/layers/linear.js';
import { Module } from '../../../src/nn/module.js';
import { tensor } from '../../../src/tensor/index.js';
import type { NestedArray, Tensor } from '../../../src/tensor/index.js';

/** A float64 linear model y = x·Wᵀ + b with hand-chosen weights. */
export function linearModel(weight: NestedArray, bias?: NestedArray): Linear {
  const w = tensor(weight, { dtype: 'float64' });
  const layer = new Linear(w.shape[1]!, w.shape[0]!, { bias: bias !== undefined }).cast('float64');
  const state: Record<string, Tensor> = { weight: w };
  if (bias !== undefined) state['bias'] = tensor(bias, { dtype: 'float64' });
  layer.loadStateDict(state);
  return layer;
}

/** f(x) = Σ_i x_i² per sample, as [N, 1]: a smooth model with a hand-computable gradient 2x. */
export class SumOfSquares extends Module {
  forward(x: Tensor): Tensor {
    return x.reshape(x.shape[0]!, -1).square().sum(1, true);
  }
}

/** Flat values as plain numbers. */
export function flat(t: Tensor): number[] {
  return Array.from(t.values(), Number);
}

import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import type { Tensor } from '../../tensor/tensor.js';

/** Which fan an initializer scales by: fanIn preserves the forward variance, fanOut the backward one. */
export type FanMode = 'fanIn' | 'fanOut';

/** Nonlinearities that `calculateGain` knows (PyTorch's `nn.init.calculate_gain`). */
export type Nonlinearity = 'linear' | 'conv2d' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'selu';

/**
 * fan_in and fan_out of a weight, as PyTorch computes them: for a [out, in, ...kernel] weight,
 * fanIn = in·receptive field, fanOut = out·receptive field. Needs at least 2 dimensions.
 */
export function computeFans(shape: readonly number[], op = 'init'): { fanIn: number; fanOut: number } {
  if (shape.length < 2) {
    throw new ShapeError(`${op}: fan in and fan out need a tensor with at least 2 dimensions, got ${formatShape(shape)}`, {
      hint: 'use uniform/normal/constant for biases and other 1-D tensors',
    });
  }
  const receptive = shape.slice(2).reduce((p, d) => p * d, 1);
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

/**
 * The recommended gain for a nonlinearity: 1 for linear/conv/sigmoid, 5/3 for tanh, √2 for
 * relu, √(2/(1+a²)) for leaky relu with slope `param` (default 0.01), 3/4 for selu.
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv2d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new ConfigError(`calculateGain: unknown nonlinearity '${String(nonlinearity)}'`, {
        expected: "'linear', 'conv2d', 'sigmoid', 'tanh', 'relu', 'leakyRelu' or 'selu'",
      });
  }
}

export function fanOf(shape: readonly number[], mode: FanMode, op: string): number {
  const { fanIn, fanOut } = computeFans(shape, op);
  return mode === 'fanIn' ? fanIn : fanOut;
}

/** Writes `draw(i)` into every element of a contiguous float tensor, in place, outside autograd. */
export function fillWith(t: Tensor, op: string, draw: (i: number) => number): Tensor {
  if (t.dtype === 'int32') throw new ConfigError(`${op}: expected a float tensor, got int32`);
  if (!t.isContiguous()) throw new ConfigError(`${op}: expected a contiguous tensor`, { hint: 'initialize the parameter itself, not a view of it' });
  for (let i = 0; i < t.size; i++) t.storage[t.offset + i] = draw(i);
  return t;
}

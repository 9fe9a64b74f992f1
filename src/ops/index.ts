export { add, div, maximum, minimum, mul, pow, sub } from './binary.js';
export { clamp } from './clamp.js';
export { eq, ge, gt, le, lt, ne } from './compare.js';
export { conv2d } from './conv.js';
export { conv2dMaxPoolRelu } from './conv-pool-relu.js';
export type { Conv2dOptions } from './conv.js';
export { defineOp, listOps, recordGrad } from './define.js';
export type { OpInfo } from './define.js';
export { gather, indexSelect, slice } from './index-ops.js';
export type { SliceSpec } from './index-ops.js';
export { concat, split, stack } from './join.js';
export { matmul } from './matmul.js';
export { linear, linearRelu } from './linear.js';
export { pad } from './pad.js';
export type { PadWidths } from './pad.js';
export { avgPool2d, maxPool2d } from './pool.js';
export type { AvgPool2dOptions, MaxPool2dOptions, Pool2dOptions } from './pool.js';
export { argmax, argmin, logsumexp, max, mean, min, norm, prod, std, sum, variance } from './reduce.js';
export type { Axes } from './reduce.js';
export { sumToShape } from './reduce-grad.js';
export { cast, clone, contiguous, expand, flatten, permute, reshape, squeeze, transpose, unsqueeze } from './shape.js';
export { logSoftmax, softmax } from './softmax.js';
export {
  abs,
  cos,
  elu,
  erf,
  exp,
  gelu,
  leakyRelu,
  log,
  log1p,
  neg,
  reciprocal,
  relu,
  rsqrt,
  sigmoid,
  sign,
  sin,
  softplus,
  sqrt,
  square,
  tanh,
} from './unary.js';
export type { TensorLike } from './util.js';
export { where } from './where.js';
export type { Pair, Padding } from './window.js';

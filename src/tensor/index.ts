export {
  arange,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  rand,
  randint,
  randn,
  randperm,
  scalar,
  tensor,
  zeros,
  zerosLike,
} from './create.js';
export type { CreateOptions, RandomOptions } from './create.js';
export { dtypes, isDType, promoteTypes } from './dtype.js';
export type { DType, TypedArray } from './dtype.js';
export { Generator, defaultGenerator, manualSeed } from './random.js';
export type { GeneratorState } from './random.js';
export { broadcastShapes, sizeOf } from './shape.js';
export type { Shape } from './shape.js';
export { Tensor } from './tensor.js';
export type { NestedArray, TensorInit } from './tensor.js';

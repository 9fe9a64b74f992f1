import * as ops from '../../../src/ops/index.js';
import type { Tensor } from '../../../src/tensor/index.js';
import { tensor } from '../../../src/tensor/index.js';
import type { GradcheckCase, Range } from './inputs.js';
import { constant, leaf, slicedLeaf, transposedLeaf } from './inputs.js';

type Binary = (a: Tensor, b: Tensor) => Tensor;

/** Same shape, two broadcast patterns, non-contiguous views, and a number operand. */
function binaryCases(f: Binary, rangeA: Range, rangeB: Range, withNumber: (a: Tensor) => Tensor): GradcheckCase[] {
  return [
    { title: 'same shape [2,3]', inputs: () => [leaf([2, 3], rangeA), leaf([2, 3], rangeB)], fn: f },
    { title: 'broadcast [2,3] with [3]', inputs: () => [leaf([2, 3], rangeA), leaf([3], rangeB)], fn: f },
    { title: 'broadcast [2,1] with [1,3]', inputs: () => [leaf([2, 1], rangeA), leaf([1, 3], rangeB)], fn: f },
    { title: 'broadcast [3] with [2,1,3] (rank differs)', inputs: () => [leaf([3], rangeA), leaf([2, 1, 3], rangeB)], fn: f },
    { title: 'transposed view with sliced view', inputs: () => [transposedLeaf([2, 3], rangeA), slicedLeaf([2, 3], rangeB)], fn: f },
    { title: 'sliced view broadcast with transposed [1,3]', inputs: () => [slicedLeaf([2, 3], rangeA), transposedLeaf([1, 3], rangeB)], fn: f },
    { title: 'only the second operand requires grad', inputs: () => [constant([2, 2], rangeA), leaf([2, 2], rangeB)], fn: f },
    { title: 'tensor with a number', inputs: () => [leaf([2, 2], rangeA)], fn: withNumber },
  ];
}

type Unary = (x: Tensor) => Tensor;

/** Contiguous, transposed and sliced inputs, plus a 0-d one. */
function unaryCases(f: Unary, range: Range): GradcheckCase[] {
  return [
    { title: 'contiguous [2,3]', inputs: () => [leaf([2, 3], range)], fn: f },
    { title: 'transposed view [3,2]', inputs: () => [transposedLeaf([3, 2], range)], fn: f },
    { title: 'sliced view [2,2]', inputs: () => [slicedLeaf([2, 2], range)], fn: f },
    { title: '0-d', inputs: () => [leaf([], range)], fn: f },
  ];
}

export const elementwiseCases: Record<string, GradcheckCase[]> = {
  add: binaryCases(ops.add, 'signed', 'signed', (a) => ops.add(a, 2.5)),
  sub: binaryCases(ops.sub, 'signed', 'signed', (a) => ops.sub(1.5, a)),
  mul: binaryCases(ops.mul, 'signed', 'signed', (a) => ops.mul(a, -3)),
  div: binaryCases(ops.div, 'signed', 'signed', (a) => ops.div(2, a)),
  pow: [
    ...binaryCases(ops.pow, 'positive', 'any', (a) => ops.pow(a, 3)),
    { title: 'negative base, integer exponent', inputs: () => [leaf([3], 'signed')], fn: (a) => ops.pow(a, 2) },
  ],
  maximum: binaryCases(ops.maximum, 'signed', 'signed', (a) => ops.maximum(a, 0.05)),
  minimum: binaryCases(ops.minimum, 'signed', 'signed', (a) => ops.minimum(a, 0.05)),
  where: [
    {
      title: 'mask [2,3], a [2,3], b broadcast [3]',
      inputs: () => [leaf([2, 3]), leaf([3])],
      fn: (a, b) => ops.where(tensor([[1, 0, 1], [0, 0, 1]], { dtype: 'float64' }), a, b),
    },
    {
      title: 'mask broadcast [2,1], transposed a, sliced b',
      inputs: () => [transposedLeaf([2, 3]), slicedLeaf([2, 3])],
      fn: (a, b) => ops.where(tensor([[1], [0]], { dtype: 'int32' }), a, b),
    },
    { title: 'number for b', inputs: () => [leaf([2, 2])], fn: (a) => ops.where(tensor([[0, 1], [1, 0]]), a, 0) },
  ],
  clamp: [
    { title: 'both bounds', inputs: () => [leaf([2, 3])], fn: (x) => ops.clamp(x, -0.5, 0.5) },
    { title: 'min only, transposed', inputs: () => [transposedLeaf([3, 2])], fn: (x) => ops.clamp(x, 0.1) },
    { title: 'max only, sliced', inputs: () => [slicedLeaf([2, 3])], fn: (x) => ops.clamp(x, undefined, -0.1) },
  ],
  neg: unaryCases(ops.neg, 'signed'),
  abs: unaryCases(ops.abs, 'signed'),
  exp: unaryCases(ops.exp, 'any'),
  log: unaryCases(ops.log, 'positive'),
  log1p: unaryCases(ops.log1p, 'any'),
  sqrt: unaryCases(ops.sqrt, 'positive'),
  rsqrt: unaryCases(ops.rsqrt, 'positive'),
  square: unaryCases(ops.square, 'signed'),
  reciprocal: unaryCases(ops.reciprocal, 'signed'),
  sin: unaryCases(ops.sin, 'any'),
  cos: unaryCases(ops.cos, 'any'),
  tanh: unaryCases(ops.tanh, 'any'),
  sigmoid: unaryCases(ops.sigmoid, 'any'),
  relu: unaryCases(ops.relu, 'signed'),
  softplus: unaryCases(ops.softplus, 'any'),
  erf: unaryCases(ops.erf, 'any'),
  gelu: unaryCases(ops.gelu, 'signed'),
  leakyRelu: [...unaryCases((x) => ops.leakyRelu(x), 'signed'), { title: 'slope 0.2', inputs: () => [leaf([4])], fn: (x) => ops.leakyRelu(x, 0.2) }],
  elu: [...unaryCases((x) => ops.elu(x), 'signed'), { title: 'alpha 0.5', inputs: () => [leaf([4])], fn: (x) => ops.elu(x, 0.5) }],
};

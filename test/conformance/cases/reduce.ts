import * as ops from '../../../src/ops/index.js';
import type { Axes } from '../../../src/ops/index.js';
import type { Tensor } from '../../../src/tensor/index.js';
import type { GradcheckCase, Range } from './inputs.js';
import { leaf, slicedLeaf, transposedLeaf, withValues } from './inputs.js';

type Reduce = (x: Tensor, axis?: Axes, keepdims?: boolean) => Tensor;

/** All axes, one axis with and without keepdims, a non-adjacent set of axes, negative axis, views. */
function reduceCases(f: Reduce, range: Range = 'signed'): GradcheckCase[] {
  return [
    { title: 'all axes', inputs: () => [leaf([2, 3], range)], fn: (x) => f(x) },
    { title: 'axis 1', inputs: () => [leaf([2, 3], range)], fn: (x) => f(x, 1) },
    { title: 'axis 0 keepdims', inputs: () => [leaf([2, 3], range)], fn: (x) => f(x, 0, true) },
    { title: 'axes [0,2] of [2,3,2] (non-adjacent)', inputs: () => [leaf([2, 3, 2], range)], fn: (x) => f(x, [0, 2]) },
    { title: 'axes [0,2] keepdims', inputs: () => [leaf([2, 2, 2], range)], fn: (x) => f(x, [2, 0], true) },
    { title: 'axis -1 of a transposed view', inputs: () => [transposedLeaf([3, 2], range)], fn: (x) => f(x, -1) },
    { title: 'axis 0 of a sliced view', inputs: () => [slicedLeaf([2, 3], range)], fn: (x) => f(x, 0) },
  ];
}

export const reduceCasesTable: Record<string, GradcheckCase[]> = {
  sum: reduceCases(ops.sum),
  mean: reduceCases(ops.mean),
  max: reduceCases(ops.max),
  min: reduceCases(ops.min),
  prod: [
    ...reduceCases(ops.prod),
    // Second order: d²prod/dx_i dx_j at a row with two zeros is not recorded (the first-order
    // formula is exact there, its derivative is not); a known limitation.
    { title: 'one zero in a row, two zeros in another', inputs: () => [withValues([[0, 2, -3], [0, 0, 1.5]])], fn: (x) => ops.prod(x, 1), secondOrder: false },
  ],
  var: [
    ...reduceCases((x, axis, keepdims) => ops.variance(x, axis, keepdims)),
    { title: 'population (correction 0)', inputs: () => [leaf([2, 3])], fn: (x) => ops.variance(x, 1, false, 0) },
  ],
  std: [
    ...reduceCases((x, axis, keepdims) => ops.std(x, axis, keepdims)),
    { title: 'population (correction 0)', inputs: () => [leaf([3, 2])], fn: (x) => ops.std(x, 0, true, 0) },
  ],
  logsumexp: reduceCases(ops.logsumexp, 'any'),
  norm: [
    ...reduceCases((x, axis, keepdims) => ops.norm(x, 2, axis, keepdims)),
    { title: 'ord 1', inputs: () => [leaf([2, 3])], fn: (x) => ops.norm(x, 1, 1) },
    { title: 'ord Infinity', inputs: () => [leaf([2, 3])], fn: (x) => ops.norm(x, Infinity, 1) },
    { title: 'ord 3, transposed', inputs: () => [transposedLeaf([2, 3])], fn: (x) => ops.norm(x, 3, 0, true) },
    // The subgradient at 0 is 0; central differences agree ((eps - eps) / 2eps).
    // A norm is not twice differentiable at 0, so these two have no second-order check.
    { title: 'a zero row (ord 2)', inputs: () => [withValues([[0, 0, 0], [0.5, -1, 2]])], fn: (x) => ops.norm(x, 2, 1), secondOrder: false },
    { title: 'a zero row (ord 3)', inputs: () => [withValues([[0, 0], [0.5, -1]])], fn: (x) => ops.norm(x, 3, 1), secondOrder: false },
  ],
  softmax: [
    { title: 'last axis', inputs: () => [leaf([2, 3], 'any')], fn: (x) => ops.softmax(x) },
    { title: 'axis 0', inputs: () => [leaf([3, 2], 'any')], fn: (x) => ops.softmax(x, 0) },
    { title: 'middle axis of [2,3,2], transposed', inputs: () => [transposedLeaf([2, 3, 2], 'any')], fn: (x) => ops.softmax(x, 1) },
    { title: 'sliced view', inputs: () => [slicedLeaf([2, 3], 'any')], fn: (x) => ops.softmax(x, -1) },
  ],
  logSoftmax: [
    { title: 'last axis', inputs: () => [leaf([2, 3], 'any')], fn: (x) => ops.logSoftmax(x) },
    { title: 'axis 0, transposed', inputs: () => [transposedLeaf([3, 2], 'any')], fn: (x) => ops.logSoftmax(x, 0) },
    { title: 'sliced view', inputs: () => [slicedLeaf([2, 3], 'any')], fn: (x) => ops.logSoftmax(x, 1) },
  ],
};

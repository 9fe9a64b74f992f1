import * as ops from '../../../src/ops/index.js';
import type { GradcheckCase } from './inputs.js';
import { constant, leaf, slicedLeaf, transposedLeaf } from './inputs.js';

export const nnCases: Record<string, GradcheckCase[]> = {
  matmul: [
    { title: '[2,3] x [3,2]', inputs: () => [leaf([2, 3]), leaf([3, 2])], fn: ops.matmul },
    { title: 'transposed a and b', inputs: () => [transposedLeaf([2, 3]), transposedLeaf([3, 2])], fn: ops.matmul },
    { title: 'sliced a', inputs: () => [slicedLeaf([2, 3]), leaf([3, 1])], fn: ops.matmul },
    { title: '1-D x 2-D', inputs: () => [leaf([3]), leaf([3, 2])], fn: ops.matmul },
    { title: '2-D x 1-D', inputs: () => [leaf([2, 3]), leaf([3])], fn: ops.matmul },
    { title: '1-D x 1-D (dot)', inputs: () => [leaf([3]), leaf([3])], fn: ops.matmul },
    { title: 'batched [2,2,3] x [2,3,2]', inputs: () => [leaf([2, 2, 3]), leaf([2, 3, 2])], fn: ops.matmul },
    { title: 'batch broadcast [2,1,2,3] x [3,2]', inputs: () => [leaf([2, 1, 2, 3]), leaf([3, 2])], fn: ops.matmul },
    { title: 'batch broadcast [1,2,2] x [2,2,3] transposed', inputs: () => [leaf([1, 2, 2]), transposedLeaf([2, 2, 3])], fn: ops.matmul },
    { title: 'only b requires grad', inputs: () => [constant([2, 3]), leaf([3, 2])], fn: ops.matmul },
  ],
  linear: [
    { title: 'with bias', inputs: () => [leaf([3, 4]), leaf([2, 4]), leaf([2])], fn: (x, w, b) => ops.linear(x, w, b) },
    { title: 'without bias', inputs: () => [leaf([3, 4]), leaf([5, 4])], fn: (x, w) => ops.linear(x, w) },
    { title: '3-D input', inputs: () => [leaf([2, 3, 4]), leaf([2, 4]), leaf([2])], fn: (x, w, b) => ops.linear(x, w, b) },
    { title: '1-D input', inputs: () => [leaf([4]), leaf([3, 4])], fn: (x, w) => ops.linear(x, w) },
    { title: 'non-contiguous input and weight', inputs: () => [transposedLeaf([3, 4]), slicedLeaf([2, 4])], fn: (x, w) => ops.linear(x, w) },
  ],
  linearRelu: [
    { title: 'with bias', inputs: () => [leaf([3, 4]), leaf([2, 4]), leaf([2])], fn: (x, w, b) => ops.linearRelu(x, w, b) },
    { title: '3-D input, no bias', inputs: () => [leaf([2, 3, 4]), leaf([5, 4])], fn: (x, w) => ops.linearRelu(x, w) },
    { title: 'non-contiguous input and weight', inputs: () => [transposedLeaf([3, 4]), slicedLeaf([2, 4])], fn: (x, w) => ops.linearRelu(x, w) },
  ],
  conv2d: [
    { title: 'basic 3x3 kernel', inputs: () => [leaf([1, 1, 4, 4]), leaf([2, 1, 3, 3])], fn: (x, w) => ops.conv2d(x, w) },
    { title: 'bias, stride 2, padding 1', inputs: () => [leaf([2, 1, 4, 3]), leaf([2, 1, 2, 2]), leaf([2])], fn: (x, w, b) => ops.conv2d(x, w, b, { stride: 2, padding: 1 }) },
    { title: "padding 'same' with an even kernel", inputs: () => [leaf([1, 1, 3, 3]), leaf([1, 1, 2, 2])], fn: (x, w) => ops.conv2d(x, w, null, { padding: 'same' }) },
    { title: 'dilation 2, rectangular stride', inputs: () => [leaf([1, 1, 5, 4]), leaf([1, 1, 2, 2])], fn: (x, w) => ops.conv2d(x, w, null, { dilation: 2, stride: [1, 2] }) },
    { title: 'groups 2', inputs: () => [leaf([1, 2, 3, 3]), leaf([4, 1, 2, 2])], fn: (x, w) => ops.conv2d(x, w, null, { groups: 2 }) },
    { title: 'non-contiguous input and weight', inputs: () => [transposedLeaf([1, 2, 3, 3]), slicedLeaf([1, 2, 2, 2])], fn: (x, w) => ops.conv2d(x, w) },
    { title: '3-D input [C,H,W]', inputs: () => [leaf([1, 3, 3]), leaf([1, 1, 2, 2])], fn: (x, w) => ops.conv2d(x, w, null, { padding: 1 }) },
  ],
  conv2dMaxPoolRelu: [
    { title: 'bias, padding 1', inputs: () => [leaf([2, 2, 4, 4]), leaf([3, 2, 3, 3]), leaf([3])], fn: (x, w, b) => ops.conv2dMaxPoolRelu(x, w, b, { padding: 1 }) },
    { title: 'non-contiguous input and weight, no padding', inputs: () => [transposedLeaf([1, 2, 5, 5]), slicedLeaf([2, 2, 2, 2])], fn: (x, w) => ops.conv2dMaxPoolRelu(x, w) },
  ],
  maxPool2d: [
    { title: 'kernel 2', inputs: () => [leaf([1, 2, 4, 4])], fn: (x) => ops.maxPool2d(x, 2) },
    { title: 'kernel 3 stride 1 padding 1', inputs: () => [leaf([1, 1, 3, 4])], fn: (x) => ops.maxPool2d(x, 3, { stride: 1, padding: 1 }) },
    { title: 'transposed view, kernel [2,1]', inputs: () => [transposedLeaf([2, 3, 4])], fn: (x) => ops.maxPool2d(x, [2, 1]) },
  ],
  avgPool2d: [
    { title: 'kernel 2', inputs: () => [leaf([1, 2, 4, 4])], fn: (x) => ops.avgPool2d(x, 2) },
    { title: 'padding counted', inputs: () => [leaf([1, 1, 3, 3])], fn: (x) => ops.avgPool2d(x, 2, { stride: 1, padding: 1 }) },
    { title: 'padding not counted', inputs: () => [leaf([1, 1, 3, 3])], fn: (x) => ops.avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false }) },
    { title: 'sliced view', inputs: () => [slicedLeaf([1, 3, 4])], fn: (x) => ops.avgPool2d(x, 2, { stride: 1 }) },
  ],
};

import * as ops from '../../../src/ops/index.js';
import { tensor } from '../../../src/tensor/index.js';
import type { GradcheckCase } from './inputs.js';
import { leaf, slicedLeaf, transposedLeaf } from './inputs.js';

/**
 * View and copy ops. Each output is multiplied by a fixed ramp inside `fn` only through
 * gradcheck's random projection, so a gradient routed to the wrong element is caught.
 */
export const shapeCases: Record<string, GradcheckCase[]> = {
  reshape: [
    { title: '[2,3] to [3,2]', inputs: () => [leaf([2, 3])], fn: (x) => ops.reshape(x, [3, 2]) },
    { title: 'transposed view to [6] (copies)', inputs: () => [transposedLeaf([2, 3])], fn: (x) => ops.reshape(x, [-1]) },
  ],
  flatten: [{ title: '[2,2,2] axes 1..2', inputs: () => [slicedLeaf([2, 2, 2])], fn: (x) => ops.flatten(x, 1) }],
  permute: [
    { title: '[2,3,2] to (2,0,1)', inputs: () => [leaf([2, 3, 2])], fn: (x) => ops.permute(x, [2, 0, 1]) },
    { title: 'sliced view', inputs: () => [slicedLeaf([2, 3])], fn: (x) => ops.permute(x, [1, 0]) },
  ],
  transpose: [
    { title: 'axes 0 and 2', inputs: () => [leaf([2, 1, 3])], fn: (x) => ops.transpose(x, 0, 2) },
    { title: 'transpose of a sliced view', inputs: () => [slicedLeaf([2, 3])], fn: (x) => ops.transpose(x) },
  ],
  squeeze: [
    { title: 'axis 1', inputs: () => [leaf([2, 1, 2])], fn: (x) => ops.squeeze(x, 1) },
    { title: 'all size-1 axes of a transposed view', inputs: () => [transposedLeaf([1, 3, 2])], fn: (x) => ops.squeeze(x) },
  ],
  unsqueeze: [{ title: 'axis -1, transposed', inputs: () => [transposedLeaf([2, 3])], fn: (x) => ops.unsqueeze(x, -1) }],
  expand: [
    { title: '[2,1] to [2,3]', inputs: () => [leaf([2, 1])], fn: (x) => ops.expand(x, [2, 3]) },
    { title: '[3] to [2,2,3]', inputs: () => [leaf([3])], fn: (x) => ops.expand(x, [2, 2, 3]) },
    { title: 'sliced [2,1,3] to [2,2,3]', inputs: () => [slicedLeaf([2, 1, 3])], fn: (x) => ops.expand(x, [2, 2, 3]) },
  ],
  contiguous: [{ title: 'transposed view', inputs: () => [transposedLeaf([2, 3])], fn: (x) => ops.contiguous(x) }],
  clone: [{ title: 'sliced view', inputs: () => [slicedLeaf([2, 3])], fn: (x) => ops.clone(x) }],
  // float32 round-trips lose about 1e-7 relative, so the step and tolerance are larger.
  cast: [
    {
      title: 'float64 to float32 and back',
      inputs: () => [transposedLeaf([2, 3])],
      fn: (x) => ops.cast(ops.cast(x, 'float32'), 'float64'),
      options: { eps: 1e-2, atol: 1e-4 },
    },
  ],
  slice: [
    { title: 'ranges with step', inputs: () => [leaf([3, 4])], fn: (x) => ops.slice(x, [{ start: 1 }, { start: 0, end: 4, step: 2 }]) },
    { title: 'an index drops the axis, negative bounds', inputs: () => [leaf([3, 4])], fn: (x) => ops.slice(x, [-1, { start: -3, end: -1 }]) },
    { title: 'slice of a transposed view', inputs: () => [transposedLeaf([3, 3])], fn: (x) => ops.slice(x, [null, { start: 1 }]) },
  ],
  split: [
    {
      title: 'pieces of a transposed view used differently',
      inputs: () => [transposedLeaf([2, 5])],
      fn: (x) => {
        const [a, b] = ops.split(x, [2, 3], 1);
        return ops.concat([ops.mul(b!, 2), a!], 1);
      },
    },
  ],
  concat: [
    { title: 'three inputs along axis 1', inputs: () => [leaf([2, 1]), leaf([2, 2]), leaf([2, 3])], fn: (a, b, c) => ops.concat([a, b, c], 1) },
    { title: 'views along axis 0', inputs: () => [transposedLeaf([2, 3]), slicedLeaf([1, 3])], fn: (a, b) => ops.concat([a, b], 0) },
  ],
  stack: [{ title: 'new axis 1', inputs: () => [leaf([2, 2]), slicedLeaf([2, 2])], fn: (a, b) => ops.stack([a, b], 1) }],
  pad: [
    { title: 'last two axes', inputs: () => [leaf([1, 2, 3])], fn: (x) => ops.pad(x, [[1, 0], [2, 1]], 0.5) },
    { title: 'transposed view, last axis', inputs: () => [transposedLeaf([2, 3])], fn: (x) => ops.pad(x, [[0, 2]]) },
  ],
  indexSelect: [
    { title: 'repeated indices accumulate', inputs: () => [leaf([3, 2])], fn: (x) => ops.indexSelect(x, 0, [2, 0, 2]) },
    { title: 'axis 1 of a transposed view, int32 index tensor', inputs: () => [transposedLeaf([2, 3])], fn: (x) => ops.indexSelect(x, 1, tensor([1, 1, 0], { dtype: 'int32' })) },
  ],
  gather: [
    {
      title: 'axis 1, repeated indices',
      inputs: () => [leaf([2, 3])],
      fn: (x) => ops.gather(x, 1, tensor([[0, 0, 2, 1], [2, 1, 1, 1]], { dtype: 'int32' })),
    },
    {
      title: 'axis 0 of a sliced view, smaller index',
      inputs: () => [slicedLeaf([3, 2])],
      fn: (x) => ops.gather(x, 0, tensor([[2], [0]], { dtype: 'int32' })),
    },
  ],
};

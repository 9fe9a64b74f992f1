import type { BinaryKernel } from '../backend/backend.js';
import type { Tensor } from '../tensor/tensor.js';
import { binaryForward, operands } from './binary.js';
import { defineOp } from './define.js';
import type { TensorLike } from './util.js';

/**
 * Comparisons return masks: 1 where the relation holds, 0 elsewhere, in the operands'
 * promoted dtype, so a mask can multiply a tensor directly. They have no gradient.
 */
function compareOp(name: BinaryKernel) {
  return defineOp(
    name,
    (a: TensorLike, b: TensorLike): Tensor => {
      const [x, y] = operands(a, b, name);
      return binaryForward(name, name, x, y);
    },
    { differentiable: false },
  );
}

export const eq = compareOp('eq');
export const ne = compareOp('ne');
export const lt = compareOp('lt');
export const le = compareOp('le');
export const gt = compareOp('gt');
export const ge = compareOp('ge');

import { getBackend } from '../backend/registry.js';
import { promoteTypes } from '../tensor/dtype.js';
import { broadcastShapes } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { mul, sub } from './binary.js';
import { ne } from './compare.js';
import { defineOp, recordGrad } from './define.js';
import { sumToShape } from './reduce-grad.js';
import type { TensorLike } from './util.js';
import { checkTensor, contiguousData, empty, stridedAs, toTensor } from './util.js';

/**
 * `where(cond, a, b)`: a where cond is non-zero, b elsewhere, all three broadcast together.
 * The gradient flows to a through the mask and to b through its complement.
 */
export const where = defineOp('where', (condition: Tensor, a: TensorLike, b: TensorLike): Tensor => {
  const cond = checkTensor(condition, 'condition', 'where');
  const like = a instanceof Tensor ? a : b instanceof Tensor ? b : cond;
  const ta = toTensor(a, like, 'a', 'where');
  const tb = toTensor(b, like, 'b', 'where');
  const dtype = promoteTypes(ta.dtype, tb.dtype);
  const shape = broadcastShapes('where', broadcastShapes('where', cond.shape, ta.shape), tb.shape);
  const out = empty(shape, dtype);
  const ac = contiguousData(ta, dtype);
  const bc = contiguousData(tb, dtype);
  getBackend().where(stridedAs(cond, shape), stridedAs(ac, shape), stridedAs(bc, shape), out.storage, shape);
  return recordGrad('where', out, [ta, tb], (g) => {
    const mask = contiguousData(ne(cond, 0), g.dtype);
    return [
      ta.requiresGrad ? sumToShape(mul(g, mask), ta.shape) : null,
      tb.requiresGrad ? sumToShape(mul(g, sub(1, mask)), tb.shape) : null,
    ];
  });
});

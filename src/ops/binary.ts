import type { BinaryKernel } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { DeeptraceError } from '../errors/index.js';
import type { DType } from '../tensor/dtype.js';
import { promoteTypes } from '../tensor/dtype.js';
import { broadcastShapes } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { eq, gt, lt } from './compare.js';
import { defineOp, recordGrad } from './define.js';
import { sumToShape } from './reduce-grad.js';
import { log, neg } from './unary.js';
import type { TensorLike } from './util.js';
import { contiguousData, empty, stridedAs, toTensor } from './util.js';

/** Turns the two operands into tensors; a number takes the other operand's dtype. */
export function operands(a: TensorLike, b: TensorLike, op: string): [Tensor, Tensor] {
  if (a instanceof Tensor) return [a, toTensor(b, a, 'b', op)];
  if (b instanceof Tensor) return [toTensor(a, b, 'a', op), b];
  throw new DeeptraceError(`${op}: at least one operand must be a Tensor, got two numbers`, {
    hint: 'use plain arithmetic for numbers, or wrap one in scalar(...)',
  });
}

/** Computes `kernel(a, b)` with broadcasting in `dtype` (default: the promoted type). No graph. */
export function binaryForward(op: string, kernel: BinaryKernel, a: Tensor, b: Tensor, dtype?: DType): Tensor {
  const computeType = dtype ?? promoteTypes(a.dtype, b.dtype);
  const shape = broadcastShapes(op, a.shape, b.shape);
  const ac = a.dtype === computeType ? a : contiguousData(a, computeType);
  const bc = b.dtype === computeType ? b : contiguousData(b, computeType);
  const out = empty(shape, computeType);
  getBackend().binary(kernel, stridedAs(ac, shape), stridedAs(bc, shape), out.storage, shape);
  return out;
}

type BinaryBackward = (grad: Tensor, a: Tensor, b: Tensor, out: Tensor) => [Tensor | null, Tensor | null];

function binaryOp(name: string, kernel: BinaryKernel, backward: BinaryBackward, floatOnly = false) {
  return defineOp(name, (x: TensorLike, y: TensorLike): Tensor => {
    const [a, b] = operands(x, y, name);
    let dtype = promoteTypes(a.dtype, b.dtype);
    if (floatOnly && dtype === 'int32') dtype = 'float32';
    const out = binaryForward(name, kernel, a, b, dtype);
    return recordGrad(name, out, [a, b], (g) => {
      const [ga, gb] = backward(g, a, b, out);
      return [
        ga !== null && a.requiresGrad ? sumToShape(ga, a.shape) : null,
        gb !== null && b.requiresGrad ? sumToShape(gb, b.shape) : null,
      ];
    });
  });
}

export const add = binaryOp('add', 'add', (g) => [g, g]);
export const sub = binaryOp('sub', 'sub', (g) => [g, neg(g)]);
export const mul = binaryOp('mul', 'mul', (g, a, b) => [mul(g, b), mul(g, a)]);
// d(a/b)/db = -a/b² = -out/b
export const div = binaryOp('div', 'div', (g, _a, b, out) => [div(g, b), neg(div(mul(g, out), b))], true);
// d(a^b)/da = b·a^(b-1); d(a^b)/db = a^b·ln(a), only computed when b needs it.
export const pow = binaryOp('pow', 'pow', (g, a, b, out) => [
  a.requiresGrad ? mul(g, mul(b, pow(a, sub(b, 1)))) : null,
  b.requiresGrad ? mul(g, mul(out, log(a))) : null,
]);

/** Where a and b tie, each receives half the gradient (as PyTorch does). */
function tieSplit(winner: Tensor, tie: Tensor): Tensor {
  return add(winner, mul(tie, 0.5));
}

export const maximum = binaryOp('maximum', 'maximum', (g, a, b) => {
  const share = tieSplit(gt(a, b), eq(a, b));
  return [mul(g, share), mul(g, sub(1, share))];
});
export const minimum = binaryOp('minimum', 'minimum', (g, a, b) => {
  const share = tieSplit(lt(a, b), eq(a, b));
  return [mul(g, share), mul(g, sub(1, share))];
});

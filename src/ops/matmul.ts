import { getBackend } from '../backend/registry.js';
import type { FloatArray } from '../backend/backend.js';
import { DTypeError, ShapeError, formatShape } from '../errors/index.js';
import { promoteTypes } from '../tensor/dtype.js';
import { broadcastShapes, sizeOf } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { defineOp, recordGrad } from './define.js';
import { sumToShape } from './reduce-grad.js';
import { squeeze, transpose, unsqueeze } from './shape.js';
import { checkTensor, contiguousData, empty } from './util.js';

/**
 * Reads a matrix batch for GEMM without copying when the last two axes are row-major or
 * column-major (a transposed view): returns the data and whether it is transposed.
 */
function gemmOperand(t: Tensor): { data: Tensor; transposed: boolean } {
  const nd = t.ndim;
  const rows = t.shape[nd - 2]!;
  const cols = t.shape[nd - 1]!;
  const batchContiguous = (x: Tensor): boolean => {
    let expected = rows * cols;
    for (let i = nd - 3; i >= 0; i--) {
      if (x.shape[i] !== 1 && x.strides[i] !== expected) return false;
      expected *= x.shape[i]!;
    }
    return true;
  };
  const rowMajor = (t.strides[nd - 1] === 1 || cols === 1) && (t.strides[nd - 2] === cols || rows === 1);
  if (rowMajor && batchContiguous(t)) return { data: t, transposed: false };
  const colMajor = (t.strides[nd - 2] === 1 || rows === 1) && (t.strides[nd - 1] === rows || cols === 1);
  if (colMajor && batchContiguous(t) && !rowMajor) return { data: t, transposed: true };
  return { data: contiguousData(t), transposed: false };
}

/** Batched product of tensors with at least 2 dims, batch dims broadcast (no graph). */
function batchedMatmul(a: Tensor, b: Tensor): Tensor {
  const m = a.shape[a.ndim - 2]!;
  const k = a.shape[a.ndim - 1]!;
  const n = b.shape[b.ndim - 1]!;
  const batchShape = broadcastShapes('matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = sizeOf(batchShape);
  const dtype = promoteTypes(a.dtype, b.dtype);
  // Broadcast operands are expanded to the full batch unless they have a single matrix.
  const prepare = (t: Tensor): { data: Tensor; transposed: boolean; stride: number } => {
    const single = sizeOf(t.shape.slice(0, -2)) === 1;
    const full = single ? t : t.expand(...batchShape, t.shape[t.ndim - 2]!, t.shape[t.ndim - 1]!);
    const op = gemmOperand(t.dtype === dtype ? full : contiguousData(full, dtype));
    const matrix = t.shape[t.ndim - 2]! * t.shape[t.ndim - 1]!;
    return { ...op, stride: single ? 0 : matrix };
  };
  const pa = prepare(a);
  const pb = prepare(b);
  const out = empty([...batchShape, m, n], dtype);
  getBackend().gemm({
    a: pa.data.storage as FloatArray,
    b: pb.data.storage as FloatArray,
    c: out.storage as FloatArray,
    m,
    n,
    k,
    transA: pa.transposed,
    transB: pb.transposed,
    accumulate: false,
    batch,
    aOffset: pa.data.offset,
    bOffset: pb.data.offset,
    cOffset: 0,
    aBatchStride: pa.stride,
    bBatchStride: pb.stride,
    cBatchStride: m * n,
  });
  return out;
}

/**
 * dL/db = aᵀ·g. When b is a transposed view of a row-major matrix (x · W.T in a linear layer),
 * it is computed as (gᵀ·a)ᵀ instead: the same values, laid out like W, so the gradient that
 * reaches W needs no transposing copy.
 */
function rightGrad(a: Tensor, b: Tensor, g: Tensor): Tensor {
  const transposedMatrix = a.ndim === 2 && b.ndim === 2 && b.strides[0] === 1 && b.strides[1] === b.shape[0] && b.shape[0]! > 1;
  return transposedMatrix ? transpose(matmul(transpose(g), a)) : matmul(transpose(a), g);
}

/**
 * Matrix product with NumPy's rules: 1-D operands are promoted to a row / column vector and
 * the added axis removed; leading (batch) dimensions broadcast.
 */
export const matmul = defineOp('matmul', (x: Tensor, y: Tensor): Tensor => {
  checkTensor(x, 'a', 'matmul');
  checkTensor(y, 'b', 'matmul');
  if (x.dtype === 'int32' || y.dtype === 'int32') {
    throw new DTypeError(`matmul: expected float tensors, got ${x.dtype} and ${y.dtype}`, { hint: "cast with x.cast('float32')" });
  }
  if (x.ndim === 0 || y.ndim === 0) throw new ShapeError(`matmul: both operands need at least 1 dimension, got ${formatShape(x.shape)} x ${formatShape(y.shape)}`);
  const a = x.ndim === 1 ? unsqueeze(x, 0) : x;
  const b = y.ndim === 1 ? unsqueeze(y, 1) : y;
  if (a.shape[a.ndim - 1] !== b.shape[b.ndim - 2]) {
    throw new ShapeError(`matmul: inner dimensions differ: ${formatShape(x.shape)} x ${formatShape(y.shape)}`, {
      expected: `b.shape[-2] = ${a.shape[a.ndim - 1]}`,
      got: b.shape[b.ndim - 2],
      hint: `the last dimension of a (${a.shape[a.ndim - 1]}) must equal the second-to-last of b (${b.shape[b.ndim - 2]}); transpose or reshape an operand`,
    });
  }
  let out = batchedMatmul(a, b);
  out = recordGrad('matmul', out, [a, b], (g) => [
    a.requiresGrad ? sumToShape(matmul(g, transpose(b)), a.shape) : null,
    b.requiresGrad ? sumToShape(rightGrad(a, b, g), b.shape) : null,
  ]);
  if (x.ndim === 1) out = squeeze(out, -2);
  if (y.ndim === 1) out = squeeze(out, -1);
  return out;
});

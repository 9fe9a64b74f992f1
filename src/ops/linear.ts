import { getBackend } from '../backend/registry.js';
import type { FloatArray } from '../backend/backend.js';
import { DTypeError, ShapeError, formatShape } from '../errors/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { defineOp, recordGrad } from './define.js';
import { matmul } from './matmul.js';
import { sum } from './reduce.js';
import { reshape, transpose } from './shape.js';
import { checkTensor, contiguousData, empty } from './util.js';

/**
 * x·Wᵀ + b for x [rows, in] as one GEMM whose output rows start as the bias (accumulated onto,
 * so no broadcast add and no temporary); gradients dx = g·W, dW = gᵀ·x (laid out like W),
 * db = Σ_rows g, each a differentiable op, so backward with createGraph works through it.
 */
function linear2d(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const [rows, inFeatures] = x.shape as [number, number];
  const outFeatures = weight.shape[0]!;
  const xd = contiguousData(x);
  const wd = contiguousData(weight);
  const out = empty([rows, outFeatures], x.dtype);
  const os = out.storage as FloatArray;
  if (bias !== null) {
    const b = contiguousData(bias);
    const row = b.storage.subarray(b.offset, b.offset + outFeatures);
    for (let r = 0; r < rows; r++) os.set(row, r * outFeatures);
  }
  getBackend().gemm({
    a: xd.storage as FloatArray, b: wd.storage as FloatArray, c: os, m: rows, n: outFeatures, k: inFeatures,
    transA: false, transB: true, accumulate: bias !== null, batch: 1,
    aOffset: xd.offset, bOffset: wd.offset, cOffset: 0, aBatchStride: 0, bBatchStride: 0, cBatchStride: 0,
  });
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  return recordGrad('linear', out, inputs, (g) => [
    x.requiresGrad ? matmul(g, weight) : null,
    weight.requiresGrad ? matmul(transpose(g), x) : null,
    ...(bias === null ? [] : [bias.requiresGrad ? sum(g, 0) : null]),
  ]);
}

/**
 * Affine map y = x·Wᵀ + b (torch.nn.functional.linear): input [*, in], weight [out, in], bias
 * [out] or null → [*, out]. Leading axes are flattened into rows for one GEMM.
 * @example linear(x, layer.weight, layer.bias)
 */
export const linear = defineOp('linear', (input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor => {
  checkTensor(input, 'input', 'linear');
  checkTensor(weight, 'weight', 'linear');
  if (weight.ndim !== 2 || input.ndim < 1 || input.shape[input.ndim - 1] !== weight.shape[1]) {
    throw new ShapeError(`linear: input ${formatShape(input.shape)} and weight ${formatShape(weight.shape)} do not fit: expected input [*, in] and weight [out, in]`, {
      hint: 'the last axis of the input must equal the second axis of the weight',
    });
  }
  if (bias !== null && (checkTensor(bias, 'bias', 'linear').ndim !== 1 || bias.shape[0] !== weight.shape[0])) {
    throw new ShapeError(`linear: bias must have shape [${weight.shape[0]}], got ${formatShape(bias.shape)}`);
  }
  const dtypes = [input.dtype, weight.dtype, ...(bias === null ? [] : [bias.dtype])];
  if (dtypes.includes('int32')) throw new DTypeError(`linear: expected float tensors, got ${dtypes.join(', ')}`, { hint: "cast with x.cast('float32')" });
  if (dtypes.some((d) => d !== input.dtype)) {
    // Mixed float dtypes: the composite ops promote as usual.
    const y = matmul(input, transpose(weight));
    return bias === null ? y : y.add(bias);
  }
  if (input.ndim === 2) return linear2d(input, weight, bias);
  const rows = reshape(input, [-1, weight.shape[1]!]);
  return reshape(linear2d(rows, weight, bias), [...input.shape.slice(0, -1), weight.shape[0]!]);
});

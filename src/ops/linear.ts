import { getBackend } from '../backend/registry.js';
import type { FloatArray } from '../backend/backend.js';
import { DTypeError, ShapeError, formatShape } from '../errors/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { leafGradientTarget } from '../autograd/leaf-gradients.js';
import { mul } from './binary.js';
import { gt } from './compare.js';
import { defineOp, recordGrad } from './define.js';
import { matmul } from './matmul.js';
import { sum } from './reduce.js';
import { reshape, transpose } from './shape.js';
import { checkTensor, contiguousData, empty } from './util.js';

/**
 * x·Wᵀ + b for x [rows, in] as one GEMM whose output rows start as the bias (accumulated onto,
 * so no broadcast add and no temporary), with `relu` the ReLU applied by the GEMM to its output;
 * gradients (through the ReLU's mask g·(out > 0)) dx = g·W, dW = gᵀ·x (laid out like W),
 * db = Σ_rows g: in one call of the backend's linear kernels where it has them, else (and for
 * backward with createGraph) as differentiable ops.
 */
function linear2d(x: Tensor, weight: Tensor, bias: Tensor | null, relu: boolean): Tensor {
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
    ...(relu ? { epilogue: 'relu' as const } : {}),
  });
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  return recordGrad(relu ? 'linearRelu' : 'linear', out, inputs, (g) => {
    const fused = fusedGradients(g, x, weight, bias, relu ? out : null);
    if (fused !== null) return fused;
    const pre = relu ? mul(g, gt(out, 0)) : g;
    return [
      x.requiresGrad ? matmul(pre, weight) : null,
      weight.requiresGrad ? matmul(transpose(pre), x) : null,
      ...(bias === null ? [] : [bias.requiresGrad ? sum(pre, 0) : null]),
    ];
  });
}

/**
 * The gradients from the backend's one-call kernels (float32, not recorded), or null where it
 * has none, the dtypes differ, or grad mode is on (backward with createGraph). The weight's and
 * bias's gradients are added straight into their `.grad` where backward allows it
 * (leafGradientTarget), and null is returned for them.
 */
function fusedGradients(g: Tensor, x: Tensor, weight: Tensor, bias: Tensor | null, out: Tensor | null): (Tensor | null)[] | null {
  const kernels = getBackend().linear;
  if (kernels === undefined || isGradEnabled() || ![g, x, weight, ...(bias === null ? [] : [bias])].every((t) => t.dtype === 'float32')) return null;
  const [rows, inF] = x.shape as [number, number];
  const outF = weight.shape[0]!;
  const f32 = (t: Tensor): Float32Array => t.storage as Float32Array;
  const gd = contiguousData(g);
  const dwInto = weight.requiresGrad ? leafGradientTarget(weight) : null;
  const dbInto = bias?.requiresGrad === true ? leafGradientTarget(bias) : null;
  const dx = x.requiresGrad ? empty([rows, inF], 'float32') : null;
  const dw = weight.requiresGrad && dwInto === null ? empty([outF, inF], 'float32') : null;
  const db = bias?.requiresGrad === true && dbInto === null ? empty([outF], 'float32') : null;
  const xd = weight.requiresGrad ? contiguousData(x) : null;
  const wd = dx === null ? null : contiguousData(weight);
  const [dwTarget, dbTarget] = [dwInto ?? dw, dbInto ?? db];
  const grads = {
    dx: dx && f32(dx), dw: dwTarget && f32(dwTarget), db: dbTarget && f32(dbTarget),
    accumulate: { dw: dwInto !== null, db: dbInto !== null },
  };
  if (!kernels.backward(f32(gd), gd.offset, out && f32(out), 0, xd && f32(xd), xd?.offset ?? 0, wd && f32(wd), wd?.offset ?? 0, grads, { rows, inF, outF })) return null;
  return [dx, dw, ...(bias === null ? [] : [db])];
}

/**
 * Affine map y = x·Wᵀ + b (torch.nn.functional.linear): input [*, in], weight [out, in], bias
 * [out] or null → [*, out]. Leading axes are flattened into rows for one GEMM.
 * @example linear(x, layer.weight, layer.bias)
 */
export const linear = defineOp('linear', (input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor => affine('linear', input, weight, bias, false));

/**
 * relu(linear(input, weight, bias)) as one op: the ReLU runs in the GEMM's output and its
 * gradient mask with the layer's gradients (Sequential runs Linear → ReLU through it). Same
 * values and gradients as the two ops.
 */
export const linearRelu = defineOp('linearRelu', (input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor => affine('linearRelu', input, weight, bias, true));

function affine(op: string, input: Tensor, weight: Tensor, bias: Tensor | null, relu: boolean): Tensor {
  checkTensor(input, 'input', op);
  checkTensor(weight, 'weight', op);
  if (weight.ndim !== 2 || input.ndim < 1 || input.shape[input.ndim - 1] !== weight.shape[1]) {
    throw new ShapeError(`${op}: input ${formatShape(input.shape)} and weight ${formatShape(weight.shape)} do not fit: expected input [*, in] and weight [out, in]`, {
      hint: 'the last axis of the input must equal the second axis of the weight',
    });
  }
  if (bias !== null && (checkTensor(bias, 'bias', op).ndim !== 1 || bias.shape[0] !== weight.shape[0])) {
    throw new ShapeError(`${op}: bias must have shape [${weight.shape[0]}], got ${formatShape(bias.shape)}`);
  }
  const dtypes = [input.dtype, weight.dtype, ...(bias === null ? [] : [bias.dtype])];
  if (dtypes.includes('int32')) throw new DTypeError(`${op}: expected float tensors, got ${dtypes.join(', ')}`, { hint: "cast with x.cast('float32')" });
  if (dtypes.some((d) => d !== input.dtype)) {
    // Mixed float dtypes: the composite ops promote as usual.
    const y = matmul(input, transpose(weight));
    const z = bias === null ? y : y.add(bias);
    return relu ? z.relu() : z;
  }
  if (input.ndim === 2) return linear2d(input, weight, bias, relu);
  const rows = reshape(input, [-1, weight.shape[1]!]);
  return reshape(linear2d(rows, weight, bias, relu), [...input.shape.slice(0, -1), weight.shape[0]!]);
}

import { isGradEnabled } from '../autograd/grad-mode.js';
import type { UnaryBackwardKernel, UnaryKernel } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import { add, div, mul, sub } from './binary.js';
import { gt } from './compare.js';
import { defineOp, recordGrad } from './define.js';
import { where } from './where.js';
import { checkTensor, contiguousData, empty, floatTypeOf } from './util.js';

/** dL/dx from dL/dout, the input and the output. */
type UnaryBackward = (grad: Tensor, x: Tensor, out: Tensor) => Tensor;

interface UnarySpec {
  readonly kernel: UnaryKernel;
  /** Keeps int32 inputs int32 (neg, abs, relu, square); others compute in float. */
  readonly keepsInt?: boolean;
  readonly backward: UnaryBackward | null;
}

function applyUnary(name: string, spec: UnarySpec, input: Tensor, alpha = 0): Tensor {
  const x = checkTensor(input, 'x', name);
  const dtype = spec.keepsInt === true ? x.dtype : floatTypeOf(x);
  const src = contiguousData(x, dtype);
  const out = empty(x.shape, dtype);
  getBackend().unary(spec.kernel, src.offset === 0 ? src.storage : src.storage.subarray(src.offset, src.offset + src.size), out.storage, alpha);
  const backward = spec.backward;
  if (backward === null) return out;
  return recordGrad(name, out, [x], (g) => [backward(g, x, out)]);
}

/**
 * dL/dx in one pass of the backend's fused kernel, or null where the composite ops must run:
 * when grad mode is on (backward with createGraph records the composite, which is
 * differentiable) or the dtypes or shapes differ.
 */
function fusedBackward(op: UnaryBackwardKernel, g: Tensor, at: Tensor, alpha = 0): Tensor | null {
  if (isGradEnabled() || g.dtype !== at.dtype || at.dtype === 'int32' || g.size !== at.size || g.ndim !== at.ndim) return null;
  if (!g.shape.every((d, i) => d === at.shape[i])) return null;
  const gd = contiguousData(g);
  const ad = contiguousData(at);
  const out = empty(at.shape, at.dtype);
  const view = (t: Tensor) => (t.offset === 0 && t.storage.length === t.size ? t.storage : t.storage.subarray(t.offset, t.offset + t.size));
  getBackend().unaryBackward(op, view(ad), view(gd), out.storage, alpha);
  return out;
}

function unaryOp(name: string, spec: UnarySpec): (x: Tensor) => Tensor {
  return defineOp(name, (x: Tensor) => applyUnary(name, spec, x), { differentiable: spec.backward !== null });
}

const sqrtTwoOverPi = Math.sqrt(2 / Math.PI);
const twoOverSqrtPi = 2 / Math.sqrt(Math.PI);

export const neg = unaryOp('neg', { kernel: 'neg', keepsInt: true, backward: (g) => neg(g) });
export const abs = unaryOp('abs', { kernel: 'abs', keepsInt: true, backward: (g, x) => mul(g, sign(x)) });
export const sign = unaryOp('sign', { kernel: 'sign', keepsInt: true, backward: null });
export const exp = unaryOp('exp', { kernel: 'exp', backward: (g, _x, out) => mul(g, out) });
export const log = unaryOp('log', { kernel: 'log', backward: (g, x) => div(g, x) });
export const log1p = unaryOp('log1p', { kernel: 'log1p', backward: (g, x) => div(g, add(x, 1)) });
export const sqrt = unaryOp('sqrt', { kernel: 'sqrt', backward: (g, _x, out) => div(mul(g, 0.5), out) });
// d/dx x^(-1/2) = -1/2 · x^(-3/2) = -1/2 · out³
export const rsqrt = unaryOp('rsqrt', {
  kernel: 'rsqrt',
  backward: (g, _x, out) => mul(g, mul(mul(out, mul(out, out)), -0.5)),
});
export const square = unaryOp('square', { kernel: 'square', keepsInt: true, backward: (g, x) => mul(g, mul(x, 2)) });
export const reciprocal = unaryOp('reciprocal', {
  kernel: 'reciprocal',
  backward: (g, _x, out) => neg(mul(g, mul(out, out))),
});
export const sin = unaryOp('sin', { kernel: 'sin', backward: (g, x) => mul(g, cos(x)) });
export const cos = unaryOp('cos', { kernel: 'cos', backward: (g, x) => neg(mul(g, sin(x))) });
export const tanh = unaryOp('tanh', { kernel: 'tanh', backward: (g, _x, out) => fusedBackward('tanh', g, out) ?? mul(g, sub(1, mul(out, out))) });
export const sigmoid = unaryOp('sigmoid', {
  kernel: 'sigmoid',
  backward: (g, _x, out) => fusedBackward('sigmoid', g, out) ?? mul(g, mul(out, sub(1, out))),
});
export const relu = unaryOp('relu', { kernel: 'relu', keepsInt: true, backward: (g, x) => fusedBackward('relu', g, x) ?? mul(g, gt(x, 0)) });
export const softplus = unaryOp('softplus', { kernel: 'softplus', backward: (g, x) => mul(g, sigmoid(x)) });
// d/dx erf(x) = 2/√π · exp(-x²)
export const erf = unaryOp('erf', { kernel: 'erf', backward: (g, x) => mul(g, mul(exp(neg(mul(x, x))), twoOverSqrtPi)) });
// GELU(x) = x·Φ(x); its derivative is Φ(x) + x·φ(x), φ the standard normal density.
export const gelu = unaryOp('gelu', {
  kernel: 'gelu',
  backward: (g, x) => {
    const cdf = mul(add(erf(mul(x, Math.SQRT1_2)), 1), 0.5);
    const pdf = mul(exp(mul(mul(x, x), -0.5)), sqrtTwoOverPi * 0.5);
    return mul(g, add(cdf, mul(x, pdf)));
  },
});

/** LeakyReLU: x for x > 0, negativeSlope·x otherwise. @default negativeSlope 0.01 */
export const leakyRelu = defineOp('leakyRelu', (x: Tensor, negativeSlope = 0.01): Tensor =>
  applyUnary('leakyRelu', {
    kernel: 'leakyRelu',
    backward: (g, input) => fusedBackward('leakyRelu', g, input, negativeSlope) ?? mul(g, where(gt(input, 0), 1, negativeSlope)),
  }, x, negativeSlope),
);

/** ELU (Clevert et al. 2016): x for x > 0, alpha·(exp(x) - 1) otherwise. @default alpha 1 */
export const elu = defineOp('elu', (x: Tensor, alpha = 1): Tensor =>
  applyUnary('elu', {
    kernel: 'elu',
    // For x <= 0 the derivative alpha·exp(x) equals out + alpha.
    backward: (g, input, out) => mul(g, where(gt(input, 0), 1, add(out, alpha))),
  }, x, alpha),
);

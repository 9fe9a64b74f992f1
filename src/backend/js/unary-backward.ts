import type { TypedArray } from '../../tensor/dtype.js';
import type { UnaryBackwardKernel } from '../backend.js';

type Round = (v: number) => number;
type GradFn = (g: number, at: number, alpha: number, round: Round) => number;

const identity: Round = (v) => v;

// Each derivative rounds its intermediate values to the array's precision, so float32 results
// equal those of the composite ops (mul(g, gt(x, 0)), mul(g, mul(y, sub(1, y))), ...).
const gradFns: Record<UnaryBackwardKernel, GradFn> = {
  // relu'(x) = 1 for x > 0, else 0 (also at 0 and NaN, as gt(x, 0) gives).
  relu: (g, x) => g * (x > 0 ? 1 : 0),
  leakyRelu: (g, x, alpha, round) => g * (x > 0 ? 1 : round(alpha)),
  // σ'(x) = y(1 - y) and tanh'(x) = 1 - y², from the forward output y.
  sigmoid: (g, y, _alpha, round) => g * round(y * round(1 - y)),
  tanh: (g, y, _alpha, round) => g * round(1 - round(y * y)),
};

/**
 * Reference fused activation backward: out[i] = grad[i] · f'(·) evaluated from `at`, the
 * forward input (relu, leakyRelu with slope `alpha`) or the forward output (sigmoid, tanh).
 */
export function unaryBackward(op: UnaryBackwardKernel, at: TypedArray, grad: TypedArray, out: TypedArray, alpha: number): void {
  const f = gradFns[op];
  const round = out instanceof Float32Array ? Math.fround : identity;
  for (let i = 0; i < out.length; i++) out[i] = f(grad[i]!, at[i]!, alpha, round);
}

import { isGradEnabled } from '../autograd/grad-mode.js';
import type { BackwardFn } from '../autograd/node.js';
import { GradNode } from '../autograd/node.js';
import type { Tensor } from '../tensor/tensor.js';

/** What the op registry knows of each op. */
export interface OpInfo {
  readonly name: string;
  /** Whether the op has a gradient (and so must have a gradcheck test). */
  readonly differentiable: boolean;
}

const registry = new Map<string, OpInfo>();

/**
 * Declares an op: registers its name (so tests can check that every differentiable op has a
 * gradcheck) and returns the function unchanged. Inside, the op computes its forward through
 * the backend and attaches its vector–Jacobian product with `recordGrad`.
 */
export function defineOp<F extends (...args: never[]) => unknown>(
  name: string,
  fn: F,
  options: { differentiable?: boolean } = {},
): F {
  registry.set(name, { name, differentiable: options.differentiable ?? true });
  return fn;
}

/** Every op defined so far (all of them once `ops/index.ts` is loaded). */
export function listOps(): OpInfo[] {
  return [...registry.values()];
}

/**
 * Records `out = op(inputs)` in the graph when grad mode is on and an input requires a
 * gradient. `backward` maps dL/d(out) to dL/d(input) for each input, in order.
 */
export function recordGrad(op: string, out: Tensor, inputs: readonly Tensor[], backward: BackwardFn): Tensor {
  if (!isGradEnabled() || !inputs.some((t) => t.requiresGrad)) return out;
  out.requiresGrad = true;
  out.gradFn = new GradNode(op, inputs, backward);
  return out;
}

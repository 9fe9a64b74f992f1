import assert from 'node:assert/strict';
import { grad, gradcheck, withGradMode } from '../../src/autograd/index.js';
import { concat, reshape } from '../../src/ops/index.js';
import { Generator, randn } from '../../src/tensor/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import { forEachBackend } from '../helpers/backends.js';
import { gradcheckCases } from './gradcheck-cases.js';

/**
 * Second-order gradchecks: for every case f, checks x ↦ ∇ₓ sum(w·f(x)²) (computed by backward
 * with createGraph) against finite differences. The upstream gradient 2w·f(x) depends on x, so
 * every op's backward must itself be recorded and differentiable, including backwards that run
 * raw kernels (conv2d, pooling, slice, gather, indexSelect).
 */
function firstGradient(fn: (...inputs: Tensor[]) => Tensor, weight: () => Tensor): (...inputs: Tensor[]) => Tensor {
  return (...inputs) =>
    // Grad mode on even inside gradcheck's finite differences: the function is itself a backward.
    withGradMode(true, () => {
      const out = fn(...inputs);
      const loss = out.mul(out).mul(weight()).sum();
      const grads = grad(loss, inputs.filter((t) => t.requiresGrad), { createGraph: true });
      return concat(grads.map((g) => reshape(g, [-1])));
    });
}

forEachBackend('second-order gradcheck', ({ it: test }) => {
  for (const [op, cases] of Object.entries(gradcheckCases)) {
    cases.forEach((c, index) => {
      if (c.secondOrder === false) return;
      test(`${op}: ${c.title}`, () => {
        const inputs = c.inputs();
        const shape = c.fn(...inputs).shape;
        let w: Tensor | undefined;
        const weight = () => (w ??= randn(shape, { dtype: 'float64', generator: new Generator(index + 1) }));
        assert.equal(gradcheck(firstGradient(c.fn, weight), inputs, c.options).passed, true);
      });
    });
  }
});

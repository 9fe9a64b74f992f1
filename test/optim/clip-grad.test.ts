import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NumericError } from '../../src/errors/index.js';
import { clipGradNorm, clipGradValue } from '../../src/optim/clip-grad.js';
import { add } from '../../src/ops/index.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../helpers/assert-close.js';

function withGrad(values: number[], grad: number[], name?: string): ReturnType<typeof tensor> {
  const p = tensor(values, { dtype: 'float64', requiresGrad: true });
  p.grad = tensor(grad, { dtype: 'float64' });
  if (name !== undefined) p.name = name;
  return p;
}

describe('clipGradNorm', () => {
  it('returns the total 2-norm and scales by maxNorm/(norm + 1e-6)', () => {
    const a = withGrad([0, 0], [3, 0]);
    const b = withGrad([0], [4]);
    const norm = clipGradNorm([a, b], 1);
    assert.equal(norm, 5); // √(9 + 16)
    const c = 1 / (5 + 1e-6);
    assertClose(a.grad!, [3 * c, 0], f64);
    assertClose(b.grad!, [4 * c], f64);
  });

  it('leaves gradients alone when the norm is within maxNorm', () => {
    const a = withGrad([0, 0], [0.3, -0.4]);
    assertClose(clipGradNorm([a], 1), 0.5, f64);
    assertClose(a.grad!, [0.3, -0.4], f64);
  });

  it('supports the max norm and other p-norms, and skips parameters without gradients', () => {
    const a = withGrad([0, 0], [3, -5]);
    const none = tensor([1], { requiresGrad: true });
    assert.equal(clipGradNorm([a, none], 10, { normType: Infinity }), 5);
    assertClose(clipGradNorm([a], 100, { normType: 1 }), 8, f64);
    assertClose(clipGradNorm([a], 100, { normType: 3 }), Math.cbrt(27 + 125), f64);
    assert.equal(none.grad, null);
  });

  it('scales shared gradient storage once per parameter', () => {
    // x + y hands both leaves the same upstream gradient storage.
    const x = tensor([0, 0], { dtype: 'float64', requiresGrad: true });
    const y = tensor([0, 0], { dtype: 'float64', requiresGrad: true });
    add(x, y).backward(tensor([3, 4], { dtype: 'float64' }));
    const norm = clipGradNorm([x, y], 1);
    assertClose(norm, Math.sqrt(50), f64);
    const c = 1 / (Math.sqrt(50) + 1e-6);
    assertClose(x.grad!, [3 * c, 4 * c], f64);
    assertClose(y.grad!, [3 * c, 4 * c], f64);
  });

  it('errorIfNonfinite names the parameters with non-finite gradients', () => {
    const ok = withGrad([0], [1], 'fc.bias');
    const bad = withGrad([0, 0], [Number.NaN, 1], 'fc.weight');
    const inf = withGrad([0], [Infinity]);
    assertThrowsWith(() => clipGradNorm([ok, bad, inf], 1, { errorIfNonfinite: true }), NumericError, ["'fc.weight'", 'params[2]', 'NaN']);
    assert.ok(Number.isNaN(clipGradNorm([ok, bad], 1)));
  });
});

describe('clipGradValue', () => {
  it('clamps each gradient value into [-c, c]', () => {
    const a = withGrad([0, 0, 0], [2, -3, 0.5]);
    clipGradValue([a], 1);
    assertClose(a.grad!, [1, -1, 0.5], f64);
  });
});

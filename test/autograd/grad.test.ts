import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grad } from '../../src/autograd/index.js';
import { AutogradError } from '../../src/errors/index.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose, f64 } from '../helpers/assert-close.js';

const f64opts = { dtype: 'float64', requiresGrad: true } as const;

describe('grad(outputs, inputs)', () => {
  it('returns the gradients and leaves every .grad untouched', () => {
    const x = tensor([1, 2], f64opts);
    const y = tensor([3, 4], f64opts);
    const [gx, gy] = grad(x.mul(y).sum(), [x, y]);
    assertClose(gx!, [3, 4], f64);
    assertClose(gy!, [1, 2], f64);
    assert.equal(x.grad, null);
    assert.equal(y.grad, null);
  });

  it('can differentiate with respect to an intermediate tensor', () => {
    const x = tensor([1, 2], f64opts);
    const h = x.mul(3);
    const [gh] = grad(h.mul(h).sum(), h);
    assertClose(gh!, [6, 12], f64);
  });

  it('takes gradOutputs for non-scalar outputs', () => {
    const x = tensor([1, 2], f64opts);
    const [gx] = grad(x.exp(), [x], { gradOutputs: [tensor([1, 2], { dtype: 'float64' })] });
    assertClose(gx!, [Math.E, 2 * Math.exp(2)], f64);
  });

  it('an unused input gets zeros, or an error with allowUnused: false', () => {
    const x = tensor([1, 2], f64opts);
    const unused = tensor([5], f64opts);
    const [, gu] = grad(x.sum(), [x, unused], { retainGraph: true });
    assertClose(gu!, [0], f64);
    assert.throws(() => grad(x.sum(), [x, unused], { allowUnused: false }), AutogradError);
  });

  it('createGraph keeps the graph by default (retainGraph defaults to createGraph), as in PyTorch', () => {
    const x = tensor([0.5, 2], f64opts);
    const y = x.div(x.add(1)).sum(); // d/dx = 1/(x+1)², d² = -2/(x+1)³; div's backward reuses its output
    const [g] = grad(y, x, { createGraph: true });
    const [h] = grad(g!.sum(), x);
    assertClose(h!, [-2 / 1.5 ** 3, -2 / 27], f64);
  });

  it('createGraph gives differentiable gradients (Hessian-vector products)', () => {
    const x = tensor([1, 2], f64opts);
    const [g] = grad(x.pow(3).sum(), x, { createGraph: true }); // 3x²
    const [h] = grad(g!.sum(), x); // 6x
    assertClose(h!, [6, 12], f64);
  });
});

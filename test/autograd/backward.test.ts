import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noGrad } from '../../src/autograd/index.js';
import { prod } from '../../src/ops/index.js';
import { ones, tensor } from '../../src/tensor/index.js';
import { assertClose, f64 } from '../helpers/assert-close.js';

const f64opts = { dtype: 'float64', requiresGrad: true } as const;

describe('backward', () => {
  it('computes gradients of a scalar through a small graph (hand-derived)', () => {
    // L = sum(x*y + x^2) → dL/dx = y + 2x, dL/dy = x
    const x = tensor([1, 2, 3], f64opts);
    const y = tensor([4, 5, 6], f64opts);
    x.mul(y).add(x.mul(x)).sum().backward();
    assertClose(x.grad!, [6, 9, 12], f64);
    assertClose(y.grad!, [1, 2, 3], f64);
  });

  it('a tensor used twice receives the sum of both paths', () => {
    const x = tensor(3, f64opts);
    const y = x.mul(x).mul(x); // x³ → 3x² = 27
    y.backward();
    assertClose(x.grad!, 27, f64);
  });

  it('takes an explicit upstream gradient for a non-scalar output', () => {
    const x = tensor([1, 2, 3], f64opts);
    x.mul(2).backward(tensor([1, 0.5, -1], { dtype: 'float64' }));
    assertClose(x.grad!, [2, 1, -2], f64);
  });

  it('gradients accumulate across backward calls until zeroGrad', () => {
    const x = tensor([1, 2], f64opts);
    x.mul(3).sum().backward();
    x.mul(x).sum().backward();
    assertClose(x.grad!, [3 + 2, 3 + 4], f64);
    x.zeroGrad();
    assert.equal(x.grad, null);
    x.sum().backward();
    assertClose(x.grad!, [1, 1], f64);
  });

  it('broadcast inputs get gradients reduced to their own shape', () => {
    const w = tensor([[1, 2, 3]], f64opts); // [1,3]
    const b = tensor(0.5, f64opts); // []
    const x = ones([4, 3], { dtype: 'float64' });
    x.mul(w).add(b).sum().backward();
    assertClose(w.grad!, [[4, 4, 4]], f64);
    assertClose(b.grad!, 12, f64);
  });

  it('non-leaves keep no .grad unless retainGrad() was called', () => {
    const x = tensor([1, 2], f64opts);
    const h = x.mul(2);
    const k = x.mul(3).retainGrad();
    h.add(k).mul(h).sum().backward();
    assert.equal(h.grad, null);
    // L = sum((2x + 3x)·2x) = sum(10x²) → dL/dk = h = 2x
    assertClose(k.grad!, [2, 4], f64);
    assertClose(x.grad!, [20, 40], f64);
  });

  it('leaves that do not require grad get nothing; ops on them record nothing', () => {
    const c = tensor([1, 2], { dtype: 'float64' });
    const x = tensor([3, 4], f64opts);
    const y = c.mul(2);
    assert.equal(y.requiresGrad, false);
    assert.equal(y.gradFn, null);
    x.mul(y).sum().backward();
    assert.equal(c.grad, null);
    assertClose(x.grad!, [2, 4], f64);
  });

  it('retainGraph allows a second backward through the same graph', () => {
    const x = tensor(2, f64opts);
    const y = x.mul(x);
    y.backward(undefined, { retainGraph: true });
    y.backward();
    assertClose(x.grad!, 8, f64);
  });

  it('createGraph records the backward pass so second derivatives work', () => {
    const x = tensor(3, f64opts);
    const y = x.pow(3); // y' = 3x² = 27, y'' = 6x = 18
    y.backward(undefined, { createGraph: true });
    const dx = x.grad!;
    assertClose(dx, 27, f64);
    assert.equal(dx.requiresGrad, true);
    x.zeroGrad();
    dx.backward();
    assertClose(x.grad!, 18, f64);
  });

  it('each gradient takes the dtype of its tensor, even through dtype promotion', () => {
    const a = tensor([1, 2], { requiresGrad: true }); // float32
    const b = tensor([3, 4], f64opts);
    a.mul(b).sum().backward();
    assert.equal(a.grad!.dtype, 'float32');
    assert.equal(b.grad!.dtype, 'float64');
    assertClose(a.grad!, [3, 4]);
    const c = tensor([1, 2], { requiresGrad: true });
    c.mul(2).backward(tensor([1, 1], { dtype: 'float64' }));
    assert.equal(c.grad!.dtype, 'float32');
  });

  it('prod and norm have finite gradients at zeros (product of the others; subgradient 0)', () => {
    const p = tensor([[0, 2, 3], [0, 0, 5]], f64opts);
    prod(p, 1).sum().backward();
    assertClose(p.grad!, [[6, 0, 0], [0, 0, 0]], f64);
    const z = tensor([[0, 0], [3, 4]], f64opts);
    z.norm(2, 1).sum().backward();
    assertClose(z.grad!, [[0, 0], [0.6, 0.8]], f64);
  });

  it('the graph records op names for diagnostics', () => {
    const x = tensor([1], f64opts);
    const y = x.exp().sum();
    assert.equal(y.gradFn?.op, 'sum');
    assert.equal(y.gradFn?.inputs[0]?.gradFn?.op, 'exp');
  });
});

describe('noGrad and detach', () => {
  it('noGrad records nothing and restores grad mode afterwards, even after a throw', () => {
    const x = tensor([1, 2], f64opts);
    const y = noGrad(() => x.mul(2));
    assert.equal(y.requiresGrad, false);
    assert.equal(y.gradFn, null);
    assert.throws(() => noGrad(() => {
      throw new Error('boom');
    }));
    assert.equal(x.mul(2).requiresGrad, true);
  });

  it('detach cuts the graph: gradients do not flow through a detached value', () => {
    const x = tensor([1, 2], f64opts);
    const y = x.mul(x.detach()); // d/dx treats the second factor as a constant → x
    y.sum().backward();
    assertClose(x.grad!, [1, 2], f64);
  });
});

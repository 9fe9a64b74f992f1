import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradcheck } from '../../src/autograd/index.js';
import { AutogradError, DTypeError } from '../../src/errors/index.js';
import { defineOp, recordGrad } from '../../src/ops/index.js';
import { tensor } from '../../src/tensor/index.js';
import type { Tensor } from '../../src/tensor/index.js';

/** x² with a deliberately wrong gradient (x instead of 2x). */
const badSquare = defineOp('testBadSquare', (x: Tensor): Tensor => {
  const out = x.detach().mul(x.detach());
  return recordGrad('testBadSquare', out, [x], (g) => [g.mul(x)]);
});

/** x² with the right gradient, written the same way. */
const goodSquare = defineOp('testGoodSquare', (x: Tensor): Tensor => {
  const out = x.detach().mul(x.detach());
  return recordGrad('testGoodSquare', out, [x], (g) => [g.mul(x).mul(2)]);
});

/** A gradient that is right except for one element (the first is scaled). */
const badFirstElement = defineOp('testBadFirstElement', (x: Tensor): Tensor => {
  const out = x.detach().exp();
  return recordGrad('testBadFirstElement', out, [x], (g) => [g.mul(out).mul(tensor([1.01, 1, 1], { dtype: 'float64' }))]);
});

const x64 = () => tensor([0.5, -1.2, 2], { dtype: 'float64', requiresGrad: true });

describe('gradcheck', () => {
  it('passes a correct gradient', () => {
    const report = gradcheck(goodSquare, [x64()]);
    assert.equal(report.passed, true);
    assert.ok(report.maxAbsError < 1e-6);
  });

  it('throws on a wrong gradient, naming input, element and both values', () => {
    assert.throws(() => gradcheck(badSquare, [x64()]), (e: unknown) => {
      assert.ok(e instanceof AutogradError);
      assert.match(e.message, /gradcheck: \d+ gradient entries differ from finite differences; first: input 0, element 0: analytic/);
      return true;
    });
  });

  it('catches an error in a single element; reports instead of throwing when asked', () => {
    const report = gradcheck(badFirstElement, [x64()], { raiseOnFailure: false });
    assert.equal(report.passed, false);
    assert.ok(report.mismatches.length > 0);
    assert.ok(report.mismatches.every((m) => m.element === 0));
  });

  it('checks only the inputs that require grad, on non-contiguous views too', () => {
    const w = tensor([[1, 2], [3, 4]], { dtype: 'float64' }).T.detach().requiresGrad_();
    const c = tensor([0.5, 0.25], { dtype: 'float64' });
    assert.equal(gradcheck((a, b) => a.matmul(b), [w, c]).passed, true);
    assert.throws(() => gradcheck((a) => badSquare(a), [w]), AutogradError);
  });

  it('refuses float32 inputs and calls without any input requiring grad', () => {
    assert.throws(() => gradcheck(goodSquare, [tensor([1], { requiresGrad: true })]), DTypeError);
    assert.throws(() => gradcheck(goodSquare, [tensor([1], { dtype: 'float64' })]), AutogradError);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../src/tensor/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import { assertClose, f64 } from '../helpers/assert-close.js';

const f64opts = { dtype: 'float64', requiresGrad: true } as const;

describe('tensor hooks', () => {
  it('a hook sees the gradient of an intermediate tensor (dL/d activation)', () => {
    const x = tensor([1, -2, 3], f64opts);
    const h = x.mul(2);
    const seen: Tensor[] = [];
    h.registerHook((g) => {
      seen.push(g);
    });
    h.relu().sum().backward();
    assert.equal(seen.length, 1);
    assertClose(seen[0]!, [1, 0, 1], f64);
    assertClose(x.grad!, [2, 0, 2], f64);
  });

  it('a returned tensor replaces the gradient downstream', () => {
    const x = tensor([1, 2], f64opts);
    const h = x.mul(1);
    h.registerHook((g) => g.mul(10));
    h.sum().backward();
    assertClose(x.grad!, [10, 10], f64);
  });

  it('hooks on leaves modify what accumulates in .grad; remove() detaches', () => {
    const x = tensor([1, 2], f64opts);
    const handle = x.registerHook((g) => g.neg());
    x.sum().backward();
    assertClose(x.grad!, [-1, -1], f64);
    handle.remove();
    x.zeroGrad();
    x.sum().backward();
    assertClose(x.grad!, [1, 1], f64);
  });

  it('a hook runs once with the total gradient of a tensor used twice', () => {
    const x = tensor([3], f64opts);
    const h = x.mul(1);
    const calls: number[] = [];
    h.registerHook((g) => {
      calls.push(g.item());
    });
    h.mul(h).sum().backward();
    assert.deepEqual(calls, [6]);
  });
});

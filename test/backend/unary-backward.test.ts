import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getBackend, jsBackend, listBackends, withBackend } from '../../src/backend/index.js';
import { gt, mul, sub, where } from '../../src/ops/index.js';
import { tensor } from '../../src/tensor/index.js';

describe('unaryBackward (fused activation gradient)', () => {
  it('gives hand-computed values (relu and leakyRelu from x, sigmoid and tanh from y)', () => {
    const at = Float64Array.from([-2, 0, 0.5, 3]);
    const grad = Float64Array.from([1, 2, -3, 4]);
    const out = new Float64Array(4);
    jsBackend.unaryBackward('relu', at, grad, out, 0);
    assert.deepEqual([...out], [0, 0, -3, 4]);
    jsBackend.unaryBackward('leakyRelu', at, grad, out, 0.1);
    assert.deepEqual([...out], [0.1, 0.2, -3, 4]);
    jsBackend.unaryBackward('sigmoid', at, grad, out, 0);
    assert.deepEqual([...out], [1 * -2 * 3, 0, -3 * 0.25, 4 * 3 * -2]);
    jsBackend.unaryBackward('tanh', at, grad, out, 0);
    assert.deepEqual([...out], [1 * -3, 2, -3 * 0.75, 4 * -8]);
  });

  for (const name of listBackends()) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`equals the composite ops exactly [${name}, ${dtype}]`, () => {
        const xs = [-1.5, -0.25, 0, 0.3, 0.7, 2.9, Number.NaN];
        const gs = [0.3, -1.7, 2.2, 0.9, -0.4, 1.1, 0.5];
        const x = tensor(xs, { dtype });
        const y = tensor(xs.map((v) => Math.tanh(v)), { dtype }); // an activation output in (-1, 1)
        const g = tensor(gs, { dtype });
        withBackend(name, () => {
          const be = getBackend();
          const run = (op: 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh', at: typeof x, alpha: number): number[] => {
            const out = dtype === 'float32' ? new Float32Array(xs.length) : new Float64Array(xs.length);
            be.unaryBackward(op, at.storage, g.storage, out, alpha);
            return [...out];
          };
          assert.deepEqual(run('relu', x, 0), [...mul(g, gt(x, 0)).storage]);
          assert.deepEqual(run('leakyRelu', x, 0.1), [...mul(g, where(gt(x, 0), 1, 0.1)).storage]);
          assert.deepEqual(run('sigmoid', y, 0), [...mul(g, mul(y, sub(1, y))).storage]);
          assert.deepEqual(run('tanh', y, 0), [...mul(g, sub(1, mul(y, y))).storage]);
        });
      });
    }
  }
});

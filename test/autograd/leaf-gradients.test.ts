import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grad } from '../../src/autograd/index.js';
import { Linear } from '../../src/nn/layers/linear.js';
import { Adam, SGD, clipGradNorm } from '../../src/optim/index.js';
import { Generator, randn, tensor } from '../../src/tensor/index.js';
import { assertClose, f64 } from '../helpers/assert-close.js';

const f64opts = { dtype: 'float64', requiresGrad: true } as const;

describe('gradient accumulation into .grad', () => {
  it('adds later gradients in place (as PyTorch) once backward owns the array', () => {
    const x = tensor([1, 2], f64opts);
    x.mul(3).sum().backward();
    x.mul(x).sum().backward(); // the sum is a new array, owned from now on
    const owned = x.grad!;
    x.mul(5).sum().backward();
    assert.equal(x.grad, owned);
    assertClose(x.grad!, [3 + 2 + 5, 3 + 4 + 5], f64);
  });

  it('never writes into a first gradient that another leaf or the caller shares', () => {
    // The backward of x + w hands both leaves the same tensor: neither may add into it.
    const x = tensor([1, 2], f64opts);
    const w = tensor([10, 20], f64opts);
    x.add(w).sum().backward();
    x.mul(2).sum().backward();
    assertClose(x.grad!, [3, 3], f64);
    assertClose(w.grad!, [1, 1], f64);
    // A leaf's first gradient may be the caller's upstream gradient itself.
    const v = tensor([0.5, -1], { dtype: 'float64' });
    const y = tensor([3, 4], f64opts);
    y.backward(v);
    y.backward(v);
    y.backward(v);
    assertClose(v, [0.5, -1], f64);
    assertClose(y.grad!, [1.5, -3], f64);
  });

  it('grad() and a recorded backward (createGraph) leave kept gradients alone or replace them', () => {
    const x = tensor([1, 2], f64opts);
    const opt = new SGD([x], { lr: 0.1 });
    x.mul(x).sum().backward();
    opt.zeroGrad({ setToNone: false });
    const kept = x.grad!;
    const [g] = grad(x.mul(x).sum(), x);
    assertClose(g!, [2, 4], f64);
    assertClose(kept, [0, 0], f64);
    x.mul(x).sum().backward(undefined, { createGraph: true });
    assert.notEqual(x.grad, kept, 'a recorded accumulation makes a new tensor');
    assert.ok(x.grad!.gradFn !== null);
    assertClose(x.grad!, [2, 4], f64);
  });
});

describe('zeroGrad({ setToNone: false })', () => {
  it('zeroes the kept array in place and backward adds into the same array', () => {
    const layer = new Linear(3, 2, { generator: new Generator(4) });
    const opt = new SGD(layer.parameters(), { lr: 0.1 });
    const x = randn([5, 3], { generator: new Generator(5) });
    layer.call(x).square().sum().backward();
    opt.zeroGrad({ setToNone: false });
    const kept = layer.weight.grad!;
    assert.deepEqual([...kept.values()], [0, 0, 0, 0, 0, 0]);
    layer.call(x).square().sum().backward();
    const once = [...kept.values()];
    assert.equal(layer.weight.grad, kept);
    opt.zeroGrad({ setToNone: false });
    assert.equal(layer.weight.grad, kept);
    layer.call(x).square().sum().backward();
    assert.deepEqual([...kept.values()], once);
    assert.ok(once.some((v) => v !== 0));
  });

  it('trains to the same weights as zeroGrad() with Adam', () => {
    const run = (setToNone: boolean): number[] => {
      const layer = new Linear(6, 4, { generator: new Generator(7) });
      const opt = new Adam(layer.parameters(), { lr: 0.05 });
      const x = randn([9, 6], { generator: new Generator(8) });
      for (let step = 0; step < 5; step++) {
        opt.zeroGrad({ setToNone });
        layer.call(x).relu().square().mean().backward();
        opt.step();
      }
      return [...layer.weight.values(), ...layer.bias!.values()];
    };
    const reference = run(true);
    const kept = run(false);
    kept.forEach((v, i) => assert.ok(Math.abs(v - reference[i]!) <= 1e-6 * (1 + Math.abs(reference[i]!)), `value ${i}: ${v} vs ${reference[i]}`));
  });

  it('a parameter that got nothing since it was zeroed is skipped by the optimizers and clipGradNorm, as with none', () => {
    const used = tensor([1, 2], f64opts);
    const unused = tensor([3, 4], f64opts);
    const opt = new Adam([used, unused], { lr: 0.1 });
    used.mul(unused).sum().backward();
    opt.step();
    const before = [...unused.values()];
    opt.zeroGrad({ setToNone: false });
    used.square().sum().backward();
    assertClose(unused.grad!, [0, 0], f64);
    assert.equal(clipGradNorm([used, unused], 1e-3), Math.hypot(2 * used.values()[0]!, 2 * used.values()[1]!));
    opt.step(); // Adam's moments would still move `unused` if its zeros counted as a gradient
    assert.deepEqual([...unused.values()], before);
  });
});

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createWasmBackend, registerBackend, withBackend } from '../../../src/backend/index.js';
import { Adam, AdamW } from '../../../src/optim/index.js';
import type { Optimizer } from '../../../src/optim/index.js';
import { Generator, Tensor, randn } from '../../../src/tensor/index.js';

const wasm = createWasmBackend({ name: 'wasm-optimizer-test', threads: 2 });
registerBackend(wasm);
after(() => wasm.dispose());

/** A parameter of n float32 values and a gradient that changes each step. */
function param(n: number, seed: number): Tensor {
  return randn([n], { generator: new Generator(seed) }).requiresGrad_();
}

function train(backend: string, n: number, make: (p: Tensor) => Optimizer, steps: number): { p: Tensor; opt: Optimizer } {
  return withBackend(backend, () => {
    const p = param(n, 7);
    const opt = make(p);
    const gen = new Generator(11);
    for (let s = 0; s < steps; s++) {
      p.grad = randn([n], { generator: gen });
      opt.step();
    }
    return { p, opt };
  });
}

/** The optimizer's live state of its first parameter (stateDict returns copies). */
function liveMoment(opt: Optimizer): Tensor {
  const live = (opt as unknown as { stateOf(p: Tensor): Record<string, unknown> }).stateOf(opt.params()[0]!)['expAvg'];
  assert.ok(live instanceof Tensor);
  return live;
}

/** max |a - b| / (atol + rtol·|b|) over the elements with atol 1e-6, rtol 1e-5: at most 1 passes. */
function maxRelativeGap(a: Tensor, b: Tensor): number {
  const [x, y] = [a.toArray() as number[], b.toArray() as number[]];
  return x.reduce((worst, v, i) => Math.max(worst, Math.abs(v - y[i]!) / (1e-6 + 1e-5 * Math.abs(y[i]!))), 0);
}

describe('wasm optimizer kernels', () => {
  const makers: Record<string, (p: Tensor) => Optimizer> = {
    'Adam': (p) => new Adam([p], { lr: 0.01 }),
    'Adam with L2 weight decay': (p) => new Adam([p], { lr: 0.01, weightDecay: 0.1 }),
    'AdamW': (p) => new AdamW([p], { lr: 0.01, weightDecay: 0.1 }),
  };
  for (const [name, make] of Object.entries(makers)) {
    for (const n of [1, 7, 33, 257, 70001]) {
      it(`${name}, ${n} values: the wasm kernel's parameters match the js loop's within 1e-5 after 5 steps`, () => {
        const js = train('js', n, make, 5);
        const fast = train(wasm.name, n, make, 5);
        // float32 arithmetic in the kernel vs float64 intermediates in the loop.
        assert.ok(maxRelativeGap(fast.p, js.p) <= 1, `gap ${maxRelativeGap(fast.p, js.p)}`);
        const m = liveMoment(fast.opt);
        assert.ok(wasm.optimizer!.owns(m.storage as Float32Array), 'the moments live in wasm memory');
        assert.ok(maxRelativeGap(m, js.opt.stateDict().state[0]!['expAvg'] as Tensor) <= 1);
      });
    }
  }

  it('moves moments loaded from a state dict into wasm memory and continues from them', () => {
    const reference = train('js', 100, (p) => new Adam([p], { lr: 0.01 }), 6);
    const resumed = withBackend(wasm.name, () => {
      const first = train('js', 100, (p) => new Adam([p], { lr: 0.01 }), 3);
      const p = first.p;
      const opt = new Adam([p], { lr: 0.01 });
      opt.loadStateDict(first.opt.stateDict());
      const gen = new Generator(11);
      for (let s = 0; s < 6; s++) {
        const g = randn([100], { generator: gen });
        if (s < 3) continue; // the gradients of steps 0-2 were consumed by `first`
        p.grad = g;
        opt.step();
      }
      assert.ok(wasm.optimizer!.owns(liveMoment(opt).storage as Float32Array));
      return p;
    });
    assert.ok(maxRelativeGap(resumed, reference.p) <= 1, `gap ${maxRelativeGap(resumed, reference.p)}`);
  });

  it('leaves float64 parameters and AMSGrad to the js loop', () => {
    withBackend(wasm.name, () => {
      const p64 = param(10, 1).cast('float64').detach().requiresGrad_();
      const opt = new Adam([p64], { lr: 0.01 });
      p64.grad = randn([10], { dtype: 'float64' });
      opt.step();
      assert.ok(opt.stateDict().state[0]!['expAvg'] instanceof Tensor);
      assert.equal((opt.stateDict().state[0]!['expAvg'] as Tensor).dtype, 'float64');
      const p = param(10, 2);
      const ams = new Adam([p], { lr: 0.01, amsgrad: true });
      p.grad = randn([10]);
      ams.step();
      assert.ok(!wasm.optimizer!.owns(liveMoment(ams).storage as Float32Array));
    });
  });

  it('does not grow wasm memory over many steps once the state exists', () => {
    withBackend(wasm.name, () => {
      const p = param(50000, 3);
      const opt = new Adam([p], { lr: 0.001 });
      const gen = new Generator(5);
      const g = randn([50000], { generator: gen });
      p.grad = g;
      opt.step();
      const bytes = wasm.memoryBytes();
      for (let s = 0; s < 50; s++) opt.step();
      assert.equal(wasm.memoryBytes(), bytes);
    });
  });
});

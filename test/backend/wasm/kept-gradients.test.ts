import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { LinearBackwardKernels, LinearGradients } from '../../../src/backend/backend.js';
import { createWasmBackend, jsBackend, registerBackend, withBackend } from '../../../src/backend/index.js';
import { mlp } from '../../../src/nn/models.js';
import { crossEntropy } from '../../../src/nn/losses/index.js';
import { Adam } from '../../../src/optim/index.js';
import { Generator, manualSeed, randint, randn } from '../../../src/tensor/index.js';
import type { Tensor } from '../../../src/tensor/index.js';

const backends = [1, 2].map((threads) => {
  const wasm = createWasmBackend({ name: `wasm-kept-${threads}`, threads, minParallelWork: 0 });
  wasm.waitForThreads();
  registerBackend(wasm);
  return wasm;
});
after(() => backends.forEach((b) => b.dispose()));

/** The wasm backend with its dense-layer kernels spied on: what each call was asked to accumulate. */
function spied(wasm: (typeof backends)[number]): { name: string; calls: (LinearGradients['accumulate'] | undefined)[] } {
  const calls: (LinearGradients['accumulate'] | undefined)[] = [];
  const inner = wasm.linear!;
  const linear: LinearBackwardKernels = {
    backward: (...args) => {
      calls.push(args[8].accumulate);
      return inner.backward(...args);
    },
  };
  const name = `${wasm.name}-spied`;
  registerBackend({ ...wasm, name, linear });
  return { name, calls };
}

interface Run {
  readonly values: number[];
  readonly grads: (Tensor | null)[][];
  readonly memory: number[];
}

/** An MLP 20-33-7 trained with Adam for `steps` on one batch, zeroing gradients `setToNone` or in place. */
function train(backend: string, setToNone: boolean, steps: number, memoryBytes: () => number = () => 0): Run {
  return withBackend(backend, () => {
    manualSeed(11);
    const model = mlp(20, [33], 7);
    const opt = new Adam(model.parameters(), { lr: 0.01 });
    const x = randn([16, 20], { generator: new Generator(12) });
    const y = randint(0, 7, [16], { generator: new Generator(13) });
    const grads: (Tensor | null)[][] = [];
    const memory: number[] = [];
    for (let step = 0; step < steps; step++) {
      opt.zeroGrad({ setToNone });
      crossEntropy(model.call(x), y).backward();
      grads.push(model.parameters().map((p) => p.grad));
      opt.step();
      memory.push(memoryBytes());
    }
    return { values: model.parameters().flatMap((p) => [...p.values()]), grads, memory };
  });
}

function assertNear(actual: readonly number[], reference: readonly number[], what: string): void {
  assert.equal(actual.length, reference.length);
  actual.forEach((v, i) => assert.ok(Math.abs(v - reference[i]!) <= 1e-6 + 1e-5 * Math.abs(reference[i]!), `${what} ${i}: ${v} vs ${reference[i]}`));
}

describe('kept gradients on the wasm backend (zeroGrad({ setToNone: false }))', () => {
  for (const wasm of backends) {
    const threads = wasm.name.endsWith('2') ? 2 : 1;
    it(`the dense layers add dW and db into the kept arrays in wasm memory, training as zeroGrad() and js do (${threads} thread${threads > 1 ? 's' : ''})`, () => {
      const spy = spied(wasm);
      const kept = train(spy.name, false, 6);
      const asked = spy.calls.splice(0);
      const dropped = train(spy.name, true, 6);
      const reference = train(jsBackend.name, true, 6);
      assertNear(kept.values, reference.values, 'parameter');
      assertNear(dropped.values, reference.values, 'parameter');
      // The first backward makes the gradients; from the second step on, both layers add into the kept ones.
      assert.deepEqual(asked.slice(0, 2), [{ dw: false, db: false }, { dw: false, db: false }]);
      assert.ok(asked.slice(2).every((a) => a?.dw === true && a.db === true), JSON.stringify(asked));
      assert.ok(spy.calls.every((a) => a?.dw === false && a.db === false), 'with gradients set to none, nothing is accumulated');
      // The same array every step from the second on; in wasm memory where the memory is shared
      // (with one thread it is not, and the kernels copy the kept gradient in and out).
      for (let step = 2; step < kept.grads.length; step++) kept.grads[step]!.forEach((g, i) => assert.equal(g, kept.grads[1]![i]));
      const resident = wasm.optimizer;
      assert.equal(resident !== undefined, threads > 1);
      for (const g of kept.grads[1]!) assert.equal(resident?.owns(g!.storage as Float32Array) ?? false, threads > 1);
    });
  }

  it('gradients of several backward passes add up in the kept arrays, as on js', () => {
    const accumulated = (backend: string): number[] =>
      withBackend(backend, () => {
        manualSeed(21);
        const model = mlp(9, [13], 4);
        const opt = new Adam(model.parameters(), { lr: 0.01 });
        crossEntropy(model.call(randn([5, 9], { generator: new Generator(1) })), randint(0, 4, [5], { generator: new Generator(2) })).backward();
        opt.zeroGrad({ setToNone: false });
        for (let micro = 0; micro < 3; micro++) {
          const x = randn([5, 9], { generator: new Generator(10 + micro) });
          crossEntropy(model.call(x), randint(0, 4, [5], { generator: new Generator(20 + micro) })).backward();
        }
        return model.parameters().flatMap((p) => [...p.grad!.values()]);
      });
    const reference = accumulated(jsBackend.name);
    for (const wasm of backends) assertNear(accumulated(wasm.name), reference, `${wasm.name} gradient`);
  });

  it('wasm memory stops growing over many steps', () => {
    const wasm = backends[1]!;
    const { memory } = train(wasm.name, false, 60, () => wasm.memoryBytes());
    assert.equal(memory.at(-1), memory[5], `wasm memory grew: ${memory.join(', ')}`);
  });

  it('a hook on a weight sees its whole gradient: that layer returns it instead of adding it in', () => {
    withBackend(backends[1]!.name, () => {
      manualSeed(3);
      const model = mlp(5, [4], 3);
      const weight = model.parameters()[0]!;
      const seen: number[][] = [];
      weight.registerHook((g) => {
        seen.push([...g.values()]);
      });
      const opt = new Adam(model.parameters(), { lr: 0.01 });
      const x = randn([6, 5], { generator: new Generator(4) });
      for (let step = 0; step < 3; step++) {
        opt.zeroGrad({ setToNone: false });
        model.call(x).square().sum().backward();
        assert.deepEqual([...weight.grad!.values()], seen.at(-1));
      }
      assert.equal(seen.length, 3);
    });
  });
});

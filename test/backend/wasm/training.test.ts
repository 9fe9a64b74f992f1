import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { backendStatus, createWasmBackend, getBackend, listBackends, registerBackend, withBackend } from '../../../src/backend/index.js';
import { conv2d, matmul, maxPool2d, relu, reshape, sum, transpose } from '../../../src/ops/index.js';
import { Generator, randn } from '../../../src/tensor/index.js';
import type { Tensor } from '../../../src/tensor/index.js';
import { assertClose } from '../../helpers/assert-close.js';

const wasm = createWasmBackend({ name: 'wasm-training-test', threads: 2 });
registerBackend(wasm);
after(() => wasm.dispose());

interface Params {
  readonly w1: Tensor;
  readonly w2: Tensor;
}

function makeParams(seed: number): Params {
  const generator = new Generator(seed);
  return {
    w1: randn([8, 3, 3, 3], { generator, requiresGrad: true }),
    w2: randn([10, 8 * 6 * 6], { generator, requiresGrad: true }),
  };
}

/**
 * One step of a small conv net: conv (pad 1) → relu → 2x2 max pool → linear through a
 * transposed (non-contiguous) weight view → sum of squares; returns the loss and gradients.
 */
function step(params: Params, x: Tensor): { loss: number; g1: Tensor; g2: Tensor } {
  params.w1.grad = null;
  params.w2.grad = null;
  const h = maxPool2d(relu(conv2d(x, params.w1, null, { padding: 1 })), 2);
  const flat = reshape(h, [x.shape[0]!, 8 * 6 * 6]);
  const out = matmul(flat, transpose(params.w2));
  const loss = sum(out.mul(out));
  loss.backward();
  return { loss: loss.item(), g1: params.w1.grad!, g2: params.w2.grad! };
}

describe('wasm backend in training steps', () => {
  it('is registered and selected by default, and says so', () => {
    assert.ok(listBackends().includes('wasm'));
    assert.equal(getBackend().name, 'wasm');
    assert.match(backendStatus(), /^backend 'wasm'; wasm loaded \(SIMD128, up to \d+ threads?\)$/);
  });

  it('gives the js loss and gradients (conv forward, both conv backward GEMMs, transposed linear)', () => {
    const x = randn([4, 3, 12, 12], { generator: new Generator(1) });
    const js = withBackend('js', () => step(makeParams(2), x));
    const fast = withBackend(wasm.name, () => step(makeParams(2), x));
    assert.ok(Math.abs(fast.loss - js.loss) <= 1e-4 * Math.abs(js.loss));
    assertClose(fast.g1, js.g1.toArray(), { atol: 1e-3, rtol: 1e-4 });
    assertClose(fast.g2, js.g2.toArray(), { atol: 1e-3, rtol: 1e-4 });
  });

  it('stops growing wasm memory after warm-up, over many steps and GEMM sizes', () => {
    const params = makeParams(3);
    const generator = new Generator(4);
    const batches = [16, 5, 9, 16, 1, 12];
    const xs = batches.map((n) => randn([n, 3, 12, 12], { generator }));
    withBackend(wasm.name, () => {
      xs.forEach((x) => step(params, x)); // warm-up: every size once
      const warm = wasm.memoryBytes();
      for (let i = 0; i < 24; i++) step(params, xs[i % xs.length]!);
      assert.equal(wasm.memoryBytes(), warm);
      // Plain GEMMs too, large enough to split across threads.
      const a = randn([200, 300], { generator });
      const b = randn([300, 150], { generator });
      matmul(a, b);
      const afterGemm = wasm.memoryBytes();
      for (let i = 0; i < 20; i++) matmul(i % 2 === 0 ? a : transpose(b), i % 2 === 0 ? b : transpose(a));
      assert.equal(wasm.memoryBytes(), afterGemm);
    });
  });
});

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { grad } from '../../src/autograd/index.js';
import type { LinearBackwardKernels } from '../../src/backend/backend.js';
import { createWasmBackend, registerBackend, withBackend } from '../../src/backend/index.js';
import { linear, linearRelu, relu } from '../../src/ops/index.js';
import { tensor } from '../../src/tensor/index.js';
import { residentParameter } from '../../src/nn/resident-parameter.js';
import { assertNearScaled as assertNear, randomArray } from '../backend/wasm/gemm-helpers.js';

const single = createWasmBackend({ name: 'wasm-lr-1', threads: 1 });
// minParallelWork 0 splits every product across both threads; the default keeps the small ones
// whole and runs a layer's two products at once, one per thread.
const split = createWasmBackend({ name: 'wasm-lr-split', threads: 2, minParallelWork: 0 });
const paired = createWasmBackend({ name: 'wasm-lr-paired', threads: 2 });
for (const b of [split, paired]) b.waitForThreads();
[single, split, paired].forEach(registerBackend);
after(() => [split, paired].forEach((b) => b.dispose()));

interface Case {
  readonly rows: number;
  readonly inF: number;
  readonly outF: number;
  readonly bias: boolean;
}

const cases: Case[] = [
  { rows: 1, inF: 1, outF: 1, bias: true },
  { rows: 7, inF: 33, outF: 5, bias: false },
  { rows: 33, inF: 7, outF: 257, bias: true },
  { rows: 128, inF: 256, outF: 128, bias: true },
  { rows: 64, inF: 784, outF: 256, bias: true },
];

const describeCase = (c: Case): string => `${c.rows}x${c.inF} -> ${c.outF} bias=${c.bias}`;

/** Output and gradients (x, W, b) of `layer` on `backend` for a fixed dL/dy; W resident where the backend has resident memory. */
function run(backend: string, c: Case, seed: number, layer: typeof linearRelu): Float32Array[] {
  return withBackend(backend, () => {
    const x = tensor(randomArray(c.rows * c.inF, seed) as Float32Array, { shape: [c.rows, c.inF] }).requiresGrad_();
    const w = residentParameter(tensor(randomArray(c.outF * c.inF, seed + 1) as Float32Array, { shape: [c.outF, c.inF] })).requiresGrad_();
    const b = c.bias ? tensor(randomArray(c.outF, seed + 2) as Float32Array, { shape: [c.outF] }).requiresGrad_() : null;
    const y = layer(x, w, b);
    const dy = tensor(randomArray(y.size, seed + 3) as Float32Array, { shape: [...y.shape] });
    return [y, ...grad(y, b === null ? [x, w] : [x, w, b], { gradOutputs: [dy] })].map((t) => t.contiguous().storage as Float32Array);
  });
}

const separateOps: typeof linearRelu = (x, w, b = null) => relu(linear(x, w, b));
const names = ['output', 'input gradient', 'weight gradient', 'bias gradient'];

describe('linearRelu', () => {
  for (const backend of [single, split, paired]) {
    it(`on the wasm backend equals relu(linear) on the js backend, values and gradients (${backend.name})`, () => {
      cases.forEach((c, i) => {
        const expected = run('js', c, 10 * i, separateOps);
        run(backend.name, c, 10 * i, linearRelu).forEach((a, j) => assertNear(a, expected[j]!, `${names[j]} ${describeCase(c)}`));
        // linear alone takes the same one-call gradients, without the mask.
        const plainExpected = run('js', c, 10 * i, linear);
        run(backend.name, c, 10 * i, linear).forEach((a, j) => assertNear(a, plainExpected[j]!, `linear ${names[j]} ${describeCase(c)}`));
      });
    });
  }

  it('runs its gradients in one call of the backend kernels, and as separate ops when they decline', () => {
    const calls = { backward: 0 };
    const counted = (name: string, kernels: LinearBackwardKernels): void =>
      registerBackend({ ...paired, name, linear: { backward: (...a) => (calls.backward++, kernels.backward(...a)) } });
    counted('wasm-lr-counting', paired.linear!);
    counted('wasm-lr-declining', { backward: () => false });
    const c = cases[3]!;
    const expected = run('js', c, 5, separateOps);
    run('wasm-lr-counting', c, 5, linearRelu).forEach((a, j) => assertNear(a, expected[j]!, names[j]!));
    assert.equal(calls.backward, 1);
    run('wasm-lr-declining', c, 5, linearRelu).forEach((a, j) => assertNear(a, expected[j]!, `declined: ${names[j]}`));
    assert.equal(calls.backward, 2);
  });

  it('gives what relu(linear) gives at zero, negative zero and NaN (NaN passes, g·0 where the ReLU is off)', () => {
    // x = [[1], [-1], [0], [NaN]] and W = [[1]]: pre-activations 1, -1, 0, NaN.
    const grads = (backend: string, layer: typeof linearRelu): Float32Array[] =>
      withBackend(backend, () => {
        const x = tensor([[1], [-1], [0], [Number.NaN]]).requiresGrad_();
        const w = tensor([[1]]).requiresGrad_();
        const y = layer(x, w, null);
        const [dx] = grad(y, [x], { gradOutputs: [tensor([[2], [-3], [Number.POSITIVE_INFINITY], [4]])] });
        return [y.storage as Float32Array, dx!.storage as Float32Array];
      });
    assert.deepEqual(grads(paired.name, linearRelu), grads('js', separateOps));
  });

  it('differentiates twice (createGraph) as the separate ops do', () => {
    const c = cases[2]!;
    const secondOrder = (backend: string, layer: typeof linearRelu): Float32Array =>
      withBackend(backend, () => {
        const x = tensor(randomArray(c.rows * c.inF, 1) as Float32Array, { shape: [c.rows, c.inF] }).requiresGrad_();
        const w = tensor(randomArray(c.outF * c.inF, 2) as Float32Array, { shape: [c.outF, c.inF] }).requiresGrad_();
        const y = layer(x, w, null);
        const [dx] = grad(y.mul(y).sum(), [x], { createGraph: true });
        return grad(dx!.mul(dx!).sum(), [w])[0]!.storage as Float32Array;
      });
    assertNear(secondOrder(paired.name, linearRelu), secondOrder('js', separateOps), 'd/dW of |dL/dx|²');
  });
});

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { grad } from '../../src/autograd/index.js';
import type { ConvPoolReluKernels } from '../../src/backend/backend.js';
import { createWasmBackend, registerBackend, withBackend } from '../../src/backend/index.js';
import { conv2d, conv2dMaxPoolRelu, maxPool2d, relu } from '../../src/ops/index.js';
import type { Conv2dOptions } from '../../src/ops/conv.js';
import { tensor } from '../../src/tensor/index.js';
import { assertNearScaled as assertNear, randomArray } from '../backend/wasm/gemm-helpers.js';
import type { ConvSizes } from '../backend/wasm/gemm-helpers.js';

const single = createWasmBackend({ name: 'wasm-cpr-1', threads: 1 });
// minParallelWork 0: every call with 2 or more images (or blocks) runs on both threads.
const dual = createWasmBackend({ name: 'wasm-cpr-2', threads: 2, minParallelWork: 0 });
dual.waitForThreads();
registerBackend(single);
registerBackend(dual);
after(() => dual.dispose());

interface Case extends ConvSizes {
  readonly kernel: number;
  readonly options: Conv2dOptions;
  readonly bias: boolean;
}

// Conv outputs with even sides (the fused kernels' case): odd channel counts, stride, 'same'
// with an even kernel, dilation, and the benchmark CNN's two blocks at a small batch.
const cases: Case[] = [
  { n: 1, cIn: 1, cOut: 1, h: 2, w: 2, kernel: 1, options: {}, bias: true },
  { n: 3, cIn: 7, cOut: 33, h: 6, w: 10, kernel: 3, options: { padding: 1 }, bias: true },
  { n: 5, cIn: 33, cOut: 7, h: 9, w: 9, kernel: 3, options: { stride: 2, padding: 2 }, bias: false },
  { n: 2, cIn: 3, cOut: 5, h: 8, w: 6, kernel: 2, options: { padding: 'same' }, bias: true },
  { n: 2, cIn: 2, cOut: 3, h: 12, w: 10, kernel: 3, options: { dilation: 2, padding: 1 }, bias: false },
  { n: 4, cIn: 1, cOut: 32, h: 28, w: 28, kernel: 3, options: { padding: 1 }, bias: true },
  { n: 3, cIn: 32, cOut: 64, h: 14, w: 14, kernel: 3, options: { padding: 1 }, bias: true },
];

const describeCase = (c: Case): string => `n=${c.n} ${c.cIn}->${c.cOut} ${c.h}x${c.w} k=${c.kernel} ${JSON.stringify(c.options)} bias=${c.bias}`;

interface Operands {
  readonly x: Float32Array;
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly dOut: Float32Array;
}

function operands(c: Case, seed: number): Operands {
  const sizes = [c.n * c.cIn * c.h * c.w, c.cOut * c.cIn * c.kernel * c.kernel, c.cOut, 4 * c.n * c.cOut * c.h * c.w];
  const [x, w, b, dOut] = sizes.map((size, i) => randomArray(size, seed + i) as Float32Array) as [Float32Array, Float32Array, Float32Array, Float32Array];
  return { x, w, b, dOut };
}

/** Output and gradients of `block` on `backend` for dL/dout = the operands' dOut. */
function run(backend: string, c: Case, o: Operands, block: typeof conv2dMaxPoolRelu): Float32Array[] {
  return withBackend(backend, () => {
    const x = tensor(o.x, { shape: [c.n, c.cIn, c.h, c.w] }).requiresGrad_();
    const w = tensor(o.w, { shape: [c.cOut, c.cIn, c.kernel, c.kernel] }).requiresGrad_();
    const b = c.bias ? tensor(o.b, { shape: [c.cOut] }).requiresGrad_() : null;
    const y = block(x, w, b, c.options);
    const wrt = b === null ? [x, w] : [x, w, b];
    const grads = grad(y, wrt, { gradOutputs: [tensor(o.dOut.subarray(0, y.size), { shape: [...y.shape] })] });
    return [y, ...grads].map((t) => t.contiguous().storage as Float32Array);
  });
}

const separateOps: typeof conv2dMaxPoolRelu = (x, w, b = null, options = {}) => relu(maxPool2d(conv2d(x, w, b, options), 2));


/** Counts the calls reaching a backend's fused kernels. */
function counting(name: string, kernels: ConvPoolReluKernels): { forward: number; backward: number } {
  const calls = { forward: 0, backward: 0 };
  registerBackend({
    ...dual,
    name,
    convPoolRelu: {
      forward: (...a) => (calls.forward++, kernels.forward(...a)),
      backward: (...a) => (calls.backward++, kernels.backward(...a)),
    },
  });
  return calls;
}

describe('conv2dMaxPoolRelu', () => {
  for (const backend of [single, dual]) {
    it(`on the wasm fused kernels equals relu(maxPool2d(conv2d)) on the js backend, values and gradients (${backend.threads} thread(s))`, () => {
      cases.forEach((c, i) => {
        const o = operands(c, 100 + 10 * i);
        const expected = run('js', c, o, separateOps);
        const actual = run(backend.name, c, o, conv2dMaxPoolRelu);
        const names = ['output', 'input gradient', 'weight gradient', 'bias gradient'];
        expected.forEach((e, j) => assertNear(actual[j]!, e, `${names[j]} ${describeCase(c)}`));
      });
    });
  }

  it('runs on the fused kernels where they apply, and as separate ops where the conv output has an odd side', () => {
    const calls = counting('wasm-cpr-counting', dual.convPoolRelu!);
    const even = cases[1]!;
    const o = operands(even, 7);
    assertNear(run('wasm-cpr-counting', even, o, conv2dMaxPoolRelu)[2]!, run('js', even, o, separateOps)[2]!, 'weight gradient');
    assert.deepEqual(calls, { forward: 1, backward: 1 });
    const odd = { ...even, h: 7 };
    const p = operands(odd, 8);
    const [y, dx] = run('wasm-cpr-counting', odd, p, conv2dMaxPoolRelu);
    assert.deepEqual(calls, { forward: 1, backward: 1 }, 'an odd conv output does not reach the kernels');
    const [yRef, dxRef] = run('js', odd, p, separateOps);
    assertNear(y!, yRef!, 'odd output');
    assertNear(dx!, dxRef!, 'odd input gradient');
  });

  it('gives what the separate ops give at ties, zeros and NaN (first cell of a tie, NaN passes, no gradient where ReLU is off)', () => {
    // A 1x1 conv with weight 1 passes the input through, so the pool sees these values exactly.
    const planes = [
      [1, 1, 0, 0], // tie in the first window: the top-left cell wins
      [-1, -2, 0, -0], // all <= 0: output 0, gradient times 0
      [Number.NaN, 5, 2, Number.NaN], // NaN wins its window and passes through ReLU
      [3, 7, 7, 2],
    ];
    const c: Case = { n: 1, cIn: 1, cOut: 1, h: 4, w: 4, kernel: 1, options: {}, bias: false };
    // Rows of the 4x4 image: [a0 a1 b0 b1; a2 a3 b2 b3; c0 c1 d0 d1; c2 c3 d2 d3] for planes a..d as 2x2 windows.
    const image = new Float32Array(16);
    planes.forEach((p, q) => p.forEach((v, cell) => (image[(2 * (q >> 1) + (cell >> 1)) * 4 + 2 * (q & 1) + (cell & 1)] = v)));
    const o: Operands = { x: image, w: Float32Array.of(1), b: new Float32Array(1), dOut: Float32Array.of(2, -3, Number.POSITIVE_INFINITY, 4) };
    const expected = run('js', c, o, separateOps);
    const actual = run(dual.name, c, o, conv2dMaxPoolRelu);
    assert.deepEqual(actual[0], expected[0], 'output');
    assert.deepEqual(actual[1], expected[1], 'input gradient (NaN and -0 included)');
  });

  it('differentiates twice (createGraph) as the separate ops do', () => {
    const c = cases[1]!;
    const o = operands(c, 9);
    const secondOrder = (backend: string, block: typeof conv2dMaxPoolRelu): Float32Array =>
      withBackend(backend, () => {
        const x = tensor(o.x, { shape: [c.n, c.cIn, c.h, c.w] }).requiresGrad_();
        const w = tensor(o.w, { shape: [c.cOut, c.cIn, 3, 3] }).requiresGrad_();
        const y = block(x, w, null, c.options);
        const [dx] = grad(y.mul(y).sum(), [x], { createGraph: true });
        const [dw] = grad(dx!.mul(dx!).sum(), [w]);
        return dw!.storage as Float32Array;
      });
    assertNear(secondOrder(dual.name, conv2dMaxPoolRelu), secondOrder('js', separateOps), 'd/dw of |dL/dx|²');
  });

  it('leaves the graph before the block intact (a fallback backward stops at the block)', () => {
    const c = cases[3]!;
    const o = operands(c, 10);
    const calls = counting('wasm-cpr-declining', { forward: dual.convPoolRelu!.forward, backward: () => false });
    const dxOf = (backend: string, block: typeof conv2dMaxPoolRelu): Float32Array =>
      withBackend(backend, () => {
        const leafX = tensor(o.x, { shape: [c.n, c.cIn, c.h, c.w] }).requiresGrad_();
        const w = tensor(o.w, { shape: [c.cOut, c.cIn, 2, 2] });
        block(leafX.mul(2), w, null, c.options).sum().backward();
        return leafX.grad!.storage as Float32Array;
      });
    assertNear(dxOf('wasm-cpr-declining', conv2dMaxPoolRelu), dxOf('js', separateOps), 'input gradient through a declined kernel');
    assert.deepEqual(calls, { forward: 1, backward: 1 });
  });
});

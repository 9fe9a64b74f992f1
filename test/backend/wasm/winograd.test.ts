import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { grad } from '../../../src/autograd/index.js';
import { createWasmBackend, registerBackend, withBackend } from '../../../src/backend/index.js';
import { conv2d, conv2dMaxPoolRelu } from '../../../src/ops/index.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertNearScaled as assertNear, randomArray } from './gemm-helpers.js';
import type { ConvSizes } from './gemm-helpers.js';

// 'same' 3x3 convolutions run by Winograd on the wasm backend (assembly/winograd.ts): F(2x2, 3x3)
// for the forward pass and the input gradient, its transpose F(3x3, 2x2) for the weight gradient,
// unless it is created with winograd: false; both must match the js backend's direct sums.
const backends = [
  createWasmBackend({ name: 'wino-1', threads: 1 }),
  createWasmBackend({ name: 'wino-2', threads: 2, minParallelWork: 0 }),
  createWasmBackend({ name: 'direct-1', threads: 1, winograd: false }),
];
backends[1]!.waitForThreads();
backends.forEach(registerBackend);
after(() => backends[1]!.dispose());

interface Case extends ConvSizes {
  readonly bias: boolean;
}

/** Winograd's cases: even sides, width >= 8, >= 8 channels each way (the width not a multiple of 8 overlaps tile blocks). */
const winogradCases: Case[] = [
  { n: 3, cIn: 8, cOut: 8, h: 8, w: 8, bias: true },
  { n: 2, cIn: 9, cOut: 13, h: 10, w: 12, bias: false },
  { n: 1, cIn: 33, cOut: 8, h: 2, w: 18, bias: true },
  { n: 3, cIn: 32, cOut: 64, h: 14, w: 14, bias: true },
];

/** Cases that keep the im2col path: an odd side, a narrow image, few channels. */
const directCases: Case[] = [
  { n: 2, cIn: 8, cOut: 8, h: 9, w: 8, bias: true },
  { n: 2, cIn: 8, cOut: 8, h: 8, w: 6, bias: false },
  { n: 2, cIn: 7, cOut: 8, h: 8, w: 8, bias: true },
];

const describeCase = (c: Case): string => `n=${c.n} ${c.cIn}->${c.cOut} ${c.h}x${c.w} bias=${c.bias}`;

/** y, dL/dx, dL/dw (and dL/db) of a padding-1 3x3 conv2d on `backend` for a fixed dL/dy. */
function run(backend: string, c: Case, seed: number, block: 'conv' | 'fused' = 'conv'): Float32Array[] {
  return withBackend(backend, () => {
    const x = tensor(randomArray(c.n * c.cIn * c.h * c.w, seed) as Float32Array, { shape: [c.n, c.cIn, c.h, c.w] }).requiresGrad_();
    const w = tensor(randomArray(c.cOut * c.cIn * 9, seed + 1) as Float32Array, { shape: [c.cOut, c.cIn, 3, 3] }).requiresGrad_();
    const b = c.bias ? tensor(randomArray(c.cOut, seed + 2) as Float32Array, { shape: [c.cOut] }).requiresGrad_() : null;
    const y = block === 'conv' ? conv2d(x, w, b, { padding: 1 }) : conv2dMaxPoolRelu(x, w, b, { padding: 1 });
    const dy = tensor(randomArray(y.size, seed + 3) as Float32Array, { shape: [...y.shape] });
    const grads = grad(y, b === null ? [x, w] : [x, w, b], { gradOutputs: [dy] });
    return [y, ...grads].map((t) => t.contiguous().storage as Float32Array);
  });
}


const names = ['output', 'input gradient', 'weight gradient', 'bias gradient'];

describe('Winograd F(2x2, 3x3) convolutions on the wasm backend', () => {
  for (const block of ['conv', 'fused'] as const) {
    it(`match the js backend's direct sums, forward, input and weight gradients, on 1 and 2 threads (${block === 'conv' ? 'conv2d' : 'conv2dMaxPoolRelu'})`, () => {
      winogradCases.forEach((c, i) => {
        const expected = run('js', c, 10 * i, block);
        for (const backend of ['wino-1', 'wino-2']) {
          run(backend, c, 10 * i, block).forEach((a, j) => assertNear(a, expected[j]!, `${names[j]} ${describeCase(c)} on ${backend}`));
        }
      });
    });
  }

  it('run where they apply: forward, input and weight gradients differ from the im2col path by rounding, the bias gradient not at all', () => {
    winogradCases.forEach((c, i) => {
      const [y, dx, dw, db] = run('wino-1', c, 10 * i);
      const [yDirect, dxDirect, dwDirect, dbDirect] = run('direct-1', c, 10 * i);
      assert.notDeepEqual(y, yDirect, `output ${describeCase(c)}`);
      assert.notDeepEqual(dx, dxDirect, `input gradient ${describeCase(c)}`);
      assert.notDeepEqual(dw, dwDirect, `weight gradient ${describeCase(c)}`);
      assert.deepEqual(db, dbDirect, `bias gradient ${describeCase(c)}`);
    });
  });

  it('give bit-identical weight gradients on 1 and 2 threads (transformed sums in fixed blocks of images, summed in order)', () => {
    for (const c of [winogradCases[1]!, { ...winogradCases[3]!, n: 9 }]) {
      const [, , dw1] = run('wino-1', c, 3);
      const [, , dw2] = run('wino-2', c, 3);
      assert.deepEqual(dw2, dw1, describeCase(c));
    }
  });

  it('leave the other cases to the im2col path (bit-identical with Winograd off)', () => {
    directCases.forEach((c, i) => {
      const expected = run('js', c, 50 + i);
      const actual = run('wino-1', c, 50 + i);
      assert.deepEqual(actual, run('direct-1', c, 50 + i), describeCase(c));
      actual.forEach((a, j) => assertNear(a, expected[j]!, `${names[j]} ${describeCase(c)}`));
    });
  });
});

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Conv2dKernels, ConvGradients, ConvShape } from '../../../src/backend/backend.js';
import { createWasmBackend, registerBackend, withBackend } from '../../../src/backend/index.js';
import type { WasmBackend } from '../../../src/backend/index.js';
import { grad } from '../../../src/autograd/index.js';
import { conv2d } from '../../../src/ops/index.js';
import type { Conv2dOptions } from '../../../src/ops/conv.js';
import { windowGeometry } from '../../../src/ops/window.js';
import { tensor } from '../../../src/tensor/index.js';
import type { Tensor } from '../../../src/tensor/index.js';
import { assertNearScaled as assertNear, randomArray } from './gemm-helpers.js';
import type { ConvSizes } from './gemm-helpers.js';

const single = createWasmBackend({ name: 'wasm-conv-1', threads: 1 });
// minParallelWork 0: every call with 2 or more images (or blocks) runs on both threads.
const dual = createWasmBackend({ name: 'wasm-conv-2', threads: 2, minParallelWork: 0 });
dual.waitForThreads();
registerBackend(single);
after(() => dual.dispose());

interface Case extends ConvSizes {
  readonly kernel: [number, number];
  readonly options: Conv2dOptions;
  readonly bias: boolean;
}

const cases: Case[] = [
  { n: 1, cIn: 1, cOut: 1, h: 7, w: 7, kernel: [3, 3], options: { padding: 1 }, bias: true },
  { n: 5, cIn: 7, cOut: 33, h: 9, w: 11, kernel: [3, 3], options: { padding: 1 }, bias: false },
  { n: 5, cIn: 33, cOut: 7, h: 7, w: 7, kernel: [3, 3], options: { stride: 2, padding: 2 }, bias: true },
  { n: 1, cIn: 7, cOut: 7, h: 3, w: 11, kernel: [1, 1], options: {}, bias: true },
  { n: 3, cIn: 7, cOut: 5, h: 13, w: 12, kernel: [3, 3], options: { dilation: 2, padding: 2 }, bias: false },
  { n: 5, cIn: 3, cOut: 8, h: 10, w: 9, kernel: [3, 2], options: { stride: [2, 1], padding: 0 }, bias: true },
  { n: 2, cIn: 1, cOut: 4, h: 6, w: 5, kernel: [5, 4], options: { stride: [1, 3], padding: [2, 1], dilation: [1, 2] }, bias: false },
  // Stride 1, dilation 1 and outW = inW take the kernels' shifted-plane path: also with outH < inH and uneven 'same' padding.
  { n: 2, cIn: 3, cOut: 5, h: 8, w: 6, kernel: [3, 1], options: {}, bias: false },
  { n: 3, cIn: 2, cOut: 3, h: 5, w: 7, kernel: [2, 4], options: { padding: 'same' }, bias: true },
  // 297 x 256 columns overflow the 64 Ki-float block: blocks of 220 positions, the second starting mid-row.
  { n: 2, cIn: 33, cOut: 7, h: 16, w: 16, kernel: [3, 3], options: { padding: 1 }, bias: true },
  // A patch of 36000 rows: one position per block.
  { n: 2, cIn: 4000, cOut: 2, h: 3, w: 3, kernel: [3, 3], options: { padding: 1 }, bias: false },
];

const describeCase = (c: Case): string => `n=${c.n} ${c.cIn}->${c.cOut} ${c.h}x${c.w} k=${c.kernel.join('x')} ${JSON.stringify(c.options)} bias=${c.bias}`;

/** Float32 data with `pad` leading values, so the kernels must honour offsets. */
function data(length: number, seed: number, pad = 3): Float32Array {
  return randomArray(length + pad, seed) as Float32Array;
}


interface Operands {
  readonly shape: ConvShape;
  readonly x: Float32Array;
  readonly w: Float32Array;
  readonly b: Float32Array;
  /** dL/dy: the gradient the backward kernels propagate. */
  readonly dy: Float32Array;
}

function operands(c: Case, seed: number): Operands {
  const g = windowGeometry('conv2d', [c.n, c.cIn, c.h, c.w], c.kernel, {
    stride: c.options.stride ?? 1, padding: c.options.padding ?? 0, dilation: c.options.dilation ?? 1,
  });
  return {
    shape: { n: c.n, cIn: c.cIn, cOut: c.cOut, g },
    x: data(c.n * c.cIn * c.h * c.w, seed),
    w: data(c.cOut * c.cIn * c.kernel[0] * c.kernel[1], seed + 1),
    b: data(c.cOut, seed + 2),
    dy: data(c.n * c.cOut * g.outH * g.outW, seed + 3),
  };
}

const view = (a: Float32Array, shape: number[]): Tensor => tensor(a.subarray(3), { shape });

/** The js backend's im2col path: y, and dL/dx and dL/dw for dL/dy = dy. */
function reference(c: Case, o: Operands): { y: Float32Array; dx: Float32Array; dw: Float32Array } {
  return withBackend('js', () => {
    const x = view(o.x, [c.n, c.cIn, c.h, c.w]).requiresGrad_();
    const w = view(o.w, [c.cOut, c.cIn, ...c.kernel]).requiresGrad_();
    const y = conv2d(x, w, c.bias ? view(o.b, [c.cOut]) : null, c.options);
    const [dx, dw] = grad(y, [x, w], { gradOutputs: [view(o.dy, [...y.shape])] });
    return { y: y.storage as Float32Array, dx: dx!.storage as Float32Array, dw: dw!.storage as Float32Array };
  });
}

/** dL/dbias for dL/dy = dy, summed in float64 here: Σ over n, h, w of dy[n, o, h, w]. */
function biasReference(c: Case, o: Operands): Float32Array {
  const { outH, outW } = o.shape.g;
  const positions = outH * outW;
  const db = new Float64Array(c.cOut);
  for (let img = 0; img < c.n; img++) {
    for (let ch = 0; ch < c.cOut; ch++) {
      for (let q = 0; q < positions; q++) db[ch]! += o.dy[3 + (img * c.cOut + ch) * positions + q]!;
    }
  }
  return Float32Array.from(db);
}

function kernelsOf(backend: WasmBackend): Conv2dKernels {
  assert.ok(backend.conv2d !== undefined, 'the wasm backend offers conv2d kernels');
  return backend.conv2d;
}

describe('wasm conv2d kernels against the js backend (im2col + GEMM)', () => {
  for (const backend of [single, dual]) {
    it(`forward, input, weight and bias gradients on odd sizes, strides, padding, dilation (${backend.threads} thread(s))`, () => {
      const k = kernelsOf(backend);
      cases.forEach((c, i) => {
        const o = operands(c, 10 * i + 1);
        const ref = reference(c, o);
        const s = o.shape;
        const y = new Float32Array(ref.y.length).fill(Number.NaN);
        assert.ok(k.forward(o.x, 3, o.w, 3, c.bias ? o.b : null, 3, y, s), `forward ran: ${describeCase(c)}`);
        assertNear(y, ref.y, `forward ${describeCase(c)}`);
        // Each gradient alone, then all three from one pass over dy: the same values.
        const grads = (want: { dx?: boolean; dw?: boolean; dBias?: boolean }): ConvGradients => {
          const out = {
            dx: want.dx === true ? new Float32Array(ref.dx.length).fill(Number.NaN) : null,
            dw: want.dw === true ? new Float32Array(ref.dw.length).fill(Number.NaN) : null,
            dBias: want.dBias === true ? new Float32Array(c.cOut).fill(Number.NaN) : null,
          };
          assert.ok(k.backward(o.dy, 3, want.dw === true ? o.x : null, 3, want.dx === true ? o.w : null, 3, out, s), `backward ran: ${describeCase(c)} ${JSON.stringify(want)}`);
          return out;
        };
        const { dx } = grads({ dx: true });
        assertNear(dx!, ref.dx, `input gradient ${describeCase(c)}`);
        const { dw } = grads({ dw: true });
        assertNear(dw!, ref.dw, `weight gradient ${describeCase(c)}`);
        const { dBias } = grads({ dBias: true });
        assertNear(dBias!, biasReference(c, o), `bias gradient ${describeCase(c)}`);
        const all = grads({ dx: true, dw: true, dBias: true });
        assert.deepEqual([all.dx, all.dw, all.dBias], [dx, dw, dBias], `the three gradients in one pass ${describeCase(c)}`);
        const weightAndBias = grads({ dw: true, dBias: true });
        assert.deepEqual([weightAndBias.dw, weightAndBias.dBias], [dw, dBias], `weight and bias gradients ${describeCase(c)}`);
      });
    });
  }

  it('declines a gradient whose other operand is missing', () => {
    const o = operands(cases[1]!, 5);
    const [dx, dw] = [new Float32Array(o.x.length - 3), new Float32Array(o.w.length - 3)];
    assert.equal(kernelsOf(single).backward(o.dy, 3, o.x, 3, null, 0, { dx, dw: null, dBias: null }, o.shape), false);
    assert.equal(kernelsOf(single).backward(o.dy, 3, null, 0, o.w, 3, { dx: null, dw, dBias: null }, o.shape), false);
  });

  it('gives bit-identical weight and bias gradients on 1 and 2 threads (fixed blocks of images, summed in order)', () => {
    for (const c of [cases[1]!, cases[2]!, cases[5]!, { ...cases[1]!, n: 64 }, { ...cases[9]!, n: 7 }]) {
      const o = operands(c, 77);
      const run = (k: Conv2dKernels): [Float32Array, Float32Array] => {
        const dw = new Float32Array(c.cOut * c.cIn * c.kernel[0] * c.kernel[1]);
        const db = new Float32Array(c.cOut);
        assert.ok(k.backward(o.dy, 3, o.x, 3, null, 0, { dx: null, dw, dBias: db }, o.shape));
        return [dw, db];
      };
      const [dw1, db1] = run(kernelsOf(single));
      const [dw2, db2] = run(kernelsOf(dual));
      assert.deepEqual(dw2, dw1, `weight gradient ${describeCase(c)}`);
      assert.deepEqual(db2, db1, `bias gradient ${describeCase(c)}`);
    }
  });

  it('conv2d and its gradients on the wasm backend use the kernels and match the js backend', () => {
    const calls = { forward: 0, backward: 0, allThree: 0 };
    const k = kernelsOf(dual);
    registerBackend({
      ...dual,
      name: 'wasm-conv-counting',
      conv2d: {
        forward: (...a) => (calls.forward++, k.forward(...a)),
        backward: (...a) => {
          calls.backward++;
          if (a[6].dx !== null && a[6].dw !== null && a[6].dBias !== null) calls.allThree++;
          return k.backward(...a);
        },
      },
    });
    const c = cases[2]!;
    const o = operands(c, 500);
    const ref = reference(c, o);
    const refBias = withBackend('js', () => {
      const b = view(o.b, [c.cOut]).requiresGrad_();
      const y = conv2d(view(o.x, [c.n, c.cIn, c.h, c.w]), view(o.w, [c.cOut, c.cIn, ...c.kernel]), b, c.options);
      return grad(y, [b], { gradOutputs: [view(o.dy, [...y.shape])] })[0]!.storage as Float32Array;
    });
    withBackend('wasm-conv-counting', () => {
      const x = view(o.x, [c.n, c.cIn, c.h, c.w]).requiresGrad_();
      const w = view(o.w, [c.cOut, c.cIn, ...c.kernel]).requiresGrad_();
      const b = view(o.b, [c.cOut]).requiresGrad_();
      const y = conv2d(x, w, b, c.options);
      const [dx, dw, db] = grad(y, [x, w, b], { gradOutputs: [view(o.dy, [...y.shape])] });
      assertNear(y.storage as Float32Array, ref.y, 'op forward');
      assertNear(dx!.storage as Float32Array, ref.dx, 'op input gradient');
      assertNear(dw!.storage as Float32Array, ref.dw, 'op weight gradient');
      assertNear(db!.storage as Float32Array, refBias, 'op bias gradient');
    });
    // One backward call gave all three gradients (the bias gradient not from a separate reduction).
    assert.deepEqual(calls, { forward: 1, backward: 1, allThree: 1 });
  });

  it('double backward (createGraph) through the kernels matches the js backend', () => {
    const c = cases[4]!;
    const o = operands(c, 600);
    // d/dw of Σ (dL/dx)² with L = Σ y·r: the input gradient's own backward runs conv2d and the weight gradient.
    const run = (): Float32Array => {
      const x = view(o.x, [c.n, c.cIn, c.h, c.w]).requiresGrad_();
      const w = view(o.w, [c.cOut, c.cIn, ...c.kernel]).requiresGrad_();
      const y = conv2d(x, w, null, c.options);
      const [dx] = grad(y, [x], { gradOutputs: [view(o.dy, [...y.shape])], createGraph: true });
      const [dw] = grad(dx!.mul(dx!).sum(), [w]);
      return dw!.storage as Float32Array;
    };
    assertNear(withBackend('wasm-conv-1', run), withBackend('js', run), 'second-order weight gradient');
  });

  it('double backward through the bias gradient from the kernels matches the js backend', () => {
    const c = cases[5]!;
    const o = operands(c, 650);
    // gradOut = y (L = Σ y²/2), so dL/db = Σ_{n,h,w} y depends on x, w and b; then d/d(x, w, b) of Σ (dL/db)².
    const run = (): Float32Array[] => {
      const x = view(o.x, [c.n, c.cIn, c.h, c.w]).requiresGrad_();
      const w = view(o.w, [c.cOut, c.cIn, ...c.kernel]).requiresGrad_();
      const b = view(o.b, [c.cOut]).requiresGrad_();
      const y = conv2d(x, w, b, c.options);
      const [db] = grad(y.mul(y).sum().mul(0.5), [b], { createGraph: true });
      const [gx, gw, gb] = grad(db!.mul(db!).sum(), [x, w, b]);
      return [gx!, gw!, gb!].map((t) => t.storage as Float32Array);
    };
    let withBias = 0;
    const k = kernelsOf(single);
    registerBackend({
      ...single,
      name: 'wasm-conv-bias-counting',
      conv2d: { ...k, backward: (...a) => (a[6].dBias !== null && withBias++, k.backward(...a)) },
    });
    const got = withBackend('wasm-conv-bias-counting', run);
    const want = withBackend('js', run);
    assert.ok(withBias >= 1, 'the bias gradient came from the kernel');
    ['input', 'weight', 'bias'].forEach((what, i) => assertNear(got[i]!, want[i]!, `second-order ${what} gradient`));
  });

  it('declines a patch larger than its column block, and conv2d then falls back to im2col', () => {
    const c: Case = { n: 1, cIn: 7282, cOut: 1, h: 1, w: 1, kernel: [3, 3], options: { padding: 1 }, bias: false };
    const o = operands(c, 900);
    assert.equal(kernelsOf(single).forward(o.x, 3, o.w, 3, null, 0, new Float32Array(1), o.shape), false);
    const ref = reference(c, o);
    const y = withBackend('wasm-conv-1', () => conv2d(view(o.x, [1, 7282, 1, 1]), view(o.w, [1, 7282, 3, 3]), null, { padding: 1 }));
    assertNear(y.storage as Float32Array, ref.y, 'fallback forward');
  });

  it('forward with a bias needs one more row than the patch: declined at exactly a full column block, run without the bias', () => {
    // The bias rides along as a last column of W against a row of ones, so a patch of exactly 65536 rows no longer fits.
    const c: Case = { n: 2, cIn: 65536, cOut: 2, h: 1, w: 1, kernel: [1, 1], options: {}, bias: true };
    const o = operands(c, 950);
    const y = new Float32Array(c.n * c.cOut);
    assert.equal(kernelsOf(single).forward(o.x, 3, o.w, 3, o.b, 3, y, o.shape), false);
    assert.ok(kernelsOf(single).forward(o.x, 3, o.w, 3, null, 0, y, o.shape));
    const ref = reference({ ...c, bias: false }, o);
    assertNear(y, ref.y, 'forward without the bias at a full column block');
    const withBias = withBackend('wasm-conv-1', () => conv2d(view(o.x, [2, 65536, 1, 1]), view(o.w, [2, 65536, 1, 1]), view(o.b, [2]), {}));
    assertNear(withBias.storage as Float32Array, reference(c, o).y, 'fallback forward with the bias');
  });

  it('a long sequence of calls does not grow wasm memory after the first', () => {
    const c = cases[1]!;
    const o = operands(c, 700);
    const k = kernelsOf(dual);
    const y = new Float32Array(c.n * c.cOut * c.h * c.w);
    const [dx, dw, db] = [new Float32Array(o.x.length - 3), new Float32Array(o.w.length - 3), new Float32Array(c.cOut)];
    const round = (): void => {
      assert.ok(k.forward(o.x, 3, o.w, 3, o.b, 3, y, o.shape));
      assert.ok(k.backward(o.dy, 3, o.x, 3, o.w, 3, { dx, dw, dBias: db }, o.shape));
    };
    round();
    const bytes = dual.memoryBytes();
    const first = [Float32Array.from(dw), Float32Array.from(db)];
    for (let i = 0; i < 50; i++) round();
    assert.equal(dual.memoryBytes(), bytes);
    assert.deepEqual([dw, db], first, 'the same call gives the same weight and bias gradients every time');
  });
});

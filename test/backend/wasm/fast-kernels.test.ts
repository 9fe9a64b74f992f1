import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWasmBackend, jsBackend } from '../../../src/backend/index.js';
import type { BinaryKernel, StridedInput, UnaryKernel, WindowGeometry } from '../../../src/backend/index.js';
import type { TypedArray } from '../../../src/tensor/index.js';
import { randomArray } from './gemm-helpers.js';

// The wasm backend's JavaScript kernels must give exactly the values the js reference gives.
const wasm = createWasmBackend({ threads: 1 });

const binaryOps: BinaryKernel[] = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge'];
const unaryOps: UnaryKernel[] = [
  'neg', 'abs', 'sign', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'square', 'reciprocal', 'sin', 'cos', 'tanh',
  'sigmoid', 'relu', 'leakyRelu', 'elu', 'gelu', 'softplus', 'erf',
];

/** Random values with a few specials (NaN, ±Infinity, ±0, repeats) mixed in. */
function values(length: number, seed: number, kind: 'float32' | 'float64' | 'int32'): TypedArray {
  const base = randomArray(length, seed, true);
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1, 1];
  const out = kind === 'float32' ? new Float32Array(length) : kind === 'float64' ? new Float64Array(length) : new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = i % 11 === 3 ? specials[(i / 11) % specials.length | 0]! : base[i]! * 4;
  return out;
}

/**
 * Same values element by element under Object.is: NaN matches NaN (its bit pattern carries no
 * meaning in JavaScript), and -0 does not match 0.
 */
function assertSame(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${label}: [${i}] = ${actual[i]}, expected ${expected[i]}`);
  }
}

function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
  return strides;
}

/** Layouts of one input over `shape`: contiguous with an offset, a transposed view, and a broadcast one. */
function layouts(shape: readonly number[], seed: number, kind: 'float32' | 'float64' | 'int32'): StridedInput[] {
  const size = shape.reduce((p, d) => p * d, 1);
  const data = values(size + 3, seed, kind);
  const result: StridedInput[] = [{ data, offset: 3, strides: contiguousStrides(shape) }];
  if (shape.length >= 2) {
    // Storage of the reversed shape read through reversed strides: a permuted, non-contiguous view.
    const reversed = contiguousStrides([...shape].reverse()).reverse();
    result.push({ data, offset: 0, strides: reversed });
    // Broadcast along the first axis (stride 0), as a bias would be.
    result.push({ data, offset: 1, strides: [0, ...contiguousStrides(shape.slice(1))] });
  }
  return result;
}

function run(backend: typeof jsBackend, f: (b: typeof jsBackend) => TypedArray): TypedArray {
  return f(backend);
}

describe('wasm backend JavaScript kernels give exactly the js results', () => {
  it('binary: every op, float32/float64/int32, odd shapes, offsets, permuted and broadcast strides', () => {
    const shapes = [[], [1], [7], [33, 1], [3, 7, 5], [2, 1, 33, 3], [0, 4]];
    let seed = 1;
    for (const kind of ['float32', 'float64', 'int32'] as const) {
      for (const shape of shapes) {
        const size = shape.reduce((p, d) => p * d, 1);
        for (const a of layouts(shape, seed++, kind)) {
          for (const b of layouts(shape, seed++, kind)) {
            for (const op of binaryOps) {
              const make = (): TypedArray => (kind === 'float32' ? new Float32Array(size) : kind === 'float64' ? new Float64Array(size) : new Int32Array(size));
              const got = run(wasm, (be) => {
                const out = make();
                be.binary(op, a, b, out, shape);
                return out;
              });
              const want = run(jsBackend, (be) => {
                const out = make();
                be.binary(op, a, b, out, shape);
                return out;
              });
              assertSame(got, want, `${op} ${kind} [${shape.join(',')}] strides ${a.strides}/${b.strides}`);
            }
          }
        }
      }
    }
  });

  it('copy: odd shapes, offsets, permuted (tiled transpose) and broadcast strides, with dtype conversion', () => {
    const shapes = [[], [1], [7], [33, 1], [40, 70], [3, 7, 5], [2, 1, 33, 3], [0, 4]];
    let seed = 900;
    for (const [from, to] of [['float32', 'float32'], ['float64', 'float32'], ['float32', 'int32'], ['int32', 'float64']] as const) {
      for (const shape of shapes) {
        const size = shape.reduce((p, d) => p * d, 1);
        for (const x of layouts(shape, seed++, from)) {
          const make = (): TypedArray => (to === 'float32' ? new Float32Array(size) : to === 'float64' ? new Float64Array(size) : new Int32Array(size));
          const [got, want] = [make(), make()];
          wasm.copy(x, got, shape);
          jsBackend.copy(x, want, shape);
          assertSame(got, want, `copy ${from}->${to} [${shape.join(',')}] strides ${x.strides}`);
        }
      }
    }
  });

  it('reduce: every op over [outer, size, inner] with odd sizes, NaN and infinities, float32/float64/int32', () => {
    let seed = 1200;
    for (const kind of ['float32', 'float64', 'int32'] as const) {
      for (const [outer, size, inner] of [[1, 1, 1], [1, 7, 33], [3, 33, 7], [2, 1, 5], [5, 4, 1], [1, 0, 3], [2, 257, 3]]) {
        const x = values(outer! * size! * inner!, seed++, kind);
        for (const op of ['sum', 'prod', 'max', 'min'] as const) {
          const make = (): TypedArray => (kind === 'float32' ? new Float32Array(outer! * inner!) : kind === 'float64' ? new Float64Array(outer! * inner!) : new Int32Array(outer! * inner!));
          const [got, want] = [make(), make()];
          wasm.reduce(op, x, outer!, size!, inner!, got);
          jsBackend.reduce(op, x, outer!, size!, inner!, want);
          assertSame(got, want, `${op} ${kind} [${outer},${size},${inner}]`);
        }
      }
    }
  });

  it('unary: every op on float32 and float64, with NaN, infinities and signed zeros', () => {
    for (const kind of ['float32', 'float64'] as const) {
      const x = values(257, 5, kind);
      for (const op of unaryOps) {
        const got = kind === 'float32' ? new Float32Array(257) : new Float64Array(257);
        const want = got.slice();
        wasm.unary(op, x, got, 0.1);
        jsBackend.unary(op, x, want, 0.1);
        assertSame(got, want, `${op} ${kind}`);
      }
    }
  });

  it('im2col, col2im, max and average pooling (forward and backward) over odd sizes, strides, padding and dilation', () => {
    let seed = 50;
    for (const inH of [1, 7, 12]) {
      for (const inW of [1, 5, 33]) {
        for (const [kernelH, kernelW] of [[1, 1], [2, 2], [3, 2], [2, 3]] as const) {
          for (const [stride, pad, dilation] of [[1, 0, 1], [2, 0, 1], [2, 1, 1], [3, 2, 2], [1, 1, 2]] as const) {
            const outH = Math.floor((inH + 2 * pad - dilation * (kernelH - 1) - 1) / stride) + 1;
            const outW = Math.floor((inW + 2 * pad - dilation * (kernelW - 1) - 1) / stride) + 1;
            if (outH < 1 || outW < 1) continue;
            const g: WindowGeometry = {
              inH, inW, kernelH, kernelW, strideH: stride, strideW: stride, padTop: pad, padLeft: pad,
              dilationH: dilation, dilationW: dilation, outH, outW,
            };
            const label = JSON.stringify(g);
            const channels = 3;
            const x = values(2 + channels * inH * inW, seed++, 'float32') as Float32Array;
            const cols = () => new Float32Array(channels * kernelH * kernelW * outH * outW).fill(7);
            const [c1, c2] = [cols(), cols()];
            wasm.im2col(x, 2, channels, g, c1);
            jsBackend.im2col(x, 2, channels, g, c2);
            assertSame(c1, c2, `im2col ${label}`);
            const back1 = values(1 + channels * inH * inW, seed, 'float64') as Float64Array;
            const back2 = back1.slice();
            const colsIn = randomArray(c1.length, seed++, true);
            wasm.col2im(colsIn, channels, g, back1, 1);
            jsBackend.col2im(colsIn, channels, g, back2, 1);
            assertSame(back1, back2, `col2im ${label}`);
            if (pad * 2 <= kernelH && pad * 2 <= kernelW) {
              const planeOut = channels * outH * outW;
              const [o1, o2] = [new Float32Array(planeOut), new Float32Array(planeOut)];
              const [i1, i2] = [new Int32Array(planeOut), new Int32Array(planeOut)];
              const xs = x.subarray(2);
              wasm.maxPool2d(xs, channels, g, o1, i1);
              jsBackend.maxPool2d(xs, channels, g, o2, i2);
              assertSame(o1, o2, `maxPool2d ${label}`);
              assertSame(i1, i2, `maxPool2d argmax ${label}`);
              for (const countPadding of [false, true]) {
                const [a1, a2] = [new Float32Array(planeOut), new Float32Array(planeOut)];
                wasm.avgPool2d(xs, channels, g, countPadding, a1);
                jsBackend.avgPool2d(xs, channels, g, countPadding, a2);
                assertSame(a1, a2, `avgPool2d countPadding=${countPadding} ${label}`);
                const gradOut = randomArray(planeOut, seed++) as Float32Array;
                const [b1, b2] = [new Float32Array(xs.length).fill(0.5), new Float32Array(xs.length).fill(0.5)];
                wasm.avgPool2dBackward(gradOut, channels, g, countPadding, b1);
                jsBackend.avgPool2dBackward(gradOut, channels, g, countPadding, b2);
                assertSame(b1, b2, `avgPool2dBackward countPadding=${countPadding} ${label}`);
              }
            }
          }
        }
      }
    }
  });

  it('2x2 max pool on the SIMD kernel: ties keep the first cell and NaN wins, as the reference, on SIMD and tail columns', () => {
    const few = [0, 1, 2, NaN, -Infinity, 1, 2];
    for (const [inH, inW] of [[2, 8], [14, 14], [28, 28], [5, 19], [3, 2]] as const) {
      const g: WindowGeometry = {
        inH, inW, kernelH: 2, kernelW: 2, strideH: 2, strideW: 2, padTop: 0, padLeft: 0,
        dilationH: 1, dilationW: 1, outH: Math.floor(inH / 2), outW: Math.floor(inW / 2),
      };
      const planes = 5;
      const noise = randomArray(planes * inH * inW, inH * 100 + inW);
      // Values from a small set, so most windows hold ties, and many hold one or more NaNs.
      const x = Float32Array.from(noise, (r) => few[Math.floor((r + 1) * 3.5)]!);
      const n = planes * g.outH * g.outW;
      const [o1, o2] = [new Float32Array(n), new Float32Array(n)];
      const [i1, i2] = [new Int32Array(n), new Int32Array(n)];
      wasm.maxPool2d(x, planes, g, o1, i1);
      jsBackend.maxPool2d(x, planes, g, o2, i2);
      assertSame(o1, o2, `maxPool2d ${inH}x${inW}`);
      assertSame(i1, i2, `maxPool2d argmax ${inH}x${inW}`);
    }
  });

  it('float32 relu on bit patterns: a NaN with the sign bit set stays NaN; -0, -Infinity and negatives become +0', () => {
    const x = new Float32Array([1, -1, 0, -0, Infinity, -Infinity, NaN, 0, 1e-45, -1e-45]);
    new Int32Array(x.buffer)[7] = 0xffc00000 | 0; // the x86 default NaN: sign bit set
    const out = new Float32Array(x.length);
    wasm.unary('relu', x, out, 0);
    assertSame(out, [1, 0, 0, 0, Infinity, 0, NaN, NaN, 1e-45, 0].map(Math.fround), 'relu');
  });
});

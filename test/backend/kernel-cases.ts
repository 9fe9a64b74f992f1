import type { Backend, BinaryKernel, FloatArray, UnaryKernel, WindowGeometry } from '../../src/backend/index.js';
import type { DType, TypedArray } from '../../src/tensor/index.js';
import { Generator } from '../../src/tensor/index.js';

/**
 * Kernel-level conformance: runs every kernel of a backend and of the js reference on the same
 * inputs (odd sizes, offsets, strides, broadcasting, both float types) and lists mismatches.
 */
export interface KernelCase {
  readonly kernel: string;
  readonly title: string;
  /** Runs the kernel on `backend` and returns what it wrote. */
  readonly run: (backend: Backend) => TypedArray;
  /** float32 results get a looser tolerance. */
  readonly dtype: DType;
}

const unaryKernels: readonly UnaryKernel[] = [
  'neg', 'abs', 'sign', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'square', 'reciprocal',
  'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'leakyRelu', 'elu', 'gelu', 'softplus', 'erf',
];
const binaryKernels: readonly BinaryKernel[] = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge'];
const positiveOnly = new Set<UnaryKernel>(['log', 'sqrt', 'rsqrt']);

function alloc(dtype: DType, n: number): TypedArray {
  return dtype === 'float32' ? new Float32Array(n) : dtype === 'float64' ? new Float64Array(n) : new Int32Array(n);
}

function random(dtype: DType, n: number, seed: number, positive = false): TypedArray {
  const g = new Generator(seed);
  const out = alloc(dtype, n);
  for (let i = 0; i < n; i++) {
    const v = dtype === 'int32' ? g.integer(-5, 6) : (g.random() * 6 - 3) | 0 ? g.random() * 6 - 3 : g.random() - 0.5;
    out[i] = positive ? Math.abs(v) + 0.01 : v;
  }
  // a few exact ties for comparisons and max/min
  if (n > 4) out[3] = out[1]!;
  return out;
}

function geometry(inH: number, inW: number, k: [number, number], s: [number, number], p: [number, number], d: [number, number]): WindowGeometry {
  const outH = Math.floor((inH + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0]) + 1;
  const outW = Math.floor((inW + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1]) + 1;
  return { inH, inW, kernelH: k[0], kernelW: k[1], strideH: s[0], strideW: s[1], padTop: p[0], padLeft: p[1], dilationH: d[0], dilationW: d[1], outH, outW };
}

export function kernelCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const dtype of ['float32', 'float64'] as const) {
    for (const n of [1, 7, 33]) {
      for (const op of unaryKernels) {
        const x = random(dtype, n, n, positiveOnly.has(op));
        cases.push({ kernel: 'unary', title: `${op} n=${n}`, dtype, run: (b) => { const out = alloc(dtype, n); b.unary(op, x, out, op === 'elu' ? 0.7 : 0.1); return out; } });
      }
    }
    // [3,1,5] broadcast with a transposed [5,4]ᵀ-like read: a is [3,4,5] via strides, b broadcast on axis 0
    const shape = [3, 4, 5];
    const a = random(dtype, 80, 1, true);
    const bData = random(dtype, 40, 2);
    for (const op of binaryKernels) {
      cases.push({
        kernel: 'binary', title: `${op} broadcast + strided`, dtype,
        run: (be) => {
          const out = alloc(dtype, 60);
          be.binary(op, { data: a, offset: 3, strides: [20, 1, 4] }, { data: bData, offset: 1, strides: [0, 7, 1] }, out, shape);
          return out;
        },
      });
    }
    const cond = random('int32', 20, 3);
    cases.push({
      kernel: 'where', title: 'strided with broadcast', dtype,
      run: (be) => { const out = alloc(dtype, 60); be.where({ data: cond, offset: 0, strides: [0, 5, 1] }, { data: a, offset: 2, strides: [1, 20, 4] }, { data: bData, offset: 0, strides: [0, 0, 1] }, out, shape); return out; },
    });
    cases.push({
      kernel: 'copy', title: 'transposed read', dtype,
      run: (be) => { const out = alloc(dtype, 60); be.copy({ data: a, offset: 5, strides: [1, 3, 12] }, out, shape); return out; },
    });
    cases.push({
      kernel: 'copy', title: 'converting to int32', dtype: 'int32',
      run: (be) => { const out = alloc('int32', 7); be.copy({ data: a, offset: 0, strides: [3] }, out, [7]); return out; },
    });
    const r = random(dtype, 3 * 7 * 5, 4);
    for (const op of ['sum', 'max', 'min', 'prod'] as const) {
      for (const [outer, size, inner] of [[3, 7, 5], [1, 33, 1], [105, 1, 1]] as const) {
        cases.push({ kernel: 'reduce', title: `${op} [${outer},${size},${inner}]`, dtype, run: (be) => { const out = alloc(dtype, outer * inner); be.reduce(op, r, outer, size, inner, out); return out; } });
      }
    }
    for (const op of ['argmax', 'argmin'] as const) {
      cases.push({ kernel: 'argReduce', title: op, dtype: 'int32', run: (be) => { const out = new Int32Array(15); be.argReduce(op, r, 3, 7, 5, out); return out; } });
    }
    const ga = random(dtype, 2 * 7 * 33 + 3, 5) as FloatArray;
    const gb = random(dtype, 2 * 33 * 5 + 2, 6) as FloatArray;
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          cases.push({
            kernel: 'gemm', title: `transA=${transA} transB=${transB} accumulate=${accumulate}, batch 2, offsets`, dtype,
            run: (be) => {
              const c = random(dtype, 2 * 7 * 5 + 1, 7) as FloatArray;
              be.gemm({ a: ga, b: gb, c, m: 7, n: 5, k: 33, transA, transB, accumulate, batch: 2, aOffset: 3, bOffset: 2, cOffset: 1, aBatchStride: 7 * 33, bBatchStride: 33 * 5, cBatchStride: 35 });
              return c;
            },
          });
        }
      }
    }
    cases.push({
      kernel: 'gemm', title: 'broadcast b (batch stride 0), 1x1x1', dtype,
      run: (be) => { const c = alloc(dtype, 3) as FloatArray; be.gemm({ a: ga, b: gb, c, m: 1, n: 1, k: 1, transA: false, transB: false, accumulate: false, batch: 3, aOffset: 0, bOffset: 4, cOffset: 0, aBatchStride: 1, bBatchStride: 0, cBatchStride: 1 }); return c; },
    });
    const img = random(dtype, 2 * 7 * 6 + 4, 8) as FloatArray;
    const geos: [string, WindowGeometry][] = [
      ['3x3 stride 1 pad 1', geometry(7, 6, [3, 3], [1, 1], [1, 1], [1, 1])],
      ['2x3 stride 2x1 dilation 2x1', geometry(7, 6, [2, 3], [2, 1], [0, 1], [2, 1])],
      ['1x1', geometry(7, 6, [1, 1], [1, 1], [0, 0], [1, 1])],
    ];
    for (const [title, g] of geos) {
      const cols = g.kernelH * g.kernelW * 2 * g.outH * g.outW;
      cases.push({ kernel: 'im2col', title, dtype, run: (be) => { const out = alloc(dtype, cols) as FloatArray; be.im2col(img, 4, 2, g, out); return out; } });
      const colData = random(dtype, cols, 9) as FloatArray;
      cases.push({ kernel: 'col2im', title, dtype, run: (be) => { const out = random(dtype, 2 * 7 * 6 + 2, 10) as FloatArray; be.col2im(colData, 2, g, out, 2); return out; } });
      const planes = 2;
      const outSize = planes * g.outH * g.outW;
      const plane = img.subarray(4) as FloatArray;
      cases.push({ kernel: 'maxPool2d', title, dtype, run: (be) => { const out = alloc(dtype, outSize) as FloatArray; const arg = new Int32Array(outSize); be.maxPool2d(plane, planes, g, out, arg); const both = new Float64Array(2 * outSize); both.set(out); both.set(arg, outSize); return both; } });
      const gOut = random(dtype, outSize, 11) as FloatArray;
      cases.push({
        kernel: 'maxPool2dBackward', title, dtype,
        run: (be) => { const arg = new Int32Array(outSize); be.maxPool2d(plane, planes, g, alloc(dtype, outSize) as FloatArray, arg); const gin = alloc(dtype, planes * 42) as FloatArray; be.maxPool2dBackward(gOut, arg, planes, g, gin); return gin; },
      });
      for (const countPadding of [true, false]) {
        cases.push({ kernel: 'avgPool2d', title: `${title} countPadding=${countPadding}`, dtype, run: (be) => { const out = alloc(dtype, outSize) as FloatArray; be.avgPool2d(plane, planes, g, countPadding, out); return out; } });
        cases.push({ kernel: 'avgPool2dBackward', title: `${title} countPadding=${countPadding}`, dtype, run: (be) => { const gin = alloc(dtype, planes * 42) as FloatArray; be.avgPool2dBackward(gOut, planes, g, countPadding, gin); return gin; } });
      }
    }
    const src = random(dtype, 3 * 7 * 5, 12);
    const index = Int32Array.from([6, 0, 6, 3]);
    cases.push({ kernel: 'gather', title: '[3,7,5] picking 4 rows with a repeat', dtype, run: (be) => { const out = alloc(dtype, 3 * 4 * 5); be.gather(src, 3, 7, 5, index, out); return out; } });
    cases.push({ kernel: 'scatterAdd', title: 'repeated indices accumulate', dtype, run: (be) => { const out = random(dtype, 3 * 7 * 5, 13); be.scatterAdd(src.subarray(0, 60), 3, 7, 5, index, out); return out; } });
  }
  return cases;
}

/** Describes where `actual` and `expected` differ beyond tolerance (empty when they agree). */
export function compareOutputs(actual: TypedArray, expected: TypedArray, dtype: DType): string[] {
  if (actual.length !== expected.length) return [`length ${actual.length} instead of ${expected.length}`];
  const [atol, rtol] = dtype === 'float32' ? [1e-5, 1e-5] : dtype === 'float64' ? [1e-12, 1e-10] : [0, 0];
  const problems: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) problems.push(`[${i}] got ${a}, expected ${e}`);
  }
  return problems.slice(0, 5);
}

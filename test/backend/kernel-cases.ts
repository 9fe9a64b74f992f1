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
  /** float32 results get a looser tolerance, int32 none. */
  readonly dtype: DType;
  /** Long float32 sums (gemm) may round differently in another summation order. */
  readonly accumulates?: boolean;
}

type FloatType = 'float32' | 'float64';

const unaryKernels: readonly UnaryKernel[] = [
  'neg', 'abs', 'sign', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'square', 'reciprocal',
  'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'leakyRelu', 'elu', 'gelu', 'softplus', 'erf',
];
const binaryKernels: readonly BinaryKernel[] = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge'];
const positiveOnly = new Set<UnaryKernel>(['log', 'sqrt', 'rsqrt']);

function alloc(dtype: DType, n: number): TypedArray {
  return dtype === 'float32' ? new Float32Array(n) : dtype === 'float64' ? new Float64Array(n) : new Int32Array(n);
}

function allocFloat(dtype: FloatType, n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/** Seeded values in (-3, 3) (integers in [-5, 5] for int32), with one exact tie at [1] and [3]. */
function random(dtype: DType, n: number, seed: number, positive = false): TypedArray {
  const g = new Generator(seed);
  const out = alloc(dtype, n);
  for (let i = 0; i < n; i++) {
    const v = dtype === 'int32' ? g.integer(-5, 6) : g.random() * 6 - 3;
    out[i] = positive ? Math.abs(v) + 0.01 : v;
  }
  if (n > 4) out[3] = out[1]!;
  return out;
}

function randomFloat(dtype: FloatType, n: number, seed: number): FloatArray {
  return random(dtype, n, seed) as FloatArray;
}

function geometry(inH: number, inW: number, k: [number, number], s: [number, number], p: [number, number], d: [number, number]): WindowGeometry {
  const outH = Math.floor((inH + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0]) + 1;
  const outW = Math.floor((inW + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1]) + 1;
  return {
    inH, inW, kernelH: k[0], kernelW: k[1], strideH: s[0], strideW: s[1],
    padTop: p[0], padLeft: p[1], dilationH: d[0], dilationW: d[1], outH, outW,
  };
}

function elementwiseCases(dtype: FloatType): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const n of [1, 7, 33]) {
    for (const op of unaryKernels) {
      const x = random(dtype, n, n, positiveOnly.has(op));
      const alpha = op === 'elu' ? 0.7 : 0.1;
      cases.push({ kernel: 'unary', title: `${op} n=${n}`, dtype, run: (be) => withOut(dtype, n, (out) => be.unary(op, x, out, alpha)) });
    }
  }
  for (const op of ['relu', 'leakyRelu', 'sigmoid', 'tanh'] as const) {
    // `at` is in (-3, 3) with exact zeros (relu'(0) = 0), or a sigmoid/tanh output in (-1, 1).
    const at = random(dtype, 33, 21);
    at[5] = 0;
    if (op === 'sigmoid' || op === 'tanh') at.forEach((v, i) => (at[i] = v / 3));
    const grad = random(dtype, 33, 22);
    cases.push({ kernel: 'unaryBackward', title: `${op} n=33`, dtype, run: (be) => withOut(dtype, 33, (out) => be.unaryBackward(op, at, grad, out, 0.1)) });
  }
  // a: a [3,4,5] view read through permuted strides at offset 3; b: broadcast along axis 0.
  const shape = [3, 4, 5];
  const a = random(dtype, 80, 1, true);
  const b = random(dtype, 40, 2);
  const aView = { data: a, offset: 3, strides: [20, 1, 4] };
  const bView = { data: b, offset: 1, strides: [0, 7, 1] };
  for (const op of binaryKernels) {
    cases.push({ kernel: 'binary', title: `${op} broadcast + strided`, dtype, run: (be) => withOut(dtype, 60, (out) => be.binary(op, aView, bView, out, shape)) });
  }
  const cond = { data: random('int32', 20, 3), offset: 0, strides: [0, 5, 1] };
  const whereA = { data: a, offset: 2, strides: [1, 20, 4] };
  const whereB = { data: b, offset: 0, strides: [0, 0, 1] };
  cases.push({ kernel: 'where', title: 'strided with broadcast', dtype, run: (be) => withOut(dtype, 60, (out) => be.where(cond, whereA, whereB, out, shape)) });
  cases.push({ kernel: 'copy', title: 'transposed read', dtype, run: (be) => withOut(dtype, 60, (out) => be.copy({ data: a, offset: 5, strides: [1, 3, 12] }, out, shape)) });
  cases.push({ kernel: 'copy', title: 'converting to int32', dtype: 'int32', run: (be) => withOut('int32', 7, (out) => be.copy({ data: a, offset: 0, strides: [3] }, out, [7])) });
  return cases;
}

function reductionCases(dtype: FloatType): KernelCase[] {
  const cases: KernelCase[] = [];
  const x = random(dtype, 3 * 7 * 5, 4);
  for (const op of ['sum', 'max', 'min', 'prod'] as const) {
    for (const [outer, size, inner] of [[3, 7, 5], [1, 33, 1], [105, 1, 1]] as const) {
      cases.push({ kernel: 'reduce', title: `${op} [${outer},${size},${inner}]`, dtype, run: (be) => withOut(dtype, outer * inner, (out) => be.reduce(op, x, outer, size, inner, out)) });
    }
  }
  for (const op of ['argmax', 'argmin'] as const) {
    cases.push({ kernel: 'argReduce', title: op, dtype: 'int32', run: (be) => withOut('int32', 15, (out) => be.argReduce(op, x, 3, 7, 5, out as Int32Array)) });
  }
  return cases;
}

function gemmCases(dtype: FloatType): KernelCase[] {
  const cases: KernelCase[] = [];
  const a = randomFloat(dtype, 2 * 7 * 33 + 3, 5);
  const b = randomFloat(dtype, 2 * 33 * 5 + 2, 6);
  for (const transA of [false, true]) {
    for (const transB of [false, true]) {
      for (const accumulate of [false, true]) {
        cases.push({
          kernel: 'gemm',
          title: `transA=${transA} transB=${transB} accumulate=${accumulate}, batch 2, offsets`,
          dtype,
          accumulates: true,
          run: (be) => {
            const c = randomFloat(dtype, 2 * 7 * 5 + 1, 7);
            be.gemm({
              a, b, c, m: 7, n: 5, k: 33, transA, transB, accumulate, batch: 2,
              aOffset: 3, bOffset: 2, cOffset: 1, aBatchStride: 7 * 33, bBatchStride: 33 * 5, cBatchStride: 35,
            });
            return c;
          },
        });
      }
    }
  }
  cases.push({
    kernel: 'gemm',
    title: 'broadcast b (batch stride 0), 1x1x1',
    dtype,
    run: (be) => {
      const c = allocFloat(dtype, 3);
      be.gemm({
        a, b, c, m: 1, n: 1, k: 1, transA: false, transB: false, accumulate: false, batch: 3,
        aOffset: 0, bOffset: 4, cOffset: 0, aBatchStride: 1, bBatchStride: 0, cBatchStride: 1,
      });
      return c;
    },
  });
  return cases;
}

function windowCases(dtype: FloatType): KernelCase[] {
  const cases: KernelCase[] = [];
  const planes = 2;
  const image = randomFloat(dtype, planes * 7 * 6 + 4, 8);
  const plane = image.subarray(4);
  const geometries: [string, WindowGeometry][] = [
    ['3x3 stride 1 pad 1', geometry(7, 6, [3, 3], [1, 1], [1, 1], [1, 1])],
    ['2x3 stride 2x1 pad 0x1 dilation 2x1', geometry(7, 6, [2, 3], [2, 1], [0, 1], [2, 1])],
    ['1x1', geometry(7, 6, [1, 1], [1, 1], [0, 0], [1, 1])],
    ['5x3 stride 1 pad 2x1 (same size)', geometry(7, 6, [5, 3], [1, 1], [2, 1], [1, 1])],
  ];
  for (const [title, g] of geometries) {
    const colsSize = g.kernelH * g.kernelW * planes * g.outH * g.outW;
    const cols = randomFloat(dtype, colsSize, 9);
    const outSize = planes * g.outH * g.outW;
    const gradOut = randomFloat(dtype, outSize, 11);
    const argmaxOf = (be: Backend): Int32Array => {
      const argmax = new Int32Array(outSize);
      be.maxPool2d(plane, planes, g, allocFloat(dtype, outSize), argmax);
      return argmax;
    };
    cases.push({ kernel: 'im2col', title, dtype, run: (be) => withFloatOut(dtype, colsSize, (out) => be.im2col(image, 4, planes, g, out)) });
    cases.push({
      kernel: 'col2im', title, dtype,
      run: (be) => {
        const out = randomFloat(dtype, planes * 7 * 6 + 2, 10);
        be.col2im(cols, planes, g, out, 2);
        return out;
      },
    });
    cases.push({
      kernel: 'maxPool2d', title, dtype,
      run: (be) => {
        const out = allocFloat(dtype, outSize);
        const argmax = new Int32Array(outSize);
        be.maxPool2d(plane, planes, g, out, argmax);
        const both = new Float64Array(2 * outSize);
        both.set(out);
        both.set(argmax, outSize);
        return both;
      },
    });
    cases.push({
      kernel: 'maxPool2dBackward', title, dtype,
      run: (be) => withFloatOut(dtype, planes * 42, (gradIn) => be.maxPool2dBackward(gradOut, argmaxOf(be), planes, g, gradIn)),
    });
    for (const countPadding of [true, false]) {
      const t = `${title} countPadding=${countPadding}`;
      cases.push({ kernel: 'avgPool2d', title: t, dtype, run: (be) => withFloatOut(dtype, outSize, (out) => be.avgPool2d(plane, planes, g, countPadding, out)) });
      cases.push({
        kernel: 'avgPool2dBackward', title: t, dtype,
        run: (be) => withFloatOut(dtype, planes * 42, (gradIn) => be.avgPool2dBackward(gradOut, planes, g, countPadding, gradIn)),
      });
    }
  }
  return cases;
}

function indexCases(dtype: FloatType): KernelCase[] {
  const src = random(dtype, 3 * 7 * 5, 12);
  const index = Int32Array.from([6, 0, 6, 3]);
  return [
    { kernel: 'gather', title: '[3,7,5] picking 4 rows with a repeat', dtype, run: (be) => withOut(dtype, 3 * 4 * 5, (out) => be.gather(src, 3, 7, 5, index, out)) },
    {
      kernel: 'scatterAdd', title: 'repeated indices accumulate', dtype,
      run: (be) => {
        const out = random(dtype, 3 * 7 * 5, 13);
        be.scatterAdd(src.subarray(0, 60), 3, 7, 5, index, out);
        return out;
      },
    },
  ];
}

function withOut(dtype: DType, n: number, write: (out: TypedArray) => void): TypedArray {
  const out = alloc(dtype, n);
  write(out);
  return out;
}

function withFloatOut(dtype: FloatType, n: number, write: (out: FloatArray) => void): FloatArray {
  const out = allocFloat(dtype, n);
  write(out);
  return out;
}

export function kernelCases(): KernelCase[] {
  return (['float32', 'float64'] as const).flatMap((dtype) => [
    ...elementwiseCases(dtype),
    ...reductionCases(dtype),
    ...gemmCases(dtype),
    ...windowCases(dtype),
    ...indexCases(dtype),
  ]);
}

/** Describes where `actual` and `expected` differ beyond tolerance (empty when they agree). */
export function compareOutputs(actual: TypedArray, expected: TypedArray, dtype: DType, accumulates = false): string[] {
  if (actual.length !== expected.length) return [`length ${actual.length} instead of ${expected.length}`];
  const float32 = accumulates ? [1e-4, 1e-5] : [1e-5, 1e-5];
  const [atol, rtol] = dtype === 'float32' ? float32 : dtype === 'float64' ? [1e-12, 1e-10] : [0, 0];
  const problems: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) problems.push(`[${i}] got ${a}, expected ${e}`);
  }
  return problems.slice(0, 5);
}

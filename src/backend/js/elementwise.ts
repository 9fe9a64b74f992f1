import type { TypedArray } from '../../tensor/dtype.js';
import type { BinaryKernel, StridedInput, UnaryKernel } from '../backend.js';
import { erf, gelu, sigmoid, softplus } from './math.js';
import { forEachRow, innerStride } from './strided.js';

type UnaryFn = (x: number, alpha: number) => number;
type BinaryFn = (a: number, b: number) => number;

const unaryFns: Record<UnaryKernel, UnaryFn> = {
  neg: (x) => -x,
  abs: (x) => Math.abs(x),
  sign: (x) => Math.sign(x),
  exp: (x) => Math.exp(x),
  log: (x) => Math.log(x),
  log1p: (x) => Math.log1p(x),
  sqrt: (x) => Math.sqrt(x),
  rsqrt: (x) => 1 / Math.sqrt(x),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  sin: (x) => Math.sin(x),
  cos: (x) => Math.cos(x),
  tanh: (x) => Math.tanh(x),
  sigmoid: (x) => sigmoid(x),
  relu: (x) => (x > 0 || Number.isNaN(x) ? x : 0),
  leakyRelu: (x, alpha) => (x > 0 || Number.isNaN(x) ? x : alpha * x),
  elu: (x, alpha) => (x > 0 ? x : alpha * Math.expm1(x)),
  gelu: (x) => gelu(x),
  softplus: (x) => softplus(x),
  erf: (x) => erf(x),
};

const binaryFns: Record<BinaryKernel, BinaryFn> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => Math.pow(a, b),
  maximum: (a, b) => (a >= b || Number.isNaN(a) ? a : b),
  minimum: (a, b) => (a <= b || Number.isNaN(a) ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
};

export function unary(op: UnaryKernel, x: TypedArray, out: TypedArray, alpha: number): void {
  const f = unaryFns[op];
  for (let i = 0; i < out.length; i++) out[i] = f(x[i]!, alpha);
}

export function binary(
  op: BinaryKernel,
  a: StridedInput,
  b: StridedInput,
  out: TypedArray,
  shape: readonly number[],
): void {
  const f = binaryFns[op];
  const ad = a.data;
  const bd = b.data;
  const sa = innerStride(a);
  const sb = innerStride(b);
  forEachRow(shape, [a, b], (start, length, offsets) => {
    let pa = offsets[0]!;
    let pb = offsets[1]!;
    for (let i = 0; i < length; i++) {
      out[start + i] = f(ad[pa]!, bd[pb]!);
      pa += sa;
      pb += sb;
    }
  });
}

export function where(
  cond: StridedInput,
  a: StridedInput,
  b: StridedInput,
  out: TypedArray,
  shape: readonly number[],
): void {
  const sc = innerStride(cond);
  const sa = innerStride(a);
  const sb = innerStride(b);
  forEachRow(shape, [cond, a, b], (start, length, offsets) => {
    let pc = offsets[0]!;
    let pa = offsets[1]!;
    let pb = offsets[2]!;
    for (let i = 0; i < length; i++) {
      out[start + i] = cond.data[pc]! !== 0 ? a.data[pa]! : b.data[pb]!;
      pc += sc;
      pa += sa;
      pb += sb;
    }
  });
}

export function copy(x: StridedInput, out: TypedArray, shape: readonly number[]): void {
  const sx = innerStride(x);
  const xd = x.data;
  forEachRow(shape, [x], (start, length, offsets) => {
    let p = offsets[0]!;
    for (let i = 0; i < length; i++) {
      out[start + i] = xd[p]!;
      p += sx;
    }
  });
}

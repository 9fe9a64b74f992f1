// Elementwise kernels of the wasm backend, in JavaScript: they are memory-bound, so copying
// operands into wasm memory would cost more than SIMD saves. They compute exactly what the
// js reference computes, but with one loop per op (the reference calls a per-element closure
// from a table, which V8 cannot inline) over rows made as long as the strides allow.
import type { TypedArray } from '../../tensor/dtype.js';
import type { BinaryKernel, StridedInput, UnaryKernel } from '../backend.js';
import { unary as jsUnary } from '../js/elementwise.js';
import { sigmoid } from '../js/math.js';

/** Shape and per-input strides with size-1 axes dropped and mergeable neighbours merged. */
function collapse(shape: readonly number[], inputs: readonly StridedInput[]): { shape: number[]; strides: number[][] } {
  const dims: number[] = [];
  const strides: number[][] = inputs.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const last = dims.length - 1;
    // Axis d folds into the previous kept axis when, in every input, the previous stride is
    // this stride times this size (the two axes then walk memory as one).
    const merges = last >= 0 && inputs.every((x, j) => strides[j]![last] === x.strides[d]! * size);
    if (merges) {
      dims[last] = dims[last]! * size;
      inputs.forEach((x, j) => (strides[j]![last] = x.strides[d]!));
    } else {
      dims.push(size);
      inputs.forEach((x, j) => strides[j]!.push(x.strides[d]!));
    }
  }
  return { shape: dims, strides };
}

function binaryRow(op: BinaryKernel, out: TypedArray, o: number, n: number, a: TypedArray, pa: number, sa: number, b: TypedArray, pb: number, sb: number): void {
  const end = o + n;
  switch (op) {
    case 'add':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! + b[pb]!;
      return;
    case 'sub':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! - b[pb]!;
      return;
    case 'mul':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! * b[pb]!;
      return;
    case 'div':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! / b[pb]!;
      return;
    case 'pow':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = Math.pow(a[pa]!, b[pb]!);
      return;
    case 'maximum':
      for (; o < end; o++, pa += sa, pb += sb) {
        const x = a[pa]!;
        const y = b[pb]!;
        out[o] = x >= y || Number.isNaN(x) ? x : y;
      }
      return;
    case 'minimum':
      for (; o < end; o++, pa += sa, pb += sb) {
        const x = a[pa]!;
        const y = b[pb]!;
        out[o] = x <= y || Number.isNaN(x) ? x : y;
      }
      return;
    case 'eq':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! === b[pb]! ? 1 : 0;
      return;
    case 'ne':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! !== b[pb]! ? 1 : 0;
      return;
    case 'lt':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! < b[pb]! ? 1 : 0;
      return;
    case 'le':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! <= b[pb]! ? 1 : 0;
      return;
    case 'gt':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! > b[pb]! ? 1 : 0;
      return;
    case 'ge':
      for (; o < end; o++, pa += sa, pb += sb) out[o] = a[pa]! >= b[pb]! ? 1 : 0;
      return;
  }
}

/** out = f(a, b) over `shape` through (broadcast) strides, as the js reference. */
export function binary(op: BinaryKernel, a: StridedInput, b: StridedInput, out: TypedArray, shape: readonly number[]): void {
  if (out.length === 0) return;
  const c = collapse(shape, [a, b]);
  const nd = c.shape.length;
  if (nd === 0) {
    binaryRow(op, out, 0, 1, a.data, a.offset, 0, b.data, b.offset, 0);
    return;
  }
  const [sa, sb] = c.strides as [number[], number[]];
  const length = c.shape[nd - 1]!;
  const rows = c.shape.reduce((p, d) => p * d, 1) / length;
  const counter = new Array<number>(nd).fill(0);
  let pa = a.offset;
  let pb = b.offset;
  for (let r = 0, o = 0; r < rows; r++, o += length) {
    binaryRow(op, out, o, length, a.data, pa, sa[nd - 1]!, b.data, pb, sb[nd - 1]!);
    for (let d = nd - 2; d >= 0; d--) {
      pa += sa[d]!;
      pb += sb[d]!;
      if (++counter[d]! < c.shape[d]!) break;
      pa -= sa[d]! * c.shape[d]!;
      pb -= sb[d]! * c.shape[d]!;
      counter[d] = 0;
    }
  }
}

/**
 * Strided gather into contiguous `out` (converting dtype by assignment, as the reference).
 * A 2-D transpose is copied in 32 x 32 tiles so both sides stay in cache.
 */
export function copy(x: StridedInput, out: TypedArray, shape: readonly number[]): void {
  if (out.length === 0) return;
  const c = collapse(shape, [x]);
  const dims = c.shape;
  const strides = c.strides[0]!;
  const src = x.data;
  const nd = dims.length;
  if (nd === 0) {
    out[0] = src[x.offset]!;
    return;
  }
  if (nd === 2 && strides[0] === 1) {
    const [rows, cols] = dims as [number, number];
    const cs = strides[1]!;
    const tile = 32;
    for (let r0 = 0; r0 < rows; r0 += tile) {
      const r1 = Math.min(rows, r0 + tile);
      for (let c0 = 0; c0 < cols; c0 += tile) {
        const c1 = Math.min(cols, c0 + tile);
        for (let r = r0; r < r1; r++) {
          let p = x.offset + r + c0 * cs;
          for (let col = c0, o = r * cols + c0; col < c1; col++, o++, p += cs) out[o] = src[p]!;
        }
      }
    }
    return;
  }
  const length = dims[nd - 1]!;
  const inner = strides[nd - 1]!;
  const rows = out.length / length;
  const counter = new Array<number>(nd).fill(0);
  let p = x.offset;
  for (let r = 0, o = 0; r < rows; r++, o += length) {
    for (let i = 0, q = p; i < length; i++, q += inner) out[o + i] = src[q]!;
    for (let d = nd - 2; d >= 0; d--) {
      p += strides[d]!;
      if (++counter[d]! < dims[d]!) break;
      p -= strides[d]! * dims[d]!;
      counter[d] = 0;
    }
  }
}

/**
 * float32 ReLU on the bit patterns, without a branch (a comparison per element mispredicts about
 * half the time on activations, 3-4x slower): a value with the sign bit set becomes +0 unless
 * it is a NaN (exponent all ones, mantissa nonzero), which passes through as in the reference.
 */
function reluBits(x: Int32Array, out: Int32Array): void {
  for (let i = 0; i < out.length; i++) {
    const bits = x[i]!;
    const nanMask = (0x7f800000 - (bits & 0x7fffffff)) >> 31; // -1 for NaN, else 0
    out[i] = bits & (~(bits >> 31) | nanMask);
  }
}

/** out[i] = f(x[i]); the common activations get their own loops, the rest use the reference. */
export function unary(op: UnaryKernel, x: TypedArray, out: TypedArray, alpha: number): void {
  const n = out.length;
  switch (op) {
    case 'relu':
      if (x instanceof Float32Array && out instanceof Float32Array) {
        reluBits(new Int32Array(x.buffer, x.byteOffset, n), new Int32Array(out.buffer, out.byteOffset, n));
        return;
      }
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v <= 0 ? 0 : v; // NaN propagates, as in the reference
      }
      return;
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i]!;
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
      return;
    case 'square':
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v * v;
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = sigmoid(x[i]!);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      return;
    default:
      jsUnary(op, x, out, alpha);
  }
}

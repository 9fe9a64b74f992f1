import assert from 'node:assert/strict';
import type { FloatArray, GemmParams } from '../../../src/backend/index.js';

/** Deterministic uniform values in [-1, 1) (a small LCG, so failures reproduce). */
export function randomArray(length: number, seed: number, float64 = false): FloatArray {
  const out = float64 ? new Float64Array(length) : new Float32Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

export interface GemmCase {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly batch?: number;
  readonly accumulate?: boolean;
  /** Broadcast A (or B) over the batch with batch stride 0. */
  readonly broadcastA?: boolean;
  readonly broadcastB?: boolean;
  /** Extra elements before each operand and between batch matrices (non-contiguous storage). */
  readonly pad?: number;
  readonly float64?: boolean;
}

/** Builds the params of a case with random operands; C starts random (it matters when accumulating). */
export function makeGemm(c: GemmCase, seed: number): GemmParams {
  const batch = c.batch ?? 1;
  const pad = c.pad ?? 0;
  const aMat = c.m * c.k;
  const bMat = c.k * c.n;
  const cMat = c.m * c.n;
  const aStride = c.broadcastA === true ? 0 : aMat + pad;
  const bStride = c.broadcastB === true ? 0 : bMat + pad;
  const cStride = cMat + pad;
  const f64 = c.float64 === true;
  return {
    a: randomArray(pad + Math.max(1, batch * aStride + aMat), seed, f64),
    b: randomArray(pad + Math.max(1, batch * bStride + bMat), seed + 1, f64),
    c: randomArray(pad + batch * cStride, seed + 2, f64),
    m: c.m, n: c.n, k: c.k, transA: c.transA, transB: c.transB,
    accumulate: c.accumulate === true, batch,
    aOffset: pad, bOffset: pad, cOffset: pad,
    aBatchStride: aStride, bBatchStride: bStride, cBatchStride: cStride,
  };
}

/** A copy of the params with its own C, so two backends can run the same case. */
export function withFreshC(p: GemmParams): GemmParams {
  return { ...p, c: p.c.slice() };
}

/**
 * Checks C against a float64 evaluation of the same float32 operands, element by element,
 * within the classical bound for a sum of k products in float32 (Higham, "Accuracy and
 * Stability of Numerical Algorithms", eq. 3.5): |ĉ - c| <= γ_{k+1} · Σ|a||b| (+|c0| when
 * accumulating), γ_n = n·u/(1 - n·u), u = 2^-24. Elements outside the matrices must be untouched.
 */
export function assertGemmClose(p: GemmParams, before: FloatArray, actual: FloatArray, label: string): void {
  const { m, n, k } = p;
  const aRow = p.transA ? 1 : k;
  const aCol = p.transA ? m : 1;
  const bRow = p.transB ? 1 : n;
  const bCol = p.transB ? k : 1;
  const u = 2 ** -24;
  const gamma = ((k + 1) * u) / (1 - (k + 1) * u);
  const written = new Uint8Array(actual.length);
  for (let t = 0; t < p.batch; t++) {
    const a0 = p.aOffset + t * p.aBatchStride;
    const b0 = p.bOffset + t * p.bBatchStride;
    const c0 = p.cOffset + t * p.cBatchStride;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = p.accumulate ? before[c0 + i * n + j]! : 0;
        let magnitude = Math.abs(sum);
        for (let q = 0; q < k; q++) {
          const prod = p.a[a0 + i * aRow + q * aCol]! * p.b[b0 + q * bRow + j * bCol]!;
          sum += prod;
          magnitude += Math.abs(prod);
        }
        const got = actual[c0 + i * n + j]!;
        const bound = gamma * magnitude + 1e-30;
        if (!(Math.abs(got - sum) <= bound)) {
          assert.fail(`${label}: C[${t}][${i},${j}] = ${got}, expected ${sum} within ${bound.toExponential(2)}`);
        }
        written[c0 + i * n + j] = 1;
      }
    }
  }
  for (let i = 0; i < actual.length; i++) {
    if (written[i] === 0 && actual[i] !== before[i]) assert.fail(`${label}: wrote C outside the matrices at ${i}`);
  }
}

/**
 * Checks `actual` within 1e-5 of the reference's largest magnitude: float32 sums taken in
 * another order (the convolution kernels, Winograd's transforms) round differently.
 */
export function assertNearScaled(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const tol = 1e-5 * Math.max(scale, 1e-3);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= tol)) {
      assert.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]} (tolerance ${tol.toExponential(2)})`);
    }
  }
}

/** The sizes of a convolution test case: images, channels in and out, input height and width. */
export interface ConvSizes {
  readonly n: number;
  readonly cIn: number;
  readonly cOut: number;
  readonly h: number;
  readonly w: number;
}

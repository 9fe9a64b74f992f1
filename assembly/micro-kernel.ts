// The register-blocked micro-kernel: an MR x NR tile of C (5 x 8, or 6 x 8 with fused
// multiply-add: see MR in pack.ts) held in two f32x4 accumulators per row, updated by one
// rank-1 product per step of k (packed A column x packed B row).
import { MR } from './pack';

/**
 * C[0..mr, 0..nr] (+)= Apanel · Bpanel over kc steps. `ldc` is C's row stride in bytes;
 * `overwrite` stores instead of adding; partial tiles (mr < MR or nr < 8) go through `tile`.
 * The rows past 4 are written out only where MR has them; the compiler drops the rest.
 */
export function microKernel(
  kc: i32, pa: usize, pb: usize, c: usize, ldc: usize, mr: i32, nr: i32, overwrite: bool, tile: usize,
): void {
  let c00 = f32x4.splat(0);
  let c01 = c00;
  let c10 = c00;
  let c11 = c00;
  let c20 = c00;
  let c21 = c00;
  let c30 = c00;
  let c31 = c00;
  let c40 = c00;
  let c41 = c00;
  let c50 = c00;
  let c51 = c00;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    a = v128.load32_splat(pa, 16);
    c40 = madd(a, b0, c40);
    c41 = madd(a, b1, c41);
    if (MR > 5) {
      a = v128.load32_splat(pa, 20);
      c50 = madd(a, b0, c50);
      c51 = madd(a, b1, c51);
    }
    pa += <usize>MR << 2;
    pb += 32;
  }
  if (mr == MR && nr == 8) {
    writeRow(c, c00, c01, overwrite);
    writeRow(c + ldc, c10, c11, overwrite);
    writeRow(c + 2 * ldc, c20, c21, overwrite);
    writeRow(c + 3 * ldc, c30, c31, overwrite);
    writeRow(c + 4 * ldc, c40, c41, overwrite);
    if (MR > 5) writeRow(c + 5 * ldc, c50, c51, overwrite);
    return;
  }
  storeRow(tile, c00, c01);
  storeRow(tile + 32, c10, c11);
  storeRow(tile + 64, c20, c21);
  storeRow(tile + 96, c30, c31);
  storeRow(tile + 128, c40, c41);
  if (MR > 5) storeRow(tile + 160, c50, c51);
  for (let i = 0; i < mr; i++) {
    const row = c + <usize>i * ldc;
    const t = tile + (<usize>i << 5);
    for (let j = 0; j < nr; j++) {
      const dst = row + (<usize>j << 2);
      const v = load<f32>(t + (<usize>j << 2));
      store<f32>(dst, overwrite ? v : load<f32>(dst) + v);
    }
  }
}

/**
 * a·b + c: one fused multiply-add where the module is built with relaxed SIMD (its rounding may
 * differ from two roundings by one ulp), else a multiply and an add. Chosen at compile time.
 */
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

// @ts-ignore: decorator
@inline function storeRow(c: usize, lo: v128, hi: v128): void {
  v128.store(c, lo);
  v128.store(c, hi, 16);
}

/** One full row of the tile into C: stored, or added to what C holds. */
// @ts-ignore: decorator
@inline function writeRow(c: usize, lo: v128, hi: v128, overwrite: bool): void {
  if (overwrite) {
    storeRow(c, lo, hi);
  } else {
    v128.store(c, f32x4.add(v128.load(c), lo));
    v128.store(c, f32x4.add(v128.load(c, 16), hi), 16);
  }
}

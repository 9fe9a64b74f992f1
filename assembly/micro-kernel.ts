// The register-blocked micro-kernel: an MR x NR = 4 x 8 tile of C held in eight f32x4
// accumulators, updated by one rank-1 product per step of k (packed A column x packed B row).

/**
 * C[0..mr, 0..nr] (+)= Apanel · Bpanel over kc steps. `ldc` is C's row stride in bytes;
 * `overwrite` stores instead of adding; partial tiles (mr < 4 or nr < 8) go through `tile`.
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
    pa += 16;
    pb += 32;
  }
  if (mr == 4 && nr == 8) {
    if (overwrite) {
      v128.store(c, c00);
      v128.store(c, c01, 16);
      v128.store(c + ldc, c10);
      v128.store(c + ldc, c11, 16);
      v128.store(c + 2 * ldc, c20);
      v128.store(c + 2 * ldc, c21, 16);
      v128.store(c + 3 * ldc, c30);
      v128.store(c + 3 * ldc, c31, 16);
    } else {
      addRow(c, c00, c01);
      addRow(c + ldc, c10, c11);
      addRow(c + 2 * ldc, c20, c21);
      addRow(c + 3 * ldc, c30, c31);
    }
    return;
  }
  v128.store(tile, c00);
  v128.store(tile, c01, 16);
  v128.store(tile, c10, 32);
  v128.store(tile, c11, 48);
  v128.store(tile, c20, 64);
  v128.store(tile, c21, 80);
  v128.store(tile, c30, 96);
  v128.store(tile, c31, 112);
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
@inline function addRow(c: usize, lo: v128, hi: v128): void {
  v128.store(c, f32x4.add(v128.load(c), lo));
  v128.store(c, f32x4.add(v128.load(c, 16), hi), 16);
}

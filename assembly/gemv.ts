// Matrix-vector products for GEMMs with one row or one column (batch-1 linear layers, their
// gradients): packing would cost as much as the product, so these read the matrix in place.

/**
 * y[j] (+)= Σ_p x[p] · M[p*pStride + j*jStride] for j < len, p < k; x and y contiguous.
 * jStride == 1 streams rows of M (SIMD over j); otherwise pStride must be 1 and each y[j]
 * is a SIMD dot product along a contiguous row of M.
 */
export function gemv(x: usize, m: usize, y: usize, len: i32, k: i32, pStride: i32, jStride: i32, accumulate: bool): void {
  if (jStride == 1) axpyForm(x, m, y, len, k, <usize>pStride << 2, accumulate);
  else dotForm(x, m, y, len, k, <usize>jStride << 2, accumulate);
}

function axpyForm(x: usize, m: usize, y: usize, len: i32, k: i32, rowBytes: usize, accumulate: bool): void {
  let j = 0;
  for (; j + 16 <= len; j += 16) {
    const yj = y + (<usize>j << 2);
    let a0 = accumulate ? v128.load(yj) : f32x4.splat(0);
    let a1 = accumulate ? v128.load(yj, 16) : f32x4.splat(0);
    let a2 = accumulate ? v128.load(yj, 32) : f32x4.splat(0);
    let a3 = accumulate ? v128.load(yj, 48) : f32x4.splat(0);
    let src = m + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      const xv = v128.load32_splat(x + (<usize>p << 2));
      a0 = f32x4.add(a0, f32x4.mul(xv, v128.load(src)));
      a1 = f32x4.add(a1, f32x4.mul(xv, v128.load(src, 16)));
      a2 = f32x4.add(a2, f32x4.mul(xv, v128.load(src, 32)));
      a3 = f32x4.add(a3, f32x4.mul(xv, v128.load(src, 48)));
      src += rowBytes;
    }
    v128.store(yj, a0);
    v128.store(yj, a1, 16);
    v128.store(yj, a2, 32);
    v128.store(yj, a3, 48);
  }
  for (; j + 4 <= len; j += 4) {
    const yj = y + (<usize>j << 2);
    let a0 = accumulate ? v128.load(yj) : f32x4.splat(0);
    let src = m + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(x + (<usize>p << 2)), v128.load(src)));
      src += rowBytes;
    }
    v128.store(yj, a0);
  }
  for (; j < len; j++) {
    const yj = y + (<usize>j << 2);
    let s: f32 = accumulate ? load<f32>(yj) : 0;
    let src = m + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      s += load<f32>(x + (<usize>p << 2)) * load<f32>(src);
      src += rowBytes;
    }
    store<f32>(yj, s);
  }
}

function dotForm(x: usize, m: usize, y: usize, len: i32, k: i32, rowBytes: usize, accumulate: bool): void {
  for (let j = 0; j < len; j++) {
    const row = m + <usize>j * rowBytes;
    let s0 = f32x4.splat(0);
    let s1 = s0;
    let s2 = s0;
    let s3 = s0;
    let p = 0;
    for (; p + 16 <= k; p += 16) {
      const xp = x + (<usize>p << 2);
      const rp = row + (<usize>p << 2);
      s0 = f32x4.add(s0, f32x4.mul(v128.load(xp), v128.load(rp)));
      s1 = f32x4.add(s1, f32x4.mul(v128.load(xp, 16), v128.load(rp, 16)));
      s2 = f32x4.add(s2, f32x4.mul(v128.load(xp, 32), v128.load(rp, 32)));
      s3 = f32x4.add(s3, f32x4.mul(v128.load(xp, 48), v128.load(rp, 48)));
    }
    for (; p + 4 <= k; p += 4) {
      s0 = f32x4.add(s0, f32x4.mul(v128.load(x + (<usize>p << 2)), v128.load(row + (<usize>p << 2))));
    }
    const v = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
    let s: f32 = f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
    for (; p < k; p++) s += load<f32>(x + (<usize>p << 2)) * load<f32>(row + (<usize>p << 2));
    const yj = y + (<usize>j << 2);
    store<f32>(yj, accumulate ? load<f32>(yj) + s : s);
  }
}

// Packing routines of the blocked GEMM (Goto & van de Geijn, "Anatomy of High-Performance
// Matrix Multiplication", ACM TOMS 2008). Operands are read through (row, column) element
// strides, so a transposed operand is packed straight from its storage without a copy.

export const MR: i32 = 4;
export const NR: i32 = 8;

/**
 * Packs the mc x kc block of op(A) at `a` into row panels of MR rows:
 * dst[panel*kc*MR + p*MR + r]. Rows past mc are zero.
 */
export function packA(a: usize, ars: i32, acs: i32, mc: i32, kc: i32, dst: usize): void {
  const pStep = <usize>acs << 2;
  for (let i = 0; i < mc; i += MR) {
    const h = min(MR, mc - i);
    let src = a + (<usize>(i * ars) << 2);
    if (h == MR && ars == 1) {
      // op(A) is Aᵀ in storage: the MR values of one p are adjacent.
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        src += pStep;
        dst += 16;
      }
    } else if (h == MR && acs == 1) {
      // Row-major A: read 4 rows x 4 columns and transpose in registers.
      const rs = <usize>ars << 2;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        const r0 = v128.load(src);
        const r1 = v128.load(src + rs);
        const r2 = v128.load(src + 2 * rs);
        const r3 = v128.load(src + 3 * rs);
        const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
        const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
        const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
        const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
        v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
        v128.store(dst, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 16);
        v128.store(dst, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 32);
        v128.store(dst, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 48);
        src += 16;
        dst += 64;
      }
      for (; p < kc; p++) {
        store<f32>(dst, load<f32>(src));
        store<f32>(dst, load<f32>(src + rs), 4);
        store<f32>(dst, load<f32>(src + 2 * rs), 8);
        store<f32>(dst, load<f32>(src + 3 * rs), 12);
        src += 4;
        dst += 16;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          const v: f32 = r < h ? load<f32>(src + (<usize>(r * ars + p * acs) << 2)) : 0;
          store<f32>(dst + (<usize>r << 2), v);
        }
        dst += <usize>MR << 2;
      }
    }
  }
}

/**
 * Packs the kc x nc block of op(B) at `b` into column panels of NR columns:
 * dst[panel*kc*NR + p*NR + j]. Columns past nc are zero.
 */
export function packB(b: usize, brs: i32, bcs: i32, kc: i32, nc: i32, dst: usize): void {
  const pStep = <usize>brs << 2;
  for (let j = 0; j < nc; j += NR) {
    const w = min(NR, nc - j);
    let src = b + (<usize>(j * bcs) << 2);
    if (w == NR && bcs == 1) {
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += pStep;
        dst += 32;
      }
    } else if (w == NR && brs == 1) {
      // op(B) is Bᵀ in storage: each of the NR columns is contiguous in p.
      const cs = <usize>bcs << 2;
      for (let p = 0; p < kc; p++) {
        let s = src;
        for (let c = 0; c < NR; c++) {
          store<f32>(dst + (<usize>c << 2), load<f32>(s));
          s += cs;
        }
        src += 4;
        dst += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let c = 0; c < NR; c++) {
          const v: f32 = c < w ? load<f32>(src + (<usize>(c * bcs + p * brs) << 2)) : 0;
          store<f32>(dst + (<usize>c << 2), v);
        }
        dst += <usize>NR << 2;
      }
    }
  }
}

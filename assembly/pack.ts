// Packing routines of the blocked GEMM (Goto & van de Geijn, "Anatomy of High-Performance
// Matrix Multiplication", ACM TOMS 2008). Operands are read through (row, column) element
// strides, so a transposed operand is packed straight from its storage without a copy.

/**
 * Rows of the micro-tile. Five rows of eight columns is the most the 16 SIMD registers of
 * x86-64 hold with a multiply and an add per step (ten accumulators, two B vectors, the A
 * broadcast and the product); a fused multiply-add needs no product register, so the relaxed
 * build takes six. Timed alone over L2-resident packed panels on one core of the 2-core
 * EPYC the benchmarks ran on: 4 x 8 ran at 42, 5 x 8 at 50 and 6 x 8 (spilling) at 27 GFLOP/s;
 * with fused multiply-add, 4 x 8 at 51 and 6 x 8 at 56.
 */
export const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 5;
export const NR: i32 = 8;

/**
 * Packs the mc x kc block of op(A) at `a` into row panels of MR rows:
 * dst[panel*kc*MR + p*MR + r]. Rows past mc are zero.
 */
export function packA(a: usize, ars: i32, acs: i32, mc: i32, kc: i32, dst: usize): void {
  const pStep = <usize>acs << 2;
  const panelStep = <usize>MR << 2;
  for (let i = 0; i < mc; i += MR) {
    const h = min(MR, mc - i);
    let src = a + (<usize>(i * ars) << 2);
    if (h == MR && ars == 1) {
      // op(A) is Aᵀ in storage: the MR values of one p are adjacent.
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        for (let r = 4; r < MR; r++) store<f32>(dst + (<usize>r << 2), load<f32>(src + (<usize>r << 2)));
        src += pStep;
        dst += panelStep;
      }
    } else if (h == MR && acs == 1) {
      // Row-major A: read rows 0-3 x 4 columns and transpose in registers; the rows past 3 go one by one.
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
        v128.store(dst + panelStep, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
        v128.store(dst + 2 * panelStep, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
        v128.store(dst + 3 * panelStep, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
        for (let r = 4; r < MR; r++) {
          const row = v128.load(src + <usize>r * rs);
          const at = dst + (<usize>r << 2);
          store<f32>(at, f32x4.extract_lane(row, 0));
          store<f32>(at + panelStep, f32x4.extract_lane(row, 1));
          store<f32>(at + 2 * panelStep, f32x4.extract_lane(row, 2));
          store<f32>(at + 3 * panelStep, f32x4.extract_lane(row, 3));
        }
        src += 16;
        dst += 4 * panelStep;
      }
      for (; p < kc; p++) {
        for (let r = 0; r < MR; r++) store<f32>(dst + (<usize>r << 2), load<f32>(src + <usize>r * rs));
        src += 4;
        dst += panelStep;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          const v: f32 = r < h ? load<f32>(src + (<usize>(r * ars + p * acs) << 2)) : 0;
          store<f32>(dst + (<usize>r << 2), v);
        }
        dst += panelStep;
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

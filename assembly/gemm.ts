// Blocked SGEMM: C (+)= op(A) · op(B), loops ordered as in Goto & van de Geijn (2008):
// jc (NC columns of B, L3) → pc (KC of k; pack B) → ic (MC rows of A, L2; pack A)
// → jr (NR micro-panel of B, L1) → ir (MR panel of A) → micro-kernel.
import { MR, NR, packA, packB } from './pack';
import { microKernel } from './micro-kernel';

export const KC: i32 = 256;
// A multiple of MR in both builds (5 and 6), so only the last block of a tall A has a partial panel.
export const MC: i32 = 120;
const NC: i32 = 1024;

/** Rows of C one micro-tile covers (the host splits rows between threads in whole tiles). */
export function microTileRows(): i32 {
  return MR;
}

/** Bytes of scratch one thread needs: packed A block, packed B block and a C tile. */
export function scratchBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) * 4;
}

/**
 * Batched C (+)= op(A)·op(B). Pointers are byte addresses; strides count f32 elements:
 * op(A)[i, p] = A[i*ars + p*acs], op(B)[p, j] = B[p*brs + j*bcs], C[i, j] = C[i*ldc + j];
 * matrix `t` of the batch adds t*abs (t*bbs, t*cbs). `scratch` holds scratchBytes() bytes.
 */
export function gemm(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32,
  ars: i32, acs: i32, brs: i32, bcs: i32, ldc: i32,
  batch: i32, abs: i32, bbs: i32, cbs: i32, accumulate: bool, scratch: usize,
): void {
  for (let t = 0; t < batch; t++) {
    gemmOne(
      a + (<usize>(t * abs) << 2), b + (<usize>(t * bbs) << 2), c + (<usize>(t * cbs) << 2),
      m, n, k, ars, acs, brs, bcs, ldc, accumulate, scratch,
    );
  }
}

export function gemmOne(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32,
  ars: i32, acs: i32, brs: i32, bcs: i32, ldc: i32, accumulate: bool, scratch: usize,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) {
      for (let i = 0; i < m; i++) memory.fill(c + (<usize>(i * ldc) << 2), 0, <usize>n << 2);
    }
    return;
  }
  const packedA = scratch;
  const packedB = scratch + (<usize>(MC * KC) << 2);
  const tile = packedB + (<usize>(KC * NC) << 2);
  const ldcBytes = <usize>ldc << 2;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const overwrite = pc == 0 && !accumulate;
      packB(b + (<usize>(pc * brs + jc * bcs) << 2), brs, bcs, kc, nc, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(a + (<usize>(ic * ars + pc * acs) << 2), ars, acs, mc, kc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const pb = packedB + (<usize>(jr * kc) << 2);
          const cCol = c + (<usize>(jc + jr) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            microKernel(
              kc, packedA + (<usize>(ir * kc) << 2), pb,
              cCol + <usize>(ic + ir) * ldcBytes, ldcBytes, mr, nr, overwrite, tile,
            );
          }
        }
      }
    }
  }
}

// Whole 2-D convolutions (float32, groups = 1) in wasm memory. Per image, the output positions
// are taken in blocks whose im2col columns (patch x block floats) fit the per-thread column
// scratch; each block is unfolded there and multiplied by the blocked GEMM (gemm.ts), so the
// column matrix never leaves the cache and never crosses into JavaScript.
import { gemmOne, scratchBytes } from './gemm';
import { rowSums } from './conv-sums';
import { winogradImage, winogradWeightImage } from './winograd';

/** Floats of the per-thread column block (256 KB). */
const COLS: i32 = 65536;

/** Floats of the per-thread plane block: one image's conv output or its gradient (256 KB), for conv-pool.ts. */
const PLANE: i32 = 65536;

/** Floats of the per-thread Winograd block (512 KB): padded image and transformed tiles (winograd.ts). */
const WINO: i32 = 131072;

// The call's geometry (see WindowGeometry in src/backend/backend.ts), then (int 12) the
// counter the participants claim images from. Globals are per instance, and every thread
// has its own instance, so each call reads them from memory.
let inH = 0, inW = 0, kH = 0, kW = 0, sH = 0, sW = 0, pT = 0, pL = 0, dH = 0, dW = 0, outH = 0, outW = 0;

export function readGeometry(g: usize): void {
  inH = load<i32>(g); inW = load<i32>(g, 4); kH = load<i32>(g, 8); kW = load<i32>(g, 12);
  sH = load<i32>(g, 16); sW = load<i32>(g, 20); pT = load<i32>(g, 24); pL = load<i32>(g, 28);
  dH = load<i32>(g, 32); dW = load<i32>(g, 36); outH = load<i32>(g, 40); outW = load<i32>(g, 44);
}

function gemmScratch(): i32 {
  return (scratchBytes() + 63) & ~63;
}

/** Bytes of scratch one thread's convolution needs: the GEMM's, the column block, then the plane block. */
export function convScratchBytes(): i32 {
  return gemmScratch() + (COLS + PLANE + WINO) * 4;
}

/** Floats of the Winograd block; a call whose winogradFloats(...) is larger takes the im2col path. */
export function convWinogradFloats(): i32 {
  return WINO;
}

function winogradScratch(scratch: usize): usize {
  return scratch + gemmScratch() + (<usize>(COLS + PLANE) << 2);
}

/** The plane block of a thread's scratch. */
export function planeScratch(scratch: usize): usize {
  return scratch + gemmScratch() + (<usize>COLS << 2);
}

/** Floats of the plane block; a fused call whose cOut·outH·outW is larger cannot run. */
export function convPlaneFloats(): i32 {
  return PLANE;
}

/** The output height and width of the geometry last read. */
export function geometryOutH(): i32 {
  return outH;
}

export function geometryOutW(): i32 {
  return outW;
}

/** Floats of the column block; a patch (cIn·kH·kW) larger than this cannot run here. */
export function convColumns(): i32 {
  return COLS;
}

/**
 * cols[r, j] (r < patch, j < np) = x at row r's tap for output position p0 + j (0 in the
 * padding); when `add`, the adjoint: cols[r, j] is added into that pixel of x.
 */
function unfold(x: usize, cIn: i32, p0: i32, np: i32, cols: usize, add: bool): void {
  if (sH == 1 && sW == 1 && dH == 1 && dW == 1 && outW == inW) {
    unfoldSame(x, cIn, p0, np, cols, add);
    return;
  }
  const oy0 = p0 / outW;
  const ox0 = p0 - oy0 * outW;
  let row = cols;
  for (let ch = 0; ch < cIn; ch++) {
    const xc = x + (<usize>(ch * inH * inW) << 2);
    for (let ki = 0; ki < kH; ki++) {
      for (let kj = 0; kj < kW; kj++) {
        // Input column ix = ox·sW + shift; [from, to) are the output columns with ix in [0, inW).
        const shift = kj * dW - pL;
        const from = shift >= 0 ? 0 : (sW - 1 - shift) / sW;
        const to = inW - shift <= 0 ? 0 : min(outW, (inW - 1 - shift) / sW + 1);
        let j = 0;
        let oy = oy0;
        let ox = ox0;
        while (j < np) {
          const end = min(outW, ox + np - j); // this output row's positions in the block: [ox, end)
          const iy = oy * sH - pT + ki * dH;
          const c = row + (<usize>(j - ox) << 2); // address of column ox of this output row
          if (iy >= 0 && iy < inH) {
            const lo = max(ox, from);
            const hi = max(lo, min(end, to));
            if (!add) {
              for (let q = ox; q < lo; q++) store<f32>(c + (<usize>q << 2), 0);
              for (let q = hi; q < end; q++) store<f32>(c + (<usize>q << 2), 0);
            }
            segment(c + (<usize>lo << 2), xc + (<usize>(iy * inW + lo * sW + shift) << 2), hi - lo, add);
          } else if (!add) {
            for (let q = ox; q < end; q++) store<f32>(c + (<usize>q << 2), 0);
          }
          j += end - ox;
          oy++;
          ox = 0;
        }
        row += <usize>np << 2;
      }
    }
  }
}

/**
 * unfold for stride 1, dilation 1 and outW = inW (e.g. 3x3, padding 1): row (ch, ki, kj) is
 * the plane shifted by (ki - pT)·inW + kj - pL, so it is one run, after which the columns whose
 * input column fell outside the row are zeroed (for the adjoint, zeroed first, then one run is added).
 */
function unfoldSame(x: usize, cIn: i32, p0: i32, np: i32, cols: usize, add: bool): void {
  const w = inW;
  const plane = inH * w;
  const p1 = p0 + np;
  let row = cols - (<usize>p0 << 2); // row + 4p addresses position p
  for (let ch = 0; ch < cIn; ch++) {
    const xc = x + (<usize>(ch * plane) << 2);
    for (let ki = 0; ki < kH; ki++) {
      const dy = ki - pT;
      for (let kj = 0; kj < kW; kj++) {
        const dx = kj - pL;
        const shift = dy * w + dx;
        // Positions [a, b): input row inside the image and source index inside the plane.
        const a = min(p1, max(p0, max(-dy * w, -shift)));
        const b = max(a, min(p1, min((inH - dy) * w, plane - shift)));
        if (!add) {
          for (let q = p0; q < a; q++) store<f32>(row + (<usize>q << 2), 0);
          for (let q = b; q < p1; q++) store<f32>(row + (<usize>q << 2), 0);
        }
        if (add) {
          zeroEdges(row, a, b, dx);
          segment(row + (<usize>a << 2), xc + (<usize>(a + shift) << 2), b - a, true);
        } else {
          memory.copy(row + (<usize>a << 2), xc + (<usize>(a + shift) << 2), <usize>(b - a) << 2);
          zeroEdges(row, a, b, dx);
        }
        row += <usize>np << 2;
      }
    }
  }
}

/** Zeroes row[q] for the positions q in [a, b) whose input column ox + dx falls outside [0, inW). */
function zeroEdges(row: usize, a: i32, b: i32, dx: i32): void {
  const w = inW;
  const xFrom = max(0, -dx);
  const xTo = min(w, w - dx);
  if (xFrom == 0 && xTo == w) return;
  for (let r = (a / w) * w; r < b; r += w) {
    for (let q = max(r, a); q < min(r + xFrom, b); q++) store<f32>(row + (<usize>q << 2), 0);
    for (let q = max(r + xTo, a); q < min(r + w, b); q++) store<f32>(row + (<usize>q << 2), 0);
  }
}

/** c[i] = x[i·sW] for i < n or, when `add`, x[i·sW] += c[i]. */
function segment(c: usize, x: usize, n: i32, add: bool): void {
  let i = 0;
  if (sW == 1) {
    if (add) {
      for (; i + 4 <= n; i += 4) {
        const xi = x + (<usize>i << 2);
        v128.store(xi, f32x4.add(v128.load(xi), v128.load(c + (<usize>i << 2))));
      }
    } else {
      for (; i + 4 <= n; i += 4) v128.store(c + (<usize>i << 2), v128.load(x + (<usize>i << 2)));
    }
  }
  const step = <usize>sW << 2;
  let xp = x + <usize>i * step;
  for (; i < n; i++) {
    const cp = c + (<usize>i << 2);
    if (add) store<f32>(xp, load<f32>(xp) + load<f32>(cp));
    else store<f32>(cp, load<f32>(xp));
    xp += step;
  }
}

/** Positions per block: the whole image when its columns fit, else as many as fit. */
function blockPositions(patch: i32): i32 {
  return min(outH * outW, max(1, COLS / patch));
}

/**
 * The next unclaimed image: participants of one call share the counter after the geometry
 * (int 12, zeroed by the host) and each takes images from it until they run out, so a thread
 * that starts late or runs slowly takes fewer. The plain build runs one thread: no atomics.
 */
export function claim(geometry: usize): i32 {
  if (ASC_FEATURE_THREADS) return atomic.add<i32>(geometry, 1, 48);
  const next = load<i32>(geometry, 48);
  store<i32>(geometry, next + 1, 48);
  return next;
}

/**
 * y[img] = W · im2col(x[img]) (+ bias) for the images x [cIn, inH, inW] → y [cOut, outH·outW]
 * this participant claims out of `images`. W is [cOut, patch], or with `withBias` [cOut, patch + 1]
 * with the bias as its last column, which meets a row of ones under the columns: the GEMM adds
 * the bias and overwrites y (no separate fill, no read of y). `geometry` points at 12 i32s and
 * the image counter; `scratch` holds convScratchBytes().
 */
export function convForward(
  x: usize, w: usize, withBias: bool, y: usize, images: i32, cIn: i32, cOut: i32, u: usize, geometry: usize, scratch: usize,
): void {
  readGeometry(geometry);
  const positions = outH * outW;
  for (let img = claim(geometry); img < images; img = claim(geometry)) {
    forwardImage(x + (<usize>(img * cIn * inH * inW) << 2), w, withBias, y + (<usize>(img * cOut * positions) << 2), cIn, cOut, u, scratch);
  }
}

/**
 * convForward's work for one image xi [cIn, inH, inW] → yi [cOut, outH·outW] (geometry already
 * read): by Winograd with the transformed filters u where the host gave them (u != 0: a 'same'
 * 3x3 convolution it checked with winogradFloats), else im2col blocks and the GEMM.
 */
export function forwardImage(xi: usize, w: usize, withBias: bool, yi: usize, cIn: i32, cOut: i32, u: usize, scratch: usize): void {
  const patch = cIn * kH * kW;
  const k = withBias ? patch + 1 : patch;
  if (u != 0) {
    winogradImage(xi, cIn, cOut, inH, inW, u, withBias ? w + (<usize>patch << 2) : 0, k, yi, winogradScratch(scratch), scratch);
    return;
  }
  const positions = outH * outW;
  const np = blockPositions(k);
  const cols = scratch + gemmScratch();
  const ones = f32x4.splat(1);
  for (let p0 = 0; p0 < positions; p0 += np) {
    const nb = min(np, positions - p0);
    unfold(xi, cIn, p0, nb, cols, false);
    if (withBias) {
      const row = cols + (<usize>(patch * nb) << 2);
      let q = 0;
      for (; q + 4 <= nb; q += 4) v128.store(row + (<usize>q << 2), ones);
      for (; q < nb; q++) store<f32>(row + (<usize>q << 2), 1);
    }
    gemmOne(w, cols, yi + (<usize>p0 << 2), cOut, nb, k, k, 1, nb, 1, positions, false, scratch);
  }
}

/**
 * The gradients of y = conv(x, W) (+ bias) for dL/dy = dy, one claimed block of images at a time
 * (block b: images [starts[b], starts[b + 1]), `starts` pointing at blocks + 1 i32s), each
 * image's dy read once while it is in cache:
 * - unless dx is 0, dx[img] = col2im(Wᵀ · dy[img]) (overwritten);
 * - unless `sums` is 0, block b's partial at parts + b·partStride floats gets (sums & 1) dw_b =
 *   Σ over its images of dy[img] · im2col(x[img])ᵀ ([cOut, patch]) and then (sums & 2) db_b[o] =
 *   Σ over its images and positions of dy[img, o] (the bias gradient), both overwritten.
 * The host fixes the blocks from the sizes alone, so sumBlocks gives the same sums whichever
 * thread ran which block.
 */
export function convBackward(
  dy: usize, x: usize, w: usize, dx: usize, parts: usize, partStride: i32, sums: i32,
  blocks: i32, starts: usize, cIn: i32, cOut: i32, uFlip: usize, geometry: usize, scratch: usize,
): void {
  readGeometry(geometry);
  const positions = outH * outW;
  const xBytes = <usize>(cIn * inH * inW) << 2;
  for (let b = claim(geometry); b < blocks; b = claim(geometry)) {
    const dw = parts + (<usize>b * <usize>partStride << 2);
    const i0 = load<i32>(starts + (<usize>b << 2));
    const i1 = load<i32>(starts + (<usize>b << 2), 4);
    for (let img = i0; img < i1; img++) {
      const dyi = dy + (<usize>(img * cOut * positions) << 2);
      backwardImage(dyi, x + <usize>img * xBytes, dx == 0 ? 0 : dx + <usize>img * xBytes, w, dw, sums, img > i0, cIn, cOut, uFlip, scratch);
    }
  }
}

/**
 * convBackward's work for one image (geometry already read): dxi (unless 0) overwritten, and
 * the block partial at `dw` (dw then, with sums & 2, db) overwritten when `accumulate` is false
 * (the block's first image), else added to. dxi by Winograd where the host gave the flipped
 * transformed filters (uFlip != 0), else by the GEMM and col2im. With sums & 4 the weight part
 * of the partial is Winograd's transformed sums [16, cOut, cIn] (winogradWeightImage), which the
 * host turns into dw after summing the blocks, else dw [cOut, patch] from im2col blocks.
 */
export function backwardImage(
  dyi: usize, xi: usize, dxi: usize, w: usize, dw: usize, sums: i32, accumulate: bool, cIn: i32, cOut: i32, uFlip: usize, scratch: usize,
): void {
  const patch = cIn * kH * kW;
  const positions = outH * outW;
  const np = blockPositions(patch);
  const cols = scratch + gemmScratch();
  const withWeight = (sums & 1) != 0;
  const byWinograd = (sums & 4) != 0;
  const weightFloats = byWinograd ? 16 * cOut * cIn : cOut * patch;
  if ((sums & 2) != 0) rowSums(dyi, cOut, positions, withWeight ? dw + (<usize>weightFloats << 2) : dw, accumulate);
  if (withWeight && byWinograd) {
    winogradWeightImage(dyi, xi, cIn, cOut, outH, outW, dw, accumulate, winogradScratch(scratch), scratch);
  } else if (withWeight) {
    for (let p0 = 0; p0 < positions; p0 += np) {
      const nb = min(np, positions - p0);
      unfold(xi, cIn, p0, nb, cols, false);
      // The block's first product overwrites its partial; the rest add to it.
      gemmOne(dyi + (<usize>p0 << 2), cols, dw, cOut, patch, nb, positions, 1, 1, nb, patch, accumulate || p0 > 0, scratch);
    }
  }
  if (dxi != 0 && uFlip != 0) {
    winogradImage(dyi, cOut, cIn, outH, outW, uFlip, 0, 0, dxi, winogradScratch(scratch), scratch);
  } else if (dxi != 0) {
    memory.fill(dxi, 0, <usize>(cIn * inH * inW) << 2);
    for (let p0 = 0; p0 < positions; p0 += np) {
      const nb = min(np, positions - p0);
      gemmOne(w, dyi + (<usize>p0 << 2), cols, patch, nb, cOut, 1, patch, positions, 1, nb, false, scratch);
      unfold(dxi, cIn, p0, nb, cols, true);
    }
  }
}

// 3x3 convolutions with stride 1 and padding 1 ('same') by Winograd's minimal filtering
// F(2x2, 3x3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", CVPR 2016):
// each 2x2 output tile is Aᵀ [Σ_c (G g_c Gᵀ) ⊙ (Bᵀ d_c B)] A for the 4x4 input tile d_c of each
// channel, so the channel sums become 16 GEMMs of [outChannels, channels] x [channels, tiles]
// with 16 multiplies per tile where the direct convolution has 36 (2.25x fewer). The transforms
// are adds only; they run four tiles at a time in SIMD.
import { gemmOne } from './gemm';

/**
 * u[ξ][r][c] (ξ < 16 for the 4x4 transformed tap, [rows, cols] row-major) = (G g Gᵀ)[ξ] with
 * G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1]. w holds cOut filters [cIn, 3, 3], rowStride floats apart.
 * Forward (flip 0): rows = cOut, cols = cIn, g = w[r, c]. Input gradient (flip 1): the
 * convolution of dL/dy with the flipped, transposed filters, rows = cIn, cols = cOut,
 * g = rot180(w[c, r]).
 */
export function winogradFilter(w: usize, cOut: i32, cIn: i32, rowStride: i32, flip: bool, u: usize): void {
  const rows = flip ? cIn : cOut;
  const cols = flip ? cOut : cIn;
  const tapBytes = <usize>(rows * cols) << 2;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const g = w + (<usize>((flip ? c : r) * rowStride + (flip ? r : c) * 9) << 2);
      const at = u + (<usize>(r * cols + c) << 2);
      // t = G g (4x3), row by row of g's columns; then u = t Gᵀ (4x4).
      for (let i = 0; i < 4; i++) {
        let t0: f32 = 0, t1: f32 = 0, t2: f32 = 0;
        for (let j = 0; j < 3; j++) {
          const g0 = tap(g, 0, j, flip), g1 = tap(g, 1, j, flip), g2 = tap(g, 2, j, flip);
          const v: f32 = i == 0 ? g0 : i == 1 ? (g0 + g1 + g2) * 0.5 : i == 2 ? (g0 - g1 + g2) * 0.5 : g2;
          if (j == 0) t0 = v;
          else if (j == 1) t1 = v;
          else t2 = v;
        }
        const ti = at + <usize>(i * 4) * tapBytes;
        store<f32>(ti, t0);
        store<f32>(ti + tapBytes, (t0 + t1 + t2) * 0.5);
        store<f32>(ti + 2 * tapBytes, (t0 - t1 + t2) * 0.5);
        store<f32>(ti + 3 * tapBytes, t2);
      }
    }
  }
}

/**
 * The first of the next four tiles of a row of `tw` (>= 4) after the four from `tx`, or -1 after
 * the last: the last four overlap the ones before where tw is not a multiple of 4 (their
 * results are written twice, the same).
 */
@inline function nextBlock(tx: i32, tw: i32): i32 {
  return tx + 4 >= tw ? -1 : min(tx + 4, tw - 4);
}

/** Tap (a, b) of the 3x3 filter at g, or of its 180° rotation. */
@inline function tap(g: usize, a: i32, b: i32, flip: bool): f32 {
  return flip ? load<f32>(g + (<usize>((2 - a) * 3 + 2 - b) << 2)) : load<f32>(g + (<usize>(a * 3 + b) << 2));
}

/** Floats of scratch winogradImage (and winogradWeightImage) needs for these sizes. */
export function winogradFloats(channels: i32, outChannels: i32, h: i32, w: i32): i32 {
  const tiles = (h >> 1) * (w >> 1);
  return channels * (h + 2) * (w + 2) + 16 * tiles * (channels + outChannels);
}

/**
 * y [outChannels, h, w] (overwritten) = the 'same' 3x3 convolution of x [channels, h, w] with
 * the transformed filters u (winogradFilter), plus bias[o·biasStride] when bias is not 0.
 * h and w even, w >= 8. `work` holds winogradFloats(...) floats; `gemmScratch` the GEMM's.
 */
export function winogradImage(
  x: usize, channels: i32, outChannels: i32, h: i32, w: i32, u: usize, bias: usize, biasStride: i32, y: usize, work: usize, gemmScratch: usize,
): void {
  const v = transformInput(x, channels, h, w, work);
  const th = tilesH, tw = tilesW, tiles = tilesH * tilesW, vTap = inputTapBytes;
  const m = v + 16 * vTap;
  const mTap = <usize>(outChannels * tiles) << 2;
  for (let t = 0; t < 16; t++) {
    gemmOne(u + <usize>t * (<usize>(outChannels * channels) << 2), v + <usize>t * vTap, m + <usize>t * mTap, outChannels, tiles, channels, channels, 1, tiles, 1, tiles, false, gemmScratch);
  }
  for (let o = 0; o < outChannels; o++) {
    const b = bias == 0 ? f32x4.splat(0) : f32x4.splat(load<f32>(bias + (<usize>(o * biasStride) << 2)));
    for (let ty = 0; ty < th; ty++) {
      for (let tx = 0; tx >= 0; tx = nextBlock(tx, tw)) {
        outputTiles(m + (<usize>(o * tiles + ty * tw + tx) << 2), mTap, b, y + (<usize>((o * h + 2 * ty) * w + 2 * tx) << 2), <usize>w << 2);
      }
    }
  }
}

/**
 * The weight gradient of the 'same' 3x3 convolution of one image by Winograd F(3x3, 2x2), the
 * transpose of F(2x2, 3x3): each 2x2 tile of dL/dy adds Gᵀ [(A dy Aᵀ) ⊙ (Bᵀ x B)] G to the 3x3
 * gradient of each (output, input) channel pair, with A = (Aᵀ)ᵀ = [1 0; 1 1; 1 -1; 0 -1]. This
 * accumulates the transformed sums m[ξ][o][c] = Σ over tiles of (A dy_o Aᵀ)[ξ] (Bᵀ x_c B)[ξ]
 * (16 GEMMs [outChannels, tiles] x [tiles, channels]), overwriting m unless `accumulate`;
 * winogradWeightOutput turns them into the 3x3 gradients. x [channels, h, w], dy [outChannels, h, w].
 */
export function winogradWeightImage(
  dy: usize, x: usize, channels: i32, outChannels: i32, h: i32, w: i32, m: usize, accumulate: bool, work: usize, gemmScratch: usize,
): void {
  const v = transformInput(x, channels, h, w, work);
  const th = tilesH, tw = tilesW, tiles = tilesH * tilesW, vTap = inputTapBytes;
  const u = v + 16 * vTap;
  const uTap = <usize>(outChannels * tiles) << 2;
  for (let o = 0; o < outChannels; o++) {
    for (let ty = 0; ty < th; ty++) {
      for (let tx = 0; tx >= 0; tx = nextBlock(tx, tw)) {
        gradientTiles(dy + (<usize>((o * h + 2 * ty) * w + 2 * tx) << 2), <usize>w << 2, u + (<usize>(o * tiles + ty * tw + tx) << 2), uTap);
      }
    }
  }
  const mTap = <usize>(outChannels * channels) << 2;
  for (let t = 0; t < 16; t++) {
    gemmOne(u + <usize>t * uTap, v + <usize>t * vTap, m + <usize>t * mTap, outChannels, channels, tiles, tiles, 1, 1, tiles, channels, accumulate, gemmScratch);
  }
}

/**
 * dw [cOut, cIn, 3, 3] = Gᵀ M G for the sums m[ξ][o][c] of winogradWeightImage, with
 * Gᵀ = [1 ½ ½ 0; 0 ½ -½ 0; 0 ½ ½ 1].
 */
export function winogradWeightOutput(m: usize, cOut: i32, cIn: i32, dw: usize): void {
  const tapBytes = <usize>(cOut * cIn) << 2;
  for (let pair = 0; pair < cOut * cIn; pair++) {
    const at = m + (<usize>pair << 2);
    const out = dw + (<usize>(pair * 9) << 2);
    for (let a = 0; a < 3; a++) {
      // Row a of Gᵀ M (4 values), then times G.
      let r0: f32 = 0, r1: f32 = 0, r2: f32 = 0, r3: f32 = 0;
      for (let j = 0; j < 4; j++) {
        const m0 = load<f32>(at + <usize>j * tapBytes), m1 = load<f32>(at + <usize>(4 + j) * tapBytes);
        const m2 = load<f32>(at + <usize>(8 + j) * tapBytes), m3 = load<f32>(at + <usize>(12 + j) * tapBytes);
        const t: f32 = a == 0 ? m0 + (m1 + m2) * 0.5 : a == 1 ? (m1 - m2) * 0.5 : (m1 + m2) * 0.5 + m3;
        if (j == 0) r0 = t;
        else if (j == 1) r1 = t;
        else if (j == 2) r2 = t;
        else r3 = t;
      }
      store<f32>(out + (<usize>(a * 3) << 2), r0 + (r1 + r2) * 0.5);
      store<f32>(out + (<usize>(a * 3 + 1) << 2), (r1 - r2) * 0.5);
      store<f32>(out + (<usize>(a * 3 + 2) << 2), (r1 + r2) * 0.5 + r3);
    }
  }
}

// Set by transformInput for the call (each thread has its own instance): tile rows and
// columns, and the bytes between two taps of the transformed input.
let tilesH = 0, tilesW = 0;
let inputTapBytes: usize = 0;

/**
 * The image x [channels, h, w] padded by 1 in `work`, then its transformed tiles Bᵀ d B after
 * it: v[ξ][c][t] (t = ty·(w/2) + tx). Returns the address of v; sets tilesH, tilesW, inputTapBytes.
 */
function transformInput(x: usize, channels: i32, h: i32, w: i32, work: usize): usize {
  const th = h >> 1;
  const tw = w >> 1;
  const tiles = th * tw;
  tilesH = th;
  tilesW = tw;
  inputTapBytes = <usize>(channels * tiles) << 2;
  const wp = w + 2;
  const planeP = (h + 2) * wp;
  // The image with a zero border of 1, so every 4x4 tile reads inside it.
  const padded = work;
  memory.fill(padded, 0, <usize>(channels * planeP) << 2);
  for (let c = 0; c < channels; c++) {
    for (let r = 0; r < h; r++) {
      memory.copy(padded + (<usize>(c * planeP + (r + 1) * wp + 1) << 2), x + (<usize>((c * h + r) * w) << 2), <usize>w << 2);
    }
  }
  const v = padded + (<usize>(channels * planeP) << 2);
  const vTap = <usize>(channels * tiles) << 2;
  for (let c = 0; c < channels; c++) {
    for (let ty = 0; ty < th; ty++) {
      for (let tx = 0; tx >= 0; tx = nextBlock(tx, tw)) {
        inputTiles(padded + (<usize>(c * planeP + 2 * ty * wp + 2 * tx) << 2), <usize>wp << 2, v + (<usize>(c * tiles + ty * tw + tx) << 2), vTap);
      }
    }
  }
  return v;
}

/**
 * A d Aᵀ for the four 2x2 tiles of dL/dy whose top-left cells are at `top` + 8q bytes (q < 4),
 * rows `rowBytes` apart; tap ξ of the four goes to u + ξ·tapBytes.
 */
@inline function gradientTiles(top: usize, rowBytes: usize, u: usize, tapBytes: usize): void {
  const a0 = v128.load(top), a1 = v128.load(top, 16);
  const b0 = v128.load(top + rowBytes), b1 = v128.load(top + rowBytes, 16);
  const d00 = v128.shuffle<f32>(a0, a1, 0, 2, 4, 6), d01 = v128.shuffle<f32>(a0, a1, 1, 3, 5, 7);
  const d10 = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6), d11 = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
  // t = A d (4x2) by columns: [d0, d0 + d1, d0 - d1, -d1] of each column.
  const zero = f32x4.splat(0);
  for (let i = 0; i < 4; i++) {
    const t0 = i == 0 ? d00 : i == 1 ? f32x4.add(d00, d10) : i == 2 ? f32x4.sub(d00, d10) : f32x4.sub(zero, d10);
    const t1 = i == 0 ? d01 : i == 1 ? f32x4.add(d01, d11) : i == 2 ? f32x4.sub(d01, d11) : f32x4.sub(zero, d11);
    // u = t Aᵀ, row i: [t0, t0 + t1, t0 - t1, -t1].
    const row = u + <usize>(4 * i) * tapBytes;
    v128.store(row, t0);
    v128.store(row + tapBytes, f32x4.add(t0, t1));
    v128.store(row + 2 * tapBytes, f32x4.sub(t0, t1));
    v128.store(row + 3 * tapBytes, f32x4.sub(zero, t1));
  }
}

/**
 * Bᵀ d B for the four 4x4 tiles whose top-left cells are at `top` + 8q bytes (q < 4), rows
 * `rowBytes` apart, with Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]; tap ξ of the four
 * goes to v + ξ·tapBytes.
 */
@inline function inputTiles(top: usize, rowBytes: usize, v: usize, tapBytes: usize): void {
  // d[i][j]: column j of row i of the four tiles (even and odd columns of two 8-float loads).
  const r0 = top, r1 = top + rowBytes, r2 = top + 2 * rowBytes, r3 = top + 3 * rowBytes;
  for (let j = 0; j < 4; j++) {
    const d0 = column(r0, j), d1 = column(r1, j), d2 = column(r2, j), d3 = column(r3, j);
    // t = Bᵀ d, column j; stored at the tap rows for now and combined across columns below.
    v128.store(v + <usize>j * tapBytes, f32x4.sub(d0, d2));
    v128.store(v + <usize>(4 + j) * tapBytes, f32x4.add(d1, d2));
    v128.store(v + <usize>(8 + j) * tapBytes, f32x4.sub(d2, d1));
    v128.store(v + <usize>(12 + j) * tapBytes, f32x4.sub(d1, d3));
  }
  // v = t B, row i: [t0 - t2, t1 + t2, t2 - t1, t1 - t3].
  for (let i = 0; i < 4; i++) {
    const row = v + <usize>(4 * i) * tapBytes;
    const t0 = v128.load(row), t1 = v128.load(row + tapBytes), t2 = v128.load(row + 2 * tapBytes), t3 = v128.load(row + 3 * tapBytes);
    v128.store(row, f32x4.sub(t0, t2));
    v128.store(row + tapBytes, f32x4.add(t1, t2));
    v128.store(row + 2 * tapBytes, f32x4.sub(t2, t1));
    v128.store(row + 3 * tapBytes, f32x4.sub(t1, t3));
  }
}

/** Column j (< 4) of the four tiles in the row at p: floats p[2q + j] for q < 4. */
@inline function column(p: usize, j: i32): v128 {
  const at = p + (<usize>(j & 2) << 2);
  const lo = v128.load(at);
  const hi = v128.load(at, 16);
  return (j & 1) == 0 ? v128.shuffle<f32>(lo, hi, 0, 2, 4, 6) : v128.shuffle<f32>(lo, hi, 1, 3, 5, 7);
}

/**
 * Aᵀ M A + bias for four tiles (Aᵀ = [1 1 1 0; 0 1 -1 -1]): tap ξ of the four at m + ξ·tapBytes;
 * the 2x2 outputs go to rows y and y + rowBytes, eight floats each.
 */
@inline function outputTiles(m: usize, tapBytes: usize, bias: v128, y: usize, rowBytes: usize): void {
  // s = Aᵀ M (2x4), column by column.
  let s00 = bias, s01 = bias, s02 = bias, s03 = bias, s10 = bias, s11 = bias, s12 = bias, s13 = bias;
  for (let j = 0; j < 4; j++) {
    const m0 = v128.load(m + <usize>j * tapBytes), m1 = v128.load(m + <usize>(4 + j) * tapBytes);
    const m2 = v128.load(m + <usize>(8 + j) * tapBytes), m3 = v128.load(m + <usize>(12 + j) * tapBytes);
    const top = f32x4.add(f32x4.add(m0, m1), m2);
    const bottom = f32x4.sub(f32x4.sub(m1, m2), m3);
    if (j == 0) { s00 = top; s10 = bottom; } else if (j == 1) { s01 = top; s11 = bottom; } else if (j == 2) { s02 = top; s12 = bottom; } else { s03 = top; s13 = bottom; }
  }
  // y = s A + bias: [s0 + s1 + s2, s1 - s2 - s3] per row, interleaved into the output rows.
  const y00 = f32x4.add(f32x4.add(f32x4.add(s00, s01), s02), bias);
  const y01 = f32x4.add(f32x4.sub(f32x4.sub(s01, s02), s03), bias);
  const y10 = f32x4.add(f32x4.add(f32x4.add(s10, s11), s12), bias);
  const y11 = f32x4.add(f32x4.sub(f32x4.sub(s11, s12), s13), bias);
  v128.store(y, v128.shuffle<f32>(y00, y01, 0, 4, 1, 5));
  v128.store(y, v128.shuffle<f32>(y00, y01, 2, 6, 3, 7), 16);
  v128.store(y + rowBytes, v128.shuffle<f32>(y10, y11, 0, 4, 1, 5));
  v128.store(y + rowBytes, v128.shuffle<f32>(y10, y11, 2, 6, 3, 7), 16);
}

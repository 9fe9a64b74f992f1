// relu(maxpool2x2(y)) and its gradient for the fused conv block (conv-pool.ts), over the planes
// of one image. The pool picks cells as pool.ts does (top-left, top-right, bottom-left,
// bottom-right; greater or NaN replaces, so ties keep the first cell and NaN wins), and ReLU
// keeps values > 0 and NaN, as the js kernels. Each output gets a one-byte code: the cell (0-3)
// its gradient goes to, plus 4 where relu'(max) = 0 (max <= 0 or NaN): that cell then gets
// dOut·0, as the unfused relu backward (mul(grad, gt(x, 0))) gives, NaN and -0 included.

/** Flag of an output whose ReLU is inactive. */
const DEAD: i32 = 4;

/** Stores the low byte of each i32 lane of `v` at p..p+3. */
@inline function storeBytes(p: usize, v: v128): void {
  const bytes = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(v, v), v);
  store<i32>(p, i32x4.extract_lane(bytes, 0));
}

/**
 * out[p, oy, ox] = relu(max of the 2x2 window at (2oy, 2ox) of plane p of y [planes, inH, inW])
 * and codes[p, oy, ox] its code; inH and inW even.
 */
export function poolRelu(y: usize, planes: i32, inH: i32, inW: i32, out: usize, codes: usize): void {
  const outW = inW >> 1;
  const rows = planes * (inH >> 1);
  if (outW < 4) {
    for (let row = 0; row < rows; row++) {
      for (let ox = 0; ox < outW; ox++) poolReluOne(y + (<usize>(2 * row * inW + 2 * ox) << 2), <usize>inW << 2, out, codes, <usize>(row * outW + ox));
    }
    return;
  }
  for (let row = 0; row < rows; row++) {
    const top = y + (<usize>(2 * row * inW) << 2);
    const o = <usize>(row * outW);
    // Four outputs at a time; a row whose width is not a multiple of 4 ends with the last four,
    // overlapping outputs already written (with the same values).
    for (let ox = 0; ; ox += 4) {
      if (ox + 4 > outW) ox = outW - 4;
      poolReluFour(top + (<usize>ox << 3), <usize>inW << 2, out, codes, o + <usize>ox);
      if (ox + 4 >= outW) break;
    }
  }
}

/** Outputs o..o+3 from the windows whose top-left cells start at `top` (rows `rowBytes` apart). */
@inline function poolReluFour(top: usize, rowBytes: usize, out: usize, codes: usize, o: usize): void {
  const zero = f32x4.splat(0);
  const t0 = v128.load(top);
  const t1 = v128.load(top, 16);
  const b0 = v128.load(top + rowBytes);
  const b1 = v128.load(top + rowBytes, 16);
  let best = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
  let code = i32x4.splat(0);
  let cell = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
  let take = v128.or(f32x4.gt(cell, best), f32x4.ne(cell, cell));
  best = v128.bitselect(cell, best, take);
  code = v128.bitselect(i32x4.splat(1), code, take);
  cell = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
  take = v128.or(f32x4.gt(cell, best), f32x4.ne(cell, cell));
  best = v128.bitselect(cell, best, take);
  code = v128.bitselect(i32x4.splat(2), code, take);
  cell = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
  take = v128.or(f32x4.gt(cell, best), f32x4.ne(cell, cell));
  best = v128.bitselect(cell, best, take);
  code = v128.bitselect(i32x4.splat(3), code, take);
  const live = f32x4.gt(best, zero);
  v128.store(out + (o << 2), v128.bitselect(best, zero, v128.or(live, f32x4.ne(best, best))));
  storeBytes(codes + o, v128.or(code, v128.andnot(i32x4.splat(DEAD), live)));
}

/** Output o from the window whose top-left cell is at `top` (planes narrower than 8). */
function poolReluOne(top: usize, rowBytes: usize, out: usize, codes: usize, o: usize): void {
  let best = load<f32>(top);
  let code = 0;
  for (let c = 1; c < 4; c++) {
    const v = load<f32>(top + (c >> 1) * rowBytes + (<usize>(c & 1) << 2));
    if (v > best || v != v) {
      best = v;
      code = c;
    }
  }
  store<f32>(out + (o << 2), best > 0 || best != best ? best : 0);
  store<u8>(codes + o, best > 0 ? code : code | DEAD);
}

/**
 * The gradient of poolRelu: dy [planes, inH, inW] (overwritten) gets each dOut value (times 0
 * where the code says dead) at its code's cell, 0 elsewhere.
 */
export function unpoolRelu(dOut: usize, codes: usize, planes: i32, inH: i32, inW: i32, dy: usize): void {
  const outW = inW >> 1;
  const rows = planes * (inH >> 1);
  const rowBytes = <usize>inW << 2;
  for (let row = 0; row < rows; row++) {
    const top = dy + (<usize>(2 * row * inW) << 2);
    const o = <usize>(row * outW);
    if (outW < 4) {
      for (let ox = 0; ox < outW; ox++) unpoolReluOne(dOut, codes, o + <usize>ox, top + (<usize>ox << 3), rowBytes);
      continue;
    }
    // As poolRelu: four at a time, the last four overlapping where the width is not a multiple of 4.
    for (let ox = 0; ; ox += 4) {
      if (ox + 4 > outW) ox = outW - 4;
      unpoolReluFour(dOut, codes, o + <usize>ox, top + (<usize>ox << 3), rowBytes);
      if (ox + 4 >= outW) break;
    }
  }
}

@inline function unpoolReluFour(dOut: usize, codes: usize, o: usize, at: usize, rowBytes: usize): void {
  const zero = f32x4.splat(0);
  const flagged = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(codes + o)));
  const d = v128.load(dOut + (o << 2));
  const g = v128.bitselect(f32x4.mul(d, zero), d, i32x4.ne(v128.and(flagged, i32x4.splat(DEAD)), zero));
  const code = v128.and(flagged, i32x4.splat(3));
  const tl = v128.bitselect(g, zero, i32x4.eq(code, i32x4.splat(0)));
  const tr = v128.bitselect(g, zero, i32x4.eq(code, i32x4.splat(1)));
  const bl = v128.bitselect(g, zero, i32x4.eq(code, i32x4.splat(2)));
  const br = v128.bitselect(g, zero, i32x4.eq(code, i32x4.splat(3)));
  v128.store(at, v128.shuffle<f32>(tl, tr, 0, 4, 1, 5));
  v128.store(at, v128.shuffle<f32>(tl, tr, 2, 6, 3, 7), 16);
  v128.store(at + rowBytes, v128.shuffle<f32>(bl, br, 0, 4, 1, 5));
  v128.store(at + rowBytes, v128.shuffle<f32>(bl, br, 2, 6, 3, 7), 16);
}

function unpoolReluOne(dOut: usize, codes: usize, o: usize, at: usize, rowBytes: usize): void {
  const flagged = <i32>load<u8>(codes + o);
  const d = load<f32>(dOut + (o << 2));
  const g = (flagged & DEAD) != 0 ? d * 0 : d;
  const code = flagged & 3;
  store<f32>(at, code == 0 ? g : 0);
  store<f32>(at + 4, code == 1 ? g : 0);
  store<f32>(at + rowBytes, code == 2 ? g : 0);
  store<f32>(at + rowBytes + 4, code == 3 ? g : 0);
}

// 2x2, stride-2 max pooling without padding (the pool of most CNNs), four outputs per step.
// Cells are visited in the reference's order (top-left, top-right, bottom-left, bottom-right):
// a cell replaces the best so far when it is greater or NaN, so ties keep the first cell and
// NaN wins, exactly as the js kernel.

/**
 * out[p, oy, ox] = max of the 2x2 window at (2oy, 2ox) of plane p of x [planes, inH, inW];
 * argmax gets the flat in-plane index of the chosen cell. Pointers are byte addresses.
 */
export function maxPool2x2(x: usize, out: usize, argmax: usize, planes: i32, inH: i32, inW: i32): void {
  const outH = inH >> 1;
  const outW = inW >> 1;
  const rowBytes = <usize>inW << 2;
  let o: usize = 0;
  for (let p = 0; p < planes; p++) {
    const plane = x + (<usize>(p * inH * inW) << 2);
    for (let oy = 0; oy < outH; oy++) {
      const at = 2 * oy * inW;
      const top = plane + (<usize>at << 2);
      let ox = 0;
      for (; ox + 4 <= outW; ox += 4) {
        const t0 = v128.load(top + (<usize>ox << 3));
        const t1 = v128.load(top + (<usize>ox << 3), 16);
        const b0 = v128.load(top + rowBytes + (<usize>ox << 3));
        const b1 = v128.load(top + rowBytes + (<usize>ox << 3), 16);
        const first = i32x4.add(i32x4.splat(at + 2 * ox), i32x4(0, 2, 4, 6));
        let best = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
        let index = first;
        let cell = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
        let take = v128.or(f32x4.gt(cell, best), f32x4.ne(cell, cell));
        best = v128.bitselect(cell, best, take);
        index = v128.bitselect(i32x4.add(first, i32x4.splat(1)), index, take);
        cell = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
        take = v128.or(f32x4.gt(cell, best), f32x4.ne(cell, cell));
        best = v128.bitselect(cell, best, take);
        index = v128.bitselect(i32x4.add(first, i32x4.splat(inW)), index, take);
        cell = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        take = v128.or(f32x4.gt(cell, best), f32x4.ne(cell, cell));
        best = v128.bitselect(cell, best, take);
        index = v128.bitselect(i32x4.add(first, i32x4.splat(inW + 1)), index, take);
        v128.store(out + (o << 2), best);
        v128.store(argmax + (o << 2), index);
        o += 4;
      }
      for (; ox < outW; ox++, o++) {
        const cellAt = at + 2 * ox;
        let best = load<f32>(plane + (<usize>cellAt << 2));
        let bestAt = cellAt;
        for (let c = 1; c < 4; c++) {
          const i = cellAt + (c >> 1) * inW + (c & 1);
          const v = load<f32>(plane + (<usize>i << 2));
          if (v > best || v != v) {
            best = v;
            bestAt = i;
          }
        }
        store<f32>(out + (o << 2), best);
        store<i32>(argmax + (o << 2), bestAt);
      }
    }
  }
}

// Sums for the convolutions' bias and weight gradients (assembly/conv.ts): row sums of dL/dout
// and the in-order sum of the per-block partial gradients.

/** db[o] (+)= Σ_q dy[o, q] over the `positions` values of each of the `rows` rows (4 + 4 lanes of partial sums). */
export function rowSums(dy: usize, rows: i32, positions: i32, db: usize, accumulate: bool): void {
  let r = dy;
  for (let o = 0; o < rows; o++) {
    let acc0 = f32x4.splat(0);
    let acc1 = f32x4.splat(0);
    let q = 0;
    for (; q + 8 <= positions; q += 8) {
      acc0 = f32x4.add(acc0, v128.load(r + (<usize>q << 2)));
      acc1 = f32x4.add(acc1, v128.load(r + (<usize>q << 2), 16));
    }
    if (q + 4 <= positions) {
      acc0 = f32x4.add(acc0, v128.load(r + (<usize>q << 2)));
      q += 4;
    }
    const acc = f32x4.add(acc0, acc1);
    let s = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
    for (; q < positions; q++) s += load<f32>(r + (<usize>q << 2));
    const d = db + (<usize>o << 2);
    store<f32>(d, accumulate ? load<f32>(d) + s : s);
    r += <usize>positions << 2;
  }
}

/** dst[i] = Σ over b < count, in order, of src[b·stride + i] for i < len (dst may be src). */
export function sumBlocks(src: usize, count: i32, stride: i32, len: i32, dst: usize): void {
  const step = <usize>stride << 2;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    let p = src + (<usize>i << 2);
    let acc = v128.load(p);
    for (let b = 1; b < count; b++) {
      p += step;
      acc = f32x4.add(acc, v128.load(p));
    }
    v128.store(dst + (<usize>i << 2), acc);
  }
  for (; i < len; i++) {
    let p = src + (<usize>i << 2);
    let acc = load<f32>(p);
    for (let b = 1; b < count; b++) {
      p += step;
      acc += load<f32>(p);
    }
    store<f32>(dst + (<usize>i << 2), acc);
  }
}

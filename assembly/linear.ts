// Helpers of the fused dense layer (src/backend/wasm/linear.ts): the ReLU after a GEMM, the
// ReLU's gradient mask and the bias gradient, each one SIMD pass over data already in wasm
// memory. Values match the js kernels: relu keeps NaN, and a masked-off gradient is g·0 (so
// NaN and -0 come out as the reference's mul(g, gt(x, 0)) gives them).

/** c[i] = c[i] > 0 or NaN ? c[i] : 0 for i < n. */
export function reluInPlace(c: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = c + (<usize>i << 2);
    const v = v128.load(p);
    v128.store(p, v128.bitselect(v, zero, v128.or(f32x4.gt(v, zero), f32x4.ne(v, v))));
  }
  for (; i < n; i++) {
    const p = c + (<usize>i << 2);
    const v = load<f32>(p);
    store<f32>(p, v > 0 || v != v ? v : 0);
  }
}

/** g[i] = out[i] > 0 ? g[i] : g[i]·0 for i < n (relu'(x) from the output: out > 0 exactly where x > 0). */
export function reluMask(g: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = g + (<usize>i << 2);
    const v = v128.load(p);
    v128.store(p, v128.bitselect(v, f32x4.mul(v, zero), f32x4.gt(v128.load(out + (<usize>i << 2)), zero)));
  }
  for (; i < n; i++) {
    const p = g + (<usize>i << 2);
    const v = load<f32>(p);
    store<f32>(p, load<f32>(out + (<usize>i << 2)) > 0 ? v : v * 0);
  }
}

/** dst[j] = Σ over r < rows, in order, of src[r·cols + j] for j < cols (overwritten). */
export function columnSums(src: usize, rows: i32, cols: i32, dst: usize): void {
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    let acc = f32x4.splat(0);
    for (let r = 0; r < rows; r++) acc = f32x4.add(acc, v128.load(src + (<usize>(r * cols + j) << 2)));
    v128.store(dst + (<usize>j << 2), acc);
  }
  for (; j < cols; j++) {
    let acc: f32 = 0;
    for (let r = 0; r < rows; r++) acc += load<f32>(src + (<usize>(r * cols + j) << 2));
    store<f32>(dst + (<usize>j << 2), acc);
  }
}

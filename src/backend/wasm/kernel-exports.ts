/** The functions the AssemblyScript module (assembly/index.ts) exports. */
export interface KernelExports {
  /**
   * Batched C (+)= op(A)·op(B) on wasm memory; pointers are byte addresses, strides count
   * f32 elements (see assembly/gemm.ts).
   */
  gemm(
    a: number, b: number, c: number, m: number, n: number, k: number,
    ars: number, acs: number, brs: number, bcs: number, ldc: number,
    batch: number, abs: number, bbs: number, cbs: number, accumulate: number, scratch: number,
  ): void;
  /** y[j] (+)= Σ_p x[p]·M[p*pStride + j*jStride] (x, y contiguous; jStride or pStride is 1); see assembly/gemv.ts. */
  gemv(x: number, m: number, y: number, len: number, k: number, pStride: number, jStride: number, accumulate: number): void;
  /** Adam/AdamW update of n float32 values in place (w, m, v); 7 f32 hyperparameters at `hyper` (see assembly/adam.ts). */
  adamUpdate(hyper: number, w: number, g: number, m: number, v: number, n: number): void;
  /** 2x2 stride-2 max pool of float32 planes [planes, inH, inW] with in-plane argmax (see assembly/pool.ts). */
  maxPool2x2(x: number, out: number, argmax: number, planes: number, inH: number, inW: number): void;
  /** c[i] = max(c[i], 0) for i < n, NaN kept (the ReLU after a GEMM; see assembly/linear.ts). */
  reluInPlace(c: number, n: number): void;
  /** g[i] = out[i] > 0 ? g[i] : g[i]·0 for i < n (the ReLU's gradient from its output). */
  reluMask(g: number, out: number, n: number): void;
  /** dst[j] = Σ over rows of src[r·cols + j] (the bias gradient). */
  columnSums(src: number, rows: number, cols: number, dst: number): void;
  /** x[i] = 0 for i < n (a bulk memory.fill; see assembly/fill.ts). */
  fillZeros(x: number, n: number): void;
  /** Bytes of scratch one thread's GEMM needs. */
  scratchBytes(): number;
  /** Rows of C in one GEMM micro-tile (5, or 6 in the relaxed-SIMD build). */
  microTileRows(): number;
  /**
   * One-matrix C (+)= op(A)·op(B) shared by threads that claim its work (assembly/gemm-claimed.ts):
   * the first 11 arguments and `accumulate`, `scratch` as gemm's (without the batch ones), then
   * the shared packed B (claimedPackedBytes(n, k) bytes), the control block (20 + 8 per row
   * block bytes: four counters and the blocks' done flags zeroed, then the blocks' first rows and
   * m; blocks of at most 120 rows), the number of blocks and whether to return after one block.
   * Returns that block's index, -1 when none was left, -2 when B was not yet packed or A not
   * flagged ready after a bounded wait (call again).
   */
  gemmClaimed(
    a: number, b: number, c: number, m: number, n: number, k: number,
    ars: number, acs: number, brs: number, bcs: number, ldc: number, accumulate: number, scratch: number,
    packed: number, control: number, blocks: number, oneBlock: number,
  ): number;
  /** Bytes of gemmClaimed's shared packed B for a k x n op(B). */
  claimedPackedBytes(n: number, k: number): number;
  /**
   * Whole float32 convolutions (groups 1), pointers to wasm memory. `geometry` points at 12 i32s
   * (WindowGeometry's fields in order) and then a counter (zeroed by the host) from which the
   * threads of one call claim work. See assembly/conv.ts.
   * convForward: y = conv(x, w) (+ bias when withBias is 1, w then being [cOut, patch + 1] with
   * the bias as its last column) for `images` images, claimed one by one.
   */
  convForward(x: number, w: number, withBias: number, y: number, images: number, cIn: number, cOut: number, u: number, geometry: number, scratch: number): void;
  /**
   * The gradients for dy over `blocks` claimed blocks of images (block b: images [starts[b],
   * starts[b + 1]), `starts` pointing at blocks + 1 i32s): dx (0 = none) overwritten per image;
   * per block, a partial `partStride` floats apart from `parts` with dw (sums & 1) and then db
   * (sums & 2), which sumBlocks adds.
   */
  convBackward(
    dy: number, x: number, w: number, dx: number, parts: number, partStride: number, sums: number,
    blocks: number, starts: number, cIn: number, cOut: number, geometry: number, scratch: number,
  ): void;
  /**
   * The fused relu(maxpool2x2(conv)) block (assembly/conv-pool.ts): convForward with the pooled
   * values [cOut, outH/2, outW/2] and one code byte each per image in place of y.
   */
  convPoolForward(
    x: number, w: number, withBias: number, pooled: number, codes: number, images: number, cIn: number, cOut: number, u: number, geometry: number, scratch: number,
  ): void;
  /** convBackward from dL/dpooled and the forward's codes. */
  convPoolBackward(
    dPooled: number, codes: number, x: number, w: number, dx: number, parts: number, partStride: number, sums: number,
    blocks: number, starts: number, cIn: number, cOut: number, uFlip: number, geometry: number, scratch: number,
  ): void;
  /**
   * Winograd F(2x2, 3x3) (assembly/winograd.ts): the 16 transformed filters [rows, cols] of w
   * (cOut filters rowStride floats apart) for the forward pass (flip 0: rows cOut) or the input
   * gradient (flip 1: rows cIn); the u / uFlip arguments above (0 = im2col) point at them.
   */
  winogradFilter(w: number, cOut: number, cIn: number, rowStride: number, flip: number, u: number): void;
  /** dw [cOut, cIn, 3, 3] from the summed transformed weight-gradient sums [16, cOut, cIn] (assembly/winograd.ts). */
  winogradWeightOutput(m: number, cOut: number, cIn: number, dw: number): void;
  /** Floats of Winograd scratch a 'same' 3x3 convolution of one h x w image needs. */
  winogradFloats(channels: number, outChannels: number, h: number, w: number): number;
  /** Floats of the per-thread Winograd block. */
  convWinogradFloats(): number;
  /** Floats of the per-thread plane block; the fused block needs cOut·outH·outW within it. */
  convPlaneFloats(): number;
  /** dst[i] = Σ over b < count, in order, of src[b·stride + i] for i < len, float32 (dst may be src). */
  sumBlocks(src: number, count: number, stride: number, len: number, dst: number): void;
  /** Bytes of scratch one thread's convolution needs (the GEMM's plus the column block). */
  convScratchBytes(): number;
  /** Floats of the column block; larger patches (cIn·kH·kW) cannot run on the conv kernels. */
  convColumns(): number;
  /** First byte of memory the host may use. */
  heapBase(): number;
}

/** Checks an instance's exports and gives them their types. */
export function kernelExports(exports: WebAssembly.Exports): KernelExports {
  const fn = (name: keyof KernelExports): ((...args: number[]) => number) => {
    const value = exports[name];
    if (typeof value !== 'function') throw new Error(`the kernel module does not export '${name}'`);
    return value as (...args: number[]) => number;
  };
  // The exports already have these signatures (a kernel that returns nothing returns undefined).
  return {
    gemm: fn('gemm'),
    fillZeros: fn('fillZeros'),
    gemv: fn('gemv'),
    adamUpdate: fn('adamUpdate'),
    maxPool2x2: fn('maxPool2x2'),
    reluInPlace: fn('reluInPlace'),
    reluMask: fn('reluMask'),
    columnSums: fn('columnSums'),
    scratchBytes: fn('scratchBytes'),
    microTileRows: fn('microTileRows'),
    gemmClaimed: fn('gemmClaimed'),
    claimedPackedBytes: fn('claimedPackedBytes'),
    convForward: fn('convForward'),
    convBackward: fn('convBackward'),
    convPoolForward: fn('convPoolForward'),
    convPoolBackward: fn('convPoolBackward'),
    convPlaneFloats: fn('convPlaneFloats'),
    winogradFilter: fn('winogradFilter'),
    winogradWeightOutput: fn('winogradWeightOutput'),
    winogradFloats: fn('winogradFloats'),
    convWinogradFloats: fn('convWinogradFloats'),
    sumBlocks: fn('sumBlocks'),
    convScratchBytes: fn('convScratchBytes'),
    convColumns: fn('convColumns'),
    heapBase: fn('heapBase'),
  };
}

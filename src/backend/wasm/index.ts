/**
 * The wasm backend: the `Backend` interface with its heavy kernels on WebAssembly SIMD128.
 *
 * - Kernels: assembly/ (AssemblyScript), compiled by scripts/build-wasm.mjs and embedded as
 *   base64 (generated/kernels-wasm.ts), so loading is synchronous and needs no file path; a
 *   relaxed-SIMD build (fused multiply-add) is chosen where the engine validates it (load.ts).
 *   GEMM follows Goto & van de Geijn (2008): B packed in KC x NC blocks of 8-column panels,
 *   A in MC x KC blocks of 4-row panels (both read through strides, so transposed operands
 *   are packed straight from storage), and a 4x8 micro-kernel holding C in eight f32x4
 *   accumulators. float32 convolutions run whole in wasm (conv.ts: im2col blocks in per-thread
 *   scratch feed the GEMM; 'same' 3x3 ones by Winograd F(2x2, 3x3)), as do 2x2 max pooling
 *   (pool.ts), the Adam update (optimizer-kernels.ts), and two fused blocks whose intermediate
 *   activations never leave wasm memory: conv → 2x2 max pool → ReLU (conv.ts) and the dense
 *   layer's ReLU and one-call gradients (linear.ts).
 * - Memory: activations and gradients stay JS typed arrays, copied into one reused operand area
 *   and back (arena.ts). Long-lived float32 arrays (parameters, Adam's moments) live in wasm
 *   memory where it is shared (resident.ts), so kernels use them in place; their blocks return
 *   to the arena when the arrays are garbage-collected.
 * - Threads: worker_threads instantiate the same module on the same shared memory
 *   (thread-pool.ts, worker-source.ts); a large kernel is split (GEMM by batch, columns or rows
 *   of C; convolution by image), the calling thread takes one part and waits for the rest.
 *   Each output is computed by one thread in a fixed order, so results do not depend on the
 *   thread count. In browsers the workers are Web Workers (cross-origin-isolated pages only).
 * - Memory-bound elementwise kernels, copies and reductions stay in JavaScript
 *   (fast-elementwise.ts, fast-reduce.ts, fast-window.ts, or the js reference), float64 too.
 */
export { createWasmBackend, tryCreateWasmBackend, tryCreateWasmBackendAsync } from './wasm-backend.js';
export type { WasmBackend, WasmBackendOptions, WasmBackendResult } from './wasm-backend.js';

/**
 * The wasm backend: the `Backend` interface with float32 GEMM on WebAssembly SIMD128.
 *
 * - Kernels: assembly/ (AssemblyScript), compiled by scripts/build-wasm.mjs and embedded as
 *   base64 (generated/kernels-wasm.ts), so loading is synchronous and needs no file path.
 *   GEMM follows Goto & van de Geijn (2008): B packed in KC x NC blocks of 8-column panels,
 *   A in MC x KC blocks of 4-row panels (both read through strides, so transposed operands
 *   are packed straight from storage), and a 4x8 micro-kernel holding C in eight f32x4
 *   accumulators.
 * - Memory: tensors stay JS typed arrays. One WebAssembly.Memory holds per-thread packing
 *   scratch and an operand area that every call reuses; it grows only when a call needs more
 *   than any before (arena.ts). Operands are copied in and C copied out (O(n²) next to the
 *   GEMM's O(n³)).
 * - Threads: worker_threads instantiate the same module on the same shared memory
 *   (thread-pool.ts, worker-source.ts); a large GEMM is split by batch, columns or rows of C,
 *   the calling thread takes one part and blocks in Atomics.wait for the rest. Each element
 *   of C is computed by one thread in a fixed order, so results do not depend on the thread
 *   count. Browsers run single-threaded.
 * - Memory-bound kernels stay in JavaScript (fast-elementwise.ts, fast-window.ts, or the js
 *   reference), float64 GEMM too: copying into wasm would cost more than SIMD saves.
 */
export { createWasmBackend, tryCreateWasmBackend } from './wasm-backend.js';
export type { WasmBackend, WasmBackendOptions, WasmBackendResult } from './wasm-backend.js';

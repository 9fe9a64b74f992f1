import { kernelsWasm } from './generated/kernels-wasm.js';
import { kernelExports } from './kernel-exports.js';
import type { KernelExports } from './kernel-exports.js';

/** A compiled kernel module with its memory and the main thread's instance. */
export interface WasmKernels {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly exports: KernelExports;
  /** Whether the memory is shared, so worker threads can run on it. */
  readonly shared: boolean;
  /** Whether this is the relaxed-SIMD build (fused multiply-add in the GEMM micro-kernel). */
  readonly relaxed: boolean;
}

export type LoadResult = { readonly ok: true; readonly kernels: WasmKernels } | { readonly ok: false; readonly reason: string };

const pageBytes = 65536;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether this engine accepts the relaxed-SIMD build: Node 22+, Chrome 114+, or Node 20 started
 * with --experimental-wasm-relaxed-simd. Validating the module itself is the exact test.
 */
export function relaxedSimdSupported(): boolean {
  try {
    return WebAssembly.validate(decodeBase64(kernelsWasm.plainRelaxed));
  } catch {
    return false;
  }
}

/** Compiles and instantiates one variant; `initialBytes` of memory are there from the start. */
function instantiate(shared: boolean, relaxed: boolean, initialBytes: number): WasmKernels {
  const variant = shared ? (relaxed ? kernelsWasm.sharedRelaxed : kernelsWasm.shared) : relaxed ? kernelsWasm.plainRelaxed : kernelsWasm.plain;
  const module = new WebAssembly.Module(decodeBase64(variant));
  const initial = Math.ceil(initialBytes / pageBytes);
  let memory: WebAssembly.Memory | undefined;
  let lastError: unknown;
  // A shared memory reserves its maximum up front; try smaller maxima where address space is short.
  for (const maximum of shared ? [65536, 16384, 4096] : [65536]) {
    try {
      memory = new WebAssembly.Memory({ initial, maximum, shared });
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (memory === undefined) throw lastError;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { module, memory, exports: kernelExports(instance.exports), shared, relaxed };
}

/**
 * Loads the SIMD128 kernels synchronously (the module is a few KB). Prefers the shared-memory
 * variant when `shared` and the environment has SharedArrayBuffer, and the relaxed-SIMD build
 * when `relaxed` (default: where the engine validates it); says why when nothing loads.
 */
export function loadKernels(shared: boolean, initialBytes: number, relaxed = relaxedSimdSupported()): LoadResult {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.Module !== 'function') {
    return { ok: false, reason: 'WebAssembly is not available in this environment' };
  }
  let sharedProblem = '';
  if (shared && typeof SharedArrayBuffer === 'function') {
    try {
      return { ok: true, kernels: instantiate(true, relaxed, initialBytes) };
    } catch (error) {
      sharedProblem = `; the shared-memory variant failed too (${message(error)})`;
    }
  }
  try {
    return { ok: true, kernels: instantiate(false, relaxed, initialBytes) };
  } catch (error) {
    return {
      ok: false,
      reason: `the SIMD128 kernels did not compile or instantiate (${message(error)})${sharedProblem}; this engine may lack WebAssembly SIMD`,
    };
  }
}

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

function variantBytes(shared: boolean, relaxed: boolean): Uint8Array<ArrayBuffer> {
  return decodeBase64(shared ? (relaxed ? kernelsWasm.sharedRelaxed : kernelsWasm.shared) : relaxed ? kernelsWasm.plainRelaxed : kernelsWasm.plain);
}

/** A memory with `initialBytes` from the start; a shared one tries smaller maxima where address space is short. */
function createMemory(shared: boolean, initialBytes: number): WebAssembly.Memory {
  const initial = Math.ceil(initialBytes / pageBytes);
  let lastError: unknown;
  for (const maximum of shared ? [65536, 16384, 4096] : [65536]) {
    try {
      return new WebAssembly.Memory({ initial, maximum, shared });
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Compiles and instantiates one variant synchronously. */
function instantiate(shared: boolean, relaxed: boolean, initialBytes: number): WasmKernels {
  const module = new WebAssembly.Module(variantBytes(shared, relaxed));
  const memory = createMemory(shared, initialBytes);
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { module, memory, exports: kernelExports(instance.exports), shared, relaxed };
}

/** The same, asynchronously: what a browser page's main thread needs for a module over 4 KB. */
async function instantiateAsync(shared: boolean, relaxed: boolean, initialBytes: number): Promise<WasmKernels> {
  const memory = createMemory(shared, initialBytes);
  const { module, instance } = await WebAssembly.instantiate(variantBytes(shared, relaxed), { env: { memory } });
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
      sharedProblem = sharedFailure(error);
    }
  }
  try {
    return { ok: true, kernels: instantiate(false, relaxed, initialBytes) };
  } catch (error) {
    return { ok: false, reason: failure(error, sharedProblem) };
  }
}

/** loadKernels with asynchronous compilation (browsers refuse to compile modules over 4 KB synchronously on a page's main thread). */
export async function loadKernelsAsync(shared: boolean, initialBytes: number, relaxed = relaxedSimdSupported()): Promise<LoadResult> {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    return { ok: false, reason: 'WebAssembly is not available in this environment' };
  }
  let sharedProblem = '';
  if (shared && typeof SharedArrayBuffer === 'function') {
    try {
      return { ok: true, kernels: await instantiateAsync(true, relaxed, initialBytes) };
    } catch (error) {
      sharedProblem = sharedFailure(error);
    }
  }
  try {
    return { ok: true, kernels: await instantiateAsync(false, relaxed, initialBytes) };
  } catch (error) {
    return { ok: false, reason: failure(error, sharedProblem) };
  }
}

const sharedFailure = (error: unknown): string => `; the shared-memory variant failed too (${message(error)})`;

function failure(error: unknown, sharedProblem: string): string {
  return `the SIMD128 kernels did not compile or instantiate (${message(error)})${sharedProblem}; this engine may lack WebAssembly SIMD`;
}

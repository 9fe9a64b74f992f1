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

/** Compiles and instantiates one variant; `initialBytes` of memory are there from the start. */
function instantiate(shared: boolean, initialBytes: number): WasmKernels {
  const module = new WebAssembly.Module(decodeBase64(shared ? kernelsWasm.shared : kernelsWasm.plain));
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
  return { module, memory, exports: kernelExports(instance.exports), shared };
}

/**
 * Loads the SIMD128 kernels synchronously (the module is a few KB, small enough for every
 * engine's synchronous compile). Prefers the shared-memory variant when `shared` and the
 * environment has SharedArrayBuffer; says why when nothing loads.
 */
export function loadKernels(shared: boolean, initialBytes: number): LoadResult {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.Module !== 'function') {
    return { ok: false, reason: 'WebAssembly is not available in this environment' };
  }
  let sharedProblem = '';
  if (shared && typeof SharedArrayBuffer === 'function') {
    try {
      return { ok: true, kernels: instantiate(true, initialBytes) };
    } catch (error) {
      sharedProblem = `; the shared-memory variant failed too (${message(error)})`;
    }
  }
  try {
    return { ok: true, kernels: instantiate(false, initialBytes) };
  } catch (error) {
    return {
      ok: false,
      reason: `the SIMD128 kernels did not compile or instantiate (${message(error)})${sharedProblem}; this engine may lack WebAssembly SIMD`,
    };
  }
}

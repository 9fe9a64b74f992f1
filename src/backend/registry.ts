import { BackendError } from '../errors/index.js';
import type { Backend } from './backend.js';
import { jsBackend } from './js/index.js';
import { tryCreateWasmBackend, tryCreateWasmBackendAsync } from './wasm/index.js';
import type { WasmBackendResult } from './wasm/index.js';

const backends = new Map<string, Backend>([['js', jsBackend]]);
let current: Backend = jsBackend;

// The fast wasm backend is the default wherever it loads; otherwise say why, once, and stay on js.
let wasmLoad: WasmBackendResult = tryCreateWasmBackend();
if (wasmLoad.ok) {
  backends.set(wasmLoad.backend.name, wasmLoad.backend);
  current = wasmLoad.backend;
} else {
  console.warn(`deeptrace: the wasm backend did not load (${wasmLoad.reason}); using the js backend (on a browser page, await initWasm() loads it asynchronously)`);
}

/**
 * One line on the backends: which one ops run on and, for wasm, its threads, or why it did
 * not load.
 */
export function backendStatus(): string {
  const wasm = wasmLoad.ok
    ? `wasm loaded (SIMD128${wasmLoad.backend.relaxedSimd ? ' + relaxed FMA' : ''}, up to ${wasmLoad.backend.threads} thread${wasmLoad.backend.threads === 1 ? '' : 's'})`
    : `wasm not loaded: ${wasmLoad.reason}`;
  return `backend '${current.name}'; ${wasm}`;
}

/**
 * Loads the wasm backend asynchronously where the synchronous load at import failed (a browser
 * page's main thread compiles modules over 4 KB only asynchronously), registers it, and makes it
 * current unless another backend was chosen meanwhile. Resolves to backendStatus(); where wasm
 * loaded at import it does nothing.
 * @example await initWasm(); // in a browser, before training
 */
export async function initWasm(): Promise<string> {
  if (wasmLoad.ok) return backendStatus();
  const result = await tryCreateWasmBackendAsync();
  if (result.ok && !wasmLoad.ok) {
    wasmLoad = result;
    backends.set(result.backend.name, result.backend);
    if (current === jsBackend) current = result.backend;
  }
  return backendStatus();
}

/** Makes a backend available to `setBackend` under its name. */
export function registerBackend(backend: Backend): void {
  backends.set(backend.name, backend);
}

/** Selects the backend that every following op runs on. */
export function setBackend(name: string): void {
  const backend = backends.get(name);
  if (backend === undefined) {
    throw new BackendError(`setBackend: no backend named '${name}'`, {
      expected: [...backends.keys()],
      got: name,
      hint: "call setBackend('js') for the reference backend",
    });
  }
  current = backend;
}

/** The backend ops run on now. */
export function getBackend(): Backend {
  return current;
}

/** Names of the registered backends. */
export function listBackends(): string[] {
  return [...backends.keys()];
}

/** Runs `fn` with `name` selected, then restores the previous backend. */
export function withBackend<T>(name: string, fn: () => T): T {
  const previous = current;
  setBackend(name);
  try {
    return fn();
  } finally {
    current = previous;
  }
}

export { createWasmBackend, tryCreateWasmBackend } from './wasm-backend.js';
export type { WasmBackend, WasmBackendOptions, WasmBackendResult } from './wasm-backend.js';

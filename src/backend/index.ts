export type {
  ArgReduceKernel,
  Backend,
  BinaryKernel,
  FloatArray,
  GemmParams,
  ReduceKernel,
  StridedInput,
  UnaryKernel,
  UnaryBackwardKernel,
  WindowGeometry,
} from './backend.js';
export { kernelNames } from './backend.js';
export { jsBackend } from './js/index.js';
export { backendStatus, getBackend, initWasm, listBackends, registerBackend, setBackend, withBackend } from './registry.js';
export { createWasmBackend, tryCreateWasmBackendAsync } from './wasm/index.js';
export type { WasmBackend, WasmBackendOptions } from './wasm/index.js';

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
export { backendStatus, getBackend, listBackends, registerBackend, setBackend, withBackend } from './registry.js';
export { createWasmBackend } from './wasm/index.js';
export type { WasmBackend, WasmBackendOptions } from './wasm/index.js';

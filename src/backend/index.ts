export type {
  ArgReduceKernel,
  Backend,
  BinaryKernel,
  FloatArray,
  GemmParams,
  ReduceKernel,
  StridedInput,
  UnaryKernel,
  WindowGeometry,
} from './backend.js';
export { kernelNames } from './backend.js';
export { jsBackend } from './js/index.js';
export { getBackend, listBackends, registerBackend, setBackend, withBackend } from './registry.js';

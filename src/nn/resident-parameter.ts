import { getBackend } from '../backend/registry.js';
import { Tensor } from '../tensor/tensor.js';

/** The resident copy made for each tensor registered as a parameter (weight sharing gets one copy). */
const residentCopies = new WeakMap<Tensor, Tensor>();

/**
 * The tensor a parameter is registered as: a float32 tensor moves to the backend's own memory
 * where it has one (the wasm backend with shared memory), so its kernels read and update it in
 * place instead of copying it every step; elsewhere the tensor itself. The values are the same.
 */
export function residentParameter(t: Tensor): Tensor {
  const kernels = getBackend().optimizer;
  if (kernels === undefined || t.dtype !== 'float32' || t.requiresGrad || (t.storage instanceof Float32Array && kernels.owns(t.storage))) return t;
  const known = residentCopies.get(t);
  if (known !== undefined) return known;
  let data: Float32Array;
  try {
    data = kernels.stateArray(t.size);
  } catch {
    return t; // wasm memory cannot grow that far: the parameter stays an ordinary array
  }
  data.set(t.values());
  const copy = new Tensor(data, t.shape);
  residentCopies.set(t, copy);
  return copy;
}

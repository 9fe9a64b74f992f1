import type { OptimizerKernels } from '../backend/backend.js';
import { ConfigError, DTypeError } from '../errors/index.js';
import { Tensor } from '../tensor/tensor.js';
import { hasGradient } from '../autograd/leaf-gradients.js';
import type { ParamState } from './optimizer.js';

/** The float arrays optimizers update in place. */
export type FloatArray = Float32Array | Float64Array;

/** A flat run of values: element i of the tensor is `data[offset + i]`. */
export interface Slots {
  readonly data: FloatArray;
  readonly offset: number;
}

/** Where a parameter's values live. Parameters are contiguous float leaves, updated in place. */
export function paramSlots(op: string, p: Tensor): Slots {
  if (p.dtype === 'int32') throw new DTypeError(`${op}: parameter '${p.name ?? '?'}' is int32; only float tensors can be optimized`);
  if (!p.isContiguous()) {
    throw new ConfigError(`${op}: parameter '${p.name ?? '?'}' is a non-contiguous view; optimizers update parameters in place`, {
      hint: 'make the parameter a contiguous leaf, e.g. x.contiguous().detach().requiresGrad_()',
    });
  }
  return { data: p.storage as FloatArray, offset: p.offset };
}

/**
 * The gradient of `p` as a contiguous run of p's dtype, or null when p has no gradient (none,
 * or one zeroed in place by zeroGrad and not added to since: such a parameter is skipped as it
 * would be with its gradient set to none).
 */
export function gradSlots(op: string, p: Tensor): Slots | null {
  if (!hasGradient(p)) return null;
  let g = p.grad!;
  if (g.size !== p.size) {
    throw new ConfigError(`${op}: gradient of parameter '${p.name ?? '?'}' has shape [${g.shape.join(',')}], the parameter [${p.shape.join(',')}]`);
  }
  if (g.dtype !== p.dtype) g = g.cast(p.dtype);
  if (!g.isContiguous()) g = g.contiguous();
  return { data: g.storage as FloatArray, offset: g.offset };
}

/**
 * The state buffer `key` of parameter `p` (shape and dtype of p, contiguous, offset 0), created
 * filled with `init` on first use. Buffers are tensors so stateDict can copy them.
 */
export function stateBuffer(state: ParamState, key: string, p: Tensor, init = 0): FloatArray {
  const existing = state[key];
  if (existing instanceof Tensor) {
    if (existing.size !== p.size) {
      throw new ConfigError(`optimizer state '${key}' has ${existing.size} values, parameter '${p.name ?? '?'}' has ${p.size}`, {
        hint: 'the state dict was saved for a different model or parameter order',
      });
    }
    if (existing.dtype !== p.dtype || existing.offset !== 0 || !existing.isContiguous()) {
      const fixed = existing.cast(p.dtype).contiguous().clone();
      state[key] = fixed;
      return fixed.storage as FloatArray;
    }
    return existing.storage as FloatArray;
  }
  const data = p.dtype === 'float64' ? new Float64Array(p.size) : new Float32Array(p.size);
  if (init !== 0) data.fill(init);
  state[key] = new Tensor(data, p.shape);
  return data;
}

/**
 * stateBuffer for a float32 parameter, kept where the backend's optimizer kernels update it in
 * place: a buffer from elsewhere (a fresh one, a loaded state dict) is moved there once (or
 * stays where it is when that memory is full: then null, and the optimizer's own loop runs).
 */
export function kernelStateBuffer(kernels: OptimizerKernels, state: ParamState, key: string, p: Tensor): Float32Array | null {
  const current = stateBuffer(state, key, p);
  if (current instanceof Float32Array && kernels.owns(current)) return current;
  let moved: Float32Array;
  try {
    moved = kernels.stateArray(p.size);
  } catch {
    return null;
  }
  moved.set(current);
  state[key] = new Tensor(moved, p.shape);
  return moved;
}

/** The number stored under `key` in a parameter's state (0 when absent). */
export function stateNumber(state: ParamState, key: string): number {
  const v = state[key];
  return typeof v === 'number' ? v : 0;
}

/** Throws the ConfigError optimizers raise for a bad hyperparameter, torch's wording plus the op. */
export function invalid(op: string, what: string, value: unknown, expected: string): never {
  throw new ConfigError(`${op}: Invalid ${what}: ${String(value)}`, { expected, got: value });
}

/** Checks a hyperparameter that must be a finite number >= 0. */
export function checkNonNegative(op: string, what: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value)) invalid(op, what, value, 'a finite number >= 0');
}

import { gradcheck } from '../../src/autograd/index.js';
import type { Module } from '../../src/nn/module.js';
import type { NestedArray, Tensor } from '../../src/tensor/index.js';
import { tensor } from '../../src/tensor/index.js';

/** Overwrites the named parameters/buffers of `module` with hand-chosen values (same dtype as the module's). */
export function setParams(module: Module<never[], unknown>, values: Record<string, NestedArray>): void {
  const own = module.stateDict();
  const state: Record<string, Tensor> = {};
  for (const [name, value] of Object.entries(values)) {
    const target = own[name];
    if (target === undefined) throw new Error(`setParams: no '${name}' in ${Object.keys(own).join(', ')}`);
    state[name] = tensor(value, { dtype: target.dtype });
  }
  module.loadStateDict(state, { strict: false });
}

/**
 * Casts `module` to float64 and gradchecks `fn(input)` with respect to the input (when it
 * requires grad) and every parameter.
 */
export function gradcheckModule(module: Module<never[], unknown>, input: Tensor, fn: (x: Tensor) => Tensor): void {
  module.cast('float64');
  const params = module.parameters();
  gradcheck((x: Tensor) => fn(x), [input, ...params]);
}

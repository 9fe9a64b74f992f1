import { ConfigError } from '../../errors/index.js';
import type { Module } from '../../nn/index.js';
import { Tensor } from '../../tensor/index.js';
import type { ArrayRecord } from '../protocol/index.js';

/** Global parameters as constant tensors, by name. */
export type GlobalTensors = Readonly<Record<string, Tensor>>;

/** Constant tensors over the float arrays of `record` (build them once per round, not per batch). */
export function globalTensors(record: ArrayRecord): GlobalTensors {
  const out: Record<string, Tensor> = {};
  for (const a of record) if (a.dtype !== 'int32') out[a.name] = new Tensor(a.data, a.shape);
  return out;
}

/**
 * FedProx's proximal term (Li et al. 2020, "Federated Optimization in Heterogeneous Networks",
 * eq. 2): μ/2 · Σ_p ‖w_p − w_p^global‖² over the model's trainable parameters, a scalar tensor the
 * client adds to its loss so that local training stays close to the global model. Buffers are
 * not included.
 * @example const loss = crossEntropy(model.call(x), y).add(proximalTerm(model, global, 0.01));
 */
export function proximalTerm(model: Module<never[], unknown>, global: ArrayRecord | GlobalTensors, mu: number): Tensor {
  if (!(mu >= 0) || !Number.isFinite(mu)) throw new ConfigError(`proximalTerm: mu must be a finite number >= 0, got ${mu}`);
  const reference = Array.isArray(global) ? globalTensors(global as ArrayRecord) : (global as GlobalTensors);
  let total: Tensor | null = null;
  for (const [name, w] of model.namedParameters()) {
    const g = reference[name];
    if (g === undefined) {
      throw new ConfigError(`proximalTerm: the global parameters have no '${name}'`, { hint: 'pass the parameters the server sent this round' });
    }
    const term = w.sub(g).square().sum();
    total = total === null ? term : total.add(term);
  }
  if (total === null) throw new ConfigError('proximalTerm: the model has no parameters');
  return total.mul(mu / 2);
}

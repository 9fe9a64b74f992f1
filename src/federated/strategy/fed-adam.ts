import type { FedOptOptions } from './fed-opt.js';
import { FedOpt } from './fed-opt.js';

/**
 * FedAdam (Reddi et al. 2021, Algorithm 2): v_t = β2·v_{t−1} + (1 − β2)·Δ_t². See FedOpt.
 * Defaults as Flower: eta 0.1, etaL 0.1, beta1 0.9, beta2 0.99, tau 1e-9.
 * @example new FedAdam({ eta: 0.01, tau: 1e-3 })
 */
export class FedAdam extends FedOpt {
  override readonly name: string = 'FedAdam';

  constructor(options: FedOptOptions = {}) {
    super(options, { eta: 0.1, etaL: 0.1, beta1: 0.9, beta2: 0.99, tau: 1e-9 });
  }

  protected secondMoment(previous: number, squared: number): number {
    return this.beta2 * previous + (1 - this.beta2) * squared;
  }
}

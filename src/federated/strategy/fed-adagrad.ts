import type { FedOptOptions } from './fed-opt.js';
import { FedOpt } from './fed-opt.js';

/**
 * FedAdagrad (Reddi et al. 2021, Algorithm 2): v_t = v_{t−1} + Δ_t² (beta2 is unused). See FedOpt.
 * Defaults as Flower: eta 0.1, etaL 0.1, beta1 0 (no server momentum), tau 1e-9.
 * @example new FedAdagrad({ eta: 0.1, beta1: 0.9 })
 */
export class FedAdagrad extends FedOpt {
  override readonly name: string = 'FedAdagrad';

  constructor(options: FedOptOptions = {}) {
    super(options, { eta: 0.1, etaL: 0.1, beta1: 0, beta2: 0.99, tau: 1e-9 });
  }

  protected secondMoment(previous: number, squared: number): number {
    return previous + squared;
  }
}

import type { FedOptOptions } from './fed-opt.js';
import { FedOpt } from './fed-opt.js';

/**
 * FedYogi (Reddi et al. 2021, Algorithm 2; Yogi of Zaheer et al. 2018):
 * v_t = v_{t−1} − (1 − β2)·Δ_t²·sign(v_{t−1} − Δ_t²), so v grows at most additively. See FedOpt.
 * Defaults as Flower: eta 0.01, etaL 0.0316, beta1 0.9, beta2 0.99, tau 1e-3.
 * @example new FedYogi({ eta: 0.01 })
 */
export class FedYogi extends FedOpt {
  override readonly name: string = 'FedYogi';

  constructor(options: FedOptOptions = {}) {
    super(options, { eta: 0.01, etaL: 0.0316, beta1: 0.9, beta2: 0.99, tau: 1e-3 });
  }

  protected secondMoment(previous: number, squared: number): number {
    return previous - (1 - this.beta2) * squared * Math.sign(previous - squared);
  }
}

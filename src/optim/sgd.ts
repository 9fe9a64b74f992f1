import type { ParamGroup, ParamsInput } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { ConfigError } from '../errors/index.js';
import { checkNonNegative, gradSlots, paramSlots, stateBuffer } from './param-access.js';

/** Hyperparameters of SGD. */
export type SGDOptions = {
  /** Learning rate. @default 1e-3 */
  lr: number;
  /** Momentum factor μ. @default 0 */
  momentum: number;
  /** Dampening τ of the momentum. @default 0 */
  dampening: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). @default false */
  nesterov: boolean;
  /** L2 penalty λ added to the gradient. @default 0 */
  weightDecay: number;
};

const defaults: SGDOptions = { lr: 1e-3, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 };

/**
 * Stochastic gradient descent with optional momentum, as torch.optim.SGD:
 *
 *     g ← ∇θ + λθ
 *     b ← g on the first step, else μ·b + (1-τ)·g
 *     g ← g + μ·b (nesterov) or b
 *     θ ← θ - lr·g
 *
 * Like PyTorch (and unlike Sutskever et al. 2013) the learning rate multiplies the velocity,
 * not the gradient inside it.
 * @example const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsInput<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super(params, { ...defaults, ...options });
  }

  protected validate(o: SGDOptions): void {
    checkNonNegative('SGD', 'learning rate', o.lr);
    checkNonNegative('SGD', 'momentum value', o.momentum);
    checkNonNegative('SGD', 'dampening value', o.dampening);
    checkNonNegative('SGD', 'weightDecay value', o.weightDecay);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new ConfigError(`SGD: Nesterov momentum requires a momentum and zero dampening, got momentum ${o.momentum} and dampening ${o.dampening}`, {
        hint: 'pass momentum > 0 (e.g. 0.9) and dampening 0, or nesterov: false',
      });
    }
  }

  protected updateGroup(group: ParamGroup<SGDOptions>): void {
    const { lr, momentum: mu, dampening, nesterov, weightDecay: wd } = group.options;
    for (const p of group.params) {
      const g = gradSlots('SGD', p);
      if (g === null) continue;
      const { data: w, offset: wo } = paramSlots('SGD', p);
      const { data: gd, offset: go } = g;
      const n = p.size;
      if (mu === 0) {
        for (let i = 0; i < n; i++) w[wo + i] -= lr * (gd[go + i]! + wd * w[wo + i]!);
        continue;
      }
      const state = this.stateOf(p);
      const first = state['momentumBuffer'] === undefined;
      const buf = stateBuffer(state, 'momentumBuffer', p);
      for (let i = 0; i < n; i++) {
        const d = gd[go + i]! + wd * w[wo + i]!;
        buf[i] = first ? d : mu * buf[i]! + (1 - dampening) * d;
        w[wo + i] -= lr * (nesterov ? d + mu * buf[i]! : buf[i]!);
      }
    }
  }
}

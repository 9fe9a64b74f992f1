import type { ParamGroup, ParamsInput } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { checkNonNegative, gradSlots, paramSlots, stateBuffer, stateNumber } from './param-access.js';

/** Hyperparameters of Adagrad. */
export type AdagradOptions = {
  /** Learning rate. @default 1e-2 */
  lr: number;
  /** Learning-rate decay: step t uses lr / (1 + (t-1)·lrDecay). @default 0 */
  lrDecay: number;
  /** L2 penalty added to the gradient. @default 0 */
  weightDecay: number;
  /** Starting value of the sum of squared gradients. @default 0 */
  initialAccumulatorValue: number;
  /** Added to the denominator for numerical stability. @default 1e-10 */
  eps: number;
};

const defaults: AdagradOptions = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10 };

/**
 * Adagrad (Duchi, Hazan & Singer 2011), as torch.optim.Adagrad:
 *
 *     γ ← lr / (1 + (t-1)·lrDecay)
 *     g ← ∇θ + λθ,   s ← s + g²,   θ ← θ - γ·g/(√s + ε)
 * @example const opt = new Adagrad(model.parameters(), { lr: 0.1 });
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: ParamsInput<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super(params, { ...defaults, ...options });
  }

  protected validate(o: AdagradOptions): void {
    checkNonNegative('Adagrad', 'learning rate', o.lr);
    checkNonNegative('Adagrad', 'lrDecay value', o.lrDecay);
    checkNonNegative('Adagrad', 'weightDecay value', o.weightDecay);
    checkNonNegative('Adagrad', 'initialAccumulatorValue value', o.initialAccumulatorValue);
    checkNonNegative('Adagrad', 'epsilon value', o.eps);
  }

  protected updateGroup(group: ParamGroup<AdagradOptions>): void {
    const { lr, lrDecay, weightDecay: wd, initialAccumulatorValue, eps } = group.options;
    for (const p of group.params) {
      const g = gradSlots('Adagrad', p);
      if (g === null) continue;
      const { data: w, offset: wo } = paramSlots('Adagrad', p);
      const { data: gd, offset: go } = g;
      const state = this.stateOf(p);
      const t = stateNumber(state, 'step') + 1;
      state['step'] = t;
      const sum = stateBuffer(state, 'sum', p, initialAccumulatorValue);
      const clr = lr / (1 + (t - 1) * lrDecay);
      const n = p.size;
      for (let i = 0; i < n; i++) {
        const d = gd[go + i]! + wd * w[wo + i]!;
        sum[i] += d * d;
        w[wo + i] -= (clr * d) / (Math.sqrt(sum[i]!) + eps);
      }
    }
  }
}

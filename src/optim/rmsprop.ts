import type { ParamGroup, ParamsInput } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { checkNonNegative, gradSlots, paramSlots, stateBuffer, stateNumber } from './param-access.js';

/** Hyperparameters of RMSProp. */
export type RMSPropOptions = {
  /** Learning rate. @default 1e-2 */
  lr: number;
  /** Smoothing constant α of the squared-gradient average. @default 0.99 */
  alpha: number;
  /** Added to the denominator for numerical stability. @default 1e-8 */
  eps: number;
  /** L2 penalty added to the gradient. @default 0 */
  weightDecay: number;
  /** Momentum factor μ. @default 0 */
  momentum: number;
  /** Normalize by the estimated variance (v - ḡ²) instead of the raw second moment. @default false */
  centered: boolean;
};

const defaults: RMSPropOptions = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false };

/**
 * RMSProp (Hinton, Lecture 6e; centered form from Graves 2013), as torch.optim.RMSprop:
 *
 *     g ← ∇θ + λθ
 *     v ← α·v + (1-α)·g²          ṽ ← v, or v - ḡ² with ḡ ← α·ḡ + (1-α)·g (centered)
 *     b ← μ·b + g/(√ṽ + ε), θ ← θ - lr·b   (momentum > 0; b starts at 0)
 *     θ ← θ - lr·g/(√ṽ + ε)                (otherwise)
 * @example const opt = new RMSProp(model.parameters(), { lr: 1e-3, alpha: 0.9 });
 */
export class RMSProp extends Optimizer<RMSPropOptions> {
  constructor(params: ParamsInput<RMSPropOptions>, options: Partial<RMSPropOptions> = {}) {
    super(params, { ...defaults, ...options });
  }

  protected validate(o: RMSPropOptions): void {
    checkNonNegative('RMSProp', 'learning rate', o.lr);
    checkNonNegative('RMSProp', 'epsilon value', o.eps);
    checkNonNegative('RMSProp', 'momentum value', o.momentum);
    checkNonNegative('RMSProp', 'weightDecay value', o.weightDecay);
    checkNonNegative('RMSProp', 'alpha value', o.alpha);
  }

  protected updateGroup(group: ParamGroup<RMSPropOptions>): void {
    const { lr, alpha, eps, weightDecay: wd, momentum: mu, centered } = group.options;
    for (const p of group.params) {
      const g = gradSlots('RMSProp', p);
      if (g === null) continue;
      const { data: w, offset: wo } = paramSlots('RMSProp', p);
      const { data: gd, offset: go } = g;
      const state = this.stateOf(p);
      state['step'] = stateNumber(state, 'step') + 1;
      const v = stateBuffer(state, 'squareAvg', p);
      const gAvg = centered ? stateBuffer(state, 'gradAvg', p) : null;
      const buf = mu > 0 ? stateBuffer(state, 'momentumBuffer', p) : null;
      const n = p.size;
      for (let i = 0; i < n; i++) {
        const d = gd[go + i]! + wd * w[wo + i]!;
        v[i] = alpha * v[i]! + (1 - alpha) * d * d;
        let second = v[i]!;
        if (gAvg !== null) {
          gAvg[i] = alpha * gAvg[i]! + (1 - alpha) * d;
          second -= gAvg[i]! * gAvg[i]!;
        }
        const step = d / (Math.sqrt(second) + eps);
        if (buf !== null) {
          buf[i] = mu * buf[i]! + step;
          w[wo + i] -= lr * buf[i]!;
        } else {
          w[wo + i] -= lr * step;
        }
      }
    }
  }
}

import type { AdamOptions } from './adam.js';
import { adamStep, validateAdam } from './adam.js';
import type { ParamGroup, ParamsInput } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { gradSlots } from './param-access.js';

const defaults: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false };

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019,
 * https://arxiv.org/abs/1711.05101), as torch.optim.AdamW. Each step first shrinks the
 * parameters, θ ← θ·(1 - lr·λ), then applies the Adam update of the raw gradient, so the decay
 * is not rescaled by the adaptive denominator. `weightDecay` defaults to 1e-2.
 * @example const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { ...defaults, ...options });
  }

  protected validate(o: AdamOptions): void {
    validateAdam('AdamW', o);
  }

  protected updateGroup(group: ParamGroup<AdamOptions>): void {
    for (const p of group.params) {
      const g = gradSlots('AdamW', p);
      if (g !== null) adamStep(p, g, this.stateOf(p), group.options, true);
    }
  }
}

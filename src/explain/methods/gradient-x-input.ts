import type { Tensor } from '../../tensor/tensor.js';
import type { AttributionOptions, AttributionResult, ExplainedModel } from '../attribution.js';
import { inEvalMode } from '../attribution.js';
import { inputGradient } from './gradient.js';

/**
 * Gradient × Input (Shrikumar et al. 2016): x ⊙ ∂f_c(x)/∂x. On a bias-free ReLU network it equals
 * LRP-0 (Montavon et al. 2019, sec. 10.2.1). The model runs in evaluation mode.
 *
 * @example const { attribution } = gradientXInput(model, images);
 */
export function gradientXInput(model: ExplainedModel, input: Tensor, options: AttributionOptions = {}): AttributionResult {
  return inEvalMode(model, () => {
    const { gradient, target, score } = inputGradient('gradientXInput', model, input, options.target);
    return { attribution: gradient.mul(input.detach()), target, score, extras: {} };
  });
}

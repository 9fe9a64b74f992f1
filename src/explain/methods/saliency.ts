import type { Tensor } from '../../tensor/tensor.js';
import type { AttributionOptions, AttributionResult, ExplainedModel } from '../attribution.js';
import { inEvalMode } from '../attribution.js';
import { inputGradient } from './gradient.js';

export interface SaliencyOptions extends AttributionOptions {
  /** Return |∂f_c/∂x| (Simonyan et al. 2014) rather than the signed gradient. @default true */
  readonly absolute?: boolean;
}

/**
 * Gradient saliency (Simonyan, Vedaldi & Zisserman 2014): ∂f_c(x)/∂x, by default in absolute
 * value. The model runs in evaluation mode.
 *
 * @example const { attribution } = saliency(model, images, { target: 3 });
 */
export function saliency(model: ExplainedModel, input: Tensor, options: SaliencyOptions = {}): AttributionResult {
  return inEvalMode(model, () => {
    const { gradient, target, score } = inputGradient('saliency', model, input, options.target);
    return { attribution: (options.absolute ?? true) ? gradient.abs() : gradient, target, score, extras: {} };
  });
}

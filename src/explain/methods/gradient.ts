import { grad } from '../../autograd/backward.js';
import { withGradMode } from '../../autograd/grad-mode.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ExplainedModel } from '../attribution.js';
import { resolveTargets, selectTargets } from '../attribution.js';

/** The gradient of each sample's target score with respect to its input. */
export interface InputGradient {
  /** ∂f_c(x)/∂x, the input's shape (detached). */
  readonly gradient: Tensor;
  /** The class explained per sample. */
  readonly target: number[];
  /** f_c(x) per sample. */
  readonly score: number[];
}

/**
 * One forward and one backward pass: ∂f_{c_n}(x_n)/∂x_n for every sample n. Samples are
 * independent in evaluation mode, so the gradient of Σ_n f_{c_n}(x_n) gives all of them at once.
 * `op` names the calling method in errors.
 */
export function inputGradient(op: string, model: ExplainedModel, input: Tensor, target: number | readonly number[] | undefined): InputGradient {
  return withGradMode(true, () => {
    const x = input.detach();
    x.requiresGrad = true;
    const output = model.call(x);
    const targets = resolveTargets(op, output, target);
    const scores = selectTargets(output, targets);
    const [g] = grad(scores.sum(), [x]) as [Tensor];
    return { gradient: g.detach(), target: targets, score: Array.from(scores.detach().values(), Number) };
  });
}

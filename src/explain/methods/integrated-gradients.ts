import { noGrad } from '../../autograd/grad-mode.js';
import { ConfigError } from '../../errors/index.js';
import { concat } from '../../ops/join.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { AttributionOptions, AttributionResult, ExplainedModel } from '../attribution.js';
import { inEvalMode, resolveTargets, selectTargets } from '../attribution.js';
import { inputGradient } from './gradient.js';
import type { IntegrationRule } from './quadrature.js';
import { quadrature } from './quadrature.js';
import type { ReferenceOptions, ReferenceSpec } from './reference.js';
import { makeReference } from './reference.js';

export interface IntegratedGradientsOptions extends AttributionOptions, ReferenceOptions {
  /** The reference x'. @default 'zeros' */
  readonly reference?: ReferenceSpec;
  /** Number of points on the path. @default 50 */
  readonly steps?: number;
  /** Quadrature of the path integral. @default 'gauss-legendre' */
  readonly rule?: IntegrationRule;
  /** Path points evaluated per forward pass (each is N samples). @default 16 */
  readonly batchSteps?: number;
}

/**
 * Integrated Gradients (Sundararajan, Taly & Yan 2017, eq. 1):
 * IG_i(x) = (x_i − x'_i) · ∫₀¹ ∂f_c(x' + α(x − x'))/∂x_i dα, the integral by `rule` with `steps`
 * points. Completeness says Σ_i IG_i = f_c(x) − f_c(x'); `extras.completenessGap` reports
 * |Σ IG − (f(x) − f(x'))| / |f(x) − f(x')| per sample (0 when the scores are equal and Σ IG = 0).
 *
 * @example integratedGradients(model, x, { reference: 'blur', sigma: 3, steps: 64 })
 */
export function integratedGradients(model: ExplainedModel, input: Tensor, options: IntegratedGradientsOptions = {}): AttributionResult {
  const steps = options.steps ?? 50;
  const rule = options.rule ?? 'gauss-legendre';
  const batchSteps = options.batchSteps ?? 16;
  if (!Number.isInteger(batchSteps) || batchSteps < 1) throw new ConfigError(`integratedGradients: batchSteps must be a positive integer, got ${batchSteps}`);
  const { alphas, weights } = quadrature(rule, steps);
  return inEvalMode(model, () => {
    const x = input.detach();
    const n = x.shape[0]!;
    const reference = makeReference(options.reference ?? 'zeros', x, options);
    const scoreOf = (t: Tensor, targets?: readonly number[]): { target: number[]; score: number[] } =>
      noGrad(() => {
        const out = model.call(t);
        const target = targets === undefined ? resolveTargets('integratedGradients', out, options.target) : [...targets];
        return { target, score: Array.from(selectTargets(out, target).values(), Number) };
      });
    const { target, score } = scoreOf(x);
    const { score: referenceScore } = scoreOf(reference, target);
    const delta = noGrad(() => x.sub(reference));
    // Σ_k w_k ∇f(x' + α_k (x − x')), path points batched as [K·N, ...].
    let total: Tensor | null = null;
    for (let start = 0; start < alphas.length; start += batchSteps) {
      const chunk = alphas.slice(start, start + batchSteps);
      const points = noGrad(() => concat(chunk.map((a) => reference.add(delta.mul(a))), 0));
      const repeated = chunk.flatMap(() => target);
      const { gradient } = inputGradient('integratedGradients', model, points, repeated);
      const weighted = noGrad(() =>
        chunk.map((_, k) => gradient.slice({ start: k * n, end: (k + 1) * n }).mul(weights[start + k]!)).reduce((a, b) => a.add(b)),
      );
      total = total === null ? weighted : noGrad(() => (total as Tensor).add(weighted));
    }
    const attribution = noGrad(() => delta.mul(total as Tensor));
    const sums = Array.from(noGrad(() => attribution.reshape(n, -1).sum(1)).values(), Number);
    const scoreDifference = score.map((s, i) => s - referenceScore[i]!);
    const completenessGap = sums.map((s, i) => {
      const d = scoreDifference[i]!;
      return d === 0 ? Math.abs(s) : Math.abs(s - d) / Math.abs(d);
    });
    return { attribution, target, score, extras: { completenessGap, scoreDifference, note: `reference=${options.reference instanceof Object ? 'tensor' : (options.reference ?? 'zeros')}, rule=${rule}, steps=${steps}` } };
  });
}

import { noGrad } from '../../autograd/grad-mode.js';
import { ConfigError } from '../../errors/index.js';
import { randn } from '../../tensor/create.js';
import { Generator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { AttributionOptions, AttributionResult, ExplainedModel } from '../attribution.js';
import { inEvalMode, resolveTargets, selectTargets } from '../attribution.js';
import { inputGradient } from './gradient.js';

/** 'mean': E[∇], 'squared': E[∇²], 'variance': Var[∇] (VarGrad, Adebayo et al. 2018). */
export type SmoothGradForm = 'mean' | 'squared' | 'variance';

export interface SmoothGradOptions extends AttributionOptions {
  /** Noise σ as a fraction of each sample's value range (max − min). @default 0.15 */
  readonly noiseLevel?: number;
  /** Noisy copies per sample. @default 50 */
  readonly samples?: number;
  /** @default 'mean' */
  readonly form?: SmoothGradForm;
  /** Seed of the noise. @default 0 */
  readonly seed?: number;
}

/**
 * SmoothGrad (Smilkov et al. 2017, eq. 3): the gradient averaged over copies x + N(0, σ²) with
 * σ = noiseLevel · (max(x) − min(x)) per sample; its squared form (SmoothGrad², Hooker et al.
 * 2019) and its variance (VarGrad). The target is fixed from the clean input.
 *
 * @example smoothGrad(model, x, { samples: 25, noiseLevel: 0.1, form: 'squared', seed: 1 })
 */
export function smoothGrad(model: ExplainedModel, input: Tensor, options: SmoothGradOptions = {}): AttributionResult {
  const noiseLevel = options.noiseLevel ?? 0.15;
  const samples = options.samples ?? 50;
  const form = options.form ?? 'mean';
  if (!(noiseLevel >= 0)) throw new ConfigError(`smoothGrad: noiseLevel must be >= 0, got ${noiseLevel}`);
  if (!Number.isInteger(samples) || samples < 1) throw new ConfigError(`smoothGrad: samples must be a positive integer, got ${samples}`);
  if (!['mean', 'squared', 'variance'].includes(form)) throw new ConfigError(`smoothGrad: unknown form '${String(form)}'`, { expected: 'mean, squared or variance', got: form });
  return inEvalMode(model, () => {
    const x = input.detach();
    const n = x.shape[0]!;
    const flat = x.reshape(n, -1);
    const sigma = noGrad(() => flat.max(1).sub(flat.min(1)).mul(noiseLevel).reshape(n, ...x.shape.slice(1).map(() => 1)));
    const clean = noGrad(() => model.call(x));
    const target = resolveTargets('smoothGrad', clean, options.target);
    const score = Array.from(noGrad(() => selectTargets(clean, target)).values(), Number);
    const generator = new Generator(options.seed ?? 0);
    const dtype = x.dtype === 'float64' ? 'float64' : 'float32';
    let sum: Tensor | null = null;
    let sumSq: Tensor | null = null;
    for (let s = 0; s < samples; s++) {
      const noisy = noGrad(() => x.add(randn(x.shape, { dtype, generator }).mul(sigma)));
      const { gradient } = inputGradient('smoothGrad', model, noisy, target);
      const sq = noGrad(() => gradient.square());
      sum = sum === null ? gradient : noGrad(() => (sum as Tensor).add(gradient));
      sumSq = sumSq === null ? sq : noGrad(() => (sumSq as Tensor).add(sq));
    }
    const attribution = noGrad(() => {
      const mean = (sum as Tensor).div(samples);
      const meanSq = (sumSq as Tensor).div(samples);
      return form === 'mean' ? mean : form === 'squared' ? meanSq : meanSq.sub(mean.square());
    });
    return { attribution, target, score, extras: { note: `noiseLevel=${noiseLevel}, samples=${samples}, form=${form}` } };
  });
}

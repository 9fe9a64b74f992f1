import { ConfigError } from '../../errors/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { AttributionMethod, AttributionOptions, AttributionResult, ExplainedModel } from '../attribution.js';
import { lrp } from '../lrp/lrp.js';
import type { LrpOptions } from '../lrp/lrp.js';
import { gradCam } from './grad-cam.js';
import type { GradCamOptions } from './grad-cam.js';
import { gradientXInput } from './gradient-x-input.js';
import { integratedGradients } from './integrated-gradients.js';
import type { IntegratedGradientsOptions } from './integrated-gradients.js';
import { occlusion } from './occlusion.js';
import type { OcclusionOptions } from './occlusion.js';
import { saliency } from './saliency.js';
import type { SaliencyOptions } from './saliency.js';
import { smoothGrad } from './smooth-grad.js';
import type { SmoothGradOptions } from './smooth-grad.js';

// Options arrive loosely typed from the CLI and the evaluation; each method checks the values it
// reads and throws a ConfigError naming itself.
type Loose = AttributionOptions & Readonly<Record<string, unknown>>;

/** Every attribution method by name, so that the CLI and the evaluation can call any of them. */
export const attributionMethods: Readonly<Record<string, AttributionMethod>> = {
  saliency: (m, x, o: Loose = {}) => saliency(m, x, o as SaliencyOptions),
  gradientXInput: (m, x, o: Loose = {}) => gradientXInput(m, x, o),
  integratedGradients: (m, x, o: Loose = {}) => integratedGradients(m, x, o as IntegratedGradientsOptions),
  smoothGrad: (m, x, o: Loose = {}) => smoothGrad(m, x, o as SmoothGradOptions),
  occlusion: (m, x, o: Loose = {}) => occlusion(m, x, o as OcclusionOptions),
  gradCam: (m, x, o: Loose = {}) => gradCam(m, x, o as GradCamOptions),
  'lrp-0': (m, x, o: Loose = {}) => lrp(m, x, { ...(o as LrpOptions), rule: 'zero' }),
  'lrp-epsilon': (m, x, o: Loose = {}) => lrp(m, x, { ...(o as LrpOptions), rule: (o as LrpOptions).rule ?? 'epsilon' }),
  'lrp-gamma': (m, x, o: Loose = {}) => lrp(m, x, { ...(o as LrpOptions), rule: 'gamma' }),
  'lrp-zplus': (m, x, o: Loose = {}) => lrp(m, x, { ...(o as LrpOptions), rule: 'zPlus' }),
  'lrp-alpha-beta': (m, x, o: Loose = {}) => lrp(m, x, { ...(o as LrpOptions), rule: 'alphaBeta' }),
  'lrp-composite': (m, x, o: Loose = {}) => lrp(m, x, { composite: { dense: 'epsilon', conv: 'gamma', first: 'zB' }, ...(o as LrpOptions) }),
};

/** The names `explainWith` accepts. */
export function attributionMethodNames(): string[] {
  return Object.keys(attributionMethods);
}

/**
 * Runs the method called `name` on `model` and `input`.
 * @example explainWith('integratedGradients', model, x, { steps: 64, target: 3 })
 */
export function explainWith(name: string, model: ExplainedModel, input: Tensor, options: Loose = {}): AttributionResult {
  const method = Object.hasOwn(attributionMethods, name) ? attributionMethods[name] : undefined;
  if (method === undefined) {
    throw new ConfigError(`explain: unknown attribution method '${name}'; the methods are ${attributionMethodNames().join(', ')}`, { expected: attributionMethodNames().join(', '), got: name });
  }
  return method(model, input, options);
}

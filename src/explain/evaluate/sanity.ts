import { noGrad } from '../../autograd/index.js';
import { ConfigError } from '../../errors/index.js';
import { Generator } from '../../tensor/index.js';
import type { Tensor, TypedArray } from '../../tensor/index.js';
import { inEvalMode, resolveTargets } from '../attribution.js';
import type { AttributionMethod, ExplainedModel } from '../attribution.js';
import { spearman } from './rank-correlation.js';

// The model-parameter randomization test of Adebayo et al. 2018 ("Sanity Checks for Saliency
// Maps"), cascading version: re-initialize the layers from the output down, one more at each
// step, and compare each new map with the original. A map that barely changes does not depend
// on what the model learned.

export interface SanityOptions {
  /** Class explained, fixed for every step. @default the trained model's predicted class */
  readonly target?: number;
  /** Seed of the re-initialization. @default 0 */
  readonly seed?: number;
  /** Extra options for the method (steps, reference, ...). @default {} */
  readonly methodOptions?: Readonly<Record<string, unknown>>;
}

export interface SanityStep {
  /** Dotted name of the layer re-initialized at this step (all layers above it are random too). */
  readonly layer: string;
  readonly type: string;
  /** Spearman rank correlation between the original map and this step's map. */
  readonly spearman: number;
  /** The same on absolute values (Adebayo et al. report both: sign flips are common). */
  readonly spearmanAbs: number;
}

export interface SanityReport {
  readonly target: number;
  readonly steps: readonly SanityStep[];
}

/** The modules that hold parameters themselves and have no children, in forward (registration) order. */
export function parameterizedLayers(model: ExplainedModel): [string, ExplainedModel][] {
  return model
    .namedModules()
    .filter(([, m]) => m.children().length === 0 && m.parameters().length > 0)
    .map(([name, m]) => [name === '' ? 'model' : name, m as unknown as ExplainedModel]);
}

/**
 * New random values for one layer's parameters: weights of rank ≥ 2 (and the biases beside
 * them) from PyTorch's default U(−1/√fanIn, 1/√fanIn); a layer with only vectors (batch or layer
 * norm) from a normal with the original mean and at least 0.1 spread.
 */
function reinitialize(layer: ExplainedModel, gen: Generator): void {
  const params = layer.parameters();
  const matrix = params.find((p) => p.ndim >= 2);
  const bound = matrix === undefined ? 0 : 1 / Math.sqrt(matrix.size / matrix.shape[0]!);
  for (const p of params) {
    const old = Array.from(p.values());
    let draw: () => number;
    if (matrix !== undefined) {
      draw = () => (2 * gen.random() - 1) * bound;
    } else {
      const mean = old.reduce((a, b) => a + b, 0) / old.length;
      const std = Math.max(0.1, Math.sqrt(old.reduce((a, b) => a + (b - mean) ** 2, 0) / old.length));
      draw = () => mean + std * gen.normal();
    }
    const fresh = Float64Array.from({ length: p.size }, draw);
    p.storage.set(fresh, p.offset);
  }
}

/** Runs the cascading randomization; the model's parameters are restored afterwards, even on error. */
export function cascadingRandomization(model: ExplainedModel, input: Tensor, method: AttributionMethod, options: SanityOptions = {}): SanityReport {
  const layers = parameterizedLayers(model);
  if (layers.length === 0) throw new ConfigError('sanity check: the model has no layers with parameters to randomize');
  for (const p of model.parameters()) {
    if (!p.isContiguous() || p.offset !== 0) throw new ConfigError('sanity check: parameters must be contiguous tensors of their own');
  }
  const saved = new Map<Tensor, TypedArray>(model.parameters().map((p) => [p, p.storage.slice()]));
  const target = options.target ?? inEvalMode(model, () => resolveTargets('sanity check', noGrad(() => model.call(input)), undefined)[0]!);
  const explain = (): Float64Array => Float64Array.from(method(model, input, { ...options.methodOptions, target }).attribution.values());
  const gen = new Generator(options.seed ?? 0);
  try {
    const original = explain();
    const absOriginal = original.map(Math.abs);
    const steps: SanityStep[] = [];
    for (const [name, layer] of [...layers].reverse()) {
      reinitialize(layer, gen);
      const map = explain();
      steps.push({ layer: name, type: layer.constructor.name, spearman: spearman(original, map), spearmanAbs: spearman(absOriginal, map.map(Math.abs)) });
    }
    return { target, steps };
  } finally {
    for (const [p, values] of saved) p.storage.set(values);
  }
}

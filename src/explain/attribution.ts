import { noGrad } from '../autograd/grad-mode.js';
import { ConfigError, ShapeError, formatShape } from '../errors/index.js';
import type { Module } from '../nn/module.js';
import { tensor } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';

// The contract every attribution method follows, so that the evaluation, the pictures and the
// `deeptrace explain` command can call any method by name.

/** A model explained by the methods: one tensor [N, ...] in, class scores [N, classes] out. */
export type ExplainedModel = Module<[Tensor], Tensor>;

/** Options every method accepts. */
export interface AttributionOptions {
  /**
   * Class explained, one index for every sample or one per sample. The explained score is the
   * model's raw output (logit) at that class.
   * @default the predicted class of each sample (argmax of the output)
   */
  readonly target?: number | readonly number[];
}

/** The relevance that reached one layer's input during LRP, per sample. */
export interface LayerRelevance {
  /** Dotted name of the layer in the model ('0', '2.body.1', ...); 'model' when the model is that layer. */
  readonly name: string;
  /** Layer class name ('Linear', 'Conv2d', ...). */
  readonly type: string;
  /** Rule applied at this layer ('epsilon', 'zB', ...), or 'pass' for layers that only route relevance. */
  readonly rule: string;
  /** Σ relevance at this layer's input, per sample. */
  readonly total: readonly number[];
  /**
   * total / the relevance put on the output, per sample (1 means conserved). Layers inside a
   * residual branch hold that branch's share only; the Residual's own entry sums the branches.
   */
  readonly ratio: readonly number[];
}

/** Method-specific numbers that come with an attribution. */
export interface AttributionExtras {
  /**
   * Integrated Gradients: |Σ attribution − (f(x) − f(x'))| / |f(x) − f(x')| per sample
   * (Sundararajan et al. 2017, completeness axiom).
   */
  readonly completenessGap?: readonly number[];
  /** Integrated Gradients: f(x) − f(x') per sample. */
  readonly scoreDifference?: readonly number[];
  /** LRP: relevance reaching each layer's input, from the output layer down to the input. */
  readonly conservation?: readonly LayerRelevance[];
  /** Grad-CAM: the map at the chosen layer's resolution, [N, h, w], before upsampling. */
  readonly cam?: Tensor;
  /** Grad-CAM: dotted name of the layer the map comes from. */
  readonly layer?: string;
  /** SmoothGrad / IG: the reference or noise settings actually used, in words. */
  readonly note?: string;
}

/** What every method returns. */
export interface AttributionResult {
  /** Attribution per input element, with the input's shape (Grad-CAM: [N, 1, H, W] for image inputs). */
  readonly attribution: Tensor;
  /** The class explained for each sample. */
  readonly target: readonly number[];
  /** The explained score f_c(x) of each sample. */
  readonly score: readonly number[];
  readonly extras: AttributionExtras;
}

/** A method called by name with loosely typed options (the CLI's and the evaluation's view). */
export type AttributionMethod = (model: ExplainedModel, input: Tensor, options?: AttributionOptions & Readonly<Record<string, unknown>>) => AttributionResult;

/**
 * The class index per sample: `target` broadcast to N, or the argmax of `output` [N, classes].
 * Throws a ConfigError naming `op` when an index is out of range.
 */
export function resolveTargets(op: string, output: Tensor, target: number | readonly number[] | undefined): number[] {
  if (output.ndim !== 2) {
    throw new ShapeError(`${op}: the model must output [N, classes], got ${formatShape(output.shape)}`, {
      hint: 'attribution explains one class score per sample; add a Flatten/Linear head',
    });
  }
  const [n, classes] = output.shape as [number, number];
  let targets: number[];
  if (target === undefined) {
    targets = Array.from(noGrad(() => output.detach().argmax(1)).values(), Number);
  } else if (typeof target === 'number') {
    targets = Array.from({ length: n }, () => target);
  } else {
    if (target.length !== n) throw new ConfigError(`${op}: target has ${target.length} entries for ${n} samples`, { expected: n, got: target.length });
    targets = [...target];
  }
  for (const t of targets) {
    if (!Number.isInteger(t) || t < 0 || t >= classes) {
      throw new ConfigError(`${op}: target class ${t} is out of range for ${classes} classes`, { expected: `an integer in [0, ${classes})`, got: t });
    }
  }
  return targets;
}

/** The scores output[n, targets[n]] as an [N] tensor (differentiable). */
export function selectTargets(output: Tensor, targets: readonly number[]): Tensor {
  const index = tensor(Int32Array.from(targets), { shape: [targets.length, 1], dtype: 'int32' });
  return output.gather(1, index).reshape(targets.length);
}

/**
 * Runs `fn` with `model` in evaluation mode (dropout off, batch norm on running statistics), then
 * restores each module's own mode.
 */
export function inEvalMode<T>(model: ExplainedModel, fn: () => T): T {
  const modes = model.namedModules().map(([, m]) => [m, m.training] as const);
  model.eval();
  try {
    return fn();
  } finally {
    for (const [m, training] of modes) m.training = training;
  }
}

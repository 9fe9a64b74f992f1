import { noGrad } from '../../autograd/index.js';
import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import { Generator, tensor } from '../../tensor/index.js';
import type { Tensor } from '../../tensor/index.js';
import { inEvalMode, resolveTargets } from '../attribution.js';
import type { ExplainedModel } from '../attribution.js';
import { fillValues } from './baseline.js';
import type { PerturbationBaseline } from './baseline.js';

// Pixel flipping (Samek et al. 2017, "Evaluating the visualization of what a deep neural network
// has learned") and the deletion / insertion metrics of RISE (Petsiuk et al. 2018): perturb the
// pixels in the order an attribution ranks them and watch the target class score.

export interface PerturbationOptions {
  /** Class whose score is tracked. @default the model's predicted class for the input */
  readonly target?: number;
  /** Pixels changed between two points of the curve. @default ceil(pixels / 50) (about 50 steps) */
  readonly pixelsPerStep?: number;
  /** What a deleted pixel becomes. @default 'zero' */
  readonly deletionBaseline?: PerturbationBaseline;
  /** The image insertion starts from (RISE blurs it). @default 'blur' */
  readonly insertionBaseline?: PerturbationBaseline;
  /**
   * 'probability': softmax probability of the target (the curve and its AUC lie in [0, 1]);
   * 'logit': the raw score.
   * @default 'probability'
   */
  readonly score?: 'probability' | 'logit';
  /** Perturbed images per forward pass. @default 64 */
  readonly batchSize?: number;
}

/** One curve: the score after deleting (or inserting) each fraction of the pixels. */
export interface PerturbationCurve {
  readonly mode: 'deletion' | 'insertion';
  /** Fraction of pixels changed, from 0 to 1. */
  readonly fractions: readonly number[];
  readonly scores: readonly number[];
  /** Area under the curve by the trapezoid rule over fractions in [0, 1]. Deletion: lower is better; insertion: higher. */
  readonly auc: number;
}

/** How an input [1, ...] splits into pixels: images [1, C, H, W] have H·W pixels of C channels. */
export interface PixelLayout {
  readonly pixels: number;
  readonly channels: number;
}

export function pixelLayout(input: Tensor): PixelLayout {
  if (input.ndim < 2 || input.shape[0] !== 1) {
    throw new ShapeError(`perturbation: expected one input [1, ...], got ${formatShape(input.shape)}`, { hint: 'evaluate one sample at a time: x.slice([i, i + 1])' });
  }
  if (input.ndim === 4) return { pixels: input.shape[2]! * input.shape[3]!, channels: input.shape[1]! };
  return { pixels: input.size, channels: 1 };
}

/** Σ over channels of the attribution per pixel; a map with one channel (Grad-CAM) is used as is. */
export function pixelScores(attribution: Tensor, layout: PixelLayout): Float64Array {
  const values = attribution.values();
  if (values.length % layout.pixels !== 0) {
    throw new ShapeError(`perturbation: the attribution has ${values.length} values for ${layout.pixels} pixels`, { hint: 'pass the attribution of this one input' });
  }
  const scores = new Float64Array(layout.pixels);
  for (let i = 0; i < values.length; i++) scores[i % layout.pixels]! += values[i]!;
  return scores;
}

/** Pixel indices from the most relevant (largest attribution) to the least; ties keep index order. */
export function pixelOrder(scores: ArrayLike<number>): Int32Array {
  return Int32Array.from(Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b));
}

/** A seeded random order of `pixels` indices: the baseline every method must beat. */
export function randomPixelOrder(pixels: number, seed = 0): Int32Array {
  return new Generator(seed).permutation(pixels);
}

/** Area under (x, y) by the trapezoid rule. */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return area;
}

function classScores(model: ExplainedModel, batch: Float32Array, count: number, shape: readonly number[], target: number, kind: 'probability' | 'logit'): number[] {
  const x = tensor(batch.subarray(0, count * shape.reduce((p, d) => p * d, 1)), { shape: [count, ...shape] });
  const out = noGrad(() => {
    const logits = model.call(x);
    return kind === 'probability' ? logits.softmax(-1) : logits;
  });
  const classes = out.shape[1]!;
  const values = out.values();
  return Array.from({ length: count }, (_, i) => values[i * classes + target]!);
}

/**
 * The deletion or insertion curve for a given pixel `order`. Deletion starts from the input and
 * replaces pixels by the deletion baseline; insertion starts from the insertion baseline and
 * puts the input's pixels back. The perturbed images are scored in batches.
 */
export function perturbationCurve(model: ExplainedModel, input: Tensor, order: Int32Array, mode: 'deletion' | 'insertion', options: PerturbationOptions = {}): PerturbationCurve {
  const layout = pixelLayout(input);
  if (order.length !== layout.pixels) throw new ShapeError(`perturbation: the order lists ${order.length} pixels, the input has ${layout.pixels}`);
  const step = options.pixelsPerStep ?? Math.ceil(layout.pixels / 50);
  if (!Number.isInteger(step) || step < 1) throw new ConfigError(`perturbation: pixelsPerStep must be a positive integer, got ${step}`);
  const batchSize = options.batchSize ?? 64;
  const shape = input.shape.slice(1);
  const original = Float32Array.from(input.values());
  const baseline = fillValues(original, input.shape, mode === 'deletion' ? (options.deletionBaseline ?? 'zero') : (options.insertionBaseline ?? 'blur'));
  const [start, end] = mode === 'deletion' ? [original, baseline] : [baseline, original];
  return inEvalMode(model, () => {
    const target = options.target ?? resolveTargets('perturbation', noGrad(() => model.call(input)), undefined)[0]!;
    const counts: number[] = [];
    for (let c = 0; c < layout.pixels; c += step) counts.push(c);
    counts.push(layout.pixels);
    const current = Float32Array.from(start);
    const batch = new Float32Array(Math.min(batchSize, counts.length) * original.length);
    const scores: number[] = [];
    let filled = 0;
    let done = 0;
    for (const count of counts) {
      for (; done < count; done++) {
        const p = order[done]!;
        for (let c = 0; c < layout.channels; c++) current[c * layout.pixels + p] = end[c * layout.pixels + p]!;
      }
      batch.set(current, filled * original.length);
      filled++;
      if (filled * original.length === batch.length) {
        scores.push(...classScores(model, batch, filled, shape, target, options.score ?? 'probability'));
        filled = 0;
      }
    }
    if (filled > 0) scores.push(...classScores(model, batch, filled, shape, target, options.score ?? 'probability'));
    const fractions = counts.map((c) => c / layout.pixels);
    return { mode, fractions, scores, auc: trapezoid(fractions, scores) };
  });
}

/** The deletion curve of an attribution (most relevant pixels removed first): a good map makes the score fall fast. */
export function deletionCurve(model: ExplainedModel, input: Tensor, attribution: Tensor, options: PerturbationOptions = {}): PerturbationCurve {
  return perturbationCurve(model, input, pixelOrder(pixelScores(attribution, pixelLayout(input))), 'deletion', options);
}

/** The insertion curve (most relevant pixels put back first): a good map makes the score rise fast. */
export function insertionCurve(model: ExplainedModel, input: Tensor, attribution: Tensor, options: PerturbationOptions = {}): PerturbationCurve {
  return perturbationCurve(model, input, pixelOrder(pixelScores(attribution, pixelLayout(input))), 'insertion', options);
}

export interface PerturbationReport {
  readonly deletion: PerturbationCurve;
  readonly insertion: PerturbationCurve;
  /** Mean AUCs over `randomOrders` seeded random orderings. */
  readonly random: { readonly deletionAuc: number; readonly insertionAuc: number };
}

/** Deletion and insertion curves of an attribution, with the random-order baseline beside them. */
export function evaluatePerturbation(
  model: ExplainedModel,
  input: Tensor,
  attribution: Tensor,
  options: PerturbationOptions & { randomOrders?: number; seed?: number } = {},
): PerturbationReport {
  const layout = pixelLayout(input);
  const target = options.target ?? inEvalMode(model, () => resolveTargets('perturbation', noGrad(() => model.call(input)), undefined)[0]!);
  const opts = { ...options, target };
  const repeats = options.randomOrders ?? 3;
  let deletionAuc = 0;
  let insertionAuc = 0;
  for (let r = 0; r < repeats; r++) {
    const order = randomPixelOrder(layout.pixels, (options.seed ?? 0) + r);
    deletionAuc += perturbationCurve(model, input, order, 'deletion', opts).auc / repeats;
    insertionAuc += perturbationCurve(model, input, order, 'insertion', opts).auc / repeats;
  }
  return { deletion: deletionCurve(model, input, attribution, opts), insertion: insertionCurve(model, input, attribution, opts), random: { deletionAuc, insertionAuc } };
}

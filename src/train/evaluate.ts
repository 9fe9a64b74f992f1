import { noGrad } from '../autograd/index.js';
import { DataLoader } from '../data/data-loader.js';
import type { Dataset } from '../data/dataset.js';
import { ConfigError } from '../errors/index.js';
import type { Module } from '../nn/module.js';
import type { Tensor } from '../tensor/index.js';
import type { LossFn, LossSpec } from './loss.js';
import { checkScalarLoss, resolveLoss } from './loss.js';
import type { Metric, MetricSpec } from './metrics.js';
import { resolveMetrics } from './metrics.js';

export interface EvaluateOptions {
  /** Loss to average over the samples; without one only metrics are computed. @default undefined */
  readonly loss?: LossSpec;
  /** @default [] */
  readonly metrics?: readonly MetricSpec[];
  /** Batch size when `data` is a Dataset. @default 32 */
  readonly batchSize?: number;
}

/** Mean loss (by sample) and metrics of one pass over `loader`. */
export interface EvaluationResult {
  readonly loss: number | undefined;
  readonly metrics: Record<string, number>;
  readonly samples: number;
}

/**
 * One pass over `loader` in eval mode under noGrad: the loss is averaged by sample (each
 * batch's mean loss weighted by its size), metrics read the same outputs. The model's
 * training flag is restored afterwards.
 */
export function runEvaluation(model: Module<[Tensor], Tensor>, loader: Iterable<{ input: Tensor; target: Tensor }>, loss: LossFn | null, metrics: readonly Metric[]): EvaluationResult {
  const wasTraining = model.training;
  model.eval();
  for (const m of metrics) m.reset();
  let total = 0;
  let samples = 0;
  try {
    noGrad(() => {
      for (const { input, target } of loader) {
        const output = model.call(input);
        const size = input.ndim === 0 ? 1 : input.shape[0]!;
        if (loss !== null) {
          const l = loss(output, target);
          checkScalarLoss('evaluate', l);
          total += l.item() * size;
        }
        for (const m of metrics) m.update(output, target);
        samples += size;
      }
    });
  } finally {
    model.train(wasTraining);
  }
  const values: Record<string, number> = {};
  for (const m of metrics) values[m.name] = m.compute();
  return { loss: loss === null ? undefined : samples === 0 ? Number.NaN : total / samples, metrics: values, samples };
}

/** A loader over `data` (a Dataset gets an unshuffled DataLoader). */
export function asLoader(op: string, data: Dataset | DataLoader, batchSize: number): DataLoader {
  if (data instanceof DataLoader) return data;
  if (typeof data !== 'object' || data === null || typeof data.get !== 'function' || typeof data.length !== 'number') {
    throw new ConfigError(`${op}: expected a Dataset or a DataLoader`, { got: typeof data });
  }
  return new DataLoader(data, { batchSize, shuffle: false });
}

/**
 * Evaluates `model` on `data` without training it: eval mode, no gradients.
 * Returns `{ loss, <metric>: value, ... }` (loss only when a loss is given).
 * @example const { loss, accuracy } = evaluate(model, testSet, { loss: 'crossEntropy', metrics: ['accuracy'] });
 */
export function evaluate(model: Module<[Tensor], Tensor>, data: Dataset | DataLoader, options: EvaluateOptions = {}): Record<string, number> {
  const loader = asLoader('evaluate', data, options.batchSize ?? 32);
  const loss = options.loss === undefined ? null : resolveLoss('evaluate', options.loss);
  const result = runEvaluation(model, loader, loss, resolveMetrics(options.metrics ?? []));
  return result.loss === undefined ? { ...result.metrics } : { loss: result.loss, ...result.metrics };
}

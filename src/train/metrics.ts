import { ConfigError, ShapeError, formatShape } from '../errors/index.js';
import type { Tensor } from '../tensor/index.js';

/**
 * A streaming metric, computed from the model's output of each batch (the logits the loss
 * already saw, so no extra forward pass). `fit` calls `reset` at the start of each training
 * epoch and of each validation pass, `update` after each batch, and `compute` at the end.
 * @example
 * class MeanOutput implements Metric {
 *   readonly name = 'mean_output';
 *   private sum = 0; private n = 0;
 *   reset() { this.sum = 0; this.n = 0; }
 *   update(output: Tensor) { this.sum += output.sum().item(); this.n += output.size; }
 *   compute() { return this.sum / this.n; }
 * }
 */
export interface Metric {
  /** The key in the epoch logs (`accuracy`; validation gets `val_accuracy`). */
  readonly name: string;
  /** Which way is better, for callbacks that monitor it. @default 'max' when absent */
  readonly mode?: 'min' | 'max';
  reset(): void;
  update(output: Tensor, target: Tensor): void;
  compute(): number;
}

/** Names of the built-in metrics. */
export type MetricName = 'accuracy' | 'mae' | 'mse';

/**
 * Classification accuracy: the argmax of each output row against an int32 class index
 * (output [B, C], target [B]), or for one output column (binary, [B, 1] or [B]) the output
 * thresholded at `threshold` against a 0/1 target.
 */
export class Accuracy implements Metric {
  readonly name: string;
  readonly mode = 'max' as const;
  private correct = 0;
  private count = 0;
  private readonly threshold: number;

  /** @param options.threshold decision threshold for single-column outputs. @default 0.5 */
  constructor(options: { readonly name?: string; readonly threshold?: number } = {}) {
    this.name = options.name ?? 'accuracy';
    this.threshold = options.threshold ?? 0.5;
  }

  reset(): void {
    this.correct = 0;
    this.count = 0;
  }

  update(output: Tensor, target: Tensor): void {
    const rows = output.ndim === 0 ? 1 : output.shape[0]!;
    const classes = rows === 0 ? 0 : output.size / rows;
    if (target.size !== rows) {
      throw new ShapeError(`accuracy: expected one target per output row (${rows}), got target ${formatShape(target.shape)} for output ${formatShape(output.shape)}`, {
        hint: 'pass int32 class indices of shape [B] for outputs [B, C]',
      });
    }
    const out = output.values();
    const tgt = target.values();
    let correct = 0;
    if (classes === 1) {
      for (let i = 0; i < rows; i++) if ((out[i]! > this.threshold ? 1 : 0) === Math.round(tgt[i]!)) correct++;
    } else {
      // Argmax of each row straight on the typed array: cheaper than an op and a new tensor.
      for (let i = 0, base = 0; i < rows; i++, base += classes) {
        let best = 0;
        let bestValue = out[base]!;
        for (let c = 1; c < classes; c++) {
          const v = out[base + c]!;
          if (v > bestValue) {
            bestValue = v;
            best = c;
          }
        }
        if (best === tgt[i]) correct++;
      }
    }
    this.correct += correct;
    this.count += rows;
  }

  compute(): number {
    return this.count === 0 ? Number.NaN : this.correct / this.count;
  }
}

/** Mean of a per-element error |o - t|^p over every output element (p = 1: MAE, p = 2: MSE). */
class MeanError implements Metric {
  readonly mode = 'min' as const;
  private total = 0;
  private count = 0;

  constructor(
    readonly name: string,
    private readonly power: 1 | 2,
  ) {}

  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  update(output: Tensor, target: Tensor): void {
    if (output.size !== target.size) {
      throw new ShapeError(`${this.name}: output ${formatShape(output.shape)} and target ${formatShape(target.shape)} differ in size`);
    }
    const out = output.values();
    const tgt = target.values();
    let total = 0;
    for (let i = 0; i < out.length; i++) {
      const d = Math.abs(out[i]! - tgt[i]!);
      total += this.power === 1 ? d : d * d;
    }
    this.total += total;
    this.count += out.length;
  }

  compute(): number {
    return this.count === 0 ? Number.NaN : this.total / this.count;
  }
}

/** Mean absolute error over all output elements. */
export function meanAbsoluteError(name = 'mae'): Metric {
  return new MeanError(name, 1);
}

/** Mean squared error over all output elements. */
export function meanSquaredError(name = 'mse'): Metric {
  return new MeanError(name, 2);
}

/** A metric object, or the name of a built-in one. */
export type MetricSpec = MetricName | Metric;

/** Turns names into metric objects and checks that names are unique and not reserved. */
export function resolveMetrics(specs: readonly MetricSpec[]): Metric[] {
  const metrics = specs.map((spec): Metric => {
    if (typeof spec !== 'string') return spec;
    switch (spec) {
      case 'accuracy':
        return new Accuracy();
      case 'mae':
        return meanAbsoluteError();
      case 'mse':
        return meanSquaredError();
      default:
        throw new ConfigError(`fit: unknown metric '${String(spec)}'`, {
          expected: "'accuracy', 'mae', 'mse' or an object implementing Metric",
          got: spec,
        });
    }
  });
  const seen = new Set<string>(['loss', 'lr', 'seconds', 'epoch']);
  for (const m of metrics) {
    if (seen.has(m.name) || m.name.startsWith('val_')) {
      throw new ConfigError(`fit: metric name '${m.name}' is used twice or reserved`, {
        hint: "names must be unique and cannot be 'loss', 'lr', 'seconds', 'epoch' or start with 'val_'",
      });
    }
    seen.add(m.name);
  }
  return metrics;
}

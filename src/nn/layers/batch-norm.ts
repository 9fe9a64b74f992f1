import { noGrad } from '../../autograd/grad-mode.js';
import { ShapeError, formatShape } from '../../errors/index.js';
import { ones, zeros } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import { checkInt, checkRange } from './checks.js';

export interface BatchNormOptions {
  /** Added to the variance before the square root. @default 1e-5 */
  readonly eps?: number;
  /** Weight of the new batch in the running averages. @default 0.1 */
  readonly momentum?: number;
  /** Learn a per-channel scale `weight` (init 1) and shift `bias` (init 0). @default true */
  readonly affine?: boolean;
  /** Keep running mean/var and use them in eval mode; when false, batch statistics are always used. @default true */
  readonly trackRunningStats?: boolean;
}

/**
 * Batch normalization (Ioffe & Szegedy 2015, Algorithm 1) over axis 1 of the input, shared by
 * BatchNorm1d and BatchNorm2d. In training, y = (x − μ_B) / √(σ²_B + eps) · γ + β with the
 * biased batch variance, and the buffers are updated as PyTorch does:
 * running = (1 − momentum)·running + momentum·batch, with the *unbiased* batch variance for
 * `running_var`. In eval mode the running statistics replace the batch ones.
 */
export abstract class BatchNorm extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  protected abstract readonly layerType: 'BatchNorm1d' | 'BatchNorm2d';
  /** Input ranks the subclass accepts. */
  protected abstract readonly ranks: readonly number[];

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super();
    checkInt('BatchNorm', 'numFeatures', numFeatures);
    this.numFeatures = numFeatures;
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    checkRange('BatchNorm', 'eps', this.eps, 0, Infinity);
    checkRange('BatchNorm', 'momentum', this.momentum, 0, 1);
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    if (this.affine) {
      this.registerParameter('weight', ones([numFeatures]));
      this.registerParameter('bias', zeros([numFeatures]));
    }
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', zeros([numFeatures]));
      this.registerBuffer('running_var', ones([numFeatures]));
      this.registerBuffer('num_batches_tracked', zeros([], { dtype: 'int32' }));
    }
  }

  get weight(): Tensor | null {
    return this.optionalParam('weight');
  }

  get bias(): Tensor | null {
    return this.optionalParam('bias');
  }

  get runningMean(): Tensor {
    return this.buffer('running_mean');
  }

  get runningVar(): Tensor {
    return this.buffer('running_var');
  }

  forward(x: Tensor): Tensor {
    if (!this.ranks.includes(x.ndim) || x.shape[1] !== this.numFeatures) {
      const want = this.ranks.map((r) => (r === 2 ? '[N, C]' : r === 3 ? '[N, C, L]' : '[N, C, H, W]')).join(' or ');
      throw new ShapeError(`${this.layerType}: expected input ${want} with C = ${this.numFeatures}, got ${formatShape(x.shape)}`);
    }
    const axes = [0, ...Array.from({ length: x.ndim - 2 }, (_, i) => i + 2)];
    // Per-channel tensors are viewed as [1, C, 1, ...] to broadcast over the other axes.
    const channelShape = [1, this.numFeatures, ...Array.from({ length: x.ndim - 2 }, () => 1)];
    let mean: Tensor;
    let variance: Tensor;
    if (this.training || !this.trackRunningStats) {
      const count = x.size / this.numFeatures;
      if (this.training && count <= 1) {
        throw new ShapeError(`${this.layerType}: training needs more than one value per channel, got input ${formatShape(x.shape)}`, {
          hint: 'use a batch size above 1, or call eval() for single samples',
        });
      }
      mean = x.mean(axes, true);
      variance = x.var(axes, true, 0);
      if (this.training && this.trackRunningStats) this.updateRunningStats(mean, variance, count);
    } else {
      mean = this.runningMean.reshape(...channelShape);
      variance = this.runningVar.reshape(...channelShape);
    }
    let y = x.sub(mean).div(variance.add(this.eps).sqrt());
    const w = this.weight;
    const b = this.bias;
    if (w !== null && b !== null) y = y.mul(w.reshape(...channelShape)).add(b.reshape(...channelShape));
    return y;
  }

  private updateRunningStats(mean: Tensor, variance: Tensor, count: number): void {
    noGrad(() => {
      const m = this.momentum;
      const batchMean = mean.reshape(this.numFeatures).values();
      const batchVar = variance.reshape(this.numFeatures).values();
      const rm = this.runningMean;
      const rv = this.runningVar;
      for (let c = 0; c < this.numFeatures; c++) {
        rm.storage[rm.offset + c] = (1 - m) * rm.storage[rm.offset + c]! + m * batchMean[c]!;
        const unbiased = (batchVar[c]! * count) / (count - 1);
        rv.storage[rv.offset + c] = (1 - m) * rv.storage[rv.offset + c]! + m * unbiased;
      }
      const n = this.buffer('num_batches_tracked');
      n.storage[n.offset] = n.storage[n.offset]! + 1;
    });
  }

  override toConfig(): LayerConfig {
    return {
      type: this.layerType,
      numFeatures: this.numFeatures,
      eps: this.eps,
      momentum: this.momentum,
      affine: this.affine,
      trackRunningStats: this.trackRunningStats,
    };
  }

  override toString(): string {
    return `${this.layerType}(${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum})`;
  }
}

/** Reads the BatchNorm options shared by both layer types from a config. */
export function batchNormOptions(r: ConfigReader): Required<BatchNormOptions> {
  return {
    eps: r.number('eps', 0, 1, 1e-5),
    momentum: r.number('momentum', 0, 1, 0.1),
    affine: r.bool('affine', true),
    trackRunningStats: r.bool('trackRunningStats', true),
  };
}

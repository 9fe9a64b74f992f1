import { ShapeError, formatShape } from '../../errors/index.js';
import { ones, zeros } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import { checkInt, checkRange } from './checks.js';

export interface LayerNormOptions {
  /** @default 1e-5 */
  readonly eps?: number;
  /** Learn `weight` (init 1) and `bias` (init 0) of shape normalizedShape. @default true */
  readonly elementwiseAffine?: boolean;
}

/**
 * Layer normalization (Ba et al. 2016): each sample is normalized over its last
 * `normalizedShape.length` axes with the biased variance, y = (x − μ)/√(σ² + eps)·γ + β.
 * Same in training and eval; no running statistics.
 * @example new LayerNorm(64) // x: [N, T, 64]
 */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    if (this.normalizedShape.length === 0) throw new ShapeError('LayerNorm: normalizedShape must not be empty');
    this.normalizedShape.forEach((d) => checkInt('LayerNorm', 'normalizedShape', d));
    this.eps = options.eps ?? 1e-5;
    checkRange('LayerNorm', 'eps', this.eps, 0, Infinity);
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    if (this.elementwiseAffine) {
      this.registerParameter('weight', ones(this.normalizedShape));
      this.registerParameter('bias', zeros(this.normalizedShape));
    }
  }

  get weight(): Tensor | null {
    return this.optionalParam('weight');
  }

  get bias(): Tensor | null {
    return this.optionalParam('bias');
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    const tail = x.shape.slice(x.ndim - k);
    if (x.ndim < k || tail.some((d, i) => d !== this.normalizedShape[i])) {
      throw new ShapeError(`LayerNorm: expected input [*, ${this.normalizedShape.join(', ')}], got ${formatShape(x.shape)}`);
    }
    const axes = Array.from({ length: k }, (_, i) => x.ndim - k + i);
    const mean = x.mean(axes, true);
    const variance = x.var(axes, true, 0);
    let y = x.sub(mean).div(variance.add(this.eps).sqrt());
    const w = this.weight;
    const b = this.bias;
    if (w !== null && b !== null) y = y.mul(w).add(b);
    return y;
  }

  override toConfig(): LayerConfig {
    return { type: 'LayerNorm', normalizedShape: [...this.normalizedShape], eps: this.eps, elementwiseAffine: this.elementwiseAffine };
  }

  static fromConfig(r: ConfigReader): LayerNorm {
    return new LayerNorm(r.intArray('normalizedShape', 1), { eps: r.number('eps', 0, 1, 1e-5), elementwiseAffine: r.bool('elementwiseAffine', true) });
  }

  override toString(): string {
    return `LayerNorm(${formatShape(this.normalizedShape)}, eps=${this.eps})`;
  }
}

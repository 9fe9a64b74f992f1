import { ShapeError, formatShape } from '../../errors/index.js';
import { linear, linearRelu } from '../../ops/linear.js';
import { zeros } from '../../tensor/create.js';
import type { Generator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import { uniform } from '../init/distributions.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import { checkInt, withGenerator } from './checks.js';

export interface LinearOptions {
  /** Learn an additive bias. @default true */
  readonly bias?: boolean;
  /** Generator for the initial weights. @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

/**
 * Fully connected layer: y = x·Wᵀ + b.
 *
 * Shape: input [*, inFeatures], output [*, outFeatures].
 * Parameters: `weight` [outFeatures, inFeatures] and `bias` [outFeatures], both initialised from
 * U(-1/√inFeatures, 1/√inFeatures) (PyTorch's kaiming_uniform with a = √5).
 *
 * @example
 * const fc = new Linear(784, 128, { bias: false });
 * const y = fc.call(x); // [N, 128]
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    checkInt('Linear', 'inFeatures', inFeatures);
    checkInt('Linear', 'outFeatures', outFeatures);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const bound = 1 / Math.sqrt(inFeatures);
    const init = withGenerator(options.generator);
    this.registerParameter('weight', uniform(zeros([outFeatures, inFeatures]), -bound, bound, init));
    if (options.bias ?? true) this.registerParameter('bias', uniform(zeros([outFeatures]), -bound, bound, init));
  }

  get weight(): Tensor {
    return this.param('weight');
  }

  get bias(): Tensor | null {
    return this.optionalParam('bias');
  }

  forward(x: Tensor): Tensor {
    this.checkInput(x);
    return linear(x, this.weight, this.bias);
  }

  /** relu(forward(x)) as one op (linearRelu), for Sequential's fused blocks. */
  forwardRelu(x: Tensor): Tensor {
    this.checkInput(x);
    return linearRelu(x, this.weight, this.bias);
  }

  private checkInput(x: Tensor): void {
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new ShapeError(`Linear: expected input [*, ${this.inFeatures}], got ${formatShape(x.shape)}`, {
        hint: 'the last axis of the input must equal inFeatures; add a Flatten before it for images',
      });
    }
  }

  override toConfig(): LayerConfig {
    return { type: 'Linear', inFeatures: this.inFeatures, outFeatures: this.outFeatures, bias: this.bias !== null };
  }

  static fromConfig(r: ConfigReader): Linear {
    return new Linear(r.int('inFeatures', 1), r.int('outFeatures', 1), { bias: r.bool('bias', true) });
  }

  override toString(): string {
    return `Linear(in=${this.inFeatures}, out=${this.outFeatures}, bias=${this.bias !== null})`;
  }
}

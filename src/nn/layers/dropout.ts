import { rand } from '../../tensor/create.js';
import type { Generator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import { checkRange, withGenerator } from './checks.js';

export interface DropoutOptions {
  /** Draws the masks; seed it for reproducible runs. @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

/**
 * Inverted dropout (Srivastava et al. 2014): in training each element is zeroed with
 * probability `p` and the survivors are scaled by 1/(1−p), so the expected value is unchanged
 * and evaluation is the identity. The generator is not part of the config.
 *
 * @example new Dropout(0.5, { generator: new Generator(42) })
 */
export class Dropout extends Module {
  readonly p: number;
  private readonly generator: Generator | undefined;

  constructor(p = 0.5, options: DropoutOptions = {}) {
    super();
    checkRange('Dropout', 'p', p, 0, 1);
    this.p = p;
    this.generator = options.generator;
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    if (this.p === 1) return x.mul(0);
    const keep = rand(x.shape, { dtype: x.dtype === 'float64' ? 'float64' : 'float32', ...withGenerator(this.generator) }).ge(this.p);
    return x.mul(keep.cast(x.dtype)).mul(1 / (1 - this.p));
  }

  override toConfig(): LayerConfig {
    return { type: 'Dropout', p: this.p };
  }

  static fromConfig(r: ConfigReader): Dropout {
    return new Dropout(r.number('p', 0, 1, 0.5));
  }

  override toString(): string {
    return `Dropout(p=${this.p})`;
  }
}

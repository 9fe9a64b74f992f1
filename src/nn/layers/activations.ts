import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';

// Parameter-free elementwise activations as modules, so they can sit in a Sequential, carry
// hooks and appear in summaries and configs. Each is a one-line call into src/ops.

/** max(0, x). */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return x.relu();
  }
  override toConfig(): LayerConfig {
    return { type: 'ReLU' };
  }
  override toString(): string {
    return 'ReLU()';
  }
}

/** x for x > 0, negativeSlope·x otherwise. @default negativeSlope 0.01 */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.leakyRelu(this.negativeSlope);
  }
  override toConfig(): LayerConfig {
    return { type: 'LeakyReLU', negativeSlope: this.negativeSlope };
  }
  static fromConfig(r: ConfigReader): LeakyReLU {
    return new LeakyReLU(r.number('negativeSlope', -1e6, 1e6, 0.01));
  }
  override toString(): string {
    return `LeakyReLU(${this.negativeSlope})`;
  }
}

/** x for x > 0, alpha·(eˣ − 1) otherwise (Clevert et al. 2016). @default alpha 1 */
export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.elu(this.alpha);
  }
  override toConfig(): LayerConfig {
    return { type: 'ELU', alpha: this.alpha };
  }
  static fromConfig(r: ConfigReader): ELU {
    return new ELU(r.number('alpha', 0, 1e6, 1));
  }
  override toString(): string {
    return `ELU(${this.alpha})`;
  }
}

/** x·Φ(x) (Hendrycks & Gimpel 2016), with Φ the standard normal CDF. */
export class GELU extends Module {
  forward(x: Tensor): Tensor {
    return x.gelu();
  }
  override toConfig(): LayerConfig {
    return { type: 'GELU' };
  }
  override toString(): string {
    return 'GELU()';
  }
}

/** 1 / (1 + e⁻ˣ). */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
  override toConfig(): LayerConfig {
    return { type: 'Sigmoid' };
  }
  override toString(): string {
    return 'Sigmoid()';
  }
}

/** Hyperbolic tangent. */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
  override toConfig(): LayerConfig {
    return { type: 'Tanh' };
  }
  override toString(): string {
    return 'Tanh()';
  }
}

/** exp(x) / Σ exp(x) along `axis`. @default axis -1 */
export class Softmax extends Module {
  constructor(readonly axis = -1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.softmax(this.axis);
  }
  override toConfig(): LayerConfig {
    return { type: 'Softmax', axis: this.axis };
  }
  static fromConfig(r: ConfigReader): Softmax {
    return new Softmax(r.int('axis', -64, -1));
  }
  override toString(): string {
    return `Softmax(axis=${this.axis})`;
  }
}

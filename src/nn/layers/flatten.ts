import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';

export interface FlattenOptions {
  /** First axis to flatten. @default 1 (keep the batch axis) */
  readonly startAxis?: number;
  /** Last axis to flatten (negative counts from the end). @default -1 */
  readonly endAxis?: number;
}

/**
 * Merges axes startAxis..endAxis into one: [N, C, H, W] → [N, C·H·W] by default.
 * @example new Flatten()
 */
export class Flatten extends Module {
  readonly startAxis: number;
  readonly endAxis: number;

  constructor(options: FlattenOptions = {}) {
    super();
    this.startAxis = options.startAxis ?? 1;
    this.endAxis = options.endAxis ?? -1;
  }

  forward(x: Tensor): Tensor {
    return x.flatten(this.startAxis, this.endAxis);
  }

  override toConfig(): LayerConfig {
    return { type: 'Flatten', startAxis: this.startAxis, endAxis: this.endAxis };
  }

  static fromConfig(r: ConfigReader): Flatten {
    return new Flatten({ startAxis: r.int('startAxis', -64, 1), endAxis: r.int('endAxis', -64, -1) });
  }

  override toString(): string {
    return `Flatten(${this.startAxis}, ${this.endAxis})`;
  }
}

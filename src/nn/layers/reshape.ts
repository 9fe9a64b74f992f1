import { ConfigError, formatShape } from '../../errors/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';

/**
 * Reshapes every sample, keeping the batch axis: [N, ...] → [N, ...shape]. One entry of
 * `shape` may be -1 (inferred). Used to feed images to recurrent layers row by row
 * ([N, 1, 28, 28] → [N, 28, 28]).
 * @example new Reshape([28, 28])
 */
export class Reshape extends Module {
  readonly shape: readonly number[];

  constructor(shape: readonly number[]) {
    super();
    if (shape.filter((d) => d === -1).length > 1 || shape.some((d) => !Number.isInteger(d) || (d < 1 && d !== -1))) {
      throw new ConfigError(`Reshape: shape must hold positive integers and at most one -1, got ${formatShape(shape)}`);
    }
    this.shape = [...shape];
  }

  forward(x: Tensor): Tensor {
    return x.reshape(x.shape[0]!, ...this.shape);
  }

  override toConfig(): LayerConfig {
    return { type: 'Reshape', shape: [...this.shape] };
  }

  static fromConfig(r: ConfigReader): Reshape {
    return new Reshape(r.intArray('shape', -1));
  }

  override toString(): string {
    return `Reshape(${formatShape(this.shape)})`;
  }
}

import type { ConfigReader } from '../config.js';
import type { BatchNormOptions } from './batch-norm.js';
import { BatchNorm, batchNormOptions } from './batch-norm.js';

/**
 * Batch normalization of [N, C, H, W] inputs over N, H and W, per channel C.
 * Parameters `weight` (init 1) and `bias` (init 0); buffers `running_mean` (0), `running_var` (1),
 * `num_batches_tracked`. See BatchNorm for the equations.
 * @example new BatchNorm2d(32)
 */
export class BatchNorm2d extends BatchNorm {
  protected readonly layerType = 'BatchNorm2d';
  protected readonly ranks = [4];

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super(numFeatures, options);
  }

  static fromConfig(r: ConfigReader): BatchNorm2d {
    return new BatchNorm2d(r.int('numFeatures', 1), batchNormOptions(r));
  }
}

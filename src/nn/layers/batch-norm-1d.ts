import type { ConfigReader } from '../config.js';
import type { BatchNormOptions } from './batch-norm.js';
import { BatchNorm, batchNormOptions } from './batch-norm.js';

/**
 * Batch normalization of [N, C] or [N, C, L] inputs over N (and L), per channel C.
 * Parameters `weight` (init 1) and `bias` (init 0); buffers `running_mean` (0), `running_var` (1),
 * `num_batches_tracked`. See BatchNorm for the equations.
 * @example new BatchNorm1d(128)
 */
export class BatchNorm1d extends BatchNorm {
  protected readonly layerType = 'BatchNorm1d';
  protected readonly ranks = [2, 3];

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super(numFeatures, options);
  }

  static fromConfig(r: ConfigReader): BatchNorm1d {
    return new BatchNorm1d(r.int('numFeatures', 1), batchNormOptions(r));
  }
}

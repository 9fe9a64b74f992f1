import type { Tensor } from '../../tensor/tensor.js';
import type { InitOptions } from './distributions.js';
import { normal, uniform } from './distributions.js';
import { computeFans } from './fan.js';

export interface XavierOptions extends InitOptions {
  /** Scale, e.g. `calculateGain('tanh')`. @default 1 */
  readonly gain?: number;
}

/**
 * Glorot & Bengio (2010), eq. 16: U(-a, a) with a = gain·√(6 / (fanIn + fanOut)), so that the
 * variance of activations and of gradients both stay roughly constant across layers.
 */
export function xavierUniform(t: Tensor, options: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = computeFans(t.shape, 'init.xavierUniform');
  const a = (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
  return uniform(t, -a, a, options);
}

/** Glorot normal: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). */
export function xavierNormal(t: Tensor, options: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = computeFans(t.shape, 'init.xavierNormal');
  return normal(t, 0, (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), options);
}

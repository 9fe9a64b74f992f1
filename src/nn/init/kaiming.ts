import type { Tensor } from '../../tensor/tensor.js';
import type { InitOptions } from './distributions.js';
import { normal, uniform } from './distributions.js';
import type { FanMode, Nonlinearity } from './fan.js';
import { calculateGain, fanOf } from './fan.js';

export interface KaimingOptions extends InitOptions {
  /** Negative slope of the leaky relu that follows (used only with 'leakyRelu'). @default 0 */
  readonly a?: number;
  /** @default 'fanIn' */
  readonly mode?: FanMode;
  /** @default 'leakyRelu' (with a = 0 this is relu's gain √2, as PyTorch) */
  readonly nonlinearity?: Nonlinearity;
}

function kaimingStd(t: Tensor, options: KaimingOptions, op: string): number {
  const fan = fanOf(t.shape, options.mode ?? 'fanIn', op);
  const gain = calculateGain(options.nonlinearity ?? 'leakyRelu', options.a ?? 0);
  return gain / Math.sqrt(fan);
}

/**
 * He et al. (2015), eq. 10: keeps the variance of relu activations constant with
 * std = gain / √fan; the uniform version draws from U(-√3·std, √3·std).
 */
export function kaimingUniform(t: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, options, 'init.kaimingUniform');
  return uniform(t, -bound, bound, options);
}

/** He normal: N(0, std²) with std = gain / √fan. */
export function kaimingNormal(t: Tensor, options: KaimingOptions = {}): Tensor {
  return normal(t, 0, kaimingStd(t, options, 'init.kaimingNormal'), options);
}

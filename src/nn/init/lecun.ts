import type { Tensor } from '../../tensor/tensor.js';
import type { InitOptions } from './distributions.js';
import { normal, uniform } from './distributions.js';
import { computeFans } from './fan.js';

/** LeCun et al. (1998), "Efficient BackProp": U(-√(3/fanIn), √(3/fanIn)), i.e. variance 1/fanIn. */
export function lecunUniform(t: Tensor, options: InitOptions = {}): Tensor {
  const bound = Math.sqrt(3 / computeFans(t.shape, 'init.lecunUniform').fanIn);
  return uniform(t, -bound, bound, options);
}

/** LeCun normal: N(0, 1/fanIn) (the init SELU networks assume). */
export function lecunNormal(t: Tensor, options: InitOptions = {}): Tensor {
  return normal(t, 0, Math.sqrt(1 / computeFans(t.shape, 'init.lecunNormal').fanIn), options);
}

import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { div, sub } from './binary.js';
import { defineOp } from './define.js';
import { logsumexp, max, sum } from './reduce.js';
import { exp } from './unary.js';

/** softmax(x)_i = exp(x_i) / sum_j exp(x_j) along `axis` (default the last), shifted for stability. */
export const softmax = defineOp('softmax', (x: Tensor, axis = -1): Tensor => {
  const a = normalizeAxis('softmax', axis, x.ndim);
  const e = exp(sub(x, max(x, a, true).detach()));
  return div(e, sum(e, a, true));
});

/** log(softmax(x)) along `axis`, computed as x - logsumexp(x) without forming the softmax. */
export const logSoftmax = defineOp('logSoftmax', (x: Tensor, axis = -1): Tensor =>
  sub(x, logsumexp(x, normalizeAxis('logSoftmax', axis, x.ndim), true)),
);

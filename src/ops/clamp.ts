import { ConfigError } from '../errors/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { binaryForward, mul } from './binary.js';
import { ge, le } from './compare.js';
import { defineOp, recordGrad } from './define.js';
import { checkTensor, toTensor } from './util.js';

/**
 * Limits values to [min, max] (either bound may be omitted). The gradient passes where
 * min <= x <= max, as in PyTorch.
 */
export const clamp = defineOp('clamp', (x: Tensor, min?: number, max?: number): Tensor => {
  checkTensor(x, 'x', 'clamp');
  if (min === undefined && max === undefined) throw new ConfigError('clamp: give at least one of min and max');
  if (min !== undefined && max !== undefined && min > max) throw new ConfigError(`clamp: min ${min} is greater than max ${max}`);
  let out = x;
  if (min !== undefined) out = binaryForward('clamp', 'maximum', out, toTensor(min, x, 'min', 'clamp'));
  if (max !== undefined) out = binaryForward('clamp', 'minimum', out, toTensor(max, x, 'max', 'clamp'));
  if (out === x) out = x.clone().detach();
  return recordGrad('clamp', out, [x], (g) => {
    let pass = g;
    if (min !== undefined) pass = mul(pass, ge(x, min));
    if (max !== undefined) pass = mul(pass, le(x, max));
    return [pass];
  });
});

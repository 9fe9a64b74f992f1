import type { Pair } from '../ops/window.js';
import { ReLU } from './layers/activations.js';
import { Conv2d } from './layers/conv2d.js';
import { Linear } from './layers/linear.js';
import { MaxPool2d } from './layers/max-pool-2d.js';
import type { Module } from './module.js';

const isPair = (value: Pair, n: number): boolean => (typeof value === 'number' ? value === n : value[0] === n && value[1] === n);

/** Exactly this class (a subclass may override forward) with no hooks of its own. */
const plain = <T extends Module<never[], unknown>>(layer: Module<never[], unknown> | undefined, type: abstract new (...args: never[]) => T): layer is T =>
  layer !== undefined && layer.constructor === type && !layer.hasHooks;

const isPool2 = (layer: Module<never[], unknown> | undefined): boolean =>
  plain(layer, MaxPool2d) && isPair(layer.kernelSize, 2) && isPair(layer.stride, 2) && isPair(layer.padding, 0) && isPair(layer.dilation, 1);

/**
 * The Conv2d that starts a fusable block at `layers[i]`: Conv2d → MaxPool2d(2) → ReLU, or
 * Conv2d → ReLU → MaxPool2d(2) (the same function: ReLU is non-decreasing), none of the three
 * a subclass or hooked (a hook must see the intermediate outputs). Sequential runs such a
 * block as one op, conv2dMaxPoolRelu, whose fused kernels keep the conv output in the
 * backend's memory.
 */
export function fusableConvBlock(layers: readonly Module<never[], unknown>[], i: number): Conv2d | undefined {
  const [conv, second, third] = [layers[i], layers[i + 1], layers[i + 2]];
  if (!plain(conv, Conv2d) || conv.groups !== 1) return undefined;
  const poolThenRelu = isPool2(second) && plain(third, ReLU);
  const reluThenPool = plain(second, ReLU) && isPool2(third);
  return poolThenRelu || reluThenPool ? conv : undefined;
}

/**
 * The Linear that starts a fusable Linear → ReLU at `layers[i]` (exact classes, no hooks on
 * either), which Sequential runs as one op, linearRelu: the ReLU runs on the GEMM's output in the
 * backend's memory, and its gradient mask with the layer's gradients.
 */
export function fusableLinearRelu(layers: readonly Module<never[], unknown>[], i: number): Linear | undefined {
  const [dense, next] = [layers[i], layers[i + 1]];
  return plain(dense, Linear) && plain(next, ReLU) ? dense : undefined;
}

import { maxPool2d } from '../../ops/pool.js';
import type { Pair } from '../../ops/window.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import { checkPair } from './checks.js';

export interface MaxPool2dLayerOptions {
  /** @default the kernel size */
  readonly stride?: Pair;
  /** @default 0 */
  readonly padding?: Pair;
  /** @default 1 */
  readonly dilation?: Pair;
}

/**
 * Max over each kH×kW window of [N, C, H, W] (or [C, H, W]); no parameters.
 * @example new MaxPool2d(2) // halves H and W
 */
export class MaxPool2d extends Module {
  readonly kernelSize: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  readonly dilation: Pair;

  constructor(kernelSize: Pair, options: MaxPool2dLayerOptions = {}) {
    super();
    checkPair('MaxPool2d', 'kernelSize', kernelSize, 1);
    if (options.stride !== undefined) checkPair('MaxPool2d', 'stride', options.stride, 1);
    if (options.padding !== undefined) checkPair('MaxPool2d', 'padding', options.padding, 0);
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
    this.dilation = options.dilation ?? 1;
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, { stride: this.stride, padding: this.padding, dilation: this.dilation });
  }

  override toConfig(): LayerConfig {
    return { type: 'MaxPool2d', kernelSize: this.kernelSize, stride: this.stride, padding: this.padding, dilation: this.dilation };
  }

  static fromConfig(r: ConfigReader): MaxPool2d {
    const kernelSize = r.pair('kernelSize', 1);
    return new MaxPool2d(kernelSize, { stride: r.pair('stride', 1, kernelSize), padding: r.pair('padding', 0, 0), dilation: r.pair('dilation', 1, 1) });
  }

  override toString(): string {
    return `MaxPool2d(kernel=${JSON.stringify(this.kernelSize)}, stride=${JSON.stringify(this.stride)})`;
  }
}

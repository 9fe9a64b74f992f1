import { avgPool2d } from '../../ops/pool.js';
import type { Pair } from '../../ops/window.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import { checkPair } from './checks.js';

export interface AvgPool2dLayerOptions {
  /** @default the kernel size */
  readonly stride?: Pair;
  /** @default 0 */
  readonly padding?: Pair;
  /** Whether padded cells count in the divisor. @default true (as PyTorch) */
  readonly countIncludePad?: boolean;
}

/**
 * Mean over each kH×kW window of [N, C, H, W] (or [C, H, W]); no parameters.
 * @example new AvgPool2d(2)
 */
export class AvgPool2d extends Module {
  readonly kernelSize: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  readonly countIncludePad: boolean;

  constructor(kernelSize: Pair, options: AvgPool2dLayerOptions = {}) {
    super();
    checkPair('AvgPool2d', 'kernelSize', kernelSize, 1);
    if (options.stride !== undefined) checkPair('AvgPool2d', 'stride', options.stride, 1);
    if (options.padding !== undefined) checkPair('AvgPool2d', 'padding', options.padding, 0);
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
    this.countIncludePad = options.countIncludePad ?? true;
  }

  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.kernelSize, { stride: this.stride, padding: this.padding, countIncludePad: this.countIncludePad });
  }

  override toConfig(): LayerConfig {
    return { type: 'AvgPool2d', kernelSize: this.kernelSize, stride: this.stride, padding: this.padding, countIncludePad: this.countIncludePad };
  }

  static fromConfig(r: ConfigReader): AvgPool2d {
    const kernelSize = r.pair('kernelSize', 1);
    return new AvgPool2d(kernelSize, {
      stride: r.pair('stride', 1, kernelSize),
      padding: r.pair('padding', 0, 0),
      countIncludePad: r.bool('countIncludePad', true),
    });
  }

  override toString(): string {
    return `AvgPool2d(kernel=${JSON.stringify(this.kernelSize)}, stride=${JSON.stringify(this.stride)})`;
  }
}

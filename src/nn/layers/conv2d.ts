import { ConfigError } from '../../errors/index.js';
import type { Conv2dOptions } from '../../ops/conv.js';
import { conv2d } from '../../ops/conv.js';
import { conv2dMaxPoolRelu } from '../../ops/conv-pool-relu.js';
import type { Pair, Padding } from '../../ops/window.js';
import { zeros } from '../../tensor/create.js';
import type { Generator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import { uniform } from '../init/distributions.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import { checkInt, withGenerator } from './checks.js';

export interface Conv2dLayerOptions {
  /** Kernel height and width (required). */
  readonly kernelSize: Pair;
  /** @default 1 */
  readonly stride?: Pair;
  /** Zero padding per side, or 'same' / 'valid'. @default 0 */
  readonly padding?: Padding;
  /** @default 1 */
  readonly dilation?: Pair;
  /** Split channels into independent groups; both channel counts must divide by it. @default 1 */
  readonly groups?: number;
  /** @default true */
  readonly bias?: boolean;
  /** @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

function asPair(value: Pair): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/**
 * 2-D convolution (cross-correlation, as every framework computes it) over [N, C, H, W].
 *
 * Shape: input [N, inChannels, H, W], output [N, outChannels, H', W'] with
 * H' = ⌊(H + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1.
 * Parameters: `weight` [outChannels, inChannels/groups, kH, kW] and `bias` [outChannels], both from
 * U(-1/√fanIn, 1/√fanIn) with fanIn = inChannels/groups·kH·kW (PyTorch's default).
 *
 * @example new Conv2d(1, 32, { kernelSize: 3, padding: 1 })
 */
export class Conv2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: Padding;
  readonly dilation: [number, number];
  readonly groups: number;

  constructor(inChannels: number, outChannels: number, options: Conv2dLayerOptions) {
    super();
    checkInt('Conv2d', 'inChannels', inChannels);
    checkInt('Conv2d', 'outChannels', outChannels);
    if (options === undefined || options.kernelSize === undefined) {
      throw new ConfigError('Conv2d: options.kernelSize is required', { hint: 'new Conv2d(1, 32, { kernelSize: 3 })' });
    }
    this.kernelSize = asPair(options.kernelSize);
    this.kernelSize.forEach((k) => checkInt('Conv2d', 'kernelSize', k));
    this.stride = asPair(options.stride ?? 1);
    this.stride.forEach((s) => checkInt('Conv2d', 'stride', s));
    this.dilation = asPair(options.dilation ?? 1);
    this.dilation.forEach((d) => checkInt('Conv2d', 'dilation', d));
    const padding = options.padding ?? 0;
    if (typeof padding !== 'string') asPair(padding).forEach((p) => checkInt('Conv2d', 'padding', p, 0));
    else if (padding !== 'same' && padding !== 'valid') throw new ConfigError(`Conv2d: padding must be a number, a pair, 'same' or 'valid', got '${padding}'`);
    this.padding = typeof padding === 'string' || typeof padding === 'number' ? padding : asPair(padding);
    this.groups = options.groups ?? 1;
    checkInt('Conv2d', 'groups', this.groups);
    if (inChannels % this.groups !== 0 || outChannels % this.groups !== 0) {
      throw new ConfigError(`Conv2d: groups (${this.groups}) must divide inChannels (${inChannels}) and outChannels (${outChannels})`);
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    const fanIn = (inChannels / this.groups) * this.kernelSize[0] * this.kernelSize[1];
    const bound = 1 / Math.sqrt(fanIn);
    const init = withGenerator(options.generator);
    const weight = zeros([outChannels, inChannels / this.groups, ...this.kernelSize]);
    this.registerParameter('weight', uniform(weight, -bound, bound, init));
    if (options.bias ?? true) this.registerParameter('bias', uniform(zeros([outChannels]), -bound, bound, init));
  }

  get weight(): Tensor {
    return this.param('weight');
  }

  get bias(): Tensor | null {
    return this.optionalParam('bias');
  }

  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, this.convOptions);
  }

  /** relu(maxPool2d(forward(x), 2)) as one op (conv2dMaxPoolRelu), for Sequential's fused blocks. */
  forwardPoolRelu(x: Tensor): Tensor {
    return conv2dMaxPoolRelu(x, this.weight, this.bias, this.convOptions);
  }

  private get convOptions(): Conv2dOptions {
    return { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
  }

  override toConfig(): LayerConfig {
    return {
      type: 'Conv2d',
      inChannels: this.inChannels,
      outChannels: this.outChannels,
      kernelSize: this.kernelSize,
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      groups: this.groups,
      bias: this.bias !== null,
    };
  }

  static fromConfig(r: ConfigReader): Conv2d {
    const rawPadding = r.raw('padding');
    const padding: Padding = rawPadding === 'same' || rawPadding === 'valid' ? rawPadding : r.pair('padding', 0, 0);
    return new Conv2d(r.int('inChannels', 1), r.int('outChannels', 1), {
      kernelSize: r.pair('kernelSize', 1),
      stride: r.pair('stride', 1, 1),
      padding,
      dilation: r.pair('dilation', 1, 1),
      groups: r.int('groups', 1, 1),
      bias: r.bool('bias', true),
    });
  }

  override toString(): string {
    return `Conv2d(${this.inChannels}, ${this.outChannels}, kernel=${this.kernelSize.join('x')}, stride=${this.stride.join('x')}, padding=${JSON.stringify(this.padding)})`;
  }
}

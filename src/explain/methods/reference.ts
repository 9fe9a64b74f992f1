import { noGrad } from '../../autograd/grad-mode.js';
import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import { rand, tensor } from '../../tensor/create.js';
import { Generator } from '../../tensor/random.js';
import { Tensor } from '../../tensor/tensor.js';

/** The reference ("baseline") input x' of Integrated Gradients. */
export type ReferenceSpec = 'zeros' | 'blur' | 'uniform' | 'mean' | Tensor;

export const referenceKinds = ['zeros', 'blur', 'uniform', 'mean'] as const;

export interface ReferenceOptions {
  /** Standard deviation, in pixels, of the Gaussian blur ('blur'). @default 5 */
  readonly sigma?: number;
  /** The training mean, one sample's shape or broadcastable to the input ('mean'). */
  readonly mean?: Tensor;
  /** Range of the uniform noise ('uniform'). @default the input's minimum and maximum */
  readonly low?: number;
  readonly high?: number;
  /** Seed of the uniform noise ('uniform'). @default 0 */
  readonly seed?: number;
}

/**
 * The reference x' for `input` [N, ...]: zeros, a Gaussian blur of each sample over its last two
 * axes (its last axis for [N, F] inputs; Sturmfels et al. 2020, "Visualizing the Impact of
 * Feature Attribution Baselines"), seeded uniform noise, a training mean, or a given tensor
 * broadcast to the input's shape.
 */
export function makeReference(spec: ReferenceSpec, input: Tensor, options: ReferenceOptions = {}): Tensor {
  return noGrad(() => {
    const x = input.detach();
    if (spec instanceof Tensor) return broadcastTo(spec, x, 'reference');
    switch (spec) {
      case 'zeros':
        return x.mul(0);
      case 'blur':
        return gaussianBlur(x, options.sigma ?? 5);
      case 'uniform': {
        const values = x.values();
        let low = options.low ?? Infinity;
        let high = options.high ?? -Infinity;
        if (options.low === undefined) for (const v of values) low = Math.min(low, v);
        if (options.high === undefined) for (const v of values) high = Math.max(high, v);
        const dtype = x.dtype === 'float64' ? 'float64' : 'float32';
        return rand(x.shape, { dtype, generator: new Generator(options.seed ?? 0) }).mul(high - low).add(low);
      }
      case 'mean':
        if (options.mean === undefined) {
          throw new ConfigError("integratedGradients: reference 'mean' needs options.mean, the training mean", { hint: 'pass { reference: "mean", mean: trainMean } with one sample\'s shape' });
        }
        return broadcastTo(options.mean, x, 'mean');
      default:
        throw new ConfigError(`integratedGradients: unknown reference '${String(spec)}'`, { expected: `${referenceKinds.join(', ')} or a Tensor`, got: spec });
    }
  });
}

function broadcastTo(t: Tensor, x: Tensor, what: string): Tensor {
  const shape = t.ndim === x.ndim - 1 ? [1, ...t.shape] : t.shape;
  const ok = shape.length === x.ndim && shape.every((d, i) => d === 1 || d === x.shape[i]);
  if (!ok) {
    throw new ShapeError(`integratedGradients: ${what} ${formatShape(t.shape)} does not broadcast to the input ${formatShape(x.shape)}`, {
      hint: "give one sample's shape or the input's shape",
    });
  }
  return t.detach().cast(x.dtype).reshape(...shape).add(x.mul(0));
}

/** Separable Gaussian blur (kernel radius ⌈3σ⌉, edges clamped) over the last two axes, or the last axis of rank-2 input. */
export function gaussianBlur(x: Tensor, sigma: number): Tensor {
  if (!(sigma > 0)) throw new ConfigError(`gaussianBlur: sigma must be > 0, got ${sigma}`);
  const radius = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= total;
  const data = Float64Array.from(x.values());
  const shape = x.shape;
  const w = shape[shape.length - 1]!;
  const h = x.ndim >= 3 ? shape[shape.length - 2]! : 1;
  const blur1d = (src: Float64Array, base: number, count: number, stride: number): void => {
    const line = Array.from({ length: count }, (_, i) => src[base + i * stride]!);
    for (let i = 0; i < count; i++) {
      let s = 0;
      for (let k = -radius; k <= radius; k++) s += kernel[k + radius]! * line[Math.min(count - 1, Math.max(0, i + k))]!;
      src[base + i * stride] = s;
    }
  };
  for (let plane = 0; plane < data.length; plane += h * w) {
    for (let r = 0; r < h; r++) blur1d(data, plane + r * w, w, 1);
    if (h > 1) for (let c = 0; c < w; c++) blur1d(data, plane + c, h, w);
  }
  return tensor(x.dtype === 'float64' ? data : Float32Array.from(data), { shape: [...shape], dtype: x.dtype });
}

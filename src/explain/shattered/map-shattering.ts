import { grad, noGrad } from '../../autograd/index.js';
import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import { AvgPool2d, BatchNorm2d, Conv2d, Flatten, Linear, ReLU, Residual, Sequential, kaimingNormal } from '../../nn/index.js';
import type { Module } from '../../nn/index.js';
import { Generator, tensor } from '../../tensor/index.js';
import type { Tensor } from '../../tensor/index.js';
import { pearson } from '../evaluate/rank-correlation.js';
import { architectures } from './networks.js';
import type { Architecture } from './networks.js';

// What shattering does to gradient maps: along a short line of images through x, the saliency
// map ∂f/∂x of a deep plain network changes from one image to the next (consecutive maps
// decorrelate), that of a residual network stays put; also measured, the spatial roughness of
// one map (correlation of neighbouring pixels, total variation).

export interface ConvNetworkOptions {
  /** Channels of every hidden convolution. @default 16 */
  readonly channels?: number;
  /** @default a Generator seeded with 0 */
  readonly generator?: Generator;
  /** Input [C, H, W]. @default [1, 28, 28] */
  readonly inputShape?: readonly [number, number, number];
}

function heConv(inputs: number, outputs: number, gen: Generator, scale = 1): Conv2d {
  const conv = new Conv2d(inputs, outputs, { kernelSize: 3, padding: 1, generator: gen });
  noGrad(() => {
    kaimingNormal(conv.weight, { generator: gen, nonlinearity: 'relu' });
    if (scale !== 1) conv.weight.storage.set(conv.weight.values().map((w) => w * scale));
    conv.bias!.storage.set(Float32Array.from({ length: outputs }, () => 0.1 * gen.normal()));
  });
  return conv;
}

/**
 * A convolutional network of `depth` 3×3 convolutions ('same' padding) with ReLUs, plain or
 * residual, with or without BatchNorm2d, then global average pooling and one output:
 * the image counterpart of `shatteringNetwork`.
 */
export function shatteringConvNetwork(architecture: Architecture, depth: number, options: ConvNetworkOptions = {}): Module<[Tensor], Tensor> {
  if (!Number.isInteger(depth) || depth < 1) throw new ConfigError(`shatteringConvNetwork: depth must be an integer >= 1, got ${depth}`);
  const c = options.channels ?? 16;
  const [inC, h, w] = options.inputShape ?? [1, 28, 28];
  const gen = options.generator ?? new Generator(0);
  const bn = architecture === 'plain-bn' || architecture === 'residual-bn';
  const alpha = architecture === 'residual' ? 1 / Math.sqrt(depth) : 1;
  const layers: Module<[Tensor], Tensor>[] = [heConv(inC, c, gen)];
  for (let l = 1; l < depth; l++) {
    if (architecture === 'plain' || architecture === 'plain-bn') {
      layers.push(...(bn ? [new BatchNorm2d(c, { momentum: 1 })] : []), new ReLU(), heConv(c, c, gen));
    } else {
      layers.push(new Residual(new Sequential([...(bn ? [new BatchNorm2d(c, { momentum: 1 })] : []), new ReLU(), heConv(c, c, gen, alpha)])));
    }
  }
  if (bn) layers.push(new BatchNorm2d(c, { momentum: 1 }));
  const head = new Linear(c, 1, { generator: gen });
  return new Sequential([...layers, new ReLU(), new AvgPool2d([h, w]), new Flatten(), head]);
}

/**
 * The saliency maps ∂f/∂x of a batch of images [N, C, H, W] under a one-output model; batch-norm
 * layers take their statistics from the batch first (as `inputGradients` does for the 1-D grid).
 */
export function saliencyMaps(model: Module<[Tensor], Tensor>, images: Tensor): Tensor {
  if (images.ndim !== 4) throw new ShapeError(`saliencyMaps: expected images [N, C, H, W], got ${formatShape(images.shape)}`);
  model.train();
  noGrad(() => model.call(images));
  model.eval();
  const x = images.detach().requiresGrad_();
  const [g] = grad(model.call(x).sum(), x);
  return g!;
}

export interface Roughness {
  /** Mean correlation between horizontally and vertically adjacent pixels of the map: 1 smooth, 0 noise. */
  readonly neighbourCorrelation: number;
  /** Σ |differences of adjacent pixels| / (2 Σ |values|): near 0 for a smooth map, about √2 for Gaussian white noise. */
  readonly totalVariation: number;
}

/** Roughness of one map [H, W] (or [1, H, W], [1, 1, H, W]). */
export function mapRoughness(map: Tensor): Roughness {
  const h = map.shape[map.ndim - 2]!;
  const w = map.shape[map.ndim - 1]!;
  if (map.size !== h * w) throw new ShapeError(`mapRoughness: expected one map [H, W], got ${formatShape(map.shape)}`);
  const v = map.values();
  const [a, b, c, d]: number[][] = [[], [], [], []];
  let tv = 0;
  let mass = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const here = v[y * w + x]!;
      mass += Math.abs(here);
      if (x + 1 < w) [a!.push(here), b!.push(v[y * w + x + 1]!), (tv += Math.abs(v[y * w + x + 1]! - here))];
      if (y + 1 < h) [c!.push(here), d!.push(v[(y + 1) * w + x]!), (tv += Math.abs(v[(y + 1) * w + x]! - here))];
    }
  }
  return { neighbourCorrelation: (pearson(a!, b!) + pearson(c!, d!)) / 2, totalVariation: mass === 0 ? 0 : tv / (2 * mass) };
}

export interface MapPathOptions {
  /** Images on the line. @default 32 */
  readonly points?: number;
  /** Per-pixel standard deviation of the line's direction u: the line runs from x − u to x + u. @default 0.3 */
  readonly sigma?: number;
  /** Seed of u. @default 0 */
  readonly seed?: number;
}

/** The images x + s·u for s evenly spaced in [−1, 1], as one batch [points, C, H, W]. */
export function imageLine(image: Tensor, options: MapPathOptions = {}): Tensor {
  if (image.ndim !== 4 || image.shape[0] !== 1) throw new ShapeError(`imageLine: expected one image [1, C, H, W], got ${formatShape(image.shape)}`);
  const points = options.points ?? 32;
  const sigma = options.sigma ?? 0.3;
  const gen = new Generator(options.seed ?? 0);
  const x = image.values();
  const u = Float64Array.from({ length: x.length }, () => sigma * gen.normal());
  const out = new Float32Array(points * x.length);
  for (let k = 0; k < points; k++) {
    const s = points === 1 ? 0 : (2 * k) / (points - 1) - 1;
    for (let i = 0; i < x.length; i++) out[k * x.length + i] = x[i]! + s * u[i]!;
  }
  return tensor(out, { shape: [points, ...image.shape.slice(1)] });
}

/** Stability and roughness of a model's saliency maps around one image. */
export interface MapShattering extends Roughness {
  /**
   * Mean Pearson correlation between the saliency maps of consecutive images on a line through
   * the image (Balduzzi et al.'s measurement, made on whole maps): near 1 when the map is stable
   * under small moves of the input, near 0 when the gradient is shattered.
   */
  readonly pathCorrelation: number;
}

/** The saliency maps along `imageLine(image)`: their consecutive correlation and their mean roughness. */
export function mapShattering(model: Module<[Tensor], Tensor>, image: Tensor, options: MapPathOptions = {}): MapShattering {
  const maps = saliencyMaps(model, imageLine(image, options));
  const n = maps.shape[0]!;
  const values = maps.values();
  const size = values.length / n;
  let [path, neighbour, tv] = [0, 0, 0];
  for (let k = 0; k < n; k++) {
    if (k + 1 < n) path += pearson(values.subarray(k * size, (k + 1) * size), values.subarray((k + 1) * size, (k + 2) * size)) / (n - 1);
    const r = mapRoughness(maps.slice({ start: k, end: k + 1 }).sum(1));
    neighbour += r.neighbourCorrelation / n;
    tv += r.totalVariation / n;
  }
  return { pathCorrelation: n > 1 ? path : 1, neighbourCorrelation: neighbour, totalVariation: tv };
}

/** One architecture and depth in the map measurement. */
export interface MapShatteringRow extends MapShattering {
  readonly architecture: Architecture;
  readonly depth: number;
}

/**
 * For every architecture and depth, a random convolutional network (seeded), and the stability
 * and roughness of its saliency maps on each of `images` [N, C, H, W].
 */
export function measureMapShattering(
  images: Tensor,
  options: MapPathOptions & { depths?: readonly number[]; architectures?: readonly Architecture[]; channels?: number } = {},
): MapShatteringRow[] {
  const n = images.shape[0]!;
  const rows: MapShatteringRow[] = [];
  for (const architecture of options.architectures ?? architectures) {
    for (const depth of options.depths ?? [2, 8, 20]) {
      const model = shatteringConvNetwork(architecture, depth, {
        generator: new Generator((options.seed ?? 0) * 7919 + depth),
        inputShape: images.shape.slice(1) as [number, number, number],
        ...(options.channels === undefined ? {} : { channels: options.channels }),
      });
      let [path, neighbour, tv] = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const m = mapShattering(model, images.slice({ start: i, end: i + 1 }).contiguous(), options);
        [path, neighbour, tv] = [path + m.pathCorrelation / n, neighbour + m.neighbourCorrelation / n, tv + m.totalVariation / n];
      }
      rows.push({ architecture, depth, pathCorrelation: path, neighbourCorrelation: neighbour, totalVariation: tv });
    }
  }
  return rows;
}

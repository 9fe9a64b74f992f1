import { ShapeError, formatShape } from '../errors/index.js';
import type { Tensor } from '../tensor/index.js';

/** An RGBA image, 8 bits per channel, row-major (the layout of PNG and of canvas ImageData). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width·height·4 bytes: r, g, b, a per pixel. */
  readonly data: Uint8Array;
}

/** A 2-D map of numbers (a heatmap before it gets colors), row-major. */
export interface Map2d {
  readonly width: number;
  readonly height: number;
  readonly values: Float64Array;
}

/** A blank (opaque) image filled with one color. */
export function blankImage(width: number, height: number, rgb: readonly [number, number, number] = [255, 255, 255]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
  return { width, height, data };
}

/**
 * The per-pixel map of an image-shaped tensor: [H, W], [C, H, W] or [1, C, H, W]; channels are
 * summed (the usual reduction of a relevance map over colour channels).
 */
export function toMap2d(t: Tensor): Map2d {
  const shape = t.shape;
  const dims = shape.length === 4 && shape[0] === 1 ? shape.slice(1) : shape.length === 2 ? [1, ...shape] : shape;
  if (dims.length !== 3) {
    throw new ShapeError(`heatmap: expected a map of shape [H, W], [C, H, W] or [1, C, H, W], got ${formatShape(shape)}`, {
      hint: 'pass the attribution of one input, not a batch',
    });
  }
  const [c, h, w] = dims as [number, number, number];
  const src = t.values();
  const values = new Float64Array(h * w);
  for (let k = 0; k < c; k++) for (let i = 0; i < h * w; i++) values[i]! += src[k * h * w + i]!;
  return { width: w, height: h, values };
}

export interface ColorizeOptions {
  /**
   * 'diverging': blue (negative) – white (0) – red (positive), symmetric around 0, for signed
   * relevance; 'sequential': black – red – yellow – white ("hot"), for unsigned maps.
   * @default 'diverging' when the map has negative values, else 'sequential'
   */
  readonly colormap?: 'diverging' | 'sequential';
  /**
   * Values are scaled by this percentile of |value| (then clipped), so that one extreme pixel
   * does not wash out the rest. 100 scales by the maximum.
   * @default 100
   */
  readonly percentile?: number;
}

/** The `p`-th percentile (0–100, nearest rank) of |values|. */
export function absPercentile(values: ArrayLike<number>, p: number): number {
  const abs = Float64Array.from(values, (v) => Math.abs(v)).sort();
  if (abs.length === 0) return 0;
  const rank = Math.min(abs.length - 1, Math.max(0, Math.ceil((p / 100) * abs.length) - 1));
  return abs[rank]!;
}

/** Blue–white–red for t in [-1, 1]: -1 → (0, 0, 255), 0 → white, 1 → (255, 0, 0). */
export function divergingColor(t: number): [number, number, number] {
  const s = Math.max(-1, Math.min(1, t));
  const fade = Math.round(255 * (1 - Math.abs(s)));
  return s >= 0 ? [255, fade, fade] : [fade, fade, 255];
}

/** The "hot" ramp for t in [0, 1]: black → red → yellow → white. */
export function sequentialColor(t: number): [number, number, number] {
  const s = Math.max(0, Math.min(1, t));
  const channel = (from: number): number => Math.round(255 * Math.max(0, Math.min(1, 3 * s - from)));
  return [channel(0), channel(1), channel(2)];
}

/** Colors a map; returns the image and the value that maps to full color. */
export function colorize(map: Map2d, options: ColorizeOptions = {}): { image: RgbaImage; scale: number } {
  const signed = options.colormap === undefined ? map.values.some((v) => v < 0) : options.colormap === 'diverging';
  const scale = absPercentile(map.values, options.percentile ?? 100) || 1;
  const image = blankImage(map.width, map.height);
  map.values.forEach((v, i) => {
    const rgb = signed ? divergingColor(v / scale) : sequentialColor(Math.abs(v) / scale);
    image.data.set(rgb, i * 4);
  });
  return { image, scale };
}

/** An input image in gray levels: the map's values scaled from [min, max] (default: its own range) to 0–255. */
export function grayscale(map: Map2d, range?: readonly [number, number]): RgbaImage {
  let [lo, hi] = range ?? [Infinity, -Infinity];
  if (range === undefined) for (const v of map.values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const span = hi - lo || 1;
  const image = blankImage(map.width, map.height);
  map.values.forEach((v, i) => {
    const g = Math.round(255 * Math.max(0, Math.min(1, (v - lo) / span)));
    image.data.set([g, g, g], i * 4);
  });
  return image;
}

/**
 * The map blended over the (grayscale) input: each pixel mixes toward the map's color in
 * proportion to |value| / scale, so pixels without relevance show the input unchanged. The
 * colors are the diverging ones unless `colormap` says otherwise (red shows relevance on gray
 * better than the hot ramp, whose small values are dark).
 */
export function overlay(base: RgbaImage, map: Map2d, options: ColorizeOptions & { opacity?: number } = {}): RgbaImage {
  if (base.width !== map.width || base.height !== map.height) {
    throw new ShapeError(`heatmap overlay: the input is ${base.width}×${base.height}, the map ${map.width}×${map.height}`, {
      hint: 'overlay the map on the input it explains, before upscaling',
    });
  }
  const { image: colors, scale } = colorize(map, { colormap: 'diverging', ...options });
  const opacity = options.opacity ?? 0.8;
  const out = blankImage(map.width, map.height);
  map.values.forEach((v, i) => {
    const a = opacity * Math.min(1, Math.abs(v) / scale);
    for (let c = 0; c < 3; c++) out.data[i * 4 + c] = Math.round((1 - a) * base.data[i * 4 + c]! + a * colors.data[i * 4 + c]!);
  });
  return out;
}

/** Nearest-neighbour upscaling by an integer factor (28×28 → 224×224 with 8), so pixels stay sharp. */
export function upscale(image: RgbaImage, factor: number): RgbaImage {
  if (!Number.isInteger(factor) || factor < 1) throw new ShapeError(`heatmap upscale: factor must be a positive integer, got ${factor}`);
  const width = image.width * factor;
  const height = image.height * factor;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** The integer factor that brings the longer side of an image to about `size` pixels (at least 1). */
export function factorFor(image: { width: number; height: number }, size: number): number {
  return Math.max(1, Math.round(size / Math.max(image.width, image.height)));
}

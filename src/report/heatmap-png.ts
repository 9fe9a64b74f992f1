import { PNG } from 'pngjs';
import { FormatError } from '../errors/index.js';
import type { Map2d, RgbaImage } from './heatmap.js';

/** Encodes an RGBA image as PNG bytes (pngjs). */
export function encodePng(image: RgbaImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data.set(image.data);
  return PNG.sync.write(png);
}

/** Decodes PNG bytes (any color type pngjs reads) to RGBA. */
export function decodePng(bytes: Uint8Array, source = 'PNG'): RgbaImage {
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
  } catch (error) {
    throw new FormatError(`${source}: not a readable PNG image (${error instanceof Error ? error.message : String(error)})`, {
      hint: 'pass a PNG file, or a test-set index',
    });
  }
}

/**
 * An image as gray levels in [0, 1], resized to height×width by bilinear interpolation (pixel
 * centres aligned, as PIL and torch's align_corners=false). Transparent pixels count as black,
 * the background of MNIST-like images. Luma weights of ITU-R BT.601.
 */
export function toGrayMap(image: RgbaImage, height: number, width: number): Map2d {
  const gray = new Float64Array(image.width * image.height);
  for (let i = 0; i < gray.length; i++) {
    const [r, g, b, a] = [image.data[i * 4]!, image.data[i * 4 + 1]!, image.data[i * 4 + 2]!, image.data[i * 4 + 3]!];
    gray[i] = ((0.299 * r + 0.587 * g + 0.114 * b) / 255) * (a / 255);
  }
  const values = new Float64Array(height * width);
  const at = (y: number, x: number): number => gray[Math.min(image.height - 1, Math.max(0, y)) * image.width + Math.min(image.width - 1, Math.max(0, x))]!;
  for (let y = 0; y < height; y++) {
    const sy = Math.max(0, ((y + 0.5) * image.height) / height - 0.5);
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.max(0, ((x + 0.5) * image.width) / width - 0.5);
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top = (1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1);
      const bottom = (1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1);
      values[y * width + x] = (1 - fy) * top + fy * bottom;
    }
  }
  return { width, height, values };
}

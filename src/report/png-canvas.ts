import type { RgbaImage } from './heatmap.js';

export type Rgb = readonly [number, number, number];

/** Blends `color` over pixel (x, y) with opacity `alpha` in [0, 1]; pixels outside are skipped. */
export function blendPixel(image: RgbaImage, x: number, y: number, color: Rgb, alpha: number): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height || !(alpha > 0)) return;
  const a = Math.min(1, alpha);
  const i = (y * image.width + x) * 4;
  for (let c = 0; c < 3; c++) image.data[i + c] = Math.round(image.data[i + c]! * (1 - a) + color[c]! * a);
  image.data[i + 3] = 255;
}

/** Fills the rectangle [x, x + w) × [y, y + h) (rounded to whole pixels). */
export function fillRect(image: RgbaImage, x: number, y: number, w: number, h: number, color: Rgb): void {
  for (let py = Math.round(y); py < Math.round(y + h); py++) {
    for (let px = Math.round(x); px < Math.round(x + w); px++) blendPixel(image, px, py, color, 1);
  }
}

const fpart = (v: number): number => v - Math.floor(v);

/**
 * Draws an antialiased line from (x0, y0) to (x1, y1) by Xiaolin Wu's algorithm (1991): along
 * the major axis, each step covers the two pixels nearest the ideal line with opacities
 * proportional to their closeness. `width` > 1 draws parallel copies offset across the line.
 */
export function drawLine(image: RgbaImage, x0: number, y0: number, x1: number, y1: number, color: Rgb, width = 1): void {
  if (![x0, y0, x1, y1].every(Number.isFinite)) return;
  if (width > 1) {
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const [nx, ny] = [-(y1 - y0) / len, (x1 - x0) / len];
    for (let k = 0; k < width; k++) {
      const o = k - (width - 1) / 2;
      drawLine(image, x0 + nx * o, y0 + ny * o, x1 + nx * o, y1 + ny * o, color, 1);
    }
    return;
  }
  const steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
  // Work in a frame where x is the major axis and x0 <= x1.
  let [ax, ay, bx, by] = steep ? [y0, x0, y1, x1] : [x0, y0, x1, y1];
  if (ax > bx) [ax, ay, bx, by] = [bx, by, ax, ay];
  const plot = (u: number, v: number, c: number): void => (steep ? blendPixel(image, v, u, color, c) : blendPixel(image, u, v, color, c));
  const gradient = bx - ax === 0 ? 1 : (by - ay) / (bx - ax);
  const start = Math.round(ax);
  const end = Math.round(bx);
  let y = ay + gradient * (start - ax);
  for (let u = start; u <= end; u++) {
    const v = Math.floor(y);
    plot(u, v, 1 - fpart(y));
    plot(u, v + 1, fpart(y));
    y += gradient;
  }
}

/** Draws a dashed horizontal or vertical guide line (1 pixel, `dash` on, `dash` off). */
export function dashedLine(image: RgbaImage, x0: number, y0: number, x1: number, y1: number, color: Rgb, dash = 3): void {
  const len = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
  for (let t = 0; t <= len; t++) {
    if (Math.floor(t / dash) % 2 === 1) continue;
    const f = len === 0 ? 0 : t / len;
    blendPixel(image, Math.round(x0 + (x1 - x0) * f), Math.round(y0 + (y1 - y0) * f), color, 1);
  }
}

import { ShapeError } from '../errors/index.js';
import { blankImage } from './heatmap.js';
import type { RgbaImage } from './heatmap.js';
import { drawText, textWidth } from './heatmap-font.js';

export interface GridOptions {
  /** Labels above each column (method names). @default none */
  readonly columnLabels?: readonly string[];
  /** Labels left of each row (samples, or 'map' / 'overlay'). @default none */
  readonly rowLabels?: readonly string[];
  /** Pixels between tiles and around the grid. @default 4 */
  readonly padding?: number;
  /** Size multiplier of the 5×7 label font. @default 2 */
  readonly fontScale?: number;
}

/**
 * Tiles of equal size in rows and columns on a white background, with labels in a built-in 5×7
 * pixel font: the picture that compares methods for one input.
 */
export function heatmapGrid(rows: readonly (readonly RgbaImage[])[], options: GridOptions = {}): RgbaImage {
  const first = rows[0]?.[0];
  if (first === undefined) throw new ShapeError('heatmapGrid: expected at least one row with one tile');
  const { width: tw, height: th } = first;
  for (const row of rows) {
    for (const tile of row) {
      if (tile.width !== tw || tile.height !== th) {
        throw new ShapeError(`heatmapGrid: tiles must be the same size; the first is ${tw}×${th}, another ${tile.width}×${tile.height}`, {
          hint: 'upscale every tile by the same factor',
        });
      }
    }
  }
  const pad = options.padding ?? 4;
  const scale = options.fontScale ?? 2;
  const columns = Math.max(...rows.map((r) => r.length));
  const colLabels = options.columnLabels ?? [];
  const rowLabels = options.rowLabels ?? [];
  const top = colLabels.length > 0 ? 7 * scale + pad : 0;
  const left = rowLabels.length > 0 ? Math.max(...rowLabels.map((l) => textWidth(l, scale))) + pad : 0;
  // A column is as wide as its tile or its label, whichever is wider.
  const colWidth = Math.max(tw, ...colLabels.map((l) => textWidth(l, scale)));
  const width = pad + left + columns * (colWidth + pad);
  const height = pad + top + rows.length * (th + pad);
  const image = blankImage(width, height);
  colLabels.forEach((label, c) => drawText(image, label, pad + left + c * (colWidth + pad) + Math.floor((colWidth - textWidth(label, scale)) / 2), pad, { scale }));
  rows.forEach((row, r) => {
    const y = pad + top + r * (th + pad);
    const label = rowLabels[r];
    if (label !== undefined) drawText(image, label, pad, y + Math.floor((th - 7 * scale) / 2), { scale });
    row.forEach((tile, c) => {
      const x = pad + left + c * (colWidth + pad) + Math.floor((colWidth - tw) / 2);
      for (let ty = 0; ty < th; ty++) image.data.set(tile.data.subarray(ty * tw * 4, (ty + 1) * tw * 4), ((y + ty) * width + x) * 4);
    });
  });
  return image;
}

import { drawText, textWidth } from './heatmap-font.js';
import { blankImage } from './heatmap.js';
import type { RgbaImage } from './heatmap.js';
import { encodePng } from './heatmap-png.js';
import type { LineChartSpec } from './line-chart.js';
import { layoutChart, seriesColor } from './line-chart.js';
import { dashedLine, drawLine, fillRect } from './png-canvas.js';
import type { Rgb } from './png-canvas.js';

const black = [0, 0, 0] as const;
const grid = [215, 215, 215] as const;
const marker = [204, 0, 0] as const;

/**
 * Draws a 2-pixel segment a→b, solid or as dashes (`on` pixels drawn, `off` skipped) continuing
 * the pattern from `walked` pixels along the line; returns the new distance walked.
 */
function dashedSegment(image: RgbaImage, a: readonly [number, number], b: readonly [number, number], color: Rgb, dash: { on: number; off: number } | null, walked: number): number {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (dash === null) {
    drawLine(image, a[0], a[1], b[0], b[1], color, 2);
    return walked + len;
  }
  const period = dash.on + dash.off;
  let t = 0;
  while (t < len) {
    const phase = (walked + t) % period;
    const piece = Math.min(len - t, phase < dash.on ? dash.on - phase : period - phase);
    if (phase < dash.on) {
      const [u, v] = [t / len, (t + piece) / len];
      drawLine(image, a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[0] + (b[0] - a[0]) * v, a[1] + (b[1] - a[1]) * v, color, 2);
    }
    t += Math.max(piece, 1e-6);
  }
  return walked + len;
}

/**
 * Rasterizes a line chart: frame, dashed grid at the y ticks, tick marks and labels (a 5×7
 * pixel font, upper case), antialiased 2-pixel lines (Wu), and a legend right of the plot.
 * Dashed series alternate 7 pixels drawn and 5 skipped along the line.
 */
export function renderLineChart(spec: LineChartSpec): RgbaImage {
  const l = layoutChart(spec);
  const image = blankImage(l.width, l.height);
  drawText(image, spec.title, Math.round((l.left + l.right - textWidth(spec.title, 2)) / 2), 10, { scale: 2 });
  for (const t of l.y.ticks) {
    const py = Math.round(l.y.map(t.value, l.bottom, l.top));
    dashedLine(image, l.left, py, l.right, py, grid);
    drawLine(image, l.left - 5, py, l.left, py, black);
    drawText(image, t.label, l.left - 8 - textWidth(t.label), py - 3);
  }
  for (const t of l.x.ticks) {
    const px = Math.round(l.x.map(t.value, l.left, l.right));
    drawLine(image, px, l.bottom, px, l.bottom + 5, black);
    drawText(image, t.label, px - Math.round(textWidth(t.label) / 2), l.bottom + 9);
  }
  const yLabel = `${spec.yLabel}${spec.logY === true ? ' (log)' : ''}`;
  drawText(image, spec.xLabel, Math.round((l.left + l.right - textWidth(spec.xLabel)) / 2), l.height - 14);
  drawText(image, yLabel, 4, l.top - 14);
  for (const m of spec.markers ?? []) {
    const px = Math.round(l.x.map(m.x, l.left, l.right));
    dashedLine(image, px, l.top, px, l.bottom, marker, 4);
    drawText(image, m.label, px + 4, l.top + 6, { color: marker });
  }
  spec.series.forEach((s, i) => {
    const color = seriesColor(s, i);
    const dash = s.dashed === true ? { on: 7, off: 5 } : null;
    for (const run of l.paths[i]!) {
      if (run.length === 1) fillRect(image, run[0]![0] - 2, run[0]![1] - 2, 4, 4, color);
      let walked = 0;
      for (let k = 1; k < run.length; k++) {
        const [a, b] = [run[k - 1]!, run[k]!];
        walked = dashedSegment(image, a, b, color, dash, walked);
      }
    }
    const ly = l.legendY + i * 16;
    dashedSegment(image, [l.legendX, ly + 3], [l.legendX + 22, ly + 3], color, dash, 0);
    drawText(image, s.name, l.legendX + 26, ly);
  });
  // The frame last, over line ends that touch it.
  drawLine(image, l.left, l.top, l.right, l.top, black);
  drawLine(image, l.left, l.bottom, l.right, l.bottom, black);
  drawLine(image, l.left, l.top, l.left, l.bottom, black);
  drawLine(image, l.right, l.top, l.right, l.bottom, black);
  return image;
}

/** The chart as PNG bytes. */
export function lineChartPng(spec: LineChartSpec): Uint8Array {
  return encodePng(renderLineChart(spec));
}

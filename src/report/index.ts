// Pictures: heatmaps (PNG), line charts (PNG and SVG), the shattering chart.
export { absPercentile, blankImage, colorize, divergingColor, factorFor, grayscale, overlay, sequentialColor, toMap2d, upscale } from './heatmap.js';
export type { ColorizeOptions, Map2d, RgbaImage } from './heatmap.js';
export { decodePng, encodePng, toGrayMap } from './heatmap-png.js';
export { heatmapGrid } from './heatmap-grid.js';
export type { GridOptions } from './heatmap-grid.js';
export { drawText, textWidth } from './heatmap-font.js';
export { layoutChart, lineChartSvg, palette } from './line-chart.js';
export type { LineChartSpec, LineSeries } from './line-chart.js';
export { lineChartPng, renderLineChart } from './line-chart-png.js';
export { shatteringChartSvg } from './shattering-chart.js';

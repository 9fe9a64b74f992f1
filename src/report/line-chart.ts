import { ConfigError } from '../errors/index.js';
import type { AxisScale } from './line-chart-scale.js';
import { makeScale } from './line-chart-scale.js';
import type { Rgb } from './png-canvas.js';

/** One line of a chart: (x, y) points in x order; non-finite y (or y <= 0 on a log axis) break the line. */
export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** Draw dashed (SVG) — for example the validation curve beside the training one. @default false */
  readonly dashed?: boolean;
  /** Palette index; series take 0, 1, 2, ... by default. */
  readonly colorIndex?: number;
}

/** A line chart, drawn as SVG (with text) by lineChartSvg or PNG by lineChartPng. */
export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** Base-10 logarithmic y axis. @default false */
  readonly logY?: boolean;
  /** Vertical dashed lines with a label at the top (an event: "overfitting from epoch 9"). @default [] */
  readonly markers?: readonly { readonly x: number; readonly label: string }[];
  /** @default 760 */
  readonly width?: number;
  /** @default 440 */
  readonly height?: number;
}

/** Tableau's 10 categorical colors (distinguishable, print well). */
export const palette: readonly Rgb[] = [
  [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189],
  [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207],
];

export const seriesColor = (s: LineSeries, i: number): Rgb => palette[(s.colorIndex ?? i) % palette.length]!;

/** Where everything goes, shared by the SVG and PNG renderers. */
export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly x: AxisScale;
  readonly y: AxisScale;
  /** Top-left of the legend (right of the plot). */
  readonly legendX: number;
  readonly legendY: number;
  /** Runs of drawable points per series, in pixels. */
  readonly paths: readonly (readonly (readonly [number, number])[])[][];
}

export function layoutChart(spec: LineChartSpec): ChartLayout {
  if (spec.series.length === 0) throw new ConfigError(`line chart '${spec.title}': no series to draw`, { hint: 'pass at least one series with points' });
  const width = spec.width ?? 760;
  const height = spec.height ?? 440;
  const log = spec.logY ?? false;
  const xs = spec.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = spec.series.flatMap((s) => s.points.map((p) => p[1]));
  const x = makeScale(xs, { ticks: 6 });
  const y = makeScale(ys, { log, ticks: 6 });
  const [left, top, right, bottom] = [70, 36, width - 190, height - 46];
  const drawable = (v: number): boolean => Number.isFinite(v) && (!log || v > 0);
  const paths = spec.series.map((s) => {
    const runs: [number, number][][] = [];
    let run: [number, number][] = [];
    for (const [px, py] of s.points) {
      if (!drawable(py) || !Number.isFinite(px)) {
        if (run.length > 0) runs.push(run);
        run = [];
        continue;
      }
      run.push([x.map(px, left, right), y.map(py, bottom, top)]);
    }
    if (run.length > 0) runs.push(run);
    return runs;
  });
  return { width, height, left, top, right, bottom, x, y, legendX: right + 16, legendY: top + 4, paths };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const rgb = (c: Rgb): string => `rgb(${c[0]},${c[1]},${c[2]})`;
const f = (v: number): string => v.toFixed(1);

/** The chart as a standalone SVG document (no external assets). */
export function lineChartSvg(spec: LineChartSpec): string {
  const l = layoutChart(spec);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${l.width}" height="${l.height}" viewBox="0 0 ${l.width} ${l.height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${f((l.left + l.right) / 2)}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(spec.title)}</text>`,
  ];
  for (const t of l.y.ticks) {
    const py = l.y.map(t.value, l.bottom, l.top);
    out.push(`<line x1="${l.left}" y1="${f(py)}" x2="${l.right}" y2="${f(py)}" stroke="#ddd" stroke-dasharray="3,3"/>`);
    out.push(`<text x="${l.left - 6}" y="${f(py + 4)}" text-anchor="end">${esc(t.label)}</text>`);
  }
  for (const t of l.x.ticks) {
    const px = l.x.map(t.value, l.left, l.right);
    out.push(`<line x1="${f(px)}" y1="${l.bottom}" x2="${f(px)}" y2="${l.bottom + 5}" stroke="black"/>`);
    out.push(`<text x="${f(px)}" y="${l.bottom + 18}" text-anchor="middle">${esc(t.label)}</text>`);
  }
  for (const m of spec.markers ?? []) {
    const px = l.x.map(m.x, l.left, l.right);
    out.push(`<line x1="${f(px)}" y1="${l.top}" x2="${f(px)}" y2="${l.bottom}" stroke="#c00" stroke-dasharray="4,3"/>`);
    out.push(`<text x="${f(px + 4)}" y="${l.top + 14}" fill="#c00">${esc(m.label)}</text>`);
  }
  out.push(`<rect x="${l.left}" y="${l.top}" width="${l.right - l.left}" height="${l.bottom - l.top}" fill="none" stroke="black"/>`);
  out.push(`<text x="${f((l.left + l.right) / 2)}" y="${l.height - 8}" text-anchor="middle">${esc(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${f((l.top + l.bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}${spec.logY === true ? ' (log scale)' : ''}</text>`);
  spec.series.forEach((s, i) => {
    const color = rgb(seriesColor(s, i));
    const dash = s.dashed === true ? ' stroke-dasharray="6,4"' : '';
    for (const run of l.paths[i]!) {
      if (run.length === 1) out.push(`<circle cx="${f(run[0]![0])}" cy="${f(run[0]![1])}" r="2.5" fill="${color}"/>`);
      else out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${run.map(([px, py]) => `${f(px)},${f(py)}`).join(' ')}"/>`);
    }
    const ly = l.legendY + i * 18;
    out.push(`<line x1="${l.legendX}" y1="${ly + 6}" x2="${l.legendX + 22}" y2="${ly + 6}" stroke="${color}" stroke-width="3"${dash}/>`);
    out.push(`<text x="${l.legendX + 28}" y="${ly + 10}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

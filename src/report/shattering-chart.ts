// SVG line charts of the shattered-gradients measurement (Balduzzi et al. 2017): lag-1
// autocorrelation of input gradients against depth, and example gradient sequences.

/** One line of the depth chart. */
export interface DepthSeries {
  readonly name: string;
  readonly depths: readonly number[];
  readonly values: readonly number[];
}

/** One example gradient sequence, plotted over the input grid. */
export interface GradientSeries {
  readonly name: string;
  readonly values: readonly number[];
}

export interface ShatteringChartOptions {
  /** @default 'Shattered gradients' */
  readonly title?: string;
  /** @default 'lag-1 autocorrelation of dF/dx' */
  readonly yLabel?: string;
}

const palette = ['#d62728', '#ff7f0e', '#1f77b4', '#2ca02c', '#9467bd', '#8c564b'];

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A two-panel SVG: left, the value (lag-1 autocorrelation) against depth on a log₂ axis, one
 * line per architecture; right, each architecture's example gradient sequence (standardized,
 * stacked), so that white noise and smooth curves can be told apart by eye.
 */
export function shatteringChartSvg(depthSeries: readonly DepthSeries[], gradients: readonly GradientSeries[], options: ShatteringChartOptions = {}): string {
  const [W, H] = [960, 420];
  const panel = { top: 50, height: 300, left1: 70, left2: 540, width: 380 };
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="16">${escape(options.title ?? 'Shattered gradients')}</text>`,
  ];
  // Left panel: value against log2(depth), y in [-0.2, 1].
  const allDepths = depthSeries.flatMap((s) => s.depths);
  const [dMin, dMax] = [Math.min(...allDepths), Math.max(...allDepths)];
  const lx = (d: number): number => panel.left1 + (dMax === dMin ? 0.5 : (Math.log2(d) - Math.log2(dMin)) / (Math.log2(dMax) - Math.log2(dMin))) * panel.width;
  const [yLo, yHi] = [-0.2, 1];
  const ly = (v: number): number => panel.top + ((yHi - Math.max(yLo, Math.min(yHi, v))) / (yHi - yLo)) * panel.height;
  parts.push(`<rect x="${panel.left1}" y="${panel.top}" width="${panel.width}" height="${panel.height}" fill="none" stroke="#888"/>`);
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${panel.left1}" x2="${panel.left1 + panel.width}" y1="${ly(v)}" y2="${ly(v)}" stroke="${v === 0 ? '#555' : '#ddd'}"/>`);
    parts.push(`<text x="${panel.left1 - 6}" y="${ly(v) + 4}" text-anchor="end">${v}</text>`);
  }
  for (const d of [...new Set(allDepths)].sort((a, b) => a - b)) {
    parts.push(`<text x="${lx(d)}" y="${panel.top + panel.height + 16}" text-anchor="middle">${d}</text>`);
  }
  parts.push(`<text x="${panel.left1 + panel.width / 2}" y="${panel.top + panel.height + 34}" text-anchor="middle">depth (layers, log scale)</text>`);
  parts.push(`<text transform="translate(18 ${panel.top + panel.height / 2}) rotate(-90)" text-anchor="middle">${escape(options.yLabel ?? 'lag-1 autocorrelation of dF/dx')}</text>`);
  depthSeries.forEach((s, i) => {
    const color = palette[i % palette.length]!;
    const pts = s.depths.map((d, k) => `${lx(d).toFixed(1)},${ly(s.values[k]!).toFixed(1)}`);
    parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of pts) parts.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${color}"/>`);
    parts.push(`<rect x="${panel.left1 + 10}" y="${panel.top + panel.height - 18 * (depthSeries.length - i)}" width="12" height="3" fill="${color}"/>`);
    parts.push(`<text x="${panel.left1 + 28}" y="${panel.top + panel.height - 18 * (depthSeries.length - i) + 5}">${escape(s.name)}</text>`);
  });
  // Right panel: standardized gradient sequences, one band each.
  parts.push(`<rect x="${panel.left2}" y="${panel.top}" width="${panel.width}" height="${panel.height}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${panel.left2 + panel.width / 2}" y="${panel.top + panel.height + 34}" text-anchor="middle">input x along the grid (deepest networks)</text>`);
  const band = panel.height / Math.max(1, gradients.length);
  gradients.forEach((g, i) => {
    const color = palette[i % palette.length]!;
    const n = g.values.length;
    const mean = g.values.reduce((a, b) => a + b, 0) / Math.max(1, n);
    const std = Math.sqrt(g.values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n)) || 1;
    const mid = panel.top + band * (i + 0.5);
    const pts = g.values.map((v, k) => `${(panel.left2 + (k / Math.max(1, n - 1)) * panel.width).toFixed(1)},${(mid - (Math.max(-3, Math.min(3, (v - mean) / std)) * band) / 7).toFixed(1)}`);
    parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="1"/>`);
    parts.push(`<text x="${panel.left2 + 6}" y="${panel.top + band * i + 14}" fill="${color}">${escape(g.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

// Shattered gradients (Balduzzi et al. 2017): the gradient dF/dx of a deep plain ReLU network,
// sampled along a line of inputs, decorrelates toward white noise as depth grows; a residual
// network's stays correlated. Then the same on images: how stable a saliency map is when the
// image moves a little, for plain and residual convolutional networks.
// Run: npx tsx examples/10-shattered-gradients.ts [--quick] [--out DIR]   (chart: DIR/shattered-gradients.svg)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDigits, loadFashionMnist } from '../src/data/index.js';
import { defaultShatteringFactories, measureMapShattering, measureShattering } from '../src/explain/shattered/index.js';
import { lineChartPng } from '../src/report/line-chart-png.js';
import { shatteringChartSvg } from '../src/report/shattering-chart.js';

const quick = process.argv.includes('--quick');
const outAt = process.argv.indexOf('--out');
const outDir = outAt >= 0 ? process.argv[outAt + 1]! : 'runs/explain';

const depths = quick ? [2, 16] : [2, 4, 8, 16, 32, 50];
const width = quick ? 32 : 200;
const started = performance.now();
const result = measureShattering(defaultShatteringFactories({ width }), { depths, networks: quick ? 2 : 4, points: quick ? 128 : 256 });
console.log(`1-D input on [-2, 2], ${result.xs.length} points, width ${width}, He init; mean over networks (± spread)\n`);
console.log('lag-1 autocorrelation of dF/dx (1 = smooth, 0 = white noise)');
console.log(`| architecture | ${depths.map((d) => `depth ${d}`).join(' | ')} |`);
console.log(`|---|${depths.map(() => '---:').join('|')}|`);
for (const c of result.curves) console.log(`| ${c.name} | ${c.points.map((p) => `${p.lag1.toFixed(3)} ± ${p.lag1Spread.toFixed(2)}`).join(' | ')} |`);
console.log('\nfraction of the gradient\'s power above half the Nyquist frequency (white noise ≈ 0.5)');
console.log(`| architecture | ${depths.map((d) => `depth ${d}`).join(' | ')} |`);
console.log(`|---|${depths.map(() => '---:').join('|')}|`);
for (const c of result.curves) console.log(`| ${c.name} | ${c.points.map((p) => p.highFrequency.toFixed(3)).join(' | ')} |`);

const svg = shatteringChartSvg(
  result.curves.map((c) => ({ name: c.name, depths: c.points.map((p) => p.depth), values: c.points.map((p) => p.lag1) })),
  result.curves.map((c) => ({ name: `${c.name}, depth ${Math.max(...depths)}`, values: c.exampleGradient })),
  { title: `Shattered gradients: lag-1 autocorrelation of dF/dx vs depth (width ${width})` },
);
mkdirSync(outDir, { recursive: true });
const chartPath = join(outDir, 'shattered-gradients.svg');
writeFileSync(chartPath, svg);
// The same curves as PNG (the diagnostics' line chart), and the deepest networks' gradients.
const curvesPng = join(outDir, 'shattered-gradients-depth.png');
writeFileSync(curvesPng, lineChartPng({
  title: 'lag-1 autocorrelation of dF/dx',
  xLabel: 'depth (layers)',
  yLabel: 'lag-1 autocorrelation',
  series: result.curves.map((c) => ({ name: c.name, points: c.points.map((p) => [p.depth, p.lag1] as const) })),
}));
const gradientsPng = join(outDir, 'shattered-gradients-examples.png');
writeFileSync(gradientsPng, lineChartPng({
  title: `dF/dx at depth ${Math.max(...depths)}`,
  xLabel: 'x',
  yLabel: 'dF/dx, standardized, offset',
  series: result.curves.map((c, i) => {
    const g = c.exampleGradient;
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    const std = Math.sqrt(g.reduce((a, b) => a + (b - mean) ** 2, 0) / g.length) || 1;
    return { name: c.name, points: g.map((v, k) => [result.xs[k]!, (v - mean) / std + 8 * i] as const) };
  }),
}));

// The effect on gradient maps: saliency maps along a short line of images x + s·u, s ∈ [-1, 1].
const images = quick
  ? loadDigits({ split: 'test', layout: 'image' }).inputs.slice({ start: 0, end: 2 }).contiguous()
  : loadFashionMnist({ split: 'test', limit: 4 }).inputs.slice({ start: 0, end: 4 }).contiguous();
const mapDepths = quick ? [2, 12] : [2, 8, 20];
const rows = measureMapShattering(images, { depths: mapDepths, channels: quick ? 8 : 16, points: quick ? 16 : 32, sigma: 0.3 });
console.log(`\nsaliency maps of random conv nets on ${images.shape[0]} ${quick ? 'digits' : 'Fashion-MNIST'} images [${images.shape.slice(1).join('×')}]:`);
console.log('path = correlation of the maps of consecutive images on the line (1 = stable map, 0 = shattered);');
console.log('neighbours = correlation of adjacent pixels within a map; TV = total variation / (2 Σ|map|), √2 for white noise');
console.log('| architecture | depth | path | neighbours | TV |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.architecture} | ${r.depth} | ${r.pathCorrelation.toFixed(3)} | ${r.neighbourCorrelation.toFixed(3)} | ${r.totalVariation.toFixed(3)} |`);
console.log(`\ncharts: ${chartPath}, ${curvesPng}, ${gradientsPng}`);
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);

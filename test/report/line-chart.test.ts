import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePng } from '../../src/report/heatmap-png.js';
import { blankImage } from '../../src/report/heatmap.js';
import { lineChartPng, renderLineChart } from '../../src/report/line-chart-png.js';
import { formatTick, makeScale } from '../../src/report/line-chart-scale.js';
import { layoutChart, lineChartSvg, palette } from '../../src/report/line-chart.js';
import { drawLine } from '../../src/report/png-canvas.js';

const spec = {
  title: 'Gradient norm per layer',
  xLabel: 'step',
  yLabel: 'norm',
  logY: true,
  series: [
    { name: 'fc1 <Linear>', points: [[1, 1e-6], [2, 1e-5], [3, Number.NaN], [4, 1e-4]] as [number, number][] },
    { name: 'fc2', points: [[1, 0.1], [4, 1]] as [number, number][] },
  ],
};

describe('report/line-chart', () => {
  it('log scale covers whole decades; linear scale nice ticks', () => {
    const log = makeScale([3e-6, 0.5, -1, Number.NaN], { log: true });
    assert.equal(log.min, 1e-6);
    assert.equal(log.max, 1);
    assert.equal(log.map(1e-3, 0, 60), 30);
    const lin = makeScale([0.13, 0.87]);
    assert.deepEqual(lin.ticks.map((t) => t.value), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    assert.equal(formatTick(0.25), '0.25');
    assert.equal(formatTick(1e-5), '1e-5');
    assert.equal(formatTick(25000), '2.5e4');
  });

  it('breaks a line at non-finite points and maps points inside the plot', () => {
    const l = layoutChart(spec);
    assert.equal(l.paths[0]!.length, 2, 'NaN at x = 3 splits the first series into two runs');
    for (const run of l.paths.flat()) for (const [x, y] of run) assert.ok(x >= l.left && x <= l.right && y >= l.top && y <= l.bottom);
    // y = 1 (the top decade) is drawn at the top edge; x = 4 (the largest) at most at the right edge.
    assert.equal(l.paths[1]![0]![1]![1], l.top);
  });

  it('SVG: escaped labels, a polyline per run (a dot for a single point), colors per series', () => {
    const svg = lineChartSvg(spec);
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(svg.includes('fc1 &lt;Linear&gt;'));
    assert.equal(svg.match(/<polyline/g)?.length, 2);
    assert.equal(svg.match(/<circle/g)?.length, 1);
    assert.ok(svg.includes('(log scale)'));
    assert.ok(svg.includes(`rgb(${palette[1]!.join(',')})`));
  });

  it('PNG: decodes to the chart size, with the series colors present', () => {
    const bytes = lineChartPng(spec);
    const image = decodePng(bytes);
    assert.equal(image.width, 760);
    assert.equal(image.height, 440);
    const has = (rgb: readonly number[]): boolean => {
      for (let i = 0; i < image.data.length; i += 4) if (image.data[i] === rgb[0] && image.data[i + 1] === rgb[1] && image.data[i + 2] === rgb[2]) return true;
      return false;
    };
    assert.ok(has(palette[0]!) && has(palette[1]!));
    assert.equal(renderLineChart(spec).data.length, 760 * 440 * 4);
  });

  it("Wu's line: a horizontal line covers its pixels fully, a diagonal splits its coverage", () => {
    const img = blankImage(10, 10);
    drawLine(img, 1, 2, 8, 2, [0, 0, 0]);
    for (let x = 1; x <= 8; x++) assert.equal(img.data[(2 * 10 + x) * 4], 0);
    assert.equal(img.data[(2 * 10 + 9) * 4], 255);
    const d = blankImage(10, 10);
    // y = 0.5 + x/2... at x = 2, y = 1.5: the pixels (2, 1) and (2, 2) each get half the color.
    drawLine(d, 0, 0.5, 8, 4.5, [0, 0, 0]);
    assert.equal(d.data[(1 * 10 + 2) * 4], 128);
    assert.equal(d.data[(2 * 10 + 2) * 4], 128);
  });
});

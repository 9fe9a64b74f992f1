import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../src/tensor/index.js';
import { absPercentile, colorize, divergingColor, grayscale, overlay, sequentialColor, toMap2d, upscale } from '../../src/report/heatmap.js';
import { heatmapGrid } from '../../src/report/heatmap-grid.js';
import { decodePng, encodePng, toGrayMap } from '../../src/report/heatmap-png.js';

const pixel = (img: { width: number; data: Uint8Array }, x: number, y: number): number[] => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe('heatmap colors', () => {
  it('diverging: 0 is white, the maximum red, the minimum blue, symmetric around 0', () => {
    assert.deepEqual(divergingColor(0), [255, 255, 255]);
    assert.deepEqual(divergingColor(1), [255, 0, 0]);
    assert.deepEqual(divergingColor(-1), [0, 0, 255]);
    assert.deepEqual(divergingColor(0.5), [255, 128, 128]);
    assert.deepEqual(divergingColor(-0.5), [128, 128, 255]);
    const { image, scale } = colorize(toMap2d(tensor([[0, 2], [-4, 1]])));
    assert.equal(scale, 4);
    assert.deepEqual(pixel(image, 0, 0), [255, 255, 255, 255]);
    assert.deepEqual(pixel(image, 1, 0), [255, 128, 128, 255]); // 2/4 of red
    assert.deepEqual(pixel(image, 0, 1), [0, 0, 255, 255]);
  });

  it('sequential (unsigned maps): black at 0, white at the maximum', () => {
    assert.deepEqual(sequentialColor(0), [0, 0, 0]);
    assert.deepEqual(sequentialColor(1), [255, 255, 255]);
    assert.deepEqual(sequentialColor(1 / 3), [255, 0, 0]);
    const { image } = colorize(toMap2d(tensor([[0, 3]])));
    assert.deepEqual(pixel(image, 1, 0), [255, 255, 255, 255]);
  });

  it('percentile scaling clips an outlier', () => {
    assert.equal(absPercentile([1, -2, 3, 100], 75), 3);
    assert.equal(absPercentile([1, -2, 3, 100], 100), 100);
  });

  it('sums channels, makes grayscale and overlays only where the map is non-zero', () => {
    const map = toMap2d(tensor([[[[1, 0]], [[1, -1]]]])); // [1, 2, 1, 2]
    assert.deepEqual(Array.from(map.values), [2, -1]);
    const base = grayscale(toMap2d(tensor([[0, 1]])));
    assert.deepEqual(pixel(base, 0, 0), [0, 0, 0, 255]);
    assert.deepEqual(pixel(base, 1, 0), [255, 255, 255, 255]);
    const over = overlay(base, toMap2d(tensor([[0, -1]])), { opacity: 0.5 });
    assert.deepEqual(pixel(over, 0, 0), [0, 0, 0, 255]); // no relevance: the input shows
    assert.deepEqual(pixel(over, 1, 0), [128, 128, 255, 255]); // half-way from white to blue
  });
});

describe('heatmap PNG files', () => {
  it('upscales 28×28 to 224×224 by nearest neighbour and round-trips through PNG', () => {
    const values = Array.from({ length: 28 }, (_, y) => Array.from({ length: 28 }, (_, x) => x - y));
    const { image } = colorize(toMap2d(tensor(values)));
    const big = upscale(image, 8);
    assert.equal(big.width, 224);
    assert.equal(big.height, 224);
    assert.deepEqual(pixel(big, 8 * 27 + 7, 0), pixel(image, 27, 0));
    const decoded = decodePng(encodePng(big));
    assert.equal(decoded.width, 224);
    assert.equal(decoded.height, 224);
    assert.deepEqual(Buffer.from(decoded.data), Buffer.from(big.data));
  });

  it('reads a PNG back as gray levels resized to the model input', () => {
    const { image } = colorize(toMap2d(tensor([[0, 1], [1, 0]])), { colormap: 'sequential' });
    const gray = toGrayMap(decodePng(encodePng(upscale(image, 4))), 2, 2);
    assert.deepEqual(Array.from(gray.values, (v) => Math.round(v * 1000) / 1000), [0, 1, 1, 0]);
    assert.throws(() => decodePng(new Uint8Array([1, 2, 3]), 'x.png'), /x\.png: not a readable PNG/);
  });

  it('lays tiles out in a labelled grid', () => {
    const tile = upscale(colorize(toMap2d(tensor([[1, -1]]))).image, 10);
    const grid = heatmapGrid([[tile, tile], [tile, tile]], { columnLabels: ['saliency', 'ig'], rowLabels: ['map', 'overlay'], padding: 4, fontScale: 1 });
    // left = width of 'overlay' (7·6−1) + 4; columns as wide as the label 'saliency' (47 px).
    assert.equal(grid.width, 4 + 45 + 2 * (47 + 4));
    assert.equal(grid.height, 4 + 11 + 2 * (10 + 4));
    assert.deepEqual(pixel(grid, 0, 0), [255, 255, 255, 255]);
    assert.throws(() => heatmapGrid([[tile, upscale(tile, 2)]]), /same size/);
  });
});

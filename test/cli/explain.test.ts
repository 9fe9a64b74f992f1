import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadDigits } from '../../src/data/index.js';
import { grayscale, toMap2d, upscale } from '../../src/report/heatmap.js';
import { decodePng, encodePng } from '../../src/report/heatmap-png.js';
import { runDeeptrace as deeptrace, lastJson } from '../helpers/cli.js';

interface MethodJson {
  method: string;
  files: { map: string; overlay: string };
  statistics: { sum: number };
  completenessGap?: number;
  conservationRatio?: number;
}

describe('deeptrace explain', () => {
  let dir: string;
  let model: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'deeptrace-explain-'));
    model = join(dir, 'digits.safetensors');
    const run = deeptrace('train', '--epochs', '1', '--out', model, '--json');
    assert.equal(run.status, 0, run.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes input, map and overlay PNGs for a test-set sample and ends with the numbers as JSON', () => {
    const out = join(dir, 'ig');
    const run = deeptrace('explain', '--model', model, '--input', '5', '--method', 'integratedGradients', '--steps', '64', '--out', out, '--json');
    assert.equal(run.status, 0, run.stderr);
    const result = lastJson(run.stdout);
    const methods = result['methods'] as MethodJson[];
    assert.equal(methods.length, 1);
    assert.equal(methods[0]!.files.map, join(out, 'map.png'));
    assert.ok(methods[0]!.completenessGap! < 0.05, `completeness gap ${methods[0]!.completenessGap}`);
    assert.equal(result['label'], loadDigits({ split: 'test' }).targets.values()[5]);
    const predicted = result['predicted'] as { class: number; probability: number };
    assert.equal(result['target'], predicted.class);
    for (const name of ['input.png', 'map.png', 'overlay.png']) {
      const png = decodePng(readFileSync(join(out, name)));
      assert.equal(png.width, 224, name); // 8×8 digits upscaled 28 times
      assert.equal(png.height, 224, name);
    }
    assert.ok(!existsSync(join(out, 'grid.png')));
  });

  it('compares methods in a grid and reports LRP conservation', () => {
    const out = join(dir, 'grid');
    const run = deeptrace('explain', '--model', model, '--input', '0', '--method', 'saliency,lrp-epsilon', '--target', '3', '--out', out, '--json');
    assert.equal(run.status, 0, run.stderr);
    const result = lastJson(run.stdout);
    assert.equal(result['target'], 3);
    const methods = result['methods'] as MethodJson[];
    assert.deepEqual(methods.map((m) => m.method), ['saliency', 'lrp-epsilon']);
    assert.ok(methods[1]!.conservationRatio !== undefined && Math.abs(methods[1]!.conservationRatio - 1) < 0.5);
    assert.ok(existsSync(join(out, 'map-saliency.png')) && existsSync(join(out, 'overlay-lrp-epsilon.png')));
    const grid = decodePng(readFileSync((result['files'] as { grid: string }).grid));
    assert.ok(grid.width > 3 * 112 && grid.height > 2 * 112, `${grid.width}×${grid.height}`);
  });

  it('reads a PNG file as input (resized to the model input) and predicts like the test sample it shows', () => {
    const sample = loadDigits({ split: 'test', layout: 'image' }).inputs.slice({ start: 7, end: 8 });
    const file = join(dir, 'digit.png');
    writeFileSync(file, encodePng(upscale(grayscale(toMap2d(sample), [0, 1]), 4)));
    const fromIndex = lastJson(deeptrace('explain', '--model', model, '--input', '7', '--method', 'saliency', '--out', join(dir, 'a'), '--json').stdout);
    const run = deeptrace('explain', '--model', model, '--input', file, '--method', 'saliency', '--out', join(dir, 'b'), '--json');
    assert.equal(run.status, 0, run.stderr);
    const fromPng = lastJson(run.stdout);
    const [a, b] = [fromIndex['predicted'] as { class: number; probability: number }, fromPng['predicted'] as { class: number; probability: number }];
    assert.equal(b.class, a.class);
    assert.ok(Math.abs(a.probability - b.probability) < 0.02, `${a.probability} vs ${b.probability}`);
  });

  it('rejects an unknown method with a message that lists the known ones', () => {
    const run = deeptrace('explain', '--model', model, '--input', '0', '--method', 'magic', '--out', join(dir, 'x'));
    assert.equal(run.status, 1);
    assert.match(run.stderr, /unknown attribution method 'magic'/);
    assert.match(run.stderr, /integratedGradients/);
  });
});

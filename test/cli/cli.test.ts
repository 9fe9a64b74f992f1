import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runDeeptrace as deeptrace, lastJson } from '../helpers/cli.js';

describe('deeptrace command', () => {
  let dir: string;
  let modelPath: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'deeptrace-cli-'));
    modelPath = join(dir, 'digits.safetensors');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('train --json trains an MLP on the embedded digits and ends with the summary object', () => {
    const run = deeptrace('train', '--epochs', '4', '--out', modelPath, '--json');
    assert.equal(run.status, 0, run.stderr);
    const summary = lastJson(run.stdout);
    for (const key of ['testAccuracy', 'testLoss', 'epochs', 'trainSeconds', 'samplesPerSecond', 'modelPath']) {
      assert.ok(key in summary, `missing ${key}`);
    }
    assert.equal(summary['epochs'], 4);
    assert.equal(summary['modelPath'], modelPath);
    assert.ok((summary['testAccuracy'] as number) > 0.85, `accuracy ${String(summary['testAccuracy'])}`);
    assert.ok(existsSync(modelPath) && existsSync(modelPath.replace(/\.safetensors$/, '.json')));
  });

  it('evaluate reloads the saved model without the code that built it and reproduces its test accuracy', () => {
    const trained = lastJson(deeptrace('train', '--epochs', '2', '--out', join(dir, 'small.safetensors'), '--json').stdout);
    const run = deeptrace('evaluate', '--model', join(dir, 'small.safetensors'), '--json');
    assert.equal(run.status, 0, run.stderr);
    const result = lastJson(run.stdout);
    assert.equal(result['samples'], 360);
    assert.ok(Math.abs((result['testAccuracy'] as number) - (trained['testAccuracy'] as number)) < 1e-9);
  });

  it('predict reports classes and probabilities for test samples', () => {
    const run = deeptrace('predict', '--model', modelPath, '--index', '0,1', '--json');
    assert.equal(run.status, 0, run.stderr);
    const predictions = lastJson(run.stdout)['predictions'] as { predicted: number; probability: number; target: number; top: unknown[] }[];
    assert.equal(predictions.length, 2);
    for (const p of predictions) {
      assert.ok(p.predicted >= 0 && p.predicted < 10);
      assert.ok(p.probability > 0 && p.probability <= 1);
      assert.equal(p.top.length, 3);
    }
  });

  it('summary lists the layers and the parameter count', () => {
    const run = deeptrace('summary', '--model', 'mlp', '--json');
    assert.equal(run.status, 0, run.stderr);
    const result = lastJson(run.stdout);
    // 64*256+256 + 256*128+128 + 128*10+10
    assert.equal(result['parameters'], 50826);
    const human = deeptrace('summary', '--model', 'cnn');
    assert.match(human.stdout, /Conv2d/);
    assert.match(human.stdout, /Total params/);
  });

  it('a bad config file gets a message naming the field', () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ epochs: 0, optimizer: 'adamax', colour: 'red' }));
    const run = deeptrace('train', '--config', config);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /epochs/);
    assert.match(run.stderr, /optimizer/);
    assert.match(run.stderr, /colour/);
  });

  it('an unknown data set or model is refused with the accepted values', () => {
    const data = deeptrace('train', '--data', 'no-such-set', '--epochs', '1', '--out', join(dir, 'x.safetensors'));
    assert.equal(data.status, 1);
    assert.match(data.stderr, /unknown data set 'no-such-set'/);
    const model = deeptrace('train', '--model', 'transformer', '--epochs', '1', '--out', join(dir, 'x.safetensors'));
    assert.equal(model.status, 1);
    assert.match(model.stderr, /unknown model 'transformer'/);
  });

  it('trains from a CSV file with a named label column', () => {
    const csv = join(dir, 'blobs.csv');
    const rows = ['a,b,class'];
    for (let i = 0; i < 200; i++) {
      const c = i % 2;
      rows.push(`${(c * 4 + Math.sin(i)).toFixed(3)},${(c * 4 + Math.cos(i * 7)).toFixed(3)},${c}`);
    }
    writeFileSync(csv, rows.join('\n'));
    const run = deeptrace('train', '--data', csv, '--label-column', 'class', '--epochs', '5', '--hidden', '8', '--out', join(dir, 'csv.safetensors'), '--json');
    assert.equal(run.status, 0, run.stderr);
    assert.ok((lastJson(run.stdout)['testAccuracy'] as number) > 0.9);
  });
});

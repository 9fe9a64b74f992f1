import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ReduceLROnPlateau, SGD, StepLR } from '../../src/optim/index.js';
import { manualSeed } from '../../src/tensor/index.js';
import type { Metric } from '../../src/train/index.js';
import { JsonlLogger, Progress, SchedulerCallback, fit, formatEpochLine } from '../../src/train/index.js';
import { blobs, smallMlp } from './helpers.js';

function setup(lr = 0.1) {
  manualSeed(1);
  const model = smallMlp();
  return { model, optimizer: new SGD(model.parameters(), { lr }) };
}

describe('callbacks', () => {
  it('JsonlLogger writes one parseable object per epoch, and per batch when asked', async () => {
    const { model, optimizer } = setup();
    const chunks: string[] = [];
    const history = await fit(model, {
      train: blobs(10),
      validationSplit: 0.2,
      loss: 'crossEntropy',
      optimizer,
      epochs: 2,
      batchSize: 4,
      metrics: ['accuracy'],
      callbacks: [new JsonlLogger({ write: (t) => void chunks.push(t), perBatch: true })],
      seed: 3,
    });
    assert.equal(chunks.length, 2); // flushed once per epoch
    const lines = chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines.map((l) => `${String(l['type'])}${String(l['epoch'])}`), ['batch1', 'batch1', 'epoch1', 'batch2', 'batch2', 'epoch2']);
    const epoch2 = lines[5]!;
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'lr', 'seconds']) assert.equal(epoch2[key], history.epochs[1]![key], key);
    assert.deepEqual(Object.keys(lines[0]!).sort(), ['batch', 'batches', 'epoch', 'loss', 'samplesPerSecond', 'size', 'step', 'type']);
  });

  it('JsonlLogger with a path truncates on a fresh run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deeptrace-jsonl-'));
    try {
      const path = join(dir, 'metrics.jsonl');
      for (let i = 0; i < 2; i++) {
        const { model, optimizer } = setup();
        await fit(model, { train: blobs(6), loss: 'crossEntropy', optimizer, epochs: 3, batchSize: 3, callbacks: [new JsonlLogger({ path })] });
      }
      const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
      assert.deepEqual(lines.map((l) => (JSON.parse(l) as { epoch: number }).epoch), [1, 2, 3]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('Progress prints one plain line per epoch when the stream is not a TTY', async () => {
    const { model, optimizer } = setup();
    let out = '';
    const stream = { isTTY: false, write: (t: string) => (out += t) };
    const history = await fit(model, {
      train: blobs(9),
      validation: blobs(3, 5),
      loss: 'crossEntropy',
      optimizer,
      epochs: 2,
      batchSize: 3,
      metrics: ['accuracy'],
      callbacks: [new Progress({ stream })],
    });
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^epoch 1\/2 - loss \d\.\d{4} - accuracy \d\.\d{4} - val_loss \d\.\d{4} - val_accuracy \d\.\d{4} - lr 0\.1000 - \d+\.\d\ds$/);
    assert.equal(lines[1], formatEpochLine(history.epochs[1]!, 2));
    assert.ok(!out.includes('\u001b'), 'no terminal escape codes');
    assert.equal(formatEpochLine({ epoch: 3, loss: 1.5e-5, lr: 2e5, seconds: 1.234 }, 9), 'epoch 3/9 - loss 1.500e-5 - lr 2.000e+5 - 1.23s');
  });

  it('Progress draws a cli-progress bar on a TTY and still ends each epoch with its line', async () => {
    const { model, optimizer } = setup();
    let out = '';
    const stream = { isTTY: true, columns: 100, write: (t: string) => ((out += t), true) };
    await fit(model, { train: blobs(9), loss: 'crossEntropy', optimizer, epochs: 2, batchSize: 3, callbacks: [new Progress({ stream })] });
    assert.match(out, /epoch 1\/2 \[/); // the bar's format
    assert.match(out, /\| loss \d\.\d{4} \|/);
    // The bar is cleared (ESC[2K) and the epoch's plain line written in its place.
    assert.equal(out.match(/\u001b\[2Kepoch 2\/2 - loss \d\.\d{4} - lr 0\.1000 - \d+\.\d\ds\n/g)?.length, 1);
  });

  it('SchedulerCallback steps per epoch and per batch, and logs the lr each epoch used', async () => {
    const perEpoch = setup(1);
    const h1 = await fit(perEpoch.model, {
      train: blobs(6),
      loss: 'crossEntropy',
      optimizer: perEpoch.optimizer,
      epochs: 4,
      batchSize: 3,
      callbacks: [new SchedulerCallback(new StepLR(perEpoch.optimizer, 2, { gamma: 0.5 }))],
    });
    assert.deepEqual(h1.series('lr'), [1, 1, 0.5, 0.5]);
    const perBatch = setup(1);
    const sched = new StepLR(perBatch.optimizer, 1, { gamma: 0.5 });
    const h2 = await fit(perBatch.model, {
      train: blobs(6),
      loss: 'crossEntropy',
      optimizer: perBatch.optimizer,
      epochs: 2,
      batchSize: 3, // 2 batches per epoch
      callbacks: [new SchedulerCallback(sched, { interval: 'batch' })],
    });
    assert.equal(sched.lastStep, 4);
    assert.deepEqual(h2.series('lr'), [0.5, 0.125]); // the lr of each epoch's last batch
  });

  it('ReduceLROnPlateau receives the monitored value', async () => {
    const { model, optimizer } = setup(1);
    let epoch = 0;
    const flat: Metric = { name: 'score', mode: 'min', reset() {}, update() {}, compute: () => [5, 4, 4, 4, 4][epoch++]! };
    const plateau = new ReduceLROnPlateau(optimizer, { patience: 1, factor: 0.1 });
    const cb = new SchedulerCallback(plateau, { monitor: 'score' });
    const history = await fit(model, { train: blobs(6), loss: 'crossEntropy', optimizer, epochs: 5, batchSize: 6, metrics: [flat], callbacks: [cb] });
    // best 4 at epoch 2; epochs 3, 4 are bad; more than patience 1 bad epochs reduces after epoch 4.
    assert.deepEqual(history.series('lr').map((x) => Number(x.toPrecision(6))), [1, 1, 1, 1, 0.1]);
    assert.equal(plateau.best, 4);
    assert.throws(() => new SchedulerCallback(plateau, { interval: 'batch' }), /interval "epoch"/);
  });
});

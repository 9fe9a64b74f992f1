import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { SGD } from '../../src/optim/index.js';
import { manualSeed } from '../../src/tensor/index.js';
import type { Metric } from '../../src/train/index.js';
import { EarlyStopping, TrainEvents, fit } from '../../src/train/index.js';
import { blobs, smallMlp, weights } from './helpers.js';

/** A metric that reports a scripted value at the end of each epoch. */
function scripted(values: readonly number[], name = 'score'): Metric {
  let epoch = 0;
  return { name, reset() {}, update() {}, compute: () => values[epoch++]! };
}

async function run(values: readonly number[], stopper: EarlyStopping, epochs = values.length) {
  manualSeed(1);
  const model = smallMlp();
  const events = new TrainEvents();
  const snapshots: number[][][] = [];
  let reason = '';
  events.on('epochEnd', () => snapshots.push(weights(model)));
  events.on('trainEnd', (e) => (reason = e.reason));
  const history = await fit(model, {
    train: blobs(12),
    loss: 'crossEntropy',
    optimizer: new SGD(model.parameters(), { lr: 0.1 }),
    epochs,
    batchSize: 6,
    metrics: [scripted(values)],
    callbacks: [stopper],
    seed: 1,
    events,
  });
  return { history, snapshots, final: weights(model), reason };
}

describe('EarlyStopping', () => {
  it('stops `patience` epochs after the last improvement (min mode)', async () => {
    // best 3 at epoch 3; epochs 4 and 5 do not improve; patience 2 stops at the end of epoch 5.
    const stopper = new EarlyStopping({ monitor: 'score', mode: 'min', patience: 2 });
    const r = await run([5, 4, 3, 3.5, 3.2, 1, 1], stopper);
    assert.equal(r.history.epochs.length, 5);
    assert.equal(stopper.stoppedEpoch, 5);
    assert.equal(stopper.bestEpoch, 3);
    assert.equal(stopper.best, 3);
    assert.equal(r.reason, 'stopped');
    assert.deepEqual(r.final, r.snapshots[4]); // without restoreBestWeights the last weights stay
  });

  it('restores the weights of the best epoch', async () => {
    const stopper = new EarlyStopping({ monitor: 'score', patience: 1, restoreBestWeights: true, mode: 'max' });
    const r = await run([0.2, 0.6, 0.5, 0.9], stopper);
    assert.equal(r.history.epochs.length, 3);
    assert.equal(stopper.bestEpoch, 2);
    assert.deepEqual(r.final, r.snapshots[1]);
    assert.notDeepEqual(r.final, r.snapshots[2]);
  });

  it('counts changes below minDelta as no improvement; auto mode maximizes accuracies', async () => {
    const stopper = new EarlyStopping({ monitor: 'score', mode: 'min', patience: 2, minDelta: 0.5 });
    const r = await run([5, 4.8, 4.7, 1], stopper);
    assert.equal(r.history.epochs.length, 3);
    assert.equal(stopper.bestEpoch, 1);
    const auto = new EarlyStopping({ monitor: 'val_accuracy' });
    assert.equal(auto.mode, 'auto');
    const accuracyRun = new EarlyStopping({ monitor: 'acc' });
    const r2 = await run([0.1, 0.2, 0.3], accuracyRun).catch((e: unknown) => e);
    assert.ok(r2 instanceof ConfigError && /'acc' is not in the epoch logs/.test(r2.message));
  });

  it('runs every epoch when the value keeps improving, and resets between fits', async () => {
    const stopper = new EarlyStopping({ monitor: 'score', mode: 'min' });
    const r = await run([3, 2, 1], stopper);
    assert.equal(r.history.epochs.length, 3);
    assert.equal(r.reason, 'completed');
    assert.equal(stopper.stoppedEpoch, 0);
    const again = await run([9, 10, 11], stopper);
    assert.equal(again.history.epochs.length, 2); // patience 0: stops after the first miss
    assert.equal(stopper.best, 9);
    assert.throws(() => new EarlyStopping({ patience: -1 }), ConfigError);
  });
});

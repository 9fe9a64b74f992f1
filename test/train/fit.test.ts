import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataLoader } from '../../src/data/data-loader.js';
import { ConfigError } from '../../src/errors/index.js';
import { crossEntropy } from '../../src/nn/losses/index.js';
import { Adam, SGD } from '../../src/optim/index.js';
import { manualSeed } from '../../src/tensor/index.js';
import { Accuracy, TrainEvents, evaluate, fit } from '../../src/train/index.js';
import { blobs, smallMlp, weights, withoutSeconds } from './helpers.js';

describe('fit', () => {
  it('reduces the loss on three blobs and reaches high accuracy', async () => {
    manualSeed(1);
    const model = smallMlp();
    const data = blobs(96);
    const before = evaluate(model, data, { loss: 'crossEntropy', metrics: ['accuracy'] });
    const history = await fit(model, {
      train: data,
      loss: 'crossEntropy',
      optimizer: new Adam(model.parameters(), { lr: 0.05 }),
      epochs: 8,
      batchSize: 16,
      metrics: ['accuracy'],
      seed: 1,
    });
    const loss = history.series('loss');
    assert.equal(history.epochs.length, 8);
    assert.ok(loss[7]! < loss[0]! * 0.5, `loss ${loss[0]} -> ${loss[7]}`);
    assert.ok(history.last!['accuracy']! >= 0.95, `train accuracy ${history.last!['accuracy']}`);
    const after = evaluate(model, data, { loss: crossEntropy, metrics: ['accuracy'], batchSize: 50 });
    assert.ok(after['loss']! < before['loss']!);
    assert.ok(after['accuracy']! >= 0.95);
    for (const e of history.epochs) {
      assert.equal(e.lr, 0.05);
      assert.ok(e.seconds >= 0);
    }
    assert.deepEqual(history.series('epoch'), [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('evaluate averages the loss by sample over uneven batches, in eval mode, leaving the mode as it was', () => {
    manualSeed(2);
    const model = smallMlp(0.5);
    const data = blobs(10);
    const modes: boolean[] = [];
    model.registerForwardHook((m) => void modes.push(m.training));
    const whole = evaluate(model, data, { loss: 'crossEntropy', batchSize: 10 });
    const split = evaluate(model, data, { loss: 'crossEntropy', batchSize: 4 }); // batches 4, 4, 2
    assert.ok(Math.abs(whole['loss']! - split['loss']!) < 1e-6);
    assert.ok(modes.every((m) => !m));
    assert.equal(model.training, true);
    // Accuracy against argmax computed by hand.
    const out = model.eval().call(data.inputs).values();
    const labels = data.targets.values();
    let correct = 0;
    for (let i = 0; i < 10; i++) {
      const row = [out[3 * i]!, out[3 * i + 1]!, out[3 * i + 2]!];
      if (row.indexOf(Math.max(...row)) === labels[i]) correct++;
    }
    model.train();
    assert.equal(evaluate(model, data, { metrics: [new Accuracy()] })['accuracy'], correct / 10);
  });

  it('validationSplit holds out a fixed seeded fraction and logs val_ values', async () => {
    const run = async (seed: number) => {
      manualSeed(3);
      const model = smallMlp();
      const seen: number[] = [];
      const events = new TrainEvents();
      events.on('trainBegin', (e) => seen.push(e.trainSamples, e.validationSamples, e.stepsPerEpoch));
      const history = await fit(model, {
        train: blobs(50),
        validationSplit: 0.2,
        loss: 'crossEntropy',
        optimizer: new SGD(model.parameters(), { lr: 0.1 }),
        epochs: 2,
        batchSize: 8,
        metrics: ['accuracy'],
        seed,
        events,
      });
      return { seen, history };
    };
    const a = await run(5);
    assert.deepEqual(a.seen, [40, 10, 5]);
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) assert.ok(Number.isFinite(a.history.last![key]), key);
    const tenths = a.history.last!['val_accuracy']! * 10;
    assert.ok(Math.abs(tenths - Math.round(tenths)) < 1e-9); // a count out of 10 samples
    const b = await run(5);
    assert.deepEqual(withoutSeconds(b.history.epochs), withoutSeconds(a.history.epochs));
    await assert.rejects(
      fit(smallMlp(), { train: blobs(10), validationSplit: 1.5, loss: 'crossEntropy', optimizer: new SGD(smallMlp().parameters()) }),
      ConfigError,
    );
    await assert.rejects(
      fit(smallMlp(), {
        train: new DataLoader(blobs(10)),
        validationSplit: 0.2,
        loss: 'crossEntropy',
        optimizer: new SGD(smallMlp().parameters()),
      }),
      /validationSplit needs a Dataset/,
    );
  });

  it('is deterministic: the same seed gives identical weights and history', async () => {
    const run = async () => {
      manualSeed(9); // the model's initial weights
      const model = smallMlp(0.3);
      const history = await fit(model, {
        train: blobs(40),
        validation: blobs(12, 99),
        loss: 'crossEntropy',
        optimizer: new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 }),
        epochs: 3,
        batchSize: 8,
        metrics: ['accuracy'],
        seed: 4,
      });
      return { w: weights(model), h: withoutSeconds(history.epochs) };
    };
    const a = await run();
    const b = await run();
    assert.deepEqual(b.w, a.w);
    assert.deepEqual(b.h, a.h);
    assert.ok(a.h.every((e) => Number.isFinite(e['val_loss'])));
  });

  it('sends typed events in order with the right payloads', async () => {
    manualSeed(1);
    const model = smallMlp();
    const events = new TrainEvents();
    const log: string[] = [];
    let lastStep = 0;
    const losses: number[] = [];
    events.on('trainBegin', (e) => log.push(`trainBegin ${e.epochs} ${e.startEpoch} ${e.stepsPerEpoch} ${e.trainSamples}`));
    events.on('epochBegin', (e) => log.push(`epochBegin ${e.epoch}/${e.epochs}`));
    events.on('batchEnd', (e) => {
      log.push(`batchEnd ${e.epoch}.${e.batch}/${e.batches} size ${e.size}`);
      assert.equal(e.step, lastStep + 1);
      lastStep = e.step;
      assert.ok(Number.isFinite(e.loss) && e.samplesPerSecond > 0);
      losses.push(e.loss * e.size);
    });
    events.on('epochEnd', (e) => {
      log.push(`epochEnd ${e.epoch}`);
      // The epoch loss is the sample-weighted mean of its batch losses.
      const sum = losses.splice(0).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(e.logs.loss - sum / 10) < 1e-9);
    });
    events.on('trainEnd', (e) => log.push(`trainEnd ${e.reason} ${e.history.epochs.length}`));
    const unsubscribed: number[] = [];
    const off = events.on('batchEnd', () => unsubscribed.push(1));
    off();
    await fit(model, { train: blobs(10), loss: 'crossEntropy', optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2, batchSize: 4, events });
    assert.deepEqual(log, [
      'trainBegin 2 1 3 10',
      'epochBegin 1/2',
      'batchEnd 1.0/3 size 4',
      'batchEnd 1.1/3 size 4',
      'batchEnd 1.2/3 size 2',
      'epochEnd 1',
      'epochBegin 2/2',
      'batchEnd 2.0/3 size 4',
      'batchEnd 2.1/3 size 4',
      'batchEnd 2.2/3 size 2',
      'epochEnd 2',
      'trainEnd completed 2',
    ]);
    assert.equal(lastStep, 6);
    assert.deepEqual(unsubscribed, []);
  });

  it('rejects an unknown loss name, a non-scalar loss and bad options', async () => {
    const model = smallMlp();
    const optimizer = new SGD(model.parameters());
    await assert.rejects(fit(model, { train: blobs(6), loss: 'nope', optimizer }), /unknown loss 'nope'/);
    await assert.rejects(fit(model, { train: blobs(6), loss: (o) => o, optimizer }), /scalar/);
    await assert.rejects(fit(model, { train: blobs(6), loss: 'crossEntropy', optimizer, epochs: -1 }), ConfigError);
    await assert.rejects(fit(model, { train: blobs(6), loss: 'crossEntropy', optimizer, metrics: ['accuracy', 'accuracy'] }), /used twice/);
  });
});

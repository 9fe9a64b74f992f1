import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FormatError } from '../../src/errors/index.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { Adam, SGD, StepLR } from '../../src/optim/index.js';
import { Tensor, manualSeed, tensor } from '../../src/tensor/index.js';
import type { Checkpoint } from '../../src/train/index.js';
import {
  EarlyStopping,
  ModelCheckpoint,
  SchedulerCallback,
  decodeCheckpoint,
  encodeCheckpoint,
  fit,
  loadCheckpoint,
} from '../../src/train/index.js';
import { blobs, smallMlp, weights, withoutSeconds } from './helpers.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptrace-train-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkpoints', () => {
  it('ModelCheckpoint writes best and last files that load back into the model', async () => {
    manualSeed(1);
    const model = smallMlp();
    const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const ckpt = new ModelCheckpoint({ directory: join(dir, 'run1'), monitor: 'val_loss' });
    const history = await fit(model, {
      train: blobs(30),
      validation: blobs(9, 3),
      loss: 'crossEntropy',
      optimizer,
      epochs: 3,
      batchSize: 10,
      callbacks: [ckpt],
      seed: 2,
    });
    const files = (await readdir(join(dir, 'run1'))).sort();
    assert.deepEqual(files, ['best.safetensors', 'last.safetensors']); // no temp files left behind
    const last = await loadCheckpoint(ckpt.lastPath);
    assert.equal(last.epoch, 3);
    assert.equal(last.step, 9);
    assert.deepEqual(withoutSeconds(last.history), withoutSeconds(history.epochs));
    assert.deepEqual(last.history.map((h) => h.seconds), history.series('seconds'));
    // The weights in `last` are the final weights; load them into a fresh model.
    const fresh = smallMlp();
    fresh.loadStateDict(last.model);
    assert.deepEqual(weights(fresh), weights(model));
    // Momentum buffers travel too.
    assert.deepEqual(Object.keys(last.optimizer.state).length, model.parameters().length);
    // `best` is the epoch with the lowest val_loss.
    const valLoss = history.series('val_loss');
    const bestEpoch = valLoss.indexOf(Math.min(...valLoss)) + 1;
    const best = await loadCheckpoint(ckpt.bestPath);
    assert.equal(best.epoch, bestEpoch);
    assert.equal(ckpt.bestEpoch, bestEpoch);
    assert.equal(best.history.length, bestEpoch);
  });

  it('encodes and decodes every part, including non-finite numbers', () => {
    manualSeed(3);
    const model = smallMlp();
    const cp: Checkpoint = {
      epoch: 2,
      step: 7,
      model: model.stateDict(),
      optimizer: { state: { 0: { step: 3, m: tensor([1, 2]) }, 2: { step: 3 } }, groups: [{ lr: 0.5, betas: [0.9, 0.99], amsgrad: false }] },
      loader: { epoch: 2, batch: 0, generator: [1, 2, 3, 4294967295] },
      generator: [5, 6, 7, 8],
      callbacks: { EarlyStopping: { values: { best: Number.POSITIVE_INFINITY, wait: 1, nan: Number.NaN }, tensors: { w: tensor([3]) } } },
      history: [{ epoch: 1, loss: 0.5, lr: 0.5, seconds: 0.1, accuracy: Number.NaN }],
    };
    const back = decodeCheckpoint(encodeCheckpoint(cp));
    assert.equal(back.epoch, 2);
    assert.equal(back.step, 7);
    assert.deepEqual(Object.keys(back.model).sort(), Object.keys(cp.model).sort());
    const m = back.optimizer.state[0]!['m'];
    assert.ok(m instanceof Tensor);
    assert.deepEqual(Array.from(m.values()), [1, 2]);
    assert.equal(back.optimizer.state[0]!['step'], 3);
    assert.deepEqual(back.optimizer.state[2], { step: 3 });
    assert.deepEqual(back.optimizer.groups, cp.optimizer.groups);
    assert.deepEqual(back.loader, cp.loader);
    assert.deepEqual(back.generator, [5, 6, 7, 8]);
    assert.deepEqual(back.callbacks['EarlyStopping']!.values, { best: Number.POSITIVE_INFINITY, wait: 1, nan: Number.NaN });
    assert.deepEqual(Array.from(back.callbacks['EarlyStopping']!.tensors!['w']!.values()), [3]);
    assert.ok(Number.isNaN(back.history[0]!['accuracy']));
  });

  it('refuses files that are not checkpoints', async () => {
    assert.throws(() => decodeCheckpoint(encodeSafetensors({ w: tensor([1]) })), FormatError);
    assert.throws(() => decodeCheckpoint(encodeSafetensors({}, { 'deeptrace.checkpoint': '{"version":1,"epoch":-1}' })), /epoch and step/);
    assert.throws(() => decodeCheckpoint(encodeSafetensors({}, { 'deeptrace.checkpoint': 'not json' })), /not valid JSON/);
    const path = join(dir, 'truncated.safetensors');
    await writeFile(path, encodeSafetensors({ w: tensor([1, 2, 3]) }).subarray(0, 20));
    await assert.rejects(loadCheckpoint(path), FormatError);
  });

  it('resuming 2 + 2 epochs gives bit-for-bit the weights and history of 4 straight', async () => {
    // Shuffling, dropout (default generator), Adam state, a per-batch schedule and early stopping
    // counters all have to be restored for the weights to match exactly.
    const setup = () => {
      manualSeed(11);
      const model = smallMlp(0.25);
      const optimizer = new Adam(model.parameters(), { lr: 0.02 });
      const scheduler = new StepLR(optimizer, 3, { gamma: 0.7 });
      return { model, optimizer, scheduler };
    };
    const options = { train: blobs(45), validationSplit: 0.2, loss: 'crossEntropy', batchSize: 8, metrics: ['accuracy' as const], seed: 21 };

    const straight = setup();
    const full = await fit(straight.model, {
      ...options,
      optimizer: straight.optimizer,
      epochs: 4,
      callbacks: [new SchedulerCallback(straight.scheduler, { interval: 'batch' }), new EarlyStopping({ patience: 10 })],
    });

    const first = setup();
    const ckpt = new ModelCheckpoint({ directory: join(dir, 'resume') });
    await fit(first.model, {
      ...options,
      optimizer: first.optimizer,
      epochs: 2,
      callbacks: [ckpt, new SchedulerCallback(first.scheduler, { interval: 'batch' }), new EarlyStopping({ patience: 10 })],
    });
    assert.notDeepEqual(weights(first.model), weights(straight.model));

    const second = setup(); // fresh objects, as in a new process
    manualSeed(12345); // whatever the generator holds now is overwritten by the checkpoint
    const resumed = await fit(second.model, {
      ...options,
      optimizer: second.optimizer,
      epochs: 4,
      resumeFrom: ckpt.lastPath,
      callbacks: [new SchedulerCallback(second.scheduler, { interval: 'batch' }), new EarlyStopping({ patience: 10 })],
    });
    assert.deepEqual(weights(second.model), weights(straight.model));
    assert.deepEqual(withoutSeconds(resumed.epochs), withoutSeconds(full.epochs));
    assert.equal(second.optimizer.paramGroups[0]!.options.lr, straight.optimizer.paramGroups[0]!.options.lr);
    assert.equal(second.scheduler.lastStep, straight.scheduler.lastStep);
  });
});

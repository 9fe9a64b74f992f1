import type { DataLoader } from '../data/data-loader.js';
import type { Dataset } from '../data/dataset.js';
import { ConfigError } from '../errors/index.js';
import type { Module } from '../nn/module.js';
import type { Optimizer } from '../optim/optimizer.js';
import { defaultGenerator, manualSeed } from '../tensor/index.js';
import type { Tensor } from '../tensor/index.js';
import type { Callback, TrainContext } from './callback.js';
import { callbackKeys, sortCallbacks } from './callback.js';
import type { CallbackState, Checkpoint } from './checkpoint.js';
import { loadCheckpoint } from './checkpoint.js';
import { runEvaluation } from './evaluate.js';
import type { BatchEndEvent, TrainEvents } from './events.js';
import { buildLoaders } from './fit-data.js';
import type { EpochLogs } from './history.js';
import { History } from './history.js';
import type { LossSpec } from './loss.js';
import { checkScalarLoss, resolveLoss } from './loss.js';
import type { MetricSpec } from './metrics.js';
import { resolveMetrics } from './metrics.js';
import { checkGradients, lossError } from './numeric-check.js';

export interface FitOptions {
  /** Training data: a Dataset (batched by fit) or a DataLoader (used as is). */
  readonly train: Dataset | DataLoader;
  /** Validation data, evaluated after every epoch in eval mode under noGrad. @default none */
  readonly validation?: Dataset | DataLoader;
  /** Hold out this fraction of `train` (a fixed, seeded random subset) for validation. @default none */
  readonly validationSplit?: number;
  /** (output, target) => scalar loss, or a name from the `losses` lookup (`'crossEntropy'`). */
  readonly loss: LossSpec;
  readonly optimizer: Optimizer;
  /** Total epochs; a resumed run continues until this many are done. @default 1 */
  readonly epochs?: number;
  /** Batch size when `train`/`validation` are Datasets. @default 32 */
  readonly batchSize?: number;
  /** Shuffle the training set every epoch (when `train` is a Dataset). @default true */
  readonly shuffle?: boolean;
  /** Metrics computed from each batch's output: 'accuracy', 'mae', 'mse' or Metric objects. @default [] */
  readonly metrics?: readonly MetricSpec[];
  /** @default [] */
  readonly callbacks?: readonly Callback[];
  /**
   * Seeds the default generator (dropout, ...) with `manualSeed(seed)`, the training loader's
   * shuffling and the validation split, so a run is reproducible on the same backend.
   * @default undefined (the generators as they stand)
   */
  readonly seed?: number;
  /** Emitter that receives trainBegin, epochBegin, batchEnd, epochEnd and trainEnd. @default none */
  readonly events?: TrainEvents;
  /** A checkpoint (path or loaded) to continue from: weights, optimizer, RNG, loader, callbacks, history. @default none */
  readonly resumeFrom?: string | Checkpoint;
  /** Stop with a NumericError when the loss or a gradient holds NaN or Inf. @default true */
  readonly checkNumerics?: boolean;
}

const now = (): number => performance.now();

/**
 * Trains `model` for `epochs` epochs and returns the per-epoch history (loss and metrics on the
 * training batches, `val_*` on the validation set, learning rate and seconds).
 *
 * Each step: forward in train mode, loss, backward, a NaN/Inf check of the loss and of every
 * gradient (NumericError naming the step, the parameter and the tensor), optimizer step, and
 * metrics from the same output. After each epoch the validation set runs in eval mode under
 * noGrad, then callbacks act (schedulers, early stopping, checkpoints, progress, logs).
 * @example
 * const history = await fit(model, { train, validationSplit: 0.2, loss: 'crossEntropy',
 *   optimizer: new Adam(model.parameters()), epochs: 10, metrics: ['accuracy'], seed: 1 });
 */
export async function fit(model: Module<[Tensor], Tensor>, options: FitOptions): Promise<History> {
  const epochs = options.epochs ?? 1;
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(epochs) || epochs < 0) throw new ConfigError(`fit: epochs must be an integer >= 0, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ConfigError(`fit: batchSize must be an integer >= 1, got ${batchSize}`);
  const optimizer = options.optimizer;
  if (optimizer === undefined || typeof optimizer.step !== 'function') throw new ConfigError('fit: options.optimizer is required');
  if (options.seed !== undefined) manualSeed(options.seed);
  const loaders = buildLoaders({
    train: options.train,
    batchSize,
    shuffle: options.shuffle ?? true,
    seed: options.seed,
    ...(options.validation === undefined ? {} : { validation: options.validation }),
    ...(options.validationSplit === undefined ? {} : { validationSplit: options.validationSplit }),
  });
  const loader = loaders.train;
  const lossFn = resolveLoss('fit', options.loss);
  const metrics = resolveMetrics(options.metrics ?? []);
  const callbacks = sortCallbacks(options.callbacks ?? []);
  const keys = callbackKeys(callbacks);
  const events = options.events;
  const checkNumerics = options.checkNumerics ?? true;
  const named = model.namedParameters();

  let history = new History();
  let startEpoch = 1;
  let step = 0;
  if (options.resumeFrom !== undefined) {
    const cp = typeof options.resumeFrom === 'string' ? await loadCheckpoint(options.resumeFrom) : options.resumeFrom;
    model.loadStateDict(cp.model);
    optimizer.loadStateDict(cp.optimizer);
    loader.loadState(cp.loader);
    defaultGenerator.setState(cp.generator);
    for (const [cb, key] of keys) {
      const state = cp.callbacks[key];
      if (state !== undefined) cb.loadStateDict?.(state);
    }
    history = new History(cp.history);
    startEpoch = cp.epoch + 1;
    step = cp.step;
  }

  const ctx: TrainContext = {
    model,
    optimizer,
    history,
    epochs,
    epoch: startEpoch - 1,
    step,
    hasValidation: loaders.validation !== null,
    loader,
    stopTraining: false,
    checkpoint(): Checkpoint {
      const states: Record<string, CallbackState> = {};
      for (const [cb, key] of keys) states[key] = cb.stateDict!();
      return {
        epoch: this.epoch,
        step: this.step,
        model: model.stateDict(),
        optimizer: optimizer.stateDict(),
        loader: loader.state(),
        generator: defaultGenerator.getState(),
        callbacks: states,
        history: [...history.epochs],
      };
    },
  };
  // The context is read-only for callbacks; fit alone advances epoch and step.
  const advance = (fields: { epoch?: number; step?: number }): void => void Object.assign(ctx, fields);

  const wasTraining = model.training;
  const batches = loader.length;
  events?.emit('trainBegin', {
    epochs,
    startEpoch,
    stepsPerEpoch: batches,
    trainSamples: loader.dataset.length,
    validationSamples: loaders.validation?.dataset.length ?? 0,
  });
  try {
    for (const cb of callbacks) await cb.onTrainBegin?.(ctx);
    for (let epoch = startEpoch; epoch <= epochs && !ctx.stopTraining; epoch++) {
      advance({ epoch });
      model.train();
      events?.emit('epochBegin', { epoch, epochs });
      for (const cb of callbacks) await cb.onEpochBegin?.(ctx, epoch);
      for (const m of metrics) m.reset();
      const start = now();
      let lossSum = 0;
      let samples = 0;
      let batch = 0;
      let lr = optimizer.paramGroups[0]!.options.lr;
      for (const { input, target } of loader) {
        const output = model.call(input);
        const loss = lossFn(output, target);
        checkScalarLoss('fit', loss);
        const value = loss.item();
        step++;
        const at = { epoch, batch, step };
        if (checkNumerics && !Number.isFinite(value)) throw lossError(value, model, named, input, at);
        // Gradients stay in the same arrays from step to step (in wasm memory on the wasm backend).
        optimizer.zeroGrad({ setToNone: false });
        loss.backward();
        if (checkNumerics) checkGradients(named, at);
        lr = optimizer.paramGroups[0]!.options.lr;
        optimizer.step();
        for (const m of metrics) m.update(output, target);
        const size = input.ndim === 0 ? 1 : input.shape[0]!;
        lossSum += value * size;
        samples += size;
        advance({ step });
        if (events !== undefined || callbacks.length > 0) {
          const payload: BatchEndEvent = { epoch, batch, batches, step, size, loss: value, samplesPerSecond: (samples * 1000) / Math.max(now() - start, 1e-3) };
          events?.emit('batchEnd', payload);
          for (const cb of callbacks) if (cb.onBatchEnd !== undefined) await cb.onBatchEnd(ctx, payload);
        }
        batch++;
      }
      const logs: Record<string, number> = { epoch, loss: lossSum / samples };
      for (const m of metrics) logs[m.name] = m.compute();
      if (loaders.validation !== null) {
        const val = runEvaluation(model, loaders.validation, lossFn, metrics);
        logs['val_loss'] = val.loss!;
        for (const [name, v] of Object.entries(val.metrics)) logs[`val_${name}`] = v;
      }
      logs['lr'] = lr;
      logs['seconds'] = (now() - start) / 1000;
      const record = logs as EpochLogs;
      history.epochs.push(record);
      events?.emit('epochEnd', { epoch, epochs, logs: record });
      for (const cb of callbacks) await cb.onEpochEnd?.(ctx, record);
    }
    for (const cb of callbacks) await cb.onTrainEnd?.(ctx);
  } finally {
    model.train(wasTraining);
  }
  events?.emit('trainEnd', { history, reason: ctx.stopTraining ? 'stopped' : 'completed' });
  return history;
}

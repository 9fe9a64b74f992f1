import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { setBackend } from '../backend/index.js';
import type { Optimizer } from '../optim/index.js';
import { CosineWarmupLR, StepLR } from '../optim/index.js';
import { saveModelFile } from '../io/index.js';
import { manualSeed } from '../tensor/index.js';
import type { Callback, EpochLogs, ProgressStream } from '../train/index.js';
import { EarlyStopping, JsonlLogger, Progress, SchedulerCallback, evaluate, fit } from '../train/index.js';
import { loadDataSource } from './data-source.js';
import { buildModel } from './model-spec.js';
import { makeOptimizer } from './optimizer-spec.js';
import type { TrainConfig } from './train-config.js';

/** What `deeptrace train --json` prints last. */
export interface TrainSummary {
  readonly data: string;
  readonly model: string;
  readonly backend: string | undefined;
  readonly parameters: number;
  readonly epochs: number;
  readonly trainSamples: number;
  readonly testAccuracy: number;
  readonly testLoss: number;
  readonly trainSeconds: number;
  readonly samplesPerSecond: number;
  readonly modelPath: string;
  readonly history: readonly EpochLogs[];
}

function schedulerFor(config: TrainConfig, optimizer: Optimizer, stepsPerEpoch: number): Callback | undefined {
  if (config.schedule === 'cosine') {
    const totalSteps = config.epochs * stepsPerEpoch;
    // One epoch of warm-up at most, and never all of the run (a 1-epoch run would have no steps left).
    const scheduler = new CosineWarmupLR(optimizer, { totalSteps, warmupSteps: Math.min(stepsPerEpoch, 100, totalSteps - 1) });
    return new SchedulerCallback(scheduler, { interval: 'batch' });
  }
  if (config.schedule === 'step') return new SchedulerCallback(new StepLR(optimizer, Math.max(1, Math.floor(config.epochs / 3))));
  return undefined;
}

/**
 * The model file `--out` names: the path itself, or `model.safetensors` inside it when it is an
 * existing directory or ends with a separator (decided before training, so a finished run is
 * never lost to a path that cannot be written as a file).
 */
export function modelPathFor(out: string): string {
  const isDirectory = out.endsWith('/') || out.endsWith(sep) || (statSync(out, { throwIfNoEntry: false })?.isDirectory() ?? false);
  return isDirectory ? join(out, 'model.safetensors') : out;
}

/** Trains a model as configured, evaluates it on the test part, and saves it. */
export async function runTrainJob(config: TrainConfig, progress: ProgressStream): Promise<TrainSummary> {
  const out = modelPathFor(config.out);
  if (config.backend !== undefined) setBackend(config.backend);
  manualSeed(config.seed);
  const source = loadDataSource(config.data, {
    ...(config.dataDir === undefined ? {} : { dir: config.dataDir }),
    ...(config.limit === undefined ? {} : { limit: config.limit }),
    ...(config.labelColumn === undefined ? {} : { labelColumn: config.labelColumn }),
    seed: config.seed,
  });
  const model = buildModel(config.model, source.inputShape, source.numClasses, {
    ...(config.hidden === undefined ? {} : { hidden: config.hidden }),
    ...(config.dropout === undefined ? {} : { dropout: config.dropout }),
  });
  const optimizer = makeOptimizer(config.optimizer, model.parameters(), config.lr, config.weightDecay ?? 0);
  const trainSamples = Math.round(source.train.length * (1 - config.validationSplit));
  const callbacks: Callback[] = [new Progress({ stream: progress })];
  const scheduler = schedulerFor(config, optimizer, Math.ceil(trainSamples / config.batchSize));
  if (scheduler !== undefined) callbacks.push(scheduler);
  if (config.patience !== undefined && config.validationSplit > 0) {
    callbacks.push(new EarlyStopping({ monitor: 'val_loss', patience: config.patience, restoreBestWeights: true }));
  }
  if (config.log !== undefined) callbacks.push(new JsonlLogger({ path: config.log }));

  const started = performance.now();
  const history = await fit(model, {
    train: source.train,
    ...(config.validationSplit > 0 ? { validationSplit: config.validationSplit } : {}),
    loss: 'crossEntropy',
    optimizer,
    epochs: config.epochs,
    batchSize: config.batchSize,
    metrics: ['accuracy'],
    callbacks,
    seed: config.seed,
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const test = evaluate(model, source.test, { loss: 'crossEntropy', metrics: ['accuracy'], batchSize: 256 });
  mkdirSync(dirname(out), { recursive: true });
  await saveModelFile(out, {
    stateDict: model.stateDict(),
    architecture: model.toConfig(),
    metadata: { data: source.name, inputShape: JSON.stringify(source.inputShape), classes: String(source.numClasses) },
  });
  const epochsRun = history.epochs.length;
  return {
    data: source.name,
    model: config.model,
    backend: config.backend,
    parameters: model.parameterCount(),
    epochs: epochsRun,
    trainSamples,
    testAccuracy: test['accuracy'] ?? Number.NaN,
    testLoss: test['loss'] ?? Number.NaN,
    trainSeconds,
    samplesPerSecond: (trainSamples * epochsRun) / trainSeconds,
    modelPath: out,
    history: history.toJSON(),
  };
}

/** Where checkpoints of a run go: beside the model file. */
export function runDirectory(out: string): string {
  return join(dirname(out), 'checkpoints');
}

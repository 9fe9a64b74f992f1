import { ConfigError } from '../../errors/index.js';
import { cnn, mlp } from '../../nn/models.js';
import type { Sequential } from '../../nn/sequential.js';
import { Generator } from '../../tensor/random.js';
import type { PartitionSpec } from '../partition/index.js';
import { parsePartitionSpec } from '../partition/index.js';
import type { SimulationData } from './client-data.js';
import { loadSimulationDataset } from './datasets.js';
import type { FaultOptions } from './faults.js';
import { deriveSeed, SeedPurpose } from './seeds.js';
import type { RoundSummary, SimulationResult } from './simulate.js';
import { simulate } from './simulate.js';
import { strategyFromName } from './strategy-spec.js';

/** Everything `deeptrace federate simulate` can set; each field documents its default. */
export interface SimulationJobOptions {
  /** 'fashion-mnist' or 'digits'. @default 'fashion-mnist' */
  readonly data?: string;
  /** Directory of the Fashion-MNIST files. @default the installed data set */
  readonly dataDir?: string;
  /** Use the first n training samples (and at most n test samples). @default all */
  readonly limit?: number;
  /** 'mlp' or 'cnn'. @default 'mlp' */
  readonly model?: string;
  /** MLP hidden widths. @default [200, 200] (McMahan et al. 2017's "2NN") */
  readonly hidden?: readonly number[];
  /** @default 10 */
  readonly clients?: number;
  /** Fraction of clients sampled per round. @default 1 */
  readonly fraction?: number;
  /** @default 10 */
  readonly rounds?: number;
  /** A name from `strategyNames`. @default 'fedavg' */
  readonly strategy?: string;
  /** 'iid', 'dirichlet:ALPHA', 'shards:K' or 'quantity:ALPHA'. @default 'iid' */
  readonly partition?: string | PartitionSpec;
  /** @default 1 */
  readonly localEpochs?: number;
  /** Client SGD learning rate. @default 0.05 */
  readonly lr?: number;
  /** @default 32 */
  readonly batchSize?: number;
  /** FedProx's μ. @default 0.01 */
  readonly proximalMu?: number;
  /** Krum's f. @default the expected number of attackers among the sampled clients */
  readonly krumF?: number;
  /** Trimmed mean's β. @default 0.2 */
  readonly trimBeta?: number;
  /** Fraction of each client's rows held out for federated evaluation. @default 0.1 */
  readonly localTestFraction?: number;
  /** @default none */
  readonly faults?: FaultOptions;
  /** Worker threads (0: on this thread). @default the available cores */
  readonly workers?: number;
  /** @default 0 */
  readonly seed?: number;
  /** Per-reply timeout in ms: a client slower than this counts as a straggler (failed). @default none */
  readonly timeoutMs?: number;
  readonly onRound?: (summary: RoundSummary) => void | Promise<void>;
  /** Called once the data, partition and model are ready, before round 1. */
  readonly onStart?: (info: SimulationJobInfo) => void;
}

/** The resolved setup of a job, for the first progress line and the history file. */
export interface SimulationJobInfo {
  readonly data: string;
  readonly model: string;
  readonly parameters: number;
  readonly trainSamples: number;
  readonly testSamples: number;
  readonly clients: number;
  readonly rounds: number;
  readonly fraction: number;
  readonly strategy: string;
  readonly partition: PartitionSpec;
  readonly seed: number;
}

/** A model by name for samples of `data`'s shape, initialized from `seed`. */
export function simulationModel(name: string, data: SimulationData, hidden: readonly number[], seed: number): Sequential {
  const generator = new Generator(deriveSeed(seed, SeedPurpose.model));
  const size = data.sampleShape.reduce((a, b) => a * b, 1);
  if (name === 'mlp') return mlp(size, hidden, data.numClasses, { generator });
  if (name === 'cnn') return cnn(data.sampleShape, { classes: data.numClasses, generator });
  throw new ConfigError(`federate simulate: unknown model '${name}'`, { expected: "'mlp' or 'cnn'", got: name });
}

/** Loads the data, builds model and strategy from names, and runs `simulate`. */
export async function runSimulationJob(options: SimulationJobOptions): Promise<{ info: SimulationJobInfo; result: SimulationResult }> {
  const dataName = options.data ?? 'fashion-mnist';
  const modelName = options.model ?? 'mlp';
  const seed = options.seed ?? 0;
  const clients = options.clients ?? 10;
  const rounds = options.rounds ?? 10;
  const fraction = options.fraction ?? 1;
  const strategyName = options.strategy ?? 'fedavg';
  const partition = typeof options.partition === 'string' ? parsePartitionSpec(options.partition) : (options.partition ?? { kind: 'iid' as const });
  const { train, test } = loadSimulationDataset(dataName, {
    layout: modelName === 'cnn' ? 'image' : 'flat',
    ...(options.dataDir === undefined ? {} : { dir: options.dataDir }),
    ...(options.limit === undefined ? {} : { trainLimit: options.limit, testLimit: options.limit }),
  });
  const model = simulationModel(modelName, train, options.hidden ?? [200, 200], seed);
  const faults = options.faults ?? {};
  const attackRate = (faults.signFlipRate ?? 0) + (faults.scaleRate ?? 0) + (faults.noiseRate ?? 0) + (faults.nanRate ?? 0) + (faults.malformedRate ?? 0);
  const sampled = Math.max(Math.floor(fraction * clients), Math.min(2, clients));
  const strategy = strategyFromName(strategyName, {
    clients,
    fraction,
    localEpochs: options.localEpochs ?? 1,
    lr: options.lr ?? 0.05,
    batchSize: options.batchSize ?? 32,
    proximalMu: options.proximalMu ?? 0.01,
    krumF: options.krumF ?? Math.round(attackRate * sampled),
    trimBeta: options.trimBeta ?? 0.2,
  });
  const info: SimulationJobInfo = {
    data: dataName,
    model: modelName === 'mlp' ? `mlp(${[train.sampleShape.reduce((a, b) => a * b, 1), ...(options.hidden ?? [200, 200]), train.numClasses].join('-')})` : `cnn(${train.sampleShape.join('x')})`,
    parameters: model.parameterCount(),
    trainSamples: train.labels.length,
    testSamples: test.labels.length,
    clients,
    rounds,
    fraction,
    strategy: strategy.name,
    partition,
    seed,
  };
  options.onStart?.(info);
  const result = await simulate({
    train,
    test,
    model,
    strategy,
    clients,
    rounds,
    partition,
    seed,
    faults,
    ...(options.localTestFraction === undefined ? {} : { localTestFraction: options.localTestFraction }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.onRound === undefined ? {} : { onRound: options.onRound }),
  });
  return { info, result };
}

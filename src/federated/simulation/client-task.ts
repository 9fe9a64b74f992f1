import { noGrad } from '../../autograd/index.js';
import { layerFromConfig } from '../../nn/from-config.js';
import type { Module } from '../../nn/module.js';
import { crossEntropy } from '../../nn/losses/cross-entropy.js';
import { SGD } from '../../optim/sgd.js';
import { manualSeed } from '../../tensor/random.js';
import { Generator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ClientApp } from '../client/client-app.js';
import type { ArrayRecord, ConfigRecord, Message, ReplyContent } from '../protocol/index.js';
import { arraysFromModule, loadArraysIntoModule } from '../protocol/index.js';
import type { ClientShard, SimulationData } from './client-data.js';
import { gatherBatch } from './client-data.js';
import { deriveSeed, SeedPurpose } from './seeds.js';

/** Everything a simulated client needs; a worker thread receives it once. */
export interface ClientContext {
  readonly data: SimulationData;
  /** Rows of client i, indexed like `clientIds`. */
  readonly shards: readonly ClientShard[];
  readonly clientIds: readonly string[];
  /** The architecture (`model.toConfig()`), rebuilt by `layerFromConfig` for every task. */
  readonly modelConfig: unknown;
  readonly seed: number;
}

type Classifier = Module<[Tensor], Tensor>;

const numberOf = (config: ConfigRecord, key: string, fallback: number): number => {
  const v = config[key];
  return typeof v === 'number' ? v : fallback;
};

/**
 * The ClientApp every simulated client runs: 'train' does `localEpochs` epochs of minibatch SGD
 * (`lr`, `batchSize`, `momentum`; FedProx's proximal term when `proximalMu` > 0) on the
 * client's training rows; 'evaluate' reports loss and accuracy on its held-out rows. The
 * randomness of a task (batch order, dropout) depends only on (seed, round, client), so the
 * result does not depend on which thread runs it.
 */
export function simulatedClientApp(context: ClientContext): ClientApp {
  const indexOf = new Map(context.clientIds.map((id, i) => [id, i]));
  const shardOf = (message: Message): { index: number; shard: ClientShard } => {
    const index = indexOf.get(message.clientId);
    if (index === undefined) throw new Error(`simulated client: unknown client id '${message.clientId}'`);
    return { index, shard: context.shards[index]! };
  };
  const buildModel = (parameters: ArrayRecord, seed: number): Classifier => {
    manualSeed(seed);
    const model = layerFromConfig(context.modelConfig) as unknown as Classifier;
    loadArraysIntoModule(model, parameters);
    return model;
  };
  return new ClientApp()
    .train((message) => {
      const { index, shard } = shardOf(message);
      const seed = deriveSeed(context.seed, SeedPurpose.train, message.round, index);
      return trainLocal(buildModel(message.parameters, seed), context.data, shard.train, message, seed);
    })
    .evaluate((message) => {
      const { index, shard } = shardOf(message);
      const model = buildModel(message.parameters, deriveSeed(context.seed, SeedPurpose.train, message.round, index));
      return evaluateRows(model, context.data, shard.test, numberOf(message.config, 'batchSize', 256));
    });
}

function trainLocal(model: Classifier, data: SimulationData, rows: Int32Array, message: Message, seed: number): ReplyContent {
  const config = message.config;
  const epochs = numberOf(config, 'localEpochs', 1);
  const batchSize = numberOf(config, 'batchSize', 32);
  const mu = numberOf(config, 'proximalMu', 0);
  const optimizer = new SGD(model.parameters(), { lr: numberOf(config, 'lr', 0.05), momentum: numberOf(config, 'momentum', 0) });
  const global = new Map(message.parameters.map((a) => [a.name, a.data]));
  const named = model.namedParameters();
  const gen = new Generator(seed);
  model.train();
  let lossSum = 0;
  let correct = 0;
  let seen = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = gen.permutation(rows.length);
    const shuffled = Int32Array.from(order, (i) => rows[i]!);
    for (let start = 0; start < shuffled.length; start += batchSize) {
      const end = Math.min(shuffled.length, start + batchSize);
      const { input, target } = gatherBatch(data, shuffled, start, end);
      optimizer.zeroGrad();
      const logits = model.call(input);
      const loss = crossEntropy(logits, target);
      loss.backward();
      // FedProx (Li et al. 2020, eq. 2): the gradient of (mu/2)·||w − w_global||² is mu·(w − w_global).
      if (mu > 0) addProximalGradient(named, global, mu);
      optimizer.step();
      lossSum += loss.item() * (end - start);
      correct += countCorrect(logits, target);
      seen += end - start;
    }
  }
  return {
    parameters: arraysFromModule(model),
    numExamples: rows.length,
    metrics: seen === 0 ? {} : { loss: lossSum / seen, accuracy: correct / seen },
  };
}

function addProximalGradient(named: readonly [string, Tensor][], global: ReadonlyMap<string, ArrayLike<number>>, mu: number): void {
  for (const [name, p] of named) {
    const g = global.get(name);
    if (g === undefined || p.grad === null) continue;
    const w = p.values();
    const grad = p.grad.contiguous();
    const gd = grad.storage;
    for (let i = 0, o = grad.offset; i < w.length; i++) gd[o + i] = gd[o + i]! + mu * (w[i]! - g[i]!);
    p.grad = grad;
  }
}

/** Mean cross-entropy and accuracy of `model` on `rows`, in eval mode without gradients. */
export function evaluateRows(model: Classifier, data: SimulationData, rows: ArrayLike<number>, batchSize = 256): ReplyContent {
  model.eval();
  let lossSum = 0;
  let correct = 0;
  noGrad(() => {
    for (let start = 0; start < rows.length; start += batchSize) {
      const end = Math.min(rows.length, start + batchSize);
      const { input, target } = gatherBatch(data, rows, start, end);
      const logits = model.call(input);
      lossSum += crossEntropy(logits, target).item() * (end - start);
      correct += countCorrect(logits, target);
    }
  });
  const n = rows.length;
  return { numExamples: n, metrics: n === 0 ? {} : { loss: lossSum / n, accuracy: correct / n } };
}

/** Rows of `logits` [N, C] whose argmax equals the target. */
export function countCorrect(logits: Tensor, target: Tensor): number {
  const v = logits.contiguous().values();
  const y = target.values();
  const [n, c] = [logits.shape[0]!, logits.shape[1]!];
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < c; k++) if (v[i * c + k]! > v[i * c + best]!) best = k;
    if (best === y[i]) correct++;
  }
  return correct;
}

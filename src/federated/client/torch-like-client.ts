import { noGrad } from '../../autograd/index.js';
import { ConfigError } from '../../errors/index.js';
import type { Dataset } from '../../data/index.js';
import { DataLoader } from '../../data/index.js';
import type { Module } from '../../nn/index.js';
import { crossEntropy } from '../../nn/losses/index.js';
import type { Optimizer } from '../../optim/index.js';
import { SGD } from '../../optim/index.js';
import type { Tensor } from '../../tensor/index.js';
import type { ConfigRecord, Message, ReplyContent } from '../protocol/index.js';
import { arraysFromModule, loadArraysIntoModule } from '../protocol/index.js';
import { ClientApp } from './client-app.js';
import { globalTensors, proximalTerm } from './proximal-term.js';

export interface TorchLikeClientOptions {
  /** Data for 'evaluate' messages. @default the training data */
  readonly evalDataset?: Dataset;
  /** Mini-batch size (overridden by config.batchSize). @default 32 */
  readonly batchSize?: number;
  /** Loss (output, target) → scalar. @default crossEntropy */
  readonly loss?: (output: Tensor, target: Tensor) => Tensor;
  /** Builds the local optimizer each round. @default SGD with config.lr */
  readonly optimizer?: (params: Tensor[], lr: number) => Optimizer;
  /** Local epochs when config.localEpochs is absent. @default 1 */
  readonly localEpochs?: number;
  /** Learning rate when config.lr is absent. @default 0.1 */
  readonly lr?: number;
  /** Seed of the data order; round r shuffles with seed·1000003 + r, so runs repeat. @default 0 */
  readonly seed?: number;
  /** Report accuracy (argmax of the output against int32 targets). @default true when targets are int32 */
  readonly accuracy?: boolean;
}

/**
 * A ClientApp for a deeptrace model, like the `task.py` of Flower's PyTorch quickstart.
 * 'train': load the global parameters, run config.localEpochs (or the default) of SGD with
 * config.lr over the local data, adding FedProx's proximal term when config.proximalMu > 0,
 * and reply with the new parameters, the number of examples and { loss, accuracy } of the
 * local epochs. 'evaluate': { loss, accuracy } on the evaluation data. The model is built once
 * by `modelFactory` and reused across rounds.
 * @example const app = createTorchLikeClient(() => mlp(2, [16], 3), partition, { batchSize: 16 });
 */
export function createTorchLikeClient(modelFactory: () => Module<[Tensor], Tensor>, dataset: Dataset, options: TorchLikeClientOptions = {}): ClientApp {
  if (dataset.length === 0) throw new ConfigError('createTorchLikeClient: the client has no training data', { hint: 'give every client at least one sample' });
  const lossFn = options.loss ?? ((o: Tensor, t: Tensor) => crossEntropy(o, t));
  const evalData = options.evalDataset ?? dataset;
  let model: Module<[Tensor], Tensor> | null = null;
  const getModel = (): Module<[Tensor], Tensor> => (model ??= modelFactory());

  const train = (message: Message): ReplyContent => {
    const net = getModel();
    loadArraysIntoModule(net, message.parameters);
    const c = message.config;
    const epochs = integerOf(c, 'localEpochs', options.localEpochs ?? 1, 0);
    const lr = numberOf(c, 'lr', options.lr ?? 0.1);
    const mu = numberOf(c, 'proximalMu', 0);
    const batchSize = integerOf(c, 'batchSize', options.batchSize ?? 32, 1);
    const opt = options.optimizer?.(net.parameters(), lr) ?? new SGD(net.parameters(), { lr });
    const anchor = mu > 0 ? globalTensors(message.parameters) : null;
    const loader = new DataLoader(dataset, { batchSize, shuffle: true, seed: (options.seed ?? 0) * 1000003 + message.round });
    net.train();
    let stats = { loss: 0, correct: 0, samples: 0, classified: false };
    for (let e = 0; e < epochs; e++) {
      stats = { loss: 0, correct: 0, samples: 0, classified: false };
      for (const { input, target } of loader) {
        opt.zeroGrad();
        const output = net.call(input);
        const dataLoss = lossFn(output, target);
        const loss = anchor === null ? dataLoss : dataLoss.add(proximalTerm(net, anchor, mu));
        loss.backward();
        opt.step();
        accumulate(stats, output, target, dataLoss.item(), options.accuracy);
      }
    }
    return { parameters: arraysFromModule(net), numExamples: dataset.length, metrics: summarize(stats) };
  };

  const evaluate = (message: Message): ReplyContent => {
    const net = getModel();
    loadArraysIntoModule(net, message.parameters);
    const batchSize = integerOf(message.config, 'batchSize', options.batchSize ?? 32, 1);
    const stats = { loss: 0, correct: 0, samples: 0, classified: false };
    net.eval();
    noGrad(() => {
      for (const { input, target } of new DataLoader(evalData, { batchSize })) {
        const output = net.call(input);
        accumulate(stats, output, target, lossFn(output, target).item(), options.accuracy);
      }
    });
    net.train();
    return { numExamples: evalData.length, metrics: summarize(stats) };
  };

  return new ClientApp().train(train).evaluate(evaluate);
}

interface Stats {
  loss: number;
  correct: number;
  samples: number;
  classified: boolean;
}

/** Adds one batch: its mean loss weighted by its size and, for int32 targets, its correct predictions. */
function accumulate(stats: Stats, output: Tensor, target: Tensor, batchLoss: number, accuracy: boolean | undefined): void {
  const n = output.ndim === 0 ? 1 : output.shape[0]!;
  stats.loss += batchLoss * n;
  stats.samples += n;
  if (accuracy === false || target.dtype !== 'int32' || output.ndim !== 2) return;
  stats.classified = true;
  const scores = output.detach().values();
  const labels = target.values();
  const k = output.shape[1]!;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (scores[i * k + j]! > scores[i * k + best]!) best = j;
    if (best === labels[i]) stats.correct++;
  }
}

function summarize(stats: Stats): Record<string, number> {
  if (stats.samples === 0) return {}; // localEpochs 0: nothing was seen
  const loss = stats.loss / stats.samples;
  return stats.classified ? { loss, accuracy: stats.correct / stats.samples } : { loss };
}

function numberOf(config: ConfigRecord, key: string, fallback: number): number {
  const value = config[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError(`client: config '${key}' must be a finite number, got ${String(value)}`);
  return value;
}

function integerOf(config: ConfigRecord, key: string, fallback: number, min: number): number {
  const value = numberOf(config, key, fallback);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`client: config '${key}' must be an integer >= ${min}, got ${value}`);
  return value;
}

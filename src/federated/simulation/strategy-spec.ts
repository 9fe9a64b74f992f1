import { ConfigError } from '../../errors/index.js';
import { FedAdagrad } from '../strategy/fed-adagrad.js';
import { FedAdam } from '../strategy/fed-adam.js';
import { FedAvgM } from '../strategy/fed-avg-m.js';
import type { FedAvgOptions } from '../strategy/fed-avg.js';
import { FedAvg } from '../strategy/fed-avg.js';
import { FedMedian } from '../strategy/fed-median.js';
import { FedProx } from '../strategy/fed-prox.js';
import { FedYogi } from '../strategy/fed-yogi.js';
import { Krum } from '../strategy/krum.js';
import type { Strategy } from '../strategy/strategy.js';
import { TrimmedMean } from '../strategy/trimmed-mean.js';

/** Strategies the simulator and `deeptrace federate simulate` build by name. */
export const strategyNames = ['fedavg', 'fedavgm', 'fedprox', 'fedadam', 'fedyogi', 'fedadagrad', 'fedmedian', 'trimmed-mean', 'krum', 'multi-krum'] as const;

export type StrategyName = (typeof strategyNames)[number];

export interface StrategySpecOptions {
  /** Fraction of clients sampled per round, for training and for federated evaluation. @default 1 */
  readonly fraction?: number;
  /** Local training config sent to clients. @default { localEpochs: 1, lr: 0.05, batchSize: 32 } */
  readonly localEpochs?: number;
  readonly lr?: number;
  readonly batchSize?: number;
  /** FedProx's μ. @default 0.01 */
  readonly proximalMu?: number;
  /** Krum's f (Byzantine clients tolerated per round). @default 0 */
  readonly krumF?: number;
  /** Multi-Krum's m. @default sampled clients − f */
  readonly multiKrumKeep?: number;
  /** Trimmed mean's β. @default 0.2 */
  readonly trimBeta?: number;
  /** Clients the simulation has (for Multi-Krum's default m). */
  readonly clients: number;
}

/** The strategy `name` with the simulator's sampling and local-training config. */
export function strategyFromName(name: string, options: StrategySpecOptions): Strategy {
  const fraction = options.fraction ?? 1;
  const sampled = Math.max(Math.floor(fraction * options.clients), Math.min(2, options.clients));
  const min = Math.min(2, options.clients);
  const base: FedAvgOptions = {
    fractionTrain: fraction,
    fractionEvaluate: fraction,
    minTrainClients: min,
    minEvaluateClients: min,
    minAvailableClients: min,
    trainConfig: { localEpochs: options.localEpochs ?? 1, lr: options.lr ?? 0.05, batchSize: options.batchSize ?? 32 },
    evaluateConfig: { batchSize: 256 },
  };
  const f = options.krumF ?? 0;
  switch (name as StrategyName) {
    case 'fedavg':
      return new FedAvg(base);
    case 'fedavgm':
      return new FedAvgM(base);
    case 'fedprox':
      return new FedProx({ ...base, proximalMu: options.proximalMu ?? 0.01 });
    case 'fedadam':
      return new FedAdam(base);
    case 'fedyogi':
      return new FedYogi(base);
    case 'fedadagrad':
      return new FedAdagrad(base);
    case 'fedmedian':
      return new FedMedian(base);
    case 'trimmed-mean':
      return new TrimmedMean({ ...base, beta: options.trimBeta ?? 0.2 });
    case 'krum':
      return new Krum({ ...base, numMalicious: f, numToKeep: 1 });
    case 'multi-krum':
      return new Krum({ ...base, numMalicious: f, numToKeep: options.multiKrumKeep ?? Math.max(1, sampled - f) });
    default:
      throw new ConfigError(`strategy: unknown strategy '${name}'`, { expected: strategyNames.join(', '), got: name });
  }
}

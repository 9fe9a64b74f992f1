import { ConfigError } from '../../errors/index.js';
import type { Generator } from '../../tensor/index.js';
import type { ArrayRecord, ClientResult, ConfigRecord, MetricRecord, Rejection } from '../protocol/index.js';
import { isConfigValue } from '../protocol/index.js';
import type { MetricsAggregation } from './aggregate.js';
import { parametersOf, weightedAverage, weightedMetricMean } from './aggregate.js';
import { checkSampling, sampleClients } from './sample-clients.js';
import type { ClientInfo, EvaluateAggregate, Failure, Instruction, Strategy, TrainAggregate } from './strategy.js';

/** A fixed config, or one computed per round (Flower's on_fit_config_fn). */
export type RoundConfig = ConfigRecord | ((round: number) => ConfigRecord);

/** Options every strategy shares (sampling, per-round config, metric aggregation). */
export interface FedAvgOptions {
  /** Fraction of available clients sampled for training. @default 1 */
  readonly fractionTrain?: number;
  /** Fraction of available clients sampled for federated evaluation; 0 with minEvaluateClients 0 turns it off. @default 1 */
  readonly fractionEvaluate?: number;
  /** Train on at least this many clients (they are sampled even when the fraction gives fewer). @default 2 */
  readonly minTrainClients?: number;
  /** Evaluate on at least this many clients. @default 2 */
  readonly minEvaluateClients?: number;
  /** Skip a round when fewer clients are available. @default 2 */
  readonly minAvailableClients?: number;
  /** Config sent with train messages (localEpochs, lr, batchSize, ...). @default {} */
  readonly trainConfig?: RoundConfig;
  /** Config sent with evaluate messages. @default {} */
  readonly evaluateConfig?: RoundConfig;
  /** Combines train metrics. @default weighted mean by numExamples */
  readonly trainMetricsAggregation?: MetricsAggregation;
  /** Combines evaluate metrics. @default weighted mean by numExamples */
  readonly evaluateMetricsAggregation?: MetricsAggregation;
  /** Aggregate even when some sampled clients failed; false keeps the global model for that round (Flower's accept_failures). @default true */
  readonly acceptFailures?: boolean;
  /** Centralized evaluation of the global model (used by runFederated when it is not given one). @default none */
  readonly evaluateCentral?: (round: number, parameters: ArrayRecord) => MetricRecord | Promise<MetricRecord>;
}

/** What a strategy's parameter rule returns. */
export interface ParameterAggregate {
  readonly parameters: ArrayRecord | null;
  readonly rejected: readonly Rejection[];
}

/**
 * Federated Averaging (McMahan et al. 2017, "Communication-Efficient Learning of Deep Networks
 * from Decentralized Data", Algorithm 1): the next global model is the average of the clients'
 * models weighted by their number of training examples, w ← Σ_k n_k w_k / Σ_k n_k.
 *
 * It is also the base of the other strategies, which override `aggregateParameters` (and the
 * config they send). Sampling: n = max(⌊fractionTrain · available⌋, minTrainClients) clients,
 * so minTrainClients are sampled even when the fraction gives fewer; a round with fewer than
 * max(minAvailableClients, minTrainClients) available clients is skipped.
 * @example new FedAvg({ fractionTrain: 0.5, minTrainClients: 2, trainConfig: { localEpochs: 1, lr: 0.1 } })
 */
export class FedAvg implements Strategy {
  readonly name: string = 'FedAvg';
  protected readonly options: FedAvgOptions;
  readonly evaluateCentral?: (round: number, parameters: ArrayRecord) => MetricRecord | Promise<MetricRecord>;

  constructor(options: FedAvgOptions = {}) {
    this.options = options;
    const op = this.constructor.name;
    checkSampling(op, 'train', this.trainSampling());
    checkSampling(op, 'evaluate', this.evaluateSampling());
    if (options.evaluateCentral !== undefined) this.evaluateCentral = options.evaluateCentral;
  }

  configureTrain(round: number, parameters: ArrayRecord, clients: readonly ClientInfo[], rng: Generator): Instruction[] {
    const config = this.trainConfig(round);
    return sampleClients(clients, this.trainSampling(), rng).map((c) => ({ clientId: c.id, parameters, config }));
  }

  aggregateTrain(round: number, results: readonly ClientResult[], failures: readonly Failure[], current: ArrayRecord): TrainAggregate {
    const aggregation = this.options.trainMetricsAggregation ?? weightedMetricMean;
    if (results.length === 0) return { parameters: null, metrics: {}, rejected: [] };
    if (failures.length > 0 && this.options.acceptFailures === false) return { parameters: null, metrics: aggregation(results), rejected: [] };
    const { parameters, rejected } = this.aggregateParameters(round, results, current);
    const refused = new Set(rejected.map((r) => r.clientId));
    return { parameters, metrics: aggregation(results.filter((r) => !refused.has(r.clientId))), rejected };
  }

  configureEvaluate(round: number, parameters: ArrayRecord, clients: readonly ClientInfo[], rng: Generator): Instruction[] {
    const config = resolveConfig(this.constructor.name, this.options.evaluateConfig, round);
    return sampleClients(clients, this.evaluateSampling(), rng).map((c) => ({ clientId: c.id, parameters, config }));
  }

  aggregateEvaluate(_round: number, results: readonly ClientResult[], _failures: readonly Failure[]): EvaluateAggregate {
    return { metrics: (this.options.evaluateMetricsAggregation ?? weightedMetricMean)(results) };
  }

  /** The config of a train round; subclasses add their own entries (proximalMu, lr). */
  protected trainConfig(round: number): ConfigRecord {
    return resolveConfig(this.constructor.name, this.options.trainConfig, round);
  }

  /** The parameter rule: here the example-weighted mean. `results` is never empty. */
  protected aggregateParameters(_round: number, results: readonly ClientResult[], _current: ArrayRecord): ParameterAggregate {
    const records = parametersOf(this.name, results);
    return { parameters: weightedAverage(records, results.map((r) => r.numExamples)), rejected: [] };
  }

  private trainSampling() {
    const o = this.options;
    return { fraction: o.fractionTrain ?? 1, minClients: o.minTrainClients ?? 2, minAvailable: o.minAvailableClients ?? 2 };
  }

  private evaluateSampling() {
    const o = this.options;
    return { fraction: o.fractionEvaluate ?? 1, minClients: o.minEvaluateClients ?? 2, minAvailable: o.minAvailableClients ?? 2 };
  }
}

/** A RoundConfig's value for `round`, checked to hold only numbers, strings and booleans. */
export function resolveConfig(op: string, config: RoundConfig | undefined, round: number): ConfigRecord {
  const value = typeof config === 'function' ? config(round) : (config ?? {});
  for (const [key, v] of Object.entries(value)) {
    if (!isConfigValue(v)) throw new ConfigError(`${op}: config entry '${key}' is ${String(v)}, expected a finite number, a string or a boolean`);
  }
  return value;
}

export type { ClientInfo, EvaluateAggregate, Failure, Instruction, Strategy, TrainAggregate } from './strategy.js';
export {
  castData,
  coordinateWise,
  flatten,
  median,
  parametersOf,
  squaredDistance,
  trimmedMean,
  weightedAverage,
  weightedMetricMean,
} from './aggregate.js';
export type { MetricsAggregation } from './aggregate.js';
export { checkSampling, sampleClients } from './sample-clients.js';
export type { SamplingOptions } from './sample-clients.js';
export { FedAvg, resolveConfig } from './fed-avg.js';
export type { FedAvgOptions, ParameterAggregate, RoundConfig } from './fed-avg.js';
export { FedAvgM } from './fed-avg-m.js';
export type { FedAvgMOptions } from './fed-avg-m.js';
export { FedProx } from './fed-prox.js';
export type { FedProxOptions } from './fed-prox.js';
export { FedOpt } from './fed-opt.js';
export type { FedOptDefaults, FedOptOptions } from './fed-opt.js';
export { FedAdam } from './fed-adam.js';
export { FedYogi } from './fed-yogi.js';
export { FedAdagrad } from './fed-adagrad.js';
export { FedMedian } from './fed-median.js';
export { TrimmedMean } from './trimmed-mean.js';
export type { TrimmedMeanOptions } from './trimmed-mean.js';
export { Krum, krumScores } from './krum.js';
export type { KrumOptions } from './krum.js';
export { applyServerStep } from './server-step.js';

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

// Data partitioners for federated simulation: which rows each virtual client holds.
export { partitionDirichlet } from './dirichlet.js';
export type { DirichletOptions } from './dirichlet.js';
export { sampleDirichlet, sampleGamma } from './gamma.js';
export { partitionIid } from './iid.js';
export { labelHistograms, partitionStats } from './partition.js';
export type { Labels, Partition, PartitionStats } from './partition.js';
export { partitionQuantitySkew } from './quantity.js';
export type { QuantitySkewOptions } from './quantity.js';
export { partitionShards } from './shards.js';
export { formatPartitionSpec, parsePartitionSpec, partitionData } from './spec.js';
export type { PartitionSpec } from './spec.js';

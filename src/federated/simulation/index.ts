// The federated simulator: virtual clients on worker threads, seeded faults, one call to run it.
export { gatherBatch, sampleSize, shareData, splitClients } from './client-data.js';
export type { ClientShard, SimulationData } from './client-data.js';
export { countCorrect, evaluateRows, simulatedClientApp } from './client-task.js';
export type { ClientContext } from './client-task.js';
export { FaultPlan, attackKinds } from './faults.js';
export type { AttackKind, ClientFault, FaultOptions } from './faults.js';
export { deriveSeed } from './seeds.js';
export { clientIdsFor, simulate } from './simulate.js';
export type { ClientRoundEntry, RoundSummary, SimulateOptions, SimulationResult } from './simulate.js';
export { SimulationTransport } from './simulation-transport.js';
export type { ClientEvent, SimulationTransportOptions } from './simulation-transport.js';
export { strategyFromName, strategyNames } from './strategy-spec.js';
export type { StrategyName, StrategySpecOptions } from './strategy-spec.js';
export { TaskFailure, WorkerPool, defaultWorkerCount } from './worker-pool.js';
export type { WorkerPoolOptions } from './worker-pool.js';
export { loadSimulationDataset, simulationData } from './datasets.js';
export type { LoadSimulationDatasetOptions, SimulationDatasetName } from './datasets.js';

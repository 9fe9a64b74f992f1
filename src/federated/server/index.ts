export { runFederated } from './run-federated.js';
export type { CentralEvaluator, RunFederatedOptions } from './run-federated.js';
export { ServerApp } from './server-app.js';
export type { ServerAppOptions } from './server-app.js';
export type { FederatedHistory, PhaseRecord, RoundRecord } from './history.js';

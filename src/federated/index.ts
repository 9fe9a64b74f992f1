// Federated learning (Flower's design): typed protocol records, strategies (pure policy), the
// client router, the server round loop, transports behind one interface, and data partitioners.
// The worker-thread simulator imports Node built-ins, so it has its own entry point
// (./simulation/index.js) and is not re-exported here: this index stays browser-safe.
export * from './protocol/index.js';
export * from './strategy/index.js';
export * from './client/index.js';
export * from './transport/index.js';
export * from './server/index.js';
export * from './partition/index.js';

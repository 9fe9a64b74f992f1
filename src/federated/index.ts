// Federated learning (Flower's design): typed protocol records, strategies (pure policy), the
// client router, the server round loop, and transports behind one interface.
export * from './protocol/index.js';
export * from './strategy/index.js';
export * from './client/index.js';
export * from './transport/index.js';
export * from './server/index.js';

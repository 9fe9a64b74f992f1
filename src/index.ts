// The public API of deeptrace. Each folder's index.ts names what it exports; deep imports are private.
export * from './autograd/index.js';
export * from './backend/index.js';
export * from './backprop/index.js';
export * from './data/index.js';
export * from './diagnose/index.js';
export * from './errors/index.js';
export * from './explain/index.js';
export * as federated from './federated/index.js';
export * from './io/index.js';
export * from './nn/index.js';
export * from './ops/index.js';
export * from './optim/index.js';
export * from './report/index.js';
export * from './tensor/index.js';
export * from './train/index.js';

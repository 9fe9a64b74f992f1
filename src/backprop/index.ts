// Backprop in three views for dense networks, written for reading: post-activation (∂L/∂a,
// neuron by neuron), pre-activation (δ = ∂L/∂z, with the units that pass no gradient) and
// vectorized (whole batches as matrix products), each checked against autograd and finite
// differences. The per-neuron helpers (activation.ts, loss.ts, forward.ts) stay internal.
export { autogradBackprop } from './autograd-reference.js';
export { finiteDifferenceBackprop } from './finite-differences.js';
export type { FiniteDifferenceOptions } from './finite-differences.js';
export { formatBackpropTrace } from './format-trace.js';
export { backpropActivations, backpropLosses, oneHotRow } from './network.js';
export type { BackpropActivation, BackpropBatch, BackpropLoss, DenseLayer, DenseNetwork } from './network.js';
export { postActivationBackprop } from './post-activation.js';
export { preActivationBackprop } from './pre-activation.js';
export type { PreActivationLayer } from './pre-activation.js';
export { randomBatch, randomNetwork } from './random-network.js';
export type { RandomNetworkOptions } from './random-network.js';
export { maxBackpropDifference } from './result.js';
export type { BackpropResult, LayerGradients } from './result.js';
export { fromSequential, toSequential } from './sequential.js';
export type { FromSequentialOptions } from './sequential.js';
export { backpropTrace } from './trace.js';
export type { BackpropTrace, BackpropTraceOptions, TraceLayer } from './trace.js';
export { toTensorNetwork, vectorizedBackprop, vectorizedPass } from './vectorized.js';
export type { TensorLayer, TensorNetwork, VectorizedLayer, VectorizedPass } from './vectorized.js';

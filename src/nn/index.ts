// Public names of deeptrace's nn package: the Module base class, Sequential, layers,
// initializers, the architecture-JSON loader, summary, and model builders.
export { ConfigReader } from './config.js';
export { knownLayerTypes, layerFromConfig } from './from-config.js';
export * as init from './init/index.js';
// The plain fills (uniform, normal, constant, zeros, ones) are only under `init.` so they do not
// clash with the tensor creation functions of the same names.
export {
  calculateGain,
  computeFans,
  kaimingNormal,
  kaimingUniform,
  lecunNormal,
  lecunUniform,
  orthogonal,
  xavierNormal,
  xavierUniform,
} from './init/index.js';
export type { FanMode, InitOptions, KaimingOptions, Nonlinearity, OrthogonalOptions, XavierOptions } from './init/index.js';
export {
  AvgPool2d,
  BatchNorm,
  BatchNorm1d,
  BatchNorm2d,
  Conv2d,
  Dropout,
  ELU,
  Embedding,
  Flatten,
  GELU,
  GRU,
  LastTimeStep,
  LayerNorm,
  LeakyReLU,
  Linear,
  LSTM,
  MaxPool2d,
  Recurrent,
  ReLU,
  Reshape,
  Residual,
  RNN,
  Sigmoid,
  Softmax,
  Tanh,
} from './layers/index.js';
export type {
  AvgPool2dLayerOptions,
  BatchNormOptions,
  CellState,
  Conv2dLayerOptions,
  DropoutOptions,
  EmbeddingOptions,
  FlattenOptions,
  LayerNormOptions,
  LinearOptions,
  MaxPool2dLayerOptions,
  RecurrentLayer,
  RecurrentOptions,
  ResidualOptions,
  RNNOptions,
} from './layers/index.js';
export { activation, cnn, lstmClassifier, mlp } from './models.js';
export type { ActivationName, CnnOptions, LstmClassifierOptions, MlpOptions } from './models.js';
export { Module } from './module.js';
export type { BackwardHook, ForwardHook, ForwardPreHook, LayerConfig } from './module.js';
export { Sequential } from './sequential.js';
export type { TensorModule } from './sequential.js';
export { summary } from './summary.js';
export type { SummaryOptions } from './summary.js';

// ---- losses ----
export * from './losses/index.js';

export { Adagrad } from './adagrad.js';
export type { AdagradOptions } from './adagrad.js';
export { Adam } from './adam.js';
export type { AdamOptions } from './adam.js';
export { AdamW } from './adamw.js';
export { clipGradNorm, clipGradValue } from './clip-grad.js';
export type { ClipGradNormOptions } from './clip-grad.js';
export { Optimizer } from './optimizer.js';
export type { Hyperparameters, OptimizerStateDict, ParamGroup, ParamState, ParamsInput } from './optimizer.js';
export { l1Penalty, l2Penalty } from './penalties.js';
export { RMSProp } from './rmsprop.js';
export type { RMSPropOptions } from './rmsprop.js';
export {
  CosineWarmupLR,
  ExponentialLR,
  LRScheduler,
  ReduceLROnPlateau,
  StepLR,
} from './schedules/index.js';
export type {
  CosineWarmupOptions,
  ReduceLROnPlateauOptions,
  SchedulableOptimizer,
  SchedulerStateDict,
  StepLROptions,
} from './schedules/index.js';
export { SGD } from './sgd.js';
export type { SGDOptions } from './sgd.js';

export { CosineWarmupLR } from './cosine-warmup.js';
export type { CosineWarmupOptions } from './cosine-warmup.js';
export { ExponentialLR } from './exponential-lr.js';
export { LRScheduler } from './lr-scheduler.js';
export type { SchedulableOptimizer, SchedulerStateDict } from './lr-scheduler.js';
export { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
export type { ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
export { StepLR } from './step-lr.js';
export type { StepLROptions } from './step-lr.js';

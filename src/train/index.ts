export type { Callback, TrainContext } from './callback.js';
export { EarlyStopping, JsonlLogger, ModelCheckpoint, Progress, SchedulerCallback, formatEpochLine } from './callbacks/index.js';
export type {
  EarlyStoppingOptions,
  JsonlLoggerOptions,
  ModelCheckpointOptions,
  MonitorMode,
  ProgressOptions,
  ProgressStream,
  SchedulerCallbackOptions,
  SteppableScheduler,
} from './callbacks/index.js';
export { decodeCheckpoint, encodeCheckpoint, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
export type { CallbackState, Checkpoint, JsonValue } from './checkpoint.js';
export { evaluate } from './evaluate.js';
export type { EvaluateOptions } from './evaluate.js';
export { Emitter, TrainEvents } from './events.js';
export type { BatchEndEvent, EpochBeginEvent, EpochEndEvent, Listener, TrainBeginEvent, TrainEndEvent, TrainEventMap } from './events.js';
export { fit } from './fit.js';
export type { FitOptions } from './fit.js';
export { History } from './history.js';
export type { EpochLogs } from './history.js';
export type { LossFn, LossSpec } from './loss.js';
export { Accuracy, meanAbsoluteError, meanSquaredError } from './metrics.js';
export type { Metric, MetricName, MetricSpec } from './metrics.js';
export { NonFiniteError } from './numeric-check.js';
export type { TrainStep } from './numeric-check.js';

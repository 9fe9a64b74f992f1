import { ConfigError } from '../../errors/index.js';
import type { SchedulerStateDict } from '../../optim/index.js';
import type { Callback, TrainContext } from '../callback.js';
import type { CallbackState, JsonValue } from '../checkpoint.js';
import type { BatchEndEvent } from '../events.js';
import type { EpochLogs } from '../history.js';
import { defaultMonitor, readMonitor } from './monitor.js';

/**
 * What the callback needs of a schedule: `step()` (LRScheduler: StepLR, CosineWarmupLR, ...)
 * or `step(metric)` (ReduceLROnPlateau), and optionally a state dict for checkpoints.
 */
export interface SteppableScheduler {
  step(metric?: number): void;
  stateDict?(): SchedulerStateDict;
  loadStateDict?(state: SchedulerStateDict): void;
}

export interface SchedulerCallbackOptions {
  /** Step after every epoch or after every batch. @default 'epoch' */
  readonly interval?: 'epoch' | 'batch';
  /**
   * The logged value passed to a schedule whose `step` takes a metric (ReduceLROnPlateau).
   * @default 'val_loss' with validation data, else 'loss'
   */
  readonly monitor?: string;
}

/**
 * Steps a learning-rate schedule during `fit`, once per epoch (after validation) or once per
 * batch (after the optimizer step). A schedule whose `step` declares a parameter
 * (ReduceLROnPlateau) receives the monitored value. Its state goes into checkpoints.
 * @example callbacks: [new SchedulerCallback(new ReduceLROnPlateau(opt, { patience: 2 }))]
 */
export class SchedulerCallback implements Callback {
  readonly scheduler: SteppableScheduler;
  readonly interval: 'epoch' | 'batch';
  readonly needsMetric: boolean;
  private readonly monitorOption: string | undefined;
  monitor = '';

  constructor(scheduler: SteppableScheduler, options: SchedulerCallbackOptions = {}) {
    if (typeof scheduler?.step !== 'function') throw new ConfigError('SchedulerCallback: expected a scheduler with a step() method');
    this.scheduler = scheduler;
    this.interval = options.interval ?? 'epoch';
    this.monitorOption = options.monitor;
    this.needsMetric = scheduler.step.length > 0 || options.monitor !== undefined;
    if (this.interval !== 'epoch' && this.interval !== 'batch') {
      throw new ConfigError(`SchedulerCallback: interval must be 'epoch' or 'batch', got '${String(this.interval)}'`);
    }
    if (this.needsMetric && this.interval === 'batch') {
      throw new ConfigError('SchedulerCallback: a schedule stepped with a metric (ReduceLROnPlateau) must use interval "epoch"');
    }
  }

  get stateKey(): string {
    return `SchedulerCallback(${this.scheduler.constructor.name})`;
  }

  onTrainBegin(ctx: TrainContext): void {
    this.monitor = this.monitorOption ?? defaultMonitor(ctx.hasValidation);
  }

  onBatchEnd(_ctx: TrainContext, _batch: BatchEndEvent): void {
    if (this.interval === 'batch') this.scheduler.step();
  }

  onEpochEnd(_ctx: TrainContext, logs: EpochLogs): void {
    if (this.interval !== 'epoch') return;
    if (this.needsMetric) this.scheduler.step(readMonitor('SchedulerCallback', logs, this.monitor));
    else this.scheduler.step();
  }

  stateDict(): CallbackState {
    return { values: (this.scheduler.stateDict?.() ?? null) as JsonValue };
  }

  loadStateDict(state: CallbackState): void {
    if (state.values === null || this.scheduler.loadStateDict === undefined) return;
    this.scheduler.loadStateDict(state.values as SchedulerStateDict);
  }
}

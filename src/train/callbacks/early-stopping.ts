import { ConfigError } from '../../errors/index.js';
import { Tensor } from '../../tensor/index.js';
import type { Callback, TrainContext } from '../callback.js';
import type { CallbackState } from '../checkpoint.js';
import type { EpochLogs } from '../history.js';
import type { MonitorMode } from './monitor.js';
import { defaultMonitor, improves, readMonitor, resolveMode, worst } from './monitor.js';

export interface EarlyStoppingOptions {
  /** The logged value to watch. @default 'val_loss' with validation data, else 'loss' */
  readonly monitor?: string;
  /** @default 'auto' ('max' for accuracies, 'min' otherwise) */
  readonly mode?: MonitorMode;
  /** Epochs without improvement tolerated before stopping. @default 0 */
  readonly patience?: number;
  /** Smallest change that counts as an improvement. @default 0 */
  readonly minDelta?: number;
  /** At the end of training, put back the weights of the best epoch. @default false */
  readonly restoreBestWeights?: boolean;
}

/**
 * Stops training when `monitor` has not improved by more than `minDelta` for `patience`
 * epochs (Keras EarlyStopping): after the improvement at epoch e, training stops at the end of
 * epoch e + patience (e + 1 with patience 0) unless the value improves again.
 */
export class EarlyStopping implements Callback {
  readonly mode: MonitorMode;
  readonly patience: number;
  readonly minDelta: number;
  readonly restoreBestWeights: boolean;
  private monitorOption: string | undefined;
  monitor = '';
  /** Best value so far. */
  best = Number.NaN;
  /** 1-based epoch of the best value (0 before any). */
  bestEpoch = 0;
  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch at whose end training was stopped (0 when it was not). */
  stoppedEpoch = 0;
  private bestWeights: Record<string, Tensor> | null = null;
  private restored = false;

  constructor(options: EarlyStoppingOptions = {}) {
    this.monitorOption = options.monitor;
    this.mode = options.mode ?? 'auto';
    this.patience = options.patience ?? 0;
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    if (!Number.isInteger(this.patience) || this.patience < 0) {
      throw new ConfigError(`EarlyStopping: patience must be an integer >= 0, got ${this.patience}`);
    }
    if (!Number.isFinite(this.minDelta)) throw new ConfigError(`EarlyStopping: minDelta must be finite, got ${String(options.minDelta)}`);
  }

  onTrainBegin(ctx: TrainContext): void {
    this.monitor = this.monitorOption ?? defaultMonitor(ctx.hasValidation);
    if (this.restored) return; // resumed: keep the loaded counters
    this.best = worst(resolveMode(this.monitor, this.mode));
    this.bestEpoch = 0;
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestWeights = null;
  }

  onEpochEnd(ctx: TrainContext, logs: EpochLogs): void {
    const value = readMonitor('EarlyStopping', logs, this.monitor);
    if (improves(value, this.best, resolveMode(this.monitor, this.mode), this.minDelta)) {
      this.best = value;
      this.bestEpoch = logs.epoch;
      this.wait = 0;
      if (this.restoreBestWeights) this.bestWeights = snapshot(ctx.model.stateDict());
      return;
    }
    this.wait++;
    if (this.wait >= this.patience && ctx.epoch < ctx.epochs) {
      this.stoppedEpoch = logs.epoch;
      ctx.stopTraining = true;
    }
  }

  onTrainEnd(ctx: TrainContext): void {
    this.restored = false;
    if (this.restoreBestWeights && this.bestWeights !== null && ctx.epoch !== this.bestEpoch) {
      ctx.model.loadStateDict(this.bestWeights);
    }
  }

  stateDict(): CallbackState {
    const values = { best: this.best, bestEpoch: this.bestEpoch, wait: this.wait, stoppedEpoch: this.stoppedEpoch };
    return this.bestWeights === null ? { values } : { values, tensors: this.bestWeights };
  }

  loadStateDict(state: CallbackState): void {
    const v = state.values;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError('EarlyStopping.loadStateDict: expected an object of counters');
    const read = (key: string): number => {
      const x = (v as Record<string, unknown>)[key];
      if (typeof x !== 'number') throw new ConfigError(`EarlyStopping.loadStateDict: '${key}' must be a number`, { got: x });
      return x;
    };
    this.best = read('best');
    this.bestEpoch = read('bestEpoch');
    this.wait = read('wait');
    this.stoppedEpoch = read('stoppedEpoch');
    this.bestWeights = state.tensors === undefined ? null : snapshot(state.tensors);
    this.restored = true;
  }
}

/** Copies of the tensors' values (a state dict shares storage with the model). */
function snapshot(state: Readonly<Record<string, Tensor>>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(state)) out[name] = new Tensor(t.values().slice(), t.shape);
  return out;
}

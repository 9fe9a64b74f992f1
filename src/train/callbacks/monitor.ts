import { ConfigError } from '../../errors/index.js';
import type { EpochLogs } from '../history.js';

/** Which way a monitored value improves; 'auto' picks 'max' for accuracies, 'min' otherwise. */
export type MonitorMode = 'min' | 'max' | 'auto';

/** The concrete direction for `monitor` (as Keras: names with 'acc' rise, the rest fall). */
export function resolveMode(monitor: string, mode: MonitorMode): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto') throw new ConfigError(`monitor mode must be 'min', 'max' or 'auto', got '${String(mode)}'`);
  return /acc|f1|precision|recall|auc/i.test(monitor) ? 'max' : 'min';
}

/** True when `value` beats `best` by more than `minDelta` in direction `mode`. */
export function improves(value: number, best: number, mode: 'min' | 'max', minDelta: number): boolean {
  return mode === 'min' ? value < best - minDelta : value > best + minDelta;
}

/** The worst possible starting value for `mode`. */
export function worst(mode: 'min' | 'max'): number {
  return mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** `logs[monitor]`, or a ConfigError that lists the keys there are. */
export function readMonitor(op: string, logs: EpochLogs, monitor: string): number {
  const value = logs[monitor];
  if (value === undefined) {
    throw new ConfigError(`${op}: monitored value '${monitor}' is not in the epoch logs`, {
      expected: Object.keys(logs).join(', '),
      got: monitor,
      hint: monitor.startsWith('val_') ? 'pass validation data or validationSplit to fit, or monitor a training value' : 'monitor one of the logged keys',
    });
  }
  return value;
}

/** The default monitor: 'val_loss' with validation data, 'loss' without. */
export function defaultMonitor(hasValidation: boolean): string {
  return hasValidation ? 'val_loss' : 'loss';
}

import { ConfigError } from '../errors/index.js';
import type { DataLoader } from '../data/data-loader.js';
import type { Module } from '../nn/module.js';
import type { Optimizer } from '../optim/optimizer.js';
import type { Tensor } from '../tensor/index.js';
import type { Checkpoint, CallbackState } from './checkpoint.js';
import type { BatchEndEvent } from './events.js';
import type { EpochLogs, History } from './history.js';

/** What callbacks see of a running `fit`, and the one thing they may change: `stopTraining`. */
export interface TrainContext {
  readonly model: Module<[Tensor], Tensor>;
  readonly optimizer: Optimizer;
  readonly history: History;
  /** Total epochs of the run. */
  readonly epochs: number;
  /** The current (or last finished) epoch, 1-based. */
  readonly epoch: number;
  /** Optimizer steps taken so far. */
  readonly step: number;
  /** True when fit has validation data (so `val_*` logs exist). */
  readonly hasValidation: boolean;
  /** The training loader. */
  readonly loader: DataLoader;
  /** Set by a callback to end training after the current epoch. */
  stopTraining: boolean;
  /** The full training state now, as a checkpoint (call it at epoch end). */
  checkpoint(): Checkpoint;
}

/**
 * A training callback (Keras/Lightning style). Every hook is optional and may return a promise,
 * which fit awaits. Callbacks run in ascending `order` (ties: the order given): schedulers and
 * early stopping (0) act before ModelCheckpoint (100) saves, so a saved state includes their step.
 */
export interface Callback {
  /** @default 0 */
  readonly order?: number;
  /** Key of this callback's state in checkpoints. @default the class name */
  readonly stateKey?: string;
  onTrainBegin?(ctx: TrainContext): void | Promise<void>;
  onEpochBegin?(ctx: TrainContext, epoch: number): void | Promise<void>;
  /** Runs after every optimizer step; keep it cheap. */
  onBatchEnd?(ctx: TrainContext, batch: BatchEndEvent): void | Promise<void>;
  onEpochEnd?(ctx: TrainContext, logs: EpochLogs): void | Promise<void>;
  onTrainEnd?(ctx: TrainContext): void | Promise<void>;
  /** State saved in checkpoints, so a resumed run continues this callback exactly. */
  stateDict?(): CallbackState;
  loadStateDict?(state: CallbackState): void;
}

/** Sorts callbacks by `order`, keeping the given order among equals. */
export function sortCallbacks(callbacks: readonly Callback[]): Callback[] {
  return callbacks
    .map((cb, i) => ({ cb, i }))
    .sort((a, b) => (a.cb.order ?? 0) - (b.cb.order ?? 0) || a.i - b.i)
    .map(({ cb }) => cb);
}

/** Checkpoint keys of stateful callbacks: `stateKey` or the class name, with `#2`, `#3` for repeats. */
export function callbackKeys(callbacks: readonly Callback[]): Map<Callback, string> {
  const keys = new Map<Callback, string>();
  const used = new Map<string, number>();
  for (const cb of callbacks) {
    if (cb.stateDict === undefined) continue;
    const base = cb.stateKey ?? cb.constructor.name;
    if (base === '' || base.includes('/')) {
      throw new ConfigError(`fit: callback state key '${base}' must be non-empty and contain no '/'`);
    }
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    keys.set(cb, n === 1 ? base : `${base}#${n}`);
  }
  return keys;
}

import { ConfigError } from '../../errors/index.js';
import type { Callback, TrainContext } from '../callback.js';
import type { CallbackState } from '../checkpoint.js';
import { saveCheckpoint } from '../checkpoint.js';
import type { EpochLogs } from '../history.js';
import type { MonitorMode } from './monitor.js';
import { defaultMonitor, improves, readMonitor, resolveMode, worst } from './monitor.js';

export interface ModelCheckpointOptions {
  /** Folder of the checkpoint files; created when missing. */
  readonly directory: string;
  /** Value that decides the best epoch. @default 'val_loss' with validation data, else 'loss' */
  readonly monitor?: string;
  /** @default 'auto' ('max' for accuracies, 'min' otherwise) */
  readonly mode?: MonitorMode;
  /** Write `<directory>/<bestName>` whenever `monitor` improves. @default true */
  readonly saveBest?: boolean;
  /** Write `<directory>/<lastName>` after every epoch. @default true */
  readonly saveLast?: boolean;
  /** @default 'best.safetensors' */
  readonly bestName?: string;
  /** @default 'last.safetensors' */
  readonly lastName?: string;
}

/**
 * Saves training checkpoints (see checkpoint.ts: model, optimizer, schedulers and other
 * callback state, DataLoader and RNG state, epoch, history) atomically after each epoch: the
 * last epoch, and the best one by `monitor`. Runs after the other callbacks (order 100) so the
 * saved state includes their effects; `fit(model, { ..., resumeFrom: cb.lastPath })` continues.
 */
export class ModelCheckpoint implements Callback {
  readonly order = 100;
  readonly directory: string;
  readonly mode: MonitorMode;
  readonly saveBest: boolean;
  readonly saveLast: boolean;
  readonly bestPath: string;
  readonly lastPath: string;
  private readonly monitorOption: string | undefined;
  monitor = '';
  /** Best monitored value saved so far. */
  best = Number.NaN;
  /** Epoch of the best checkpoint (0 before any). */
  bestEpoch = 0;
  private restored = false;

  constructor(options: ModelCheckpointOptions) {
    if (typeof options?.directory !== 'string' || options.directory === '') {
      throw new ConfigError('ModelCheckpoint: options.directory is required', { hint: "new ModelCheckpoint({ directory: 'checkpoints' })" });
    }
    this.directory = options.directory.replace(/[\\/]+$/, '') || '/';
    this.monitorOption = options.monitor;
    this.mode = options.mode ?? 'auto';
    this.saveBest = options.saveBest ?? true;
    this.saveLast = options.saveLast ?? true;
    this.bestPath = `${this.directory}/${options.bestName ?? 'best.safetensors'}`;
    this.lastPath = `${this.directory}/${options.lastName ?? 'last.safetensors'}`;
  }

  async onTrainBegin(ctx: TrainContext): Promise<void> {
    this.monitor = this.monitorOption ?? defaultMonitor(ctx.hasValidation);
    if (!this.restored) {
      this.best = worst(resolveMode(this.monitor, this.mode));
      this.bestEpoch = 0;
    }
    const fs = await import('node:fs/promises');
    await fs.mkdir(this.directory, { recursive: true });
  }

  async onEpochEnd(ctx: TrainContext, logs: EpochLogs): Promise<void> {
    let improved = false;
    if (this.saveBest) {
      const value = readMonitor('ModelCheckpoint', logs, this.monitor);
      improved = improves(value, this.best, resolveMode(this.monitor, this.mode), 0);
      if (improved) {
        this.best = value;
        this.bestEpoch = logs.epoch;
      }
    }
    if (!improved && !this.saveLast) return;
    // One snapshot serves both files; it is taken after this callback's own state changed.
    const checkpoint = ctx.checkpoint();
    if (improved) await saveCheckpoint(this.bestPath, checkpoint);
    if (this.saveLast) await saveCheckpoint(this.lastPath, checkpoint);
  }

  onTrainEnd(): void {
    this.restored = false;
  }

  stateDict(): CallbackState {
    return { values: { best: this.best, bestEpoch: this.bestEpoch } };
  }

  loadStateDict(state: CallbackState): void {
    const v = state.values;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError('ModelCheckpoint.loadStateDict: expected { best, bestEpoch }');
    const { best, bestEpoch } = v as Record<string, unknown>;
    if (typeof best !== 'number' || typeof bestEpoch !== 'number') throw new ConfigError('ModelCheckpoint.loadStateDict: expected { best, bestEpoch } numbers', { got: v });
    this.best = best;
    this.bestEpoch = bestEpoch;
    this.restored = true;
  }
}

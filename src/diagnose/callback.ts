import type { Module } from '../nn/module.js';
import type { Callback, TrainContext } from '../train/callback.js';
import type { BatchEndEvent } from '../train/events.js';
import type { EpochLogs } from '../train/history.js';
import { Diagnostics } from './diagnostics.js';
import type { DiagnosticsOptions } from './options.js';
import type { DiagnosticsWarning } from './types.js';

export interface DiagnosticsCallbackOptions extends DiagnosticsOptions {
  /** Called with each new warning (to print it, or stop training). @default none (warnings are collected) */
  readonly onWarning?: (warning: DiagnosticsWarning, ctx: TrainContext) => void;
  /** Remove the hooks when training ends. @default true */
  readonly detachOnEnd?: boolean;
}

/**
 * Records per-layer diagnostics during `fit` (see Diagnostics): attaches to the model at the start
 * of training, records after every `every`-th optimizer step, closes each epoch with its logs
 * (so overfitting sees `loss` and `val_loss`), and collects warnings.
 * @example
 * const diag = new DiagnosticsCallback({ every: 5, onWarning: (w) => console.warn(w.message) });
 * await fit(model, { ..., callbacks: [diag] });
 * await writeDiagnosticsReport('report', diag.diagnostics!);
 */
export class DiagnosticsCallback implements Callback {
  /** Runs before schedulers and early stopping change anything. */
  readonly order = -10;
  /** The recorder, from the start of training on. */
  diagnostics: Diagnostics | null = null;

  constructor(private readonly options: DiagnosticsCallbackOptions = {}) {}

  /** Warnings found so far. */
  get warnings(): readonly DiagnosticsWarning[] {
    return this.diagnostics?.warnings ?? [];
  }

  onTrainBegin(ctx: TrainContext): void {
    if (this.diagnostics === null || this.diagnostics.model !== (ctx.model as unknown as Module<never[], unknown>)) {
      this.diagnostics = new Diagnostics(ctx.model as unknown as Module<never[], unknown>, this.options);
    }
  }

  onBatchEnd(ctx: TrainContext, batch: BatchEndEvent): void {
    const diag = this.diagnostics;
    if (diag === null) return;
    const before = diag.warnings.length;
    diag.step(batch.epoch);
    this.report(diag.warnings.slice(before), ctx);
  }

  onEpochEnd(ctx: TrainContext, logs: EpochLogs): void {
    if (this.diagnostics === null) return;
    this.report(this.diagnostics.endEpoch(logs), ctx);
  }

  onTrainEnd(): void {
    if (this.options.detachOnEnd ?? true) this.diagnostics?.detach();
  }

  private report(warnings: readonly DiagnosticsWarning[], ctx: TrainContext): void {
    if (this.options.onWarning === undefined) return;
    for (const w of warnings) this.options.onWarning(w, ctx);
  }
}

import type { Dataset } from '../data/dataset.js';
import type { Module } from '../nn/module.js';
import type { Optimizer } from '../optim/optimizer.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Callback } from '../train/callback.js';
import { fit } from '../train/fit.js';
import type { LossSpec } from '../train/loss.js';
import { DiagnosticsCallback } from './callback.js';
import type { DiagnosticsOptions } from './options.js';
import type { DiagnosticsReportFiles } from './report.js';
import { writeDiagnosticsReport } from './report.js';
import type { DiagnosticsSummary } from './summary.js';
import { summarizeDiagnostics } from './summary.js';
import type { DiagnosticsWarning } from './types.js';

export interface DiagnoseRunOptions {
  readonly model: Module<[Tensor], Tensor>;
  readonly train: Dataset;
  /** Fraction of `train` held out for validation (needed for the overfitting check). @default 0.2 */
  readonly validationSplit?: number;
  readonly optimizer: Optimizer;
  /** @default 'crossEntropy' */
  readonly loss?: LossSpec;
  /** @default 5 */
  readonly epochs?: number;
  /** @default 32 */
  readonly batchSize?: number;
  /** @default 0 */
  readonly seed?: number;
  /** Where the report goes. */
  readonly out: string;
  readonly diagnostics?: DiagnosticsOptions;
  /** More callbacks (progress display). @default [] */
  readonly callbacks?: readonly Callback[];
  /** Called with each warning as it is found. @default none */
  readonly onWarning?: (warning: DiagnosticsWarning) => void;
  /** Title of report.md. @default 'Training diagnostics' */
  readonly title?: string;
}

export interface DiagnoseRunResult extends DiagnosticsSummary {
  readonly files: DiagnosticsReportFiles;
  readonly trainSeconds: number;
}

/** Trains with a DiagnosticsCallback (accuracy as the metric) and writes the report: what `deeptrace diagnose` does. */
export async function diagnoseRun(options: DiagnoseRunOptions): Promise<DiagnoseRunResult> {
  const onWarning = options.onWarning;
  const cb = new DiagnosticsCallback({ ...options.diagnostics, ...(onWarning === undefined ? {} : { onWarning: (w) => onWarning(w) }) });
  const started = performance.now();
  const history = await fit(options.model, {
    train: options.train,
    validationSplit: options.validationSplit ?? 0.2,
    loss: options.loss ?? 'crossEntropy',
    optimizer: options.optimizer,
    epochs: options.epochs ?? 5,
    batchSize: options.batchSize ?? 32,
    metrics: ['accuracy'],
    callbacks: [cb, ...(options.callbacks ?? [])],
    seed: options.seed ?? 0,
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const diag = cb.diagnostics!;
  const files = await writeDiagnosticsReport(options.out, diag, history.epochs, options.title === undefined ? {} : { title: options.title });
  return { ...summarizeDiagnostics(diag), files, trainSeconds };
}

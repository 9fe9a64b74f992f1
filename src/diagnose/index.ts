// Training diagnostics: per-layer statistics, warnings, the fit callback, and the report.
export { DiagnosticsCallback } from './callback.js';
export type { DiagnosticsCallbackOptions } from './callback.js';
export { diagnoseRun } from './diagnose-run.js';
export type { DiagnoseRunOptions, DiagnoseRunResult } from './diagnose-run.js';
export { Diagnostics, attachDiagnostics } from './diagnostics.js';
export { defaultThresholds } from './options.js';
export type { DiagnosticsOptions, WarningThresholds } from './options.js';
export { curveChart, gradientNormChart, updateRatioChart, writeDiagnosticsReport } from './report.js';
export type { DiagnosticsReportFiles } from './report.js';
export { summarizeDiagnostics } from './summary.js';
export type { DiagnosticsSummary, LayerSummary } from './summary.js';
export type { DiagnosticsWarning, LayerEpochStats, LayerKind, LayerRecord, LayerStepStats, WarningKind } from './types.js';

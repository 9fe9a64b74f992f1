import type { Diagnostics } from './diagnostics.js';
import type { DiagnosticsWarning, LayerEpochStats } from './types.js';

/** A layer's last-epoch statistics, JSON-safe (null for values that do not apply). */
export interface LayerSummary {
  readonly name: string;
  readonly type: string;
  readonly kind: string;
  readonly parameters: number;
  readonly gradNorm: number | null;
  readonly weightNorm: number | null;
  readonly updateRatio: number | null;
  readonly activationMean: number | null;
  readonly activationStd: number | null;
  readonly dead: number | null;
  readonly saturated: number | null;
}

export interface DiagnosticsSummary {
  readonly steps: number;
  readonly epochs: number;
  readonly warnings: readonly DiagnosticsWarning[];
  readonly layers: readonly LayerSummary[];
}

const num = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : Number.isFinite(v) ? v : null);

/** The last epoch's statistics of every layer, and the warnings, as plain JSON-safe data. */
export function summarizeDiagnostics(diag: Diagnostics): DiagnosticsSummary {
  const layers = diag.layers.map((l): LayerSummary => {
    const e: Partial<LayerEpochStats> = l.epochs.at(-1) ?? {};
    return {
      name: l.name,
      type: l.type,
      kind: l.kind,
      parameters: l.parameters,
      gradNorm: num(e.gradNorm),
      weightNorm: num(e.weightNorm),
      updateRatio: num(e.updateRatio),
      activationMean: num(e.activationMean),
      activationStd: num(e.activationStd),
      dead: num(e.dead),
      saturated: num(e.saturated),
    };
  });
  const warnings = diag.warnings.map((w) => ({ ...w, values: Object.fromEntries(Object.entries(w.values).map(([k, v]) => [k, Number.isFinite(v) ? v : String(v)])) as Record<string, number> }));
  return { steps: diag.steps, epochs: diag.layers[0]?.epochs.length ?? 0, warnings, layers };
}

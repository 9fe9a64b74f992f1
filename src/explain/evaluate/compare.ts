import { noGrad } from '../../autograd/index.js';
import type { Tensor } from '../../tensor/index.js';
import { inEvalMode, resolveTargets } from '../attribution.js';
import type { AttributionMethod, AttributionResult, ExplainedModel } from '../attribution.js';
import { evaluatePerturbation } from './perturbation.js';
import type { PerturbationOptions } from './perturbation.js';

export interface CompareOptions extends Omit<PerturbationOptions, 'target'> {
  /** Classes explained, one per sample. @default the predicted classes */
  readonly targets?: readonly number[];
  /** Options passed to every method, by method name (steps, reference, ...). @default {} */
  readonly methodOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Random orders averaged for the baseline. @default 3 */
  readonly randomOrders?: number;
  /** Seed of the random orders. @default 0 */
  readonly seed?: number;
}

/** One method's row of the comparison table, averaged over the samples. */
export interface ComparisonRow {
  readonly method: string;
  /** Mean deletion AUC (lower is better). */
  readonly deletionAuc: number;
  /** Mean insertion AUC (higher is better). */
  readonly insertionAuc: number;
  /** Seconds the method takes per image (mean). */
  readonly secondsPerImage: number;
  /**
   * Integrated Gradients: completeness error |Σ a − (f(x) − f(x'))| / |f(x) − f(x')|; LRP: conservation
   * error |Σ R(input) / f(x) − 1|; null for methods that promise neither.
   */
  readonly conservationError: number | null;
}

export interface Comparison {
  readonly rows: readonly ComparisonRow[];
  /** The random-order baseline (same for every method). */
  readonly random: { readonly deletionAuc: number; readonly insertionAuc: number };
  readonly samples: number;
}

/** The completeness (IG) or conservation (LRP) error a method reports for its first sample, if any. */
function conservationError(result: AttributionResult): number | null {
  const gap = result.extras.completenessGap?.[0];
  if (gap !== undefined) return gap;
  const layers = result.extras.conservation;
  if (layers === undefined || layers.length === 0) return null;
  const atInput = layers.find((l) => l.name === 'input') ?? layers[layers.length - 1]!;
  return Math.abs(atInput.ratio[0]! - 1);
}

/**
 * Runs every method on every sample of `inputs` [N, ...] and scores its maps by deletion and
 * insertion AUC against a random ordering, with its run time and its completeness or
 * conservation error.
 */
export function compareMethods(model: ExplainedModel, inputs: Tensor, methods: Readonly<Record<string, AttributionMethod>>, options: CompareOptions = {}): Comparison {
  const n = inputs.shape[0]!;
  const targets = options.targets ?? inEvalMode(model, () => resolveTargets('compareMethods', noGrad(() => model.call(inputs)), undefined));
  const samples = Array.from({ length: n }, (_, i) => inputs.slice({ start: i, end: i + 1 }).contiguous());
  const sums = new Map<string, { del: number; ins: number; seconds: number; error: number; errors: number }>();
  let randomDel = 0;
  let randomIns = 0;
  samples.forEach((x, i) => {
    const target = targets[i]!;
    let randomDone = false;
    for (const [name, method] of Object.entries(methods)) {
      const started = performance.now();
      const result = method(model, x, { ...options.methodOptions?.[name], target });
      const seconds = (performance.now() - started) / 1000;
      const report = evaluatePerturbation(model, x, result.attribution, { ...options, target, randomOrders: randomDone ? 0 : (options.randomOrders ?? 3) });
      if (!randomDone) {
        randomDel += report.random.deletionAuc / n;
        randomIns += report.random.insertionAuc / n;
        randomDone = true;
      }
      const s = sums.get(name) ?? { del: 0, ins: 0, seconds: 0, error: 0, errors: 0 };
      const error = conservationError(result);
      sums.set(name, {
        del: s.del + report.deletion.auc / n,
        ins: s.ins + report.insertion.auc / n,
        seconds: s.seconds + seconds / n,
        error: s.error + (error ?? 0),
        errors: s.errors + (error === null ? 0 : 1),
      });
    }
  });
  const rows = [...sums].map(([method, s]) => ({
    method,
    deletionAuc: s.del,
    insertionAuc: s.ins,
    secondsPerImage: s.seconds,
    conservationError: s.errors === 0 ? null : s.error / s.errors,
  }));
  return { rows, random: { deletionAuc: randomDel, insertionAuc: randomIns }, samples: n };
}

/** The comparison as a markdown table, the random baseline as its last row. */
export function comparisonMarkdown(comparison: Comparison): string {
  const lines = [
    '| method | deletion AUC ↓ | insertion AUC ↑ | ms / image | completeness / conservation error |',
    '|---|---:|---:|---:|---:|',
    ...comparison.rows.map(
      (r) => `| ${r.method} | ${r.deletionAuc.toFixed(3)} | ${r.insertionAuc.toFixed(3)} | ${(r.secondsPerImage * 1000).toFixed(1)} | ${r.conservationError === null ? '—' : r.conservationError.toExponential(2)} |`,
    ),
    `| random order | ${comparison.random.deletionAuc.toFixed(3)} | ${comparison.random.insertionAuc.toFixed(3)} | — | — |`,
  ];
  return lines.join('\n');
}

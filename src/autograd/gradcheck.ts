import { AutogradError, DTypeError } from '../errors/index.js';
import { randn } from '../tensor/create.js';
import { Generator } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { viewIndices } from '../ops/view-index.js';
import { grad } from './backward.js';
import { noGrad } from './grad-mode.js';

export interface GradcheckOptions {
  /** Finite-difference step. @default 1e-6 */
  readonly eps?: number;
  /** @default 1e-5 */
  readonly atol?: number;
  /** @default 1e-3 */
  readonly rtol?: number;
  /** Number of random upstream gradients to check with. @default 2 */
  readonly projections?: number;
  /** Seed of the random upstream gradients. @default 0 */
  readonly seed?: number;
  /** Throw on a mismatch (as torch.autograd.gradcheck does) instead of returning the report. @default true */
  readonly raiseOnFailure?: boolean;
}

export interface GradcheckMismatch {
  readonly input: number;
  readonly element: number;
  readonly analytic: number;
  readonly numeric: number;
}

export interface GradcheckReport {
  readonly passed: boolean;
  readonly maxAbsError: number;
  readonly mismatches: readonly GradcheckMismatch[];
}

/**
 * Checks the analytic gradients of `fn` against central finite differences in float64.
 *
 * For a random upstream gradient v (of the output's shape) it compares vᵀ·J from autograd with
 * (f(x+eps) - f(x-eps)) / 2eps of the scalar vᵀ·fn(x), element by element of every input that
 * requires grad. Inputs may be non-contiguous views; their storage is perturbed in place.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const generator = new Generator(options.seed ?? 0);
  inputs.forEach((t, i) => {
    if (t.requiresGrad && t.dtype !== 'float64') {
      throw new DTypeError(`gradcheck: input ${i} is ${t.dtype}; finite differences need float64`, { hint: "create inputs with { dtype: 'float64' }" });
    }
  });
  const checked = inputs.map((t, i) => ({ t, i })).filter(({ t }) => t.requiresGrad);
  if (checked.length === 0) throw new AutogradError('gradcheck: no input requires grad');
  const mismatches: GradcheckMismatch[] = [];
  let maxAbsError = 0;

  for (let p = 0; p < (options.projections ?? 2); p++) {
    const out = fn(...inputs);
    const v = randn(out.shape, { dtype: 'float64', generator });
    const analytic = grad(out, checked.map(({ t }) => t), { gradOutputs: [v] });
    const projected = (): number => noGrad(() => fn(...inputs).mul(v).sum().item());
    checked.forEach(({ t, i }, k) => {
      const positions = viewIndices(t.shape, t.strides, t.offset);
      const a = analytic[k]!.contiguous().values();
      positions.forEach((position, element) => {
        const original = t.storage[position]!;
        t.storage[position] = original + eps;
        const plus = projected();
        t.storage[position] = original - eps;
        const minus = projected();
        t.storage[position] = original;
        const numeric = (plus - minus) / (2 * eps);
        const error = Math.abs(a[element]! - numeric);
        maxAbsError = Math.max(maxAbsError, Number.isNaN(error) ? Infinity : error);
        if (!(error <= atol + rtol * Math.abs(numeric))) mismatches.push({ input: i, element, analytic: a[element]!, numeric });
      });
    });
  }
  const report = { passed: mismatches.length === 0, maxAbsError, mismatches };
  if (!report.passed && (options.raiseOnFailure ?? true)) {
    const first = mismatches[0]!;
    throw new AutogradError(
      `gradcheck: ${mismatches.length} gradient entries differ from finite differences; first: input ${first.input}, element ${first.element}: analytic ${first.analytic}, numeric ${first.numeric}`,
      { expected: first.numeric, got: first.analytic },
    );
  }
  return report;
}

import { ConfigError } from '../../errors/index.js';

/** How the path integral of Integrated Gradients is approximated. */
export type IntegrationRule = 'riemann-left' | 'riemann-right' | 'riemann-middle' | 'riemann-trapezoid' | 'gauss-legendre';

export const integrationRules: readonly IntegrationRule[] = ['riemann-left', 'riemann-right', 'riemann-middle', 'riemann-trapezoid', 'gauss-legendre'];

/** Points α_k in [0, 1] and weights w_k with ∫₀¹ g(α) dα ≈ Σ_k w_k g(α_k). */
export interface Quadrature {
  readonly alphas: number[];
  readonly weights: number[];
}

/**
 * Nodes and weights of `steps`-point `rule` on [0, 1]. Gauss-Legendre nodes are the roots of the
 * Legendre polynomial P_n, found by Newton's method from Chebyshev guesses, with weights
 * 2 / ((1 − t²) P_n'(t)²) (Abramowitz & Stegun 25.4.29), mapped from [−1, 1] to [0, 1].
 */
export function quadrature(rule: IntegrationRule, steps: number): Quadrature {
  if (!Number.isInteger(steps) || steps < 1 || (rule === 'riemann-trapezoid' && steps < 2)) {
    throw new ConfigError(`integratedGradients: steps must be an integer >= ${rule === 'riemann-trapezoid' ? 2 : 1} for '${rule}', got ${steps}`);
  }
  const m = steps;
  const range = (f: (k: number) => number): number[] => Array.from({ length: m }, (_, k) => f(k));
  switch (rule) {
    case 'riemann-left':
      return { alphas: range((k) => k / m), weights: range(() => 1 / m) };
    case 'riemann-right':
      return { alphas: range((k) => (k + 1) / m), weights: range(() => 1 / m) };
    case 'riemann-middle':
      return { alphas: range((k) => (k + 0.5) / m), weights: range(() => 1 / m) };
    case 'riemann-trapezoid':
      return { alphas: range((k) => k / (m - 1)), weights: range((k) => (k === 0 || k === m - 1 ? 0.5 : 1) / (m - 1)) };
    case 'gauss-legendre':
      return gaussLegendre(m);
    default:
      throw new ConfigError(`integratedGradients: unknown rule '${String(rule)}'`, { expected: integrationRules.join(', '), got: rule });
  }
}

/** P_n(t) and P_n'(t) by the three-term recurrence (k+1)P_{k+1} = (2k+1) t P_k − k P_{k−1}. */
function legendre(n: number, t: number): [number, number] {
  let p0 = 1;
  let p1 = t;
  for (let k = 1; k < n; k++) [p0, p1] = [p1, ((2 * k + 1) * t * p1 - k * p0) / (k + 1)];
  const dp = n === 0 ? 0 : (n * (t * p1 - p0)) / (t * t - 1);
  return [p1, dp];
}

function gaussLegendre(n: number): Quadrature {
  const alphas: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let iter = 0; iter < 100; iter++) {
      const [p, dp] = legendre(n, t);
      const step = p / dp;
      t -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    const [, dp] = legendre(n, t);
    alphas.push((t + 1) / 2);
    weights.push(1 / ((1 - t * t) * dp * dp));
  }
  return { alphas, weights };
}

import type { Generator } from '../../tensor/random.js';

/**
 * A Gamma(shape, 1) draw by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3). For shape < 1 it uses the boost Gamma(shape) = Gamma(shape + 1) ·
 * U^(1/shape) from the same paper (section 6).
 */
export function sampleGamma(shape: number, gen: Generator): number {
  if (shape < 1) {
    const u = gen.random();
    return sampleGamma(shape + 1, gen) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = gen.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = gen.random();
    // Squeeze test first, then the full log test (equation 3 of the paper).
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A draw from the symmetric Dirichlet(alpha, ..., alpha) over `k` categories: normalized Gamma
 * draws. When every Gamma underflows to 0 (very small alpha), the limit is a one-hot vector on
 * a uniformly chosen category, which is returned.
 */
export function sampleDirichlet(alpha: number, k: number, gen: Generator): Float64Array {
  const p = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < k; i++) {
    p[i] = sampleGamma(alpha, gen);
    total += p[i]!;
  }
  if (!(total > 0)) {
    p.fill(0);
    p[gen.integer(0, k)] = 1;
    return p;
  }
  for (let i = 0; i < k; i++) p[i]! /= total;
  return p;
}

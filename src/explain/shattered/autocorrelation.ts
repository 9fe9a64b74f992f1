import { ConfigError } from '../../errors/index.js';

/**
 * The sample autocorrelation ρ(k) = Σᵢ (gᵢ − ḡ)(gᵢ₊ₖ − ḡ) / Σᵢ (gᵢ − ḡ)² for k = 0..maxLag. White
 * noise has ρ(k) ≈ 0 for k ≥ 1; a smooth sequence stays near 1 for small k. A constant sequence
 * counts as perfectly correlated (ρ ≡ 1).
 */
export function autocorrelation(sequence: ArrayLike<number>, maxLag: number): number[] {
  const n = sequence.length;
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= n) throw new ConfigError(`autocorrelation: maxLag must be in [0, ${n - 1}], got ${maxLag}`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sequence[i]! / n;
  const d = Float64Array.from({ length: n }, (_, i) => sequence[i]! - mean);
  const c0 = d.reduce((a, v) => a + v * v, 0);
  return Array.from({ length: maxLag + 1 }, (_, k) => {
    if (c0 <= 1e-300 * n) return 1;
    let ck = 0;
    for (let i = 0; i + k < n; i++) ck += d[i]! * d[i + k]!;
    return ck / c0;
  });
}

/**
 * The fraction of the (mean-removed) sequence's power above half the Nyquist frequency, from a
 * plain DFT: white noise puts about 1/2 of its power there, a smooth sequence almost none.
 */
export function highFrequencyPower(sequence: ArrayLike<number>): number {
  const n = sequence.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sequence[i]! / n;
  let high = 0;
  let total = 0;
  for (let k = 1; k <= Math.floor(n / 2); k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      const angle = (-2 * Math.PI * k * i) / n;
      re += (sequence[i]! - mean) * Math.cos(angle);
      im += (sequence[i]! - mean) * Math.sin(angle);
    }
    const power = re * re + im * im;
    total += power;
    if (k > n / 4) high += power;
  }
  return total === 0 ? 0 : high / total;
}
